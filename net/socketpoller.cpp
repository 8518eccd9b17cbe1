#include "socketpoller.h"

#include <QSocketNotifier>
#include <QThread>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>

namespace wslab::net {

namespace {

// Events taken from the kernel per notification; more stay ready and come on the next turn, so
// timers and new connections are not starved by a flood.
constexpr int maxEventsPerTurn = 256;

// A key is the descriptor and, above it, its registration's generation, in the bits a shared
// set leaves to its watchers.
constexpr quint32 generationMask = (quint32(1) << (EpollEventDispatcher::keyBits - 32)) - 1;

quint64 keyOf(int fd, quint32 generation)
{
    return quint64(generation) << 32 | quint32(fd);
}

} // namespace

SocketPoller::SocketPoller(QObject *parent)
    : QObject(parent)
{
}

// On the first socket, not at construction: an object is often made in one thread and moved to
// the one that serves its sockets (the embedded server is), and the set must be that thread's.
bool SocketPoller::ensureSet()
{
    if (m_epoll >= 0 || m_setFailed)
        return m_epoll >= 0;
    if (EpollEventDispatcher *dispatcher = EpollEventDispatcher::of(thread()); dispatcher && dispatcher->isValid()) {
        m_watcherTag = dispatcher->addWatcher(this);
        if (m_watcherTag != 0) {
            m_dispatcher = dispatcher;
            m_epoll = dispatcher->epollDescriptor();
            return true;
        }
    }
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        m_setFailed = true;
        qWarning("epoll_create1 failed (errno %d): sockets will not be served", errno);
        return false;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SocketPoller::dispatch);
    return true;
}

SocketPoller::~SocketPoller()
{
    if (m_dispatcher) {
        // The set outlives this poller: sockets still watched leave it, or their readiness would
        // keep waking the thread for nobody.
        for (size_t fd = 0; fd < m_entries.size(); ++fd) {
            if (m_entries[fd].interest != 0)
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, int(fd), nullptr);
        }
        m_dispatcher->removeWatcher(m_watcherTag);
        return;
    }
    if (m_notifier) { // the set is this poller's own
        delete m_notifier; // before its descriptor goes
        ::close(m_epoll);
    }
}

void SocketPoller::watch(int fd, Client *client)
{
    if (fd < 0 || !ensureSet())
        return;
    if (size_t(fd) >= m_entries.size())
        m_entries.resize(size_t(fd) + 1);
    Entry &entry = m_entries[size_t(fd)];
    if (!entry.client)
        ++m_watched;
    entry = Entry{client, m_nextGeneration, 0};
    m_nextGeneration = (m_nextGeneration + 1) & generationMask;
}

void SocketPoller::setInterest(int fd, bool read, bool write)
{
    if (fd < 0 || size_t(fd) >= m_entries.size() || !m_entries[size_t(fd)].client || m_epoll < 0)
        return;
    Entry &entry = m_entries[size_t(fd)];
    const quint32 interest = (read ? quint32(EPOLLIN) : 0u) | (write ? quint32(EPOLLOUT) : 0u);
    if (interest == entry.interest)
        return;
    epoll_event event{};
    event.events = interest;
    event.data.u64 = dataFor(fd, entry);
    const int operation = entry.interest == 0 ? EPOLL_CTL_ADD : interest == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
    bool done = ::epoll_ctl(m_epoll, operation, fd, &event) == 0;
    // The kernel's view wins where ours is stale: already there, or already gone with its socket.
    if (!done && operation == EPOLL_CTL_ADD && errno == EEXIST)
        done = ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0;
    else if (!done && operation != EPOLL_CTL_ADD && errno == ENOENT)
        done = interest == 0 || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) == 0;
    if (done)
        entry.interest = interest;
}

void SocketPoller::unwatch(int fd)
{
    if (fd < 0 || size_t(fd) >= m_entries.size() || !m_entries[size_t(fd)].client)
        return;
    Entry &entry = m_entries[size_t(fd)];
    if (entry.interest != 0 && m_epoll >= 0)
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    entry = Entry{};
    --m_watched;
}

quint64 SocketPoller::dataFor(int fd, const Entry &entry) const
{
    const quint64 key = keyOf(fd, entry.generation);
    return m_dispatcher ? EpollEventDispatcher::watcherData(m_watcherTag, key) : key;
}

SocketPoller::Entry *SocketPoller::entryFor(quint64 key)
{
    const auto fd = size_t(quint32(key));
    if (fd >= m_entries.size())
        return nullptr;
    Entry &entry = m_entries[fd];
    return entry.client && entry.generation == quint32(key >> 32) ? &entry : nullptr;
}

void SocketPoller::dispatch()
{
    epoll_event events[maxEventsPerTurn];
    const int ready = ::epoll_wait(m_epoll, events, maxEventsPerTurn, 0);
    for (int i = 0; i < ready; ++i)
        descriptorReady(events[i].data.u64, events[i].events);
}

void SocketPoller::descriptorReady(quint64 key, quint32 epollEvents)
{
    // An error or hang-up is news for whichever direction is wanted: the read or the write that
    // follows collects it.
    const bool failed = epollEvents & (EPOLLERR | EPOLLHUP);
    const Entry *entry = entryFor(key);
    if (entry && (entry->interest & EPOLLIN) && (failed || (epollEvents & EPOLLIN)))
        entry->client->socketReadable();
    entry = entryFor(key); // the reader may have closed the socket
    if (entry && (entry->interest & EPOLLOUT) && (failed || (epollEvents & EPOLLOUT)))
        entry->client->socketWritable();
}

} // namespace wslab::net
