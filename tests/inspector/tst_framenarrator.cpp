#include "inspector/framenarrator.h"

#include "inspector/capturesamples.h"

#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::FieldId;

Q_DECLARE_METATYPE(wslab::inspector::FrameNarrator::Sender)

class TestFrameNarrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryReadsTheFrameInWireOrder_data();
    void summaryReadsTheFrameInWireOrder();
    void stepsFollowTheParser_data();
    void stepsFollowTheParser();
    void maskedPayloadShowsBothSides();
    void stepSpansMatchTheWire();
    void fieldSentencesCiteTheRfc_data();
    void fieldSentencesCiteTheRfc();
    void nonMinimalLengthIsCalledOut();
    void maskBitIsJudgedForItsSender_data();
    void maskBitIsJudgedForItsSender();
    void truncatedPayloadIsSaid();
    void longMaskedPayloadShowsItsFirstWireBytes();
};

void TestFrameNarrator::summaryReadsTheFrameInWireOrder_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("expected");

    QTest::addRow("§5.7 masked Hello")
            << maskedHelloWire()
            << "byte 0 = 0x81 (1000 0001): FIN=1 (last fragment), RSV=000, opcode=0x1 text; "
               "byte 1 = 0x85 (1000 0101): MASK=1, length 5 (7-bit form); "
               "bytes 2-5 = 37 fa 21 3d: masking key 37 fa 21 3d; "
               "bytes 6-10: payload “Hello”";
    QTest::addRow("§5.7 unmasked Hello")
            << unmaskedHelloWire()
            << "byte 0 = 0x81 (1000 0001): FIN=1 (last fragment), RSV=000, opcode=0x1 text; "
               "byte 1 = 0x05 (0000 0101): MASK=0, length 5 (7-bit form); "
               "bytes 2-6: payload “Hello”";
    QTest::addRow("§5.7 first fragment")
            << firstFragmentWire()
            << "byte 0 = 0x01 (0000 0001): FIN=0 (more fragments follow), RSV=000, opcode=0x1 text; "
               "byte 1 = 0x03 (0000 0011): MASK=0, length 3 (7-bit form); "
               "bytes 2-4: payload “Hel”";
    QTest::addRow("§5.7 256-byte binary")
            << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(256, '\0'))
            << "byte 0 = 0x82 (1000 0010): FIN=1 (last fragment), RSV=000, opcode=0x2 binary; "
               "byte 1 = 0x7e (0111 1110): MASK=0, length 126 → next 16 bits; "
               "bytes 2-3 = 01 00: extended length 256; "
               "bytes 4-259: payload 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 …";
    QTest::addRow("§5.7 64 KiB binary")
            << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(65536, '\0'))
            << "byte 0 = 0x82 (1000 0010): FIN=1 (last fragment), RSV=000, opcode=0x2 binary; "
               "byte 1 = 0x7f (0111 1111): MASK=0, length 127 → next 64 bits; "
               "bytes 2-9 = 00 00 00 00 00 01 00 00: extended length 65536; "
               "bytes 10-65545: payload 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 …";
    QTest::addRow("empty close")
            << QByteArray::fromHex("8800")
            << "byte 0 = 0x88 (1000 1000): FIN=1 (last fragment), RSV=000, opcode=0x8 close; "
               "byte 1 = 0x00 (0000 0000): MASK=0, length 0 (7-bit form); "
               "no payload bytes: empty payload";
}

void TestFrameNarrator::summaryReadsTheFrameInWireOrder()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, expected);
    QCOMPARE(FrameNarrator::summary(frameFromWire(wire)), expected);
}

void TestFrameNarrator::stepsFollowTheParser_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QList<FieldId>>("firstFieldOfEachStep");
    const QList<FieldId> common{FieldId::Fin, FieldId::Rsv1, FieldId::Opcode, FieldId::Mask, FieldId::PayloadLength};

    QTest::addRow("masked, 7-bit") << maskedHelloWire() << common + QList{FieldId::MaskingKey, FieldId::Payload};
    QTest::addRow("unmasked, 7-bit") << unmaskedHelloWire() << common + QList{FieldId::Payload};
    QTest::addRow("masked, 16-bit")
            << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(300, 'a'), true,
                                              protocol::MaskKey{1, 2, 3, 4})
            << common + QList{FieldId::ExtendedPayloadLength16, FieldId::MaskingKey, FieldId::Payload};
    QTest::addRow("unmasked, 64-bit")
            << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(70000, 'a'))
            << common + QList{FieldId::ExtendedPayloadLength64, FieldId::Payload};
}

void TestFrameNarrator::stepsFollowTheParser()
{
    QFETCH(QByteArray, wire);
    QFETCH(QList<FieldId>, firstFieldOfEachStep);
    QList<FieldId> actual;
    for (const NarrationStep &step : FrameNarrator::steps(frameFromWire(wire)))
        actual.append(step.fields.first());
    QCOMPARE(actual, firstFieldOfEachStep);
}

void TestFrameNarrator::maskedPayloadShowsBothSides()
{
    const auto steps = FrameNarrator::steps(frameFromWire(maskedHelloWire()));
    const QString payload = steps.last().sentence;
    QVERIFY2(payload.contains("7f 9f 4d 51 58"), qPrintable(payload)); // on the wire
    QVERIFY2(payload.contains("48 65 6c 6c 6f"), qPrintable(payload)); // unmasked
    QVERIFY(payload.contains("“Hello”"));
    QVERIFY(payload.contains("§5.3"));
}

void TestFrameNarrator::stepSpansMatchTheWire()
{
    const auto steps = FrameNarrator::steps(frameFromWire(maskedHelloWire()));
    QCOMPARE(steps.size(), 7);
    QCOMPARE(steps[1].fields, (QList{FieldId::Rsv1, FieldId::Rsv2, FieldId::Rsv3}));
    QCOMPARE(steps[1].firstBit, 1);
    QCOMPARE(steps[1].bitCount, 3);
    QCOMPARE(steps[3].firstBit, 8); // MASK
    QCOMPARE(steps[4].firstBit, 9); // payload len, 7 bits
    QCOMPARE(steps[4].bitCount, 7);
    QCOMPARE(steps[5].firstByte(), 2); // key
    QCOMPARE(steps[5].lastByte(), 5);
    QCOMPARE(steps[6].firstByte(), 6); // payload
    QCOMPARE(steps[6].lastByte(), 10);
    QCOMPARE(FrameNarrator::stepOf(steps, FieldId::Rsv3), 1);
    QCOMPARE(FrameNarrator::stepOf(steps, FieldId::ExtendedPayloadLength16), -1);
}

void TestFrameNarrator::fieldSentencesCiteTheRfc_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<FieldId>("field");
    QTest::addColumn<QString>("contains");
    QTest::addRow("FIN=1") << maskedHelloWire() << FieldId::Fin << "FIN = 1";
    QTest::addRow("FIN=0") << firstFragmentWire() << FieldId::Fin << "§5.4";
    QTest::addRow("client mask") << maskedHelloWire() << FieldId::Mask << "§5.1";
    QTest::addRow("server no mask") << unmaskedHelloWire() << FieldId::Mask << "never masks";
    QTest::addRow("7-bit tier") << maskedHelloWire() << FieldId::PayloadLength << "len ≤ 125";
    QTest::addRow("16-bit tier") << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(200, 'a'))
                                 << FieldId::PayloadLength << "126 → next 16 bits";
    QTest::addRow("64-bit tier") << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(70000, 'a'))
                                 << FieldId::PayloadLength << "127 → next 64 bits";
    QTest::addRow("ping") << pingHelloWire() << FieldId::Opcode << "§5.5.2";
    QTest::addRow("key") << maskedHelloWire() << FieldId::MaskingKey << "i mod 4";
    QTest::addRow("rsv1 set") << QByteArray::fromHex("c100") << FieldId::Rsv1 << "RFC 7692";
    // RFC 7692 §7.2.3.1: "Hello" sent compressed in one frame.
    const QByteArray compressedHello = QByteArray::fromHex("c107f248cdc9c90700");
    QTest::addRow("rsv1 compressed") << compressedHello << FieldId::Rsv1
                                     << "this message is compressed with permessage-deflate";
    QTest::addRow("deflated payload") << compressedHello << FieldId::Payload << "DEFLATE data f2 48 cd c9 c9 07 00";
    QTest::addRow("rsv1 with rsv2") << QByteArray::fromHex("e100") << FieldId::Rsv1 << "a reserved bit is set";
    QTest::addRow("reserved opcode") << QByteArray::fromHex("8300") << FieldId::Opcode << "reserved data opcode";
    QTest::addRow("close payload") << QByteArray::fromHex("880403e8") + "ok" << FieldId::Payload
                                   << "1000 (Normal Closure), reason “ok”";
}

void TestFrameNarrator::fieldSentencesCiteTheRfc()
{
    QFETCH(QByteArray, wire);
    QFETCH(FieldId, field);
    QFETCH(QString, contains);
    const QString sentence = FrameNarrator::fieldSentence(frameFromWire(wire), field);
    QVERIFY2(sentence.contains(contains), qPrintable(sentence));
}

void TestFrameNarrator::nonMinimalLengthIsCalledOut()
{
    protocol::FrameHeader header;
    header.opcode = protocol::Opcode::Text;
    header.payloadLength = 5;
    header.lengthForm = protocol::LengthForm::Extended16;
    const auto frame = frameFromWire(protocol::FrameEncoder::writeRaw(header, "Hello"));
    QVERIFY(FrameNarrator::fieldSentence(frame, FieldId::ExtendedPayloadLength16).contains("not the shortest form"));
    QVERIFY(!FrameNarrator::fieldSentence(frameFromWire(protocol::FrameEncoder::encode(
                                                  protocol::Opcode::Text, QByteArray(200, 'a'))),
                                          FieldId::ExtendedPayloadLength16)
                     .contains("not the shortest form"));
}

void TestFrameNarrator::maskBitIsJudgedForItsSender_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<FrameNarrator::Sender>("sender");
    QTest::addColumn<QString>("brief");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<QString>("absent");

    const QByteArray masked = maskedHelloWire();
    const QByteArray unmasked = unmaskedHelloWire();
    const QString normalMask = "every frame a client sends must be masked (RFC 6455 §5.1, §5.3)";
    QTest::addRow("client masks") << masked << FrameNarrator::Sender(Direction::Inbound) << "MASK=1"
                                  << normalMask << "1002";
    // The composer's "masked server frame": RFC 6455 §5.1 forbids it, a client fails with 1002.
    QTest::addRow("server masks") << masked << FrameNarrator::Sender(Direction::Outbound)
                                  << "MASK=1 (a server must not mask)" << "RFC 6455 §5.1, a server must not mask"
                                  << normalMask;
    QTest::addRow("server does not mask") << unmasked << FrameNarrator::Sender(Direction::Outbound) << "MASK=0"
                                          << "a server never masks its frames" << "1002";
    QTest::addRow("client does not mask") << unmasked << FrameNarrator::Sender(Direction::Inbound)
                                          << "MASK=0 (a client must mask)" << "close code 1002"
                                          << "a server never masks";
    QTest::addRow("sender unknown") << masked << FrameNarrator::Sender() << "MASK=1" << normalMask << "1002";
}

// RFC 6455 §5.1: MASK is right or wrong only for a sender; the narration never calls a masked
// server frame normal.
void TestFrameNarrator::maskBitIsJudgedForItsSender()
{
    QFETCH(QByteArray, wire);
    QFETCH(FrameNarrator::Sender, sender);
    QFETCH(QString, brief);
    QFETCH(QString, contains);
    QFETCH(QString, absent);
    const auto steps = FrameNarrator::steps(frameFromWire(wire), sender);
    const int mask = FrameNarrator::stepOf(steps, FieldId::Mask);
    QVERIFY(mask >= 0);
    QCOMPARE(steps.at(mask).brief, brief);
    QVERIFY2(steps.at(mask).sentence.contains(contains), qPrintable(steps.at(mask).sentence));
    QVERIFY2(!steps.at(mask).sentence.contains(absent), qPrintable(steps.at(mask).sentence));
    QCOMPARE(FrameNarrator::fieldSentence(frameFromWire(wire), FieldId::Mask, sender), steps.at(mask).sentence);
    QVERIFY(FrameNarrator::summary(frameFromWire(wire), sender).contains(brief));
}

void TestFrameNarrator::truncatedPayloadIsSaid()
{
    auto frame = frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(1000, 'a')));
    frame.payload.truncate(10);
    QVERIFY(FrameNarrator::fieldSentence(frame, FieldId::Payload).contains("first 10 bytes"));
}

void TestFrameNarrator::longMaskedPayloadShowsItsFirstWireBytes()
{
    QByteArray payload(300, '\0');
    for (int i = 0; i < payload.size(); ++i)
        payload[i] = char(i);
    const QByteArray wire = protocol::FrameEncoder::encode(protocol::Opcode::Binary, payload, true,
                                                           protocol::MaskKey{0xa1, 0xb2, 0xc3, 0xd4});
    const QByteArray maskedHead = wire.mid(8, 16); // 2 + 2 (ext16) + 4 (key) header bytes
    const QString sentence = FrameNarrator::fieldSentence(frameFromWire(wire), FieldId::Payload);
    QVERIFY2(sentence.contains(QString::fromLatin1(maskedHead.toHex(' ')) + " …"), qPrintable(sentence));
    QVERIFY(sentence.contains("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f …"));
}

QTEST_GUILESS_MAIN(TestFrameNarrator)
#include "tst_framenarrator.moc"
