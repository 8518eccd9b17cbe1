#include "proxy/proxytestsupport.h"

#include "server/protocol/closepayload.h"

#include <QWebSocket>

using namespace wslab::test;

class tst_ProxyServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listensOnLoopbackEphemeralPort();
    void bytesGoThroughUnchangedBothWays_data();
    void bytesGoThroughUnchangedBothWays();
    void webSocketEchoThroughProxyIsRecordedBothWays_data();
    void webSocketEchoThroughProxyIsRecordedBothWays();
    void plainHttpPassesThrough();
    void invalidFramesAreForwardedAndRecordedAsErrors();
};

void tst_ProxyServer::listensOnLoopbackEphemeralPort()
{
    RawUpstream upstream;
    TestProxy t(proxySettings(upstream.port()));
    QSignalSpy listening(t.proxy.get(), &ProxyServer::listening);
    QVERIFY(t.start());
    QVERIFY(t.port() != 0);
    QCOMPARE(listening.size(), 1);
    QCOMPARE(listening.at(0).at(0).toString(), QStringLiteral("http://127.0.0.1:%1/").arg(t.port()));
}

// Transparent: whatever the browser writes reaches the upstream as written, and back, even bytes
// that are neither HTTP nor WebSocket.
void tst_ProxyServer::bytesGoThroughUnchangedBothWays_data()
{
    QTest::addColumn<QByteArray>("up");
    QTest::addColumn<QByteArray>("down");
    QTest::addRow("http request and response")
            << QByteArray("GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    QTest::addRow("not http at all") << QByteArray("\x00\x01\x02 garbage\r\n", 12) << QByteArray("\xff\xfe", 2);
    QByteArray large(3 * 1024 * 1024 + 17, '\0');
    for (qsizetype i = 0; i < large.size(); ++i)
        large[i] = char(i * 7 + i / 251);
    QTest::addRow("3 MiB each way") << large << QByteArray(large).append("tail");
}

void tst_ProxyServer::bytesGoThroughUnchangedBothWays()
{
    QFETCH(QByteArray, up);
    QFETCH(QByteArray, down);
    RawUpstream upstream;
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(client.connectTo(t.port()));
    client.send(up);
    QVERIFY(upstream.waitForConnection());
    QVERIFY(upstream.waitForBytes(up.size()));
    QCOMPARE(upstream.received, up);
    upstream.socket->write(down);
    QVERIFY(client.waitForBytes(down.size()));
    QCOMPARE(client.received, down);
}

void tst_ProxyServer::webSocketEchoThroughProxyIsRecordedBothWays_data()
{
    QTest::addColumn<QString>("message");
    QTest::addRow("short") << QStringLiteral("Hello");
    QTest::addRow("unicode") << QStringLiteral("你好, WebSocket");
    QTest::addRow("16-bit length") << QString(300, u'x');
}

// The embedded server as the upstream, Qt's own client as the browser: the echo comes back through
// the proxy, and the capture holds one conversation whose ends are the browser and the upstream,
// the upgrade and the frames of both directions.
void tst_ProxyServer::webSocketEchoThroughProxyIsRecordedBothWays()
{
    QFETCH(QString, message);
    TestServer upstream;
    QVERIFY(upstream.start());
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());

    QWebSocket client;
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QVERIFY(QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, waitMs));
    const quint16 clientPort = client.localPort();
    client.sendTextMessage(message);
    QVERIFY(received.wait(waitMs));
    QCOMPARE(received.at(0).at(0).toString(), message);
    client.close();
    QVERIFY(t.waitForClosed());

    const auto opened = t.ofKind(RecordKind::ConnectionOpened);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).note, QStringLiteral("127.0.0.1:%1").arg(clientPort));
    QCOMPARE(opened.at(0).serverAddress, QStringLiteral("127.0.0.1:%1").arg(upstream.port()));
    const auto responses = t.ofKind(RecordKind::HttpResponse);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).httpStatus, 101);
    QList<QByteArray> textUp;
    QList<QByteArray> textDown;
    for (const CaptureRecord &record : t.ofKind(RecordKind::Frame)) {
        QVERIFY(!record.decodeError);
        if (record.frame->header.opcode == Opcode::Text)
            (record.direction == Direction::Inbound ? textUp : textDown).append(record.frame->payload);
    }
    QCOMPARE(textUp, QList<QByteArray>{message.toUtf8()});
    QCOMPARE(textDown, QList<QByteArray>{message.toUtf8()});
    const auto closed = t.ofKind(RecordKind::ConnectionClosed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).closeCode, quint16(1000));
    QCOMPARE(t.proxy->connectionCount(), 0);
}

// The developer's page and its assets pass through too.
void tst_ProxyServer::plainHttpPassesThrough()
{
    TestServer upstream;
    QVERIFY(upstream.start());
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(client.connectTo(t.port()));
    client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray body;
    const QByteArray head = client.takeResponse(&body);
    QCOMPARE(RawPeer::statusOf(head), 200);
    QVERIFY(body.contains("<html") || body.contains("<!DOCTYPE") || body.contains("<!doctype"));
    QVERIFY(QTest::qWaitFor([&] { return t.ofKind(RecordKind::HttpResponse).size() == 1; }, waitMs));
    QCOMPARE(t.ofKind(RecordKind::HttpRequest).size(), 1);
    QCOMPARE(t.ofKind(RecordKind::HttpResponse).at(0).httpStatus, 200);
    QVERIFY(!t.ofKind(RecordKind::HttpResponse).at(0).modified);
}

// The proxy does not judge: a frame that breaks RFC 6455 goes to the upstream as it was, and the
// record names the rule (the upstream then fails the connection, which comes back too).
void tst_ProxyServer::invalidFramesAreForwardedAndRecordedAsErrors()
{
    TestServer upstream;
    QVERIFY(upstream.start());
    TestProxy t(proxySettings(upstream.port()));
    QVERIFY(t.start());
    RawPeer client;
    QVERIFY(client.upgrade(t.port()));
    // RFC 6455 §5.1: a client frame must be masked.
    const QByteArray unmasked("\x81\x05Hello", 7);
    client.send(unmasked);
    const auto close = client.nextFrameOf(Opcode::Close);
    QVERIFY(close);
    QCOMPARE(parseClosePayload(close->payload).index(), 0u);
    QCOMPARE(*std::get<ClosePayload>(parseClosePayload(close->payload)).code, quint16(1002));
    QVERIFY(t.waitForClosed());
    bool sawError = false;
    for (const CaptureRecord &record : t.allRecords()) {
        if (record.direction == Direction::Inbound && record.kind == RecordKind::ProtocolError && record.decodeError)
            sawError = *record.decodeError == DecodeError::UnmaskedClientFrame && unmasked.startsWith(record.bytes());
    }
    QVERIFY(sawError);
    const auto closed = t.ofKind(RecordKind::ConnectionClosed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).closeCode, quint16(1002));
    QCOMPARE(closed.at(0).note, QStringLiteral("the upstream closed the connection"));
}

QTEST_GUILESS_MAIN(tst_ProxyServer)
#include "tst_proxyserver.moc"
