#include "timerschedule.h"

#include <QCoreApplication>
#include <QTimerEvent>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

namespace wslab::net {

namespace {

constexpr qint64 nsPerMs = 1'000'000;

int roundUpToMs(qint64 ns)
{
    if (ns <= 0)
        return 0;
    return int(std::min<qint64>((ns + nsPerMs - 1) / nsPerMs, std::numeric_limits<int>::max()));
}

} // namespace

void TimerSchedule::add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs)
{
    const qint64 intervalNs = std::max<qint64>(intervalMs, 0) * nsPerMs;
    insert(Timer{id, intervalNs, type, object, nowNs + intervalNs, false});
}

void TimerSchedule::insert(Timer timer)
{
    // After the timers due at the same time: equal timers fire in the order they were started.
    const auto at = std::upper_bound(m_timers.begin(), m_timers.end(), timer.dueNs,
                                     [](qint64 due, const Timer &other) { return due < other.dueNs; });
    m_timers.insert(at, timer);
}

std::vector<TimerSchedule::Timer>::iterator TimerSchedule::find(int id)
{
    return std::find_if(m_timers.begin(), m_timers.end(), [id](const Timer &timer) { return timer.id == id; });
}

std::vector<TimerSchedule::Timer>::const_iterator TimerSchedule::find(int id) const
{
    return std::find_if(m_timers.begin(), m_timers.end(), [id](const Timer &timer) { return timer.id == id; });
}

bool TimerSchedule::remove(int id)
{
    const auto it = find(id);
    if (it == m_timers.end())
        return false;
    m_timers.erase(it);
    return true;
}

bool TimerSchedule::removeAll(const QObject *object)
{
    const auto from = std::remove_if(m_timers.begin(), m_timers.end(),
                                     [object](const Timer &timer) { return timer.object == object; });
    const bool removed = from != m_timers.end();
    m_timers.erase(from, m_timers.end());
    return removed;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerSchedule::timersOf(const QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> timers;
    for (const Timer &timer : m_timers) {
        if (timer.object == object)
            timers.append({timer.id, int(timer.intervalNs / nsPerMs), timer.type});
    }
    return timers;
}

int TimerSchedule::remainingMs(int id, qint64 nowNs) const
{
    const auto it = find(id);
    return it == m_timers.end() ? -1 : roundUpToMs(it->dueNs - nowNs);
}

int TimerSchedule::msecsToNext(qint64 nowNs) const
{
    // The first timer not already firing: one whose handler runs a nested loop does not keep
    // that loop from waiting.
    for (const Timer &timer : m_timers) {
        if (!timer.firing)
            return roundUpToMs(timer.dueNs - nowNs);
    }
    return -1;
}

int TimerSchedule::activateDue(qint64 nowNs)
{
    // Chosen before any fires: a handler that starts a timer due at once (interval 0) sees it fire
    // on the next turn, so such a timer cannot keep the loop from its sockets.
    QVarLengthArray<int, 16> due;
    for (const Timer &timer : m_timers) {
        if (timer.dueNs > nowNs)
            break;
        if (!timer.firing)
            due.append(timer.id);
    }
    int fired = 0;
    for (const int id : due) {
        auto it = find(id);
        if (it == m_timers.end() || it->firing) // stopped, or restarted, by an earlier handler
            continue;
        Timer timer = *it;
        m_timers.erase(it);
        timer.dueNs += timer.intervalNs;
        if (timer.dueNs <= nowNs)
            timer.dueNs = nowNs + timer.intervalNs;
        timer.firing = true;
        insert(timer);
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
        it = find(id);
        if (it != m_timers.end())
            it->firing = false;
    }
    return fired;
}

} // namespace wslab::net
