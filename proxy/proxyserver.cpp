#include "proxyserver.h"

#include "proxyconnection.h"

#include "net/socketpoller.h"

#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpSocket>

namespace wslab::proxy {

ProxyServer::ProxyServer(const ProxySettings &settings, capture::CaptureStream *capture, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_recorder(capture)
    , m_poller(new net::SocketPoller(this))
{
    connect(&m_listener, &QTcpServer::newConnection, this, &ProxyServer::onNewConnection);
}

ProxyServer::~ProxyServer()
{
    for (ProxyConnection *connection : std::as_const(m_connections))
        connection->disconnect(this);
    qDeleteAll(m_connections);
}

QString ProxyServer::url() const
{
    const QHostAddress address = m_listener.serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]").arg(address.toString())
            : address.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(m_listener.serverPort());
}

bool ProxyServer::loadTlsConfiguration(QString &error)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    if (m_settings.insecure)
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (m_settings.caFile.isEmpty())
        return true;
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_settings.caFile, QSsl::Pem);
    if (certificates.isEmpty()) {
        error = tr("no PEM certificate in %1").arg(m_settings.caFile);
        return false;
    }
    m_tls.addCaCertificates(certificates);
    return true;
}

bool ProxyServer::start()
{
    if (QString error; !loadTlsConfiguration(error)) {
        Q_EMIT listenFailed(error, m_settings.port);
        return false;
    }
    const QHostAddress address = m_settings.bindAddress.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
            ? QHostAddress(QHostAddress::LocalHost)
            : QHostAddress(m_settings.bindAddress);
    if (!m_listener.listen(address, m_settings.port)) {
        Q_EMIT listenFailed(m_listener.errorString(), m_settings.port);
        return false;
    }
    Q_EMIT listening(url(), m_listener.serverPort());
    return true;
}

void ProxyServer::stop()
{
    m_listener.close();
    const QList<ProxyConnection *> connections = m_connections.values();
    for (ProxyConnection *connection : connections)
        connection->abort();
    Q_EMIT stopped();
}

qint64 ProxyServer::bufferedBytes() const
{
    qint64 total = 0;
    for (const ProxyConnection *connection : m_connections)
        total += connection->bufferedBytes();
    return total;
}

void ProxyServer::onNewConnection()
{
    while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
        const quint64 id = m_nextId++;
        auto *connection = new ProxyConnection(id, socket, *m_poller, m_settings, m_tls, &m_recorder, this);
        m_connections.insert(id, connection);
        connect(connection, &ProxyConnection::finished, this, [this](quint64 finishedId) {
            m_connections.remove(finishedId);
            Q_EMIT connectionFinished(finishedId);
        });
        connect(connection, &ProxyConnection::frameHeld, this, &ProxyServer::frameHeld);
        connect(connection, &ProxyConnection::heldFrameGone, this, &ProxyServer::heldFrameGone);
        for (const capture::Direction direction : {capture::Direction::Inbound, capture::Direction::Outbound})
            connection->setIntercept(direction, m_interceptNew[int(direction)]);
        connection->start();
    }
}

void ProxyServer::setInterceptNewConnections(capture::Direction direction, bool on)
{
    m_interceptNew[int(direction)] = on;
}

bool ProxyServer::setIntercept(quint64 connectionId, capture::Direction direction, bool on)
{
    ProxyConnection *relayed = connection(connectionId);
    if (!relayed || !m_settings.intercept)
        return false;
    relayed->setIntercept(direction, on);
    return true;
}

bool ProxyServer::isIntercepting(quint64 connectionId, capture::Direction direction) const
{
    const ProxyConnection *relayed = connection(connectionId);
    return relayed && relayed->isIntercepting(direction);
}

QList<HeldFrame> ProxyServer::heldFrames(quint64 connectionId, capture::Direction direction) const
{
    const ProxyConnection *relayed = connection(connectionId);
    return relayed ? relayed->heldFrames(direction) : QList<HeldFrame>();
}

bool ProxyServer::forwardHeld(quint64 connectionId, capture::Direction direction, quint64 heldId)
{
    ProxyConnection *relayed = connection(connectionId);
    return relayed && relayed->forwardHeld(direction, heldId);
}

bool ProxyServer::dropHeld(quint64 connectionId, capture::Direction direction, quint64 heldId)
{
    ProxyConnection *relayed = connection(connectionId);
    return relayed && relayed->dropHeld(direction, heldId);
}

bool ProxyServer::replaceHeld(quint64 connectionId, capture::Direction direction, quint64 heldId,
                              const FrameEdit &edit)
{
    ProxyConnection *relayed = connection(connectionId);
    return relayed && relayed->replaceHeld(direction, heldId, edit);
}

bool ProxyServer::inject(quint64 connectionId, capture::Direction direction, const FrameEdit &edit)
{
    ProxyConnection *relayed = connection(connectionId);
    return relayed && relayed->inject(direction, edit);
}

} // namespace wslab::proxy
