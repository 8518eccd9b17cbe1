#include "app/mainwindow/captureview.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/capturesamples.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/handshakeview.h"
#include "inspector/timelineview.h"

#include "app/mainwindow/connectionnamedelegate.h"

#include <QHeaderView>
#include <QHelpEvent>
#include <QToolTip>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector::samples;

// The inspector composite that the live window and a file's window share: the table, the filter,
// and the views of the selected row, wired together whoever hosts them.
class tst_CaptureView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectingARowShowsItsFrameAndHandshake();
    void navigationClampsToTheRows_data();
    void navigationClampsToTheRows();
    void clearForgetsTheHandshakes();
    void timelineClickSelectsTheRow();
    void longConnectionNamesWidenTheirColumnUpToAQuarter();
    void connectionColumnKeepsTheNearEndAndShowsAllOnHover();

private:
    static capture::CaptureBatch conversation();
};

capture::CaptureBatch tst_CaptureView::conversation()
{
    return {httpRecord(1, RecordKind::HttpRequest, upgradeRequest, 7),
            httpRecord(2, RecordKind::HttpResponse, upgradeResponse, 7, 101),
            frameRecord(3, maskedHelloWire(), 7),
            frameRecord(4, unmaskedHelloWire(), 7, Direction::Outbound),
            frameRecord(5, pingHelloWire(), 8)};
}

void tst_CaptureView::selectingARowShowsItsFrameAndHandshake()
{
    app::CaptureView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(view.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(900, 400);
    view.show();
    QSignalSpy changed(&view, &app::CaptureView::currentRecordChanged);
    view.appendBatch(conversation());
    QCOMPARE(view.model()->rowCount(), 5);
    QVERIFY(!view.currentRecord());

    view.selectRecord(3);
    QVERIFY(!changed.isEmpty());
    QVERIFY(view.currentRecord());
    QCOMPARE(view.currentRecord()->id, quint64(3));
    QCOMPARE(view.table()->currentIndex().row(), view.proxy()->mapFromSource(view.model()->index(2, 0)).row());
    // The handshake of connection 7: its request and the 101 answer.
    QCOMPARE(view.handshakeView()->connectionId(), quint64(7));
    QVERIFY(view.handshakeView()->derivation().has_value());
    QCOMPARE(view.handshakeView()->acceptMatches(), std::optional<bool>(true));

    // Connection 8 had no upgrade captured: the handshake view says so rather than show 7's.
    view.selectRecord(5);
    QCOMPARE(view.handshakeView()->connectionId(), quint64(8));
    QVERIFY(!view.handshakeView()->derivation().has_value());
}

void tst_CaptureView::navigationClampsToTheRows_data()
{
    QTest::addColumn<QString>("steps");
    QTest::addColumn<quint64>("expectedId");
    QTest::addRow("first") << "F" << quint64(1);
    QTest::addRow("last") << "L" << quint64(5);
    QTest::addRow("next from nothing") << "N" << quint64(1);
    QTest::addRow("previous from nothing") << "P" << quint64(5);
    QTest::addRow("past the end") << "LNN" << quint64(5);
    QTest::addRow("before the start") << "FPP" << quint64(1);
    QTest::addRow("there and back") << "FNNP" << quint64(2);
}

void tst_CaptureView::navigationClampsToTheRows()
{
    QFETCH(QString, steps);
    QFETCH(quint64, expectedId);
    app::CaptureView view;
    view.appendBatch(conversation());
    for (const QChar step : steps) {
        if (step == u'F')
            view.selectFirst();
        else if (step == u'L')
            view.selectLast();
        else if (step == u'N')
            view.selectNext();
        else
            view.selectPrevious();
    }
    QVERIFY(view.currentRecord());
    QCOMPARE(view.currentRecord()->id, expectedId);
}

void tst_CaptureView::clearForgetsTheHandshakes()
{
    app::CaptureView view;
    view.appendBatch(conversation());
    view.clear();
    QCOMPARE(view.model()->rowCount(), 0);
    // A frame of connection 7 after the clear: its old upgrade is gone with the rows.
    view.appendBatch({frameRecord(6, maskedHelloWire(), 7)});
    view.selectFirst();
    QCOMPARE(view.currentRecord()->id, quint64(6));
    QCOMPARE(view.handshakeView()->connectionId(), quint64(7));
    QVERIFY(!view.handshakeView()->derivation().has_value());
}

void tst_CaptureView::timelineClickSelectsTheRow()
{
    app::CaptureView view;
    view.appendBatch(conversation());
    Q_EMIT view.timelineView()->rowClicked(3);
    QVERIFY(view.currentRecord());
    QCOMPARE(view.currentRecord()->id, view.proxy()->record(3).id);
}

// A proxied connection is named by both its ends ("127.0.0.1:54012 → wss://example.test:8443/app"):
// its column grows to show such a name, but never past a quarter of the table.
void tst_CaptureView::longConnectionNamesWidenTheirColumnUpToAQuarter()
{
    app::CaptureView view;
    view.resize(1600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.appendBatch(conversation());
    const int column = inspector::FrameCaptureModel::ConnectionColumn;
    const int plain = view.table()->columnWidth(column);
    const QString name = QStringLiteral("127.0.0.1:54012 → wss://example.test:8443/app");
    view.model()->setConnectionName(9, name);
    view.appendBatch({eventRecord(10, RecordKind::ConnectionOpened, 9), frameRecord(11, maskedHelloWire(), 9)});
    const int wide = view.table()->columnWidth(column);
    QVERIFY2(wide > plain, qPrintable(QStringLiteral("%1 <= %2").arg(wide).arg(plain)));
    QVERIFY(wide >= view.table()->fontMetrics().horizontalAdvance(QStringLiteral("#9 ") + name));
    QVERIFY(wide <= view.table()->viewport()->width() / 4 + 1);

    const QString longer = QStringLiteral("127.0.0.1:54013 → wss://a-very-long-host-name.example.test:8443/"
                                          "with/a/long/path/prefix/that/goes/on/and/on");
    view.model()->setConnectionName(12, longer);
    view.appendBatch({eventRecord(13, RecordKind::ConnectionOpened, 12)});
    QVERIFY(view.table()->columnWidth(column) <= view.table()->viewport()->width() / 4 + 1);

    view.clear(); // a new source: back to the short names' width
    QCOMPARE(view.table()->columnWidth(column), plain);
}

namespace {

// The delegate's style option, as the view paints with it.
class ExposedDelegate : public app::ConnectionNameDelegate
{
public:
    using app::ConnectionNameDelegate::ConnectionNameDelegate;
    using app::ConnectionNameDelegate::initStyleOption;
};

} // namespace

void tst_CaptureView::connectionColumnKeepsTheNearEndAndShowsAllOnHover()
{
    app::CaptureView view;
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString nearEnd = QStringLiteral("127.0.0.1:54012 → ");
    const QString name = nearEnd + QStringLiteral("wss://example.test:8443/app");
    view.model()->setConnectionName(9, name);
    view.appendBatch({eventRecord(10, RecordKind::ConnectionOpened, 9), frameRecord(11, maskedHelloWire(), 9)});
    const int column = inspector::FrameCaptureModel::ConnectionColumn;
    QVERIFY(qobject_cast<app::ConnectionNameDelegate *>(view.table()->itemDelegateForColumn(column)));
    const QModelIndex cell = view.proxy()->index(1, column);
    QCOMPARE(cell.data().toString(), QStringLiteral("#9 ") + name);
    ExposedDelegate delegate;
    const auto shown = [&] {
        QStyleOptionViewItem option;
        option.initFrom(view.table());
        option.widget = view.table();
        option.rect = view.table()->visualRect(cell);
        delegate.initStyleOption(&option, cell);
        return option.text;
    };

    // Wide enough: all of it.
    const QFontMetrics metrics = view.table()->fontMetrics();
    view.table()->setColumnWidth(column, metrics.horizontalAdvance(QStringLiteral("#9 ") + name) + 12);
    QCOMPARE(shown(), QStringLiteral("#9 ") + name);
    // Too narrow for the upstream: the browser's end stays whole, the upstream loses its middle.
    view.table()->setColumnWidth(column, metrics.horizontalAdvance(QStringLiteral("#9 ") + nearEnd + "wss://exa…/app") + 12);
    const QString narrowed = shown();
    QVERIFY2(narrowed.startsWith(QStringLiteral("#9 ") + nearEnd + "wss:"), qPrintable(narrowed));
    QVERIFY2(narrowed.contains(QChar(0x2026)) && narrowed.endsWith(QLatin1String("app")), qPrintable(narrowed));
    // Too narrow for even that: the whole name loses its middle, as any other text would.
    view.table()->setColumnWidth(column, metrics.horizontalAdvance(QStringLiteral("#9 127.0")));
    QCOMPARE(shown(), QStringLiteral("#9 ") + name);

    // Hovering a narrowed cell shows the whole name.
    const QRect rect = view.table()->visualRect(cell);
    QHelpEvent hover(QEvent::ToolTip, rect.center(), view.table()->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(view.table()->viewport(), &hover);
    QTRY_COMPARE(QToolTip::text(), QStringLiteral("#9 ") + name);
}

QTEST_MAIN(tst_CaptureView)
#include "tst_captureview.moc"
