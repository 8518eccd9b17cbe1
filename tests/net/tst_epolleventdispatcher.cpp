#include "net/epolleventdispatcher.h"
#include "net/socketpoller.h"

#include "socketpair.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <QTimerEvent>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

using wslab::net::EpollEventDispatcher;
using wslab::net::SocketPoller;

namespace {

constexpr int waitMs = 5000;

// Records the order timers fire in and when.
class TimerLog : public QObject
{
public:
    QList<int> fired;
    QList<qint64> firedAtMs;
    QElapsedTimer clock;
    std::function<void(int)> onTimer;

    TimerLog() { clock.start(); }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        fired.append(event->timerId());
        firedAtMs.append(clock.elapsed());
        if (onTimer)
            onTimer(event->timerId());
    }
};

qint64 threadCpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// Runs the event loop itself for `ms` (QTest::qWait sleeps between turns, which would hide a loop
// that never waits) and returns the thread's CPU time spent meanwhile.
qint64 cpuMsOfLoopRunningFor(int ms)
{
    const qint64 before = threadCpuMs();
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return threadCpuMs() - before;
}

} // namespace

// Runs in a thread whose event dispatcher is an EpollEventDispatcher (see main below).
class tst_EpollEventDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void timersFireInTheOrderTheyFallDueAndNeverEarly();
    void repeatingTimerIsNeverEarly();
    void timerStoppedByAnEarlierHandlerDoesNotFire();
    void registeredTimersAndRemainingTime();
    void timerRunningANestedLoopIsNotFiredInsideIt();
    void postFromAnotherThreadWakesTheWait();
    void interruptFromAnotherThreadEndsTheWait();
    void socketNotifiersReportReadingAndWriting();
    void notifierOnARegularFileIsAlwaysReady();
    void tcpServerAndSocketTalk();
    void socketPollerWaitsInTheSameSet();
    void socketsOfAGonePollerDoNotKeepTheLoopBusy();
    void pollerAfterPollerKeepsSharingTheSet();
};

void tst_EpollEventDispatcher::initTestCase()
{
    auto *dispatcher = EpollEventDispatcher::of(QThread::currentThread());
    QVERIFY(dispatcher);
    QVERIFY(dispatcher->isValid());
}

void tst_EpollEventDispatcher::timersFireInTheOrderTheyFallDueAndNeverEarly()
{
    TimerLog log;
    log.onTimer = [&log](int id) { log.killTimer(id); }; // each fires once
    const int late = log.startTimer(60, Qt::PreciseTimer);
    const int early = log.startTimer(20, Qt::PreciseTimer);
    const int middle = log.startTimer(40, Qt::CoarseTimer);
    QTRY_COMPARE_WITH_TIMEOUT(log.fired.size(), 3, waitMs);
    QCOMPARE(log.fired, (QList<int>{early, middle, late}));
    QVERIFY2(log.firedAtMs.at(0) >= 20, qPrintable(QString::number(log.firedAtMs.at(0))));
    QVERIFY(log.firedAtMs.at(1) >= 40);
    QVERIFY(log.firedAtMs.at(2) >= 60);
}

void tst_EpollEventDispatcher::repeatingTimerIsNeverEarly()
{
    TimerLog log;
    const int id = log.startTimer(15, Qt::PreciseTimer);
    QTRY_VERIFY_WITH_TIMEOUT(log.fired.size() >= 5, waitMs);
    log.killTimer(id);
    for (qsizetype i = 0; i < 5; ++i)
        QVERIFY2(log.firedAtMs.at(i) >= 15 * (i + 1), qPrintable(QString::number(log.firedAtMs.at(i))));
    const qsizetype count = log.fired.size();
    QTest::qWait(60);
    QCOMPARE(log.fired.size(), count); // killed: no more
}

void tst_EpollEventDispatcher::timerStoppedByAnEarlierHandlerDoesNotFire()
{
    TimerLog log;
    const int first = log.startTimer(10, Qt::PreciseTimer);
    const int second = log.startTimer(10, Qt::PreciseTimer); // due in the same turn, after `first`
    log.onTimer = [&](int id) {
        log.killTimer(id);
        if (id == first)
            log.killTimer(second);
    };
    QTRY_VERIFY_WITH_TIMEOUT(!log.fired.isEmpty(), waitMs);
    QTest::qWait(50);
    QCOMPARE(log.fired, QList<int>{first});
}

void tst_EpollEventDispatcher::registeredTimersAndRemainingTime()
{
    QObject object;
    const int id = object.startTimer(1000, Qt::CoarseTimer);
    auto *dispatcher = QAbstractEventDispatcher::instance();
    const auto timers = dispatcher->registeredTimers(&object);
    QCOMPARE(timers.size(), 1);
    QCOMPARE(timers.first().timerId, id);
    QCOMPARE(timers.first().interval, 1000);
    QCOMPARE(timers.first().timerType, Qt::CoarseTimer);
    const int remaining = dispatcher->remainingTime(id);
    QVERIFY2(remaining > 0 && remaining <= 1000, qPrintable(QString::number(remaining)));
    object.killTimer(id);
    QCOMPARE(dispatcher->remainingTime(id), -1);
    QVERIFY(dispatcher->registeredTimers(&object).isEmpty());
}

void tst_EpollEventDispatcher::timerRunningANestedLoopIsNotFiredInsideIt()
{
    TimerLog log;
    int depth = 0;
    int deepest = 0;
    const int id = log.startTimer(0, Qt::PreciseTimer); // due on every turn
    log.onTimer = [&](int) {
        ++depth;
        deepest = std::max(deepest, depth);
        if (log.fired.size() == 1) {
            QEventLoop nested;
            QTimer::singleShot(50, &nested, &QEventLoop::quit);
            nested.exec(); // the 0 ms timer is due all along, but its handler is still running
        }
        --depth;
    };
    QTRY_VERIFY_WITH_TIMEOUT(log.fired.size() >= 3, waitMs);
    log.killTimer(id);
    QCOMPARE(deepest, 1);
}

void tst_EpollEventDispatcher::postFromAnotherThreadWakesTheWait()
{
    QEventLoop loop;
    bool ran = false;
    QObject context;
    std::thread poster([&] {
        QThread::msleep(50); // the loop is waiting by now, with no timer to end the wait
        QMetaObject::invokeMethod(&context, [&] {
            ran = true;
            loop.quit();
        }, Qt::QueuedConnection);
    });
    QTimer::singleShot(waitMs, &loop, &QEventLoop::quit); // a bound, not the expected way out
    QElapsedTimer elapsed;
    elapsed.start();
    loop.exec();
    poster.join();
    QVERIFY(ran);
    QVERIFY2(elapsed.elapsed() < waitMs / 2, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_EpollEventDispatcher::interruptFromAnotherThreadEndsTheWait()
{
    auto *dispatcher = QAbstractEventDispatcher::instance();
    QTimer bound; // a bound, not the expected way out
    bound.start(waitMs);
    std::thread interrupter([dispatcher] {
        QThread::msleep(50);
        dispatcher->interrupt();
    });
    QElapsedTimer elapsed;
    elapsed.start();
    dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
    interrupter.join();
    QVERIFY2(elapsed.elapsed() < waitMs / 2, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_EpollEventDispatcher::socketNotifiersReportReadingAndWriting()
{
    SocketPair pair;
    QSocketNotifier reader(pair.watched(), QSocketNotifier::Read);
    QSocketNotifier writer(pair.watched(), QSocketNotifier::Write); // the same descriptor, both ways
    int reads = 0;
    int writes = 0;
    connect(&reader, &QSocketNotifier::activated, this, [&] {
        ++reads;
        char buffer[64];
        while (::read(pair.watched(), buffer, sizeof buffer) > 0) {
        }
    });
    connect(&writer, &QSocketNotifier::activated, this, [&] {
        ++writes;
        writer.setEnabled(false); // writable all the time: told once, then not wanted
    });
    QTRY_COMPARE_WITH_TIMEOUT(writes, 1, waitMs);
    QTest::qWait(30);
    QCOMPARE(reads, 0);
    pair.send("ping");
    QTRY_COMPARE_WITH_TIMEOUT(reads, 1, waitMs);
    QTest::qWait(30);
    QCOMPARE(reads, 1); // drained: level-triggered, not told again
    QCOMPARE(writes, 1);
    reader.setEnabled(false);
    pair.send("unread");
    QTest::qWait(30);
    QCOMPARE(reads, 1);
    reader.setEnabled(true);
    QTRY_COMPARE_WITH_TIMEOUT(reads, 2, waitMs);
}

// epoll cannot watch a regular file (stdin redirected from one): poll() calls it ready, and so
// does this dispatcher.
void tst_EpollEventDispatcher::notifierOnARegularFileIsAlwaysReady()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("line\n");
    file.flush();
    QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
    int activations = 0;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        if (++activations == 3)
            notifier.setEnabled(false);
    });
    QTRY_COMPARE_WITH_TIMEOUT(activations, 3, waitMs);
    // Disabled: the loop waits again rather than spinning.
    const qint64 cpuMs = cpuMsOfLoopRunningFor(200);
    QVERIFY2(cpuMs < 100, qPrintable(QString::number(cpuMs)));
    QCOMPARE(activations, 3);
}

void tst_EpollEventDispatcher::tcpServerAndSocketTalk()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), waitMs);
    QTcpSocket *accepted = server.nextPendingConnection();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, waitMs);
    connect(accepted, &QTcpSocket::readyRead, accepted, [accepted] { accepted->write(accepted->readAll().toUpper()); });
    const QByteArray big(256 * 1024, 'a'); // more than one write's worth: the write notifier too
    client.write(big);
    QByteArray echoed;
    QTRY_VERIFY_WITH_TIMEOUT((echoed += client.readAll()).size() == big.size(), waitMs);
    QCOMPARE(echoed, big.toUpper());
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(accepted->state(), QAbstractSocket::UnconnectedState, waitMs);
}

void tst_EpollEventDispatcher::socketPollerWaitsInTheSameSet()
{
    SocketPoller poller;
    SocketPair pair;
    CountingClient client(pair.watched());
    poller.watch(pair.watched(), &client);
    QVERIFY(poller.sharesDispatcherSet());
    poller.setInterest(pair.watched(), true, false);
    for (const char *text : {"x", "y"}) {
        const int before = client.readable;
        pair.send(text);
        QTRY_COMPARE_WITH_TIMEOUT(client.readable, before + 1, waitMs);
    }
    poller.unwatch(pair.watched());
}

// A poller goes while a socket it watched is still open and readable: the shared set must not
// keep reporting that socket, which nobody reads any more.
void tst_EpollEventDispatcher::socketsOfAGonePollerDoNotKeepTheLoopBusy()
{
    SocketPair pair;
    CountingClient client(pair.watched());
    {
        SocketPoller poller;
        poller.watch(pair.watched(), &client);
        poller.setInterest(pair.watched(), true, false);
    }
    pair.send("nobody reads this");
    const qint64 cpuMs = cpuMsOfLoopRunningFor(200);
    QVERIFY2(cpuMs < 100, qPrintable(QString::number(cpuMs)));
}

// A thread has one byte of tags for its watchers: those of pollers that went are given again.
void tst_EpollEventDispatcher::pollerAfterPollerKeepsSharingTheSet()
{
    for (int i = 0; i < 300; ++i) {
        SocketPoller poller;
        SocketPair pair;
        CountingClient client(pair.watched());
        poller.watch(pair.watched(), &client);
        QVERIFY2(poller.sharesDispatcherSet(), qPrintable(QString::number(i)));
        poller.setInterest(pair.watched(), true, false);
        pair.send("x");
        QTRY_COMPARE_WITH_TIMEOUT(client.readable, 1, waitMs);
        poller.unwatch(pair.watched());
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    tst_EpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
