#pragma once

#include "capture/capturerecord.h"
#include "connectionends.h"
#include "server/protocol/acceptderivation.h"
#include "server/protocol/httprequesthead.h"
#include "server/protocol/upgraderesponse.h"

#include <QWidget>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QTextBrowser;
QT_END_NAMESPACE

namespace wslab::inspector {

// The opening handshake (RFC 6455 §4): the upgrade request and the server's answer side by side,
// the headers that matter highlighted, whether the request follows §4.2.1, which of the client's
// §4.1 checks the response passes and which it breaks, and the accept derivation step by step
// (Sec-WebSocket-Key → key + GUID → SHA-1 → base64 → compared with the Sec-WebSocket-Accept that
// was sent).
class HandshakeView : public QWidget
{
    Q_OBJECT
public:
    explicit HandshakeView(QWidget *parent = nullptr);

    void setExchange(const QByteArray &request, const QByteArray &response);
    // The handshake of the request's connection; the headings name that connection.
    void setRecords(const capture::CaptureRecord &request, const capture::CaptureRecord *response);
    // The selected row's connection has no opening handshake in the capture (plain HTTP: the page,
    // polling), so none is shown rather than another connection's.
    void showNoHandshake(quint64 connectionId);
    // The ConnectionOpened record of the connection on show (nullptr: not in the capture): a line
    // names both of its ends and, for a proxy's wss:// upstream, the TLS session it agreed.
    void setConnection(const capture::CaptureRecord *opened);
    // Names the ends in the headings in the words of the mode (a browser, wslab, the upstream).
    void setEnds(ConnectionEnds ends);
    void clear();

    // The connection whose handshake is shown (or that has none); 0 when none is named.
    [[nodiscard]] quint64 connectionId() const noexcept { return m_connectionId; }
    [[nodiscard]] QString requestHeadingText() const;
    [[nodiscard]] QString connectionText() const; // empty when hidden
    // For the views and the tests: what is shown.
    [[nodiscard]] std::optional<protocol::AcceptDerivation> derivation() const { return m_derivation; }
    [[nodiscard]] QByteArray sentAccept() const { return m_sentAccept; }
    [[nodiscard]] std::optional<bool> acceptMatches() const; // empty without a key or an accept
    [[nodiscard]] QString validationText() const;
    // The §4.1 checks the response fails (empty: a browser opens the connection); nullopt without a
    // parsed request and response to check.
    [[nodiscard]] std::optional<QList<protocol::UpgradeResponseError>> responseErrors() const
    {
        return m_responseErrors;
    }
    // One line per §4.1 check, "✓" or "✗" first, or why the response could not be checked.
    [[nodiscard]] QString responseChecksText() const;
    [[nodiscard]] QString derivationText() const;
    [[nodiscard]] QString requestHtml() const;
    [[nodiscard]] QString responseHtml() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    [[nodiscard]] QString clientLabel() const;
    [[nodiscard]] QString serverLabel() const;
    [[nodiscard]] static QWidget *messageColumn(QLabel *heading, QTextBrowser *box, QLabel *verdict, QWidget *parent);
    // A box as tall as its text, within bounds (RFC 6455 messages are a few short lines).
    void fitToContents(QTextBrowser *box);
    void retranslate();
    void updateRequestHeading();
    void updateConnectionText();
    void render();
    // Shows the request; returns its head when it parses.
    std::optional<protocol::HttpRequestHead> renderRequest(const QString &pre);
    void renderResponse(const QString &pre, const std::optional<protocol::HttpRequestHead> &request);
    [[nodiscard]] QString headerLinesHtml(const QList<protocol::HttpHeader> &headers) const;
    [[nodiscard]] QString checklistText(const QList<protocol::UpgradeResponseError> &failed) const;
    [[nodiscard]] QString acceptVerdict(bool match) const;

    QByteArray m_request;
    QByteArray m_response;
    QString m_clientAddress; // from the ConnectionOpened record; empty: no line
    QString m_serverAddress;
    std::shared_ptr<const capture::TlsInfo> m_tls;
    ConnectionEnds m_ends = ConnectionEnds::ClientAndServer;
    QLabel *m_connection = nullptr;
    quint64 m_connectionId = 0;
    bool m_noHandshake = false; // m_connectionId has no handshake in the capture
    std::optional<protocol::AcceptDerivation> m_derivation;
    QByteArray m_sentAccept;
    std::optional<QList<protocol::UpgradeResponseError>> m_responseErrors;
    QTextBrowser *m_requestView = nullptr;
    QTextBrowser *m_responseView = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_responseChecks = nullptr;
    QTextBrowser *m_derivationView = nullptr;
    QLabel *m_requestHeading = nullptr;
    QLabel *m_responseHeading = nullptr;
    QLabel *m_derivationHeading = nullptr;
};

} // namespace wslab::inspector
