#pragma once

#include "timerschedule.h"

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QElapsedTimer>

#include <vector>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace wslab::net {

// An event dispatcher that waits in epoll_wait, for the threads that relay and serve sockets.
// Qt's dispatchers wait in poll(): every watched descriptor is handed to the kernel again on each
// turn, and a SocketPoller's epoll set, watched through a QSocketNotifier, wakes the thread
// through a second wait queue before a second call collects its events. Here one epoll set holds
// the thread's QSocketNotifiers, the sockets of its SocketPoller and an eventfd that other threads
// write to wake it (posted events, quit): a wake-up is one system call, as in event-driven servers
// written in C. Timers are kept here (TimerSchedule) and bound the wait.
//
// A descriptor epoll cannot watch (a regular file or /dev/null on stdin) is always ready, as
// poll() reports it: its notifier fires on every turn and the loop does not block while it is
// enabled.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    // Descriptors watched beside QSocketNotifiers, each registered with a key: its events come back
    // with that key. Keys hold `keyBits` bits, the descriptor in the low 32.
    class Watcher
    {
    public:
        virtual void descriptorReady(quint64 key, quint32 epollEvents) = 0;

    protected:
        ~Watcher() = default;
    };
    static constexpr int keyBits = 56;

    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    // The event dispatcher of `thread`, if it is one of these.
    [[nodiscard]] static EpollEventDispatcher *of(const QThread *thread);
    [[nodiscard]] bool isValid() const noexcept { return m_epoll >= 0 && m_wakeFd >= 0; }

    // A watcher's descriptors go into the set with epollDescriptor() and the data
    // watcherData(tag, key); the watcher takes them out before it goes. 0: no tag is free (a
    // thread has 254 watchers at a time at most).
    [[nodiscard]] int addWatcher(Watcher *watcher);
    void removeWatcher(int tag);
    [[nodiscard]] int epollDescriptor() const noexcept { return m_epoll; }
    [[nodiscard]] static quint64 watcherData(int tag, quint64 key) noexcept;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct NotifierSet
    {
        QSocketNotifier *notifiers[3] = {}; // by QSocketNotifier::Type: Read, Write, Exception
        quint32 generation = 0;
        quint32 events = 0;        // what the epoll set watches for this descriptor
        bool alwaysReady = false;  // epoll refused it (EPERM): reported ready on every turn
    };

    [[nodiscard]] qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    [[nodiscard]] NotifierSet *notifierSet(int fd);
    void updateNotifierSet(int fd, NotifierSet &set);
    int dispatchEvent(quint64 data, quint32 events, bool includeSockets);
    int activateNotifiers(int fd, quint32 generation, quint32 events);
    int activateAlwaysReady();
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeFd = -1;
    QAtomicInt m_wakeUps;
    QAtomicInt m_interrupt;
    QElapsedTimer m_clock;
    TimerSchedule m_timers;
    std::vector<NotifierSet> m_notifiers; // by descriptor
    quint32 m_nextGeneration = 1;
    int m_alwaysReadyCount = 0;
    std::vector<Watcher *> m_watchers;    // by tag - first watcher tag; null when removed
};

} // namespace wslab::net
