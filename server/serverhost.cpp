#include "serverhost.h"

#include "capture/capturebacklog.h"
#include "capture/capturestream.h"
#include "websocketserver.h"

#include "net/epolleventdispatcher.h"

#include <QThread>

namespace wslab::server {

namespace {

void registerMetaTypes()
{
    // Queued across threads by name as well as by type (the signals spell the full names).
    qRegisterMetaType<capture::CaptureRecord>("wslab::capture::CaptureRecord");
    qRegisterMetaType<capture::CaptureBatch>("wslab::capture::CaptureBatch");
    qRegisterMetaType<ClientInfo>("wslab::server::ClientInfo");
    qRegisterMetaType<ChatEntry>("wslab::server::ChatEntry");
    qRegisterMetaType<TransportStats>("wslab::server::TransportStats");
    qRegisterMetaType<ServerSettings>("wslab::server::ServerSettings");
    qRegisterMetaType<HandshakeFault>("wslab::server::HandshakeFault");
}

} // namespace

ServerHost::ServerHost(const ServerSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    registerMetaTypes();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("wslab server"));
    m_thread->setEventDispatcher(new net::EpollEventDispatcher);
    m_server = new WebSocketServer(settings);
    m_server->captureStream().setBacklog(m_captureBacklog);
    m_server->moveToThread(m_thread);

    // Signal to signal: each arrives queued in this object's thread.
    connect(m_server, &WebSocketServer::listening, this, &ServerHost::listening);
    connect(m_server, &WebSocketServer::listenFailed, this, &ServerHost::listenFailed);
    // Receivers connect directly to capturedBatch(), so when it returns the batch is dealt with.
    connect(m_server, &WebSocketServer::capturedBatch, this, [this](const capture::CaptureBatch &batch) {
        Q_EMIT capturedBatch(batch);
        m_captureBacklog->release(capture::CaptureBacklog::weightOf(batch));
    });
    connect(m_server, &WebSocketServer::clientConnected, this, &ServerHost::clientConnected);
    connect(m_server, &WebSocketServer::clientUpdated, this, &ServerHost::clientUpdated);
    connect(m_server, &WebSocketServer::clientDisconnected, this, &ServerHost::clientDisconnected);
    connect(m_server, &WebSocketServer::pollingClientLeft, this, &ServerHost::pollingClientLeft);
    connect(m_server, &WebSocketServer::chatEntry, this, &ServerHost::chatEntry);
    connect(m_server, &WebSocketServer::pongReceived, this, &ServerHost::pongReceived);
    connect(m_server, &WebSocketServer::transportStatsChanged, this, &ServerHost::transportStats);
    connect(m_server, &WebSocketServer::stopped, this, &ServerHost::stopped);
    m_thread->start();
}

ServerHost::~ServerHost()
{
    // The one place that waits for the worker: close frames 1001 are written, every socket is
    // closed, the server is deleted in its own thread, then the thread ends.
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [server] {
        server->shutdownNow();
        delete server;
        QThread::currentThread()->quit();
    }, Qt::QueuedConnection);
    m_thread->wait();
}

void ServerHost::start()
{
    QMetaObject::invokeMethod(m_server, &WebSocketServer::start, Qt::QueuedConnection);
}

void ServerHost::stop()
{
    QMetaObject::invokeMethod(m_server, &WebSocketServer::stop, Qt::QueuedConnection);
}

void ServerHost::applySettings(const ServerSettings &settings)
{
    m_settings = settings;
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [server, settings] { server->applySettings(settings); }, Qt::QueuedConnection);
}

void ServerHost::postChatMessage(const QString &text)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [server, text] { server->postChatMessage(text); }, Qt::QueuedConnection);
}

void ServerHost::sendChatMessage(quint64 connectionId, const QString &text, int fragments)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->sendChatMessage(connectionId, text, fragments); },
                              Qt::QueuedConnection);
}

void ServerHost::sendMessage(quint64 connectionId, bool binary, const QByteArray &payload, int fragments)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->sendMessage(connectionId, binary, payload, fragments); },
                              Qt::QueuedConnection);
}

void ServerHost::sendPing(quint64 connectionId, const QByteArray &payload)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->sendPing(connectionId, payload); }, Qt::QueuedConnection);
}

void ServerHost::closeConnection(quint64 connectionId, quint16 code, const QString &reason)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->closeConnection(connectionId, code, reason); },
                              Qt::QueuedConnection);
}

void ServerHost::sendRawFrame(quint64 connectionId, const QByteArray &wireBytes)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->sendRawFrame(connectionId, wireBytes); }, Qt::QueuedConnection);
}

void ServerHost::setHoldIncoming(bool hold)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->setHoldIncoming(hold); }, Qt::QueuedConnection);
}

void ServerHost::deliverNextHeld()
{
    QMetaObject::invokeMethod(m_server, &WebSocketServer::deliverNextHeld, Qt::QueuedConnection);
}

void ServerHost::deliverAllHeld()
{
    QMetaObject::invokeMethod(m_server, &WebSocketServer::deliverAllHeld, Qt::QueuedConnection);
}

void ServerHost::setHandshakeFault(HandshakeFault fault)
{
    WebSocketServer *server = m_server;
    QMetaObject::invokeMethod(server, [=] { server->setHandshakeFault(fault); }, Qt::QueuedConnection);
}

void ServerHost::requestTransportStats()
{
    QMetaObject::invokeMethod(m_server, &WebSocketServer::publishTransportStats, Qt::QueuedConnection);
}

} // namespace wslab::server
