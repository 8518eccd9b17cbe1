#include "proxy/proxytestsupport.h"

#include "capture/capturefilewriter.h"
#include "capture/capturejsonformatter.h"
#include "capture/savedsessionreader.h"
#include "proxy/framehold.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <functional>

using namespace wslab::test;

Q_DECLARE_METATYPE(std::function<void(wslab::proxy::FrameEdit &)>)

// The intercept, through a real proxy in front of Python's websockets (an upstream this project did
// not write), with a raw client speaking exact bytes: held frames forwarded, dropped, edited and
// injected in both directions, a compressed connection edited, a full queue holding the sender
// back, and what the capture shows of each.
class tst_FrameHold : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void heldFramesGoOutAsTheyCame();
    void droppedFrameNeverReachesTheReceiver();
    void editedPayloadReachesTheReceiver_data();
    void editedPayloadReachesTheReceiver();
    void editedHeaderMeetsThePeersRule_data();
    void editedHeaderMeetsThePeersRule();
    void injectedFramesReachBothEnds();
    void wrongLengthIsWrittenAsAsked();
    void compressedMessageIsEditedAndRecompressed();
    void fullQueueHoldsTheSenderBack();
    void interceptOffForwardsWhatIsHeldInOrder();
    void interventionsSurviveSavingAndJson();
};

namespace {

constexpr quint64 firstConnection = 1;

// Python's websockets (Debian's python3-websockets) echoing every message, with or without
// permessage-deflate, keepalive pings off so that only the conversation crosses the wire.
const char upstreamScript[] = R"(
import asyncio, sys, websockets
async def handler(ws, *_):
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.exceptions.ConnectionClosed:
        pass
async def main():
    compression = "deflate" if sys.argv[1] == "deflate" else None
    async with websockets.serve(handler, "127.0.0.1", 0, compression=compression, max_size=None,
                                ping_interval=None) as server:
        print("ready", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(600)
asyncio.run(main())
)";

class WebsocketsUpstream
{
public:
    explicit WebsocketsUpstream(bool deflate = false)
    {
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        {QStringLiteral("-c"), QString::fromLatin1(upstreamScript),
                         deflate ? QStringLiteral("deflate") : QStringLiteral("plain")});
    }
    ~WebsocketsUpstream()
    {
        m_process.kill();
        m_process.waitForFinished(waitMs);
    }
    // Waits for "ready PORT".
    bool waitForReady()
    {
        if (!QTest::qWaitFor([&] { return m_process.canReadLine(); }, 3 * waitMs))
            return false;
        const QList<QByteArray> words = m_process.readLine().trimmed().split(' ');
        m_port = words.size() == 2 && words[0] == "ready" ? quint16(words[1].toUInt()) : 0;
        return m_port != 0;
    }
    [[nodiscard]] quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

ProxySettings interceptSettings(quint16 upstreamPort)
{
    ProxySettings settings = proxySettings(upstreamPort);
    settings.intercept = true;
    return settings;
}

HeldFrame heldAt(const QSignalSpy &spy, qsizetype i)
{
    return qvariant_cast<HeldFrame>(spy.at(i).at(1));
}

// The frame records of one direction, in capture order.
QList<CaptureRecord> framesOf(TestProxy &t, Direction direction)
{
    QList<CaptureRecord> out;
    for (const CaptureRecord &record : t.ofKind(RecordKind::Frame)) {
        if (record.direction == direction)
            out.append(record);
    }
    return out;
}

// A proxy with intercept in front of a fresh websockets echo, and a client upgraded through it.
struct Relay
{
    explicit Relay(bool deflate = false, ProxySettings settings = {})
        : upstream(deflate)
    {
        ready = upstream.waitForReady();
        ProxySettings s = interceptSettings(upstream.port());
        s.maxHeldFrames = settings.maxHeldFrames;
        s.maxHeldBytes = settings.maxHeldBytes;
        s.maxBufferedBytes = settings.maxBufferedBytes;
        t = std::make_unique<TestProxy>(s);
        ready = ready && t->start();
        held = std::make_unique<QSignalSpy>(t->proxy.get(), &ProxyServer::frameHeld);
    }
    bool upgrade(const QByteArray &offer = {})
    {
        return offer.isEmpty() ? client.upgrade(t->port(), "/") : client.upgradeWithDeflate(t->port(), "/", offer);
    }
    // Waits for the n-th held frame (counting from 1).
    std::optional<HeldFrame> waitForHeld(qsizetype n)
    {
        if (!QTest::qWaitFor([&] { return held->size() >= n; }, waitMs))
            return std::nullopt;
        return heldAt(*held, n - 1);
    }

    WebsocketsUpstream upstream;
    std::unique_ptr<TestProxy> t;
    std::unique_ptr<QSignalSpy> held;
    RawPeer client;
    bool ready = false;
};

FrameEdit textFrame(const QByteArray &payload, bool masked)
{
    FrameEdit edit;
    edit.header.opcode = Opcode::Text;
    edit.header.masked = masked;
    edit.header.maskKey = {0x11, 0x22, 0x33, 0x44};
    edit.payload = payload;
    return edit;
}

} // namespace

// Held both ways and forwarded unchanged: each receiver gets exactly the bytes its sender wrote,
// and the capture shows them unmarked.
void tst_FrameHold::heldFramesGoOutAsTheyCame()
{
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    r.t->proxy->setInterceptNewConnections(Direction::Outbound, true);
    QVERIFY(r.upgrade());
    const QByteArray sent = RawPeer::clientFrame(Opcode::Text, "Hello");
    r.client.send(sent);
    const auto request = r.waitForHeld(1);
    QVERIFY(request);
    QCOMPARE(request->direction, Direction::Inbound);
    QCOMPARE(request->frame.wireBytes(), sent);
    QCOMPARE(r.t->proxy->heldFrames(firstConnection, Direction::Inbound).size(), 1);
    QVERIFY(r.t->proxy->forwardHeld(firstConnection, Direction::Inbound, request->id));
    QVERIFY(!r.t->proxy->forwardHeld(firstConnection, Direction::Inbound, request->id)); // not held any more

    const auto echo = r.waitForHeld(2);
    QVERIFY(echo);
    QCOMPARE(echo->direction, Direction::Outbound);
    QCOMPARE(echo->frame.payload, QByteArray("Hello"));
    QVERIFY(r.client.received.isEmpty()); // the echo is held: nothing reached the browser
    QVERIFY(r.t->proxy->forwardHeld(firstConnection, Direction::Outbound, echo->id));
    QVERIFY(r.client.waitForBytes(echo->frame.wireSize()));
    QCOMPARE(r.client.received, echo->frame.wireBytes());

    QTRY_COMPARE_WITH_TIMEOUT(framesOf(*r.t, Direction::Outbound).size(), 1, waitMs);
    const CaptureRecord inbound = framesOf(*r.t, Direction::Inbound).constFirst();
    QCOMPARE(inbound.bytes(), sent);
    QVERIFY(!inbound.modified);
    QVERIFY(!inbound.intervention);
    QCOMPARE(framesOf(*r.t, Direction::Outbound).constFirst().bytes(), echo->frame.wireBytes());
}

// Of three held messages the middle one is dropped: the upstream echoes the other two, and the
// capture still shows the dropped one, marked, with its bytes.
void tst_FrameHold::droppedFrameNeverReachesTheReceiver()
{
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());
    const QList<QByteArray> words{"one", "two", "three"};
    for (const QByteArray &word : words)
        r.client.sendFrame(Opcode::Text, word);
    QVERIFY(r.waitForHeld(3));
    QVERIFY(r.t->proxy->forwardHeld(firstConnection, Direction::Inbound, heldAt(*r.held, 0).id));
    QVERIFY(r.t->proxy->dropHeld(firstConnection, Direction::Inbound, heldAt(*r.held, 1).id));
    QVERIFY(r.t->proxy->forwardHeld(firstConnection, Direction::Inbound, heldAt(*r.held, 2).id));
    const auto first = r.client.nextMessage();
    const auto second = r.client.nextMessage();
    QVERIFY(first && second);
    QCOMPARE(first->payload, QByteArray("one"));
    QCOMPARE(second->payload, QByteArray("three"));

    const QList<CaptureRecord> inbound = framesOf(*r.t, Direction::Inbound);
    QCOMPARE(inbound.size(), 3);
    QVERIFY(!inbound.at(0).modified);
    const CaptureRecord &dropped = inbound.at(1);
    QVERIFY(dropped.modified);
    QVERIFY(dropped.intervention);
    QCOMPARE(dropped.intervention->action, FrameIntervention::Action::Dropped);
    QCOMPARE(dropped.intervention->originalBytes, RawPeer::clientFrame(Opcode::Text, "two"));
    QCOMPARE(dropped.frame->payload, QByteArray("two"));
    QVERIFY(dropped.note.contains(QLatin1String("never got it")));
    QCOMPARE(inbound.at(2).frame->payload, QByteArray("three"));
}

void tst_FrameHold::editedPayloadReachesTheReceiver_data()
{
    QTest::addColumn<bool>("hex");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("opcode");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("text") << false << QStringLiteral("HELLO, 世界") << int(Opcode::Text)
                          << QStringLiteral("HELLO, 世界").toUtf8();
    QTest::addRow("hex, text to binary") << true << QStringLiteral("00 ff:10 7f") << int(Opcode::Binary)
                                         << QByteArray::fromHex("00ff107f");
}

// A held frame replaced by one with another payload (typed as text or as hex): the upstream echoes
// the new payload, and the record shows the forwarded bytes beside the original ones.
void tst_FrameHold::editedPayloadReachesTheReceiver()
{
    QFETCH(bool, hex);
    QFETCH(QString, typed);
    QFETCH(int, opcode);
    QFETCH(QByteArray, expected);
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());
    const QByteArray sent = RawPeer::clientFrame(Opcode::Text, "hello");
    r.client.send(sent);
    const auto held = r.waitForHeld(1);
    QVERIFY(held);
    FrameEdit edit = FrameEdit::of(held->frame);
    edit.header.opcode = Opcode(opcode);
    if (hex)
        QVERIFY(edit.setPayloadHex(typed));
    else
        edit.setPayloadText(typed);
    QVERIFY(r.t->proxy->replaceHeld(firstConnection, Direction::Inbound, held->id, edit));
    const auto echo = r.client.nextMessage();
    QVERIFY(echo);
    QCOMPARE(echo->payload, expected);
    QCOMPARE(echo->opcode, Opcode(opcode));

    const CaptureRecord record = framesOf(*r.t, Direction::Inbound).constFirst();
    QVERIFY(record.modified);
    QVERIFY(record.intervention);
    QCOMPARE(record.intervention->action, FrameIntervention::Action::Edited);
    QCOMPARE(record.intervention->originalBytes, sent);
    QCOMPARE(record.bytes(), edit.build(nullptr));
    QVERIFY2(record.note.contains(QLatin1String("payload")), qPrintable(record.note));
}

void tst_FrameHold::editedHeaderMeetsThePeersRule_data()
{
    using Edit = std::function<void(FrameEdit &)>;
    QTest::addColumn<Edit>("change");
    QTest::addColumn<int>("closeCode");
    // RFC 6455 §5.2: RSV bits without an extension, a reserved opcode; §5.1: an unmasked client
    // frame; §5.5: a fragmented control frame -> fail the connection (1002, §7.4.1). §8.1: text that
    // is not UTF-8 -> 1007.
    QTest::addRow("RSV2 set") << Edit([](FrameEdit &e) { e.header.rsv2 = true; }) << 1002;
    QTest::addRow("reserved opcode 0x3") << Edit([](FrameEdit &e) { e.header.opcode = Opcode::ReservedData3; }) << 1002;
    QTest::addRow("MASK bit cleared") << Edit([](FrameEdit &e) { e.header.masked = false; }) << 1002;
    QTest::addRow("ping without FIN") << Edit([](FrameEdit &e) {
        e.header.opcode = Opcode::Ping;
        e.header.fin = false;
    }) << 1002;
    QTest::addRow("invalid UTF-8") << Edit([](FrameEdit &e) { QVERIFY(e.setPayloadHex(QStringLiteral("ce bc ff fe"))); })
                                   << 1007;
}

// A held frame edited into one that breaks a rule: the upstream's real reaction (its close frame)
// reaches the browser, and the capture shows both the broken frame and the answer.
void tst_FrameHold::editedHeaderMeetsThePeersRule()
{
    using Edit = std::function<void(FrameEdit &)>;
    QFETCH(Edit, change);
    QFETCH(int, closeCode);
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());
    r.client.sendFrame(Opcode::Text, "valid");
    const auto held = r.waitForHeld(1);
    QVERIFY(held);
    FrameEdit edit = FrameEdit::of(held->frame);
    change(edit);
    QVERIFY(r.t->proxy->replaceHeld(firstConnection, Direction::Inbound, held->id, edit));
    const auto close = r.client.nextFrameOf(Opcode::Close);
    QVERIFY(close);
    QCOMPARE(int(closeCodeOf(*close)), closeCode);

    // The edited frame's record (a frame, or the error the dissector found in it) is marked.
    QTRY_VERIFY_WITH_TIMEOUT(!r.t->allRecords().isEmpty(), waitMs);
    bool marked = false;
    for (const CaptureRecord &record : r.t->allRecords()) {
        if (record.direction == Direction::Inbound && record.intervention) {
            QCOMPARE(record.intervention->action, FrameIntervention::Action::Edited);
            QCOMPARE(record.intervention->originalBytes, held->frame.wireBytes());
            marked = true;
        }
    }
    QVERIFY(marked);
}

// Frames of the proxy's user go into either direction while nothing is held: the upstream answers
// the one sent to it, the browser gets the one sent to it, and the conversation goes on after them.
void tst_FrameHold::injectedFramesReachBothEnds()
{
    Relay r;
    QVERIFY(r.ready);
    QVERIFY(r.upgrade());
    QVERIFY(r.t->proxy->inject(firstConnection, Direction::Inbound, textFrame("to the upstream", true)));
    const auto echo = r.client.nextMessage();
    QVERIFY(echo);
    QCOMPARE(echo->payload, QByteArray("to the upstream"));
    QVERIFY(r.t->proxy->inject(firstConnection, Direction::Outbound, textFrame("to the browser", false)));
    const auto told = r.client.nextMessage();
    QVERIFY(told);
    QCOMPARE(told->payload, QByteArray("to the browser"));
    r.client.sendFrame(Opcode::Text, "mine");
    const auto mine = r.client.nextMessage();
    QVERIFY(mine);
    QCOMPARE(mine->payload, QByteArray("mine"));

    // Inbound the first frame, outbound the second (after the upstream's echo).
    const QList<CaptureRecord> injectedRecords{framesOf(*r.t, Direction::Inbound).value(0),
                                               framesOf(*r.t, Direction::Outbound).value(1)};
    for (const CaptureRecord &injected : injectedRecords) {
        QVERIFY(injected.modified);
        QVERIFY(injected.intervention);
        QCOMPARE(injected.intervention->action, FrameIntervention::Action::Injected);
        QVERIFY(injected.intervention->originalBytes.isEmpty());
    }
    QCOMPARE(injectedRecords.at(1).frame->payload, QByteArray("to the browser"));
    QVERIFY(!framesOf(*r.t, Direction::Outbound).value(0).modified); // the echo
    QVERIFY(!framesOf(*r.t, Direction::Inbound).constLast().modified); // "mine"
}

// A length that disagrees with the payload, and a non-minimal length form, are written exactly as
// asked: the browser receives those bytes.
void tst_FrameHold::wrongLengthIsWrittenAsAsked()
{
    Relay r;
    QVERIFY(r.ready);
    QVERIFY(r.upgrade());
    FrameEdit nonMinimal = textFrame("abc", false);
    nonMinimal.header.lengthForm = LengthForm::Extended64;
    FrameEdit wrong = textFrame("abcdef", false);
    wrong.declaredLength = 3;
    const QByteArray expected = QByteArray::fromHex("817f0000000000000003") + "abc" + QByteArray::fromHex("8103")
            + "abcdef";
    QVERIFY(r.t->proxy->inject(firstConnection, Direction::Outbound, nonMinimal));
    QVERIFY(r.t->proxy->inject(firstConnection, Direction::Outbound, wrong));
    QVERIFY(r.client.waitForBytes(expected.size()));
    QCOMPARE(r.client.received, expected);
}

// permessage-deflate: with intercept the proxy asks for no context takeover (and the request says
// so), a held compressed message is shown inflated, edited as text, compressed again by the proxy,
// and both the edited message and the next one arrive intact.
void tst_FrameHold::compressedMessageIsEditedAndRecompressed()
{
    Relay r(true);
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade("permessage-deflate; client_max_window_bits"));
    QVERIFY(r.client.deflate);
    QVERIFY(r.client.deflate->parameters().clientNoContextTakeover);
    QVERIFY(r.client.deflate->parameters().serverNoContextTakeover);

    r.client.sendCompressed(Opcode::Text, "the original message, the original message");
    const auto held = r.waitForHeld(1);
    QVERIFY(held);
    QVERIFY(held->frame.header.rsv1);
    QCOMPARE(held->inflated, std::optional<QByteArray>("the original message, the original message"));
    FrameEdit edit = FrameEdit::of(held->frame);
    edit.setPayloadText(QStringLiteral("edited, edited, then compressed by the proxy"));
    edit.compress = true;
    QVERIFY(r.t->proxy->replaceHeld(firstConnection, Direction::Inbound, held->id, edit));
    bool compressed = false;
    const auto echo = r.client.nextMessage(&compressed);
    QVERIFY(echo);
    QVERIFY(compressed);
    QCOMPARE(echo->payload, QByteArray("edited, edited, then compressed by the proxy"));

    r.client.sendCompressed(Opcode::Text, "the original message, once more");
    const auto next = r.waitForHeld(2);
    QVERIFY(next);
    QVERIFY(r.t->proxy->forwardHeld(firstConnection, Direction::Inbound, next->id));
    const auto nextEcho = r.client.nextMessage();
    QVERIFY(nextEcho);
    QCOMPARE(nextEcho->payload, QByteArray("the original message, once more"));

    const CaptureRecord request = r.t->ofKind(RecordKind::HttpRequest).constFirst();
    QVERIFY(request.modified);
    QVERIFY2(request.note.contains(QLatin1String("server_no_context_takeover")), qPrintable(request.note));
    QVERIFY(request.wireBytes.contains("client_no_context_takeover"));
    const CaptureRecord edited = framesOf(*r.t, Direction::Inbound).constFirst();
    QCOMPARE(edited.intervention->action, FrameIntervention::Action::Edited);
    QCOMPARE(edited.inflatedPayload, std::optional<QByteArray>("edited, edited, then compressed by the proxy"));
    QVERIFY2(edited.note.contains(QLatin1String("compressed by the proxy")), qPrintable(edited.note));
}

// A sender whose frames are held and not released: once the queue is at its limit the proxy stops
// reading, TCP holds the sender back, and memory stays bounded. Released, every frame arrives.
void tst_FrameHold::fullQueueHoldsTheSenderBack()
{
    ProxySettings limits;
    limits.maxHeldFrames = 8;
    limits.maxHeldBytes = 256 * 1024;
    limits.maxBufferedBytes = 64 * 1024;
    Relay r(false, limits);
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());

    const QByteArray frame = RawPeer::clientFrame(Opcode::Binary, QByteArray(16 * 1024, 'x'));
    constexpr qint64 total = 64 * 1024 * 1024;
    qint64 offered = 0;
    qint64 maxBuffered = 0;
    int turnsWithoutProgress = 0;
    // Bounded: at most 3000 turns; stops once the client could not hand over anything for 50.
    for (int turn = 0; turn < 3000 && offered < total && turnsWithoutProgress < 50; ++turn) {
        bool progressed = false;
        while (r.client.socket.bytesToWrite() < 256 * 1024 && offered < total) {
            r.client.socket.write(frame);
            offered += frame.size();
            progressed = true;
        }
        turnsWithoutProgress = progressed ? 0 : turnsWithoutProgress + 1;
        QTest::qWait(5);
        maxBuffered = qMax(maxBuffered, r.t->proxy->bufferedBytes());
    }
    QVERIFY2(offered < total, "the client was never held back");
    QCOMPARE(r.t->proxy->heldFrames(firstConnection, Direction::Inbound).size(), limits.maxHeldFrames);
    const qint64 bound = limits.maxHeldBytes + 2 * limits.maxBufferedBytes;
    QVERIFY2(maxBuffered <= bound, qPrintable(QStringLiteral("the proxy held %1 bytes").arg(maxBuffered)));

    // Released: every frame reaches the upstream, whose echoes all come back.
    r.t->proxy->setIntercept(firstConnection, Direction::Inbound, false);
    const qint64 frames = offered / frame.size();
    qint64 echoed = 0;
    const QDeadlineTimer deadline(120'000);
    while (echoed < frames && !deadline.hasExpired()) {
        const auto echo = r.client.nextMessage();
        if (!echo)
            break;
        QCOMPARE(echo->payload.size(), qsizetype(16 * 1024));
        ++echoed;
    }
    QCOMPARE(echoed, frames);
}

// Turning intercept off forwards what is held, in the order it came, and lets the rest pass.
void tst_FrameHold::interceptOffForwardsWhatIsHeldInOrder()
{
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());
    for (const QByteArray &word : {QByteArray("a"), QByteArray("b"), QByteArray("c")})
        r.client.sendFrame(Opcode::Text, word);
    QVERIFY(r.waitForHeld(3));
    QVERIFY(r.t->proxy->isIntercepting(firstConnection, Direction::Inbound));
    QSignalSpy gone(r.t->proxy.get(), &ProxyServer::heldFrameGone);
    QVERIFY(r.t->proxy->setIntercept(firstConnection, Direction::Inbound, false));
    QCOMPARE(gone.size(), 3);
    r.client.sendFrame(Opcode::Text, "d");
    QByteArray order;
    for (int i = 0; i < 4; ++i) {
        const auto echo = r.client.nextMessage();
        QVERIFY(echo);
        order += echo->payload;
    }
    QCOMPARE(order, QByteArray("abcd"));
    QCOMPARE(r.held->size(), 3);
}

// Edited, dropped and injected frames keep their marks and original bytes in a saved session
// (pcapng comments) and in --json.
void tst_FrameHold::interventionsSurviveSavingAndJson()
{
    Relay r;
    QVERIFY(r.ready);
    r.t->proxy->setInterceptNewConnections(Direction::Inbound, true);
    QVERIFY(r.upgrade());
    r.client.sendFrame(Opcode::Text, "edit me");
    r.client.sendFrame(Opcode::Text, "drop me");
    QVERIFY(r.waitForHeld(2));
    FrameEdit edit = FrameEdit::of(heldAt(*r.held, 0).frame);
    edit.setPayloadText(QStringLiteral("edited"));
    QVERIFY(r.t->proxy->replaceHeld(firstConnection, Direction::Inbound, heldAt(*r.held, 0).id, edit));
    QVERIFY(r.t->proxy->dropHeld(firstConnection, Direction::Inbound, heldAt(*r.held, 1).id));
    QVERIFY(r.t->proxy->inject(firstConnection, Direction::Outbound, textFrame("injected", false)));
    QVERIFY(r.client.nextMessage());
    QVERIFY(r.client.nextMessage());
    r.client.socket.disconnectFromHost();
    QVERIFY(r.t->waitForClosed());

    const CaptureBatch live = r.t->allRecords();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("intercepted.pcapng"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CaptureFileWriter writer(&file, 0);
        QVERIFY(writer.begin());
        for (const CaptureRecord &record : live)
            QVERIFY(writer.write(record));
    }
    CaptureBatch read;
    const auto result = SavedSessionReader::read(path, [&read](CaptureRecord &&record) { read.append(record); });
    QVERIFY(!result.failure);
    QCOMPARE(read.size(), live.size());
    int marked = 0;
    CaptureJsonFormatter json;
    for (qsizetype i = 0; i < live.size(); ++i) {
        const CaptureRecord &was = live.at(i);
        const CaptureRecord &now = read.at(i);
        QCOMPARE(now.bytes(), was.bytes());
        QCOMPARE(now.modified, was.modified);
        QCOMPARE(now.note, was.note);
        QCOMPARE(bool(now.intervention), bool(was.intervention));
        const QJsonObject line = QJsonDocument::fromJson(json.format(was)).object();
        if (!was.intervention) {
            QVERIFY(!line.contains(QLatin1String("intervention")));
            continue;
        }
        ++marked;
        QCOMPARE(*now.intervention, *was.intervention);
        const QJsonObject intervention = line.value(QLatin1String("intervention")).toObject();
        QCOMPARE(intervention.value(QLatin1String("action")).toString(),
                 QLatin1String(frameInterventionName(was.intervention->action)));
        QCOMPARE(QByteArray::fromBase64(intervention.value(QLatin1String("original")).toString().toLatin1()),
                 was.intervention->originalBytes);
    }
    QCOMPARE(marked, 3);
}

QTEST_GUILESS_MAIN(tst_FrameHold)
#include "tst_framehold.moc"
