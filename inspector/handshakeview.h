#pragma once

#include "server/capturerecord.h"
#include "server/protocol/acceptderivation.h"
#include "server/protocol/httprequesthead.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QTextBrowser;
QT_END_NAMESPACE

namespace wslab::inspector {

// The opening handshake (RFC 6455 §4): the upgrade request and the server's answer side by side,
// the headers that matter highlighted, whether the request follows §4.2.1, and the accept
// derivation step by step (Sec-WebSocket-Key → key + GUID → SHA-1 → base64 → compared with the
// Sec-WebSocket-Accept that was sent).
class HandshakeView : public QWidget
{
    Q_OBJECT
public:
    struct ResponseHead
    {
        QString statusLine;
        QList<protocol::HttpHeader> headers;
    };

    explicit HandshakeView(QWidget *parent = nullptr);

    void setExchange(const QByteArray &request, const QByteArray &response);
    void setRecords(const server::CaptureRecord &request, const server::CaptureRecord *response);
    void clear();

    // For the views and the tests: what is shown.
    [[nodiscard]] std::optional<protocol::AcceptDerivation> derivation() const { return m_derivation; }
    [[nodiscard]] QByteArray sentAccept() const { return m_sentAccept; }
    [[nodiscard]] std::optional<bool> acceptMatches() const; // empty without a key or an accept
    [[nodiscard]] QString validationText() const;
    [[nodiscard]] QString derivationText() const;
    [[nodiscard]] QString requestHtml() const;
    [[nodiscard]] QString responseHtml() const;

    // The field lines of a response head, read with the protocol's request parser: field-line
    // syntax is the same for requests and responses (RFC 9112 §5), only the start line differs.
    [[nodiscard]] static std::optional<ResponseHead> readResponseHead(const QByteArray &response);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    [[nodiscard]] QString headerLinesHtml(const QList<protocol::HttpHeader> &headers) const;

    QByteArray m_request;
    QByteArray m_response;
    std::optional<protocol::AcceptDerivation> m_derivation;
    QByteArray m_sentAccept;
    QTextBrowser *m_requestView = nullptr;
    QTextBrowser *m_responseView = nullptr;
    QLabel *m_validation = nullptr;
    QTextBrowser *m_derivationView = nullptr;
};

} // namespace wslab::inspector
