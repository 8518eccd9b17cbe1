#include "capture/conversationdissector.h"

#include "server/protocol/opcode.h"

#include <QTest>

using namespace wslab::capture;
using namespace wslab::protocol;

namespace {

// RFC 6455 §1.3 and §4.1: the sample key and its accept.
const QByteArray upgradeRequest = "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Version: 13\r\n";
const QByteArray upgradeResponse = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n";
// RFC 6455 §5.7.
const QByteArray maskedHello = QByteArray::fromHex("818537fa213d7f9f4d5158");
const QByteArray unmaskedHello = QByteArray::fromHex("810548656c6c6f");
const QByteArray maskedClose1000 = QByteArray::fromHex("888237fa213d3412");      // 03 e8 masked
const QByteArray unmaskedClose1000 = QByteArray::fromHex("880203e8");

struct Step
{
    Direction direction;
    QByteArray bytes;
};

struct Dissected
{
    CaptureBatch records;

    [[nodiscard]] QList<RecordKind> kinds() const
    {
        QList<RecordKind> result;
        for (const CaptureRecord &record : records)
            result.append(record.kind);
        return result;
    }
    [[nodiscard]] QList<const CaptureRecord *> ofKind(RecordKind kind) const
    {
        QList<const CaptureRecord *> result;
        for (const CaptureRecord &record : records)
            if (record.kind == kind)
                result.append(&record);
        return result;
    }
};

// Feeds the steps in `pieceSize` pieces (0: whole), as a TCP layer would hand them over.
Dissected dissect(const QList<Step> &steps, qsizetype pieceSize = 0, ConversationDissector::Options options = {})
{
    Dissected result;
    ConversationDissector dissector(7, options);
    dissector.open(SocketAddress::fromString(u"127.0.0.1:50000"), SocketAddress::fromString(u"127.0.0.1:8002"), 0,
                   result.records);
    qint64 time = 1;
    for (const Step &step : steps) {
        const qsizetype size = pieceSize > 0 ? pieceSize : step.bytes.size();
        for (qsizetype at = 0; at < step.bytes.size(); at += size)
            dissector.feed(step.direction, QByteArrayView(step.bytes).sliced(at, std::min(size, step.bytes.size() - at)), time++, result.records);
    }
    dissector.close(time, result.records);
    return result;
}

QList<Step> plainConversation()
{
    return {{Direction::Inbound, upgradeRequest + "\r\n"},
            {Direction::Outbound, upgradeResponse + "\r\n"},
            {Direction::Inbound, maskedHello},
            {Direction::Outbound, unmaskedHello + unmaskedClose1000},
            {Direction::Inbound, maskedClose1000}};
}

} // namespace

class TestConversationDissector : public QObject
{
    Q_OBJECT

private slots:
    void upgradeThenFramesBothWays();
    void samePiecesWhateverTheSplit_data();
    void samePiecesWhateverTheSplit();
    void brokenHeadIsDescribedTheSameWhateverTheSplit_data();
    void brokenHeadIsDescribedTheSameWhateverTheSplit();
    void bytesAfterABrokenFrameAreCountedWhateverTheSplit_data();
    void bytesAfterABrokenFrameAreCountedWhateverTheSplit();
    void clientFramesSentBeforeThe101ComeFirstWhateverTheSplit_data();
    void clientFramesSentBeforeThe101ComeFirstWhateverTheSplit();
    void compressedMessagesInflateWithContextTakeover();
    void wrongAcceptIsRecordedAsBrokenUpgrade();
    void refusedUpgradeLeavesTheConnectionHttp();
    void keepAliveRequestsWithLengthAndChunkedBodies();
    void maskedServerFrameIsAnError();
    void gapInsidePayloadResynchronises();
    void gapAcrossHeadersStopsTheDirection();
    void startAsWebSocketReadsFramesFromTheFirstByte();
    void connectionWithoutCloseFrameClosesWith1006();
};

void TestConversationDissector::upgradeThenFramesBothWays()
{
    const Dissected result = dissect(plainConversation());
    QCOMPARE(result.kinds(),
             (QList<RecordKind>{RecordKind::ConnectionOpened, RecordKind::HttpRequest, RecordKind::HttpResponse,
                                RecordKind::Frame, RecordKind::Frame, RecordKind::Frame, RecordKind::Frame,
                                RecordKind::ConnectionClosed}));
    const CaptureRecord &opened = result.records[0];
    QCOMPARE(opened.note, QStringLiteral("127.0.0.1:50000"));
    QCOMPARE(opened.serverAddress, QStringLiteral("127.0.0.1:8002"));
    QCOMPARE(result.records[2].httpStatus, 101);
    QCOMPARE(result.records[2].transport, Transport::WebSocket);
    const CaptureRecord &clientHello = result.records[3];
    QCOMPARE(clientHello.direction, Direction::Inbound);
    QVERIFY(clientHello.frame->header.masked);
    QCOMPARE(clientHello.frame->payload, QByteArray("Hello"));
    QCOMPARE(clientHello.bytes(), maskedHello); // the wire, exactly
    QCOMPARE(result.records[4].direction, Direction::Outbound);
    QCOMPARE(result.records[4].frame->payload, QByteArray("Hello"));
    QCOMPARE(result.records[5].frame->header.opcode, Opcode::Close);
    QCOMPARE(result.records.last().closeCode, quint16(1000));
}

void TestConversationDissector::samePiecesWhateverTheSplit_data()
{
    QTest::addColumn<int>("pieceSize");
    for (int size : {1, 2, 3, 7, 13, 64})
        QTest::addRow("pieces of %d", size) << size;
}

void TestConversationDissector::samePiecesWhateverTheSplit()
{
    QFETCH(int, pieceSize);
    const Dissected whole = dissect(plainConversation());
    const Dissected pieces = dissect(plainConversation(), pieceSize);
    QCOMPARE(pieces.kinds(), whole.kinds());
    for (qsizetype i = 0; i < whole.records.size(); ++i)
        QCOMPARE(pieces.records[i].bytes(), whole.records[i].bytes());
}

void TestConversationDissector::brokenHeadIsDescribedTheSameWhateverTheSplit_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");
    // Something that is not HTTP, then more bytes of that direction.
    QTest::addRow("status line") << QByteArray("POST /send HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
                                 << QByteArray("HTTP/\xcf\xd1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                               "5\r\nhello\r\n0\r\n\r\n");
    QTest::addRow("chunk size") << QByteArray("GET / HTTP/1.1\r\n\r\n")
                                << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                              "zz\r\nhello, and much more after it\r\n");
}

// Regression (found by fuzz_conversation_dissector): the error record of a head that is not HTTP
// quoted whatever had been buffered when it was read, so the same stream read in other pieces was
// described with more or fewer of the bytes that followed it.
void TestConversationDissector::brokenHeadIsDescribedTheSameWhateverTheSplit()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);
    const QList<Step> steps{{Direction::Inbound, request}, {Direction::Outbound, response}};
    const Dissected whole = dissect(steps);
    const auto errors = whole.ofKind(RecordKind::ProtocolError);
    QCOMPARE(errors.size(), 1);
    QVERIFY(!errors[0]->note.isEmpty());
    for (const int size : {1, 6, 13}) {
        const Dissected pieces = dissect(steps, size);
        const auto split = pieces.ofKind(RecordKind::ProtocolError);
        QCOMPARE(split.size(), 1);
        QCOMPARE(split[0]->note, errors[0]->note);
    }
}

void TestConversationDissector::bytesAfterABrokenFrameAreCountedWhateverTheSplit_data()
{
    QTest::addColumn<int>("pieceSize");
    for (const int size : {0, 1, 3, 7})
        QTest::addRow("pieces of %d", size) << size;
}

// Regression (found by fuzz_conversation_dissector): the bytes that followed a frame header breaking a
// rule in the same piece were not counted as undecodable, those in later pieces were, so the
// record saying how many bytes could not be read depended on how the stream was cut.
void TestConversationDissector::bytesAfterABrokenFrameAreCountedWhateverTheSplit()
{
    QFETCH(int, pieceSize);
    // RSV1 without permessage-deflate (RFC 6455 §5.2), then seven more bytes; a good frame before it.
    const QByteArray broken = QByteArray::fromHex("c18537fa213d7f9f4d5158").first(6) + "1234567";
    const QList<Step> steps{{Direction::Inbound, upgradeRequest + "\r\n"},
                            {Direction::Outbound, upgradeResponse + "\r\n"},
                            {Direction::Inbound, maskedHello + broken}};
    const Dissected result = dissect(steps, pieceSize);
    QStringList undecodable;
    for (const CaptureRecord *record : result.ofKind(RecordKind::ProtocolError)) {
        if (record->streamError == StreamError::UndecodableAfterError)
            undecodable.append(record->note);
    }
    QCOMPARE(undecodable, QStringList{QStringLiteral("7 bytes")});
    QCOMPARE(result.ofKind(RecordKind::Frame).size(), 1);
}

void TestConversationDissector::clientFramesSentBeforeThe101ComeFirstWhateverTheSplit_data()
{
    QTest::addColumn<int>("pieceSize");
    for (const int size : {0, 1, 5})
        QTest::addRow("pieces of %d", size) << size;
}

// Regression (found by fuzz_conversation_dissector): a client frame sent right behind the upgrade
// request, before the server's 101, was recorded after the server's first frame when the 101 and
// that frame arrived in one piece, and before it when they arrived in several.
void TestConversationDissector::clientFramesSentBeforeThe101ComeFirstWhateverTheSplit()
{
    QFETCH(int, pieceSize);
    const QList<Step> steps{{Direction::Inbound, upgradeRequest + "\r\n" + maskedHello},
                            {Direction::Outbound, upgradeResponse + "\r\n" + unmaskedHello}};
    const Dissected result = dissect(steps, pieceSize);
    const auto frames = result.ofKind(RecordKind::Frame);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0]->direction, Direction::Inbound);
    QCOMPARE(frames[1]->direction, Direction::Outbound);
}

void TestConversationDissector::compressedMessagesInflateWithContextTakeover()
{
    // RFC 7692 §7.2.3.2: "Hello" twice with one sliding window; the second refers to the first.
    const QByteArray response = upgradeResponse + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
    const QByteArray first = QByteArray::fromHex("c107f248cdc9c90700");
    const QByteArray second = QByteArray::fromHex("c105f200110000");
    const Dissected result = dissect({{Direction::Inbound, upgradeRequest + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n"},
                                      {Direction::Outbound, response + first + second}});
    const auto frames = result.ofKind(RecordKind::Frame);
    QCOMPARE(frames.size(), 2);
    for (const CaptureRecord *frame : frames) {
        QVERIFY(frame->frame->header.rsv1);
        QCOMPARE(frame->inflatedPayload.value_or(QByteArray()), QByteArray("Hello"));
        QCOMPARE(frame->inflatedSize, 5);
    }
    QVERIFY(result.ofKind(RecordKind::ProtocolError).isEmpty());
}

void TestConversationDissector::wrongAcceptIsRecordedAsBrokenUpgrade()
{
    QByteArray response = upgradeResponse;
    response.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    const Dissected result = dissect({{Direction::Inbound, upgradeRequest + "\r\n"},
                                      {Direction::Outbound, response + "\r\n"}});
    const auto errors = result.ofKind(RecordKind::ProtocolError);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0]->streamError, std::optional(StreamError::UpgradeResponseInvalid));
    QVERIFY(errors[0]->note.contains(QStringLiteral("WrongAccept")));
}

void TestConversationDissector::refusedUpgradeLeavesTheConnectionHttp()
{
    const QByteArray refusal = "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nno\n";
    const QByteArray nextRequest = "GET /page HTTP/1.1\r\nHost: example.com\r\n\r\n";
    const Dissected result = dissect({{Direction::Inbound, upgradeRequest + "\r\n" + nextRequest},
                                      {Direction::Outbound, refusal}});
    QCOMPARE(result.kinds(),
             (QList<RecordKind>{RecordKind::ConnectionOpened, RecordKind::HttpRequest, RecordKind::HttpResponse,
                                RecordKind::HttpRequest, RecordKind::ConnectionClosed}));
    QCOMPARE(result.records[2].httpStatus, 400);
    QVERIFY(result.records[3].wireBytes.startsWith("GET /page"));
    QCOMPARE(result.records.last().closeCode, quint16(0));
}

void TestConversationDissector::keepAliveRequestsWithLengthAndChunkedBodies()
{
    const QByteArray requests = "POST /send HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                                "GET /poll HTTP/1.1\r\nHost: h\r\n\r\n";
    const QByteArray responses = "HTTP/1.1 204 No Content\r\n\r\n"
                                 "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    for (int pieceSize : {0, 1, 5}) {
        const Dissected result = dissect({{Direction::Inbound, requests}, {Direction::Outbound, responses}}, pieceSize);
        const auto requestRecords = result.ofKind(RecordKind::HttpRequest);
        const auto responseRecords = result.ofKind(RecordKind::HttpResponse);
        QCOMPARE(requestRecords.size(), 2);
        QCOMPARE(responseRecords.size(), 2);
        QVERIFY(requestRecords[0]->wireBytes.endsWith("hello"));
        QCOMPARE(responseRecords[1]->httpStatus, 200);
        QVERIFY(responseRecords[1]->wireBytes.endsWith("0\r\n\r\n"));
        QVERIFY(result.ofKind(RecordKind::ProtocolError).isEmpty());
    }
}

void TestConversationDissector::maskedServerFrameIsAnError()
{
    // RFC 6455 §5.1: a client fails the connection when a server frame is masked.
    const Dissected result = dissect({{Direction::Inbound, upgradeRequest + "\r\n"},
                                      {Direction::Outbound, upgradeResponse + "\r\n" + maskedHello}});
    const auto errors = result.ofKind(RecordKind::ProtocolError);
    QCOMPARE(errors.size(), 2); // the masked header, then its payload: five bytes not decoded
    QVERIFY(errors[0]->decodeError.has_value());
    QCOMPARE(errors[0]->direction, Direction::Outbound);
    QCOMPARE(errors[1]->streamError, std::optional(StreamError::UndecodableAfterError));
    QCOMPARE(errors[1]->note, QStringLiteral("5 bytes"));
    QVERIFY(result.ofKind(RecordKind::Frame).isEmpty());
}

void TestConversationDissector::gapInsidePayloadResynchronises()
{
    CaptureBatch records;
    ConversationDissector dissector(1, {});
    dissector.feed(Direction::Inbound, upgradeRequest + "\r\n", 1, records);
    dissector.feed(Direction::Outbound, upgradeResponse + "\r\n", 2, records);
    QByteArray message = QByteArray::fromHex("827e0100") + QByteArray(256, 'x'); // 256-byte binary
    dissector.feed(Direction::Outbound, QByteArrayView(message).first(100), 3, records);
    dissector.skip(Direction::Outbound, 60, 4, records); // payload bytes 96..155 lost
    dissector.feed(Direction::Outbound, QByteArrayView(message).sliced(160), 5, records);
    dissector.feed(Direction::Outbound, unmaskedHello, 6, records);
    QList<RecordKind> kinds;
    for (const auto &record : records)
        kinds.append(record.kind);
    QCOMPARE(kinds.mid(2), (QList<RecordKind>{RecordKind::StreamGap, RecordKind::Frame, RecordKind::Frame}));
    QCOMPARE(records[2].missed, 60u);
    QCOMPARE(records[3].frame->payload.size(), 256);
    QCOMPARE(records[3].frame->payload.mid(96, 60), QByteArray(60, '\0'));
    QCOMPARE(records[4].frame->payload, QByteArray("Hello"));
}

void TestConversationDissector::gapAcrossHeadersStopsTheDirection()
{
    CaptureBatch records;
    ConversationDissector dissector(1, {});
    dissector.feed(Direction::Inbound, upgradeRequest + "\r\n", 1, records);
    dissector.feed(Direction::Outbound, upgradeResponse + "\r\n" + unmaskedHello, 2, records);
    dissector.skip(Direction::Outbound, 10, 3, records); // between frames: where is the next header?
    dissector.feed(Direction::Outbound, unmaskedHello, 4, records);
    dissector.close(5, records);
    int frames = 0;
    bool stopped = false;
    for (const auto &record : records) {
        frames += record.kind == RecordKind::Frame;
        stopped |= record.streamError == StreamError::BytesMissing;
    }
    QCOMPARE(frames, 1); // never garbage decoded after the gap
    QVERIFY(stopped);
}

void TestConversationDissector::startAsWebSocketReadsFramesFromTheFirstByte()
{
    ConversationDissector::Options options;
    options.startAsWebSocket = true;
    const Dissected result = dissect({{Direction::Inbound, maskedHello}, {Direction::Outbound, unmaskedHello}}, 0, options);
    const auto frames = result.ofKind(RecordKind::Frame);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0]->frame->payload, QByteArray("Hello"));
    QCOMPARE(frames[1]->frame->payload, QByteArray("Hello"));
}

void TestConversationDissector::connectionWithoutCloseFrameClosesWith1006()
{
    const Dissected result = dissect({{Direction::Inbound, upgradeRequest + "\r\n"},
                                      {Direction::Outbound, upgradeResponse + "\r\n" + unmaskedHello}});
    QCOMPARE(result.records.last().kind, RecordKind::ConnectionClosed);
    QCOMPARE(result.records.last().closeCode, quint16(1006));
}

QTEST_GUILESS_MAIN(TestConversationDissector)
#include "tst_conversationdissector.moc"
