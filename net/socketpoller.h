#pragma once

#include "epolleventdispatcher.h"

#include <QObject>
#include <QPointer>

#include <vector>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace wslab::net {

// Readiness of many sockets through one epoll set. Qt's event dispatchers poll() every registered
// descriptor on every turn of the event loop, so a server holding thousands of mostly idle
// connections would pay for all of them each time one becomes ready; epoll reports only the ready
// ones. In a thread run by an EpollEventDispatcher the sockets join the dispatcher's own set, whose
// wait reports them directly; elsewhere the poller has a set of its own, watched by one
// QSocketNotifier. Level-triggered, like QSocketNotifier: a client that does not drain its socket
// is told again on the next turn.
//
// Clients are looked up by descriptor and registration generation for every event, so a client
// that goes away (or whose descriptor is reused) while a batch is dispatched is simply skipped.
// Lives in the thread of the sockets it watches, from the first one on.
class SocketPoller final : public QObject, private EpollEventDispatcher::Watcher
{
    Q_OBJECT
public:
    class Client
    {
    public:
        virtual void socketReadable() = 0; // data, the peer's FIN, or an error to collect
        virtual void socketWritable() = 0;
    protected:
        ~Client() = default;
    };

    explicit SocketPoller(QObject *parent = nullptr);
    ~SocketPoller() override;

    // False once no epoll set could be had for the sockets.
    [[nodiscard]] bool isValid() const noexcept { return !m_setFailed; }

    // Starts watching `fd` for `client`, with no interest yet.
    void watch(int fd, Client *client);
    // What `client` wants to hear about now; a socket with no interest leaves the epoll set, so a
    // hung-up peer cannot keep waking the loop while reading is paused.
    void setInterest(int fd, bool read, bool write);
    // Forgets `fd`; call before closing it.
    void unwatch(int fd);

    [[nodiscard]] int watchedCount() const noexcept { return m_watched; }
    // Whether the sockets are in the thread's EpollEventDispatcher's set (else in one of its own).
    [[nodiscard]] bool sharesDispatcherSet() const noexcept { return !m_dispatcher.isNull(); }

private:
    struct Entry
    {
        Client *client = nullptr;
        quint32 generation = 0;
        quint32 interest = 0; // EPOLLIN / EPOLLOUT bits currently in the epoll set
    };

    [[nodiscard]] bool ensureSet();
    void dispatch();
    void descriptorReady(quint64 key, quint32 epollEvents) override;
    [[nodiscard]] Entry *entryFor(quint64 key);
    [[nodiscard]] quint64 dataFor(int fd, const Entry &entry) const;

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;    // without a shared set: watches m_epoll
    QPointer<EpollEventDispatcher> m_dispatcher; // with one: its set is m_epoll
    int m_watcherTag = 0;
    bool m_setFailed = false;
    std::vector<Entry> m_entries; // indexed by descriptor
    quint32 m_nextGeneration = 1;
    int m_watched = 0;
};

} // namespace wslab::net
