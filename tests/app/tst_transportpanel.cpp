#include "app/transports/transportpanel.h"

#include <QDialog>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace wslab::app;
using wslab::server::TransportCounters;
using wslab::server::TransportStats;

namespace {

// Rows of TransportPanel::rows(), by what they show.
enum Row { Clients, Requests, Wasted, HeaderBytes, PayloadBytes, HeaderShare, Delivered, Replayed, Median, P95, RowCount };
// Columns in TransportStyle order.
enum Column { WebSocket, LongPolling, Polling };

TransportStats sampleStats()
{
    TransportStats stats;
    stats.webSocket.clients = 2;
    stats.webSocket.requests = 120;
    stats.webSocket.headerBytes = 480;
    stats.webSocket.payloadBytes = 9520;
    stats.webSocket.messagesDelivered = 118;
    for (qint64 ms : {1, 2, 2, 3, 9})
        stats.webSocket.addLatencySample(ms);
    stats.longPolling.clients = 1;
    stats.longPolling.requests = 64;
    stats.longPolling.emptyResponses = 2;
    stats.longPolling.headerBytes = 3 * 1024;
    stats.longPolling.payloadBytes = 1024;
    stats.longPolling.replayMessages = 12;
    stats.longPolling.replayBytes = 1'153'434; // a switch to long polling with the frames lab's big lines
    stats.polling.clients = 3;
    stats.polling.requests = 1320;
    stats.polling.emptyResponses = 1188;
    stats.polling.headerBytes = 2 * 1024 * 1024;
    stats.polling.payloadBytes = 0;
    for (qint64 ms = 10; ms <= 1000; ms += 10)
        stats.polling.addLatencySample(ms);
    return stats;
}

} // namespace

class tst_TransportPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsShowTheCounters_data();
    void rowsShowTheCounters();
    void everyRowHasALabelAndAnExplanation();
    void emptyStatsShowZerosAndDashes();
    void tableFollowsSetStats();
    void columnsAreInTransportOrder();
    void everyRowIsVisibleWithoutScrolling();
    void demoButtonOpensTheDialogOnce();
};

void tst_TransportPanel::initTestCase()
{
    // Figures are formatted in the UI's locale; pin one so the expected strings are exact.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_TransportPanel::rowsShowTheCounters_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addRow("clients ws") << int(Clients) << int(WebSocket) << QStringLiteral("2");
    QTest::addRow("clients poll") << int(Clients) << int(Polling) << QStringLiteral("3");
    QTest::addRow("requests poll, grouped") << int(Requests) << int(Polling) << QStringLiteral("1,320");
    QTest::addRow("requests ws are frames") << int(Requests) << int(WebSocket) << QStringLiteral("120");
    QTest::addRow("wasted poll with share") << int(Wasted) << int(Polling) << QStringLiteral("1,188 (90 %)");
    QTest::addRow("wasted long poll, small share") << int(Wasted) << int(LongPolling) << QStringLiteral("2 (3.1 %)");
    QTest::addRow("wasted ws does not apply") << int(Wasted) << int(WebSocket) << QStringLiteral("–");
    QTest::addRow("header bytes under 1 KiB exact") << int(HeaderBytes) << int(WebSocket) << QStringLiteral("480 B");
    QTest::addRow("header bytes KiB") << int(HeaderBytes) << int(LongPolling) << QStringLiteral("3.0 KiB");
    QTest::addRow("header bytes MiB") << int(HeaderBytes) << int(Polling) << QStringLiteral("2.0 MiB");
    QTest::addRow("payload zero") << int(PayloadBytes) << int(Polling) << QStringLiteral("0 B");
    QTest::addRow("header share ws") << int(HeaderShare) << int(WebSocket) << QStringLiteral("4.8 %");
    QTest::addRow("header share long poll") << int(HeaderShare) << int(LongPolling) << QStringLiteral("75 %");
    QTest::addRow("header share all header") << int(HeaderShare) << int(Polling) << QStringLiteral("100 %");
    QTest::addRow("delivered") << int(Delivered) << int(WebSocket) << QStringLiteral("118");
    QTest::addRow("history replayed apart") << int(Replayed) << int(LongPolling) << QStringLiteral("12 (1.1 MiB)");
    QTest::addRow("no history replayed") << int(Replayed) << int(WebSocket) << QStringLiteral("0 (0 B)");
    QTest::addRow("median ws") << int(Median) << int(WebSocket) << QStringLiteral("2 ms");
    QTest::addRow("p95 ws") << int(P95) << int(WebSocket) << QStringLiteral("9 ms");
    QTest::addRow("median poll") << int(Median) << int(Polling) << QStringLiteral("500 ms");
    QTest::addRow("p95 poll") << int(P95) << int(Polling) << QStringLiteral("950 ms");
    QTest::addRow("no samples, no latency") << int(Median) << int(LongPolling) << QStringLiteral("–");
}

void tst_TransportPanel::rowsShowTheCounters()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    const QList<TransportPanel::Row> rows = TransportPanel::rows(sampleStats());
    QCOMPARE(rows.size(), int(RowCount));
    QCOMPARE(rows.at(row).cells[size_t(column)], text);
}

void tst_TransportPanel::everyRowHasALabelAndAnExplanation()
{
    const QList<TransportPanel::Row> rows = TransportPanel::rows(TransportStats{});
    QStringList labels;
    for (const auto &row : rows) {
        QVERIFY(!row.label.isEmpty());
        QVERIFY(!row.toolTip.isEmpty());
        labels.append(row.label);
    }
    labels.removeDuplicates();
    QCOMPARE(labels.size(), rows.size());
}

void tst_TransportPanel::emptyStatsShowZerosAndDashes()
{
    const QList<TransportPanel::Row> rows = TransportPanel::rows(TransportStats{});
    for (int column = 0; column < TransportStyle::count; ++column) {
        QCOMPARE(rows.at(Requests).cells[size_t(column)], QStringLiteral("0"));
        QCOMPARE(rows.at(HeaderShare).cells[size_t(column)], QStringLiteral("–")); // 0 of 0 is no share
        QCOMPARE(rows.at(Median).cells[size_t(column)], QStringLiteral("–"));
    }
    QCOMPARE(rows.at(Wasted).cells[Polling], QStringLiteral("0")); // no share of no requests
}

void tst_TransportPanel::tableFollowsSetStats()
{
    TransportPanel panel;
    QTableWidget *table = panel.table();
    QCOMPARE(table->rowCount(), int(RowCount));
    QCOMPARE(table->columnCount(), TransportStyle::count);
    QCOMPARE(table->item(Requests, Polling)->text(), QStringLiteral("0"));

    const TransportStats stats = sampleStats();
    panel.setStats(stats);
    QCOMPARE(panel.stats(), stats);
    const QList<TransportPanel::Row> rows = TransportPanel::rows(stats);
    for (int row = 0; row < RowCount; ++row) {
        QCOMPARE(table->verticalHeaderItem(row)->text(), rows.at(row).label);
        for (int column = 0; column < TransportStyle::count; ++column)
            QCOMPARE(table->item(row, column)->text(), rows.at(row).cells[size_t(column)]);
    }

    TransportStats later = stats;
    later.polling.requests += 10;
    later.polling.emptyResponses += 10;
    panel.setStats(later);
    QCOMPARE(table->item(Requests, Polling)->text(), QStringLiteral("1,330"));
    QCOMPARE(table->item(Wasted, Polling)->text(), QStringLiteral("1,198 (90 %)"));
}

void tst_TransportPanel::columnsAreInTransportOrder()
{
    TransportPanel panel;
    for (int column = 0; column < TransportStyle::count; ++column) {
        const auto transport = TransportStyle::order[size_t(column)];
        QCOMPARE(panel.table()->horizontalHeaderItem(column)->text(), TransportStyle::name(transport));
        QVERIFY(!panel.table()->horizontalHeaderItem(column)->icon().isNull()); // the colour swatch
    }
    QCOMPARE(panel.table()->horizontalHeaderItem(WebSocket)->text(), QStringLiteral("WebSocket"));
    QCOMPARE(panel.table()->horizontalHeaderItem(Polling)->text(), QStringLiteral("Polling"));
}

void tst_TransportPanel::everyRowIsVisibleWithoutScrolling()
{
    TransportPanel panel;
    panel.setStats(sampleStats());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.resize(panel.minimumSizeHint());
    QTableWidget *table = panel.table();
    QTRY_VERIFY(table->isVisible());
    const int lastRowBottom = table->rowViewportPosition(RowCount - 1) + table->rowHeight(RowCount - 1);
    QVERIFY2(lastRowBottom <= table->viewport()->height(),
             qPrintable(QStringLiteral("%1 > %2").arg(lastRowBottom).arg(table->viewport()->height())));
    // No column is narrower than its widest text.
    for (int column = 0; column < TransportStyle::count; ++column) {
        for (int row = 0; row < RowCount; ++row) {
            const int needed = table->fontMetrics().horizontalAdvance(table->item(row, column)->text());
            QVERIFY2(table->columnWidth(column) >= needed, qPrintable(table->item(row, column)->text()));
        }
    }
}

void tst_TransportPanel::demoButtonOpensTheDialogOnce()
{
    TransportPanel panel;
    panel.setServerAddress(QStringLiteral("http://127.0.0.1:8002/"), 8002);
    auto *button = panel.findChild<QPushButton *>();
    QVERIFY(button);
    button->click();
    QList<QDialog *> dialogs = panel.findChildren<QDialog *>();
    QCOMPARE(dialogs.size(), 1);
    QTRY_VERIFY(dialogs.first()->isVisible());
    button->click();
    QCOMPARE(panel.findChildren<QDialog *>().size(), 1);
}

QTEST_MAIN(tst_TransportPanel)
#include "tst_transportpanel.moc"
