#include "app/transports/autodemo.h"

#include "app/transports/httpdemoreceiver.h"
#include "app/transports/keepalivehttpclient.h"
#include "app/transports/websocketdemoreceiver.h"

#include <QRandomGenerator>
#include <QTimer>
#include <QTimerEvent>
#include <QUrl>

namespace wslab::app {

using capture::Transport;

namespace {

QString shortName(Transport transport)
{
    switch (transport) {
    case Transport::WebSocket: return QStringLiteral("ws");
    case Transport::LongPolling: return QStringLiteral("long");
    case Transport::Polling: return QStringLiteral("poll");
    case Transport::Http: break;
    }
    return QStringLiteral("http");
}

} // namespace

AutoDemo::AutoDemo(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<DemoResult>();
}

AutoDemo::~AutoDemo()
{
    // Quietly: nobody should hear from a demo object being destroyed.
    for (DemoReceiver *receiver : std::as_const(m_receivers)) {
        receiver->disconnect(this);
        receiver->stop();
    }
}

void AutoDemo::setServer(const QString &host, quint16 port)
{
    const bool wildcard = host.isEmpty() || host == QLatin1String("0.0.0.0") || host == QLatin1String("::");
    m_host = wildcard ? QStringLiteral("127.0.0.1") : host;
    m_port = port;
}

bool AutoDemo::start(const DemoScript &script)
{
    if (isRunning())
        return false;
    m_script = script;
    if (m_script.marker.isEmpty())
        m_script.marker = QString::number(QRandomGenerator::global()->bounded(0x1000, 0x10000), 16);
    m_result = DemoResult::planned(m_script);
    m_sent = 0;
    m_due = 0;
    m_window.invalidate();
    if (!m_script.isValid()) {
        m_phase = Phase::Connecting; // so that finish() reports
        finish(DemoResult::Outcome::Failed, tr("the demo's settings are out of range"));
        return true;
    }
    if (m_port == 0) {
        m_phase = Phase::Connecting;
        finish(DemoResult::Outcome::Failed, tr("the server is not listening"));
        return true;
    }

    m_senderId = QStringLiteral("demo-%1-sender").arg(m_script.marker);
    m_sender = new KeepAliveHttpClient(m_host, m_port, this);
    connect(m_sender, &KeepAliveHttpClient::answered, this, [this](const HttpResponseReader::Response &response) {
        if (response.status != 200) {
            finish(DemoResult::Outcome::Failed, tr("POST /send answered HTTP %1").arg(response.status));
            return;
        }
        sendNext();
    });
    connect(m_sender, &KeepAliveHttpClient::failed, this, [this](const QString &reason) {
        finish(DemoResult::Outcome::Failed, QStringLiteral("POST /send: %1").arg(reason));
    });

    createReceivers();
    setPhase(Phase::Connecting);
    m_deadlineTimer.start(m_script.plannedDurationMs(), Qt::CoarseTimer, this);
    m_phaseTimer.start(m_script.setupTimeoutMs, Qt::CoarseTimer, this);
    Q_EMIT progressChanged(0, int(m_result.expected()));
    for (DemoReceiver *receiver : std::as_const(m_receivers))
        receiver->start();
    return true;
}

void AutoDemo::createReceivers()
{
    for (const Transport transport : TransportStyle::order) {
        DemoTally &tally = m_result.lane(transport).tally;
        for (int i = 1; i <= m_script.receiversPerTransport; ++i) {
            const QString nick = QStringLiteral("demo-%1-%2").arg(shortName(transport)).arg(i);
            DemoReceiver *receiver = nullptr;
            if (transport == Transport::WebSocket) {
                receiver = new WebSocketDemoReceiver(m_host, m_port, nick, m_script, tally, this);
            } else {
                const QString clientId = QStringLiteral("demo-%1-%2-%3").arg(m_script.marker, shortName(transport)).arg(i);
                auto *http = new HttpDemoReceiver(transport, m_host, m_port, clientId, nick, m_script, tally, this);
                // Pollers spread evenly over one interval.
                if (transport == Transport::Polling)
                    http->setPhaseOffset(m_script.pollIntervalMs * (i - 1) / m_script.receiversPerTransport);
                receiver = http;
            }
            connect(receiver, &DemoReceiver::ready, this, &AutoDemo::onReceiverReady);
            connect(receiver, &DemoReceiver::progressed, this, &AutoDemo::onProgress);
            connect(receiver, &DemoReceiver::failed, this,
                    [this](const QString &reason) { finish(DemoResult::Outcome::Failed, reason); });
            m_receivers.append(receiver);
        }
    }
}

void AutoDemo::cancel()
{
    finish(DemoResult::Outcome::Cancelled);
}

void AutoDemo::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

bool AutoDemo::all(bool (DemoReceiver::*predicate)() const noexcept) const
{
    return std::all_of(m_receivers.cbegin(), m_receivers.cend(),
                       [predicate](const DemoReceiver *receiver) { return (receiver->*predicate)(); });
}

void AutoDemo::onReceiverReady()
{
    if (m_phase != Phase::Connecting || !all(&DemoReceiver::isReady))
        return;
    setPhase(Phase::Settling);
    // The announcement reaches polling receivers at their next poll at the latest.
    m_phaseTimer.start(m_script.pollIntervalMs + m_script.setupTimeoutMs, Qt::CoarseTimer, this);
    post(m_script.announcementText());
}

void AutoDemo::onProgress()
{
    switch (m_phase) {
    case Phase::Settling:
        if (all(&DemoReceiver::hasSeenAnnouncement))
            startMeasuring();
        return;
    case Phase::Sending:
    case Phase::Draining:
        break;
    case Phase::Idle:
    case Phase::Connecting:
        return;
    }
    int delivered = 0;
    for (const DemoReceiver *receiver : std::as_const(m_receivers))
        delivered += receiver->linesReceived();
    Q_EMIT progressChanged(delivered, int(m_result.expected()));
    if (m_phase == Phase::Draining && all(&DemoReceiver::hasAllLines))
        finish(DemoResult::Outcome::Completed);
}

void AutoDemo::startMeasuring()
{
    for (DemoReceiver *receiver : std::as_const(m_receivers))
        receiver->setCounting(true);
    m_window.start();
    m_phaseTimer.stop();
    setPhase(Phase::Sending);
    m_due = 1;
    if (m_script.messageCount > 1)
        m_sendTimer.start(m_script.messageIntervalMs, Qt::PreciseTimer, this);
    sendNext();
}

// Posts the next line whose time has come, unless the previous POST is still unanswered (then
// its answer calls here again). Lines are never skipped, only delayed.
void AutoDemo::sendNext()
{
    if ((m_phase != Phase::Sending) || m_sent >= m_due || m_sender->isBusy())
        return;
    ++m_sent;
    post(m_script.messageText(m_sent));
    if (m_sent == m_script.messageCount) {
        setPhase(Phase::Draining);
        m_phaseTimer.start(m_script.drainTimeoutMs, Qt::CoarseTimer, this);
    }
}

void AutoDemo::post(const QString &text)
{
    const QByteArray target = "/send?client=" + QUrl::toPercentEncoding(m_senderId)
        + "&nick=" + QUrl::toPercentEncoding(QStringLiteral("demo-sender"))
        + "&room=" + QUrl::toPercentEncoding(m_script.room());
    m_sender->post(target, text.toUtf8(), "text/plain; charset=utf-8");
}

void AutoDemo::timerEvent(QTimerEvent *event)
{
    const int id = event->timerId();
    if (id == m_sendTimer.timerId()) {
        m_due = std::min(m_due + 1, m_script.messageCount);
        if (m_due == m_script.messageCount)
            m_sendTimer.stop();
        sendNext();
    } else if (id == m_phaseTimer.timerId()) {
        m_phaseTimer.stop();
        switch (m_phase) {
        case Phase::Connecting: {
            const auto ready = std::count_if(m_receivers.cbegin(), m_receivers.cend(),
                                             [](const DemoReceiver *r) { return r->isReady(); });
            finish(DemoResult::Outcome::Failed, tr("only %1 of %2 receivers connected within %3 ms")
                                                    .arg(ready).arg(m_receivers.size()).arg(m_script.setupTimeoutMs));
            break;
        }
        case Phase::Settling:
            finish(DemoResult::Outcome::Failed, tr("not every receiver heard the first line"));
            break;
        case Phase::Draining:
            finish(DemoResult::Outcome::Incomplete);
            break;
        case Phase::Sending:
        case Phase::Idle:
            break;
        }
    } else if (id == m_deadlineTimer.timerId()) {
        if (m_window.isValid())
            finish(DemoResult::Outcome::Incomplete);
        else
            finish(DemoResult::Outcome::Failed, tr("the time limit struck before measuring began"));
    } else {
        QObject::timerEvent(event);
    }
}

void AutoDemo::finish(DemoResult::Outcome outcome, const QString &reason)
{
    if (m_phase == Phase::Idle)
        return;
    m_result.measuredMs = m_window.isValid() ? m_window.elapsed() : 0;
    m_phaseTimer.stop();
    m_sendTimer.stop();
    m_deadlineTimer.stop();
    // Every client says goodbye (the receivers and the sender are chat members of the demo's room)
    // and goes once the server has answered, or after leaveTimeoutMs.
    for (DemoReceiver *receiver : std::as_const(m_receivers)) {
        receiver->disconnect(this);
        connect(receiver, &DemoReceiver::left, receiver, &QObject::deleteLater);
        QTimer::singleShot(leaveTimeoutMs, receiver, &QObject::deleteLater);
        receiver->leave();
    }
    m_receivers.clear();
    if (KeepAliveHttpClient *sender = std::exchange(m_sender, nullptr)) {
        sender->disconnect(this);
        sender->abort();
        connect(sender, &KeepAliveHttpClient::answered, sender, &QObject::deleteLater);
        connect(sender, &KeepAliveHttpClient::failed, sender, &QObject::deleteLater);
        QTimer::singleShot(leaveTimeoutMs, sender, &QObject::deleteLater);
        sender->post(HttpDemoReceiver::leaveTarget(m_senderId, m_script.room()), {}, {});
    }
    m_result.outcome = outcome;
    m_result.failureReason = reason;
    setPhase(Phase::Idle);
    Q_EMIT finished(m_result);
}

} // namespace wslab::app
