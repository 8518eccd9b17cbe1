#include "inspector/bitdiagramview.h"
#include "inspector/explainpanel.h"
#include "inspector/fragmentgrouper.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/hexview.h"
#include "inspector/payloadview.h"

#include "inspector/capturesamples.h"

#include <QAction>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::FieldId;

Q_DECLARE_METATYPE(wslab::capture::Direction)

using Span = std::pair<qint64, qint64>; // first bit, bit count

class TestFrameDetailPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void nextFieldWalksTheParse();
    void previousFieldWrapsToThePayload();
    void clickingABitStepsToItsField();
    void clickingAByteHighlightsItsBitsAndField();
    void hoverShowsTheFieldsBytesThenRestoresTheStep();
    void fragmentsListTheirRecordsAndReassemble();
    void httpRecordHasNoFieldsToStep();
    void brokenFrameShowsItsHeaderAndTheBitAtFault();
    void compressedFrameShowsWireBytesAndInflatedMessage();
    void compressedFragmentsShowTheInflatedMessage_data();
    void compressedFragmentsShowTheInflatedMessage();
    void bytesBesideTheNarrationWhenWide_data();
    void bytesBesideTheNarrationWhenWide();
    void wholeDiagramAndADozenHexRowsOnASmallLaptop();
    void tallHeaderShowsWholeOnASmallLaptop();

private:
    [[nodiscard]] Span hexSpan() const { return {m_pane->hexView()->highlightedFirstBit(), m_pane->hexView()->highlightedBitCount()}; }
    [[nodiscard]] Span bitSpan() const { return {m_pane->bitDiagram()->highlightedFirstBit(), m_pane->bitDiagram()->highlightedBitCount()}; }
    FrameDetailPane *m_pane = nullptr;
};

void TestFrameDetailPane::init()
{
    m_pane = new FrameDetailPane;
    m_pane->resize(1000, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane));
    m_pane->showRecord(frameRecord(1, maskedHelloWire()));
}

void TestFrameDetailPane::cleanup()
{
    delete m_pane;
}

void TestFrameDetailPane::nextFieldWalksTheParse()
{
    QCOMPARE(m_pane->stepCount(), 7);
    QCOMPARE(m_pane->currentStep(), -1);
    // RFC 6455 §5.7 masked "Hello": FIN, RSV1-3, opcode, MASK, payload len, key, payload.
    const QList<Span> expected{{0, 1}, {1, 3}, {4, 4}, {8, 1}, {9, 7}, {16, 32}, {48, 40}};
    const QStringList briefs{"FIN=1", "RSV=000", "opcode=0x1", "MASK=1", "length 5", "masking key", "payload"};
    QSignalSpy changed(m_pane, &FrameDetailPane::stepChanged);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        m_pane->nextFieldAction()->trigger();
        QCOMPARE(m_pane->currentStep(), int(i));
        QCOMPARE(hexSpan(), expected.at(i));
        QCOMPARE(bitSpan(), expected.at(i));
        QCOMPARE(m_pane->explainPanel()->currentStep(), int(i));
        QVERIFY2(m_pane->stepText().contains(briefs.at(i)), qPrintable(m_pane->stepText()));
    }
    QCOMPARE(changed.count(), 7);
    m_pane->nextField(); // wraps
    QCOMPARE(m_pane->currentStep(), 0);
}

void TestFrameDetailPane::previousFieldWrapsToThePayload()
{
    m_pane->previousFieldAction()->trigger();
    QCOMPARE(m_pane->currentStep(), 6);
    QCOMPARE(hexSpan(), (Span{48, 40}));
    m_pane->previousField();
    QCOMPARE(hexSpan(), (Span{16, 32}));
}

void TestFrameDetailPane::clickingABitStepsToItsField()
{
    BitDiagramView *bits = m_pane->bitDiagram();
    QTest::mouseClick(bits, Qt::LeftButton, {}, bits->layout().bitRect(8).center().toPoint());
    QCOMPARE(m_pane->currentStep(), 3);
    QCOMPARE(hexSpan(), (Span{8, 1}));
    QTest::mouseClick(bits, Qt::LeftButton, {}, bits->layout().bitRect(2).center().toPoint());
    QCOMPARE(m_pane->currentStep(), 1); // RSV2 belongs to the RSV step
    QCOMPARE(hexSpan(), (Span{1, 3}));
}

void TestFrameDetailPane::clickingAByteHighlightsItsBitsAndField()
{
    HexView *hex = m_pane->hexView();
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, hex->hexCellInViewport(3).center().toPoint());
    QCOMPARE(m_pane->currentStep(), 5); // the masking key
    QCOMPARE(m_pane->explainPanel()->currentStep(), 5);
    QCOMPARE(bitSpan(), (Span{24, 8}));  // byte 3's own bits
    QCOMPARE(hexSpan(), (Span{16, 32})); // the whole key
}

void TestFrameDetailPane::hoverShowsTheFieldsBytesThenRestoresTheStep()
{
    m_pane->setStep(0);
    Q_EMIT m_pane->bitDiagram()->fieldHovered(FieldId::MaskingKey);
    QCOMPARE(hexSpan(), (Span{16, 32}));
    Q_EMIT m_pane->bitDiagram()->hoverLeft();
    QCOMPARE(hexSpan(), (Span{0, 1}));
}

void TestFrameDetailPane::fragmentsListTheirRecordsAndReassemble()
{
    FrameCaptureModel model;
    model.appendBatch({frameRecord(11, firstFragmentWire(), 1, Direction::Outbound),
                       frameRecord(12, lastFragmentWire(), 1, Direction::Outbound)});
    m_pane->showRecord(model.record(1));
    m_pane->showFragments(FragmentGrouper::find(model, 1));
    QVERIFY2(m_pane->fragmentsText().contains("2 fragments"), qPrintable(m_pane->fragmentsText()));
    QVERIFY(m_pane->fragmentsText().contains("record:11"));
    QVERIFY(m_pane->fragmentsText().contains("record:12"));
    // Linked by record id, shown by their numbers in the table (1 and 2, whatever the ids).
    QVERIFY2(m_pane->fragmentsText().contains(">#1<") && m_pane->fragmentsText().contains(">#2<"),
             qPrintable(m_pane->fragmentsText()));
    QCOMPARE(m_pane->messageView()->content(PayloadView::Mode::Text), QStringLiteral("Hello"));

    QSignalSpy activated(m_pane, &FrameDetailPane::fragmentActivated);
    const auto labels = m_pane->findChildren<QLabel *>();
    const auto fragments = std::find_if(labels.begin(), labels.end(),
                                        [](QLabel *l) { return l->text().contains("record:11"); });
    QVERIFY(fragments != labels.end());
    Q_EMIT(*fragments)->linkActivated(QStringLiteral("record:11"));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toULongLong(), 11u);
}

void TestFrameDetailPane::compressedFrameShowsWireBytesAndInflatedMessage()
{
    FrameCaptureModel model;
    model.appendBatch(compressedMessage(1, protocol::Opcode::Text, "Hello"));
    const CaptureRecord &record = model.record(0);
    m_pane->showRecord(record);
    m_pane->showFragments(FragmentGrouper::find(model, 0));
    // The hex view keeps the exact wire bytes: header, key, the masked DEFLATE data.
    QCOMPARE(m_pane->hexView()->bytes(), record.frame->wireBytes());
    PayloadView *payload = m_pane->payloadView();
    QVERIFY(payload->isModeAvailable(PayloadView::Mode::Inflated));
    QVERIFY(!payload->isModeAvailable(PayloadView::Mode::Text));
    QCOMPARE(payload->currentMode(), PayloadView::Mode::Inflated);
    QVERIFY(payload->content(PayloadView::Mode::Inflated).endsWith(QStringLiteral("\nHello")));
    QVERIFY(payload->content(PayloadView::Mode::Hex).startsWith(QStringLiteral("00000000  f2 48 cd c9 c9 07 00")));
    // RFC 7692 §7.2.3.1: "Hello" deflates to 7 bytes.
    const QString explain = m_pane->explainPanel()->plainText();
    QVERIFY2(explain.contains(QStringLiteral("compressed with permessage-deflate (RFC 7692 §6)")), qPrintable(explain));
    QVERIFY(explain.contains(QStringLiteral("7 bytes of DEFLATE data")));
    QVERIFY(explain.contains(QStringLiteral("5 bytes the application gets")));
    QVERIFY(explain.contains(QStringLiteral("00 00 FF FF")));
    QCOMPARE(m_pane->explainPanel()->steps().at(1).brief, QStringLiteral("RSV=100 (compressed)"));
    QVERIFY(m_pane->messageView()->isModeAvailable(PayloadView::Mode::Inflated));
}

void TestFrameDetailPane::compressedFragmentsShowTheInflatedMessage_data()
{
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<int>("row");

    for (Direction direction : {Direction::Inbound, Direction::Outbound}) {
        for (int row = 0; row < 3; ++row)
            QTest::addRow("%s frame %d", direction == Direction::Inbound ? "C→S" : "S→C", row + 1) << direction << row;
    }
}

void TestFrameDetailPane::compressedFragmentsShowTheInflatedMessage()
{
    QFETCH(Direction, direction);
    QFETCH(int, row);
    const QByteArray message = "Hello, compressed world! Hello, compressed world!";
    FrameCaptureModel model;
    model.appendBatch(compressedMessage(1, protocol::Opcode::Text, message, 3, 1, direction));
    m_pane->showRecord(model.record(row));
    m_pane->showFragments(FragmentGrouper::find(model, row));

    QVERIFY2(m_pane->fragmentsText().contains("3 fragments"), qPrintable(m_pane->fragmentsText()));
    QVERIFY(m_pane->fragmentsText().contains("permessage-deflate"));
    // Every frame of the message shows its own DEFLATE bytes and the whole message inflated.
    PayloadView *payload = m_pane->payloadView();
    QVERIFY(!payload->isModeAvailable(PayloadView::Mode::Text));
    QVERIFY(payload->isModeAvailable(PayloadView::Mode::Inflated));
    QVERIFY(payload->content(PayloadView::Mode::Inflated).endsWith(QString::fromLatin1(message)));
    QVERIFY(m_pane->messageView()->content(PayloadView::Mode::Inflated).endsWith(QString::fromLatin1(message)));
    QVERIFY(!m_pane->messageView()->isModeAvailable(PayloadView::Mode::Text));

    const QString explain = m_pane->explainPanel()->plainText();
    const QString total = QStringLiteral("%1 bytes of DEFLATE data").arg(deflated(message).size());
    QVERIFY2(explain.contains(total), qPrintable(explain));
    QVERIFY(explain.contains(row == 0 ? QStringLiteral("RSV1 = 1") : QStringLiteral("RSV1 is set on the first frame only")));
}

// A client frame without MASK (RFC 6455 §5.1), as the server records it: the bytes from its header
// on. Its header is drawn, and the MASK bit is the one marked, in the diagram and in the bytes.
void TestFrameDetailPane::brokenFrameShowsItsHeaderAndTheBitAtFault()
{
    CaptureRecord broken;
    broken.id = 9;
    broken.connectionId = 1;
    broken.transport = capture::Transport::WebSocket;
    broken.kind = RecordKind::ProtocolError;
    broken.decodeError = protocol::DecodeError::UnmaskedClientFrame;
    broken.wireBytes = QByteArray::fromHex("8105") + "Hello";
    m_pane->showRecord(broken);
    QVERIFY(m_pane->bitDiagram()->hasFrame());
    const Span maskBit{8, 1}; // byte 1, most significant bit
    QCOMPARE(bitSpan(), maskBit);
    QCOMPARE(hexSpan(), maskBit);

    // An error that names no frame (the stream's, not a frame's) draws none.
    CaptureRecord lost = broken;
    lost.decodeError.reset();
    lost.streamError = capture::StreamError::UndecodableAfterError;
    lost.wireBytes.clear();
    m_pane->showRecord(lost);
    QVERIFY(!m_pane->bitDiagram()->hasFrame());
}

void TestFrameDetailPane::httpRecordHasNoFieldsToStep()
{
    m_pane->showRecord(httpRecord(5, RecordKind::HttpRequest, upgradeRequest));
    QCOMPARE(m_pane->stepCount(), 0);
    QVERIFY(!m_pane->nextFieldAction()->isEnabled());
    QCOMPARE(m_pane->hexView()->bytes(), QByteArray(upgradeRequest));
    QVERIFY(!m_pane->bitDiagram()->hasFrame());
    m_pane->nextField();
    QCOMPARE(m_pane->currentStep(), -1);
    QVERIFY(!m_pane->grab().isNull());
    // Regression: the Message tab said both "Not a WebSocket frame." and "No frame selected.".
    QCOMPARE(m_pane->fragmentsText(), QStringLiteral("Not a WebSocket frame, so there is no message to show."));
    QVERIFY(m_pane->messageView()->isHidden());
    m_pane->clear();
    QVERIFY(!m_pane->messageView()->isHidden());
}

void TestFrameDetailPane::bytesBesideTheNarrationWhenWide_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("sideBySide");
    QTest::addRow("1000 px: side by side") << 1000 << true;
    QTest::addRow("600 px: one above the other") << 600 << false;
}

void TestFrameDetailPane::bytesBesideTheNarrationWhenWide()
{
    QFETCH(int, width);
    QFETCH(bool, sideBySide);
    m_pane->resize(width, 900);
    QTRY_COMPARE(m_pane->width(), width);
    const QWidget *hex = m_pane->hexView();
    const QWidget *tabs = m_pane->explainPanel()->parentWidget()->parentWidget(); // stack, tab widget
    const QRect hexRect(hex->mapTo(m_pane, QPoint()), hex->size());
    const QRect tabsRect(tabs->mapTo(m_pane, QPoint()), tabs->size());
    if (sideBySide) {
        QCOMPARE(hexRect.top(), tabsRect.top());
        QVERIFY(hexRect.right() < tabsRect.left());
        // Whole rows of sixteen bytes, no sideways scrolling.
        QCOMPARE(m_pane->hexView()->layout().metrics().bytesPerRow, 16);
        QCOMPARE(m_pane->hexView()->horizontalScrollBar()->maximum(), 0);
    } else {
        QVERIFY(hexRect.bottom() < tabsRect.top());
    }
}

void TestFrameDetailPane::wholeDiagramAndADozenHexRowsOnASmallLaptop()
{
    // What a 1366x768 window leaves the frame pane under a table of seven rows.
    m_pane->resize(940, 430);
    QTRY_COMPARE(m_pane->size(), QSize(940, 430));
    QVERIFY(m_pane->minimumSizeHint().height() <= 430);
    BitDiagramView *bits = m_pane->bitDiagram();
    auto *bitScroll = qobject_cast<QScrollArea *>(bits->parentWidget()->parentWidget());
    QVERIFY(bitScroll);
    QCOMPARE(bits->height(), bits->heightForWidth(bits->width()));
    QVERIFY(bitScroll->viewport()->height() >= bits->height()); // the whole diagram, its length forms too
    QCOMPARE(bits->layout().bitsPerRow(), 32);
    const HexView *hex = m_pane->hexView();
    QVERIFY2(hex->viewport()->height() >= 10 * hex->layout().metrics().lineHeight,
             qPrintable(QString::number(hex->viewport()->height())));
    QVERIFY(m_pane->explainPanel()->height() >= 6 * m_pane->fontMetrics().height());
}

void TestFrameDetailPane::tallHeaderShowsWholeOnASmallLaptop()
{
    // A masked 64 KiB frame: 14 header bytes, five rows with the payload's first, and the 64-bit
    // length form marked under them.
    m_pane->resize(940, 430);
    QTRY_COMPARE(m_pane->size(), QSize(940, 430));
    m_pane->showRecord(encodedRecord(2, protocol::Opcode::Binary, QByteArray(65536, 'a')));
    BitDiagramView *bits = m_pane->bitDiagram();
    QCOMPARE(bits->layout().rowCount(), 5);
    auto *bitScroll = qobject_cast<QScrollArea *>(bits->parentWidget()->parentWidget());
    QVERIFY(bitScroll);
    QTRY_VERIFY(bitScroll->viewport()->height() >= bits->height());
    QVERIFY(bits->tierRect(protocol::LengthForm::Extended64).bottom() <= bitScroll->viewport()->height());
    QVERIFY(m_pane->hexView()->viewport()->height() >= 4 * m_pane->hexView()->layout().metrics().lineHeight);
}

QTEST_MAIN(TestFrameDetailPane)
#include "tst_framedetailpane.moc"
