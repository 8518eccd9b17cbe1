#include "server/servertestsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace wslab::test;

class tst_HttpConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void staticFile_data();
    void staticFile();
    void headHasHeadersOnly();
    void keepAliveServesSeveralRequests();
    void pipelinedRequestsAreAnsweredInOrder();
    void connectionCloseIsHonoured();
    void http10ClosesByDefault();
    void postToSendWithoutLengthIs411();
    void bodyAboveLimitIs413BeforeItIsRead();
    void idleKeepAliveConnectionIsClosed();
    void capturedAsHttpExchange();
    void thousandsOfPipelinedRequestsInOneWrite();
    void pipeliningClientThatReadsLateGetsEverything();

private:
    QTemporaryDir m_dir;
    ServerSettings settingsWithRoot() const
    {
        ServerSettings settings = testSettings();
        settings.staticRoot = m_dir.filePath(QStringLiteral("web"));
        return settings;
    }
};

void tst_HttpConnection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("web/js")));
    const auto write = [&](const QString &name, const QByteArray &content) {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    };
    QVERIFY(write(QStringLiteral("web/index.html"), "<!doctype html><title>lab</title>"));
    QVERIFY(write(QStringLiteral("web/js/app.js"), "console.log(1);"));
    QVERIFY(write(QStringLiteral("secret.txt"), "do not serve"));
    QVERIFY(write(QStringLiteral("web/big.bin"), QByteArray(1024 * 1024, 'B')));
}

void tst_HttpConnection::staticFile_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("index") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                           << QByteArray("text/html; charset=utf-8") << QByteArray("<!doctype html><title>lab</title>");
    QTest::addRow("script") << QByteArray("GET /js/app.js HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                            << QByteArray("text/javascript; charset=utf-8") << QByteArray("console.log(1);");
    QTest::addRow("query ignored") << QByteArray("GET /js/app.js?v=3 HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                                   << QByteArray("text/javascript; charset=utf-8") << QByteArray("console.log(1);");
    QTest::addRow("missing") << QByteArray("GET /nope.css HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << QByteArray() << QByteArray();
    QTest::addRow("traversal") << QByteArray("GET /../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << QByteArray() << QByteArray();
    QTest::addRow("encoded traversal") << QByteArray("GET /%2e%2e/secret.txt HTTP/1.1\r\nHost: x\r\n\r\n") << 404
                                       << QByteArray() << QByteArray();
    QTest::addRow("DELETE") << QByteArray("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n") << 405 << QByteArray() << QByteArray();
    QTest::addRow("GET /send") << QByteArray("GET /send HTTP/1.1\r\nHost: x\r\n\r\n") << 405 << QByteArray() << QByteArray();
    QTest::addRow("POST /poll") << QByteArray("POST /poll HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n") << 405
                                << QByteArray() << QByteArray();
}

void tst_HttpConnection::staticFile()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send(request);
    QByteArray received;
    const QByteArray head = peer.takeResponse(&received);
    QCOMPARE(RawPeer::statusOf(head), status);
    if (!contentType.isEmpty())
        QVERIFY2(head.contains("\r\nContent-Type: " + contentType + "\r\n"), head.constData());
    if (status == 200)
        QCOMPARE(received, body);
    else
        QVERIFY(!received.contains("do not serve"));
    if (status == 405)
        QVERIFY(head.contains("\r\nAllow: "));
}

void tst_HttpConnection::headHasHeadersOnly()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("HEAD /js/app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /js/app.js HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray head = peer.takeResponseHead();
    QCOMPARE(RawPeer::statusOf(head), 200);
    QVERIFY(head.contains("\r\nContent-Length: 15\r\n"));
    // No body follows: the next bytes are the second response.
    QByteArray body;
    QCOMPARE(RawPeer::statusOf(peer.takeResponse(&body)), 200);
    QCOMPARE(body, QByteArray("console.log(1);"));
}

void tst_HttpConnection::keepAliveServesSeveralRequests()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    for (int i = 0; i < 3; ++i) {
        peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray head = peer.takeResponse();
        QCOMPARE(RawPeer::statusOf(head), 200);
        QVERIFY(!head.contains("Connection: close"));
    }
    QCOMPARE(peer.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_HttpConnection::pipelinedRequestsAreAnsweredInOrder()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("GET /js/app.js HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 200);
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 404);
    QByteArray body;
    QCOMPARE(RawPeer::statusOf(peer.takeResponse(&body)), 200);
    QVERIFY(body.startsWith("<!doctype html>"));
}

void tst_HttpConnection::connectionCloseIsHonoured()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(peer.takeResponse().contains("Connection: close"));
    QVERIFY(peer.waitForDisconnected());
}

void tst_HttpConnection::http10ClosesByDefault()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("GET / HTTP/1.0\r\n\r\n");
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 200);
    QVERIFY(peer.waitForDisconnected());
}

void tst_HttpConnection::postToSendWithoutLengthIs411()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("POST /send?client=a HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n\r\nhello");
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 411);
    QVERIFY(peer.waitForDisconnected());
    QCOMPARE(t.server->chatRoom().lastSeq(), 0u);
}

void tst_HttpConnection::bodyAboveLimitIs413BeforeItIsRead()
{
    ServerSettings settings = testSettings();
    settings.maxPostBody = 100;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    // Only the head is sent: the answer comes without waiting for the 101 bytes.
    peer.send("POST /send?client=a HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n");
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 413);
    QVERIFY(peer.waitForDisconnected());
}

void tst_HttpConnection::idleKeepAliveConnectionIsClosed()
{
    ServerSettings settings = settingsWithRoot();
    settings.handshakeTimeoutMs = 150;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 200);
    QVERIFY(peer.waitForDisconnected(3000));
    QVERIFY(peer.received.isEmpty()); // closed quietly: no 408 for a connection between requests
}

void tst_HttpConnection::capturedAsHttpExchange()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    const QByteArray request = "GET /js/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    peer.send(request);
    const QByteArray head = peer.takeResponseHead();
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, waitMs);
    const CaptureBatch records = t.allRecords();
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.at(0).kind, RecordKind::ConnectionOpened);
    QCOMPARE(records.at(1).kind, RecordKind::HttpRequest);
    QCOMPARE(records.at(1).wireBytes, request);
    QCOMPARE(records.at(2).kind, RecordKind::HttpResponse);
    QCOMPARE(records.at(2).httpStatus, 200);
    QCOMPARE(records.at(2).wireBytes, head + peer.received);
    QCOMPARE(records.at(3).kind, RecordKind::ConnectionClosed);
    for (const CaptureRecord &record : records)
        QCOMPARE(record.transport, Transport::Http);
}

void tst_HttpConnection::thousandsOfPipelinedRequestsInOneWrite()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    constexpr int count = 6000; // ~170 KB of requests: more than the connection buffers at once
    QByteArray requests;
    for (int i = 0; i < count; ++i)
        requests += "GET /js/app.js HTTP/1.1\r\nHost: x\r\n\r\n";
    peer.send(requests);
    for (int i = 0; i < count; ++i) {
        QByteArray body;
        // A loaded machine (sanitizers, other jobs) may stall one answer for seconds; still bounded.
        const QByteArray head = peer.takeResponse(&body, 30'000);
        QCOMPARE(RawPeer::statusOf(head), 200);
        QCOMPARE(body, QByteArray("console.log(1);"));
    }
    QCOMPARE(peer.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_HttpConnection::pipeliningClientThatReadsLateGetsEverything()
{
    TestServer t(settingsWithRoot());
    QVERIFY(t.start());
    RawPeer probe; // one answer, to know its exact size
    QVERIFY(probe.connectTo(t.port()));
    probe.send("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray probeBody;
    const qint64 answerSize = probe.takeResponse(&probeBody).size() + probeBody.size();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, t.port());
    QVERIFY(client.waitForConnected(waitMs));
    constexpr int count = 24; // 24 MiB of answers: the server waits for the client to read
    QByteArray requests;
    for (int i = 0; i < count; ++i)
        requests += "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n";
    client.write(requests);
    client.flush();
    QTest::qWait(300); // the client reads nothing meanwhile
    qint64 received = 0;
    const qint64 expected = count * answerSize;
    QVERIFY(QTest::qWaitFor([&] {
        received += client.readAll().size();
        return received >= expected;
    }, 20000));
    QCOMPARE(received, expected);
}

QTEST_GUILESS_MAIN(tst_HttpConnection)
#include "tst_httpconnection.moc"
