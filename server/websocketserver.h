#pragma once

#include "capture/capturerecord.h"
#include "chatroom.h"
#include "clientinfo.h"
#include "serverhost.h"
#include "serversettings.h"
#include "staticfiles.h"
#include "transportstats.h"

#include "protocol/handshake.h"
#include "protocol/httprequesthead.h"

#include <QBasicTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>
#include <map>
#include <memory>

namespace wslab::capture {
class CaptureStream;
}

namespace wslab::net {
class SocketPoller;
class TcpStream;
} // namespace wslab::net

namespace wslab::server {

class HttpConnection;
class PollingEndpoint;
class WebSocketSession;

// The server itself, living in the worker thread: the listening socket, every connection, the chat
// room shared by all transports and the capture stream. ServerHost drives it with queued calls;
// HttpConnection, WebSocketSession and PollingEndpoint (same thread) use its public helpers.
class WebSocketServer : public QObject
{
    Q_OBJECT
public:
    static constexpr quint64 deskClientId = 0; // the desktop user in the chat room
    static constexpr qsizetype readChunkSize = 64 * 1024;
    static constexpr quint64 historyReplayCount = 100; // chat lines a WebSocket newcomer is sent

    explicit WebSocketServer(const ServerSettings &settings, QObject *parent = nullptr);
    ~WebSocketServer() override;

    [[nodiscard]] const ServerSettings &settings() const noexcept { return m_settings; }
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 serverPort() const;
    [[nodiscard]] QString url() const; // "http://127.0.0.1:8002/"
    [[nodiscard]] qsizetype connectionCount() const { return m_http.size() + m_sessions.size(); }
    [[nodiscard]] qsizetype sessionCount() const { return m_sessions.size(); }
    [[nodiscard]] const TransportStats &transportStats() const noexcept { return m_stats; }

    // Takes over a connected stream socket as if the listener had accepted it: the listener calls
    // it for every accepted connection, and one end of a socketpair() works as well, which is how
    // the fuzz targets feed the real connection code without a network.
    void addConnection(qintptr descriptor);

public Q_SLOTS:
    bool start();
    // Close 1001 to every WebSocket client, answer parked polls, stop listening; `stopped` follows
    // once every connection is gone (at the latest after the close timeout).
    void stop();
    // The same without waiting: close frames are written, then every socket is closed now.
    void shutdownNow();
    void applySettings(const wslab::server::ServerSettings &settings);

    void postChatMessage(const QString &text);
    // The desk's chat line for one client (private: not in the room's history; WebSocket clients
    // only, as a polling client has no connection to send it on) or, with connectionId 0, for the
    // room; in `fragments` frames over WebSocket. Either way it arrives as chat JSON from the desk,
    // never as a bare text frame the page cannot attribute.
    void sendChatMessage(quint64 connectionId, const QString &text, int fragments = 1);
    void sendMessage(quint64 connectionId, bool binary, const QByteArray &payload, int fragments = 1);
    void sendPing(quint64 connectionId, const QByteArray &payload);
    void closeConnection(quint64 connectionId, quint16 code, const QString &reason);
    void sendRawFrame(quint64 connectionId, const QByteArray &wireBytes);
    void setHoldIncoming(bool hold);
    void deliverNextHeld();
    void deliverAllHeld();
    void setHandshakeFault(wslab::server::HandshakeFault fault);
    void publishTransportStats();
    // Hands on the pending capture records now instead of at the next batch interval.
    void flushCapture();

Q_SIGNALS:
    void listening(const QString &url, quint16 port);
    void listenFailed(const QString &reason, quint16 port);
    void capturedBatch(const wslab::capture::CaptureBatch &records);
    void clientConnected(const wslab::server::ClientInfo &client);
    void clientUpdated(const wslab::server::ClientInfo &client);
    void clientDisconnected(quint64 connectionId, quint16 closeCode);
    void pollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs);
    void chatEntry(const wslab::server::ChatEntry &entry);
    void pongReceived(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs);
    void transportStatsChanged(const wslab::server::TransportStats &stats);
    void stopped();

public:
    // --- for the connections (same thread) ---
    [[nodiscard]] bool isCapturing() const noexcept { return m_capturing; }
    quint64 record(capture::CaptureRecord &&record); // call only when isCapturing(); returns the id
    [[nodiscard]] qint64 captureTimeNs() const;
    [[nodiscard]] capture::CaptureStream &captureStream() noexcept { return *m_capture; }
    [[nodiscard]] static qint64 nowMs();
    // One buffer every socket read goes through (one thread, so one buffer).
    [[nodiscard]] QByteArray &readBuffer() { return m_readBuffer; }
    [[nodiscard]] const protocol::OriginPolicy &originPolicy() const noexcept { return m_originPolicy; }
    [[nodiscard]] bool isOriginAllowed(QByteArrayView origin) const;
    [[nodiscard]] const StaticFiles &staticFiles() const noexcept { return m_staticFiles; }
    [[nodiscard]] HandshakeFault takeHandshakeFault();
    [[nodiscard]] bool isHolding() const noexcept { return m_holding; }
    [[nodiscard]] bool isStopping() const noexcept { return m_stopping; }
    // The main room, where the page's browsers and the desk meet; with a name, that side room (made
    // on first use). A client asks for a side room with room=NAME on its requests: the auto demo
    // plays its scripted conversation in one, so its lines never reach the browsers' chat or the
    // desk's log. A side room lives while it has members.
    [[nodiscard]] ChatRoom &chatRoom(const QString &room = {});
    // The room as it is, without making it: a side room nobody is in reads as an empty one.
    [[nodiscard]] const ChatRoom &existingRoom(const QString &room) const;
    [[nodiscard]] QString roomOf(quint64 clientId) const { return m_sideMembers.value(clientId); }
    // room=NAME of a request, cut to a sane length; empty: the main room.
    [[nodiscard]] static QString requestedRoom(const protocol::HttpRequestHead &head);
    [[nodiscard]] TransportStats &stats() noexcept { markStatsDirty(); return m_stats; }
    // Where a client's traffic is counted: the published TransportStats for the main room. A side
    // room's clients count into a scratch copy nobody sees: the Transports panel shows what the
    // user's own clients cost, and the auto demo measures its clients itself.
    [[nodiscard]] TransportStats &statsFor(const QString &room) noexcept
    {
        return room.isEmpty() ? stats() : m_sideRoomStats;
    }
    [[nodiscard]] PollingEndpoint &polling() noexcept { return *m_polling; }

    // An upgraded connection changes hands: the HttpConnection is done, the session takes over.
    void adoptSession(quint64 connectionId, WebSocketSession *session);
    // A connection object is gone (it records its own ConnectionClosed first).
    void connectionFinished(quint64 connectionId);
    void sessionClosed(WebSocketSession *session, quint16 closeCode);
    void scheduleFlush(WebSocketSession *session);
    void noteHeldFrame(quint64 connectionId);
    void notePong(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs);
    void noteClientChanged(quint64 connectionId);
    void noteDisconnected(quint64 connectionId, quint16 closeCode);
    void notePollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs);
    void noteConnected(const ClientInfo &info);
    void noteClientUpdated(const ClientInfo &info); // a client that is not a session (polling)

    // The chat room, as every transport uses it; entries go to every WebSocket chat client, the
    // parked long polls and the desktop.
    QString joinChat(quint64 clientId, const QString &requestedNick, const QString &room = {});
    void leaveChat(quint64 clientId);
    // Returns the rejection to show the sender only, if the line was not posted.
    QString postChat(quint64 clientId, const QString &text);
    // A rename asked for outside a chat line (nick= on an HTTP request); the same rules and notice
    // as "/nick NAME". Returns the rejection, if the name was not taken on.
    QString renameChat(quint64 clientId, const QString &requestedNick);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    class Listener;
    void rejectOverCapacity(net::TcpStream *stream, quint64 id);
    // To the room's WebSocket chat clients (each message in `fragments` frames; 0: the outgoing
    // fragment size setting) and its parked long polls; the main room's entries also to the desk.
    void broadcast(const ChatEntry &entry, const QString &room = {}, int fragments = 0);
    QString publish(const ChatRoom::PostResult &result, quint64 clientId, int fragments = 0);
    // A chat session's entrance: it joins its room, gets the welcome and the recent history.
    void welcome(WebSocketSession &session, const QString &room);
    void flushScheduled();
    void checkStopped();
    void pingIdleSessions();
    void publishClientUpdates();
    void markStatsDirty() noexcept { m_statsDirty = true; }
    void updateOriginPolicy();
    void updateTimers();
    [[nodiscard]] WebSocketSession *session(quint64 connectionId) const { return m_sessions.value(connectionId); }
    template<typename F> void forTargets(quint64 connectionId, F &&f);

    ServerSettings m_settings;
    Listener *m_listener = nullptr;
    net::SocketPoller *m_poller = nullptr; // readiness of every accepted connection
    capture::CaptureStream *m_capture = nullptr;
    PollingEndpoint *m_polling = nullptr;
    ChatRoom m_chat;
    std::map<QString, ChatRoom> m_sideRooms; // a node map: a room stays where it is while others come and go
    QHash<quint64, QString> m_sideMembers; // client id -> side room name
    TransportStats m_sideRoomStats;        // never published (statsFor())
    ChatRoom m_noRoom;                     // what existingRoom() gives for a room that is not there
    StaticFiles m_staticFiles;
    protocol::OriginPolicy m_originPolicy;
    TransportStats m_stats;
    QByteArray m_readBuffer;

    QHash<quint64, HttpConnection *> m_http;
    QHash<quint64, WebSocketSession *> m_sessions;
    QList<quint64> m_flushQueue;
    std::deque<quint64> m_heldOrder; // connection of each held frame, oldest first
    QSet<quint64> m_dirtyClients;

    QBasicTimer m_pingTimer;
    QBasicTimer m_housekeepingTimer; // client updates and transport stats, a few times a second
    QBasicTimer m_stopTimer;

    quint64 m_nextConnectionId = 1;
    HandshakeFault m_handshakeFault = HandshakeFault::None;
    bool m_capturing = true;
    bool m_holding = false;
    bool m_stopping = false;
    bool m_listenFailed = false; // the last start() could not listen: applySettings() tries again
    bool m_flushPosted = false;
    bool m_statsDirty = false;
    bool m_stoppedEmitted = false;
};

} // namespace wslab::server
