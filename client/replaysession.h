#pragma once

#include "clientoutcome.h"
#include "clientsettings.h"
#include "replayplan.h"

#include "server/protocol/framedecoder.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QAbstractSocket;
QT_END_NAMESPACE

namespace wslab::capture {
class LiveRecorder;
}

namespace wslab::client {

struct ReplaySettings
{
    // The server to replay to (`url`), TLS trust, the handshake timeout, and how long the server may
    // take to answer a close and end TCP (`closeTimeoutMs`). Its handshake fields are not used: the
    // recorded handshake is sent.
    ClientSettings connection;
    bool originalTiming = false; // wait the recorded gap before each frame; otherwise all at once
    qint64 maxDelayMs = 60'000;  // a longer recorded gap is shortened to this
    // A replay that sends no close: how long the server may answer before wslab closes with 1000.
    int settleMs = 1'000;
};

// How a replay ended: the connection's outcome in the client's terms, and what the replay adds.
struct ReplayOutcome
{
    ClientOutcome connection;
    qsizetype stepsSent = 0;
    qsizetype stepsPlanned = 0;
    QByteArray extensions;           // the server's Sec-WebSocket-Extensions on the new connection
    QByteArray subprotocol;          // and its Sec-WebSocket-Protocol
    bool extensionsDiffer = false;   // its permessage-deflate agreement is not the recorded one
    bool subprotocolDiffers = false; // its subprotocol is not the recorded one
    bool closedByWslab = false;      // the plan held no close: wslab closed (or answered) with its own

    [[nodiscard]] bool isClean() const noexcept { return connection.isClean() && stepsSent == stepsPlanned; }
};

// A ReplayPlan sent on a new connection (RFC 6455 §4.1): the recorded opening handshake with Host
// naming the new server and a fresh Sec-WebSocket-Key, checked as a client checks the answer (with
// the recorded offers), and the server's permessage-deflate agreement compared with the recorded
// one; then each step's bytes exactly as planned (same masking keys, fragments, order, control
// frames), at once or after the recorded gaps. Nothing else is sent while the plan runs: the
// recording holds the client's own pongs and close echo, so the session answers no ping and, until
// the plan is done, echoes no close. A plan without a close is ended by wslab with 1000 once the
// server had `settleMs` to answer. Every byte both ways goes to the recorder.
class ReplaySession : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Handshaking, Sending, Settling, Closing, Closed };

    ReplaySession(quint64 id, ReplayPlan plan, const ReplaySettings &settings, capture::LiveRecorder *recorder,
                  QObject *parent = nullptr);
    ~ReplaySession() override;

    void start();
    // Cuts TCP now; finished() follows.
    void abort();

    [[nodiscard]] quint64 id() const noexcept { return m_id; }
    [[nodiscard]] State state() const noexcept { return m_state; }
    [[nodiscard]] const ReplayPlan &plan() const noexcept { return m_plan; }
    [[nodiscard]] const ReplayOutcome &outcome() const noexcept { return m_outcome; }

Q_SIGNALS:
    void opened();
    // With original timing: step `index` goes out in `delayMs`.
    void stepScheduled(qsizetype index, qint64 delayMs);
    void stepSent(qsizetype index);
    void finished(const wslab::client::ReplayOutcome &outcome);

private:
    void onSocketReady();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    void readHandshake(const QByteArray &bytes);
    bool agreesWithRecording(const protocol::HttpResponseHead &head);
    void readFrames(QByteArrayView bytes);
    void onServerClose(const protocol::DecodedFrame &frame);
    void scheduleNext();
    void sendStep();
    void planDone();
    void closeOwn(std::optional<quint16> code);
    void write(const QByteArray &bytes);
    void fail(ClientFailure failure);
    void finish();

    quint64 m_id;
    ReplayPlan m_plan;
    ReplaySettings m_settings;
    capture::LiveRecorder *m_recorder;
    QAbstractSocket *m_socket = nullptr;
    QByteArray m_key;
    QByteArray m_responseBuffer;
    protocol::FrameDecoder m_decoder;
    QList<protocol::DecodedFrame> m_frames;
    QTimer m_timer;     // handshake, settling, closing
    QTimer m_stepTimer; // original timing
    qsizetype m_next = 0;
    State m_state = State::Idle;
    ReplayOutcome m_outcome;
    bool m_recorded = false;
};

} // namespace wslab::client
