#include "server/servertestsupport.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTcpServer>

#include <QWebSocket>

using namespace wslab::test;

class tst_WebSocketServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listensOnLoopbackEphemeralPort();
    void listenFailureIsReported();
    void busyPortIsLeftForAFreeOneAtOnce();
    void permessageDeflateIsDeclinedByDefault();
    void handshakeAccepted();
    void handshakeNegotiatesPermessageDeflate_data();
    void handshakeNegotiatesPermessageDeflate();
    void handshakeRejected_data();
    void handshakeRejected();
    void headTooLargeIs431();
    void originPolicy_data();
    void originPolicy();
    void upgradeOnOtherPathIs404();
    void maxConnectionsAnswers503();
    void slowClientDoesNotBlockOthers();
    void silentClientIsDroppedAfterHandshakeTimeout();
    void handshakeFault_data();
    void handshakeFault();
    void captureReproducesWireBytes();
    void captureOffBuildsNoRecords();
    void twoHundredConcurrentClients();
    void stopClosesClientsWithGoingAway();
};

void tst_WebSocketServer::listensOnLoopbackEphemeralPort()
{
    TestServer t;
    QSignalSpy listening(t.server.get(), &WebSocketServer::listening);
    QVERIFY(t.start());
    QVERIFY(t.port() != 0);
    QCOMPARE(listening.size(), 1);
    QCOMPARE(listening.at(0).at(0).toString(), QStringLiteral("http://127.0.0.1:%1/").arg(t.port()));
}

void tst_WebSocketServer::listenFailureIsReported()
{
    TestServer first;
    QVERIFY(first.start());
    ServerSettings settings = testSettings();
    settings.port = first.port();
    TestServer second(settings);
    QSignalSpy failed(second.server.get(), &WebSocketServer::listenFailed);
    QVERIFY(!second.start());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(1).value<quint16>(), first.port());
}

// A server that could not listen (its port taken by another program) listens as soon as it is
// given another port, without a restart.
void tst_WebSocketServer::busyPortIsLeftForAFreeOneAtOnce()
{
    QTcpServer other; // "another program" holding the port
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    ServerSettings settings = testSettings();
    settings.port = other.serverPort();
    TestServer t(settings);
    QSignalSpy listening(t.server.get(), &WebSocketServer::listening);
    QVERIFY(!t.start());
    QVERIFY(!t.server->isListening());

    settings.port = 0; // any free port
    t.server->applySettings(settings);
    QVERIFY(t.server->isListening());
    QCOMPARE(listening.size(), 1);
    QVERIFY(t.port() != other.serverPort());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, t.port());
    QVERIFY(client.waitForConnected(waitMs));
}

// RFC 7692 §5: without Sec-WebSocket-Extensions in the 101 the offer is declined. The lab's default:
// a browser's frames cross the wire as typed.
void tst_WebSocketServer::permessageDeflateIsDeclinedByDefault()
{
    TestServer t(testSettings()); // nothing about compression set
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port(), "/echo",
                         "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
    QVERIFY2(!peer.responseHead.toLower().contains("sec-websocket-extensions"), peer.responseHead.constData());
    peer.sendFrame(Opcode::Text, "Hello");
    const auto echo = peer.nextFrame();
    QVERIFY(echo);
    QVERIFY(!echo->header.rsv1);
    QCOMPARE(echo->payload, QByteArray("Hello"));
}

void tst_WebSocketServer::handshakeAccepted()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send(RawPeer::upgradeRequest("/echo", "dGhlIHNhbXBsZSBub25jZQ=="));
    const QByteArray head = peer.takeResponseHead();
    QCOMPARE(RawPeer::statusOf(head), 101);
    // RFC 6455 §1.3 golden vector.
    QVERIFY2(head.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head.constData());
    QVERIFY(head.contains("\r\nUpgrade: websocket\r\n"));
    QVERIFY(head.toLower().contains("\r\nconnection: upgrade\r\n"));
    // And it is now a WebSocket: an echo comes back.
    peer.sendFrame(Opcode::Text, "Hello");
    const auto frame = peer.nextFrame();
    QVERIFY(frame);
    QCOMPARE(frame->payload, QByteArray("Hello"));
    QVERIFY(!frame->header.masked);
}

void tst_WebSocketServer::handshakeNegotiatesPermessageDeflate_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QByteArray>("offers"); // the Sec-WebSocket-Extensions lines, as sent
    QTest::addColumn<QByteArray>("answer"); // empty: no Sec-WebSocket-Extensions in the 101
    QTest::addColumn<QString>("note");      // part of the capture's note on the 101

    const QByteArray chromium = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    QTest::addRow("no offer") << true << QByteArray() << QByteArray() << QString();
    // RFC 7692 §7.1.2.2: an offered client_max_window_bits without value may be answered with one.
    QTest::addRow("chromium") << true << chromium << QByteArray("permessage-deflate; client_max_window_bits=15")
                              << QStringLiteral("accepted: permessage-deflate");
    QTest::addRow("firefox") << true << QByteArray("Sec-WebSocket-Extensions: permessage-deflate\r\n")
                             << QByteArray("permessage-deflate") << QStringLiteral("accepted");
    // §7.1.1.1: an offered server_no_context_takeover is echoed; §7.1.2.1: so is the window.
    QTest::addRow("parameters") << true
                                << QByteArray("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; "
                                              "server_max_window_bits=10\r\n")
                                << QByteArray("permessage-deflate; server_no_context_takeover; server_max_window_bits=10")
                                << QStringLiteral("accepted");
    // §5: an offer the server must decline is skipped, the next one is taken.
    QTest::addRow("invalid then valid") << true
                                        << QByteArray("Sec-WebSocket-Extensions: permessage-deflate; foo, "
                                                      "permessage-deflate; client_no_context_takeover\r\n")
                                        << QByteArray("permessage-deflate; client_no_context_takeover")
                                        << QStringLiteral("declined \"permessage-deflate; foo\"");
    QTest::addRow("only invalid offers") << true
                                         << QByteArray("Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n"
                                                       "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=8\r\n")
                                         << QByteArray() << QStringLiteral("no extension agreed");
    QTest::addRow("switched off") << false << chromium << QByteArray() << QStringLiteral("permessage-deflate is off");
}

// RFC 7692 §5: the 101 names the offer taken (Sec-WebSocket-Extensions) or none; the capture's
// note on the 101 says what became of every offer.
void tst_WebSocketServer::handshakeNegotiatesPermessageDeflate()
{
    QFETCH(bool, enabled);
    QFETCH(QByteArray, offers);
    QFETCH(QByteArray, answer);
    QFETCH(QString, note);
    ServerSettings settings = testSettings();
    settings.permessageDeflate = enabled;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port(), "/echo", offers));
    QCOMPARE(peer.responseHeader("Sec-WebSocket-Extensions"), answer);
    QCOMPARE(peer.responseHead.count("Sec-WebSocket-Extensions"), answer.isEmpty() ? 0 : 1);

    // Either way the connection works, compressed exactly when agreed (RFC 7692 §6.1: RSV1).
    peer.decoder.setRsv1Allowed(true); // to see what the server sends, whatever it is
    peer.sendFrame(Opcode::Text, "Hello");
    const auto frame = peer.nextFrame();
    QVERIFY2(frame, "no echo; a plain client frame must be accepted either way");
    QCOMPARE(frame->header.rsv1, !answer.isEmpty());
    if (answer.isEmpty())
        QCOMPARE(frame->payload, QByteArray("Hello"));

    const CaptureBatch records = t.allRecords();
    const auto response = std::find_if(records.cbegin(), records.cend(), [](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpResponse;
    });
    QVERIFY(response != records.cend());
    QCOMPARE(response->httpStatus, 101);
    QVERIFY2(response->note.contains(note), qPrintable(response->note));
}

void tst_WebSocketServer::handshakeRejected_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("mustContain");
    const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    const QByteArray common = "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    QTest::addRow("POST") << ("POST /echo HTTP/1.1\r\n" + common + key + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")
                          << 405 << QByteArray("Allow: GET");
    QTest::addRow("HTTP/1.0") << ("GET /echo HTTP/1.0\r\n" + common + key + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray();
    QTest::addRow("no Host") << ("GET /echo HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n")
                             << 400 << QByteArray();
    QTest::addRow("no Upgrade") << ("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n")
                                << 426 << QByteArray("Sec-WebSocket-Version: 13");
    QTest::addRow("no Connection upgrade") << ("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n")
                                           << 400 << QByteArray();
    QTest::addRow("no key") << ("GET /echo HTTP/1.1\r\n" + common + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray();
    QTest::addRow("short key") << ("GET /echo HTTP/1.1\r\n" + common + "Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n")
                               << 400 << QByteArray();
    QTest::addRow("no version") << ("GET /echo HTTP/1.1\r\n" + common + key + "\r\n") << 426 << QByteArray("Sec-WebSocket-Version: 13");
    QTest::addRow("version 8") << ("GET /echo HTTP/1.1\r\n" + common + key + "Sec-WebSocket-Version: 8\r\n\r\n") << 426
                               << QByteArray("Sec-WebSocket-Version: 13");
    QTest::addRow("malformed request line") << QByteArray("GET\r\n\r\n") << 400 << QByteArray();
    QTest::addRow("HTTP/2") << QByteArray("GET /echo HTTP/2.0\r\nHost: x\r\n\r\n") << 505 << QByteArray();
}

void tst_WebSocketServer::handshakeRejected()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, mustContain);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send(request);
    const QByteArray head = peer.takeResponseHead();
    QCOMPARE(RawPeer::statusOf(head), status);
    QVERIFY2(head.contains(mustContain), head.constData());
    QVERIFY(!head.contains("Sec-WebSocket-Accept"));
    QVERIFY(peer.waitForDisconnected()); // a rejected upgrade ends the connection
}

void tst_WebSocketServer::headTooLargeIs431()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QByteArray request = "GET /echo HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n";
    peer.send(request);
    QCOMPARE(RawPeer::statusOf(peer.takeResponseHead()), 431);
    QVERIFY(peer.waitForDisconnected());
}

void tst_WebSocketServer::originPolicy_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QByteArray>("origin"); // "%PORT%" stands for the server's port
    QTest::addColumn<int>("status");
    QTest::addRow("no Origin (not a browser)") << QStringList() << QByteArray() << 101;
    QTest::addRow("own page 127.0.0.1") << QStringList() << QByteArray("http://127.0.0.1:%PORT%") << 101;
    QTest::addRow("own page localhost") << QStringList() << QByteArray("http://localhost:%PORT%") << 101;
    QTest::addRow("own host other port") << QStringList() << QByteArray("http://127.0.0.1:1") << 403;
    QTest::addRow("foreign site") << QStringList() << QByteArray("https://evil.example") << 403;
    QTest::addRow("foreign site allowed") << QStringList{"https://evil.example"} << QByteArray("https://evil.example") << 101;
    QTest::addRow("any allowed") << QStringList{"*"} << QByteArray("https://other.example") << 101;
    QTest::addRow("null origin") << QStringList() << QByteArray("null") << 403;
}

void tst_WebSocketServer::originPolicy()
{
    QFETCH(QStringList, allowed);
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    ServerSettings settings = testSettings();
    settings.allowedOrigins = allowed;
    TestServer t(settings);
    QVERIFY(t.start());
    origin.replace("%PORT%", QByteArray::number(t.port()));
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send(RawPeer::upgradeRequest("/chatsocket", "dGhlIHNhbXBsZSBub25jZQ==",
                                      origin.isEmpty() ? QByteArray() : "Origin: " + origin + "\r\n"));
    QCOMPARE(RawPeer::statusOf(peer.takeResponseHead()), status);
}

void tst_WebSocketServer::upgradeOnOtherPathIs404()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    peer.send(RawPeer::upgradeRequest("/nowhere"));
    QCOMPARE(RawPeer::statusOf(peer.takeResponse()), 404);
}

void tst_WebSocketServer::maxConnectionsAnswers503()
{
    ServerSettings settings = testSettings();
    settings.maxConnections = 2;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer a, b, c;
    QVERIFY(a.upgrade(t.port()));
    QVERIFY(b.upgrade(t.port()));
    QVERIFY(c.connectTo(t.port()));
    c.send(RawPeer::upgradeRequest());
    QCOMPARE(RawPeer::statusOf(c.takeResponseHead()), 503);
    QVERIFY(c.waitForDisconnected());
    // The first two still work.
    a.sendFrame(Opcode::Text, "still here");
    QCOMPARE(a.nextFrame()->payload, QByteArray("still here"));
}

void tst_WebSocketServer::slowClientDoesNotBlockOthers()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer slow;
    QVERIFY(slow.connectTo(t.port()));
    const QByteArray request = RawPeer::upgradeRequest();
    // Half of the head, one byte per event-loop turn, then a second client does a whole exchange.
    for (qsizetype i = 0; i < request.size() / 2; ++i) {
        slow.send(request.mid(i, 1));
        QTest::qWait(1);
    }
    RawPeer fast;
    QVERIFY(fast.upgrade(t.port()));
    fast.sendFrame(Opcode::Text, "fast");
    QCOMPARE(fast.nextFrame()->payload, QByteArray("fast"));
    QVERIFY(slow.received.isEmpty());
    for (qsizetype i = request.size() / 2; i < request.size(); ++i)
        slow.send(request.mid(i, 1));
    QCOMPARE(RawPeer::statusOf(slow.takeResponseHead()), 101);
}

void tst_WebSocketServer::silentClientIsDroppedAfterHandshakeTimeout()
{
    ServerSettings settings = testSettings();
    settings.handshakeTimeoutMs = 200;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer silent, partial;
    QVERIFY(silent.connectTo(t.port()));
    QVERIFY(partial.connectTo(t.port()));
    partial.send("GET /echo HTTP/1.1\r\nHost: x\r\n"); // never finished
    QElapsedTimer clock;
    clock.start();
    QVERIFY(silent.waitForDisconnected(3000));
    QVERIFY(partial.waitForDisconnected(3000));
    QVERIFY(clock.elapsed() >= 150);
    QCOMPARE(RawPeer::statusOf(partial.received), 408);
    QVERIFY(silent.received.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, waitMs);
}

void tst_WebSocketServer::handshakeFault_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("accept");
    QTest::addColumn<bool>("hasUpgrade");
    // base64(SHA-1("dGhlIHNhbXBsZSBub25jZQ==")), the GUID left out.
    const QByteArray withoutGuid = QCryptographicHash::hash("dGhlIHNhbXBsZSBub25jZQ==", QCryptographicHash::Sha1).toBase64();
    QTest::addRow("accept without GUID") << int(HandshakeFault::AcceptWithoutGuid) << 101 << withoutGuid << true;
    QTest::addRow("missing Upgrade") << int(HandshakeFault::MissingUpgradeHeader) << 101
                                     << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") << false;
    QTest::addRow("200 instead of 101") << int(HandshakeFault::WrongStatus) << 200
                                        << QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") << true;
}

void tst_WebSocketServer::handshakeFault()
{
    QFETCH(int, fault);
    QFETCH(int, status);
    QFETCH(QByteArray, accept);
    QFETCH(bool, hasUpgrade);
    TestServer t;
    QVERIFY(t.start());
    t.server->setHandshakeFault(HandshakeFault(fault));
    RawPeer first;
    QVERIFY(first.connectTo(t.port()));
    first.send(RawPeer::upgradeRequest());
    const QByteArray head = first.takeResponseHead();
    QCOMPARE(RawPeer::statusOf(head), status);
    QVERIFY2(head.contains("Sec-WebSocket-Accept: " + accept + "\r\n"), head.constData());
    QCOMPARE(head.contains("\r\nUpgrade: websocket\r\n"), hasUpgrade);
    // Only the next upgrade: the one after is answered correctly again.
    RawPeer second;
    QVERIFY(second.upgrade(t.port()));
    QVERIFY(second.responseHead.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
}

void tst_WebSocketServer::captureReproducesWireBytes()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QByteArray sent;
    auto send = [&](const QByteArray &bytes) {
        sent += bytes;
        peer.send(bytes);
    };
    send(RawPeer::upgradeRequest("/echo"));
    const QByteArray responseHead = peer.takeResponseHead();
    QCOMPARE(RawPeer::statusOf(responseHead), 101);
    send(RawPeer::clientFrame(Opcode::Text, "Hello"));
    send(RawPeer::clientFrame(Opcode::Binary, QByteArray(300, 'b')));
    send(RawPeer::clientFrame(Opcode::Text, "Hel", false) + RawPeer::clientFrame(Opcode::Ping, "p")
         + RawPeer::clientFrame(Opcode::Continuation, "lo"));
    send(RawPeer::clientFrame(Opcode::Binary, QByteArray(70'000, 'x')));
    send(RawPeer::clientFrame(Opcode::Close, FrameEncoder::closePayload(1000, "bye")));
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, waitMs);
    // The peer never decoded anything: `received` holds every byte after the response head.
    const QByteArray receivedAll = responseHead + peer.received;

    QByteArray inbound, outbound;
    QList<RecordKind> kinds;
    for (const CaptureRecord &record : t.allRecords()) {
        QVERIFY(!record.isTruncated());
        kinds.append(record.kind);
        (record.direction == Direction::Inbound ? inbound : outbound) += record.bytes();
    }
    QCOMPARE(kinds.first(), RecordKind::ConnectionOpened);
    QCOMPARE(kinds.at(1), RecordKind::HttpRequest);
    QCOMPARE(kinds.at(2), RecordKind::HttpResponse);
    QCOMPARE(kinds.last(), RecordKind::ConnectionClosed);
    QCOMPARE(kinds.count(RecordKind::Frame), 7 + 6); // 7 in; echoes (3), pong, 70 000 echo, close
    QCOMPARE(inbound.size(), sent.size());
    QVERIFY(inbound == sent);
    QCOMPARE(outbound.size(), receivedAll.size());
    QVERIFY(outbound == receivedAll);
}

void tst_WebSocketServer::captureOffBuildsNoRecords()
{
    ServerSettings settings = testSettings();
    settings.captureEnabled = false;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.sendFrame(Opcode::Text, "quiet");
    QCOMPARE(peer.nextFrame()->payload, QByteArray("quiet"));
    QVERIFY(t.allRecords().isEmpty());
}

void tst_WebSocketServer::twoHundredConcurrentClients()
{
    TestServer t;
    QVERIFY(t.start());
    constexpr int count = 200;
    std::vector<std::unique_ptr<QWebSocket>> clients;
    int connected = 0;
    int echoed = 0;
    for (int i = 0; i < count; ++i) {
        auto client = std::make_unique<QWebSocket>();
        QWebSocket *raw = client.get();
        QObject::connect(raw, &QWebSocket::connected, raw, [raw, i, &connected] {
            ++connected;
            raw->sendTextMessage(QStringLiteral("client %1").arg(i));
        });
        QObject::connect(raw, &QWebSocket::textMessageReceived, raw, [i, &echoed](const QString &text) {
            if (text == QStringLiteral("client %1").arg(i))
                ++echoed;
        });
        raw->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
        clients.push_back(std::move(client));
    }
    QTRY_COMPARE_WITH_TIMEOUT(echoed, count, 20000);
    QCOMPARE(connected, count);
    QCOMPARE(t.server->sessionCount(), count);
    for (auto &client : clients)
        client->close();
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, 20000);
}

void tst_WebSocketServer::stopClosesClientsWithGoingAway()
{
    TestServer t;
    QVERIFY(t.start());
    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket").arg(t.port())));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    QSignalSpy stopped(t.server.get(), &WebSocketServer::stopped);
    t.server->stop();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, waitMs);
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, waitMs);
    QVERIFY(!t.server->isListening());
}

QTEST_GUILESS_MAIN(tst_WebSocketServer)
#include "tst_websocketserver.moc"
