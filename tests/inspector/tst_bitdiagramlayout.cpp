#include "inspector/bitdiagramlayout.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QTest>

using namespace wslab;
using wslab::inspector::BitDiagramLayout;
using protocol::FieldId;

namespace {

BitDiagramLayout::Metrics testMetrics()
{
    BitDiagramLayout::Metrics m;
    m.cellWidth = 20;
    m.bitHeight = 20;
    m.labelHeight = 16;
    m.rowGap = 4;
    m.leftMargin = 40;
    m.topMargin = 16;
    return m;
}

QList<protocol::HeaderField> fieldsOf(const QByteArray &wire)
{
    const auto frame = protocol::FrameDecoder::readFrame(wire);
    if (!frame)
        qFatal("not one frame");
    return protocol::headerLayout(frame->header);
}

// RFC 6455 §5.7 masked "Hello": 2 header bytes, 4 key bytes, 5 payload bytes.
QByteArray maskedHello() { return QByteArray::fromHex("818537fa213d7f9f4d5158"); }

QByteArray frame(quint64 length, bool masked)
{
    const auto key = masked ? std::optional<protocol::MaskKey>(protocol::MaskKey{1, 2, 3, 4}) : std::nullopt;
    return protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(qsizetype(length), 'a'), true, key);
}

} // namespace

class TestBitDiagramLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bitRectsFollowTheRfcDiagram_data();
    void bitRectsFollowTheRfcDiagram();
    void clickOnABitFindsItsField_data();
    void clickOnABitFindsItsField();
    void labelBandBelongsToTheField();
    void pointsOutsideTheBitsHitNothing_data();
    void pointsOutsideTheBitsHitNothing();
    void fieldsSpanningRowsAreSplit_data();
    void fieldsSpanningRowsAreSplit();
    void showsTheHeaderAndOneRowOfPayload_data();
    void showsTheHeaderAndOneRowOfPayload();
    void narrowRowsHoldSixteenBits_data();
    void narrowRowsHoldSixteenBits();
};

void TestBitDiagramLayout::bitRectsFollowTheRfcDiagram_data()
{
    QTest::addColumn<qint64>("bit");
    QTest::addColumn<QRectF>("rect");
    // Row pitch = 20 (bits) + 16 (labels) + 4 (gap) = 40.
    QTest::addRow("bit 0, FIN") << qint64(0) << QRectF(40, 16, 20, 20);
    QTest::addRow("bit 8, MASK") << qint64(8) << QRectF(200, 16, 20, 20);
    QTest::addRow("bit 31") << qint64(31) << QRectF(660, 16, 20, 20);
    QTest::addRow("bit 32, second row") << qint64(32) << QRectF(40, 56, 20, 20);
    QTest::addRow("bit 79") << qint64(79) << QRectF(340, 96, 20, 20);
}

void TestBitDiagramLayout::bitRectsFollowTheRfcDiagram()
{
    QFETCH(qint64, bit);
    QFETCH(QRectF, rect);
    const BitDiagramLayout layout(testMetrics(), 96);
    QCOMPARE(layout.bitRect(bit), rect);
    QCOMPARE(layout.bitAt(rect.center()), std::optional<qint64>(bit));
    QCOMPARE(layout.bitNumberRect(int(bit % 32)).x(), rect.x());
}

void TestBitDiagramLayout::clickOnABitFindsItsField_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qint64>("bit");
    QTest::addColumn<FieldId>("field");

    // RFC 6455 §5.2: bit 0 FIN, 1-3 RSV1-3, 4-7 opcode, 8 MASK, 9-15 payload len, then the
    // extended length (16 or 64 bits) if any, the masking key if MASK = 1, then the payload.
    QTest::addRow("bit 0 is FIN") << maskedHello() << qint64(0) << FieldId::Fin;
    QTest::addRow("bit 1 is RSV1") << maskedHello() << qint64(1) << FieldId::Rsv1;
    QTest::addRow("bit 2 is RSV2") << maskedHello() << qint64(2) << FieldId::Rsv2;
    QTest::addRow("bit 3 is RSV3") << maskedHello() << qint64(3) << FieldId::Rsv3;
    QTest::addRow("bit 4 is opcode") << maskedHello() << qint64(4) << FieldId::Opcode;
    QTest::addRow("bit 7 is opcode") << maskedHello() << qint64(7) << FieldId::Opcode;
    QTest::addRow("bit 8 is MASK") << maskedHello() << qint64(8) << FieldId::Mask;
    QTest::addRow("bit 9 is payload len") << maskedHello() << qint64(9) << FieldId::PayloadLength;
    QTest::addRow("bit 15 is payload len") << maskedHello() << qint64(15) << FieldId::PayloadLength;
    QTest::addRow("bit 16, masked short: key") << maskedHello() << qint64(16) << FieldId::MaskingKey;
    QTest::addRow("bit 47, masked short: key") << maskedHello() << qint64(47) << FieldId::MaskingKey;
    QTest::addRow("bit 48, masked short: payload") << maskedHello() << qint64(48) << FieldId::Payload;
    QTest::addRow("bit 16, unmasked short: payload") << frame(5, false) << qint64(16) << FieldId::Payload;
    QTest::addRow("bit 31, len 256: ext16") << frame(256, true) << qint64(31) << FieldId::ExtendedPayloadLength16;
    QTest::addRow("bit 32, len 256: key") << frame(256, true) << qint64(32) << FieldId::MaskingKey;
    QTest::addRow("bit 79, len 65536: ext64") << frame(65536, true) << qint64(79) << FieldId::ExtendedPayloadLength64;
    QTest::addRow("bit 80, len 65536: key") << frame(65536, true) << qint64(80) << FieldId::MaskingKey;
    QTest::addRow("bit 112, len 65536: payload") << frame(65536, true) << qint64(112) << FieldId::Payload;
}

void TestBitDiagramLayout::clickOnABitFindsItsField()
{
    QFETCH(QByteArray, wire);
    QFETCH(qint64, bit);
    QFETCH(FieldId, field);
    const auto fields = fieldsOf(wire);
    const BitDiagramLayout layout(testMetrics(), BitDiagramLayout::bitsToShow(fields));
    QCOMPARE(layout.fieldAt(fields, layout.bitRect(bit).center()), std::optional(field));
}

void TestBitDiagramLayout::labelBandBelongsToTheField()
{
    const auto fields = fieldsOf(maskedHello());
    const BitDiagramLayout layout(testMetrics(), BitDiagramLayout::bitsToShow(fields));
    // Under bit 8's cell, in the label band.
    const QPointF underMask = layout.bitRect(8).center() + QPointF(0, 18);
    QCOMPARE(layout.fieldAt(fields, underMask), std::optional(FieldId::Mask));
}

void TestBitDiagramLayout::pointsOutsideTheBitsHitNothing_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addRow("bit numbers") << QPointF(50, 8);
    QTest::addRow("row offsets") << QPointF(20, 30);
    QTest::addRow("right of bit 31") << QPointF(681, 30);
    QTest::addRow("gap between rows") << QPointF(50, 16 + 36 + 2);
    QTest::addRow("past the last shown bit") << QPointF(40 + 20 * 25, 96 + 10); // bit 89 of 88
    QTest::addRow("below the diagram") << QPointF(50, 200);
}

void TestBitDiagramLayout::pointsOutsideTheBitsHitNothing()
{
    QFETCH(QPointF, point);
    const BitDiagramLayout layout(testMetrics(), 88);
    QCOMPARE(layout.bitAt(point), std::nullopt);
}

void TestBitDiagramLayout::fieldsSpanningRowsAreSplit_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<FieldId>("field");
    QTest::addColumn<QList<QRectF>>("segments");

    // Each segment covers the bit band and the label band (36 px).
    QTest::addRow("MASK, one bit") << maskedHello() << FieldId::Mask << QList<QRectF>{{200, 16, 20, 36}};
    QTest::addRow("masked short: key crosses a row")
            << maskedHello() << FieldId::MaskingKey << QList<QRectF>{{360, 16, 320, 36}, {40, 56, 320, 36}};
    QTest::addRow("ext64 over three rows")
            << frame(65536, false) << FieldId::ExtendedPayloadLength64
            << QList<QRectF>{{360, 16, 320, 36}, {40, 56, 640, 36}, {40, 96, 320, 36}};
    QTest::addRow("payload cut at the shown bits")
            << maskedHello() << FieldId::Payload << QList<QRectF>{{360, 56, 320, 36}, {40, 96, 480, 36}};
}

void TestBitDiagramLayout::fieldsSpanningRowsAreSplit()
{
    QFETCH(QByteArray, wire);
    QFETCH(FieldId, field);
    QFETCH(QList<QRectF>, segments);
    const auto fields = fieldsOf(wire);
    const BitDiagramLayout layout(testMetrics(), BitDiagramLayout::bitsToShow(fields));
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const auto &f) { return f.id == field; });
    QVERIFY(it != fields.end());
    QCOMPARE(layout.fieldSegments(*it), segments);
    QCOMPARE(layout.labelRect(segments.first()).height(), 16.0);
}

void TestBitDiagramLayout::showsTheHeaderAndOneRowOfPayload_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qint64>("bits");
    QTest::addColumn<int>("rows");
    QTest::addRow("§5.7 masked Hello: all 88 bits") << maskedHello() << qint64(88) << 3;
    QTest::addRow("unmasked, empty payload") << frame(0, false) << qint64(16) << 1;
    QTest::addRow("unmasked 1000 bytes: header row + 1") << frame(1000, false) << qint64(64) << 2;
    QTest::addRow("masked 64 KiB: 14 header bytes") << frame(65536, true) << qint64(160) << 5;
}

void TestBitDiagramLayout::showsTheHeaderAndOneRowOfPayload()
{
    QFETCH(QByteArray, wire);
    QFETCH(qint64, bits);
    QFETCH(int, rows);
    const auto fields = fieldsOf(wire);
    QCOMPARE(BitDiagramLayout::bitsToShow(fields), bits);
    const BitDiagramLayout layout(testMetrics(), bits);
    QCOMPARE(layout.rowCount(), rows);
    QCOMPARE(layout.height(), 16 + rows * 36 + (rows - 1) * 4 + 1.0);
}

void TestBitDiagramLayout::narrowRowsHoldSixteenBits_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qint64>("bits");
    QTest::addColumn<int>("rows");
    // Two header bytes a row; the header's rows and one more row of payload, as in 32-bit rows.
    QTest::addRow("§5.7 masked Hello: 6 header bytes + 2 payload") << maskedHello() << qint64(64) << 4;
    QTest::addRow("unmasked, empty payload") << frame(0, false) << qint64(16) << 1;
    QTest::addRow("unmasked 1000 bytes: 4 header bytes + 2") << frame(1000, false) << qint64(48) << 3;
    QTest::addRow("masked 64 KiB: 14 header bytes + 2") << frame(65536, true) << qint64(128) << 8;
}

void TestBitDiagramLayout::narrowRowsHoldSixteenBits()
{
    QFETCH(QByteArray, wire);
    QFETCH(qint64, bits);
    QFETCH(int, rows);
    const auto fields = fieldsOf(wire);
    QCOMPARE(BitDiagramLayout::bitsToShow(fields, BitDiagramLayout::narrowBitsPerRow), bits);
    const BitDiagramLayout layout(testMetrics(), bits, BitDiagramLayout::narrowBitsPerRow);
    QCOMPARE(layout.bitsPerRow(), 16);
    QCOMPARE(layout.rowCount(), rows);
    QCOMPARE(layout.width(), 40 + 16 * 20 + 1.0);
    // Bit 16 (the masking key's first, or the extended length's) starts the second row.
    QCOMPARE(layout.bitRect(16), QRectF(40, 16 + 36 + 4, 20, 20));
    QCOMPARE(layout.bitAt(layout.bitRect(15).center()), std::optional<qint64>(15));
    // A 16-bit field fits one row; the 32-bit masking key of a masked frame takes two.
    for (const auto &field : fields) {
        const qint64 shown = std::min(field.bitOffset + field.bitLength, bits) - field.bitOffset;
        if (field.id == FieldId::MaskingKey)
            QCOMPARE(layout.fieldSegments(field).size(), (field.bitOffset % 16 + shown + 15) / 16);
    }
}

QTEST_APPLESS_MAIN(TestBitDiagramLayout)
#include "tst_bitdiagramlayout.moc"
