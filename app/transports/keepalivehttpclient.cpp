#include "app/transports/keepalivehttpclient.h"

#include <QTcpSocket>

namespace wslab::app {

KeepAliveHttpClient::KeepAliveHttpClient(const QString &host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
    , m_host(host)
    , m_port(port)
    , m_hostHeader(host.toUtf8() + ':' + QByteArray::number(port))
{
    connect(m_socket, &QTcpSocket::connected, this, &KeepAliveHttpClient::writePending);
    connect(m_socket, &QTcpSocket::readyRead, this, &KeepAliveHttpClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &KeepAliveHttpClient::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        // A peer closing a kept-alive connection is handled in onDisconnected.
        if (error != QAbstractSocket::RemoteHostClosedError && m_socket->state() != QAbstractSocket::ConnectedState)
            fail(m_socket->errorString());
    });
}

KeepAliveHttpClient::~KeepAliveHttpClient()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

QByteArray KeepAliveHttpClient::requestHead(QByteArrayView method, QByteArrayView target, QByteArrayView host,
                                            qint64 bodySize, QByteArrayView contentType)
{
    QByteArray head;
    head.reserve(128 + target.size());
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
    head.append("Accept: application/json\r\n");
    if (!contentType.isEmpty())
        head.append("Content-Type: ").append(contentType).append("\r\n");
    if (bodySize > 0 || method == "POST")
        head.append("Content-Length: ").append(QByteArray::number(bodySize)).append("\r\n");
    head.append("\r\n");
    return head;
}

bool KeepAliveHttpClient::get(const QByteArray &target)
{
    QByteArray head = requestHead("GET", target, m_hostHeader, 0, {});
    const qint64 headBytes = head.size();
    m_idempotent = true;
    return send(std::move(head), headBytes, 0);
}

bool KeepAliveHttpClient::post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray head = requestHead("POST", target, m_hostHeader, body.size(), contentType);
    m_idempotent = false;
    return send(head + body, head.size(), body.size());
}

bool KeepAliveHttpClient::send(QByteArray request, qint64 headBytes, qint64 bodyBytes)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_retried = false;
    m_written = false;
    m_request = std::move(request);
    m_headBytes = headBytes;
    m_bodyBytes = bodyBytes;
    writePending();
    return true;
}

void KeepAliveHttpClient::writePending()
{
    if (!m_busy)
        return;
    switch (m_socket->state()) {
    case QAbstractSocket::ConnectedState:
        break;
    case QAbstractSocket::UnconnectedState:
        m_reader.reset();
        ++m_connectionsOpened;
        m_reusedConnection = false;
        m_socket->connectToHost(m_host, m_port);
        return; // connected() calls back
    default:
        return; // still connecting (or closing: disconnected() reconnects)
    }
    m_answerStarted = false;
    m_written = true;
    m_socket->write(m_request);
    Q_EMIT requestWritten(m_headBytes, m_bodyBytes);
}

void KeepAliveHttpClient::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!m_busy)
        return; // nothing asked: a stray byte would be a protocol error, but nobody waits for it
    m_answerStarted = true;
    const QList<HttpResponseReader::Response> responses = m_reader.feed(bytes);
    if (m_reader.hasFailed()) {
        fail(QString::fromLatin1(HttpResponseReader::errorReason(m_reader.error())));
        return;
    }
    if (responses.isEmpty())
        return;
    // One request at a time, so one answer; the server never sends more.
    const HttpResponseReader::Response &response = responses.first();
    m_busy = false;
    m_reusedConnection = true;
    if (response.header("Connection").compare("close", Qt::CaseInsensitive) == 0)
        m_socket->disconnectFromHost();
    Q_EMIT answered(response); // may start the next request
}

void KeepAliveHttpClient::onDisconnected()
{
    m_reader.reset();
    if (!m_busy)
        return;
    // The server may close an idle kept-alive connection just as a request goes out: a GET that
    // got no answer on a reused connection is tried once more on a new one (RFC 9112 §9.3.1).
    const bool retry = m_idempotent && m_reusedConnection && !m_answerStarted && !m_retried;
    if (!m_written || retry) {
        m_retried = m_retried || m_written;
        m_written = false;
        // Not from inside the socket's own disconnected() signal: reconnect on the next turn.
        QMetaObject::invokeMethod(this, &KeepAliveHttpClient::writePending, Qt::QueuedConnection);
        return;
    }
    fail(tr("the server closed the connection before answering"));
}

void KeepAliveHttpClient::fail(const QString &reason)
{
    const bool wasBusy = m_busy;
    m_busy = false;
    m_socket->abort();
    m_reader.reset();
    if (wasBusy)
        Q_EMIT failed(reason);
}

void KeepAliveHttpClient::abort()
{
    m_busy = false;
    m_socket->abort();
    m_reader.reset();
}

} // namespace wslab::app
