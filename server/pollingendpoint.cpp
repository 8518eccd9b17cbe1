#include "pollingendpoint.h"

#include "chatroom.h"
#include "httpconnection.h"
#include "websocketserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTimerEvent>

namespace wslab::server {

using protocol::HttpRequestHead;

namespace {

QString clientKey(const HttpRequestHead &head)
{
    QString id = head.queryValue("client").value_or(QString());
    if (id.size() > PollingEndpoint::maxClientIdLength)
        id.truncate(PollingEndpoint::maxClientIdLength);
    return id;
}

std::optional<capture::Transport> transportNamed(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("websocket") || n == QLatin1String("ws"))
        return capture::Transport::WebSocket;
    if (n == QLatin1String("poll") || n == QLatin1String("polling"))
        return capture::Transport::Polling;
    if (n == QLatin1String("longpoll") || n == QLatin1String("longpolling") || n == QLatin1String("long-polling"))
        return capture::Transport::LongPolling;
    return std::nullopt;
}

// "127.0.0.1" of "127.0.0.1:53412", "[::1]" of "[::1]:53412".
QString addressOf(const QString &peer)
{
    return peer.section(QLatin1Char(':'), 0, -2);
}

// The same name for every request from one address: a short hash, so the name says nothing about
// the address and two addresses seldom share it (the room makes it unique if they do).
QString guestNick(const QString &address)
{
    const QByteArray hash = QCryptographicHash::hash(address.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("guest-") + QString::fromLatin1(hash.toHex().left(6));
}

quint64 nonNegative(const QJsonValue &value)
{
    const double d = value.toDouble(0);
    return d > 0 && d < 9.0e15 ? quint64(d) : 0;
}

} // namespace

PollingEndpoint::PollingEndpoint(WebSocketServer &server)
    : QObject(&server)
    , m_server(server)
{
    m_sweepTimer.start(1000, Qt::VeryCoarseTimer, this);
}

PollingEndpoint::~PollingEndpoint() = default;

// ---------------------------------------------------------------------------------------------
// GET /poll, /longpoll

void PollingEndpoint::handlePoll(HttpConnection &connection, const HttpRequestHead &head, bool longPoll)
{
    Client *client = touchClient(head, longPoll ? capture::Transport::LongPolling : capture::Transport::Polling);
    const QString key = client ? client->key : QString();
    const QString room = client ? client->room : QString(); // a side room is for members only
    bool ok = false;
    const quint64 since = head.queryValue("since").value_or(QString()).toULongLong(&ok);
    const quint64 last = m_server.existingRoom(room).lastSeq();
    // Long polling waits only when there is nothing new yet; a client ahead of the room (the
    // server restarted) is answered at once with everything.
    if (!longPoll || !ok || since != last) {
        answer(connection, ok ? since : 0, key, room);
        return;
    }
    m_parked.insert(connection.id(), Parked{&connection, since, key, room});
    connection.park(m_server.settings().longPollTimeoutMs);
}

PollingEndpoint::Answer PollingEndpoint::answerFor(const QString &roomName, quint64 since, quint64 seenUpTo) const
{
    const ChatRoom &room = m_server.existingRoom(roomName);
    const QList<ChatEntry> entries = room.since(since > room.lastSeq() ? 0 : since, maxMessagesPerAnswer);
    Answer answer;
    answer.body = "{\"messages\":[";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i > 0)
            answer.body += ',';
        const QByteArray json = ChatRoom::toJson(entries.at(i));
        answer.body += json;
        if (entries.at(i).seq <= seenUpTo) {
            ++answer.replayCount;
            answer.replayBytes += json.size() + (i > 0 ? 1 : 0);
        }
    }
    // "last" is where the client continues from: the newest entry sent, so a capped answer is
    // followed by the rest, never skipping a line.
    const quint64 last = entries.isEmpty() ? room.lastSeq() : entries.last().seq;
    answer.body += "],\"last\":" + QByteArray::number(last) + '}';
    answer.count = entries.size();
    return answer;
}

void PollingEndpoint::answer(HttpConnection &connection, quint64 since, const QString &clientKey, const QString &room)
{
    m_parked.remove(connection.id());
    const auto client = m_clients.find(clientKey);
    const bool known = !clientKey.isEmpty() && client != m_clients.end();
    const Answer answer = answerFor(room, since, known ? client->seenUpTo : 0);
    TransportCounters &counters = m_server.statsFor(room).of(connection.transport());
    if (answer.count == 0)
        ++counters.emptyResponses;
    counters.messagesDelivered += quint64(answer.count - answer.replayCount);
    connection.respond(200, {{"Cache-Control", "no-store"}}, answer.body, "application/json");
    // respond() counted the whole body as payload: the history in it is counted apart.
    counters.moveToReplay(0, quint64(answer.replayBytes), quint64(answer.replayCount));
    if (known && answer.count > 0)
        client->seenUpTo = std::max(client->seenUpTo, m_server.existingRoom(room).lastSeq());
}

void PollingEndpoint::onEntry(const QString &room)
{
    const auto parked = m_parked;
    for (auto it = parked.cbegin(); it != parked.cend(); ++it) {
        if (it->room != room)
            continue;
        if (it->connection && it->connection->isParked())
            answer(*it->connection, it->since, it->clientKey, it->room);
        else
            m_parked.remove(it.key());
    }
}

void PollingEndpoint::onParkTimeout(HttpConnection &connection)
{
    const auto it = m_parked.constFind(connection.id());
    if (it == m_parked.cend()) {
        answer(connection, m_server.chatRoom().lastSeq(), {}, {});
        return;
    }
    const Parked parked = *it;
    answer(connection, parked.since, parked.clientKey, parked.room);
}

void PollingEndpoint::forget(quint64 connectionId)
{
    m_parked.remove(connectionId);
}

void PollingEndpoint::answerAllParked()
{
    const auto parked = m_parked;
    for (auto it = parked.cbegin(); it != parked.cend(); ++it) {
        if (it->connection && it->connection->isParked())
            answer(*it->connection, it->since, it->clientKey, it->room);
    }
    m_parked.clear();
}

// ---------------------------------------------------------------------------------------------
// POST /send, /stats

void PollingEndpoint::handleSend(HttpConnection &connection, const HttpRequestHead &head, const QByteArray &body)
{
    QString text;
    if (head.value("Content-Type").toLower().startsWith("application/json")) {
        const QJsonDocument json = QJsonDocument::fromJson(body);
        if (!json.isObject() || !json.object().value(QLatin1String("text")).isString()) {
            connection.respondText(400, QStringLiteral("400 Bad Request: expected {\"text\": \"...\"}"));
            return;
        }
        text = json.object().value(QLatin1String("text")).toString();
    } else {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        text = decoder(body);
        if (decoder.hasError()) {
            connection.respondText(400, QStringLiteral("400 Bad Request: the body is not UTF-8"));
            return;
        }
    }
    QString renameRejection;
    const QString address = addressOf(connection.peer());
    Client *client = touchClient(head, capture::Transport::Http, &renameRejection, &address);
    QString rejection = m_server.postChat(client->chatId, text);
    if (rejection.isEmpty())
        rejection = renameRejection;
    QJsonObject answer{{QLatin1String("last"), qint64(m_server.existingRoom(client->room).lastSeq())}};
    if (!rejection.isEmpty())
        answer.insert(QLatin1String("notice"), rejection);
    connection.respond(200, {{"Cache-Control", "no-store"}}, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void PollingEndpoint::handleStats(HttpConnection &connection, const HttpRequestHead &head, const QByteArray &body)
{
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (!json.isObject()) {
        connection.respondText(400, QStringLiteral("400 Bad Request: expected a JSON object"));
        return;
    }
    const QJsonObject report = json.object();
    const QString key = clientKey(head);
    const auto client = m_clients.constFind(key);
    std::optional<capture::Transport> transport = transportNamed(report.value(QLatin1String("transport")).toString());
    if (!transport)
        transport = transportNamed(head.queryValue("transport").value_or(QString()));
    if (!transport)
        transport = client != m_clients.cend() ? client->transport : capture::Transport::WebSocket;
    TransportCounters &counters = m_server.stats().of(*transport);

    // [[seq, ms], ...]: ms is the latency the page measured, or (when it looks like a clock,
    // > 10^12) the epoch time it received the entry, compared here with the entry's own time.
    const QJsonArray samples = report.value(QLatin1String("samples")).toArray();
    const ChatRoom &room = m_server.existingRoom(client != m_clients.cend() ? client->room : QString());
    for (qsizetype i = 0; i < qMin(samples.size(), maxSamplesPerReport); ++i) {
        const QJsonArray sample = samples.at(i).toArray();
        if (sample.size() < 2)
            continue;
        const auto seq = quint64(sample.at(0).toDouble(-1));
        const double ms = sample.at(1).toDouble(-1);
        qint64 latency = qint64(ms);
        if (ms > 1e12) {
            const ChatEntry *entry = room.find(seq);
            latency = entry ? qint64(ms) - entry->timeMs : -1;
        }
        if (latency >= 0 && latency < 24 * 3600 * 1000)
            counters.addLatencySample(latency);
    }
    // The page's own totals replace its previous report (they are cumulative).
    const QString reporter = key.isEmpty() ? addressOf(connection.peer()) : key;
    if (!reporter.isEmpty() && report.contains(QLatin1String("requests"))) {
        Client &entry = m_reports[reporter];
        if (m_reports.size() > 1000)
            m_reports.clear();
        entry.transport = *transport;
        entry.reportedRequests = nonNegative(report.value(QLatin1String("requests")));
        entry.reportedBytesSent = nonNegative(report.value(QLatin1String("bytesSent")));
        entry.reportedBytesReceived = nonNegative(report.value(QLatin1String("bytesReceived")));
        counters.reportedRequests = counters.reportedBytesSent = counters.reportedBytesReceived = 0;
        for (const Client &r : std::as_const(m_reports)) {
            if (r.transport != *transport)
                continue;
            counters.reportedRequests += r.reportedRequests;
            counters.reportedBytesSent += r.reportedBytesSent;
            counters.reportedBytesReceived += r.reportedBytesReceived;
        }
    }
    connection.respond(204, {}, {});
}

void PollingEndpoint::handleLeave(HttpConnection &connection, const HttpRequestHead &head)
{
    const QString key = clientKey(head);
    const auto it = key.isEmpty() ? m_clients.end() : m_clients.find(key);
    if (it == m_clients.end()) {
        // Gone already (timed out, or a second goodbye): nothing to do, and nothing wrong.
        connection.respond(204, {}, {});
        return;
    }
    removeClient(it, false, WebSocketServer::nowMs() - it->lastSeenMs);
    updateClientCounts();
    connection.respond(204, {}, {});
}

// ---------------------------------------------------------------------------------------------
// Clients

PollingEndpoint::Client *PollingEndpoint::touchClient(const HttpRequestHead &head, capture::Transport transport,
                                                      QString *renameRejection, const QString *guestAddress)
{
    QString key = clientKey(head);
    QString nick = head.queryValue("nick").value_or(QString());
    const bool byNick = key.isEmpty();
    if (byNick && !ChatRoom::normalizedNick(nick).isEmpty())
        key = QStringLiteral("nick:") + ChatRoom::normalizedNick(nick);
    if (key.isEmpty() && guestAddress) {
        key = QStringLiteral("guest:") + *guestAddress;
        nick = guestNick(*guestAddress);
    }
    if (key.isEmpty())
        return nullptr;
    const qint64 now = WebSocketServer::nowMs();
    auto it = m_clients.find(key);
    if (it == m_clients.end()) {
        Client client;
        client.key = key;
        client.chatId = m_nextChatId++;
        client.transport = transport == capture::Transport::Http ? capture::Transport::Polling : transport;
        client.lastSeenMs = now;
        client.connectedSince = QDateTime::currentDateTime();
        client.identifiedByNick = byNick;
        client.room = WebSocketServer::requestedRoom(head);
        // Everything said before it joined is history to this client (a replay, when it asks).
        client.seenUpTo = m_server.existingRoom(client.room).lastSeq();
        it = m_clients.insert(key, client);
        m_server.joinChat(client.chatId, nick, client.room);
        m_server.noteConnected(infoOf(client));
        updateClientCounts();
        return &*it;
    }
    it->lastSeenMs = now;
    if (transport != capture::Transport::Http && it->transport != transport) {
        it->transport = transport;
        updateClientCounts();
        m_server.noteClientUpdated(infoOf(*it)); // the client list shows the transport it uses now
    }
    // HTTP has no "/nick" frame: the page sends the name it wants with every request, so a
    // different one is a rename (a name that is taken is asked for again on the next request).
    const QString wanted = ChatRoom::normalizedNick(nick);
    const quint64 chatId = it->chatId;
    if (!it->identifiedByNick && !wanted.isEmpty() && wanted != m_server.existingRoom(it->room).nick(chatId)) {
        const QString rejection = m_server.renameChat(chatId, wanted);
        if (renameRejection)
            *renameRejection = rejection;
    }
    return &*it;
}

ClientInfo PollingEndpoint::infoOf(const Client &client) const
{
    ClientInfo info;
    info.connectionId = client.chatId;
    info.nick = m_server.existingRoom(client.room).nick(client.chatId);
    info.room = client.room;
    info.path = client.transport == capture::Transport::LongPolling ? QStringLiteral("/longpoll") : QStringLiteral("/poll");
    info.transport = client.transport;
    info.connectedSince = client.connectedSince;
    return info;
}

void PollingEndpoint::noteRenamed(quint64 chatId, const QString &nick)
{
    for (const Client &client : std::as_const(m_clients)) {
        if (client.chatId != chatId)
            continue;
        ClientInfo info = infoOf(client);
        info.nick = nick;
        m_server.noteClientUpdated(info);
        return;
    }
}

capture::Transport PollingEndpoint::transportOf(const HttpRequestHead &head) const
{
    const auto it = m_clients.constFind(clientKey(head));
    return it != m_clients.cend() ? it->transport : capture::Transport::Http;
}

bool PollingEndpoint::isPollingClient(quint64 chatId) const
{
    return chatId >= (1ull << 48);
}

void PollingEndpoint::removeClient(QHash<QString, Client>::iterator it, bool timedOut, qint64 silentMs)
{
    const quint64 chatId = it->chatId;
    m_clients.erase(it);
    m_server.leaveChat(chatId);
    m_server.notePollingClientLeft(chatId, timedOut, silentMs);
}

void PollingEndpoint::sweepAbsentClients()
{
    const qint64 now = WebSocketServer::nowMs();
    const qint64 absentAfter = qint64(m_server.settings().longPollTimeoutMs) + presenceGraceMs;
    // A parked request never waits longer than the long-poll timeout, so a waiting client is
    // never taken for an absent one.
    QStringList absent;
    for (const Client &client : std::as_const(m_clients)) {
        if (now - client.lastSeenMs > absentAfter)
            absent.append(client.key);
    }
    // Leaving is announced in the room, which may answer parked polls: no iteration is in progress.
    for (const QString &key : std::as_const(absent)) {
        const auto it = m_clients.find(key);
        if (it != m_clients.end())
            removeClient(it, true, now - it->lastSeenMs);
    }
    if (!absent.isEmpty())
        updateClientCounts();
}

void PollingEndpoint::updateClientCounts()
{
    int polling = 0;
    int longPolling = 0;
    for (const Client &client : std::as_const(m_clients)) {
        if (!client.room.isEmpty())
            continue; // not the user's (WebSocketServer::statsFor())
        if (client.transport == capture::Transport::LongPolling)
            ++longPolling;
        else
            ++polling;
    }
    TransportStats &stats = m_server.stats();
    stats.polling.clients = polling;
    stats.longPolling.clients = longPolling;
}

void PollingEndpoint::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_sweepTimer.timerId())
        sweepAbsentClients();
    else
        QObject::timerEvent(event);
}

} // namespace wslab::server
