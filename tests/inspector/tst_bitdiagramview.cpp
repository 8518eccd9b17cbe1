#include "inspector/bitdiagramview.h"
#include "inspector/fieldcolors.h"

#include "inspector/capturesamples.h"

#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::FieldId;

class TestBitDiagramView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void clickOnABitEmitsItsField_data();
    void clickOnABitEmitsItsField();
    void hoverEmitsTheFieldAndExplainsIt();
    void paintsFieldColoursAndTheLengthTier_data();
    void paintsFieldColoursAndTheLengthTier();
    void highlightingAByteMarksItsEightBits();
    void everyFieldGetsALabelAtTheNarrowestWidth_data();
    void everyFieldGetsALabelAtTheNarrowestWidth();
    void emptyViewSaysWhatToDo();
    void rowsOfSixteenBitsWhenNarrow_data();
    void rowsOfSixteenBitsWhenNarrow();
    void lengthFormsShareALineWhenWide();

private:
    BitDiagramView *m_view = nullptr;
};

void TestBitDiagramView::init()
{
    m_view = new BitDiagramView;
    m_view->resize(900, 360);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->setFrame(frameFromWire(maskedHelloWire()));
}

void TestBitDiagramView::cleanup()
{
    delete m_view;
}

void TestBitDiagramView::clickOnABitEmitsItsField_data()
{
    QTest::addColumn<qint64>("bit");
    QTest::addColumn<FieldId>("field");
    // RFC 6455 §5.2 numbering: bit 8 is MASK, bits 9-15 the 7-bit payload len.
    QTest::addRow("bit 0") << qint64(0) << FieldId::Fin;
    QTest::addRow("bit 3") << qint64(3) << FieldId::Rsv3;
    QTest::addRow("bit 5") << qint64(5) << FieldId::Opcode;
    QTest::addRow("bit 8") << qint64(8) << FieldId::Mask;
    QTest::addRow("bit 9") << qint64(9) << FieldId::PayloadLength;
    QTest::addRow("bit 15") << qint64(15) << FieldId::PayloadLength;
    QTest::addRow("bit 16") << qint64(16) << FieldId::MaskingKey;
    QTest::addRow("bit 50") << qint64(50) << FieldId::Payload;
}

void TestBitDiagramView::clickOnABitEmitsItsField()
{
    QFETCH(qint64, bit);
    QFETCH(FieldId, field);
    QSignalSpy fields(m_view, &BitDiagramView::fieldClicked);
    QSignalSpy bits(m_view, &BitDiagramView::bitClicked);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, m_view->layout().bitRect(bit).center().toPoint());
    QCOMPARE(bits.count(), 1);
    QCOMPARE(bits.at(0).at(0).value<qint64>(), bit);
    QCOMPARE(fields.count(), 1);
    QCOMPARE(fields.at(0).at(0).value<FieldId>(), field);
}

void TestBitDiagramView::hoverEmitsTheFieldAndExplainsIt()
{
    QSignalSpy hovered(m_view, &BitDiagramView::fieldHovered);
    QSignalSpy left(m_view, &BitDiagramView::hoverLeft);
    const QPoint overKey = m_view->layout().bitRect(20).center().toPoint();
    QTest::mouseMove(m_view, overKey);
    QTRY_COMPARE_WITH_TIMEOUT(hovered.count(), 1, 2000);
    QCOMPARE(hovered.at(0).at(0).value<FieldId>(), FieldId::MaskingKey);
    QCOMPARE(m_view->hoveredField(), std::optional(FieldId::MaskingKey));

    QHelpEvent help(QEvent::ToolTip, overKey, m_view->mapToGlobal(overKey));
    QCoreApplication::sendEvent(m_view, &help);
    QVERIFY2(QToolTip::text().contains("i mod 4"), qPrintable(QToolTip::text()));

    QTest::mouseMove(m_view, QPoint(2, 2)); // over the bit numbers: no field
    QTRY_COMPARE_WITH_TIMEOUT(left.count(), 1, 2000);
    QCOMPARE(m_view->hoveredField(), std::nullopt);
}

void TestBitDiagramView::paintsFieldColoursAndTheLengthTier_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<protocol::LengthForm>("form");
    QTest::addColumn<FieldId>("tierField");
    QTest::addRow("7-bit") << maskedHelloWire() << protocol::LengthForm::Short7 << FieldId::PayloadLength;
    QTest::addRow("16-bit") << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(256, 'a'))
                            << protocol::LengthForm::Extended16 << FieldId::ExtendedPayloadLength16;
    QTest::addRow("64-bit") << protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(65536, 'a'))
                            << protocol::LengthForm::Extended64 << FieldId::ExtendedPayloadLength64;
}

void TestBitDiagramView::paintsFieldColoursAndTheLengthTier()
{
    QFETCH(QByteArray, wire);
    QFETCH(protocol::LengthForm, form);
    QFETCH(FieldId, tierField);
    m_view->setFrame(frameFromWire(wire));
    const QImage image = m_view->grab().toImage();
    const QPalette &pal = m_view->palette();
    const auto pixel = [&](QPointF p) { return image.pixelColor((p * image.devicePixelRatio()).toPoint()); };
    // Just inside a cell's corner, away from the digit and the border.
    QCOMPARE(pixel(m_view->layout().bitRect(8).topLeft() + QPointF(3, 3)), FieldColors::fill(FieldId::Mask, pal));
    QCOMPARE(pixel(m_view->layout().bitRect(4).topLeft() + QPointF(3, 3)), FieldColors::fill(FieldId::Opcode, pal));
    QCOMPARE(pixel(m_view->layout().bitRect(17).topLeft() + QPointF(3, 3)),
             FieldColors::fill(form == protocol::LengthForm::Short7 ? FieldId::MaskingKey : tierField, pal));
    // The length form in use is marked under the diagram, in its field's colour.
    const QRectF tier = m_view->tierRect(form);
    QCOMPARE(pixel(tier.topRight() + QPointF(-3, 3)), FieldColors::fill(tierField, pal));
    for (auto other : {protocol::LengthForm::Short7, protocol::LengthForm::Extended16, protocol::LengthForm::Extended64}) {
        if (other != form)
            QCOMPARE(pixel(m_view->tierRect(other).topRight() + QPointF(-3, 3)), pal.color(QPalette::Base));
    }
    QVERIFY(tier.bottom() <= m_view->height()); // not clipped
}

void TestBitDiagramView::highlightingAByteMarksItsEightBits()
{
    m_view->highlightByte(1);
    QCOMPARE(m_view->highlightedFirstBit(), 8);
    QCOMPARE(m_view->highlightedBitCount(), 8);
    const QImage image = m_view->grab().toImage();
    const auto pixel = [&](QPointF p) { return image.pixelColor((p * image.devicePixelRatio()).toPoint()); };
    QCOMPARE(pixel(m_view->layout().bitRect(8).topLeft() + QPointF(3, 3)),
             FieldColors::strong(FieldId::Mask, m_view->palette()));
    QCOMPARE(pixel(m_view->layout().bitRect(12).topLeft() + QPointF(3, 3)),
             FieldColors::strong(FieldId::PayloadLength, m_view->palette()));
    QCOMPARE(pixel(m_view->layout().bitRect(7).topLeft() + QPointF(3, 3)),
             FieldColors::fill(FieldId::Opcode, m_view->palette()));
    m_view->highlightField(FieldId::MaskingKey);
    QCOMPARE(m_view->highlightedFirstBit(), 16);
    QCOMPARE(m_view->highlightedBitCount(), 32);
}

void TestBitDiagramView::everyFieldGetsALabelAtTheNarrowestWidth_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addRow("masked 7-bit") << maskedHelloWire();
    QTest::addRow("masked 64-bit")
            << protocol::FrameEncoder::encode(protocol::Opcode::Text, QByteArray(70000, 'a'), true,
                                              protocol::MaskKey{0xde, 0xad, 0xbe, 0xef});
}

void TestBitDiagramView::everyFieldGetsALabelAtTheNarrowestWidth()
{
    QFETCH(QByteArray, wire);
    m_view->setFrame(frameFromWire(wire));
    // The narrowest width (a byte a row) with the height a layout gives it for that width.
    const int narrowest = m_view->minimumSizeHint().width();
    const QSize size(narrowest, m_view->heightForWidth(narrowest));
    m_view->resize(size);
    QTRY_COMPARE(m_view->size(), size);
    QVERIFY(m_view->layout().width() <= m_view->width());
    for (const auto &field : m_view->fields()) {
        const auto segments = m_view->layout().fieldSegments(field);
        const auto widest = *std::max_element(segments.begin(), segments.end(),
                                              [](const QRectF &a, const QRectF &b) { return a.width() < b.width(); });
        QVERIFY2(!m_view->labelFor(field, widest.width()).isEmpty(), protocol::fieldName(field.id));
    }
    QVERIFY(m_view->tierRect(protocol::LengthForm::Extended64).bottom() <= m_view->height());
}

void TestBitDiagramView::emptyViewSaysWhatToDo()
{
    m_view->clear();
    QVERIFY(!m_view->hasFrame());
    QCOMPARE(m_view->layout().bitCount(), 0);
    QSignalSpy fields(m_view, &BitDiagramView::fieldClicked);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, QPoint(100, 40));
    QCOMPARE(fields.count(), 0);
    const QImage image = m_view->grab().toImage();
    QVERIFY(!image.isNull());
}

void TestBitDiagramView::rowsOfSixteenBitsWhenNarrow_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("bitsPerRow");
    QTest::addRow("900 px: the RFC's 32") << 900 << 32;
    QTest::addRow("400 px (the composer's column): 16") << 400 << 16;
}

void TestBitDiagramView::rowsOfSixteenBitsWhenNarrow()
{
    QFETCH(int, width);
    QFETCH(int, bitsPerRow);
    m_view->resize(width, m_view->heightForWidth(width));
    QTRY_COMPARE(m_view->width(), width);
    QCOMPARE(m_view->layout().bitsPerRow(), bitsPerRow);
    // Nothing is cut off: the diagram and the length forms fit the widget.
    QVERIFY(m_view->layout().width() <= width);
    QCOMPARE(m_view->height(), m_view->heightForWidth(width));
    for (auto form : {protocol::LengthForm::Short7, protocol::LengthForm::Extended16, protocol::LengthForm::Extended64}) {
        const QRectF tier = m_view->tierRect(form);
        QVERIFY(tier.right() <= width);
        QVERIFY(tier.bottom() <= m_view->height());
    }
    // Bit 16 (the masking key of RFC 6455 §5.7's masked "Hello") is where the rows say it is.
    const QRectF key = m_view->layout().bitRect(16);
    QCOMPARE(key.left(), bitsPerRow == 16 ? m_view->layout().bitRect(0).left() : m_view->layout().bitRect(15).right());
    QSignalSpy fields(m_view, &BitDiagramView::fieldClicked);
    QTest::mouseClick(m_view, Qt::LeftButton, {}, key.center().toPoint());
    QCOMPARE(fields.count(), 1);
    QCOMPARE(fields.first().first().value<FieldId>(), FieldId::MaskingKey);
}

void TestBitDiagramView::lengthFormsShareALineWhenWide()
{
    using protocol::LengthForm;
    m_view->resize(900, m_view->heightForWidth(900));
    QTRY_COMPARE(m_view->width(), 900);
    const QRectF used = m_view->tierRect(LengthForm::Short7);
    const QRectF next = m_view->tierRect(LengthForm::Extended16);
    const QRectF last = m_view->tierRect(LengthForm::Extended64);
    QCOMPARE(next.top(), used.top());
    QCOMPARE(last.top(), used.top());
    QVERIFY(used.right() < next.left());
    QVERIFY(next.right() < last.left());
    // At the narrowest width the form in use gets its own line(s), the others go under it.
    m_view->resize(m_view->minimumSizeHint());
    QTRY_COMPARE(m_view->size(), m_view->minimumSizeHint());
    QVERIFY(m_view->tierRect(LengthForm::Extended16).top() >= m_view->tierRect(LengthForm::Short7).bottom());
    QVERIFY(m_view->heightForWidth(m_view->width()) > m_view->heightForWidth(900));
}

QTEST_MAIN(TestBitDiagramView)
#include "tst_bitdiagramview.moc"
