#include "inspector/fieldcolors.h"
#include "inspector/hexview.h"

#include "inspector/capturesamples.h"

#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::FieldId;

class TestHexView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsTheWholeFrameAsOnTheWire();
    void paintsFieldColours();
    void clickEmitsByteOffsetAndField_data();
    void clickEmitsByteOffsetAndField();
    void clickOutsideTheBytesEmitsNothing();
    void hoverEmitsTheByteAndLeaveClearsIt();
    void highlightingAFieldPaintsItsBitsStrong();
    void sixteenMebibyteFrameScrollsByRows();
    void narrowViewShowsEightBytesARow();

private:
    [[nodiscard]] QColor pixelAt(const QImage &image, QPointF viewportPoint) const;
    HexView *m_view = nullptr;
};

void TestHexView::init()
{
    m_view = new HexView;
    m_view->resize(720, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setFrame(frameFromWire(maskedHelloWire()));
}

void TestHexView::cleanup()
{
    delete m_view;
}

QColor TestHexView::pixelAt(const QImage &image, QPointF viewportPoint) const
{
    const QPoint inWidget = m_view->viewport()->mapTo(m_view, viewportPoint.toPoint());
    const qreal dpr = image.devicePixelRatio();
    return image.pixelColor(QPoint(int(inWidget.x() * dpr), int(inWidget.y() * dpr)));
}

void TestHexView::showsTheWholeFrameAsOnTheWire()
{
    QCOMPARE(m_view->bytes(), maskedHelloWire()); // masked payload, as sent
    QCOMPARE(m_view->layout().byteCount(), 11);
    QCOMPARE(m_view->fieldOfByte(0), std::optional(FieldId::Fin));
    QCOMPARE(m_view->fieldOfByte(1), std::optional(FieldId::Mask));
    QCOMPARE(m_view->fieldOfByte(5), std::optional(FieldId::MaskingKey));
    QCOMPARE(m_view->fieldOfByte(6), std::optional(FieldId::Payload));
    const QImage image = m_view->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(pixelAt(image, {2, 2}) != pixelAt(image, m_view->hexCellInViewport(6).topLeft() + QPointF(2, 2)));
}

void TestHexView::paintsFieldColours()
{
    const QImage image = m_view->grab().toImage();
    const QPalette &pal = m_view->palette();
    // Corners of the cells, away from the digits. Byte 0's first eighth is FIN, its last half opcode.
    const QRectF byte0 = m_view->hexCellInViewport(0);
    QCOMPARE(pixelAt(image, byte0.topLeft() + QPointF(1, 1)), FieldColors::fill(FieldId::Fin, pal));
    QCOMPARE(pixelAt(image, byte0.topRight() + QPointF(-2, 1)), FieldColors::fill(FieldId::Opcode, pal));
    QCOMPARE(pixelAt(image, m_view->hexCellInViewport(3).topLeft() + QPointF(2, 1)),
             FieldColors::fill(FieldId::MaskingKey, pal));
    QCOMPARE(pixelAt(image, m_view->hexCellInViewport(8).topLeft() + QPointF(2, 1)),
             FieldColors::fill(FieldId::Payload, pal));
}

void TestHexView::clickEmitsByteOffsetAndField_data()
{
    QTest::addColumn<qint64>("byte");
    QTest::addColumn<FieldId>("field");
    QTest::addRow("byte 0: FIN first") << qint64(0) << FieldId::Fin;
    QTest::addRow("byte 1: MASK first") << qint64(1) << FieldId::Mask;
    QTest::addRow("byte 2: key") << qint64(2) << FieldId::MaskingKey;
    QTest::addRow("byte 5: key") << qint64(5) << FieldId::MaskingKey;
    QTest::addRow("byte 6: payload") << qint64(6) << FieldId::Payload;
    QTest::addRow("byte 10: payload") << qint64(10) << FieldId::Payload;
}

void TestHexView::clickEmitsByteOffsetAndField()
{
    QFETCH(qint64, byte);
    QFETCH(FieldId, field);
    QSignalSpy bytes(m_view, &HexView::byteClicked);
    QSignalSpy fields(m_view, &HexView::fieldClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->hexCellInViewport(byte).center().toPoint());
    QCOMPARE(bytes.count(), 1);
    QCOMPARE(bytes.at(0).at(0).value<qint64>(), byte);
    QCOMPARE(fields.count(), 1);
    QCOMPARE(fields.at(0).at(0).value<FieldId>(), field);

    // The ASCII column answers for the same byte.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      (m_view->layout().asciiCellRect(byte).center() - QPointF(0, 0)).toPoint());
    QCOMPARE(bytes.count(), 2);
    QCOMPARE(bytes.at(1).at(0).value<qint64>(), byte);
}

void TestHexView::clickOutsideTheBytesEmitsNothing()
{
    QSignalSpy bytes(m_view, &HexView::byteClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(2, 2));        // offset column
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      m_view->hexCellInViewport(15).center().toPoint());            // past byte 10
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(100, 250));    // below the rows
    QCOMPARE(bytes.count(), 0);
}

void TestHexView::hoverEmitsTheByteAndLeaveClearsIt()
{
    QSignalSpy hovered(m_view, &HexView::byteHovered);
    QSignalSpy fieldHovered(m_view, &HexView::fieldHovered);
    QTest::mouseMove(m_view->viewport(), m_view->hexCellInViewport(4).center().toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(hovered.count(), 1, 2000);
    QCOMPARE(hovered.at(0).at(0).value<qint64>(), 4);
    QCOMPARE(fieldHovered.at(0).at(0).value<FieldId>(), FieldId::MaskingKey);
    QTest::mouseMove(m_view->viewport(), QPoint(2, 2));
    QTRY_COMPARE_WITH_TIMEOUT(hovered.count(), 2, 2000);
    QCOMPARE(hovered.at(1).at(0).value<qint64>(), -1);
}

void TestHexView::highlightingAFieldPaintsItsBitsStrong()
{
    m_view->highlightField(FieldId::MaskingKey);
    QCOMPARE(m_view->highlightedFirstBit(), 16);
    QCOMPARE(m_view->highlightedBitCount(), 32);
    const QImage image = m_view->grab().toImage();
    const QPalette &pal = m_view->palette();
    QCOMPARE(pixelAt(image, m_view->hexCellInViewport(2).topLeft() + QPointF(2, 1)),
             FieldColors::strong(FieldId::MaskingKey, pal));
    QCOMPARE(pixelAt(image, m_view->hexCellInViewport(6).topLeft() + QPointF(2, 1)),
             FieldColors::fill(FieldId::Payload, pal));

    m_view->highlightField(FieldId::Fin); // one bit: only the first eighth of byte 0
    const QImage fin = m_view->grab().toImage();
    const QRectF byte0 = m_view->hexCellInViewport(0);
    QCOMPARE(pixelAt(fin, byte0.topLeft() + QPointF(1, 1)), FieldColors::strong(FieldId::Fin, pal));
    QCOMPARE(pixelAt(fin, byte0.topRight() + QPointF(-2, 1)), FieldColors::fill(FieldId::Opcode, pal));
    m_view->clearHighlight();
    QCOMPARE(m_view->highlightedBitCount(), 0);
}

void TestHexView::sixteenMebibyteFrameScrollsByRows()
{
    const QByteArray payload(16 * 1024 * 1024, 'w');
    m_view->setFrame(frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, payload, true,
                                                                  protocol::MaskKey{1, 2, 3, 4})));
    const qint64 rows = m_view->layout().rowCount();
    QCOMPARE(rows, (payload.size() + 14 + 15) / 16);
    QCOMPARE(qint64(m_view->verticalScrollBar()->maximum()), rows - m_view->verticalScrollBar()->pageStep());

    for (int i = 0; i < 20; ++i) { // twenty paints anywhere in the frame
        m_view->verticalScrollBar()->setValue(int(rows * i / 20));
        QVERIFY(!m_view->grab().isNull());
    }

    QSignalSpy bytes(m_view, &HexView::byteClicked);
    const qint64 last = m_view->bytes().size() - 1;
    m_view->scrollToByte(last);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->hexCellInViewport(last).center().toPoint());
    QCOMPARE(bytes.count(), 1);
    QCOMPARE(bytes.at(0).at(0).value<qint64>(), last);
}

void TestHexView::narrowViewShowsEightBytesARow()
{
    // RFC 6455 §5.7 masked "Hello" is 11 bytes: one row of sixteen, or two of eight.
    QCOMPARE(m_view->layout().metrics().bytesPerRow, 16);
    QCOMPARE(m_view->layout().rowCount(), 1);
    const int wide = m_view->sizeHint().width();
    m_view->resize(wide * 2 / 3, 300);
    QTRY_COMPARE(m_view->layout().metrics().bytesPerRow, 8);
    QCOMPARE(m_view->layout().rowCount(), 2);
    QVERIFY(m_view->layout().width() <= m_view->viewport()->width());
    QCOMPARE(m_view->horizontalScrollBar()->maximum(), 0);
    QCOMPARE(m_view->sizeHint().width(), wide); // still asks for sixteen
    // Clicks still land on the right byte: byte 9 is the second row's second.
    QSignalSpy clicked(m_view, &HexView::byteClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->layout().hexCellRect(9).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toLongLong(), 9);
    m_view->resize(720, 300);
    QTRY_COMPARE(m_view->layout().metrics().bytesPerRow, 16);
}

QTEST_MAIN(TestHexView)
#include "tst_hexview.moc"
