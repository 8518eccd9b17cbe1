#include "proxy/proxytestsupport.h"

#include "proxy/proxyconnection.h"
#include "server/protocol/acceptderivation.h"

using namespace wslab::test;

// What happens to a relayed connection when something goes wrong, and how much it may hold.
class tst_ProxyConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusedUpstreamAnswers502NamingTheReason();
    void stallingUpstreamAnswers502AfterTheTimeout();
    void upstreamGoneAfterUpgradeClosesTheClient();
    void clientGoneClosesTheUpstream();
    void slowReaderHoldsTheSenderBack_data();
    void slowReaderHoldsTheSenderBack();
    void bulkTransferArrivesWhole_data();
    void bulkTransferArrivesWhole();
};

namespace {

quint16 portNobodyListensOn()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when it goes out of scope
}

// The upstream's side of an opening handshake, written by hand (RFC 6455 §4.2.2).
QByteArray switchingProtocols(const QByteArray &key = "dGhlIHNhbXBsZSBub25jZQ==")
{
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " + wslab::protocol::deriveAccept(key).accept + "\r\n\r\n";
}

// The browser upgrades through the proxy; the upstream answers 101 followed by `after`. True once
// the browser has it all.
bool upgradeThrough(RawPeer &client, RawUpstream &upstream, quint16 proxyPort, const QByteArray &after = {})
{
    if (!client.connectTo(proxyPort))
        return false;
    client.send(RawPeer::upgradeRequest());
    if (!upstream.waitForConnection() || !upstream.waitForBytes(RawPeer::upgradeRequest().size()))
        return false;
    upstream.socket->write(switchingProtocols() + after);
    return client.waitForBytes(switchingProtocols().size() + after.size());
}

const QByteArray pageRequest = "GET /page HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// Asks the proxy for a page; the answer's status, and its body in `body`.
int askThrough(RawPeer &client, quint16 proxyPort, QByteArray &body)
{
    if (!client.connectTo(proxyPort))
        return 0;
    client.send(pageRequest);
    return RawPeer::statusOf(client.takeResponse(&body));
}

} // namespace

void tst_ProxyConnection::refusedUpstreamAnswers502NamingTheReason()
{
    const quint16 nobody = portNobodyListensOn();
    TestProxy t(proxySettings(nobody));
    QVERIFY(t.start());
    RawPeer client;
    QByteArray body;
    QCOMPARE(askThrough(client, t.port(), body), 502);
    QVERIFY2(body.contains("refused"), body.constData());
    QVERIFY2(body.contains(QByteArray("127.0.0.1:") + QByteArray::number(nobody)), body.constData());
    QVERIFY(client.waitForDisconnected());
    QVERIFY(t.waitForClosed());

    QList<RecordKind> kinds;
    for (const CaptureRecord &record : t.allRecords())
        kinds.append(record.kind);
    QCOMPARE(kinds, (QList<RecordKind>{RecordKind::ConnectionOpened, RecordKind::HttpRequest,
                                       RecordKind::HttpResponse, RecordKind::ConnectionClosed}));
    const CaptureRecord response = t.ofKind(RecordKind::HttpResponse).constFirst();
    QCOMPARE(response.httpStatus, 502);
    QVERIFY(response.note.startsWith(QLatin1String("wslab's answer")));
    QCOMPARE(t.ofKind(RecordKind::HttpRequest).constFirst().wireBytes, pageRequest);
    QCOMPARE(t.ofKind(RecordKind::ConnectionOpened).constFirst().serverAddress,
             QStringLiteral("127.0.0.1:%1").arg(nobody));
}

// A wss upstream that accepts the TCP connection and never answers the TLS handshake: after the
// connect timeout the browser gets 502, and nothing was relayed.
void tst_ProxyConnection::stallingUpstreamAnswers502AfterTheTimeout()
{
    RawUpstream upstream; // plain TCP: takes the ClientHello and says nothing
    ProxySettings settings = proxySettings(upstream.port());
    settings.upstream.secure = true;
    settings.connectTimeoutMs = 300;
    TestProxy t(settings);
    QVERIFY(t.start());
    RawPeer client;
    QByteArray body;
    QCOMPARE(askThrough(client, t.port(), body), 502);
    QVERIFY2(body.contains("in time"), body.constData());
    QVERIFY(upstream.waitForConnection());
    QVERIFY(!upstream.received.contains(pageRequest)); // the request never went to the upstream
    QVERIFY(t.waitForClosed());
    QCOMPARE(t.ofKind(RecordKind::HttpResponse).constFirst().httpStatus, 502);
}

// The upstream leaving after the upgrade ends the browser's connection with a TCP close; the proxy
// makes up no close frame, and the record says who left (1006: no closing handshake).
void tst_ProxyConnection::upstreamGoneAfterUpgradeClosesTheClient()
{
    RawUpstream upstream;
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(upgradeThrough(client, upstream, t.port(), QByteArray("\x81\x02hi", 4)));
    upstream.socket->disconnectFromHost();
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.received, switchingProtocols() + QByteArray("\x81\x02hi", 4));
    QVERIFY(t.waitForClosed());
    const CaptureRecord closed = t.ofKind(RecordKind::ConnectionClosed).constFirst();
    QCOMPARE(closed.closeCode, quint16(1006));
    QCOMPARE(closed.note, QStringLiteral("the upstream closed the connection"));
    QCOMPARE(t.ofKind(RecordKind::Frame).size(), 1);
    QCOMPARE(t.proxy->connectionCount(), 0);
}

void tst_ProxyConnection::clientGoneClosesTheUpstream()
{
    RawUpstream upstream;
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(upgradeThrough(client, upstream, t.port()));
    client.socket.abort();
    QVERIFY(QTest::qWaitFor([&] { return upstream.socket->state() == QAbstractSocket::UnconnectedState; }, waitMs));
    QVERIFY(t.waitForClosed());
    const CaptureRecord closed = t.ofKind(RecordKind::ConnectionClosed).constFirst();
    QCOMPARE(closed.closeCode, quint16(1006));
    QCOMPARE(closed.note, QStringLiteral("the browser closed the connection"));
    QCOMPARE(t.proxy->connectionCount(), 0);
}

void tst_ProxyConnection::slowReaderHoldsTheSenderBack_data()
{
    QTest::addColumn<qint64>("bound");
    QTest::addRow("64 KiB") << qint64(64 * 1024);
    QTest::addRow("1 MiB (the default)") << ProxySettings().maxBufferedBytes;
}

// A browser that does not read: the proxy stops reading the upstream once `bound` bytes wait for
// the browser, TCP holds the upstream back, and nothing grows without limit. Then the browser reads
// and gets every byte, in order.
void tst_ProxyConnection::slowReaderHoldsTheSenderBack()
{
    QFETCH(qint64, bound);
    RawUpstream upstream;
    ProxySettings settings = proxySettings(upstream.port());
    settings.maxBufferedBytes = bound;
    TestProxy t(settings);
    QVERIFY(t.start());
    QTcpSocket client;
    client.setReadBufferSize(16 * 1024); // Qt stops reading the kernel: the browser "does not read"
    client.connectToHost(QHostAddress::LocalHost, t.port());
    QVERIFY(client.waitForConnected(waitMs));
    client.write("GET /download HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QVERIFY(upstream.waitForConnection());

    // The upstream writes as fast as its socket takes it, far more than every buffer on the way
    // holds (loopback kernel buffers are a few MiB each way).
    constexpr qint64 total = 96 * 1024 * 1024;
    const QByteArray chunk = [] {
        QByteArray bytes(64 * 1024, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i % 251);
        return bytes;
    }();
    qint64 offered = 0;
    qint64 maxBuffered = 0;
    int turnsWithoutProgress = 0;
    // Bounded: at most 3000 turns; stops once the upstream could not hand over anything for 50.
    for (int turn = 0; turn < 3000 && offered < total && turnsWithoutProgress < 50; ++turn) {
        bool progressed = false;
        while (upstream.socket->bytesToWrite() < 256 * 1024 && offered < total) {
            upstream.socket->write(chunk);
            offered += chunk.size();
            progressed = true;
        }
        turnsWithoutProgress = progressed ? 0 : turnsWithoutProgress + 1;
        QTest::qWait(5);
        maxBuffered = qMax(maxBuffered, t.proxy->bufferedBytes());
    }
    QVERIFY2(offered < total, "the upstream was never held back");
    QVERIFY2(maxBuffered <= 2 * bound, qPrintable(QStringLiteral("the relay held %1 bytes").arg(maxBuffered)));
    QVERIFY(maxBuffered > 0);

    // The browser reads now: everything arrives, byte for byte, and the upstream is let go.
    upstream.socket->disconnectFromHost();
    qint64 received = 0;
    bool same = true;
    const QDeadlineTimer deadline(60'000);
    // The proxy runs in this thread: read through the event loop, never blocking it.
    while (received < offered && !deadline.hasExpired()) {
        if (!QTest::qWaitFor([&] { return client.bytesAvailable() > 0; }, 1000))
            continue;
        const QByteArray bytes = client.readAll();
        for (qsizetype i = 0; i < bytes.size() && same; ++i)
            same = bytes.at(i) == char(((received + i) % chunk.size()) % 251);
        received += bytes.size();
        maxBuffered = qMax(maxBuffered, t.proxy->bufferedBytes());
    }
    QCOMPARE(received, offered);
    QVERIFY(same);
    QVERIFY(maxBuffered <= 2 * bound);
}

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i * seed + i / 4093);
    return bytes;
}

} // namespace

void tst_ProxyConnection::bulkTransferArrivesWhole_data()
{
    QTest::addColumn<bool>("capture");
    QTest::addRow("capture on") << true;
    QTest::addRow("capture off") << false;
}

// Megabytes both ways at once after an upgrade arrive byte for byte, whether the capture reads them
// (every piece through the dissector) or not (a connection opened with capture off is never
// observed); the connection is gone once the browser leaves.
void tst_ProxyConnection::bulkTransferArrivesWhole()
{
    QFETCH(bool, capture);
    RawUpstream upstream;
    TestProxy t(proxySettings(upstream.port()));
    t.capture->setEnabled(capture);
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(upgradeThrough(client, upstream, t.port()));
    client.received.clear();
    upstream.received.clear();

    const QByteArray up = pattern(12 * 1024 * 1024, 11);
    const QByteArray down = pattern(12 * 1024 * 1024, 29);
    client.socket.write(up);
    upstream.socket->write(down);
    // Bounded: 60 s.
    QVERIFY(QTest::qWaitFor([&] {
        return client.received.size() >= down.size() && upstream.received.size() >= up.size();
    }, 60'000));
    QVERIFY(client.received == down);
    QVERIFY(upstream.received == up);
    // With capture on the dissector read the upgrade (and then bytes that are no valid frames);
    // with capture off it never heard of the connection.
    if (capture)
        QCOMPARE(t.ofKind(RecordKind::HttpRequest).size(), 1);
    else
        QVERIFY(t.allRecords().isEmpty());

    client.socket.disconnectFromHost();
    QVERIFY(QTest::qWaitFor([&] { return t.proxy->connectionCount() == 0; }, waitMs));
}

QTEST_GUILESS_MAIN(tst_ProxyConnection)
#include "tst_proxyconnection.moc"
