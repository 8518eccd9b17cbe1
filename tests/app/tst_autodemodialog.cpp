#include "app/transports/autodemodialog.h"
#include "app/transports/demoreport.h"
#include "app/transports/transportchart.h"

#include "server/serverhost.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace wslab::app;
using wslab::capture::Transport;

namespace {

DemoResult sampleResult()
{
    DemoScript script;
    script.marker = QStringLiteral("abcd");
    DemoResult result = DemoResult::planned(script);
    result.outcome = DemoResult::Outcome::Completed;
    result.measuredMs = 4000;
    for (int i = 0; i < 10; ++i) {
        result.lane(Transport::WebSocket).tally.countFrame(90);
        result.lane(Transport::WebSocket).tally.countDelivery(1);
        result.lane(Transport::LongPolling).tally.countRequest(100, 0);
        result.lane(Transport::LongPolling).tally.countAnswer(100, 120, 1);
        result.lane(Transport::LongPolling).tally.countDelivery(2);
        result.lane(Transport::Polling).tally.countRequest(100, 0);
        result.lane(Transport::Polling).tally.countAnswer(100, 30, 0);
        result.lane(Transport::Polling).tally.countDelivery(400 + i);
    }
    return result;
}

QPushButton *runButton(const AutoDemoDialog &dialog)
{
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->text() == AutoDemoDialog::tr("Run demo") || button->text() == AutoDemoDialog::tr("Cancel"))
            return button;
    }
    return nullptr;
}

} // namespace

class tst_AutoDemoDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsStartAtTheScriptDefaults();
    void settingsMakeTheScript();
    void resultFillsChartSummaryAndConclusions();
    void failureShowsTheReasonAndNoConclusions();
    void hidingCancelsARunningDemo();
    void fitsTheScreenWithEverythingReachable();
};

void tst_AutoDemoDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_AutoDemoDialog::settingsStartAtTheScriptDefaults()
{
    AutoDemoDialog dialog;
    const DemoScript defaults;
    const DemoScript script = dialog.script();
    QCOMPARE(script.messageCount, defaults.messageCount);
    QCOMPARE(script.messageIntervalMs, defaults.messageIntervalMs);
    QCOMPARE(script.receiversPerTransport, defaults.receiversPerTransport);
    QCOMPARE(script.pollIntervalMs, defaults.pollIntervalMs);
    QVERIFY(script.isValid());
}

void tst_AutoDemoDialog::settingsMakeTheScript()
{
    AutoDemoDialog dialog;
    const QList<QSpinBox *> boxes = dialog.findChildren<QSpinBox *>();
    QCOMPARE(boxes.size(), 4);
    // Every combination the boxes allow is a valid script that fits the time limit.
    for (QSpinBox *box : boxes)
        box->setValue(box->maximum());
    DemoScript script = dialog.script();
    QVERIFY(script.isValid());
    // Sending, then a poll interval to settle before and one to drain after, with 2 s to spare.
    QVERIFY(qint64(script.messageCount - 1) * script.messageIntervalMs + 2 * script.pollIntervalMs + 2000
            <= DemoScript::hardLimitMs);
    QVERIFY(script.drainTimeoutMs > script.pollIntervalMs); // a slow poller still delivers in time
    for (QSpinBox *box : boxes)
        box->setValue(box->minimum());
    QVERIFY(dialog.script().isValid());
}

void tst_AutoDemoDialog::resultFillsChartSummaryAndConclusions()
{
    AutoDemoDialog dialog;
    QVERIFY(dialog.chart()->data().isEmpty());
    const DemoResult result = sampleResult();
    dialog.showResult(result);
    QCOMPARE(dialog.chart()->data().metrics.size(), DemoReport::chartData(result).metrics.size());
    const QString conclusions = dialog.conclusionsText();
    const QStringList lines = DemoReport::conclusions(result);
    QVERIFY(!lines.isEmpty());
    for (const QString &line : lines)
        QVERIFY2(conclusions.contains(line.toHtmlEscaped()), qPrintable(line));
    bool summaryShown = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        summaryShown = summaryShown || label->text() == DemoReport::summary(result);
    QVERIFY(summaryShown);
}

void tst_AutoDemoDialog::failureShowsTheReasonAndNoConclusions()
{
    AutoDemoDialog dialog;
    dialog.showResult(sampleResult());
    DemoResult failed = DemoResult::planned(DemoScript{});
    failed.outcome = DemoResult::Outcome::Failed;
    failed.failureReason = QStringLiteral("connection refused");
    dialog.showResult(failed);
    QVERIFY(dialog.conclusionsText().isEmpty());
    bool reasonShown = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        reasonShown = reasonShown || label->text().contains(failed.failureReason);
    QVERIFY(reasonShown);
}

void tst_AutoDemoDialog::hidingCancelsARunningDemo()
{
    wslab::server::ServerSettings settings;
    settings.port = 0;
    wslab::server::ServerHost host(settings);
    QSignalSpy listening(&host, &wslab::server::ServerHost::listening);
    host.start();
    QVERIFY(listening.wait(5000));

    AutoDemoDialog dialog;
    dialog.setServer(QStringLiteral("127.0.0.1"), listening.at(0).at(1).value<quint16>());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(dialog.demo(), &AutoDemo::finished);
    QPushButton *run = runButton(dialog);
    QVERIFY(run);
    run->click();
    QVERIFY(dialog.demo()->isRunning());
    QCOMPARE(run->text(), AutoDemoDialog::tr("Cancel"));
    dialog.hide();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<DemoResult>().outcome, DemoResult::Outcome::Cancelled);
    QCOMPARE(run->text(), AutoDemoDialog::tr("Run demo"));
}

void tst_AutoDemoDialog::fitsTheScreenWithEverythingReachable()
{
    AutoDemoDialog dialog;
    dialog.showResult(sampleResult());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCoreApplication::processEvents();
    const QRect available = dialog.screen()->availableGeometry();
    QVERIFY2(available.contains(dialog.frameGeometry()),
             qPrintable(QStringLiteral("%1,%2 %3x%4 in %5x%6")
                                .arg(dialog.frameGeometry().x()).arg(dialog.frameGeometry().y())
                                .arg(dialog.frameGeometry().width()).arg(dialog.frameGeometry().height())
                                .arg(available.width()).arg(available.height())));
    // Close stays in view, outside what scrolls.
    const QPushButton *close = nullptr;
    for (const QPushButton *button : dialog.findChildren<QPushButton *>())
        close = button->text() == AutoDemoDialog::tr("Close") ? button : close;
    QVERIFY(close && close->isVisible());
    QVERIFY(dialog.rect().contains(QRect(close->mapTo(&dialog, QPoint(0, 0)), close->size())));
    // Nothing is squeezed: the chart at its natural height (all its bars), every label as tall as
    // its wrapped lines; what the dialog cannot show scrolls.
    const auto *scroll = dialog.findChild<QScrollArea *>(QStringLiteral("demoContent"));
    QVERIFY(scroll);
    QVERIFY(dialog.chart()->height() >= dialog.chart()->sizeHint().height());
    for (const QLabel *label : scroll->widget()->findChildren<QLabel *>()) {
        if (label->isVisible() && label->wordWrap())
            QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text().left(60)));
    }
    const bool overflows = scroll->widget()->height() > scroll->viewport()->height();
    QCOMPARE(scroll->verticalScrollBar()->maximum() > 0, overflows);
}

QTEST_MAIN(tst_AutoDemoDialog)
#include "tst_autodemodialog.moc"
