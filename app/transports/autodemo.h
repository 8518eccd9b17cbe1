#pragma once

#include "app/transports/demoresult.h"
#include "app/transports/demoscript.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

namespace wslab::app {

class DemoReceiver;
class KeepAliveHttpClient;

// The auto demo: plays one scripted conversation through the three transports at once against a
// running server (127.0.0.1 by default) with built-in clients, and measures what each transport
// cost and how late it delivered. One sender posts the numbered lines with POST /send; the
// receivers idle on WebSocket, long polling and polling.
//
//   Connecting  every receiver joins and catches up with the room
//   Settling    the announcement line is posted; measuring starts once every receiver has it
//   Sending     the numbered lines, one every messageIntervalMs
//   Draining    until every receiver has every line (or drainTimeoutMs after the last one)
//
// Bounded: the whole run ends within script.plannedDurationMs() (at most 30 s) and can be
// cancelled at any point; finished() always follows start() exactly once.
class AutoDemo : public QObject
{
    Q_OBJECT
public:
    enum class Phase : quint8 { Idle, Connecting, Settling, Sending, Draining };
    Q_ENUM(Phase)
    // How long the clients of a finished run wait for the server to take their goodbye.
    static constexpr int leaveTimeoutMs = 3000;

    explicit AutoDemo(QObject *parent = nullptr);
    ~AutoDemo() override;

    // Where the server listens; a wildcard bind address means loopback.
    void setServer(const QString &host, quint16 port);
    [[nodiscard]] QString host() const { return m_host; }
    [[nodiscard]] quint16 port() const noexcept { return m_port; }

    [[nodiscard]] bool isRunning() const noexcept { return m_phase != Phase::Idle; }
    [[nodiscard]] Phase phase() const noexcept { return m_phase; }
    [[nodiscard]] const DemoResult &lastResult() const noexcept { return m_result; }

public Q_SLOTS:
    // false if already running, or the script or server address is unusable (finished() follows
    // at once with Outcome::Failed for the latter).
    bool start(const wslab::app::DemoScript &script);
    void cancel();

Q_SIGNALS:
    void phaseChanged(wslab::app::AutoDemo::Phase phase);
    // Numbered lines received over all receivers, of lines x receivers.
    void progressChanged(int delivered, int total);
    void finished(const wslab::app::DemoResult &result);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void setPhase(Phase phase);
    void createReceivers();
    void onReceiverReady();
    void onProgress();
    void startMeasuring();
    void sendNext();
    void post(const QString &text);
    void finish(DemoResult::Outcome outcome, const QString &reason = {});
    [[nodiscard]] bool all(bool (DemoReceiver::*predicate)() const noexcept) const;

    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    Phase m_phase = Phase::Idle;
    DemoScript m_script;
    DemoResult m_result;
    QList<DemoReceiver *> m_receivers;
    KeepAliveHttpClient *m_sender = nullptr;
    QString m_senderId;
    QBasicTimer m_phaseTimer;    // the current phase's time limit
    QBasicTimer m_sendTimer;     // the next line
    QBasicTimer m_deadlineTimer; // the whole run
    QElapsedTimer m_window;      // the measured window
    int m_sent = 0;
    int m_due = 0;               // lines whose time has come (the sender is busy with the previous)
};

} // namespace wslab::app
