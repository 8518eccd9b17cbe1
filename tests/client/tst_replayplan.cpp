#include "client/replayplan.h"

#include "capture/capturestream.h"
#include "capture/hostsocketaddress.h"
#include "capture/liverecorder.h"
#include "server/protocol/acceptderivation.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/permessagedeflate.h"

#include <QHostAddress>
#include <QTest>

using namespace wslab;
using namespace wslab::client;
using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using protocol::FrameEncoder;
using protocol::Opcode;

namespace {

constexpr quint64 connectionId = 7;
constexpr qint64 secondNs = 1'000'000'000;
const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";

protocol::MaskKey maskKey(quint8 seed)
{
    return {seed, quint8(seed + 1), quint8(seed + 2), quint8(seed + 3)};
}

// One recorded connection, made by the capture layer's own dissector from the bytes both ends sent,
// one second apart.
class Conversation
{
public:
    explicit Conversation(const QByteArray &agreedExtensions = {}, int status = 101) : m_recorder(&m_stream)
    {
        QObject::connect(&m_stream, &capture::CaptureStream::batchReady,
                         [this](const capture::CaptureBatch &batch) { m_records += batch; });
        m_recorder.connectionOpened(connectionId, capture::socketAddressOf(QHostAddress::LocalHost, 50000),
                                    capture::socketAddressOf(QHostAddress::LocalHost, 8080), tick(), true);
        client("GET /chat?room=1 HTTP/1.1\r\nHost: example.test:8080\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
               "Origin: http://example.test\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
               "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
        QByteArray answer = status == 101
                ? "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: " + protocol::deriveAccept(key).accept + "\r\nSec-WebSocket-Protocol: chat\r\n"
                : "HTTP/1.1 " + QByteArray::number(status) + " No\r\nContent-Length: 0\r\n";
        if (!agreedExtensions.isEmpty())
            answer += "Sec-WebSocket-Extensions: " + agreedExtensions + "\r\n";
        server(answer + "\r\n");
    }

    void client(const QByteArray &bytes) { m_recorder.bytesReceived(connectionId, Direction::Inbound, bytes, tick()); }
    void server(const QByteArray &bytes) { m_recorder.bytesReceived(connectionId, Direction::Outbound, bytes, tick()); }

    QList<CaptureRecord> records()
    {
        m_recorder.connectionClosed(connectionId, tick());
        m_stream.flush();
        return m_records;
    }

private:
    qint64 tick() { return m_timeNs += secondNs; }

    capture::CaptureStream m_stream;
    capture::LiveRecorder m_recorder;
    QList<CaptureRecord> m_records;
    qint64 m_timeNs = 0;
};

// The client's frames of a plain conversation, in the order sent: a text message in two fragments
// with a ping between them, a binary message, a text message, the close, and a frame after the
// close. The server echoes in between.
QList<QByteArray> plainClientFrames()
{
    return {
        FrameEncoder::encode(Opcode::Text, "Hel", false, maskKey(1)),
        FrameEncoder::encode(Opcode::Ping, "p", true, maskKey(2)),
        FrameEncoder::encode(Opcode::Continuation, "lo", true, maskKey(3)),
        FrameEncoder::encode(Opcode::Binary, QByteArray("\x01\x02", 2), true, maskKey(4)),
        FrameEncoder::encode(Opcode::Text, "second", true, maskKey(5)),
        FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(1000), true, maskKey(6)),
        FrameEncoder::encode(Opcode::Text, "after the close", true, maskKey(7)),
    };
}

QList<CaptureRecord> plainConversation()
{
    Conversation conversation;
    const QList<QByteArray> frames = plainClientFrames();
    for (qsizetype i = 0; i < frames.size(); ++i) {
        conversation.client(frames.at(i));
        if (i == 2)
            conversation.server(FrameEncoder::encode(Opcode::Text, "Hello"));
    }
    conversation.server(FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(1000)));
    return conversation.records();
}

// The records of the client's frames, in order, and the server's frames.
QList<const CaptureRecord *> framesOf(const QList<CaptureRecord> &records, Direction direction)
{
    QList<const CaptureRecord *> frames;
    for (const CaptureRecord &record : records) {
        if (record.kind == RecordKind::Frame && record.direction == direction)
            frames.append(&record);
    }
    return frames;
}

const ReplayPlan &planOf(const std::variant<ReplayPlan, ReplayPlanError> &built)
{
    static const ReplayPlan none;
    if (const auto *error = std::get_if<ReplayPlanError>(&built)) {
        qWarning("plan failed: %s", replayPlanErrorReason(*error));
        return none;
    }
    return std::get<ReplayPlan>(built);
}

// The messages a new connection's server reads from the plan's steps, inflated as it would.
QList<QByteArray> messagesServerReads(const ReplayPlan &plan)
{
    protocol::DecoderOptions options;
    options.rsv1Allowed = true;
    protocol::FrameDecoder decoder(options);
    QList<protocol::DecodedFrame> frames;
    for (const ReplayStep &step : plan.steps)
        (void)decoder.feed(step.bytes, frames);
    protocol::PerMessageDeflate deflate(plan.deflate.value_or(protocol::DeflateParameters{}), protocol::Role::Server);
    QList<QByteArray> messages;
    QByteArray current;
    bool compressed = false;
    for (const protocol::DecodedFrame &frame : frames) {
        if (protocol::isControl(frame.header.opcode))
            continue;
        if (frame.header.opcode != Opcode::Continuation)
            compressed = frame.header.rsv1;
        current += frame.payload;
        if (!frame.header.fin)
            continue;
        if (compressed) {
            auto inflated = deflate.decompress(current, 1 << 20);
            messages.append(std::holds_alternative<QByteArray>(inflated) ? std::get<QByteArray>(inflated)
                                                                         : QByteArray("<inflate failed>"));
        } else {
            messages.append(current);
        }
        current.clear();
    }
    return messages;
}

} // namespace

class tst_ReplayPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectionBecomesTheClientFramesInOrder_data();
    void selectionBecomesTheClientFramesInOrder();
    void stepsKeepTheRecordedGaps();
    void handshakeComesFromTheRecordedRequestAndAnswer();
    void unreplayableSelectionsAreRefusedWithTheirReason_data();
    void unreplayableSelectionsAreRefusedWithTheirReason();
    void compressedMessagesAreSentAsRecordedOrCompressedAnew_data();
    void compressedMessagesAreSentAsRecordedOrCompressedAnew();
    void framesBuiltFromMessagesAreEncodedAndMasked();
    void requestForNamesTheNewServerWithANewKey_data();
    void requestForNamesTheNewServerWithANewKey();
    void firstWebSocketConnectionIsTheFirstUpgraded();
};

void tst_ReplayPlan::selectionBecomesTheClientFramesInOrder_data()
{
    QTest::addColumn<ReplayScope>("scope");
    QTest::addColumn<QList<int>>("selectedClientFrames");
    QTest::addColumn<QList<int>>("expectedClientFrames");

    QTest::addRow("connection: every client frame up to its close")
            << ReplayScope::Connection << QList<int>{} << QList<int>{0, 1, 2, 3, 4, 5};
    QTest::addRow("frames: only those picked") << ReplayScope::Frames << QList<int>{2, 4} << QList<int>{2, 4};
    QTest::addRow("frames: a lone fragment stays alone") << ReplayScope::Frames << QList<int>{0} << QList<int>{0};
    QTest::addRow("messages: a fragment brings its message and the ping sent between")
            << ReplayScope::Messages << QList<int>{2} << QList<int>{0, 1, 2};
    QTest::addRow("messages: a ping picked alone is itself") << ReplayScope::Messages << QList<int>{1} << QList<int>{1};
    QTest::addRow("messages: two whole messages") << ReplayScope::Messages << QList<int>{4, 3} << QList<int>{3, 4};
    QTest::addRow("messages: the close picked") << ReplayScope::Messages << QList<int>{5} << QList<int>{5};
}

void tst_ReplayPlan::selectionBecomesTheClientFramesInOrder()
{
    QFETCH(ReplayScope, scope);
    QFETCH(QList<int>, selectedClientFrames);
    QFETCH(QList<int>, expectedClientFrames);
    const QList<CaptureRecord> records = plainConversation();
    const QList<const CaptureRecord *> clientFrames = framesOf(records, Direction::Inbound);
    QCOMPARE(clientFrames.size(), plainClientFrames().size());
    QSet<quint64> selected;
    for (const int index : selectedClientFrames)
        selected.insert(clientFrames.at(index)->id);
    // A server frame in the selection adds nothing: a replay sends the client's side.
    selected.insert(framesOf(records, Direction::Outbound).constFirst()->id);

    const auto built = ReplayPlan::build(records, connectionId, scope, selected);
    QVERIFY(std::holds_alternative<ReplayPlan>(built));
    const ReplayPlan &plan = planOf(built);
    QList<int> sent;
    for (const ReplayStep &step : plan.steps) {
        const auto it = std::find_if(clientFrames.begin(), clientFrames.end(),
                                     [&](const CaptureRecord *record) { return record->id == step.sourceRecordId; });
        QVERIFY(it != clientFrames.end());
        QCOMPARE(step.bytes, (*it)->bytes()); // the recorded bytes: key, FIN, length form as they were
        QCOMPARE(step.opcode, (*it)->frame->header.opcode);
        QVERIFY(!step.recompressed && !step.rebuilt);
        sent.append(int(it - clientFrames.begin()));
    }
    QCOMPARE(sent, expectedClientFrames);
    QCOMPARE(plan.sendsClose(), expectedClientFrames.contains(5));
}

void tst_ReplayPlan::stepsKeepTheRecordedGaps()
{
    const QList<CaptureRecord> records = plainConversation();
    const ReplayPlan plan = planOf(ReplayPlan::build(records, connectionId, ReplayScope::Connection));
    QVERIFY(!plan.steps.isEmpty());
    auto timeOf = [&](quint64 id) {
        return std::find_if(records.begin(), records.end(), [id](const CaptureRecord &r) { return r.id == id; })->timeNs;
    };
    const auto answer = std::find_if(records.begin(), records.end(),
                                     [](const CaptureRecord &r) { return r.kind == RecordKind::HttpResponse; });
    // A whole connection starts as long after the 101 as it did.
    QCOMPARE(plan.steps.constFirst().delayNs, timeOf(plan.steps.constFirst().sourceRecordId) - answer->timeNs);
    for (qsizetype i = 1; i < plan.steps.size(); ++i) {
        QCOMPARE(plan.steps.at(i).delayNs,
                 timeOf(plan.steps.at(i).sourceRecordId) - timeOf(plan.steps.at(i - 1).sourceRecordId));
        QVERIFY(plan.steps.at(i).delayNs >= secondNs);
    }
    // A selection starts at once.
    const QSet<quint64> selected{plan.steps.at(3).sourceRecordId, plan.steps.at(4).sourceRecordId};
    const ReplayPlan part = planOf(ReplayPlan::build(records, connectionId, ReplayScope::Frames, selected));
    QCOMPARE(part.steps.size(), 2);
    QCOMPARE(part.steps.at(0).delayNs, 0);
    QCOMPARE(part.steps.at(1).delayNs, plan.steps.at(4).delayNs);
}

void tst_ReplayPlan::handshakeComesFromTheRecordedRequestAndAnswer()
{
    const ReplayPlan plan = planOf(ReplayPlan::build(plainConversation(), connectionId, ReplayScope::Connection));
    QCOMPARE(plan.request.method, QByteArray("GET"));
    QCOMPARE(plan.request.target, QByteArray("/chat?room=1"));
    QCOMPARE(plan.request.value("Origin"), QByteArray("http://example.test"));
    QCOMPARE(plan.offeredSubprotocols(), (QList<QByteArray>{"chat", "superchat"}));
    QCOMPARE(plan.offeredExtensions(), QList<QByteArray>{"permessage-deflate; client_max_window_bits"});
    QCOMPARE(plan.recordedSubprotocol, QByteArray("chat"));
    QVERIFY(plan.recordedExtensions.isEmpty());
    QVERIFY(!plan.deflate);
}

void tst_ReplayPlan::unreplayableSelectionsAreRefusedWithTheirReason_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<ReplayScope>("scope");
    QTest::addColumn<ReplayPlanError>("expected");

    QTest::addRow("another connection") << "connection" << ReplayScope::Connection << ReplayPlanError::NoConnection;
    QTest::addRow("capture began after the request")
            << "request" << ReplayScope::Connection << ReplayPlanError::NoUpgradeRequest;
    QTest::addRow("answered 403") << "403" << ReplayScope::Connection << ReplayPlanError::NotUpgraded;
    QTest::addRow("only a server frame picked") << "server" << ReplayScope::Frames << ReplayPlanError::NoClientFrames;
    QTest::addRow("only the frame after the close picked")
            << "after close" << ReplayScope::Frames << ReplayPlanError::NoClientFrames;
    QTest::addRow("a payload cut to the capture's cap")
            << "truncated" << ReplayScope::Connection << ReplayPlanError::FrameTruncated;
}

void tst_ReplayPlan::unreplayableSelectionsAreRefusedWithTheirReason()
{
    QFETCH(QString, damage);
    QFETCH(ReplayScope, scope);
    QFETCH(ReplayPlanError, expected);
    QList<CaptureRecord> records;
    if (damage == QLatin1String("403")) {
        Conversation refused({}, 403);
        records = refused.records();
    } else {
        records = plainConversation();
    }
    quint64 connection = connectionId;
    QSet<quint64> selected;
    const QList<const CaptureRecord *> clientFrames = framesOf(records, Direction::Inbound);
    if (damage == QLatin1String("connection"))
        connection = connectionId + 1;
    else if (damage == QLatin1String("request"))
        records.removeIf([](const CaptureRecord &r) { return r.kind == RecordKind::HttpRequest; });
    else if (damage == QLatin1String("server"))
        selected.insert(framesOf(records, Direction::Outbound).constFirst()->id);
    else if (damage == QLatin1String("after close"))
        selected.insert(clientFrames.constLast()->id);
    else if (damage == QLatin1String("truncated"))
        std::find_if(records.begin(), records.end(), [](const CaptureRecord &r) {
            return r.kind == RecordKind::Frame;
        })->truncatedFrom = 1'000'000;

    const auto built = ReplayPlan::build(records, connection, scope, selected);
    QVERIFY(std::holds_alternative<ReplayPlanError>(built));
    QCOMPARE(std::get<ReplayPlanError>(built), expected);
    QVERIFY(*replayPlanErrorReason(expected) != '\0');
}

void tst_ReplayPlan::compressedMessagesAreSentAsRecordedOrCompressedAnew_data()
{
    QTest::addColumn<bool>("noContextTakeover");
    QTest::addColumn<ReplayScope>("scope");
    QTest::addColumn<QList<int>>("selectedMessages"); // of the three compressed messages
    QTest::addColumn<bool>("expectRecompressed");

    QTest::addRow("context takeover, whole connection: as recorded")
            << false << ReplayScope::Connection << QList<int>{} << false;
    QTest::addRow("context takeover, the first message: as recorded")
            << false << ReplayScope::Messages << QList<int>{0} << false;
    QTest::addRow("context takeover, from the second message: compressed anew")
            << false << ReplayScope::Messages << QList<int>{1, 2} << true;
    QTest::addRow("context takeover, first and third: compressed anew")
            << false << ReplayScope::Messages << QList<int>{0, 2} << true;
    QTest::addRow("client_no_context_takeover, the third message: as recorded")
            << true << ReplayScope::Messages << QList<int>{2} << false;
}

// RFC 7692 §7.2.3.3: with context takeover the second and third messages refer back to the first;
// whatever is replayed, a new connection's server must inflate the messages the client sent.
void tst_ReplayPlan::compressedMessagesAreSentAsRecordedOrCompressedAnew()
{
    QFETCH(bool, noContextTakeover);
    QFETCH(ReplayScope, scope);
    QFETCH(QList<int>, selectedMessages);
    QFETCH(bool, expectRecompressed);
    protocol::DeflateParameters parameters;
    parameters.clientNoContextTakeover = noContextTakeover;
    Conversation conversation(noContextTakeover ? "permessage-deflate; client_no_context_takeover"
                                                : "permessage-deflate");
    protocol::PerMessageDeflate compressor(parameters, protocol::Role::Client);
    const QList<QByteArray> messages{"hello hello hello, WebSocket", "hello hello hello, again and again",
                                     "hello hello hello, a third time"};
    quint8 seed = 10;
    for (const QByteArray &message : messages) {
        const QByteArray payload = compressor.compress(message);
        const qsizetype half = payload.size() / 2;
        // Two fragments, RSV1 on the first only (RFC 7692 §6.1), a ping between them.
        conversation.client(FrameEncoder::encode(Opcode::Text, payload.left(half), false, maskKey(seed++), true));
        conversation.client(FrameEncoder::encode(Opcode::Ping, "between", true, maskKey(seed++)));
        conversation.client(FrameEncoder::encode(Opcode::Continuation, payload.mid(half), true, maskKey(seed++)));
    }
    conversation.client(FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(1000), true, maskKey(seed++)));
    const QList<CaptureRecord> records = conversation.records();
    const QList<const CaptureRecord *> clientFrames = framesOf(records, Direction::Inbound);
    QSet<quint64> selected;
    QList<QByteArray> expectedMessages;
    for (const int message : selectedMessages) {
        selected.insert(clientFrames.at(message * 3)->id);
        expectedMessages.append(messages.at(message));
    }
    if (scope == ReplayScope::Connection)
        expectedMessages = messages;

    const auto built = ReplayPlan::build(records, connectionId, scope, selected);
    QVERIFY(std::holds_alternative<ReplayPlan>(built));
    const ReplayPlan &plan = planOf(built);
    QCOMPARE(plan.recompressed, expectRecompressed);
    QCOMPARE(plan.deflate, parameters);
    QCOMPARE(messagesServerReads(plan), expectedMessages);
    for (const ReplayStep &step : plan.steps) {
        const auto source = *std::find_if(clientFrames.begin(), clientFrames.end(),
                                          [&](const CaptureRecord *r) { return r->id == step.sourceRecordId; });
        const auto frame = protocol::FrameDecoder::readFrame(step.bytes);
        QVERIFY(frame);
        // Compressed anew or not, each frame keeps its FIN, RSV1, opcode and masking key.
        QCOMPARE(frame->header.fin, source->frame->header.fin);
        QCOMPARE(frame->header.rsv1, source->frame->header.rsv1);
        QCOMPARE(frame->header.opcode, source->frame->header.opcode);
        QCOMPARE(frame->header.maskKey, source->frame->header.maskKey);
        if (step.recompressed)
            QCOMPARE(step.originalBytes, source->bytes());
        else
            QCOMPARE(step.bytes, source->bytes());
    }
}

void tst_ReplayPlan::framesBuiltFromMessagesAreEncodedAndMasked()
{
    QList<CaptureRecord> records = plainConversation();
    auto frame = std::find_if(records.begin(), records.end(), [](const CaptureRecord &r) {
        return r.kind == RecordKind::Frame && r.direction == Direction::Inbound;
    });
    frame->reconstructed = true; // as a HAR file's message becomes a frame
    const ReplayPlan plan = planOf(ReplayPlan::build(records, connectionId, ReplayScope::Frames, {frame->id}));
    QCOMPARE(plan.steps.size(), 1);
    QVERIFY(plan.rebuilt && plan.steps.constFirst().rebuilt);
    const auto sent = protocol::FrameDecoder::readFrame(plan.steps.constFirst().bytes);
    QVERIFY(sent);
    QVERIFY(sent->header.masked); // RFC 6455 §5.3: a client frame is masked
    QCOMPARE(sent->payload, frame->frame->payload);
    QCOMPARE(sent->header.opcode, frame->frame->header.opcode);
    QCOMPARE(sent->header.fin, frame->frame->header.fin);
}

void tst_ReplayPlan::requestForNamesTheNewServerWithANewKey_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("expectedRequestLine");
    QTest::addColumn<QByteArray>("expectedHost");

    QTest::addRow("root URL keeps the recorded path")
            << "ws://127.0.0.1:9001/" << QByteArray("GET /chat?room=1 HTTP/1.1") << QByteArray("127.0.0.1:9001");
    QTest::addRow("a path in the URL replaces it")
            << "ws://localhost:9002/other?x=2" << QByteArray("GET /other?x=2 HTTP/1.1") << QByteArray("localhost:9002");
    QTest::addRow("wss default port") << "wss://example.test/" << QByteArray("GET /chat?room=1 HTTP/1.1")
                                      << QByteArray("example.test");
}

void tst_ReplayPlan::requestForNamesTheNewServerWithANewKey()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, expectedRequestLine);
    QFETCH(QByteArray, expectedHost);
    const ReplayPlan plan = planOf(ReplayPlan::build(plainConversation(), connectionId, ReplayScope::Connection));
    const QByteArray newKey = "AQIDBAUGBwgJCgsMDQ4PEA==";
    const QByteArray request = plan.requestFor(std::get<ServerUrl>(ServerUrl::parse(target)), newKey);
    QVERIFY(request.endsWith("\r\n\r\n"));
    const QList<QByteArray> lines = request.chopped(4).split('\n');
    QCOMPARE(lines.constFirst().trimmed(), expectedRequestLine);
    QList<QByteArray> names;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const QByteArray name = line.left(line.indexOf(':'));
        const QByteArray value = line.mid(line.indexOf(':') + 1).trimmed();
        names.append(name);
        if (name == "Host")
            QCOMPARE(value, expectedHost);
        else if (name == "Sec-WebSocket-Key")
            QCOMPARE(value, newKey);
        else
            QCOMPARE(value, plan.request.value(name));
    }
    QList<QByteArray> recordedNames;
    for (const auto &header : plan.request.headers)
        recordedNames.append(header.name);
    QCOMPARE(names, recordedNames); // every field, in the recorded order
}

void tst_ReplayPlan::firstWebSocketConnectionIsTheFirstUpgraded()
{
    Conversation refused({}, 403);
    QList<CaptureRecord> records = refused.records();
    for (CaptureRecord &record : records)
        record.connectionId = 3;
    records += plainConversation();
    QCOMPARE(ReplayPlan::firstWebSocketConnection(records), std::optional<quint64>(connectionId));
    QCOMPARE(ReplayPlan::firstWebSocketConnection(refused.records()), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_ReplayPlan)
#include "tst_replayplan.moc"
