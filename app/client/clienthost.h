#pragma once

#include "capture/capturerecord.h"
#include "client/brokenframes.h"
#include "client/clientconnection.h"
#include "client/clientoutcome.h"
#include "client/clientsettings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace wslab::capture {
class CaptureStream;
class LiveRecorder;
} // namespace wslab::capture

namespace wslab::app {

// Client mode's live source, as ProxyHost is the proxy's: the client connection to the server and
// the capture stream its two byte streams are dissected into (a LiveRecorder in front of it), in the
// GUI thread. One connection is current; a new one replaces it (the old one closes with 1001 and
// stays in the capture as its own conversation). What the Chat pane and the Composer ask for goes
// to the current connection; a broken frame (BrokenFrames) is judged on the server's reaction.
class ClientHost : public QObject
{
    Q_OBJECT
public:
    // A server that neither closes nor drops TCP within this long after a broken frame let it pass.
    static constexpr int brokenFrameWaitMs = 3000;

    explicit ClientHost(QObject *parent = nullptr);
    ~ClientHost() override;

    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] bool isRunning() const { return !m_connection.isNull(); }
    [[nodiscard]] client::ClientConnection *connection() const { return m_connection; }
    // The server as the connection names it ("ws://127.0.0.1:8765/"), of the last connection.
    [[nodiscard]] QString serverUrl() const { return m_serverUrl; }
    [[nodiscard]] std::optional<client::BrokenFrame> pendingBrokenFrame() const { return m_pendingBroken; }

    // Opens a connection (the current one closes with 1001 first); opened() or finished() follows.
    void connectTo(const client::ClientSettings &settings, bool capture, qint64 payloadCap);
    // Cuts the connections now (recorded as TCP closes) and flushes the capture.
    void stop();

    // On the current connection, while it is open; false otherwise (nothing was sent).
    bool sendMessage(bool binary, const QByteArray &payload, int frames);
    bool ping(const QByteArray &payload);
    bool close(quint16 code, const QString &reason);
    // Frames built by the Composer, exactly as given.
    bool sendFrames(const QByteArray &wireBytes);
    // A broken frame; brokenFrameJudged() follows once the server reacted or brokenFrameWaitMs passed.
    bool sendBroken(client::BrokenFrame preset);

Q_SIGNALS:
    void capturedBatch(const wslab::capture::CaptureBatch &batch);
    void opened(const QString &serverUrl, const QByteArray &subprotocol, bool deflate);
    void messageReceived(bool binary, const QByteArray &payload);
    void pongReceived(const QByteArray &payload, qint64 roundTripNs);
    void closeReceived(std::optional<quint16> code, const QString &reason);
    void finished(const wslab::client::ClientOutcome &outcome);
    // `stillOpen`: the server did nothing within brokenFrameWaitMs and the connection is still open.
    void brokenFrameJudged(wslab::client::BrokenFrame preset, wslab::client::ServerVerdict verdict,
                           const wslab::client::ClientOutcome &outcome, bool stillOpen);
    void stopped();

private:
    void watch(client::ClientConnection *connection);
    void judgeBroken(const client::ClientOutcome &outcome, bool stillOpen);

    capture::CaptureStream *m_capture = nullptr;
    std::unique_ptr<capture::LiveRecorder> m_recorder;
    QPointer<client::ClientConnection> m_connection;
    QString m_serverUrl;
    quint64 m_nextId = 1;
    QElapsedTimer m_pingClock; // since the last ping sent
    std::optional<client::BrokenFrame> m_pendingBroken;
    QTimer m_brokenTimer;
};

} // namespace wslab::app
