#include "inspector/hexlayout.h"

#include <QTest>

using wslab::inspector::HexLayout;

namespace {

// Round numbers so expected rectangles can be written down: 8 px characters, 16 px lines,
// 16 bytes per row in two groups of 8, an 8-digit offset column and 4 px of padding.
HexLayout::Metrics testMetrics()
{
    HexLayout::Metrics m;
    m.charWidth = 8;
    m.lineHeight = 16;
    m.bytesPerRow = 16;
    m.groupSize = 8;
    m.offsetDigits = 8;
    m.padding = 4;
    return m;
}

} // namespace

class TestHexLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsLineUp();
    void hexCellRects_data();
    void hexCellRects();
    void everyByteHitsItself_data();
    void everyByteHitsItself();
    void pointsOutsideBytesHitNothing_data();
    void pointsOutsideBytesHitNothing();
    void visibleRows_data();
    void visibleRows();
    void sixteenMebibytesStillAddressable();
};

void TestHexLayout::columnsLineUp()
{
    const HexLayout layout(testMetrics(), 100);
    QCOMPARE(layout.rowCount(), 7);
    QCOMPARE(layout.height(), 7 * 16.0);
    QCOMPARE(layout.offsetColumnX(), 4.0);
    QCOMPARE(layout.hexColumnX(), 4.0 + 10 * 8);          // 8 digits + 2 characters of gap
    QCOMPARE(layout.asciiColumnX(), 84.0 + 49 * 8 + 8);   // 16 * 3 + 1 group gap, then 1 gap
    QCOMPARE(layout.width(), 484.0 + 16 * 8 + 4);
    QCOMPARE(layout.offsetRect(2), QRectF(4, 32, 64, 16));
}

void TestHexLayout::hexCellRects_data()
{
    QTest::addColumn<qint64>("byte");
    QTest::addColumn<QRectF>("hexCell");
    QTest::addColumn<QRectF>("asciiCell");

    QTest::addRow("first byte") << qint64(0) << QRectF(80, 0, 24, 16) << QRectF(484, 0, 8, 16);
    QTest::addRow("end of first group") << qint64(7) << QRectF(248, 0, 24, 16) << QRectF(540, 0, 8, 16);
    QTest::addRow("start of second group") << qint64(8) << QRectF(280, 0, 24, 16) << QRectF(548, 0, 8, 16);
    QTest::addRow("end of row") << qint64(15) << QRectF(448, 0, 24, 16) << QRectF(604, 0, 8, 16);
    QTest::addRow("second row") << qint64(16) << QRectF(80, 16, 24, 16) << QRectF(484, 16, 8, 16);
    QTest::addRow("row 5, byte 9") << qint64(89) << QRectF(304, 80, 24, 16) << QRectF(556, 80, 8, 16);
}

void TestHexLayout::hexCellRects()
{
    QFETCH(qint64, byte);
    QFETCH(QRectF, hexCell);
    QFETCH(QRectF, asciiCell);
    const HexLayout layout(testMetrics(), 100);
    QCOMPARE(layout.hexCellRect(byte), hexCell);
    QCOMPARE(layout.asciiCellRect(byte), asciiCell);
}

void TestHexLayout::everyByteHitsItself_data()
{
    QTest::addColumn<int>("bytesPerRow");
    QTest::addColumn<int>("groupSize");
    QTest::addRow("16 in groups of 8") << 16 << 8;
    QTest::addRow("8 in groups of 4") << 8 << 4;
    QTest::addRow("32 in groups of 8") << 32 << 8;
}

void TestHexLayout::everyByteHitsItself()
{
    QFETCH(int, bytesPerRow);
    QFETCH(int, groupSize);
    HexLayout::Metrics m = testMetrics();
    m.bytesPerRow = bytesPerRow;
    m.groupSize = groupSize;
    const HexLayout layout(m, 100);
    for (qint64 byte = 0; byte < 100; ++byte) {
        const QRectF hex = layout.hexCellRect(byte);
        // The centre and both edges just inside the cell.
        for (QPointF p : {hex.center(), hex.topLeft() + QPointF(0.01, 0.01), hex.bottomRight() - QPointF(0.01, 0.01)})
            QCOMPARE(layout.byteAt(p), std::optional<qint64>(byte));
        QCOMPARE(layout.byteAt(layout.asciiCellRect(byte).center()), std::optional<qint64>(byte));
        QCOMPARE(layout.columnAt(hex.center()), std::optional(HexLayout::Column::Hex));
    }
}

void TestHexLayout::pointsOutsideBytesHitNothing_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addRow("offset column") << QPointF(20, 8);
    QTest::addRow("gap between groups") << QPointF(276, 8);
    QTest::addRow("gap before ASCII") << QPointF(476, 8);
    QTest::addRow("right margin") << QPointF(614, 8);
    QTest::addRow("above") << QPointF(100, -1);
    QTest::addRow("below the last row") << QPointF(100, 2 * 16 + 1);
    QTest::addRow("past the last byte, hex") << QPointF(188, 16 + 8);
    QTest::addRow("past the last byte, ASCII") << QPointF(484 + 5 * 8 + 4, 16 + 8);
}

void TestHexLayout::pointsOutsideBytesHitNothing()
{
    QFETCH(QPointF, point);
    const HexLayout layout(testMetrics(), 20); // row 1 holds bytes 16..19 only
    QCOMPARE(layout.byteAt(point), std::nullopt);
}

void TestHexLayout::visibleRows_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<qreal>("top");
    QTest::addColumn<qreal>("height");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");

    QTest::addRow("top of a long dump") << qint64(1000) << 0.0 << 160.0 << qint64(0) << qint64(9);
    QTest::addRow("half rows at both ends") << qint64(1000) << 8.0 << 16.0 << qint64(0) << qint64(1);
    QTest::addRow("clamped at the end") << qint64(1000) << 60 * 16.0 << 1000.0 << qint64(60) << qint64(62);
    QTest::addRow("taller than the dump") << qint64(20) << 0.0 << 1000.0 << qint64(0) << qint64(1);
    QTest::addRow("below the dump") << qint64(20) << 100.0 << 50.0 << qint64(0) << qint64(-1);
    QTest::addRow("empty dump") << qint64(0) << 0.0 << 100.0 << qint64(0) << qint64(-1);
    QTest::addRow("zero height") << qint64(1000) << 0.0 << 0.0 << qint64(0) << qint64(-1);
}

void TestHexLayout::visibleRows()
{
    QFETCH(qint64, bytes);
    QFETCH(qreal, top);
    QFETCH(qreal, height);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const HexLayout layout(testMetrics(), bytes);
    const auto rows = layout.visibleRows(top, height);
    QCOMPARE(rows.first, first);
    QCOMPARE(rows.last, last);
}

void TestHexLayout::sixteenMebibytesStillAddressable()
{
    const qint64 bytes = 16 * 1024 * 1024 + 14;
    const HexLayout layout(testMetrics(), bytes);
    QCOMPARE(layout.rowCount(), (bytes + 15) / 16);
    const qint64 last = bytes - 1;
    QCOMPARE(layout.byteAt(layout.hexCellRect(last).center()), std::optional<qint64>(last));
    const auto rows = layout.visibleRows(layout.rowTop(500'000), 320);
    QCOMPARE(rows.first, 500'000);
    QCOMPARE(rows.count(), 20);
}

QTEST_APPLESS_MAIN(TestHexLayout)
#include "tst_hexlayout.moc"
