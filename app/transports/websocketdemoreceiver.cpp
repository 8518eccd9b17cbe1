#include "app/transports/websocketdemoreceiver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>

namespace wslab::app {

WebSocketDemoReceiver::WebSocketDemoReceiver(const QString &host, quint16 port, const QString &nick,
                                             const DemoScript &script, DemoTally &tally, QObject *parent)
    : DemoReceiver(capture::Transport::WebSocket, script, tally, parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
    , m_host(host)
    , m_port(port)
    , m_nick(nick)
{
    connect(m_socket, &QWebSocket::textFrameReceived, this,
            [this](const QString &frame, bool) { onFrame(frame); });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebSocketDemoReceiver::onMessage);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this] {
        if (!m_stopping)
            Q_EMIT failed(tr("WebSocket: %1").arg(m_socket->errorString()));
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_leaving)
            Q_EMIT left();
        else if (!m_stopping)
            Q_EMIT failed(tr("WebSocket: the server closed the connection (%1)").arg(int(m_socket->closeCode())));
    });
}

WebSocketDemoReceiver::~WebSocketDemoReceiver()
{
    m_stopping = true;
    m_socket->disconnect(this);
}

void WebSocketDemoReceiver::start()
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(QStringLiteral("/chatsocket"));
    url.setQuery(QUrlQuery{{QStringLiteral("nick"), m_nick}, {QStringLiteral("room"), script().room()}});
    m_socket->open(url);
}

void WebSocketDemoReceiver::stop()
{
    m_stopping = true;
    // A polite close where there is a connection to close (RFC 6455 §7.1.2); otherwise just drop it.
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("demo over"));
    else
        m_socket->abort();
}

void WebSocketDemoReceiver::leave()
{
    setCounting(false);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        stop();
        Q_EMIT left();
        return;
    }
    // The server's close frame answers ours and it closes the TCP connection (RFC 6455 §7.1.1):
    // disconnected() says the closing handshake is complete.
    m_leaving = true;
    stop();
}

void WebSocketDemoReceiver::onFrame(const QString &frame)
{
    if (isCounting())
        tally().countFrame(frame.toUtf8().size());
}

void WebSocketDemoReceiver::onMessage(const QString &message)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
    if (object.value(QLatin1String("type")).toString() == QLatin1String("welcome")) {
        markReady();
        return;
    }
    handleEntry(object, now);
}

} // namespace wslab::app
