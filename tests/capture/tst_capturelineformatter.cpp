#include "capture/capturelineformatter.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QTest>

using namespace wslab::capture;
using namespace wslab::protocol;

namespace {

CaptureRecord frameRecord(const QByteArray &wire, Direction direction)
{
    CaptureRecord record;
    record.id = 1;
    record.timeNs = 1'234'567'891;
    record.connectionId = 3;
    record.direction = direction;
    record.transport = Transport::WebSocket;
    record.kind = RecordKind::Frame;
    record.frame = FrameDecoder::readFrame(wire);
    return record;
}

} // namespace

class tst_CaptureLineFormatter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeColumn_data();
    void timeColumn();
    void frameLine_data();
    void frameLine();
    void heldFrameIsMarked();
    void interceptedFrameNamesWhatTheProxyDid_data();
    void interceptedFrameNamesWhatTheProxyDid();
    void compressedFrameShowsDeflatedAndInflated_data();
    void compressedFrameShowsDeflatedAndInflated();
    void truncatedPayloadShowsEllipsis();
    void textPreviewEscapes_data();
    void textPreviewEscapes();
    void httpLines_data();
    void httpLines();
    void events_data();
    void events();
    void streamErrorNamesItsRule();
    void httpConnectionClosedHasNoCode();
    void rawBytesThatAreNotOneFrame();
};

void tst_CaptureLineFormatter::timeColumn_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("expected");
    QTest::addRow("zero") << qint64(0) << "     0.000000";
    QTest::addRow("micro") << qint64(1'500) << "     0.000001";
    QTest::addRow("seconds") << qint64(12'345'678'000) << "    12.345678";
}

void tst_CaptureLineFormatter::timeColumn()
{
    QFETCH(qint64, ns);
    QFETCH(QString, expected);
    QCOMPARE(CaptureLineFormatter::timeColumn(ns), expected);
}

void tst_CaptureLineFormatter::frameLine_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("inbound");
    QTest::addColumn<QString>("expected");
    // RFC 6455 §5.7 examples.
    QTest::addRow("masked text Hello") << QByteArray::fromHex("818537fa213d7f9f4d5158") << true
            << R"(     1.234567 #3     C→S FIN=1 RSV=000 text    MASK=1 len=5 (7-bit) "Hello")";
    QTest::addRow("unmasked text Hello") << QByteArray::fromHex("810548656c6c6f") << false
            << R"(     1.234567 #3     S→C FIN=1 RSV=000 text    MASK=0 len=5 (7-bit) "Hello")";
    QTest::addRow("first fragment") << QByteArray::fromHex("010348656c") << false
            << R"(     1.234567 #3     S→C FIN=0 RSV=000 text    MASK=0 len=3 (7-bit) "Hel")";
    QTest::addRow("ping Hello") << QByteArray::fromHex("890548656c6c6f") << false
            << R"(     1.234567 #3     S→C FIN=1 RSV=000 ping    MASK=0 len=5 (7-bit) "Hello")";
    QTest::addRow("binary 256") << (QByteArray::fromHex("827e0100") + QByteArray(256, '\x01')) << false
            << "     1.234567 #3     S→C FIN=1 RSV=000 binary  MASK=0 len=256 (7+16-bit) 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 …";
    QTest::addRow("binary 64 KiB") << (QByteArray::fromHex("827f0000000000010000") + QByteArray(65536, '\0')) << false
            << "     1.234567 #3     S→C FIN=1 RSV=000 binary  MASK=0 len=65536 (7+64-bit) 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 …";
    QTest::addRow("close 1000 bye") << QByteArray::fromHex("880503e8627965") << false
            << R"(     1.234567 #3     S→C FIN=1 RSV=000 close   MASK=0 len=5 (7-bit) 1000 Normal Closure "bye")";
    QTest::addRow("empty close") << QByteArray::fromHex("8800") << false
            << "     1.234567 #3     S→C FIN=1 RSV=000 close   MASK=0 len=0 (7-bit) (no code)";
    QTest::addRow("close one byte") << QByteArray::fromHex("880103") << false
            << "     1.234567 #3     S→C FIN=1 RSV=000 close   MASK=0 len=1 (7-bit) 03 [CloseFrameLengthOne]";
    QTest::addRow("rsv bits") << QByteArray::fromHex("f200") << false
            << "     1.234567 #3     S→C FIN=1 RSV=111 binary  MASK=0 len=0 (7-bit)";
}

void tst_CaptureLineFormatter::frameLine()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, inbound);
    QFETCH(QString, expected);
    const CaptureRecord record = frameRecord(wire, inbound ? Direction::Inbound : Direction::Outbound);
    QVERIFY(record.frame);
    QCOMPARE(CaptureLineFormatter().format(record), expected);
}

void tst_CaptureLineFormatter::heldFrameIsMarked()
{
    CaptureRecord record = frameRecord(QByteArray::fromHex("818537fa213d7f9f4d5158"), Direction::Inbound);
    record.held = true;
    QVERIFY(CaptureLineFormatter().format(record).endsWith(QStringLiteral("\"Hello\" [held]")));
}

void tst_CaptureLineFormatter::interceptedFrameNamesWhatTheProxyDid_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("suffix");
    // Edited: the forwarded frame, and the one its sender wrote (RFC 6455 §5.7's masked "Hello").
    QTest::addRow("edited") << int(FrameIntervention::Action::Edited)
                            << QStringLiteral("\"Hi\" [edited by wslab: changed: payload; sent 81 85 37 fa 21 3d "
                                              "7f 9f 4d 51 58]");
    QTest::addRow("injected") << int(FrameIntervention::Action::Injected)
                              << QStringLiteral("\"Hi\" [injected by wslab: changed: payload]");
}

void tst_CaptureLineFormatter::interceptedFrameNamesWhatTheProxyDid()
{
    QFETCH(int, action);
    QFETCH(QString, suffix);
    CaptureRecord record = frameRecord(FrameEncoder::encode(Opcode::Text, "Hi", true, MaskKey{1, 2, 3, 4}),
                                       Direction::Inbound);
    record.modified = true;
    record.note = QStringLiteral("changed: payload");
    const auto what = FrameIntervention::Action(action);
    record.intervention = std::make_shared<const FrameIntervention>(FrameIntervention{
            what, what == FrameIntervention::Action::Injected ? QByteArray() : QByteArray::fromHex("818537fa213d7f9f4d5158")});
    const QString line = CaptureLineFormatter().format(record);
    QVERIFY2(line.endsWith(suffix), qPrintable(line));
}

void tst_CaptureLineFormatter::compressedFrameShowsDeflatedAndInflated_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("inflated"); // what the record carries; empty: nothing
    QTest::addColumn<QString>("expected");
    // RFC 7692 §7.2.3.1: "Hello" deflated is f2 48 cd c9 c9 07 00, sent with RSV1.
    QTest::addRow("single frame") << QByteArray::fromHex("c107f248cdc9c90700") << QByteArray("Hello")
            << R"(     1.234567 #3     S→C FIN=1 RSV=100 text    MASK=0 len=7 (7-bit) f2 48 cd c9 c9 07 00 ⇒ inflated 5 B "Hello")";
    // §7.2.3.1's fragmented example: the first fragment alone is deflated bytes, not text.
    QTest::addRow("first fragment") << QByteArray::fromHex("4103f248cd") << QByteArray()
            << "     1.234567 #3     S→C FIN=0 RSV=100 text    MASK=0 len=3 (7-bit) f2 48 cd";
    QTest::addRow("last fragment completes it") << QByteArray::fromHex("8004c9c90700") << QByteArray("Hello")
            << R"(     1.234567 #3     S→C FIN=1 RSV=000 continuation MASK=0 len=4 (7-bit) c9 c9 07 00 ⇒ inflated 5 B "Hello")";
    QTest::addRow("binary message") << QByteArray::fromHex("c20400010200") << QByteArray("\x00\xff\xfe", 3)
            << "     1.234567 #3     S→C FIN=1 RSV=100 binary  MASK=0 len=4 (7-bit) 00 01 02 00 ⇒ inflated 3 B 00 ff fe";
}

void tst_CaptureLineFormatter::compressedFrameShowsDeflatedAndInflated()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, inflated);
    QFETCH(QString, expected);
    CaptureRecord record = frameRecord(wire, Direction::Outbound);
    QVERIFY(record.frame);
    if (!inflated.isEmpty())
        record.inflatedPayload = inflated;
    QCOMPARE(CaptureLineFormatter().format(record), expected);
}

void tst_CaptureLineFormatter::truncatedPayloadShowsEllipsis()
{
    CaptureRecord record = frameRecord(FrameEncoder::encode(Opcode::Text, "Hello world"), Direction::Outbound);
    record.frame->payload.truncate(5);
    record.truncatedFrom = 11;
    const QString line = CaptureLineFormatter().format(record);
    QVERIFY2(line.endsWith(QStringLiteral("len=11 (7-bit) \"Hello\"…")), qPrintable(line));
}

void tst_CaptureLineFormatter::textPreviewEscapes_data()
{
    QTest::addColumn<QByteArray>("utf8");
    QTest::addColumn<int>("chars");
    QTest::addColumn<QString>("expected");
    QTest::addRow("newline tab") << QByteArray("a\nb\tc\r") << 48 << R"("a\nb\tc\r")";
    QTest::addRow("quote backslash") << QByteArray("\"\\") << 48 << R"("\"\\")";
    QTest::addRow("control") << QByteArray("\x01\x7f", 2) << 48 << R"("\x01\x7f")";
    QTest::addRow("cut") << QByteArray("abcdef") << 3 << R"("abc"…)";
    QTest::addRow("unicode") << QByteArray("κόσμε") << 3 << R"("κόσ"…)";
    QTest::addRow("empty") << QByteArray() << 3 << R"("")";
    QTest::addRow("unicode between escapes") << QByteArray("\t中文\n") << 48 << R"("\t中文\n")";
    // Outside the BMP: two UTF-16 units, each counted as a character, printed as one.
    QTest::addRow("emoji") << QByteArray("a\xf0\x9f\x98\x80" "b") << 48 << R"("a😀b")";
    QTest::addRow("invalid byte") << QByteArray("a\xff" "b") << 48 << "\"a\uFFFDb\"";
    // Only the first chars * 4 bytes are decoded: a sequence cut there reads as a replacement.
    QTest::addRow("cut inside a sequence") << QByteArray("ab\xe4\xb8\xad") << 1 << R"("a"…)";
    QTest::addRow("window shorter than text") << QByteArray("abcdefghij") << 2 << R"("ab"…)";
}

void tst_CaptureLineFormatter::textPreviewEscapes()
{
    QFETCH(QByteArray, utf8);
    QFETCH(int, chars);
    QFETCH(QString, expected);
    CaptureLineFormatter formatter({chars, 16});
    QCOMPARE(formatter.textPreview(utf8, utf8.size()), expected);
}

void tst_CaptureLineFormatter::httpLines_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("transport");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addRow("upgrade request") << int(RecordKind::HttpRequest) << int(Transport::WebSocket)
            << QByteArray("GET /chatsocket HTTP/1.1\r\nHost: x\r\n\r\n")
            << "     1.234567 #3     C→S HTTP GET /chatsocket HTTP/1.1 (37 B)";
    QTest::addRow("101") << int(RecordKind::HttpResponse) << int(Transport::WebSocket)
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n")
            << "     1.234567 #3     S→C HTTP HTTP/1.1 101 Switching Protocols (36 B)";
    QTest::addRow("poll") << int(RecordKind::HttpRequest) << int(Transport::Polling)
            << QByteArray("GET /poll?since=3 HTTP/1.1\n\n")
            << "     1.234567 #3     C→S HTTP GET /poll?since=3 HTTP/1.1 (28 B) [poll]";
}

void tst_CaptureLineFormatter::httpLines()
{
    QFETCH(int, kind);
    QFETCH(int, transport);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    CaptureRecord record;
    record.timeNs = 1'234'567'891;
    record.connectionId = 3;
    record.kind = RecordKind(kind);
    record.direction = record.kind == RecordKind::HttpRequest ? Direction::Inbound : Direction::Outbound;
    record.transport = Transport(transport);
    record.wireBytes = bytes;
    QCOMPARE(CaptureLineFormatter().format(record), expected);
}

void tst_CaptureLineFormatter::events_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expectedTail");
    QTest::addRow("opened") << int(RecordKind::ConnectionOpened) << " ·  open 127.0.0.1:5000";
    QTest::addRow("closed") << int(RecordKind::ConnectionClosed) << " ·  closed 1006 Abnormal Closure (127.0.0.1:5000)";
    QTest::addRow("delivered") << int(RecordKind::FrameDelivered) << " ·  delivered held record 17";
    QTest::addRow("error") << int(RecordKind::ProtocolError) << "C→S error ReservedBitsSet: 127.0.0.1:5000 [c1 85]";
    QTest::addRow("gap") << int(RecordKind::CaptureGap) << " ·  capture gap: 42 records not kept (the output fell behind)";
    QTest::addRow("bytes missing") << int(RecordKind::StreamGap) << " ·  42 bytes not captured";
}

void tst_CaptureLineFormatter::events()
{
    QFETCH(int, kind);
    QFETCH(QString, expectedTail);
    CaptureRecord record;
    record.connectionId = 3;
    record.kind = RecordKind(kind);
    record.note = QStringLiteral("127.0.0.1:5000");
    record.closeCode = 1006;
    record.relatedId = 17;
    record.missed = 42;
    if (record.kind == RecordKind::ProtocolError) {
        record.decodeError = DecodeError::ReservedBitsSet;
        record.wireBytes = QByteArray::fromHex("c185");
    }
    const QString line = CaptureLineFormatter().format(record);
    QVERIFY2(line.endsWith(expectedTail), qPrintable(line));
    QVERIFY(line.startsWith(QStringLiteral("     0.000000 #3 ")));
}

void tst_CaptureLineFormatter::streamErrorNamesItsRule()
{
    CaptureRecord record;
    record.connectionId = 2;
    record.kind = RecordKind::ProtocolError;
    record.direction = Direction::Outbound;
    record.streamError = StreamError::UpgradeResponseInvalid;
    record.note = QStringLiteral("WrongAccept");
    QVERIFY(CaptureLineFormatter().format(record).endsWith(QStringLiteral("S→C error UpgradeResponseInvalid: WrongAccept")));
}

void tst_CaptureLineFormatter::httpConnectionClosedHasNoCode()
{
    CaptureRecord record;
    record.connectionId = 4;
    record.kind = RecordKind::ConnectionClosed;
    record.note = QStringLiteral("127.0.0.1:1");
    QVERIFY(CaptureLineFormatter().format(record).endsWith(QStringLiteral(" ·  closed (127.0.0.1:1)")));
}

void tst_CaptureLineFormatter::rawBytesThatAreNotOneFrame()
{
    CaptureRecord record;
    record.direction = Direction::Outbound;
    record.kind = RecordKind::Frame;
    record.wireBytes = QByteArray::fromHex("8105");
    const QString line = CaptureLineFormatter().format(record);
    QVERIFY2(line.endsWith(QStringLiteral("S→C raw 2 B 81 05")), qPrintable(line));
}

QTEST_GUILESS_MAIN(tst_CaptureLineFormatter)
#include "tst_capturelineformatter.moc"
