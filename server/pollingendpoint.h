#pragma once

#include "capture/capturerecord.h"
#include "clientinfo.h"

#include "protocol/httprequesthead.h"

#include <QBasicTimer>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace wslab::server {

class HttpConnection;
class WebSocketServer;

// The HTTP transports the tutorial compares with WebSocket, over the same ChatRoom:
//   GET  /poll?since=SEQ&client=CID&nick=NICK      answers at once: {"messages":[...],"last":N}
//   GET  /longpoll?since=SEQ&client=CID&nick=NICK  the same, but waits for news (or the timeout)
//   POST /send?client=CID&nick=NICK                body: the text (text/plain, or JSON {"text":...})
//   POST /stats?client=CID                         the page's own figures and latency samples
//   POST /leave?client=CID                         the member leaves now (the page switched away,
//                                                  the auto demo ended)
// A client id (CID, chosen by the page) makes a chat member that stays while it keeps polling, or
// until it says it leaves: HTTP has no connection whose end would tell. With room=NAME on its
// requests a member chats in that side room (WebSocketServer::chatRoom()).
// NICK is the name the page wants, on every request: a request that carries another name than the
// member has renames it (the rules and notice of "/nick NAME"). Without a client id the nickname
// itself identifies the member, and a new name is a new member. A POST /send with neither, as
// `curl -d hello http://127.0.0.1:8002/send` sends it, speaks as a guest of its address: one
// member per address, named "guest-" and six hex digits of a hash of the address, so the same
// address is the same guest on every request.
class PollingEndpoint : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype maxMessagesPerAnswer = 500;
    static constexpr qsizetype maxClientIdLength = 64;
    static constexpr qsizetype maxSamplesPerReport = 1000;
    static constexpr int presenceGraceMs = 15'000; // beyond the long-poll timeout

    explicit PollingEndpoint(WebSocketServer &server);
    ~PollingEndpoint() override;

    void handlePoll(HttpConnection &connection, const protocol::HttpRequestHead &head, bool longPoll);
    void handleSend(HttpConnection &connection, const protocol::HttpRequestHead &head, const QByteArray &body);
    void handleStats(HttpConnection &connection, const protocol::HttpRequestHead &head, const QByteArray &body);
    void handleLeave(HttpConnection &connection, const protocol::HttpRequestHead &head);

    // A chat entry was added to `room`: every long poll parked in that room gets it now.
    void onEntry(const QString &room);
    void onParkTimeout(HttpConnection &connection);
    void forget(quint64 connectionId); // the connection is gone
    void answerAllParked();            // the server is stopping
    // A polling member took another name: the client list hears of it.
    void noteRenamed(quint64 chatId, const QString &nick);
    // Which transport a POST belongs to: the client's, as far as it is known.
    [[nodiscard]] capture::Transport transportOf(const protocol::HttpRequestHead &head) const;

    [[nodiscard]] qsizetype parkedCount() const { return m_parked.size(); }
    [[nodiscard]] qsizetype clientCount() const { return m_clients.size(); }
    [[nodiscard]] bool isPollingClient(quint64 chatId) const;

    // The answer to a poll in `room`: the entries after `since` (all of them if `since` is ahead of
    // the room, which happens after a server restart) and the last sequence number; and how many of
    // the entries (and of their bytes in the body) the client had had before or that were said
    // before it joined: history, counted apart (TransportCounters::replayBytes).
    struct Answer
    {
        QByteArray body;
        qsizetype count = 0;
        qsizetype replayCount = 0;
        qsizetype replayBytes = 0;
    };
    // `seenUpTo`: the newest entry the client has had (or that was said before it joined).
    [[nodiscard]] Answer answerFor(const QString &room, quint64 since, quint64 seenUpTo) const;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Client
    {
        QString key;                   // its key in m_clients
        quint64 chatId = 0;
        capture::Transport transport = capture::Transport::Polling;
        QString room;                  // a side room; empty: the main room
        quint64 seenUpTo = 0;          // entries up to this seq are replays for this client
        qint64 lastSeenMs = 0;
        QDateTime connectedSince;
        bool identifiedByNick = false; // no client id: the key is the nickname
        // What this page reported last (cumulative figures; the panel shows the sum over pages).
        quint64 reportedRequests = 0;
        quint64 reportedBytesSent = 0;
        quint64 reportedBytesReceived = 0;
    };
    struct Parked
    {
        QPointer<HttpConnection> connection;
        quint64 since = 0;
        QString clientKey;
        QString room;
    };

    // The member a request speaks for, made (and joined) on its first request; renamed when the
    // request asks for another nickname (the rejection, if any, in `renameRejection`). A request
    // that names nobody speaks for the guest of `guestAddress` if given, else for nobody.
    Client *touchClient(const protocol::HttpRequestHead &head, capture::Transport transport,
                        QString *renameRejection = nullptr, const QString *guestAddress = nullptr);
    [[nodiscard]] ClientInfo infoOf(const Client &client) const;
    // Answers with what the client's room has after `since`; the client (if still known) is
    // counted as having seen it.
    void answer(HttpConnection &connection, quint64 since, const QString &clientKey, const QString &room);
    // The member leaves the room; the desk hears why (it left, or stopped asking for `silentMs`).
    void removeClient(QHash<QString, Client>::iterator it, bool timedOut, qint64 silentMs);
    void sweepAbsentClients();
    void updateClientCounts();

    WebSocketServer &m_server;
    QHash<QString, Client> m_clients;   // by the page's client id
    QHash<QString, Client> m_reports;   // the last /stats figures of each page
    QHash<quint64, Parked> m_parked;    // by connection id
    QBasicTimer m_sweepTimer;
    quint64 m_nextChatId = 1ull << 48;  // apart from connection ids
};

} // namespace wslab::server
