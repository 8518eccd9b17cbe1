#include "epolleventdispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace wslab::net {

namespace {

// The top byte of an event's data says whose it is.
constexpr quint64 wakeUpTag = 0;
constexpr quint64 notifierTag = 1;
constexpr int firstWatcherTag = 2;
constexpr size_t lastTag = 0xff;
constexpr quint64 keyMask = (quint64(1) << EpollEventDispatcher::keyBits) - 1;
constexpr quint32 generationMask = 0xffffff; // a notifier's generation: the bits above its descriptor

// Events taken per turn; more stay ready and come on the next, so timers and posted events are not
// starved by a flood.
constexpr int maxEventsPerTurn = 256;

quint64 notifierData(int fd, quint32 generation)
{
    return notifierTag << EpollEventDispatcher::keyBits | quint64(generation) << 32 | quint32(fd);
}

quint32 epollEventsFor(QSocketNotifier::Type type)
{
    switch (type) {
    case QSocketNotifier::Read: return EPOLLIN;
    case QSocketNotifier::Write: return EPOLLOUT;
    case QSocketNotifier::Exception: return EPOLLPRI;
    }
    return 0;
}

// As Qt's poll() dispatcher reads poll's answer: a hang-up or an error is news for a reader, an
// error for a writer.
quint32 eventsThatActivate(QSocketNotifier::Type type)
{
    switch (type) {
    case QSocketNotifier::Read: return EPOLLIN | EPOLLHUP | EPOLLERR;
    case QSocketNotifier::Write: return EPOLLOUT | EPOLLERR;
    case QSocketNotifier::Exception: return EPOLLPRI;
    }
    return 0;
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    m_clock.start();
    if (!isValid()) {
        qWarning("epoll_create1 or eventfd failed (errno %d): this thread's event loop cannot run", errno);
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = wakeUpTag << keyBits;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qWarning("epoll_ctl for the wake-up eventfd failed (errno %d)", errno);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

EpollEventDispatcher *EpollEventDispatcher::of(const QThread *thread)
{
    return qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance(const_cast<QThread *>(thread)));
}

int EpollEventDispatcher::addWatcher(Watcher *watcher)
{
    // Tags live in the top byte of an event's data: the tag of a watcher that went is given again,
    // so a thread that makes poller after poller does not run out of them.
    const auto freed = std::find(m_watchers.begin(), m_watchers.end(), nullptr);
    if (freed != m_watchers.end()) {
        *freed = watcher;
        return firstWatcherTag + int(freed - m_watchers.begin());
    }
    if (firstWatcherTag + m_watchers.size() > lastTag)
        return 0;
    m_watchers.push_back(watcher);
    return firstWatcherTag + int(m_watchers.size()) - 1;
}

void EpollEventDispatcher::removeWatcher(int tag)
{
    const auto index = size_t(tag - firstWatcherTag);
    if (index < m_watchers.size())
        m_watchers[index] = nullptr;
}

quint64 EpollEventDispatcher::watcherData(int tag, quint64 key) noexcept
{
    return quint64(tag) << keyBits | (key & keyMask);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.storeRelaxed(0);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeSockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    // Events posted from now on wake the wait through wakeUp(), so an empty wait is safe.
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupt.loadRelaxed()
            && !(includeSockets && m_alwaysReadyCount > 0);
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupt.loadRelaxed())
        return false;

    int timeoutMs = 0;
    if (canWait)
        timeoutMs = includeTimers ? m_timers.msecsToNext(nowNs()) : -1;
    epoll_event events[maxEventsPerTurn];
    const int ready = isValid() ? ::epoll_wait(m_epoll, events, maxEventsPerTurn, timeoutMs) : 0;
    int handled = 0;
    for (int i = 0; i < ready; ++i)
        handled += dispatchEvent(events[i].data.u64, events[i].events, includeSockets);
    if (includeSockets)
        handled += activateAlwaysReady();
    if (includeTimers)
        handled += m_timers.activateDue(nowNs());
    return handled > 0;
}

int EpollEventDispatcher::dispatchEvent(quint64 data, quint32 events, bool includeSockets)
{
    const quint64 tag = data >> keyBits;
    if (tag == wakeUpTag) {
        drainWakeUps();
        return 1;
    }
    if (!includeSockets)
        return 0;
    if (tag == notifierTag)
        return activateNotifiers(int(quint32(data)), quint32(data >> 32) & generationMask, events);
    const auto index = size_t(tag - firstWatcherTag);
    if (index < m_watchers.size() && m_watchers[index]) {
        m_watchers[index]->descriptorReady(data & keyMask, events);
        return 1;
    }
    return 0;
}

void EpollEventDispatcher::drainWakeUps()
{
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof count) > 0) {
    }
    // After the read: a wake-up asked for in between finds the flag still set and writes
    // nothing, and what it posted is sent at the start of the next turn.
    m_wakeUps.storeRelease(0);
}

EpollEventDispatcher::NotifierSet *EpollEventDispatcher::notifierSet(int fd)
{
    return fd >= 0 && size_t(fd) < m_notifiers.size() ? &m_notifiers[size_t(fd)] : nullptr;
}

int EpollEventDispatcher::activateNotifiers(int fd, quint32 generation, quint32 events)
{
    int activated = 0;
    for (const auto type : {QSocketNotifier::Read, QSocketNotifier::Write, QSocketNotifier::Exception}) {
        // Looked up for each: an earlier notifier's handler may have removed or replaced this one.
        NotifierSet *set = notifierSet(fd);
        if (!set || set->generation != generation)
            return activated;
        QSocketNotifier *notifier = set->notifiers[type];
        if (!notifier || !(events & eventsThatActivate(type)))
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

int EpollEventDispatcher::activateAlwaysReady()
{
    if (m_alwaysReadyCount == 0)
        return 0;
    int activated = 0;
    for (size_t fd = 0; fd < m_notifiers.size(); ++fd) {
        if (m_notifiers[fd].alwaysReady)
            activated += activateNotifiers(int(fd), m_notifiers[fd].generation, EPOLLIN | EPOLLOUT);
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (fd < 0)
        return;
    if (size_t(fd) >= m_notifiers.size())
        m_notifiers.resize(size_t(fd) + 1);
    NotifierSet &set = m_notifiers[size_t(fd)];
    if (set.events == 0 && !set.alwaysReady) {
        set.generation = m_nextGeneration;
        m_nextGeneration = (m_nextGeneration + 1) & generationMask;
    }
    if (set.notifiers[notifier->type()] && set.notifiers[notifier->type()] != notifier)
        qWarning("EpollEventDispatcher: a second notifier of one type for descriptor %d replaces the first", fd);
    set.notifiers[notifier->type()] = notifier;
    updateNotifierSet(fd, set);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    NotifierSet *set = notifierSet(int(notifier->socket()));
    if (!set || set->notifiers[notifier->type()] != notifier)
        return;
    set->notifiers[notifier->type()] = nullptr;
    updateNotifierSet(int(notifier->socket()), *set);
}

// Brings the epoll set in line with the notifiers registered for `fd`.
void EpollEventDispatcher::updateNotifierSet(int fd, NotifierSet &set)
{
    quint32 wanted = 0;
    for (const auto type : {QSocketNotifier::Read, QSocketNotifier::Write, QSocketNotifier::Exception}) {
        if (set.notifiers[type])
            wanted |= epollEventsFor(type);
    }
    if (set.alwaysReady) {
        if (wanted == 0) {
            set.alwaysReady = false;
            --m_alwaysReadyCount;
        }
        return;
    }
    if (wanted == set.events)
        return;
    epoll_event event{};
    event.events = wanted;
    event.data.u64 = notifierData(fd, set.generation);
    const int operation = set.events == 0 ? EPOLL_CTL_ADD : wanted == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
    if (::epoll_ctl(m_epoll, operation, fd, &event) == 0) {
        set.events = wanted;
        return;
    }
    if (operation == EPOLL_CTL_ADD && errno == EPERM) { // a regular file, /dev/null: poll() says ready
        set.alwaysReady = true;
        ++m_alwaysReadyCount;
        return;
    }
    // The descriptor closed before its notifier went: the kernel dropped it from the set already.
    if (operation != EPOLL_CTL_ADD && (errno == EBADF || errno == ENOENT)) {
        set.events = 0;
        if (wanted != 0)
            updateNotifierSet(fd, set);
        return;
    }
    qWarning("EpollEventDispatcher: epoll_ctl for descriptor %d failed (errno %d)", fd, errno);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    m_timers.add(timerId, interval, timerType, object, nowNs());
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId, nowNs());
}

void EpollEventDispatcher::wakeUp()
{
    // Once per turn: the waiting thread clears the flag when it has read the eventfd.
    if (m_wakeUps.testAndSetAcquire(0, 1)) {
        const quint64 one = 1;
        if (::write(m_wakeFd, &one, sizeof one) < 0 && errno != EAGAIN)
            qWarning("EpollEventDispatcher: waking the thread failed (errno %d)", errno);
    }
}

void EpollEventDispatcher::interrupt()
{
    m_interrupt.storeRelaxed(1);
    wakeUp();
}

} // namespace wslab::net
