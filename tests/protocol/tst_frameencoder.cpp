#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::FrameHeader)

namespace {
QByteArray hex(const char *text) { return QByteArray::fromHex(text); }
}

class TestFrameEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfcExamples_data();
    void rfcExamples();
    void minimalLengthForm_data();
    void minimalLengthForm();
    void roundTripEveryOpcodeAndSize_data();
    void roundTripEveryOpcodeAndSize();
    void fragmentSplitsAMessage_data();
    void fragmentSplitsAMessage();
    void rawWritesNonMinimalAndInvalidHeaders_data();
    void rawWritesNonMinimalAndInvalidHeaders();
    void encodeIntoAppends();
    void closePayload();
    void randomKeysDiffer();
};

void TestFrameEncoder::rfcExamples_data()
{
    QTest::addColumn<int>("opcode");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("fin");
    QTest::addColumn<bool>("masked");
    QTest::addColumn<QByteArray>("wire");
    // RFC 6455 §5.7
    QTest::addRow("unmasked text") << 1 << QByteArray("Hello") << true << false << hex("810548656c6c6f");
    QTest::addRow("masked text") << 1 << QByteArray("Hello") << true << true << hex("818537fa213d7f9f4d5158");
    QTest::addRow("first fragment") << 1 << QByteArray("Hel") << false << false << hex("010348656c");
    QTest::addRow("last fragment") << 0 << QByteArray("lo") << true << false << hex("80026c6f");
    QTest::addRow("unmasked ping") << 9 << QByteArray("Hello") << true << false << hex("890548656c6c6f");
    QTest::addRow("masked pong") << 10 << QByteArray("Hello") << true << true << hex("8a8537fa213d7f9f4d5158");
    QTest::addRow("256-byte binary") << 2 << QByteArray(256, 'x') << true << false << hex("827e0100") + QByteArray(256, 'x');
    QTest::addRow("64 KiB binary") << 2 << QByteArray(65536, 'y') << true << false << hex("827f0000000000010000") + QByteArray(65536, 'y');
}

void TestFrameEncoder::rfcExamples()
{
    QFETCH(int, opcode);
    QFETCH(QByteArray, payload);
    QFETCH(bool, fin);
    QFETCH(bool, masked);
    QFETCH(QByteArray, wire);
    std::optional<MaskKey> key;
    if (masked)
        key = MaskKey{0x37, 0xfa, 0x21, 0x3d};
    QCOMPARE(FrameEncoder::encode(Opcode(opcode), payload, fin, key), wire);
}

void TestFrameEncoder::minimalLengthForm_data()
{
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<int>("headerSize");
    for (qsizetype length : {0, 125})
        QTest::addRow("len=%lld", qlonglong(length)) << length << 2;
    for (qsizetype length : {126, 65535})
        QTest::addRow("len=%lld", qlonglong(length)) << length << 4;
    for (qsizetype length : {65536, 100'000})
        QTest::addRow("len=%lld", qlonglong(length)) << length << 10;
}

void TestFrameEncoder::minimalLengthForm()
{
    QFETCH(qsizetype, length);
    QFETCH(int, headerSize);
    QCOMPARE(FrameEncoder::encode(Opcode::Binary, QByteArray(length, 'a')).size(), headerSize + length);
    QCOMPARE(FrameEncoder::encode(Opcode::Binary, QByteArray(length, 'a'), true, MaskKey{}).size(), headerSize + 4 + length);
}

void TestFrameEncoder::roundTripEveryOpcodeAndSize_data()
{
    QTest::addColumn<int>("opcode");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("masked");
    for (int opcode : {0, 1, 2, 8, 9, 10}) {
        const bool control = opcode >= 8;
        for (qsizetype size : {0, 1, 125, 126, 65535, 65536}) {
            if (control && size > 125)
                continue;
            for (bool masked : {false, true})
                QTest::addRow("%s len=%lld %s", opcodeName(Opcode(opcode)), qlonglong(size), masked ? "masked" : "unmasked")
                        << opcode << size << masked;
        }
    }
}

void TestFrameEncoder::roundTripEveryOpcodeAndSize()
{
    QFETCH(int, opcode);
    QFETCH(qsizetype, size);
    QFETCH(bool, masked);
    QByteArray payload(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        payload[i] = char(i ^ 0x5c);
    std::optional<MaskKey> key;
    if (masked)
        key = MaskKey{0x10, 0x20, 0x30, 0x40};
    const QByteArray wire = FrameEncoder::encode(Opcode(opcode), payload, true, key);
    FrameDecoder decoder({masked ? Role::Server : Role::Client});
    QList<DecodedFrame> frames;
    QVERIFY(!decoder.feed(wire, frames));
    QCOMPARE(frames.size(), 1);
    QCOMPARE(int(frames[0].header.opcode), opcode);
    QCOMPARE(frames[0].header.masked, masked);
    QCOMPARE(frames[0].payload, payload);
    QCOMPARE(frames[0].wireBytes(), wire);
}

void TestFrameEncoder::fragmentSplitsAMessage_data()
{
    QTest::addColumn<qsizetype>("messageSize");
    QTest::addColumn<qsizetype>("fragmentSize");
    QTest::addColumn<int>("frameCount");
    QTest::addRow("empty message") << qsizetype(0) << qsizetype(10) << 1;
    QTest::addRow("exact multiple") << qsizetype(30) << qsizetype(10) << 3;
    QTest::addRow("remainder") << qsizetype(31) << qsizetype(10) << 4;
    QTest::addRow("one byte each") << qsizetype(5) << qsizetype(1) << 5;
    QTest::addRow("fits in one") << qsizetype(5) << qsizetype(100) << 1;
}

void TestFrameEncoder::fragmentSplitsAMessage()
{
    QFETCH(qsizetype, messageSize);
    QFETCH(qsizetype, fragmentSize);
    QFETCH(int, frameCount);
    QByteArray message(messageSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < messageSize; ++i)
        message[i] = char('a' + i % 26);
    const auto wires = FrameEncoder::fragment(Opcode::Text, message, fragmentSize, {MaskKey{1, 2, 3, 4}});
    QCOMPARE(wires.size(), frameCount);
    FrameDecoder decoder;
    QList<DecodedFrame> frames;
    for (const auto &wire : wires)
        QVERIFY(!decoder.feed(wire, frames));
    QCOMPARE(frames.size(), frameCount);
    QByteArray joined;
    for (int i = 0; i < frameCount; ++i) {
        QCOMPARE(frames[i].header.opcode, i == 0 ? Opcode::Text : Opcode::Continuation);
        QCOMPARE(frames[i].header.fin, i == frameCount - 1);
        QVERIFY(frames[i].payload.size() <= fragmentSize);
        joined += frames[i].payload;
    }
    QCOMPARE(joined, message);
}

void TestFrameEncoder::rawWritesNonMinimalAndInvalidHeaders_data()
{
    QTest::addColumn<FrameHeader>("header");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("wire");

    FrameHeader nonMinimal16;
    nonMinimal16.payloadLength = 5;
    nonMinimal16.lengthForm = LengthForm::Extended16;
    QTest::addRow("5 bytes in 16-bit form") << nonMinimal16 << QByteArray("Hello") << hex("817e000548656c6c6f");

    FrameHeader nonMinimal64 = nonMinimal16;
    nonMinimal64.lengthForm = LengthForm::Extended64;
    QTest::addRow("5 bytes in 64-bit form") << nonMinimal64 << QByteArray("Hello") << hex("817f000000000000000548656c6c6f");

    FrameHeader rsv;
    rsv.rsv1 = rsv.rsv2 = rsv.rsv3 = true;
    rsv.opcode = Opcode::ReservedData3;
    rsv.fin = false;
    QTest::addRow("RSV bits and opcode 0x3") << rsv << QByteArray() << hex("7300");

    FrameHeader maskedServer;
    maskedServer.masked = true;
    maskedServer.maskKey = {0x37, 0xfa, 0x21, 0x3d};
    maskedServer.payloadLength = 5;
    QTest::addRow("masked server frame") << maskedServer << QByteArray("Hello") << hex("818537fa213d7f9f4d5158");

    FrameHeader topBit;
    topBit.opcode = Opcode::Binary;
    topBit.payloadLength = quint64(1) << 63;
    topBit.lengthForm = LengthForm::Extended64;
    QTest::addRow("64-bit length with top bit") << topBit << QByteArray() << hex("827f8000000000000000");

    FrameHeader lying;
    lying.payloadLength = 100; // says 100, carries 2
    QTest::addRow("length disagrees with payload") << lying << QByteArray("hi") << hex("81646869");
}

void TestFrameEncoder::rawWritesNonMinimalAndInvalidHeaders()
{
    QFETCH(FrameHeader, header);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, wire);
    QCOMPARE(FrameEncoder::writeRaw(header, payload), wire);
    QCOMPARE(FrameEncoder::writeHeader(header), wire.first(header.size()));
}

void TestFrameEncoder::encodeIntoAppends()
{
    QByteArray out("prefix");
    FrameEncoder::encodeInto(out, Opcode::Text, "Hello");
    FrameEncoder::encodeInto(out, Opcode::Ping, "");
    QCOMPARE(out, QByteArray("prefix") + hex("810548656c6c6f") + hex("8900"));
}

void TestFrameEncoder::closePayload()
{
    QCOMPARE(FrameEncoder::closePayload(std::nullopt), QByteArray());
    QCOMPARE(FrameEncoder::closePayload(1000), hex("03e8"));
    QCOMPARE(FrameEncoder::closePayload(4000, "bye"), hex("0fa0") + "bye");
}

void TestFrameEncoder::randomKeysDiffer()
{
    // Eight draws from the system generator all equal would mean the key is not random (2^-224).
    const MaskKey first = FrameEncoder::randomMaskKey();
    bool anyDifferent = false;
    for (int i = 0; i < 8; ++i)
        anyDifferent = anyDifferent || FrameEncoder::randomMaskKey() != first;
    QVERIFY(anyDifferent);
}

QTEST_GUILESS_MAIN(TestFrameEncoder)
#include "tst_frameencoder.moc"
