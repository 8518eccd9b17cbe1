#pragma once

#include "capture/capturebacklog.h"
#include "capture/capturerecord.h"
#include "clientinfo.h"
#include "serversettings.h"
#include "transportstats.h"

#include <QObject>

#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace wslab::server {

class WebSocketServer;

// What the next upgrade is answered with, for the handshake lab (one connection, then Correct again).
enum class HandshakeFault : quint8 {
    None,
    AcceptWithoutGuid, // Sec-WebSocket-Accept = base64(SHA-1(key)), GUID left out
    MissingUpgradeHeader,
    WrongStatus,       // 200 OK instead of 101
};

// The GUI thread's handle on the server. The server itself lives in a worker QThread; every call
// here is a queued invocation and returns at once, and every signal arrives queued in the caller's
// thread. Nothing here ever waits for the other thread.
class ServerHost : public QObject
{
    Q_OBJECT
public:
    explicit ServerHost(const ServerSettings &settings, QObject *parent = nullptr);
    ~ServerHost() override; // stops the server (close 1001 to every client) and joins the thread

    [[nodiscard]] ServerSettings settings() const { return m_settings; }
    // Capture handed to this thread and not yet dealt with by the receivers of capturedBatch().
    [[nodiscard]] qint64 captureBacklogBytes() const noexcept { return m_captureBacklog->bytes(); }

public Q_SLOTS:
    void start();
    void stop();
    void applySettings(const wslab::server::ServerSettings &settings); // restarts listening if needed

    // Chat as the desktop user ("Desk"): goes through the ChatRoom to every transport.
    void postChatMessage(const QString &text);
    // The desk's chat line to one WebSocket client (private) or, with 0, to the room, in `fragments`
    // frames over WebSocket: it arrives as chat from the desk either way.
    void sendChatMessage(quint64 connectionId, const QString &text, int fragments = 1);
    // A data message to one connection (0 = every WebSocket client), split into `fragments` frames.
    void sendMessage(quint64 connectionId, bool binary, const QByteArray &payload, int fragments = 1);
    void sendPing(quint64 connectionId, const QByteArray &payload);
    void closeConnection(quint64 connectionId, quint16 code, const QString &reason);
    // Bytes written as they are (the frame composer; may be invalid on purpose). 0 = all.
    void sendRawFrame(quint64 connectionId, const QByteArray &wireBytes);

    void setHoldIncoming(bool hold); // step mode: incoming frames are captured but not processed
    void deliverNextHeld();
    void deliverAllHeld();
    void setHandshakeFault(wslab::server::HandshakeFault fault);
    // Asks for a transportStats() signal now (it also comes by itself when the figures change, at
    // most four times a second).
    void requestTransportStats();

Q_SIGNALS:
    void listening(const QString &url, quint16 port);
    void listenFailed(const QString &reason, quint16 port);
    void capturedBatch(const wslab::capture::CaptureBatch &records);
    void clientConnected(const wslab::server::ClientInfo &client);
    void clientUpdated(const wslab::server::ClientInfo &client);
    void clientDisconnected(quint64 connectionId, quint16 closeCode);
    // A polling client left the room: it said so (POST /leave), or it asked nothing for `silentMs`
    // and timed out. HTTP has no close code to give.
    void pollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs);
    void chatEntry(const wslab::server::ChatEntry &entry);
    void pongReceived(quint64 connectionId, const QByteArray &payload, qint64 roundTripNs);
    void transportStats(const wslab::server::TransportStats &stats);
    void stopped(); // after stop(): every connection is gone

private:
    ServerSettings m_settings;
    // Capture handed to this thread and not dealt with yet; beyond the limit records are missed
    // (and a CaptureGap says so) rather than queued without bound.
    static constexpr qint64 captureBacklogLimit = 64 * 1024 * 1024;
    std::shared_ptr<capture::CaptureBacklog> m_captureBacklog = std::make_shared<capture::CaptureBacklog>(captureBacklogLimit);
    QThread *m_thread = nullptr;
    WebSocketServer *m_server = nullptr; // lives in m_thread
};

} // namespace wslab::server
