#include "net/socketpoller.h"

#include "dispatcherchoice.h"
#include "socketpair.h"

#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <unistd.h>

#include <functional>

using wslab::net::SocketPoller;

namespace {

constexpr int waitMs = 5000;
// How long the loop runs to show that something does not happen.
constexpr int quietMs = 100;

} // namespace

class tst_SocketPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsReadableData();
    void nothingIsReportedWithoutInterest();
    void writableOnlyWhileWanted();
    void clientRemovedDuringABatchIsSkipped();
    void descriptorWatchedAgainReachesOnlyTheNewClient_data();
    void descriptorWatchedAgainReachesOnlyTheNewClient();
    void countsWatchedSockets();
    void usesTheDispatchersSetWhenThereIsOne();
};

void tst_SocketPoller::reportsReadableData()
{
    SocketPoller poller;
    QVERIFY(poller.isValid());
    SocketPair pair;
    QVERIFY(pair.isValid());
    CountingClient client(pair.watched());
    poller.watch(pair.watched(), &client);
    poller.setInterest(pair.watched(), true, false);
    pair.send("x");
    QTRY_COMPARE_WITH_TIMEOUT(client.readable, 1, waitMs);
    QCOMPARE(client.writable, 0);
    pair.closePeer(); // the peer's FIN is news for the reader as well
    QTRY_VERIFY_WITH_TIMEOUT(client.readable >= 2, waitMs);
    poller.unwatch(pair.watched());
}

void tst_SocketPoller::nothingIsReportedWithoutInterest()
{
    SocketPoller poller;
    SocketPair pair;
    CountingClient client(pair.watched());
    poller.watch(pair.watched(), &client);
    poller.setInterest(pair.watched(), true, false);
    poller.setInterest(pair.watched(), false, false); // paused reading
    pair.send("unread");
    pair.closePeer(); // a hang-up must not wake a client that wants nothing
    QTest::qWait(quietMs);
    QCOMPARE(client.readable, 0);
    QCOMPARE(client.writable, 0);
    poller.setInterest(pair.watched(), true, false); // resumed: what waited is reported
    QTRY_VERIFY_WITH_TIMEOUT(client.readable >= 1, waitMs);
    poller.unwatch(pair.watched());
}

void tst_SocketPoller::writableOnlyWhileWanted()
{
    SocketPoller poller;
    SocketPair pair;
    CountingClient client(pair.watched());
    poller.watch(pair.watched(), &client);
    poller.setInterest(pair.watched(), false, true);
    QTRY_VERIFY_WITH_TIMEOUT(client.writable >= 1, waitMs);
    poller.setInterest(pair.watched(), false, false);
    QTest::qWait(quietMs / 2); // any turn already dispatching ends
    const int before = client.writable;
    QTest::qWait(quietMs);
    QCOMPARE(client.writable, before);
    QCOMPARE(client.readable, 0);
    poller.unwatch(pair.watched());
}

// Both sockets are ready in the same turn; whichever is called first removes the other, which
// must then not be called with the event already fetched for it.
void tst_SocketPoller::clientRemovedDuringABatchIsSkipped()
{
    SocketPoller poller;
    SocketPair first;
    SocketPair second;
    CountingClient a(first.watched());
    CountingClient b(second.watched());
    const auto drain = [](int fd) {
        char buffer[64];
        while (::read(fd, buffer, sizeof buffer) > 0) {
        }
    };
    a.onReadable = [&] { drain(first.watched()); poller.unwatch(second.watched()); };
    b.onReadable = [&] { drain(second.watched()); poller.unwatch(first.watched()); };
    poller.watch(first.watched(), &a);
    poller.watch(second.watched(), &b);
    poller.setInterest(first.watched(), true, false);
    poller.setInterest(second.watched(), true, false);
    first.send("1");
    second.send("2"); // both ready before the loop runs
    QTRY_COMPARE_WITH_TIMEOUT(a.readable + b.readable, 1, waitMs);
    QTest::qWait(quietMs);
    QCOMPARE(a.readable + b.readable, 1);
    QCOMPARE(poller.watchedCount(), 1);
}

void tst_SocketPoller::descriptorWatchedAgainReachesOnlyTheNewClient_data()
{
    QTest::addColumn<bool>("unwatchedFirst");
    QTest::addRow("reused after unwatch") << true;
    // The epoll set still holds the descriptor from the first registration: the poller recovers.
    QTest::addRow("watched again without unwatch") << false;
}

void tst_SocketPoller::descriptorWatchedAgainReachesOnlyTheNewClient()
{
    QFETCH(bool, unwatchedFirst);
    SocketPoller poller;
    SocketPair pair;
    CountingClient old(pair.watched());
    CountingClient current(pair.watched());
    poller.watch(pair.watched(), &old);
    poller.setInterest(pair.watched(), true, false);
    if (unwatchedFirst)
        poller.unwatch(pair.watched());
    poller.watch(pair.watched(), &current);
    poller.setInterest(pair.watched(), true, false);
    QCOMPARE(poller.watchedCount(), 1);
    pair.send("y");
    QTRY_COMPARE_WITH_TIMEOUT(current.readable, 1, waitMs);
    QCOMPARE(old.readable, 0);
    poller.unwatch(pair.watched());
}

void tst_SocketPoller::countsWatchedSockets()
{
    SocketPoller poller;
    SocketPair first;
    SocketPair second;
    CountingClient a;
    CountingClient b;
    QCOMPARE(poller.watchedCount(), 0);
    poller.watch(first.watched(), &a);
    poller.watch(second.watched(), &b);
    QCOMPARE(poller.watchedCount(), 2);
    poller.unwatch(first.watched());
    poller.unwatch(first.watched()); // twice: no effect
    QCOMPARE(poller.watchedCount(), 1);
    poller.unwatch(second.watched());
    QCOMPARE(poller.watchedCount(), 0);
}

// Under the EpollEventDispatcher (the :epoll run) the sockets join its set; else the poller has one.
void tst_SocketPoller::usesTheDispatchersSetWhenThereIsOne()
{
    const bool epollRun = qgetenv("WSLAB_TEST_DISPATCHER") == "epoll";
    QCOMPARE(wslab::net::EpollEventDispatcher::of(QThread::currentThread()) != nullptr, epollRun);
    SocketPoller poller;
    SocketPair pair;
    CountingClient client(pair.watched());
    poller.watch(pair.watched(), &client);
    QCOMPARE(poller.sharesDispatcherSet(), epollRun);
    poller.setInterest(pair.watched(), true, false);
    pair.send("x");
    QTRY_COMPARE_WITH_TIMEOUT(client.readable, 1, waitMs);
    poller.unwatch(pair.watched());
}

WSLAB_NET_TEST_MAIN(tst_SocketPoller)
#include "tst_socketpoller.moc"
