#include "server/servertestsupport.h"

#include "capture/capturestream.h"
#include "server/websocketsession.h"

#include "server/protocol/frameheader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

using namespace wslab::test;

namespace {

// A header alone, for frames whose payload the test never sends.
QByteArray maskedHeader(quint8 firstByte, quint64 length)
{
    FrameHeader header;
    header.fin = firstByte & 0x80;
    header.rsv1 = firstByte & 0x40;
    header.rsv2 = firstByte & 0x20;
    header.rsv3 = firstByte & 0x10;
    header.opcode = opcodeFromBits(firstByte);
    header.masked = true;
    header.maskKey = {1, 2, 3, 4};
    header.payloadLength = length;
    header.lengthForm = minimalLengthForm(length);
    return FrameEncoder::writeHeader(header);
}

QJsonObject json(const DecodedFrame &frame)
{
    return QJsonDocument::fromJson(frame.payload).object();
}

} // namespace

class tst_WebSocketSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void echoEveryDataFrameKind_data();
    void echoEveryDataFrameKind();
    void pingIsAnsweredWithItsPayload();
    void unsolicitedPongIsNotAnswered();
    void fragmentedMessageWithInterleavedPing();
    void protocolErrorClosesWithCode_data();
    void protocolErrorClosesWithCode();
    void invalidUtf8FailsBeforeTheFrameEnds();
    void frameTooLargeIsRefusedFromTheHeader();
    void messageTooLargeAcrossFragments();
    void peerCloseIsEchoed_data();
    void peerCloseIsEchoed();
    void serverCloseWaitsForPeerClose();
    void serverCloseTimesOut();
    void dataAfterServerCloseIsIgnored();
    void vanishedPeerIsRecordedAs1006();
    void outgoingFragmentation();
    void sendMessageInFragments();
    void sendRawFrameWritesBytesAsTheyAre();
    void sentFramesAreReadAsTheClientReadsThem_data();
    void sentFramesAreReadAsTheClientReadsThem();
    void chosenCloseCodeIsCheckedToo();
    void clientFailingTheConnectionIsRecordedAsTheFirstClose();
    void holdCapturesButDoesNotProcess();
    void holdReleasesAllWhenTurnedOff();
    void idlePing();
    void slowReaderIsDropped();
    void echoToAPeerThatDoesNotReadIsHeldBackNotDropped();
    void referenceClientEcho_data();
    void referenceClientEcho();
    void referenceClientPingPong();
    void serverPingMeasuresRoundTrip();
    void referenceClientCloseCodes_data();
    void referenceClientCloseCodes();
    void chatBroadcastsToEveryone();
    void newcomerGetsRecentHistoryAfterTheWelcome();
    void chatNickCommandAndLeave();
    void deskMessageReachesClients();
    void deskLineToOneClientIsPrivateChat();
    void deskLineInFragmentsIsChatFromTheDesk();
    void historyReplayIsCountedApart();
    void sideRoomKeepsItsLinesToItself();
    void longChatMessageIsBroadcastWhole_data();
    void longChatMessageIsBroadcastWhole();
    void deflateEcho_data();
    void deflateEcho();
    void deflateFragmentsCarryRsv1OnTheFirstOnly();
    void deflateErrorsCloseWithCode_data();
    void deflateErrorsCloseWithCode();
    void deflateZipBombIsCutAtTheMessageLimit();
    void deflateCaptureKeepsWireBytesAndTheInflatedMessage();
    void deflateHeldMessageIsInflatedWhenDelivered();
    void deflateHeldMessagesArePreviewedWithContextTakeover();
    void deflateChatReachesPlainAndCompressedClients();
    void referenceClientWithoutDeflateOfferGetsPlainFrames();
};

void tst_WebSocketSession::echoEveryDataFrameKind_data()
{
    QTest::addColumn<int>("opcode");
    QTest::addColumn<QByteArray>("payload");
    QTest::addRow("text") << int(Opcode::Text) << QByteArray("Hello");
    QTest::addRow("empty text") << int(Opcode::Text) << QByteArray();
    QTest::addRow("binary") << int(Opcode::Binary) << QByteArray("\x00\xff\x10", 3);
    QTest::addRow("empty binary") << int(Opcode::Binary) << QByteArray();
    QTest::addRow("text 126") << int(Opcode::Text) << QByteArray(126, 'a');
    QTest::addRow("binary 65536") << int(Opcode::Binary) << QByteArray(65536, '\x7f');
}

void tst_WebSocketSession::echoEveryDataFrameKind()
{
    QFETCH(int, opcode);
    QFETCH(QByteArray, payload);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.sendFrame(Opcode(opcode), payload);
    const auto frame = peer.nextFrame();
    QVERIFY(frame);
    QCOMPARE(frame->header.opcode, Opcode(opcode));
    QVERIFY(frame->header.fin);
    QVERIFY(!frame->header.masked); // RFC 6455 §5.1: a server never masks
    QCOMPARE(frame->header.lengthForm, minimalLengthForm(quint64(payload.size())));
    QCOMPARE(frame->payload, payload);
}

void tst_WebSocketSession::pingIsAnsweredWithItsPayload()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.send(QByteArray::fromHex("898537fa213d7f9f4d5158")); // RFC 6455 §5.7 masked ping "Hello"
    QVERIFY(peer.waitForBytes(7));
    QCOMPARE(peer.received, QByteArray::fromHex("8a0548656c6c6f")); // unmasked pong "Hello"
}

void tst_WebSocketSession::unsolicitedPongIsNotAnswered()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy pongs(t.server.get(), &WebSocketServer::pongReceived);
    peer.send(QByteArray::fromHex("8a8537fa213d7f9f4d5158")); // §5.7 masked pong "Hello"
    peer.sendFrame(Opcode::Text, "after");
    const auto frame = peer.nextFrame();
    QVERIFY(frame);
    QCOMPARE(frame->payload, QByteArray("after")); // nothing came before the echo
    QCOMPARE(pongs.size(), 1);
    QCOMPARE(pongs.at(0).at(1).toByteArray(), QByteArray("Hello"));
    QCOMPARE(pongs.at(0).at(2).toLongLong(), -1); // answers no ping of ours
}

void tst_WebSocketSession::fragmentedMessageWithInterleavedPing()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    // RFC 6455 §5.4: control frames may come between the fragments of a message.
    peer.send(RawPeer::clientFrame(Opcode::Text, "Hel", false) + RawPeer::clientFrame(Opcode::Ping, "p")
              + RawPeer::clientFrame(Opcode::Continuation, "lo", false)
              + RawPeer::clientFrame(Opcode::Continuation, "!", true));
    const auto pong = peer.nextFrame();
    QVERIFY(pong);
    QCOMPARE(pong->header.opcode, Opcode::Pong);
    QCOMPARE(pong->payload, QByteArray("p"));
    const auto message = peer.nextFrame();
    QVERIFY(message);
    QCOMPARE(message->header.opcode, Opcode::Text);
    QCOMPARE(message->payload, QByteArray("Hello!"));
}

void tst_WebSocketSession::protocolErrorClosesWithCode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    const auto frame = [](Opcode opcode, QByteArrayView payload, bool fin = true) {
        return RawPeer::clientFrame(opcode, payload, fin);
    };
    QByteArray rsv1 = frame(Opcode::Text, "x");
    rsv1[0] = char(quint8(rsv1[0]) | 0x40);
    QByteArray rsv3 = frame(Opcode::Binary, "x");
    rsv3[0] = char(quint8(rsv3[0]) | 0x10);
    QTest::addRow("RSV1 without extension") << rsv1 << 1002;
    QTest::addRow("RSV3") << rsv3 << 1002;
    QTest::addRow("reserved opcode 3") << frame(Opcode::ReservedData3, "x") << 1002;
    QTest::addRow("reserved opcode 0xB") << frame(Opcode::ReservedControlB, "") << 1002;
    QTest::addRow("fragmented ping") << frame(Opcode::Ping, "x", false) << 1002;
    QTest::addRow("ping 126 bytes") << frame(Opcode::Ping, QByteArray(126, 'p')) << 1002;
    QTest::addRow("unmasked frame") << FrameEncoder::encode(Opcode::Text, "x") << 1002;
    QTest::addRow("non-minimal length") << QByteArray::fromHex("81fe000501020304") + QByteArray(5, 'a') << 1002;
    QTest::addRow("continuation without start") << frame(Opcode::Continuation, "x") << 1002;
    QTest::addRow("text inside fragmented message") << frame(Opcode::Text, "a", false) + frame(Opcode::Text, "b") << 1002;
    QTest::addRow("invalid UTF-8") << frame(Opcode::Text, "\xce\xba\xff") << 1007;
    QTest::addRow("UTF-8 split badly across fragments")
            << frame(Opcode::Text, "\xce", false) + frame(Opcode::Continuation, "a") << 1007;
    QTest::addRow("close with one byte") << frame(Opcode::Close, "\x03") << 1002;
    QTest::addRow("close code 1005") << frame(Opcode::Close, "\x03\xed") << 1002;
    QTest::addRow("close code 999") << frame(Opcode::Close, "\x03\xe7") << 1002;
    QTest::addRow("close code 5000") << frame(Opcode::Close, "\x13\x88") << 1002;
    QTest::addRow("close reason not UTF-8") << frame(Opcode::Close, "\x03\xe8\xff") << 1007;
}

void tst_WebSocketSession::protocolErrorClosesWithCode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    peer.send(bytes + RawPeer::clientFrame(Opcode::Text, "never echoed"));
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->header.opcode, Opcode::Close);
    QCOMPARE(int(closeCodeOf(*close)), code);
    QVERIFY(peer.waitForDisconnected());
    QVERIFY(peer.frames.isEmpty() && peer.received.isEmpty()); // nothing after the close frame
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(code));
    // The capture names the error.
    bool named = false;
    for (const CaptureRecord &record : t.allRecords())
        named |= record.kind == RecordKind::ProtocolError && record.decodeError && closeCodeFor(*record.decodeError) == code;
    QVERIFY(named);
}

void tst_WebSocketSession::invalidUtf8FailsBeforeTheFrameEnds()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    // A 1000-byte text frame whose 3rd byte already makes it invalid; the rest is never sent.
    QByteArray payload(1000, 'a');
    payload[2] = '\xff';
    const QByteArray whole = RawPeer::clientFrame(Opcode::Text, payload);
    peer.send(whole.left(8 + 10)); // header (2 + 2 + 4) and 10 payload bytes
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->header.opcode, Opcode::Close);
    QCOMPARE(closeCodeOf(*close), 1007);
    QVERIFY(peer.waitForDisconnected());
    // The offending bytes are in the capture: exactly what was sent of the frame.
    QByteArray offending;
    for (const CaptureRecord &record : t.allRecords()) {
        if (record.kind == RecordKind::ProtocolError)
            offending = record.wireBytes;
    }
    QCOMPARE(offending, whole.left(18));
}

void tst_WebSocketSession::frameTooLargeIsRefusedFromTheHeader()
{
    ServerSettings settings = testSettings();
    settings.maxFramePayload = 1000;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.send(maskedHeader(0x82, 1001)); // the header only: the payload is never sent
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(closeCodeOf(*close), 1009);
    QVERIFY(peer.waitForDisconnected());
}

void tst_WebSocketSession::messageTooLargeAcrossFragments()
{
    ServerSettings settings = testSettings();
    settings.maxMessageSize = 100;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.send(RawPeer::clientFrame(Opcode::Binary, QByteArray(60, 'a'), false)
              + RawPeer::clientFrame(Opcode::Continuation, QByteArray(60, 'b'), true));
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(closeCodeOf(*close), 1009);
    QVERIFY(peer.waitForDisconnected());
}

void tst_WebSocketSession::peerCloseIsEchoed_data()
{
    QTest::addColumn<QByteArray>("closePayload");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("recordedCode");
    QTest::addRow("1000 with reason") << QByteArray("\x03\xe8" "bye") << QByteArray("\x03\xe8") << 1000;
    QTest::addRow("empty") << QByteArray() << QByteArray() << 1005;
    QTest::addRow("4000 private") << QByteArray("\x0f\xa0") << QByteArray("\x0f\xa0") << 4000;
    QTest::addRow("1001 going away") << QByteArray("\x03\xe9") << QByteArray("\x03\xe9") << 1001;
}

void tst_WebSocketSession::peerCloseIsEchoed()
{
    QFETCH(QByteArray, closePayload);
    QFETCH(QByteArray, answer);
    QFETCH(int, recordedCode);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    peer.sendFrame(Opcode::Close, closePayload);
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->header.opcode, Opcode::Close);
    QCOMPARE(close->payload, answer);
    // RFC 6455 §7.1.1: the server closes the TCP connection first.
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(recordedCode));
    const CaptureBatch records = t.allRecords();
    QCOMPARE(records.last().kind, RecordKind::ConnectionClosed);
    QCOMPARE(int(records.last().closeCode), recordedCode);
    QCOMPARE(records.last().firstCloseDirection, std::optional(Direction::Inbound)); // the peer began
}

void tst_WebSocketSession::serverCloseWaitsForPeerClose()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    t.server->closeConnection(1, 4001, QStringLiteral("done"));
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->payload, QByteArray("\x0f\xa1" "done"));
    QTest::qWait(50);
    QCOMPARE(peer.socket.state(), QAbstractSocket::ConnectedState); // waiting for our close
    peer.sendFrame(Opcode::Close, QByteArray("\x0f\xa1"));
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(4001));
}

void tst_WebSocketSession::serverCloseTimesOut()
{
    ServerSettings settings = testSettings();
    settings.closeTimeoutMs = 150;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    t.server->closeConnection(1, 1000, {});
    QVERIFY(peer.nextFrameOf(Opcode::Close));
    // The peer never answers: the server drops TCP after the close timeout; no close was received.
    QVERIFY(peer.waitForDisconnected(3000));
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(1006));
    const CaptureBatch records = t.allRecords();
    QCOMPARE(records.last().kind, RecordKind::ConnectionClosed);
    QCOMPARE(records.last().firstCloseDirection, std::optional(Direction::Outbound)); // ours, unanswered
}

void tst_WebSocketSession::dataAfterServerCloseIsIgnored()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->closeConnection(1, 1000, {});
    QVERIFY(peer.nextFrameOf(Opcode::Close));
    peer.sendFrame(Opcode::Text, "late");
    peer.sendFrame(Opcode::Ping, "late ping");
    peer.sendFrame(Opcode::Close, QByteArray("\x03\xe8"));
    QVERIFY(peer.waitForDisconnected());
    QVERIFY(!peer.nextFrame(100)); // neither an echo nor a pong
}

void tst_WebSocketSession::vanishedPeerIsRecordedAs1006()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    {
        RawPeer peer;
        QVERIFY(peer.upgrade(t.port()));
        peer.socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(1006));
    const CaptureBatch records = t.allRecords();
    QCOMPARE(records.last().kind, RecordKind::ConnectionClosed);
    QVERIFY(!records.last().firstCloseDirection); // no close frame either way
}

void tst_WebSocketSession::outgoingFragmentation()
{
    ServerSettings settings = testSettings();
    settings.outgoingFragmentSize = 4;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    peer.sendFrame(Opcode::Text, "Hello world");
    const auto a = peer.nextFrame(), b = peer.nextFrame(), c = peer.nextFrame();
    QVERIFY(a && b && c);
    QCOMPARE(a->header.opcode, Opcode::Text);
    QVERIFY(!a->header.fin);
    QCOMPARE(a->payload, QByteArray("Hell"));
    QCOMPARE(b->header.opcode, Opcode::Continuation);
    QVERIFY(!b->header.fin);
    QCOMPARE(b->payload, QByteArray("o wo"));
    QCOMPARE(c->header.opcode, Opcode::Continuation);
    QVERIFY(c->header.fin);
    QCOMPARE(c->payload, QByteArray("rld"));
}

void tst_WebSocketSession::sendMessageInFragments()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->sendMessage(0, true, QByteArray("abcdefgh"), 3);
    QByteArray joined;
    QList<bool> fins;
    for (int i = 0; i < 3; ++i) {
        const auto frame = peer.nextFrame();
        QVERIFY(frame);
        QCOMPARE(frame->header.opcode, i == 0 ? Opcode::Binary : Opcode::Continuation);
        joined += frame->payload;
        fins.append(frame->header.fin);
    }
    QCOMPARE(joined, QByteArray("abcdefgh"));
    QCOMPARE(fins, (QList<bool>{false, false, true}));
}

void tst_WebSocketSession::sendRawFrameWritesBytesAsTheyAre()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    // A masked server frame with RSV2: invalid on purpose, written as it is.
    const QByteArray raw = QByteArray::fromHex("a18537fa213d7f9f4d5158");
    t.server->sendRawFrame(1, raw);
    QVERIFY(peer.waitForBytes(raw.size()));
    QCOMPARE(peer.received, raw);
    const CaptureBatch records = t.allRecords();
    const CaptureRecord &last = records.last();
    QCOMPARE(last.direction, Direction::Outbound);
    QVERIFY(last.frame);
    QVERIFY(last.frame->header.rsv2);
    QCOMPARE(last.bytes(), raw);
}

// Every frame the server sends, from the first crafted one on, is read as a client reads it
// (RFC 6455 in the client role); a frame that breaks a rule is flagged with it in the capture.
void tst_WebSocketSession::sentFramesAreReadAsTheClientReadsThem_data()
{
    QTest::addColumn<QList<QByteArray>>("raw");  // crafted frames, sent one by one
    QTest::addColumn<QByteArray>("thenMessage"); // then a message of the server's own, if any
    QTest::addColumn<int>("flagged");            // which outbound frame is flagged (-1: none)
    QTest::addColumn<int>("error");

    const QByteArray none;
    // RFC 6455 §5.7's masked "Hello" sent by the server: the composer's "masked server frame".
    QTest::addRow("masked server frame (5.1)") << QList{QByteArray::fromHex("818537fa213d7f9f4d5158")} << none << 0
                                               << int(DecodeError::MaskedServerFrame);
    QTest::addRow("unmasked Hello") << QList{QByteArray::fromHex("810548656c6c6f")} << QByteArray("after") << -1 << 0;
    QTest::addRow("close 1005 (7.4.1)") << QList{QByteArray::fromHex("880203ed")} << none << 0
                                        << int(DecodeError::InvalidCloseCode);
    // The server's own message breaks §5.4 when a crafted FIN = 0 frame left a message open.
    QTest::addRow("own message inside an open one (5.4)") << QList{QByteArray::fromHex("010348656c")}
                                                          << QByteArray("next") << 1
                                                          << int(DecodeError::DataFrameInsideFragmentedMessage);
    QTest::addRow("the second crafted frame")
            << QList{QByteArray::fromHex("010348656c"), QByteArray::fromHex("80026c6f"), QByteArray::fromHex("8000")}
            << none << 2 << int(DecodeError::ContinuationWithoutStart);
}

void tst_WebSocketSession::sentFramesAreReadAsTheClientReadsThem()
{
    QFETCH(QList<QByteArray>, raw);
    QFETCH(QByteArray, thenMessage);
    QFETCH(int, flagged);
    QFETCH(int, error);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    qsizetype expected = 0;
    for (const QByteArray &frame : raw) {
        t.server->sendRawFrame(1, frame);
        expected += frame.size();
    }
    if (!thenMessage.isEmpty()) {
        t.server->sendMessage(1, false, thenMessage);
        expected += 2 + thenMessage.size();
    }
    QVERIFY(peer.waitForBytes(expected));
    QList<CaptureRecord> sent;
    for (const CaptureRecord &record : t.recordsOf(1)) {
        if (record.kind == RecordKind::Frame && record.direction == Direction::Outbound)
            sent.append(record);
    }
    QCOMPARE(sent.size(), raw.size() + (thenMessage.isEmpty() ? 0 : 1));
    for (int i = 0; i < sent.size(); ++i) {
        QVERIFY(sent.at(i).frame);
        if (i == flagged) {
            QVERIFY2(sent.at(i).decodeError, qPrintable(QStringLiteral("frame %1 not flagged").arg(i)));
            QCOMPARE(int(*sent.at(i).decodeError), error);
        } else {
            QVERIFY2(!sent.at(i).decodeError, qPrintable(QStringLiteral("frame %1 flagged").arg(i)));
        }
    }
}

// The chat pane's close takes any number; one that must not be sent is flagged like a crafted frame.
void tst_WebSocketSession::chosenCloseCodeIsCheckedToo()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->closeConnection(1, 1006, {}); // never on the wire (RFC 6455 §7.4.1)
    const auto close = peer.nextFrameOf(Opcode::Close);
    QVERIFY(close);
    QCOMPARE(closeCodeOf(*close), quint16(1006));
    const QList<CaptureRecord> records = t.recordsOf(1);
    const auto sent = std::find_if(records.cbegin(), records.cend(), [](const CaptureRecord &r) {
        return r.frame && r.direction == Direction::Outbound && r.frame->header.opcode == Opcode::Close;
    });
    QVERIFY(sent != records.cend());
    QVERIFY(sent->decodeError);
    QCOMPARE(*sent->decodeError, DecodeError::InvalidCloseCode);
}

// What a browser does with a masked server frame: it fails the connection with a close 1002 of its
// own (RFC 6455 §7.1.7). The capture says the client closed first, with 1002; its JavaScript gets
// 1006, which the inspector explains from this.
void tst_WebSocketSession::clientFailingTheConnectionIsRecordedAsTheFirstClose()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->sendRawFrame(1, QByteArray::fromHex("818537fa213d7f9f4d5158"));
    QVERIFY(peer.waitForBytes(11));
    peer.received.clear();
    peer.send(RawPeer::clientFrame(Opcode::Close, QByteArray::fromHex("03ea")));
    const auto echo = peer.nextFrameOf(Opcode::Close);
    QVERIFY(echo);
    QCOMPARE(closeCodeOf(*echo), quint16(1002));
    QVERIFY(peer.waitForDisconnected());
    QTRY_VERIFY_WITH_TIMEOUT(t.server->sessionCount() == 0, waitMs);
    const QList<CaptureRecord> records = t.recordsOf(1);
    QCOMPARE(records.last().kind, RecordKind::ConnectionClosed);
    QCOMPARE(records.last().closeCode, quint16(1002));
    QCOMPARE(records.last().firstCloseDirection, std::optional(Direction::Inbound));
}

void tst_WebSocketSession::holdCapturesButDoesNotProcess()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->setHoldIncoming(true);
    peer.sendFrame(Opcode::Text, "one");
    peer.sendFrame(Opcode::Text, "two");
    QTRY_COMPARE_WITH_TIMEOUT(t.allRecords().size(), 5, waitMs); // open, request, 101, two frames
    QVERIFY(!peer.nextFrame(100));
    const CaptureBatch held = t.allRecords();
    QVERIFY(held.at(3).held && held.at(4).held);

    t.server->deliverNextHeld();
    const auto first = peer.nextFrame();
    QVERIFY(first);
    QCOMPARE(first->payload, QByteArray("one"));
    QVERIFY(!peer.nextFrame(100)); // the second is still held
    const CaptureBatch afterOne = t.allRecords();
    const auto delivered = std::find_if(afterOne.cbegin(), afterOne.cend(),
                                        [](const CaptureRecord &r) { return r.kind == RecordKind::FrameDelivered; });
    QVERIFY(delivered != afterOne.cend());
    QCOMPARE(delivered->relatedId, held.at(3).id);

    t.server->deliverNextHeld();
    QCOMPARE(peer.nextFrame()->payload, QByteArray("two"));
}

void tst_WebSocketSession::holdReleasesAllWhenTurnedOff()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    t.server->setHoldIncoming(true);
    for (int i = 0; i < 5; ++i)
        peer.sendFrame(Opcode::Text, QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(t.allRecords().size(), 8, waitMs);
    t.server->setHoldIncoming(false);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(peer.nextFrame()->payload, QByteArray::number(i));
}

void tst_WebSocketSession::idlePing()
{
    ServerSettings settings = testSettings();
    settings.pingIntervalMs = 100;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy pongs(t.server.get(), &WebSocketServer::pongReceived);
    const auto ping = peer.nextFrame(3000);
    QVERIFY(ping);
    QCOMPARE(ping->header.opcode, Opcode::Ping);
    peer.sendFrame(Opcode::Pong, ping->payload);
    QTRY_COMPARE_WITH_TIMEOUT(pongs.size(), 1, waitMs);
    QVERIFY(pongs.at(0).at(2).toLongLong() >= 0);
}

void tst_WebSocketSession::slowReaderIsDropped()
{
    ServerSettings settings = testSettings();
    settings.maxWriteBuffer = 1024 * 1024;
    TestServer t(settings);
    QVERIFY(t.start());
    QTcpSocket reader;
    reader.connectToHost(QHostAddress::LocalHost, t.port());
    QVERIFY(reader.waitForConnected(waitMs));
    reader.setReadBufferSize(4096); // then it stops reading: the kernel buffers fill up
    reader.write(RawPeer::upgradeRequest());
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    const QByteArray chunk(512 * 1024, 'z');
    for (int i = 0; i < 400 && disconnected.isEmpty(); ++i) {
        t.server->sendMessage(0, true, chunk, 1);
        QTest::qWait(2);
    }
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(1006));
}

// A client that sends faster than it reads its echoes: the server stops reading it once a few
// megabytes wait to be sent, so TCP holds the client back. Without that, the echoes would pile up
// past the write buffer limit and the connection would be dropped.
void tst_WebSocketSession::echoToAPeerThatDoesNotReadIsHeldBackNotDropped()
{
    ServerSettings settings = testSettings();
    settings.maxWriteBuffer = 2 * WebSocketSession::maxWriteBacklog;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgrade(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    peer.socket.setReadBufferSize(64 * 1024); // reads almost nothing for now
    constexpr int messages = 24;              // 24 MiB of echoes: far more than the limit
    const qsizetype size = 1024 * 1024;
    for (int i = 0; i < messages; ++i) {
        QByteArray payload(size, char('a' + i));
        peer.send(RawPeer::clientFrame(Opcode::Binary, payload));
    }
    QTest::qWait(300); // time for the server to read what it will read
    QVERIFY(disconnected.isEmpty());
    peer.socket.setReadBufferSize(0);
    for (int i = 0; i < messages; ++i) {
        const auto echo = peer.nextFrame(20'000);
        QVERIFY2(echo, qPrintable(QStringLiteral("echo %1 missing").arg(i)));
        QCOMPARE(echo->payload.size(), size);
        QCOMPARE(echo->payload.front(), char('a' + i));
        QCOMPARE(echo->payload.back(), char('a' + i));
    }
    QVERIFY(disconnected.isEmpty());
}

void tst_WebSocketSession::referenceClientEcho_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("binary");
    for (const qsizetype size : {qsizetype(0), qsizetype(125), qsizetype(126), qsizetype(65535), qsizetype(65536),
                                 qsizetype(4 * 1024 * 1024)}) {
        QTest::addRow("text %lld", qlonglong(size)) << size << false;
        QTest::addRow("binary %lld", qlonglong(size)) << size << true;
    }
}

void tst_WebSocketSession::referenceClientEcho()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, binary);
    ServerSettings settings = testSettings();
    settings.capturePayloadCap = 1024;
    TestServer t(settings);
    QVERIFY(t.start());
    QWebSocket client;
    client.setMaxAllowedIncomingMessageSize(quint64(size) + 1);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    QByteArray payload(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        payload[i] = char('a' + i % 26);
    if (binary) {
        QSignalSpy received(&client, &QWebSocket::binaryMessageReceived);
        client.sendBinaryMessage(payload);
        QVERIFY(received.wait(10000) || received.size() == 1);
        QCOMPARE(received.at(0).at(0).toByteArray(), payload);
    } else {
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        client.sendTextMessage(QString::fromLatin1(payload));
        QVERIFY(received.wait(10000) || received.size() == 1);
        QCOMPARE(received.at(0).at(0).toString().toLatin1(), payload);
    }
}

void tst_WebSocketSession::referenceClientPingPong()
{
    TestServer t;
    QVERIFY(t.start());
    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    QSignalSpy pong(&client, &QWebSocket::pong);
    client.ping("are you there?");
    QVERIFY(pong.wait(waitMs));
    QCOMPARE(pong.at(0).at(1).toByteArray(), QByteArray("are you there?"));
}

void tst_WebSocketSession::serverPingMeasuresRoundTrip()
{
    TestServer t;
    QVERIFY(t.start());
    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(t.server->sessionCount(), 1, waitMs);
    QSignalSpy pongs(t.server.get(), &WebSocketServer::pongReceived);
    t.server->sendPing(0, "rtt-1");
    QVERIFY(pongs.wait(waitMs));
    QCOMPARE(pongs.at(0).at(1).toByteArray(), QByteArray("rtt-1"));
    const qint64 rtt = pongs.at(0).at(2).toLongLong();
    QVERIFY(rtt > 0);
    QVERIFY(rtt < qint64(waitMs) * 1'000'000);
}

void tst_WebSocketSession::referenceClientCloseCodes_data()
{
    QTest::addColumn<bool>("serverCloses");
    QTest::addColumn<int>("code");
    QTest::addRow("client 1000") << false << 1000;
    QTest::addRow("client 4321") << false << 4321;
    QTest::addRow("server 1001") << true << 1001;
    QTest::addRow("server 4000") << true << 4000;
}

void tst_WebSocketSession::referenceClientCloseCodes()
{
    QFETCH(bool, serverCloses);
    QFETCH(int, code);
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(t.server->sessionCount(), 1, waitMs);
    if (serverCloses)
        t.server->closeConnection(0, quint16(code), QStringLiteral("reason"));
    else
        client.close(QWebSocketProtocol::CloseCode(code), QStringLiteral("reason"));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, waitMs);
    QCOMPARE(int(client.closeCode()), code);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(code));
}

void tst_WebSocketSession::chatBroadcastsToEveryone()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer ann, bob;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    const QJsonObject welcome = json(*ann.nextFrame());
    QCOMPARE(welcome.value("type").toString(), QStringLiteral("welcome"));
    QCOMPARE(welcome.value("nick").toString(), QStringLiteral("ann"));
    QCOMPARE(welcome.value("id").toInteger(), 1);
    QCOMPARE(json(*ann.nextFrame()).value("type").toString(), QStringLiteral("join"));
    QVERIFY(bob.upgrade(t.port(), "/chatsocket?nick=ann")); // taken: gets another name
    const QString bobNick = json(*bob.nextFrame()).value("nick").toString();
    QCOMPARE(bobNick, QStringLiteral("ann-2"));
    QCOMPARE(json(*bob.nextFrame()).value("nick").toString(), QStringLiteral("ann")); // history: ann's join
    QCOMPARE(json(*bob.nextFrame()).value("nick").toString(), bobNick); // join to himself
    QCOMPARE(json(*ann.nextFrame()).value("nick").toString(), bobNick); // and to ann

    ann.sendFrame(Opcode::Text, "hi all");
    for (RawPeer *peer : {&ann, &bob}) {
        const QJsonObject message = json(*peer->nextFrame());
        QCOMPARE(message.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(message.value("from").toString(), QStringLiteral("ann"));
        QCOMPARE(message.value("text").toString(), QStringLiteral("hi all"));
        QCOMPARE(message.value("seq").toInteger(), 3);
        QVERIFY(qAbs(message.value("time").toInteger() - QDateTime::currentMSecsSinceEpoch()) < 60'000);
    }
}

void tst_WebSocketSession::newcomerGetsRecentHistoryAfterTheWelcome()
{
    TestServer t;
    QVERIFY(t.start());
    const int lines = int(WebSocketServer::historyReplayCount) + 20;
    for (int i = 0; i < lines; ++i)
        t.server->postChatMessage(QStringLiteral("line %1").arg(i)); // seq 1 is Desk's join
    RawPeer late;
    QVERIFY(late.upgrade(t.port(), "/chatsocket?nick=late"));
    const QJsonObject welcome = json(*late.nextFrame());
    QCOMPARE(welcome.value("type").toString(), QStringLiteral("welcome"));
    const qint64 welcomeSeq = welcome.value("seq").toInteger();
    QCOMPARE(welcomeSeq, lines + 2); // the newcomer's own join
    // The most recent lines, oldest first, every one before the welcome's seq ...
    qint64 expected = welcomeSeq - qint64(WebSocketServer::historyReplayCount);
    for (quint64 i = 0; i < WebSocketServer::historyReplayCount; ++i, ++expected) {
        const QJsonObject entry = json(*late.nextFrame());
        QCOMPARE(entry.value("seq").toInteger(), expected);
        QCOMPARE(entry.value("type").toString(), QStringLiteral("message"));
    }
    QCOMPARE(expected, welcomeSeq);
    // ... then the join itself, the last one counted as history.
    const QJsonObject join = json(*late.nextFrame());
    QCOMPARE(join.value("type").toString(), QStringLiteral("join"));
    QCOMPARE(join.value("seq").toInteger(), welcomeSeq);
}

void tst_WebSocketSession::chatNickCommandAndLeave()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer ann, bob;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    QVERIFY(bob.upgrade(t.port(), "/chatsocket?nick=bob"));
    QTRY_COMPARE_WITH_TIMEOUT(t.server->chatRoom().memberCount(), 2, waitMs);
    while (ann.nextFrame(200)) { } // welcome, joins
    while (bob.nextFrame(200)) { }
    bob.sendFrame(Opcode::Text, "/nick robert");
    const QJsonObject nick = json(*ann.nextFrame());
    QCOMPARE(nick.value("type").toString(), QStringLiteral("nick"));
    QCOMPARE(nick.value("old").toString(), QStringLiteral("bob"));
    QCOMPARE(nick.value("nick").toString(), QStringLiteral("robert"));
    QCOMPARE(json(*bob.nextFrame()), nick); // the renamed one hears it too
    bob.sendFrame(Opcode::Text, "/nick ann"); // taken: only bob hears about it
    const QJsonObject notice = json(*bob.nextFrame());
    QCOMPARE(notice.value("type").toString(), QStringLiteral("system"));
    QVERIFY(!ann.nextFrame(100));
    bob.sendFrame(Opcode::Close, QByteArray("\x03\xe8"));
    const QJsonObject leave = json(*ann.nextFrame());
    QCOMPARE(leave.value("type").toString(), QStringLiteral("leave"));
    QCOMPARE(leave.value("nick").toString(), QStringLiteral("robert"));
}

void tst_WebSocketSession::deskMessageReachesClients()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    RawPeer ann;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    ann.nextFrame();
    ann.nextFrame();
    t.server->postChatMessage(QStringLiteral("hello from the desk"));
    QCOMPARE(json(*ann.nextFrame()).value("nick").toString(), QStringLiteral("Desk")); // Desk joins first
    const QJsonObject message = json(*ann.nextFrame());
    QCOMPARE(message.value("from").toString(), QStringLiteral("Desk"));
    QCOMPARE(message.value("text").toString(), QStringLiteral("hello from the desk"));
    QCOMPARE(entries.size(), 3); // ann's join, Desk's join, the message
}

// Regression: a Chat-pane line to one client, or in fragments, went out as a bare text frame, which
// the page can only show as "Raw text frame" with no sender.
void tst_WebSocketSession::deskLineToOneClientIsPrivateChat()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy connected(t.server.get(), &WebSocketServer::clientConnected);
    RawPeer ann, bob;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    QVERIFY(bob.upgrade(t.port(), "/chatsocket?nick=bob"));
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, waitMs);
    while (ann.nextFrame(200)) { } // welcome, joins
    while (bob.nextFrame(200)) { }
    const auto annInfo = connected.at(0).at(0).value<ClientInfo>().nick == QStringLiteral("ann")
            ? connected.at(0).at(0).value<ClientInfo>()
            : connected.at(1).at(0).value<ClientInfo>();
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    t.server->sendChatMessage(annInfo.connectionId, QStringLiteral("just for you"));
    // Desk joins the room first (everyone hears it), then only ann gets the line.
    QCOMPARE(json(*ann.nextFrame()).value("type").toString(), QStringLiteral("join"));
    const QJsonObject line = json(*ann.nextFrame());
    QCOMPARE(line.value("type").toString(), QStringLiteral("message"));
    QCOMPARE(line.value("from").toString(), QStringLiteral("Desk"));
    QCOMPARE(line.value("text").toString(), QStringLiteral("just for you"));
    QCOMPARE(line.value("private").toBool(), true);
    QVERIFY(!line.contains("seq")); // not in the room's history
    // Bob hears Desk's join and then the next room line: the private one never reached him.
    QCOMPARE(json(*bob.nextFrame()).value("type").toString(), QStringLiteral("join"));
    t.server->postChatMessage(QStringLiteral("for the room"));
    QCOMPARE(json(*bob.nextFrame()).value("text").toString(), QStringLiteral("for the room"));
    for (const ChatEntry &entry : t.server->chatRoom().history())
        QVERIFY(entry.text != QStringLiteral("just for you"));
    for (const auto &args : entries)
        QVERIFY(args.at(0).value<ChatEntry>().text != QStringLiteral("just for you"));
}

void tst_WebSocketSession::deskLineInFragmentsIsChatFromTheDesk()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer ann;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    while (ann.nextFrame(200)) { }
    t.server->sendChatMessage(0, QStringLiteral("a line in three pieces"), 3);
    QCOMPARE(json(*ann.nextFrame()).value("type").toString(), QStringLiteral("join")); // Desk's
    QList<DecodedFrame> frames;
    QByteArray payload;
    while (frames.isEmpty() || !frames.last().header.fin) {
        auto frame = ann.nextFrame();
        QVERIFY(frame);
        payload += frame->payload;
        frames.append(std::move(*frame));
    }
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames.at(0).header.opcode, Opcode::Text);
    QCOMPARE(frames.at(1).header.opcode, Opcode::Continuation);
    const QJsonObject line = QJsonDocument::fromJson(payload).object();
    QCOMPARE(line.value("type").toString(), QStringLiteral("message"));
    QCOMPARE(line.value("from").toString(), QStringLiteral("Desk"));
    QCOMPARE(line.value("text").toString(), QStringLiteral("a line in three pieces"));
    QCOMPARE(t.server->chatRoom().history().back().text, QStringLiteral("a line in three pieces"));
}

// Regression: a newcomer's history replay was counted like live traffic, so one catch-up of a few
// long lines outweighed everything else in the Transports table.
void tst_WebSocketSession::historyReplayIsCountedApart()
{
    TestServer t;
    QVERIFY(t.start());
    for (int i = 0; i < 3; ++i)
        t.server->postChatMessage(QString(2000, QLatin1Char('a' + i))); // seq 1 is Desk's join
    QSignalSpy connected(t.server.get(), &WebSocketServer::clientConnected);
    RawPeer late;
    QVERIFY(late.upgrade(t.port(), "/chatsocket?nick=late"));
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, waitMs);
    quint64 replayWire = 0;
    const auto welcome = late.nextFrame();
    QVERIFY(welcome);
    for (int i = 0; i < 4; ++i) {
        const auto frame = late.nextFrame();
        QVERIFY(frame);
        replayWire += quint64(frame->wireSize());
    }
    QCOMPARE(json(*late.nextFrame()).value("type").toString(), QStringLiteral("join"));
    const TransportCounters &ws = t.server->transportStats().webSocket;
    QCOMPARE(ws.replayMessages, 4u);
    QCOMPARE(ws.replayBytes, replayWire);
    // What is left is the welcome and the join: the live traffic.
    QCOMPARE(ws.messagesDelivered, 1u);
    QVERIFY(ws.payloadBytes < 2000);
}

// The auto demo plays in a room of its own: its lines never reach the main room's clients, its
// clients are not the user's in the Transports table.
void tst_WebSocketSession::sideRoomKeepsItsLinesToItself()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    RawPeer main, side;
    QVERIFY(main.upgrade(t.port(), "/chatsocket?nick=main"));
    QVERIFY(side.upgrade(t.port(), "/chatsocket?nick=side&room=demo-1234"));
    while (main.nextFrame(200)) { }
    while (side.nextFrame(200)) { }
    QCOMPARE(t.server->chatRoom().memberCount(), 1);
    QCOMPARE(t.server->existingRoom(QStringLiteral("demo-1234")).memberCount(), 1);
    QCOMPARE(t.server->transportStats().webSocket.clients, 1);
    const quint64 requestsBefore = t.server->transportStats().webSocket.requests;

    side.sendFrame(Opcode::Text, "[demo 1234] 1/1 Hello");
    QCOMPARE(json(*side.nextFrame()).value("text").toString(), QStringLiteral("[demo 1234] 1/1 Hello"));
    main.sendFrame(Opcode::Text, "main line");
    // The main client's next frame is its own line: the demo's line never came.
    QCOMPARE(json(*main.nextFrame()).value("text").toString(), QStringLiteral("main line"));
    for (const auto &args : entries)
        QVERIFY(!args.at(0).value<ChatEntry>().text.startsWith(QStringLiteral("[demo")));
    QCOMPARE(t.server->transportStats().webSocket.requests, requestsBefore + 1); // the main line only
}

void tst_WebSocketSession::longChatMessageIsBroadcastWhole_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<LengthForm>("form"); // of the broadcast (the JSON around the text adds a little)
    QTest::addRow("1 KiB") << qsizetype(1024) << LengthForm::Extended16;
    QTest::addRow("70 KiB") << qsizetype(70 * 1024) << LengthForm::Extended64;
    QTest::addRow("1 MiB") << qsizetype(1024 * 1024) << LengthForm::Extended64;
}

// Regression: chat lines were cut to 64 Ki characters, so the frames lab's 70 KiB and 1 MiB messages
// came back short, and never in the 64-bit length tier they were sent in.
void tst_WebSocketSession::longChatMessageIsBroadcastWhole()
{
    QFETCH(qsizetype, size);
    QFETCH(LengthForm, form);
    TestServer t;
    QVERIFY(t.start());
    RawPeer ann, bob;
    QVERIFY(ann.upgrade(t.port(), "/chatsocket?nick=ann"));
    QVERIFY(bob.upgrade(t.port(), "/chatsocket?nick=bob"));
    QTRY_COMPARE_WITH_TIMEOUT(t.server->chatRoom().memberCount(), 2, waitMs);
    while (ann.nextFrame(200)) { } // welcome, history, joins
    while (bob.nextFrame(200)) { }

    const QByteArray word = "wslab ";
    QByteArray text = word.repeated(size / word.size() + 1).left(size - 1) + '!';
    ann.sendFrame(Opcode::Text, text);
    for (RawPeer *peer : {&ann, &bob}) {
        const auto frame = peer->nextFrame(10'000);
        QVERIFY(frame);
        QCOMPARE(frame->header.lengthForm, form);
        const QJsonObject message = json(*frame);
        QCOMPARE(message.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(message.value("text").toString().size(), size);
        QCOMPARE(message.value("text").toString().toUtf8(), text);
    }
    QCOMPARE(t.server->chatRoom().history().back().text.size(), size);
}

void tst_WebSocketSession::deflateEcho_data()
{
    QTest::addColumn<QByteArray>("offer");
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qsizetype>("fragmentSize"); // of the client's compressed frames; 0: one frame
    QTest::addColumn<bool>("compress");          // the client compresses (RSV1); false: plain frames

    for (const qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(125), qsizetype(65536), qsizetype(1024 * 1024)}) {
        QTest::addRow("text %lld", qlonglong(size)) << QByteArray("permessage-deflate") << Opcode::Text << size
                                                     << qsizetype(0) << true;
        QTest::addRow("binary %lld", qlonglong(size)) << QByteArray("permessage-deflate") << Opcode::Binary << size
                                                       << qsizetype(0) << true;
    }
    QTest::addRow("text 64 KiB in 1000-byte fragments") << QByteArray("permessage-deflate") << Opcode::Text
                                                        << qsizetype(65536) << qsizetype(1000) << true;
    QTest::addRow("binary 1 MiB in 7-byte fragments") << QByteArray("permessage-deflate") << Opcode::Binary
                                                      << qsizetype(1024 * 1024) << qsizetype(7) << true;
    // RFC 7692 §6: a message without RSV1 is an uncompressed message, also on a deflate connection.
    QTest::addRow("plain text on a deflate connection") << QByteArray("permessage-deflate") << Opcode::Text
                                                        << qsizetype(300) << qsizetype(0) << false;
    QTest::addRow("no context takeover") << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover")
                                         << Opcode::Text << qsizetype(4000) << qsizetype(0) << true;
    QTest::addRow("small windows") << QByteArray("permessage-deflate; server_max_window_bits=9; client_max_window_bits=9")
                                   << Opcode::Binary << qsizetype(70'000) << qsizetype(0) << true;
    QTest::addRow("client window 8") << QByteArray("permessage-deflate; client_max_window_bits=8")
                                     << Opcode::Binary << qsizetype(5000) << qsizetype(0) << true;
}

// RFC 7692 §7.2: what comes back is the message sent, compressed by the server's own context
// (checked by inflating it with the agreed parameters), three times in a row so a kept or a reset
// context (§7.1.1) is exercised on both sides.
void tst_WebSocketSession::deflateEcho()
{
    QFETCH(QByteArray, offer);
    QFETCH(Opcode, opcode);
    QFETCH(qsizetype, size);
    QFETCH(qsizetype, fragmentSize);
    QFETCH(bool, compress);
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY2(peer.upgradeWithDeflate(t.port(), "/echo", offer), peer.responseHead.constData());
    const QByteArray word = opcode == Opcode::Text ? QByteArray("echo, \xce\xba, ") : QByteArray("\x00\xff\x10 binary ", 10);
    for (int round = 0; round < 3; ++round) {
        // Repetitive but not constant, with random-looking bytes mixed in so windows matter.
        QByteArray message = word.repeated(size / word.size() + 1).left(size);
        for (qsizetype i = 0; opcode == Opcode::Binary && i < size; i += 97)
            message[i] = char((i * 31 + round) & 0xff);
        if (compress)
            peer.sendCompressed(opcode, message, fragmentSize);
        else
            peer.sendFrame(opcode, message);
        bool compressed = false;
        const auto echo = peer.nextMessage(&compressed, 10'000);
        QVERIFY2(echo, "no echo, or one that does not inflate with the agreed parameters");
        QVERIFY(compressed); // every data message the server sends is compressed
        QCOMPARE(echo->opcode, opcode);
        QCOMPARE(echo->payload.size(), message.size());
        QVERIFY(echo->payload == message);
    }
}

void tst_WebSocketSession::deflateFragmentsCarryRsv1OnTheFirstOnly()
{
    ServerSettings settings = deflateSettings();
    settings.outgoingFragmentSize = 100;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port()));
    QByteArray message;
    for (int i = 0; i < 2000; ++i)
        message += QByteArray::number(i * 7919) + ' '; // compresses, but to far more than 100 bytes
    peer.sendCompressed(Opcode::Text, message);
    // RFC 7692 §6.1: RSV1 on the first frame of the message, never on a continuation (the peer's
    // decoder fails on one); the compressed payload is what gets fragmented.
    QList<DecodedFrame> frames;
    while (frames.isEmpty() || !frames.last().header.fin) {
        auto frame = peer.nextFrame();
        QVERIFY2(frame, "a fragment is missing, or a continuation carried RSV1");
        frames.append(*frame);
    }
    QVERIFY(frames.size() > 2);
    QByteArray compressed;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames.at(i).header.rsv1, i == 0);
        QCOMPARE(frames.at(i).header.opcode, i == 0 ? Opcode::Text : Opcode::Continuation);
        QVERIFY(frames.at(i).payload.size() <= 100);
        compressed += frames.at(i).payload;
    }
    QVERIFY(compressed.size() < message.size());
    const auto inflated = peer.deflate->decompress(compressed, message.size());
    QVERIFY(std::holds_alternative<QByteArray>(inflated));
    QCOMPARE(std::get<QByteArray>(inflated), message);

    // The desk's fragmented messages likewise.
    t.server->sendMessage(0, true, message, 4);
    frames.clear();
    while (frames.isEmpty() || !frames.last().header.fin) {
        auto frame = peer.nextFrame();
        QVERIFY(frame);
        frames.append(*frame);
    }
    QCOMPARE(frames.size(), 4);
    QVERIFY(frames.at(0).header.rsv1 && !frames.at(1).header.rsv1 && !frames.at(3).header.rsv1);
}

void tst_WebSocketSession::deflateErrorsCloseWithCode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<DecodeError>("error");
    const auto rsv1Frame = [](Opcode opcode, QByteArrayView payload, bool fin = true) {
        return FrameEncoder::encode(opcode, payload, fin, MaskKey{9, 8, 7, 6}, true);
    };
    // RFC 7692 §7.2.3.1: "Hello" deflated, its 00 00 ff ff removed.
    const QByteArray hello = QByteArray::fromHex("f248cdc9c90700");
    QTest::addRow("RSV1 on a continuation") << rsv1Frame(Opcode::Text, hello.left(3), false)
                                                   + rsv1Frame(Opcode::Continuation, hello.mid(3))
                                            << 1002 << DecodeError::ReservedBitsSet;
    QTest::addRow("RSV1 on a ping") << rsv1Frame(Opcode::Ping, "p") << 1002 << DecodeError::ReservedBitsSet;
    QTest::addRow("not DEFLATE") << rsv1Frame(Opcode::Binary, QByteArray::fromHex("ffffffff")) << 1007
                                 << DecodeError::InflateFailed;
    QTest::addRow("DEFLATE cut short") << rsv1Frame(Opcode::Binary, hello.left(3)) << 1007 << DecodeError::InflateFailed;
    // Valid DEFLATE of bytes that are not UTF-8: only the inflated text can be checked (§8.1).
    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    QTest::addRow("text not UTF-8 once inflated") << rsv1Frame(Opcode::Text, client.compress("ok \xff\xfe"))
                                                  << 1007 << DecodeError::InvalidUtf8;
}

void tst_WebSocketSession::deflateErrorsCloseWithCode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(DecodeError, error);
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port()));
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    peer.send(bytes + RawPeer::clientFrame(Opcode::Text, "never echoed"));
    const auto close = peer.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->header.opcode, Opcode::Close);
    QCOMPARE(int(closeCodeOf(*close)), code);
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(code));
    bool named = false;
    for (const CaptureRecord &record : t.allRecords())
        named |= record.kind == RecordKind::ProtocolError && record.decodeError == error;
    QVERIFY(named);
}

// A small payload that inflates to far more than the message limit is refused once the limit is
// passed (RFC 6455 §10.4, 1009), with no more than the limit ever allocated for it.
void tst_WebSocketSession::deflateZipBombIsCutAtTheMessageLimit()
{
    ServerSettings settings = deflateSettings();
    settings.maxMessageSize = 256 * 1024;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port()));
    // Just under and just over the limit, both from a few hundred bytes of DEFLATE.
    const QByteArray fits(settings.maxMessageSize, '\0');
    peer.sendCompressed(Opcode::Binary, fits);
    const auto echo = peer.nextMessage();
    QVERIFY(echo);
    QCOMPARE(echo->payload.size(), fits.size());

    const QByteArray bomb = peer.deflate->compress(QByteArray(64 * 1024 * 1024, '\0'));
    QVERIFY(bomb.size() < 128 * 1024); // 64 MiB of zeros: about 1000:1
    peer.send(FrameEncoder::encode(Opcode::Binary, bomb, true, MaskKey{1, 1, 1, 1}, true));
    const auto close = peer.nextFrame(10'000);
    QVERIFY(close);
    QCOMPARE(close->header.opcode, Opcode::Close);
    QCOMPARE(closeCodeOf(*close), quint16(1009));
    QVERIFY(peer.waitForDisconnected());
}

void tst_WebSocketSession::deflateCaptureKeepsWireBytesAndTheInflatedMessage()
{
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port(), "/echo", "permessage-deflate"));
    QByteArray sent = RawPeer::upgradeRequest("/echo", "dGhlIHNhbXBsZSBub25jZQ==",
                                              "Sec-WebSocket-Extensions: permessage-deflate\r\n");
    const QByteArray text = QByteArray("compress me, ").repeated(50);
    // One after the other: with context takeover the order of compression is the order on the wire.
    QByteArray wire = peer.compressedFrames(Opcode::Text, text);
    wire += peer.compressedFrames(Opcode::Binary, text, 2); // a few bytes only: it refers back to the first
    wire += RawPeer::clientFrame(Opcode::Close, FrameEncoder::closePayload(1000));
    sent += wire;
    peer.send(wire);
    QVERIFY(peer.waitForDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, waitMs);
    const QByteArray receivedAll = peer.responseHead + peer.received;

    QByteArray inbound, outbound;
    QList<CaptureRecord> inflatedRecords;
    for (const CaptureRecord &record : t.allRecords()) {
        (record.direction == Direction::Inbound ? inbound : outbound) += record.bytes();
        if (record.inflatedPayload)
            inflatedRecords.append(record);
    }
    // The wire bytes, compressed, exactly as they crossed in both directions.
    QVERIFY(inbound == sent);
    QVERIFY(outbound == receivedAll);
    // Four compressed messages (two in, two echoes), each with its inflated text on one record.
    QCOMPARE(inflatedRecords.size(), 4);
    for (const CaptureRecord &record : inflatedRecords) {
        QCOMPARE(*record.inflatedPayload, text);
        QCOMPARE(record.inflatedSize, text.size());
        QVERIFY(!record.isInflatedTruncated());
        QVERIFY(record.frame->payload.size() < text.size());
    }
    // Inbound: on the frame that completed the message (the single frame; the last fragment).
    QCOMPARE(inflatedRecords.at(0).direction, Direction::Inbound);
    QVERIFY(inflatedRecords.at(0).frame->header.rsv1 && inflatedRecords.at(0).frame->header.fin);
    // Outbound: on the first frame, the one with RSV1.
    QCOMPARE(inflatedRecords.at(1).direction, Direction::Outbound);
    QVERIFY(inflatedRecords.at(1).frame->header.rsv1);
    QCOMPARE(inflatedRecords.at(2).direction, Direction::Inbound);
    QCOMPARE(inflatedRecords.at(2).frame->header.opcode, Opcode::Continuation);
    QVERIFY(!inflatedRecords.at(2).frame->header.rsv1 && inflatedRecords.at(2).frame->header.fin);
    QCOMPARE(inflatedRecords.at(3).direction, Direction::Outbound);

    // The capture's payload cap cuts the inflated message too, and says how big it was.
    CaptureRecord capped = inflatedRecords.at(0);
    CaptureStream::applyPayloadCap(capped, 16);
    QCOMPARE(capped.inflatedPayload->size(), 16);
    QCOMPARE(capped.inflatedSize, text.size());
    QVERIFY(capped.isInflatedTruncated());
}

void tst_WebSocketSession::deflateHeldMessageIsInflatedWhenDelivered()
{
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port()));
    t.server->setHoldIncoming(true);
    peer.sendCompressed(Opcode::Text, "held, then inflated");
    const auto isHeld = [](const CaptureRecord &r) { return r.held; };
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(t.allRecords(), isHeld), waitMs);
    t.server->deliverNextHeld();
    bool compressed = false;
    const auto echo = peer.nextMessage(&compressed);
    QVERIFY(echo);
    QCOMPARE(echo->payload, QByteArray("held, then inflated"));
    const CaptureBatch records = t.allRecords();
    const auto held = std::find_if(records.cbegin(), records.cend(), isHeld);
    // Shown before it was delivered (a preview, inflated ahead of the delivery), then delivered.
    QVERIFY(held->inflatedPayload);
    QCOMPARE(*held->inflatedPayload, QByteArray("held, then inflated"));
    const auto delivered = std::find_if(records.cbegin(), records.cend(), [](const CaptureRecord &r) {
        return r.kind == RecordKind::FrameDelivered;
    });
    QVERIFY(delivered != records.cend());
    QCOMPARE(delivered->relatedId, held->id);
    QVERIFY(delivered->inflatedPayload);
    QCOMPARE(*delivered->inflatedPayload, QByteArray("held, then inflated"));
}

// With context takeover a message may point back into the ones before it (RFC 7692 §7.2.3), so a
// held message cannot be inflated on its own: the preview runs a copy of the session's inflater.
void tst_WebSocketSession::deflateHeldMessagesArePreviewedWithContextTakeover()
{
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.upgradeWithDeflate(t.port()));
    const QByteArray text = "the same words, again and again: the same words";
    peer.sendCompressed(Opcode::Text, text); // delivered: the window holds it now
    QVERIFY(peer.nextMessage());
    t.server->setHoldIncoming(true);
    const QByteArray again = peer.compressedFrames(Opcode::Text, text);
    peer.send(again);
    peer.sendCompressed(Opcode::Text, text + " and more", 4); // in 4-byte fragments, with back-references
    const auto isHeld = [](const CaptureRecord &r) { return r.held && r.kind == RecordKind::Frame; };
    const auto previews = [&] {
        QList<QByteArray> found;
        for (const CaptureRecord &record : t.allRecords()) {
            if (isHeld(record) && record.inflatedPayload)
                found.append(*record.inflatedPayload);
        }
        return found;
    };
    QTRY_COMPARE_WITH_TIMEOUT(previews().size(), 2, waitMs);
    QCOMPARE(previews(), (QList<QByteArray>{text, text + " and more"}));
    QVERIFY(std::ranges::count_if(t.allRecords(), isHeld) > 2); // the second one did come in fragments
    QVERIFY(!std::ranges::any_of(t.allRecords(), [](const CaptureRecord &r) {
        return r.kind == RecordKind::FrameDelivered;
    }));

    // The first held message alone does not inflate: it refers back to the one before it.
    PerMessageDeflate fresh(DeflateParameters{}, Role::Server);
    const auto alone = fresh.decompress(FrameDecoder::readFrame(again)->payload, 1 << 20);
    QVERIFY(std::holds_alternative<DecodeError>(alone));

    // Delivered afterwards, they inflate to the same text.
    t.server->deliverAllHeld();
    QCOMPARE(peer.nextMessage()->payload, text);
    QCOMPARE(peer.nextMessage()->payload, text + " and more");
}

void tst_WebSocketSession::deflateChatReachesPlainAndCompressedClients()
{
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    RawPeer zip, plain;
    QVERIFY(zip.upgradeWithDeflate(t.port(), "/chatsocket?nick=zip"));
    QVERIFY(plain.upgrade(t.port(), "/chatsocket?nick=plain"));
    QTRY_COMPARE_WITH_TIMEOUT(t.server->chatRoom().memberCount(), 2, waitMs);
    while (zip.nextMessage(nullptr, 200)) { }
    while (plain.nextFrame(200)) { }
    zip.sendCompressed(Opcode::Text, "from the compressing client");
    bool compressed = false;
    const auto toZip = zip.nextMessage(&compressed);
    QVERIFY(toZip);
    QVERIFY(compressed);
    const auto toPlain = plain.nextFrame();
    QVERIFY(toPlain);
    QVERIFY(!toPlain->header.rsv1);
    QCOMPARE(toZip->payload, toPlain->payload); // the same JSON line
    QCOMPARE(json(*toPlain).value("text").toString(), QStringLiteral("from the compressing client"));
    QCOMPARE(json(*toPlain).value("from").toString(), QStringLiteral("zip"));
}

// QWebSocket offers no extension: nothing is compressed for it even with permessage-deflate
// switched on, and it works as before.
void tst_WebSocketSession::referenceClientWithoutDeflateOfferGetsPlainFrames()
{
    TestServer t(deflateSettings());
    QVERIFY(t.start());
    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(t.port())));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, waitMs);
    const QString message = QStringLiteral("plain ").repeated(100);
    client.sendTextMessage(message);
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 1, waitMs);
    QCOMPARE(texts.at(0).at(0).toString(), message);
    client.close();
    bool sawResponse = false;
    for (const CaptureRecord &record : t.allRecords()) {
        if (record.kind == RecordKind::HttpResponse) {
            sawResponse = true;
            QVERIFY(!record.wireBytes.contains("Sec-WebSocket-Extensions"));
        }
        if (record.frame) {
            QVERIFY(!record.frame->header.rsv1);
            QVERIFY(!record.inflatedPayload);
        }
    }
    QVERIFY(sawResponse);
}

QTEST_GUILESS_MAIN(tst_WebSocketSession)
#include "tst_websocketsession.moc"
