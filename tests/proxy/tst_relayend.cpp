#include "proxy/relayend.h"

#include "net/socketpoller.h"
#include "net/tcpstream.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using wslab::net::SocketPoller;
using wslab::net::TcpStream;
using wslab::proxy::RelayEnd;

namespace {

constexpr int waitMs = 5000;

class DescriptorServer : public QTcpServer
{
public:
    QList<qintptr> accepted;

protected:
    void incomingConnection(qintptr descriptor) override { accepted.append(descriptor); }
};

// A RelayEnd over the accepted side of a loopback connection; `peer` is the other side.
struct Connection
{
    DescriptorServer server;
    QTcpSocket peer;
    SocketPoller poller;
    RelayEnd *end = nullptr;
    QObject owner;

    bool open()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        peer.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!peer.waitForConnected(waitMs) || !QTest::qWaitFor([&] { return !server.accepted.isEmpty(); }, waitMs))
            return false;
        end = new RelayEnd(new TcpStream(server.accepted.takeFirst(), poller), &owner);
        return true;
    }

    // Reads until `count` bytes came or the end reports its peer gone.
    QByteArray read(qsizetype count, bool *ended = nullptr)
    {
        QByteArray out;
        // (Timing out returns what came; the caller compares it.)
        [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
            char buffer[4096];
            qint64 n = 0;
            while ((n = end->read(buffer, sizeof buffer)) > 0)
                out.append(buffer, n);
            if (n < 0 && ended)
                *ended = true;
            return out.size() >= count || n < 0;
        }, waitMs);
        return out;
    }
};

} // namespace

class tst_RelayEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bytesArriveAsSent_data();
    void bytesArriveAsSent();
    void peerCloseEndsReadingAndCloses();
    void closeSendsFinAfterWhatWaits();
    void abortEmitsNothing();
};

void tst_RelayEnd::bytesArriveAsSent_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("a request head") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    QTest::newRow("a megabyte") << QByteArray(1024 * 1024, 'm');
}

void tst_RelayEnd::bytesArriveAsSent()
{
    QFETCH(QByteArray, bytes);
    Connection c;
    QVERIFY(c.open());
    c.peer.write(bytes);
    QCOMPARE(c.read(bytes.size()), bytes);

    // And the other way: what the kernel does not take at once waits in the end, counted.
    c.end->write(bytes);
    QVERIFY(c.end->bytesToWrite() <= bytes.size());
    QByteArray received;
    QVERIFY(QTest::qWaitFor([&] {
        received += c.peer.readAll();
        return received.size() >= bytes.size();
    }, waitMs));
    QCOMPARE(received, bytes);
    QTRY_COMPARE_WITH_TIMEOUT(c.end->bytesToWrite(), 0, waitMs);
}

void tst_RelayEnd::peerCloseEndsReadingAndCloses()
{
    Connection c;
    QVERIFY(c.open());
    QSignalSpy closed(c.end, &RelayEnd::closed);
    c.peer.write("last words");
    c.peer.disconnectFromHost();
    bool ended = false;
    QCOMPARE(c.read(1024, &ended), QByteArray("last words"));
    QVERIFY(ended);
    QVERIFY(c.end->hasEnded());
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, waitMs);
    QVERIFY(!c.end->isOpen());
}

void tst_RelayEnd::closeSendsFinAfterWhatWaits()
{
    Connection c;
    QVERIFY(c.open());
    const QByteArray bytes(512 * 1024, 'z');
    c.end->write(bytes);
    c.end->close();
    // The peer gets every byte, then the end of the stream.
    QByteArray received;
    QVERIFY(QTest::qWaitFor([&] {
        received += c.peer.readAll();
        return c.peer.state() != QAbstractSocket::ConnectedState;
    }, waitMs));
    received += c.peer.readAll();
    QCOMPARE(received.size(), bytes.size());
    // The end stays open for reading until its peer has closed too.
    QSignalSpy closed(c.end, &RelayEnd::closed);
    bool ended = false;
    QVERIFY(c.read(1, &ended).isEmpty());
    QVERIFY(ended);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, waitMs);
}

void tst_RelayEnd::abortEmitsNothing()
{
    Connection c;
    QVERIFY(c.open());
    QSignalSpy closed(c.end, &RelayEnd::closed);
    c.end->abort();
    QVERIFY(!c.end->isOpen());
    QVERIFY(c.end->hasEnded());
    char buffer[16];
    QCOMPARE(c.end->read(buffer, sizeof buffer), -1);
    QVERIFY(QTest::qWaitFor([&] { return c.peer.state() != QAbstractSocket::ConnectedState; }, waitMs));
    QCOMPARE(closed.count(), 0);
}

QTEST_MAIN(tst_RelayEnd)
#include "tst_relayend.moc"
