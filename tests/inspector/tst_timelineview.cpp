#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"
#include "inspector/timelineview.h"

#include "inspector/capturesamples.h"

#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::Opcode;

namespace {

// A chat broadcast: one message in from connection 1, fanned out to connections 1, 2 and 3.
capture::CaptureBatch broadcast()
{
    capture::CaptureBatch batch;
    for (quint64 c = 1; c <= 3; ++c) {
        CaptureRecord opened = eventRecord(c, RecordKind::ConnectionOpened, c);
        opened.note = QStringLiteral("127.0.0.1:%1").arg(5000 + c);
        batch << opened;
    }
    batch << encodedRecord(4, Opcode::Text, "hi all", 1, Direction::Inbound);
    for (quint64 c = 1; c <= 3; ++c)
        batch << encodedRecord(4 + c, Opcode::Text, "alice: hi all", c, Direction::Outbound);
    return batch;
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void oneLanePerConnection();
    void arrowsPointTheWayTheBytesWent();
    void clickOnAnArrowSelectsItsRow();
    void followsTheTailOnlyAtTheBottom();
    void worksOverTheFilterProxy();
    void lanesNarrowToFitABrowsersConnections();
    void selectingARowScrollsItsLaneIntoView();
    void scrollingSidewaysRunsLeftToRight_data();
    void scrollingSidewaysRunsLeftToRight();
    void selectingWhileHiddenScrollsOnceShown();
    void arrowKeysWalkTheRowsWithAVisibleFocus();

private:
    FrameCaptureModel *m_model = nullptr;
    TimelineView *m_view = nullptr;
};

void TestTimelineView::init()
{
    m_model = new FrameCaptureModel(this);
    m_view = new TimelineView;
    m_view->resize(900, 400);
    m_view->setModel(m_model);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_model->appendBatch(broadcast());
}

void TestTimelineView::cleanup()
{
    delete m_view;
    delete m_model;
}

void TestTimelineView::oneLanePerConnection()
{
    QCOMPARE(m_view->lanes(), (QList<quint64>{1, 2, 3}));
    QVERIFY(m_view->serverX() < m_view->laneX(1));
    QVERIFY(m_view->laneX(1) < m_view->laneX(2));
    QVERIFY(m_view->laneX(2) < m_view->laneX(3));
    QCOMPARE(m_view->laneX(99), -1.0);
}

void TestTimelineView::arrowsPointTheWayTheBytesWent()
{
    const QImage image = m_view->grab().toImage();
    QVERIFY(!image.isNull());
    const qreal dpr = image.devicePixelRatio();
    const QColor base = m_view->palette().color(QPalette::Base);
    // Row 3 (inbound from 1) and row 6 (outbound to 3): the line is drawn at the arrow's height
    // between the server lifeline and the lane, nowhere to the right of that lane.
    for (int row : {3, 6}) {
        const QPointF mid = m_view->arrowMidpoint(row);
        const QPoint onLine = m_view->viewport()->mapTo(m_view, mid.toPoint());
        QVERIFY2(image.pixelColor((QPointF(onLine) * dpr).toPoint()) != base, qPrintable(QString::number(row)));
    }
    const QPointF beyond(m_view->laneX(1) + 20, m_view->arrowMidpoint(3).y());
    const QPoint beyondInWidget = m_view->viewport()->mapTo(m_view, beyond.toPoint());
    QCOMPARE(image.pixelColor((QPointF(beyondInWidget) * dpr).toPoint()), base);
}

void TestTimelineView::clickOnAnArrowSelectsItsRow()
{
    QSignalSpy clicked(m_view, &TimelineView::rowClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->arrowMidpoint(5).toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 5);
    QCOMPARE(m_view->currentRow(), 5);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(50, 2)); // the header
    QCOMPARE(clicked.count(), 1);
}

void TestTimelineView::followsTheTailOnlyAtTheBottom()
{
    m_model->appendBatch(textBatch(100, 200, 2));
    QVERIFY(m_view->isFollowingTail());
    QCOMPARE(m_view->verticalScrollBar()->value(), m_view->verticalScrollBar()->maximum());

    m_view->verticalScrollBar()->setValue(10); // the learner scrolls up to read
    m_model->appendBatch(textBatch(300, 50, 2));
    QCOMPARE(m_view->firstVisibleRow(), 10);
    QVERIFY(!m_view->isFollowingTail());
}

void TestTimelineView::worksOverTheFilterProxy()
{
    CaptureFilterProxy proxy;
    proxy.setSourceModel(m_model);
    proxy.setConnectionFilter(2);
    m_view->setModel(&proxy);
    QCOMPARE(m_view->lanes(), (QList<quint64>{2}));
    QSignalSpy clicked(m_view, &TimelineView::rowClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->arrowMidpoint(1).toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(proxy.record(clicked.at(0).at(0).toInt()).id, 6u);
    m_view->setModel(nullptr);
}

namespace {

// One text frame on each of `count` further connections (after the broadcast's three).
capture::CaptureBatch moreConnections(int count)
{
    capture::CaptureBatch batch;
    for (int i = 0; i < count; ++i) {
        const auto connection = quint64(10 + i);
        batch << encodedRecord(100 + connection, Opcode::Text, "poll", connection, Direction::Inbound);
    }
    return batch;
}

} // namespace

void TestTimelineView::lanesNarrowToFitABrowsersConnections()
{
    const qreal roomy = m_view->laneX(2) - m_view->laneX(1);
    QVERIFY(m_view->laneX(3) < m_view->viewport()->width());
    // A page, its polls and its WebSocket: six lanes still fit 900 px, a little closer together.
    m_model->appendBatch(moreConnections(3));
    QCOMPARE(m_view->lanes().size(), 6);
    const qreal narrower = m_view->laneX(11) - m_view->laneX(10);
    QVERIFY(narrower < roomy);
    QVERIFY(m_view->laneX(12) < m_view->viewport()->width());
    QCOMPARE(m_view->horizontalScrollBar()->value(), 0);
}

void TestTimelineView::selectingARowScrollsItsLaneIntoView()
{
    m_model->appendBatch(moreConnections(12));
    const int lastRow = m_model->rowCount() - 1; // on the last lane
    QVERIFY(m_view->laneX(21) > m_view->viewport()->width()); // too many lanes: off to the right
    m_view->setCurrentRow(lastRow);
    QVERIFY(m_view->horizontalScrollBar()->value() > 0);
    QVERIFY(m_view->laneX(21) < m_view->viewport()->width());
    QVERIFY(m_view->laneX(21) > m_view->serverX());
    m_view->setCurrentRow(3); // inbound on the first lane: back to the left, the server's lane too
    QVERIFY(m_view->laneX(1) > 0);
    QVERIFY(!m_view->serverLabelRect().isEmpty());
    QVERIFY(!m_view->laneLabelRect(1).isEmpty());
}

void TestTimelineView::scrollingSidewaysRunsLeftToRight_data()
{
    QTest::addColumn<int>("lanes");
    QTest::addRow("3 lanes") << 0;
    QTest::addRow("15 lanes") << 12;
}

void TestTimelineView::scrollingSidewaysRunsLeftToRight()
{
    QFETCH(int, lanes);
    m_model->appendBatch(moreConnections(lanes));
    const qreal gutter = m_view->serverLabelRect().left(); // right of the gap column
    QScrollBar *bar = m_view->horizontalScrollBar();
    const auto labelsInside = [&] {
        const qreal right = m_view->viewport()->width();
        for (quint64 id : m_view->lanes()) {
            const QRectF box = m_view->laneLabelRect(id);
            if (!box.isEmpty() && (box.left() < gutter || box.right() > right))
                return false;
        }
        return true;
    };
    // Thumb at the left: the server's lifeline and the first lanes, every label whole.
    bar->setValue(bar->minimum());
    QVERIFY(!m_view->serverLabelRect().isEmpty());
    QVERIFY(m_view->serverX() > 0 && m_view->serverX() < m_view->laneX(1));
    QVERIFY(!m_view->laneLabelRect(1).isEmpty());
    QVERIFY(labelsInside());
    // Thumb to the right: the lanes move left, past the server, to the last one.
    const quint64 lastLane = m_view->lanes().last();
    qreal previous = m_view->laneX(lastLane);
    for (int step = 1; step <= 4; ++step) {
        bar->setValue(bar->maximum() * step / 4);
        if (bar->maximum() > 0)
            QVERIFY(m_view->laneX(lastLane) < previous);
        previous = m_view->laneX(lastLane);
        QVERIFY(labelsInside());
    }
    QVERIFY(m_view->laneX(lastLane) < m_view->viewport()->width());
    QVERIFY(!m_view->laneLabelRect(lastLane).isEmpty());
    if (bar->maximum() > 0)
        QVERIFY(m_view->serverLabelRect().isEmpty()); // scrolled under the gap column, not cut
}

void TestTimelineView::selectingWhileHiddenScrollsOnceShown()
{
    m_model->appendBatch(moreConnections(12));
    m_view->hide();
    m_view->setCurrentRow(m_model->rowCount() - 1); // on the last lane, chosen in the table
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    const quint64 lastLane = m_view->lanes().last();
    QVERIFY(m_view->laneX(lastLane) > m_view->serverLabelRect().left());
    QVERIFY(m_view->laneX(lastLane) < m_view->viewport()->width());
    QVERIFY(m_view->horizontalScrollBar()->value() <= m_view->horizontalScrollBar()->maximum());
}

void TestTimelineView::arrowKeysWalkTheRowsWithAVisibleFocus()
{
    QSignalSpy clicked(m_view, &TimelineView::rowClicked);
    m_view->setFocus();
    QTRY_VERIFY(m_view->hasFocus());
    m_view->setCurrentRow(2);
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_view->currentRow(), 3);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 3);
    QTest::keyClick(m_view, Qt::Key_Up);
    QTest::keyClick(m_view, Qt::Key_Up);
    QCOMPARE(m_view->currentRow(), 1);
    // The focus frame: the viewport's edge in the highlight colour while focused, not after.
    const auto edge = [this] {
        const QImage image = m_view->viewport()->grab().toImage();
        return image.pixelColor(QPoint(1, image.height() / 2) * image.devicePixelRatio());
    };
    const QColor highlight = m_view->palette().color(QPalette::Highlight);
    QCOMPARE(edge(), highlight);
    m_view->clearFocus();
    QVERIFY(edge() != highlight);
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
