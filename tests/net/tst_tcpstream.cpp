#include "net/tcpstream.h"

#include "dispatcherchoice.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using wslab::net::TcpStream;

namespace {

constexpr int waitMs = 5000;

// Hands over the accepted descriptor itself rather than a QTcpSocket.
class DescriptorServer : public QTcpServer
{
public:
    QList<qintptr> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.append(descriptor); }
};

struct Pair
{
    DescriptorServer server;
    QTcpSocket client;
    wslab::net::SocketPoller poller;
    std::unique_ptr<TcpStream> stream;

    bool open()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!client.waitForConnected(waitMs) || !QTest::qWaitFor([&] { return !server.accepted.isEmpty(); }, waitMs))
            return false;
        stream = std::make_unique<TcpStream>(server.accepted.takeFirst(), poller);
        return true;
    }
    QByteArray readAll(TcpStream &s)
    {
        QByteArray out;
        char buffer[65536];
        qint64 n = 0;
        while ((n = s.read(buffer, sizeof buffer)) > 0)
            out.append(buffer, n);
        return out;
    }
};

} // namespace

class tst_TcpStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void peerAddress();
    void readsWhatThePeerSent();
    void readerIsCalledInsteadOfTheSignal();
    void writesGoOutInOrder();
    void bigWriteIsKeptUntilThePeerReads();
    void headAndSharedBodyGoOutInOrder();
    void shutdownWriteSendsFinAfterPendingBytes();
    void peerCloseIsReported();
    void abortEmitsNothing();
    void readingCanBePaused();
    void streamMayOutliveItsPoller();
};

void tst_TcpStream::peerAddress()
{
    Pair p;
    QVERIFY(p.open());
    QCOMPARE(p.stream->peer(), QStringLiteral("127.0.0.1:%1").arg(p.client.localPort()));
    QVERIFY(p.stream->isOpen());
}

void tst_TcpStream::readsWhatThePeerSent()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy ready(p.stream.get(), &TcpStream::readyRead);
    char nothing[8];
    QCOMPARE(p.stream->read(nothing, sizeof nothing), 0); // nothing there yet: not an error
    p.client.write("hello");
    QVERIFY(ready.wait(waitMs));
    QCOMPARE(p.readAll(*p.stream), QByteArray("hello"));
}

void tst_TcpStream::readerIsCalledInsteadOfTheSignal()
{
    struct Reader : TcpStream::Reader
    {
        Pair *pair = nullptr;
        QByteArray received;
        int calls = 0;
        void streamReadable() override
        {
            ++calls;
            received += pair->readAll(*pair->stream);
        }
    } reader;
    Pair p;
    QVERIFY(p.open());
    reader.pair = &p;
    p.stream->setReader(&reader);
    QSignalSpy ready(p.stream.get(), &TcpStream::readyRead);
    p.client.write("direct");
    QVERIFY(QTest::qWaitFor([&] { return reader.received == "direct"; }, waitMs));
    QVERIFY(reader.calls >= 1);
    QVERIFY(ready.isEmpty());
    // Without a reader, the signal again.
    p.stream->setReader(nullptr);
    const int calls = reader.calls;
    p.client.write("signal");
    QVERIFY(ready.wait(waitMs));
    QCOMPARE(reader.calls, calls);
    QCOMPARE(p.readAll(*p.stream), QByteArray("signal"));
}

void tst_TcpStream::writesGoOutInOrder()
{
    Pair p;
    QVERIFY(p.open());
    for (int i = 0; i < 100; ++i)
        p.stream->write(QByteArray::number(i) + ',');
    QByteArray expected;
    for (int i = 0; i < 100; ++i)
        expected += QByteArray::number(i) + ',';
    QByteArray received;
    QVERIFY(QTest::qWaitFor([&] {
        received += p.client.readAll();
        return received.size() >= expected.size();
    }, waitMs));
    QCOMPARE(received, expected);
    QCOMPARE(p.stream->bytesToWrite(), 0);
}

void tst_TcpStream::bigWriteIsKeptUntilThePeerReads()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy drained(p.stream.get(), &TcpStream::drained);
    QByteArray big(32 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    p.stream->write(big);
    QVERIFY(p.stream->bytesToWrite() > 0); // more than the kernel buffers hold
    p.stream->write("tail");
    QByteArray received;
    received.reserve(big.size() + 4);
    QVERIFY(QTest::qWaitFor([&] {
        received += p.client.readAll();
        return received.size() >= big.size() + 4;
    }, 20000));
    QVERIFY(received == big + "tail");
    QTRY_VERIFY_WITH_TIMEOUT(!drained.isEmpty(), waitMs);
    QCOMPARE(p.stream->bytesToWrite(), 0);
}

// Small writes, big shared bodies with their heads, more small writes: everything arrives in
// order, and a body that had to wait was kept as the caller's array, not copied.
void tst_TcpStream::headAndSharedBodyGoOutInOrder()
{
    Pair p;
    QVERIFY(p.open());
    QByteArray expected;
    QList<QByteArray> bodies;
    for (int i = 0; i < 6; ++i) {
        QByteArray body(4 * 1024 * 1024 + i, Qt::Uninitialized);
        for (qsizetype j = 0; j < body.size(); j += 4096)
            body[j] = char(i * 31 + j / 4096);
        bodies.append(body);
        const QByteArray head = "head " + QByteArray::number(i) + ":";
        p.stream->write("small;");
        p.stream->write(head, body);
        expected += "small;" + head + body;
    }
    p.stream->write(QByteArray("end"), QByteArray()); // an empty body is allowed
    expected += "end";
    QVERIFY(p.stream->bytesToWrite() > 0);
    // The bodies waiting are the very arrays handed over (shared: not detached any more).
    QVERIFY(std::any_of(bodies.cbegin(), bodies.cend(), [](const QByteArray &b) { return !b.isDetached(); }));
    QByteArray received;
    received.reserve(expected.size());
    QVERIFY(QTest::qWaitFor([&] {
        received += p.client.readAll();
        return received.size() >= expected.size();
    }, 20000));
    QVERIFY(received == expected);
    QTRY_COMPARE_WITH_TIMEOUT(p.stream->bytesToWrite(), 0, waitMs);
    QVERIFY(std::all_of(bodies.cbegin(), bodies.cend(), [](const QByteArray &b) { return b.isDetached(); }));
}

void tst_TcpStream::shutdownWriteSendsFinAfterPendingBytes()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy closed(p.stream.get(), &TcpStream::closed);
    connect(p.stream.get(), &TcpStream::readyRead, this, [&] { p.readAll(*p.stream); });
    const QByteArray big(8 * 1024 * 1024, 'q');
    p.stream->write(big);
    p.stream->shutdownWrite();
    QByteArray received;
    QVERIFY(QTest::qWaitFor([&] {
        received += p.client.readAll();
        return p.client.state() == QAbstractSocket::UnconnectedState;
    }, 20000));
    received += p.client.readAll();
    QCOMPARE(received.size(), big.size()); // everything, then the FIN
    // Our reading side stayed open: the peer's close is reported.
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, waitMs);
    QVERIFY(!p.stream->isOpen());
}

void tst_TcpStream::peerCloseIsReported()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy closed(p.stream.get(), &TcpStream::closed);
    connect(p.stream.get(), &TcpStream::readyRead, this, [&] { p.readAll(*p.stream); });
    p.client.write("last words");
    p.client.disconnectFromHost();
    QVERIFY(closed.wait(waitMs));
    QVERIFY(!p.stream->isOpen());
    char buffer[8];
    QCOMPARE(p.stream->read(buffer, sizeof buffer), -1);
}

void tst_TcpStream::abortEmitsNothing()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy closed(p.stream.get(), &TcpStream::closed);
    p.stream->abort();
    QVERIFY(!p.stream->isOpen());
    QVERIFY(QTest::qWaitFor([&] { return p.client.state() == QAbstractSocket::UnconnectedState; }, waitMs));
    QTest::qWait(20);
    QCOMPARE(closed.size(), 0);
    p.stream->write("ignored"); // harmless once closed
}

void tst_TcpStream::readingCanBePaused()
{
    Pair p;
    QVERIFY(p.open());
    QSignalSpy ready(p.stream.get(), &TcpStream::readyRead);
    p.stream->setReadEnabled(false);
    p.client.write("wait");
    p.client.flush();
    QTest::qWait(50);
    QCOMPARE(ready.size(), 0);
    p.stream->setReadEnabled(true);
    QVERIFY(ready.wait(waitMs));
    QCOMPARE(p.readAll(*p.stream), QByteArray("wait"));
}

WSLAB_NET_TEST_MAIN(tst_TcpStream)
// The server's children are destroyed in creation order, so its poller goes before its streams.
void tst_TcpStream::streamMayOutliveItsPoller()
{
    DescriptorServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(waitMs));
    QVERIFY(QTest::qWaitFor([&] { return !server.accepted.isEmpty(); }, waitMs));
    auto poller = std::make_unique<wslab::net::SocketPoller>();
    auto stream = std::make_unique<TcpStream>(server.accepted.takeFirst(), *poller);
    stream->write("still open");
    poller.reset();
    QVERIFY(stream->isOpen());
    stream.reset(); // closes the descriptor without touching the poller
    QVERIFY(client.waitForReadyRead(waitMs));
    QCOMPARE(client.readAll(), QByteArray("still open"));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, waitMs);
}

#include "tst_tcpstream.moc"
