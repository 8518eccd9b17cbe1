#pragma once

#include "app/transports/demoscript.h"
#include "app/transports/demotally.h"

#include "capture/capturerecord.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>

namespace wslab::app {

// One idle client of the auto demo: it joins the chat room over its transport, listens, and
// counts into its transport's tally while the demo measures. Subclasses speak the transport.
class DemoReceiver : public QObject
{
    Q_OBJECT
public:
    DemoReceiver(capture::Transport transport, const DemoScript &script, DemoTally &tally, QObject *parent = nullptr);

    virtual void start() = 0;
    // Quietly: no signal follows.
    virtual void stop() = 0;
    // Ends the run politely, telling the server the client is gone (a close handshake, a leave
    // request), so it is not listed until it would time out; left() follows, at once or when the
    // server has answered. Nothing is counted from here on.
    virtual void leave() = 0;

    void setCounting(bool counting) noexcept { m_counting = counting; }
    [[nodiscard]] bool isCounting() const noexcept { return m_counting; }
    [[nodiscard]] capture::Transport transport() const noexcept { return m_transport; }
    [[nodiscard]] bool isReady() const noexcept { return m_ready; }
    [[nodiscard]] bool hasSeenAnnouncement() const noexcept { return m_sawAnnouncement; }
    [[nodiscard]] int linesReceived() const noexcept { return int(m_seen.size()); }
    [[nodiscard]] bool hasAllLines() const noexcept { return linesReceived() >= m_script.messageCount; }
    [[nodiscard]] quint64 duplicates() const noexcept { return m_duplicates; }

Q_SIGNALS:
    void ready();
    void failed(const QString &reason);
    // A numbered line or the announcement arrived.
    void progressed();
    void left();

protected:
    // A chat entry as the server's JSON has it ({"type":"message","seq":..,"text":..,"time":..}),
    // received at `receivedMs` (ms since the epoch, the clock the server stamps entries with).
    void handleEntry(const QJsonObject &entry, qint64 receivedMs);
    void markReady();
    [[nodiscard]] DemoTally &tally() noexcept { return m_tally; }
    [[nodiscard]] const DemoScript &script() const noexcept { return m_script; }

private:
    capture::Transport m_transport;
    DemoScript m_script;
    DemoTally &m_tally;
    QSet<int> m_seen;
    quint64 m_duplicates = 0;
    bool m_counting = false;
    bool m_ready = false;
    bool m_sawAnnouncement = false;
};

} // namespace wslab::app
