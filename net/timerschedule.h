#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <vector>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace wslab::net {

// The timers of one event loop, ordered by when they are due; times are nanoseconds on a monotonic
// clock the caller reads. A timer that fell behind (its handler, or the loop, took longer than its
// interval) fires once and is due one interval later, as Qt's own dispatchers do: missed
// intervals are not made up in a burst. Every timer type fires on time (a coarse timer may be late
// by Qt's definition, never early, so on time is within it).
class TimerSchedule
{
public:
    void add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs);
    bool remove(int id);
    bool removeAll(const QObject *object);
    [[nodiscard]] QList<QAbstractEventDispatcher::TimerInfo> timersOf(const QObject *object) const;
    // Milliseconds until timer `id` is due (0 if it is), -1 for no such timer.
    [[nodiscard]] int remainingMs(int id, qint64 nowNs) const;
    // Milliseconds to wait for the next timer, rounded up (a wait never ends before it is due);
    // -1 with no timer.
    [[nodiscard]] int msecsToNext(qint64 nowNs) const;
    // Sends a QTimerEvent for every timer due at `nowNs`, each at most once, in the order they fell
    // due. A timer whose handler is still running (a nested event loop) is not fired again inside
    // it. Returns how many fired.
    int activateDue(qint64 nowNs);

    [[nodiscard]] bool isEmpty() const noexcept { return m_timers.empty(); }

private:
    struct Timer
    {
        int id = 0;
        qint64 intervalNs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 dueNs = 0;
        bool firing = false;
    };

    void insert(Timer timer);
    [[nodiscard]] std::vector<Timer>::iterator find(int id);
    [[nodiscard]] std::vector<Timer>::const_iterator find(int id) const;

    std::vector<Timer> m_timers; // by due time; a loop has a handful, so a sorted vector serves
};

} // namespace wslab::net
