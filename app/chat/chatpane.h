#pragma once

#include "server/clientinfo.h"

#include <QByteArray>
#include <QWidget>

#include <deque>

QT_BEGIN_NAMESPACE
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTreeView;
class QUrl;
QT_END_NAMESPACE

namespace wslab::app {

class ClientListModel;

// The desktop user's side of the chat: who is connected, what was said, and the ways to talk back
// that show the protocol at work (binary, big messages for the length tiers, fragments, ping, close
// with a chosen code). It only asks: MainWindow turns the requests into ServerHost calls.
// In client mode (issue 11) the same tools talk to the one server wslab is connected to: the
// requests become the client* signals (ClientHost calls) and the server's messages are shown.
class ChatPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr quint64 everyone = 0;
    static constexpr int maxConversationLines = 5000;
    // A longer chat line shows this many characters and a "Show all" link (as the page does); the
    // whole text of the latest long lines is kept for it, up to keptLongTextChars characters.
    static constexpr qsizetype previewChars = 280;
    static constexpr qsizetype keptLongTextChars = 16 * 1024 * 1024;

    explicit ChatPane(ClientListModel *clients, QWidget *parent = nullptr);

    [[nodiscard]] quint64 target() const; // a connection id, or `everyone`
    void setTarget(quint64 connectionId);
    [[nodiscard]] QString conversationText() const; // plain text, for tests and copying
    [[nodiscard]] QString lastRoundTripText() const;

    // Sizes offered for generated messages: one per length tier of RFC 6455 §5.2 (7-bit, 16-bit,
    // and two 64-bit ones, the second above the browser's typical 1 MiB frame).
    [[nodiscard]] static QList<qint64> generatedSizes();
    [[nodiscard]] static QByteArray generatedMessage(qint64 size);

public Q_SLOTS:
    void sendText(const QString &text);
    void sendPing(const QByteArray &payload);
    void closeTarget(quint16 code, const QString &reason);

    void addChatEntry(const wslab::server::ChatEntry &entry);
    void addSystemLine(const QString &text);
    void onClientConnected(const wslab::server::ClientInfo &client);
    void onClientDisconnected(quint64 connectionId, quint16 closeCode);
    void onPollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs);
    void onPong(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs);
    void clearConversation();

    // Client mode: no client list, one target (the server), the server's words in the log.
    void setClientMode(bool on);
    void setClientOpen(bool open, const QString &serverUrl);
    void addServerMessage(bool binary, const QByteArray &payload);
    void onServerPong(const QByteArray &payload, qint64 roundTripNs);

Q_SIGNALS:
    void postChatRequested(const QString &text);
    // A chat line to one client (private) or in several frames: still chat from the desk.
    void chatMessageRequested(quint64 connectionId, const QString &text, int fragments);
    void sendMessageRequested(quint64 connectionId, bool binary, const QByteArray &payload, int fragments);
    void pingRequested(quint64 connectionId, const QByteArray &payload);
    void closeRequested(quint64 connectionId, quint16 code, const QString &reason);
    // Client mode: to the server wslab is connected to.
    void clientMessageRequested(bool binary, const QByteArray &payload, int fragments);
    void clientPingRequested(const QByteArray &payload);
    void clientCloseRequested(quint16 code, const QString &reason);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createBinaryTab();
    QWidget *createGenerateTab();
    QWidget *createPingTab();
    QWidget *createCloseTab();
    void retranslateUi();
    void refillTargets();
    void fillCloseCodes();
    void updateGeneratedHint();
    void updateEnabled();
    void sendFromLine();
    void sendHex();
    void sendFile();
    void sendGenerated();
    void sendPingFromUi();
    void closeFromUi();
    void sendData(bool binary, const QByteArray &payload);
    void appendHtml(const QString &html);
    void appendChatLine(const QString &from, const QString &text, qint64 timeMs, const QString &marker = {});
    // The text escaped for the log, cut to previewChars with a link to the whole of it.
    [[nodiscard]] QString shortenedHtml(const QString &text);
    void showLongText(const QUrl &link);
    [[nodiscard]] QString targetName(quint64 connectionId) const;
    [[nodiscard]] int fragments() const;
    void showPongLine(const QString &from, const QByteArray &payload, qint64 roundTripNs);

    ClientListModel *m_clients;
    QTreeView *m_clientView = nullptr;
    QTextBrowser *m_conversation = nullptr;
    QLabel *m_toLabel = nullptr;
    QComboBox *m_target = nullptr;
    QLabel *m_fragmentsLabel = nullptr;
    QSpinBox *m_fragments = nullptr;
    QLineEdit *m_line = nullptr;
    QPushButton *m_send = nullptr;
    QTabWidget *m_tools = nullptr;

    QLabel *m_binaryHint = nullptr;
    QLineEdit *m_hex = nullptr;
    QPushButton *m_sendHex = nullptr;
    QPushButton *m_sendFile = nullptr;

    QLabel *m_sizeLabel = nullptr;
    QComboBox *m_size = nullptr;
    QComboBox *m_generatedKind = nullptr;
    QPushButton *m_sendGenerated = nullptr;
    QLabel *m_generatedHint = nullptr;

    QLabel *m_pingLabel = nullptr;
    QLineEdit *m_pingPayload = nullptr;
    QPushButton *m_ping = nullptr;
    QLabel *m_rtt = nullptr;
    QString m_lastRtt;

    QLabel *m_codeLabel = nullptr;
    QComboBox *m_closeCode = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QLineEdit *m_closeReason = nullptr;
    QPushButton *m_close = nullptr;
    QLabel *m_closeHint = nullptr;

    // The whole text behind each "Show all" link, oldest first, within keptLongTextChars.
    struct LongText
    {
        int id = 0;
        QString text;
    };
    std::deque<LongText> m_longTexts;
    qsizetype m_longTextChars = 0;
    int m_nextLongTextId = 1;

    bool m_clientMode = false;
    bool m_clientOpen = false;
    QString m_serverUrl;
};

} // namespace wslab::app
