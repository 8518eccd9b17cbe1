#include "websocketserver.h"

#include "capture/capturestream.h"
#include "httpconnection.h"
#include "pollingendpoint.h"
#include "net/tcpstream.h"
#include "websocketsession.h"

#include "protocol/closecode.h"
#include "protocol/httpresponse.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>
#include <QTimerEvent>

#include <functional>

namespace wslab::server {

using namespace protocol;

namespace {

constexpr int housekeepingIntervalMs = 250;
constexpr int listenBacklog = 1024; // many clients connecting at once must not wait for SYN retries

bool isWildcardOrLoopback(const QHostAddress &address)
{
    return address.isLoopback() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4
            || address == QHostAddress::AnyIPv6;
}

QHostAddress bindAddressOf(const QString &text)
{
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(text);
}

} // namespace

// QTcpServer accepts (and owns the listening socket); each accepted descriptor goes to a TcpStream
// instead of a QTcpSocket.
class WebSocketServer::Listener : public QTcpServer
{
public:
    Listener(std::function<void(qintptr)> onAccepted, QObject *parent)
        : QTcpServer(parent)
        , m_onAccepted(std::move(onAccepted))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_onAccepted(descriptor); }

private:
    std::function<void(qintptr)> m_onAccepted;
};

WebSocketServer::WebSocketServer(const ServerSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_chat(settings.chatHistoryLimit, settings.chatHistoryBytes)
    , m_staticFiles(settings.staticRoot)
    , m_readBuffer(readChunkSize, Qt::Uninitialized)
{
    m_capture = new capture::CaptureStream(this);
    m_capture->setPayloadCap(settings.capturePayloadCap);
    m_capture->setEnabled(settings.captureEnabled);
    m_capturing = settings.captureEnabled;
    connect(m_capture, &capture::CaptureStream::batchReady, this, &WebSocketServer::capturedBatch);
    m_polling = new PollingEndpoint(*this);
    m_poller = new net::SocketPoller(this);
    m_listener = new Listener([this](qintptr descriptor) { addConnection(descriptor); }, this);
    m_listener->setListenBacklogSize(listenBacklog);
    updateOriginPolicy();
    m_housekeepingTimer.start(housekeepingIntervalMs, Qt::CoarseTimer, this);
}

WebSocketServer::~WebSocketServer()
{
    // Connections are children: QObject disconnects them before deleting them, so the sockets they
    // abort on the way out cannot call back into this half-destroyed server.
    m_capture->disconnect(this);
}

bool WebSocketServer::isListening() const
{
    return m_listener->isListening();
}

quint16 WebSocketServer::serverPort() const
{
    return m_listener->isListening() ? m_listener->serverPort() : m_settings.port;
}

QString WebSocketServer::url() const
{
    const QHostAddress address = bindAddressOf(m_settings.bindAddress);
    QString host = QStringLiteral("127.0.0.1");
    if (!isWildcardOrLoopback(address)) {
        host = address.toString();
        if (address.protocol() == QAbstractSocket::IPv6Protocol)
            host = QLatin1Char('[') + host + QLatin1Char(']');
    }
    return QStringLiteral("http://%1:%2/").arg(host).arg(serverPort());
}

// ---------------------------------------------------------------------------------------------
// Listening, stopping, settings

bool WebSocketServer::start()
{
    if (m_listener->isListening())
        return true;
    m_stopping = false;
    m_stoppedEmitted = false;
    const QHostAddress address = bindAddressOf(m_settings.bindAddress);
    if (address.isNull()) {
        m_listenFailed = true;
        Q_EMIT listenFailed(tr("invalid bind address \"%1\"").arg(m_settings.bindAddress), m_settings.port);
        return false;
    }
    if (!m_listener->listen(address, m_settings.port)) {
        m_listenFailed = true;
        Q_EMIT listenFailed(m_listener->errorString(), m_settings.port);
        return false;
    }
    m_listenFailed = false;
    updateOriginPolicy();
    updateTimers();
    Q_EMIT listening(url(), serverPort());
    return true;
}

void WebSocketServer::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_listener->close();
    m_polling->answerAllParked();
    const auto sessions = m_sessions;
    for (WebSocketSession *session : sessions)
        session->close(quint16(CloseCode::GoingAway), QStringLiteral("server shutting down"));
    const auto connections = m_http;
    for (HttpConnection *connection : connections)
        connection->closeWhenIdle();
    // Peers that do not finish the closing handshake are dropped by then.
    m_stopTimer.start(qMax(1, m_settings.closeTimeoutMs) + 500, Qt::CoarseTimer, this);
    checkStopped();
}

void WebSocketServer::shutdownNow()
{
    m_stopping = true;
    m_listener->close();
    m_polling->answerAllParked();
    const auto sessions = m_sessions;
    for (WebSocketSession *session : sessions) {
        session->close(quint16(CloseCode::GoingAway), QStringLiteral("server shutting down"));
        session->closeNow();
    }
    const auto connections = m_http;
    for (HttpConnection *connection : connections)
        connection->closeNow();
    checkStopped();
    m_capture->flush();
}

void WebSocketServer::checkStopped()
{
    if (!m_stopping || m_stoppedEmitted || connectionCount() > 0)
        return;
    m_stoppedEmitted = true;
    m_stopTimer.stop();
    publishClientUpdates();
    m_capture->flush();
    Q_EMIT stopped();
}

void WebSocketServer::applySettings(const ServerSettings &settings)
{
    const ServerSettings old = m_settings;
    m_settings = settings;
    m_capturing = settings.captureEnabled;
    m_capture->setEnabled(settings.captureEnabled);
    m_capture->setPayloadCap(settings.capturePayloadCap);
    if (settings.staticRoot != old.staticRoot)
        m_staticFiles = StaticFiles(settings.staticRoot);
    m_chat.setHistoryLimits(settings.chatHistoryLimit, settings.chatHistoryBytes);
    for (auto &[name, room] : m_sideRooms)
        room.setHistoryLimits(settings.chatHistoryLimit, settings.chatHistoryBytes);
    updateOriginPolicy();
    updateTimers();
    // A new address is taken at once; a server that could not listen (the port was busy) tries
    // again with whatever it is given now, rather than wait for a restart.
    const bool moved = settings.bindAddress != old.bindAddress || settings.port != old.port;
    if ((m_listener->isListening() && moved) || (m_listenFailed && !m_stopping)) {
        m_listener->close();
        start();
    }
}

void WebSocketServer::updateOriginPolicy()
{
    // The page's own origin; 127.0.0.1, localhost and [::1] count as one (isOriginAllowed).
    const QHostAddress address = bindAddressOf(m_settings.bindAddress);
    QString host = QStringLiteral("127.0.0.1");
    if (!address.isNull() && !isWildcardOrLoopback(address)) {
        host = address.toString();
        if (address.protocol() == QAbstractSocket::IPv6Protocol)
            host = QLatin1Char('[') + host + QLatin1Char(']');
    }
    m_originPolicy.ownOrigin = QStringLiteral("http://%1:%2").arg(host).arg(serverPort()).toLatin1();
    m_originPolicy.allowedOrigins = m_settings.allowedOrigins;
    m_originPolicy.allowAnyOrigin = m_settings.allowAnyOrigin || m_settings.allowedOrigins.contains(QStringLiteral("*"));
}

bool WebSocketServer::isOriginAllowed(QByteArrayView origin) const
{
    return protocol::isOriginAllowed(origin, m_originPolicy.ownOrigin, m_originPolicy.allowedOrigins,
                                     m_originPolicy.allowAnyOrigin);
}

void WebSocketServer::updateTimers()
{
    if (m_settings.pingIntervalMs > 0)
        m_pingTimer.start(qMax(50, m_settings.pingIntervalMs / 4), Qt::CoarseTimer, this);
    else
        m_pingTimer.stop();
}

// ---------------------------------------------------------------------------------------------
// Connections

void WebSocketServer::addConnection(qintptr descriptor)
{
    auto *stream = new net::TcpStream(descriptor, *m_poller, this);
    const quint64 id = m_nextConnectionId++;
    if (m_capturing) {
        capture::CaptureRecord record;
        record.connectionId = id;
        record.kind = capture::RecordKind::ConnectionOpened;
        record.note = stream->peer();
        const QHostAddress local = m_listener->serverAddress();
        record.serverAddress = (local.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]:%2")
                                                                                   : QStringLiteral("%1:%2"))
                                       .arg(local.toString())
                                       .arg(m_listener->serverPort());
        record.transport = capture::Transport::Http;
        this->record(std::move(record));
    }
    if (m_stopping || connectionCount() >= m_settings.maxConnections) {
        rejectOverCapacity(stream, id);
        return;
    }
    auto *connection = new HttpConnection(*this, stream, id);
    m_http.insert(id, connection);
    connection->start();
}

void WebSocketServer::rejectOverCapacity(net::TcpStream *stream, quint64 id)
{
    const QByteArray response = buildResponse(503, {{"Content-Type", "text/plain; charset=utf-8"}, {"Retry-After", "5"}},
                                              "503 Service Unavailable: too many connections\n", false);
    stream->write(response);
    stream->shutdownWrite();
    if (m_capturing) {
        capture::CaptureRecord record;
        record.connectionId = id;
        record.direction = capture::Direction::Outbound;
        record.kind = capture::RecordKind::HttpResponse;
        record.wireBytes = response;
        record.httpStatus = 503;
        record.note = QStringLiteral("connection limit reached");
        this->record(std::move(record));
        capture::CaptureRecord closed;
        closed.connectionId = id;
        closed.kind = capture::RecordKind::ConnectionClosed;
        this->record(std::move(closed));
    }
    // Lingering close: read and drop until the client closes, but not for long.
    connect(stream, &net::TcpStream::readyRead, stream, [stream] {
        char scratch[4096];
        while (stream->read(scratch, sizeof scratch) > 0) { }
    });
    connect(stream, &net::TcpStream::closed, stream, &QObject::deleteLater);
    QTimer::singleShot(qMax(1, m_settings.closeTimeoutMs), stream, [stream] {
        stream->abort();
        stream->deleteLater();
    });
}

void WebSocketServer::adoptSession(quint64 connectionId, WebSocketSession *session)
{
    m_http.remove(connectionId);
    m_sessions.insert(connectionId, session);
    session->setParent(this);
    session->setHold(m_holding);
    const QString room = session->info().room;
    ++statsFor(room).webSocket.clients;
    if (session->mode() == WebSocketSession::Mode::Chat && !m_settings.echoEverywhere)
        welcome(*session, room);
    noteConnected(session->info());
}

void WebSocketServer::welcome(WebSocketSession &session, const QString &roomName)
{
    // The welcome first; then the recent history, so a newcomer sees what was said before (the
    // page counts everything up to the welcome's seq as history, as a poll from 0 would give it);
    // then the join notice goes to everyone, the newcomer included.
    const quint64 connectionId = session.id();
    ChatRoom &room = chatRoom(roomName);
    const auto joined = room.join(connectionId, session.info().nick, nowMs());
    if (!roomName.isEmpty())
        m_sideMembers.insert(connectionId, roomName);
    const QString nick = room.nick(connectionId);
    session.setNick(nick);
    session.sendMessage(Opcode::Text, ChatRoom::welcomeJson(connectionId, nick, room.lastSeq()));
    const quint64 joinSeq = joined ? joined->seq : room.lastSeq() + 1;
    const quint64 from = joinSeq > historyReplayCount + 1 ? joinSeq - 1 - historyReplayCount : 0;
    // The replay is counted apart from the ongoing traffic (TransportCounters::replayBytes).
    TransportCounters &counters = statsFor(roomName).webSocket;
    const quint64 headerBefore = counters.headerBytes;
    const quint64 payloadBefore = counters.payloadBytes;
    quint64 replayed = 0;
    for (const ChatEntry &entry : room.since(from, historyReplayCount)) {
        if (entry.seq >= joinSeq)
            break;
        session.sendMessage(Opcode::Text, ChatRoom::toJson(entry));
        ++replayed;
    }
    counters.moveToReplay(counters.headerBytes - headerBefore, counters.payloadBytes - payloadBefore, replayed);
    if (joined)
        broadcast(*joined, roomName);
}

void WebSocketServer::connectionFinished(quint64 connectionId)
{
    m_http.remove(connectionId);
    m_polling->forget(connectionId);
    checkStopped();
}

void WebSocketServer::sessionClosed(WebSocketSession *session, quint16 closeCode)
{
    const quint64 id = session->id();
    if (m_sessions.value(id) != session)
        return;
    m_sessions.remove(id);
    --statsFor(session->info().room).webSocket.clients;
    leaveChat(id);
    noteDisconnected(id, closeCode);
    checkStopped();
}

void WebSocketServer::scheduleFlush(WebSocketSession *session)
{
    m_flushQueue.append(session->id());
    if (!m_flushPosted) {
        m_flushPosted = true;
        QMetaObject::invokeMethod(this, &WebSocketServer::flushScheduled, Qt::QueuedConnection);
    }
}

void WebSocketServer::flushScheduled()
{
    m_flushPosted = false;
    const QList<quint64> queue = std::exchange(m_flushQueue, {});
    for (const quint64 id : queue) {
        if (WebSocketSession *s = session(id))
            s->flush();
    }
}

// ---------------------------------------------------------------------------------------------
// Capture and notifications

quint64 WebSocketServer::record(capture::CaptureRecord &&record)
{
    return m_capture->append(std::move(record));
}

qint64 WebSocketServer::captureTimeNs() const
{
    return m_capture->nowNs();
}

qint64 WebSocketServer::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

HandshakeFault WebSocketServer::takeHandshakeFault()
{
    return std::exchange(m_handshakeFault, HandshakeFault::None);
}

void WebSocketServer::noteHeldFrame(quint64 connectionId)
{
    m_heldOrder.push_back(connectionId);
}

void WebSocketServer::notePong(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs)
{
    Q_EMIT pongReceived(connectionId, payload, roundTripNs);
}

void WebSocketServer::noteClientChanged(quint64 connectionId)
{
    m_dirtyClients.insert(connectionId);
}

void WebSocketServer::noteDisconnected(quint64 connectionId, quint16 closeCode)
{
    m_dirtyClients.remove(connectionId);
    Q_EMIT clientDisconnected(connectionId, closeCode);
}

void WebSocketServer::notePollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs)
{
    Q_EMIT pollingClientLeft(clientId, timedOut, silentMs);
}

void WebSocketServer::noteConnected(const ClientInfo &info)
{
    Q_EMIT clientConnected(info);
}

void WebSocketServer::noteClientUpdated(const ClientInfo &info)
{
    Q_EMIT clientUpdated(info);
}

void WebSocketServer::publishClientUpdates()
{
    const QSet<quint64> dirty = std::exchange(m_dirtyClients, {});
    for (const quint64 id : dirty) {
        if (WebSocketSession *s = session(id)) {
            s->m_clientChanged = false;
            Q_EMIT clientUpdated(s->info());
        }
    }
}

void WebSocketServer::publishTransportStats()
{
    m_statsDirty = false;
    Q_EMIT transportStatsChanged(m_stats);
}

void WebSocketServer::flushCapture()
{
    m_capture->flush();
}

void WebSocketServer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_housekeepingTimer.timerId()) {
        if (!m_dirtyClients.isEmpty())
            publishClientUpdates();
        if (m_statsDirty)
            publishTransportStats();
    } else if (event->timerId() == m_pingTimer.timerId()) {
        pingIdleSessions();
    } else if (event->timerId() == m_stopTimer.timerId()) {
        m_stopTimer.stop();
        shutdownNow();
    } else {
        QObject::timerEvent(event);
    }
}

void WebSocketServer::pingIdleSessions()
{
    const qint64 now = captureTimeNs();
    const qint64 interval = qint64(m_settings.pingIntervalMs) * 1'000'000;
    for (WebSocketSession *s : std::as_const(m_sessions))
        s->pingIfIdle(now, interval);
}

// ---------------------------------------------------------------------------------------------
// Chat

QString WebSocketServer::requestedRoom(const protocol::HttpRequestHead &head)
{
    constexpr qsizetype maxRoomNameLength = 64;
    return head.queryValue("room").value_or(QString()).trimmed().left(maxRoomNameLength);
}

ChatRoom &WebSocketServer::chatRoom(const QString &room)
{
    if (room.isEmpty())
        return m_chat;
    auto it = m_sideRooms.find(room);
    if (it == m_sideRooms.end())
        it = m_sideRooms.try_emplace(room, m_settings.chatHistoryLimit, m_settings.chatHistoryBytes).first;
    return it->second;
}

const ChatRoom &WebSocketServer::existingRoom(const QString &room) const
{
    if (room.isEmpty())
        return m_chat;
    const auto it = m_sideRooms.find(room);
    return it != m_sideRooms.end() ? it->second : m_noRoom;
}

QString WebSocketServer::joinChat(quint64 clientId, const QString &requestedNick, const QString &room)
{
    ChatRoom &chat = chatRoom(room);
    if (!room.isEmpty())
        m_sideMembers.insert(clientId, room);
    if (const auto entry = chat.join(clientId, requestedNick, nowMs()))
        broadcast(*entry, room);
    return chat.nick(clientId);
}

void WebSocketServer::leaveChat(quint64 clientId)
{
    const QString room = m_sideMembers.take(clientId);
    ChatRoom &chat = chatRoom(room);
    if (const auto entry = chat.leave(clientId, nowMs()))
        broadcast(*entry, room);
    if (!room.isEmpty() && chat.memberCount() == 0)
        m_sideRooms.erase(room); // nobody left to read its history
}

QString WebSocketServer::postChat(quint64 clientId, const QString &text)
{
    return publish(chatRoom(roomOf(clientId)).post(clientId, text, nowMs()), clientId);
}

QString WebSocketServer::renameChat(quint64 clientId, const QString &requestedNick)
{
    return publish(chatRoom(roomOf(clientId)).rename(clientId, requestedNick, nowMs()), clientId);
}

QString WebSocketServer::publish(const ChatRoom::PostResult &result, quint64 clientId, int fragments)
{
    if (!result.entry)
        return result.rejection;
    if (result.entry->kind == ChatEntry::Kind::Nick) {
        // The client list shows the new name, whatever the transport.
        if (WebSocketSession *s = session(clientId)) {
            s->setNick(result.entry->text);
            noteClientChanged(clientId);
        } else {
            m_polling->noteRenamed(clientId, result.entry->text);
        }
    }
    broadcast(*result.entry, roomOf(clientId), fragments);
    return {};
}

void WebSocketServer::broadcast(const ChatEntry &entry, const QString &room, int fragments)
{
    const QByteArray json = ChatRoom::toJson(entry);
    if (!m_settings.echoEverywhere) {
        const auto sessions = m_sessions; // shared copy: a session may go away meanwhile
        qsizetype delivered = 0;
        for (WebSocketSession *s : sessions) {
            if (s->mode() != WebSocketSession::Mode::Chat || s->state() != WebSocketSession::State::Open
                || s->info().room != room)
                continue;
            s->sendMessage(Opcode::Text, json, fragments);
            ++delivered;
        }
        statsFor(room).webSocket.messagesDelivered += quint64(delivered);
    }
    m_polling->onEntry(room);
    if (room.isEmpty())
        Q_EMIT chatEntry(entry);
}

// ---------------------------------------------------------------------------------------------
// Commands from the GUI

template<typename F>
void WebSocketServer::forTargets(quint64 connectionId, F &&f)
{
    if (connectionId != 0) {
        if (WebSocketSession *s = session(connectionId))
            f(s);
        return;
    }
    const auto sessions = m_sessions;
    for (WebSocketSession *s : sessions)
        f(s);
}

void WebSocketServer::postChatMessage(const QString &text)
{
    sendChatMessage(0, text, 1);
}

void WebSocketServer::sendChatMessage(quint64 connectionId, const QString &text, int fragments)
{
    if (!m_chat.isMember(deskClientId))
        joinChat(deskClientId, QStringLiteral("Desk"));
    // One frame: whatever the outgoing fragment size setting makes of it, like any chat line.
    const int frames = fragments > 1 ? fragments : 0;
    if (connectionId == 0) {
        publish(m_chat.post(deskClientId, text, nowMs()), deskClientId, frames);
        return;
    }
    WebSocketSession *target = session(connectionId);
    if (!target || target->mode() != WebSocketSession::Mode::Chat)
        return;
    target->sendMessage(Opcode::Text, ChatRoom::privateMessageJson(m_chat.nick(deskClientId), text, nowMs()), frames);
}

void WebSocketServer::sendMessage(quint64 connectionId, bool binary, const QByteArray &payload, int fragments)
{
    forTargets(connectionId, [&](WebSocketSession *s) {
        s->sendMessage(binary ? Opcode::Binary : Opcode::Text, payload, qMax(1, fragments));
    });
}

void WebSocketServer::sendPing(quint64 connectionId, const QByteArray &payload)
{
    forTargets(connectionId, [&](WebSocketSession *s) { s->sendPing(payload); });
}

void WebSocketServer::closeConnection(quint64 connectionId, quint16 code, const QString &reason)
{
    if (HttpConnection *connection = m_http.value(connectionId)) {
        connection->closeNow();
        return;
    }
    forTargets(connectionId, [&](WebSocketSession *s) { s->close(code, reason); });
}

void WebSocketServer::sendRawFrame(quint64 connectionId, const QByteArray &wireBytes)
{
    forTargets(connectionId, [&](WebSocketSession *s) { s->sendRaw(wireBytes); });
}

void WebSocketServer::setHoldIncoming(bool hold)
{
    m_holding = hold;
    for (WebSocketSession *s : std::as_const(m_sessions))
        s->setHold(hold);
    if (!hold)
        deliverAllHeld();
}

void WebSocketServer::deliverNextHeld()
{
    while (!m_heldOrder.empty()) {
        const quint64 id = m_heldOrder.front();
        m_heldOrder.pop_front();
        if (WebSocketSession *s = session(id); s && s->deliverOneHeld())
            return;
    }
}

void WebSocketServer::deliverAllHeld()
{
    // Bounded by what is held now: a delivery never holds new frames itself.
    for (qsizetype n = qsizetype(m_heldOrder.size()); n > 0 && !m_heldOrder.empty(); --n)
        deliverNextHeld();
}

void WebSocketServer::setHandshakeFault(HandshakeFault fault)
{
    m_handshakeFault = fault;
}

} // namespace wslab::server
