#include "clientsocket.h"

#include "capture/hostsocketaddress.h"
#include "capture/liverecorder.h"
#include "capture/sockettlsinfo.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

namespace wslab::client {

QAbstractSocket *makeClientSocket(const ClientSettings &settings, QObject *context, const std::function<void()> &ready)
{
    if (!settings.url.secure) {
        auto *socket = new QTcpSocket(context);
        QObject::connect(socket, &QAbstractSocket::connected, context, ready);
        return socket;
    }
    auto *socket = new QSslSocket(context);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (settings.insecure)
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!settings.caFile.isEmpty())
        tls.addCaCertificates(QSslCertificate::fromPath(settings.caFile, QSsl::Pem));
    socket->setSslConfiguration(tls);
    QObject::connect(socket, &QSslSocket::encrypted, context, ready);
    return socket;
}

void startClientSocket(QAbstractSocket *socket, const ServerUrl &url)
{
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->connectToHostEncrypted(url.host, url.port);
    else
        socket->connectToHost(url.host, url.port);
}

void recordConnectionStart(capture::LiveRecorder &recorder, quint64 id, const QAbstractSocket &socket)
{
    // wss: the ConnectionOpened record names the TLS session (version, cipher, the server's chain),
    // as the proxy's does for a wss upstream, so the handshake view shows it.
    if (const auto *ssl = qobject_cast<const QSslSocket *>(&socket))
        recorder.annotateTls(id, capture::tlsInfoOf(*ssl));
    recorder.connectionOpened(id, capture::socketAddressOf(socket.localAddress(), socket.localPort()),
                              capture::socketAddressOf(socket.peerAddress(), socket.peerPort()), recorder.nowNs(), true);
}

void recordConnectionEnd(capture::LiveRecorder &recorder, quint64 id)
{
    const qint64 now = recorder.nowNs();
    recorder.directionEnded(id, capture::Direction::Inbound, false, now);
    recorder.directionEnded(id, capture::Direction::Outbound, false, now);
    recorder.connectionClosed(id, now);
}

ClientFailure clientFailureFor(QAbstractSocket::SocketError error) noexcept
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return ClientFailure::Refused;
    case QAbstractSocket::HostNotFoundError: return ClientFailure::HostNotFound;
    case QAbstractSocket::SocketTimeoutError: return ClientFailure::TimedOut;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return ClientFailure::TlsFailed;
    case QAbstractSocket::RemoteHostClosedError: return ClientFailure::ConnectionLost;
    default: return ClientFailure::NetworkError;
    }
}

} // namespace wslab::client
