#include "server/transportstats.h"

#include <QTest>

using namespace wslab::server;
using namespace wslab::capture;

class tst_TransportStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void percentile_data();
    void percentile();
    void samplesAreBounded();
    void countersPerTransport();
};

void tst_TransportStats::percentile_data()
{
    QTest::addColumn<QList<qint64>>("samples");
    QTest::addColumn<int>("percent");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("empty") << QList<qint64>{} << 50 << qint64(-1);
    QTest::addRow("one") << QList<qint64>{7} << 95 << qint64(7);
    QTest::addRow("median odd") << QList<qint64>{5, 1, 3} << 50 << qint64(3);
    QTest::addRow("median even takes lower") << QList<qint64>{4, 1, 3, 2} << 50 << qint64(2);
    // Nearest rank over 1..20: p95 is the 19th value.
    QList<qint64> twenty;
    for (qint64 i = 20; i >= 1; --i)
        twenty.append(i);
    QTest::addRow("p95 of 20") << twenty << 95 << qint64(19);
    QTest::addRow("p100 is max") << twenty << 100 << qint64(20);
}

void tst_TransportStats::percentile()
{
    QFETCH(QList<qint64>, samples);
    QFETCH(int, percent);
    QFETCH(qint64, expected);
    QCOMPARE(nearestRankPercentile(samples, percent), expected);
}

void tst_TransportStats::samplesAreBounded()
{
    TransportCounters counters;
    for (qint64 i = 0; i < TransportCounters::maxLatencySamples + 10; ++i)
        counters.addLatencySample(i);
    QCOMPARE(counters.latencySamplesMs.size(), TransportCounters::maxLatencySamples);
    QCOMPARE(counters.latencySamplesMs.first(), 10); // the oldest were dropped
    QCOMPARE(counters.latencySamplesMs.last(), TransportCounters::maxLatencySamples + 9);
}

void tst_TransportStats::countersPerTransport()
{
    TransportStats stats;
    stats.of(Transport::Polling).requests = 3;
    stats.of(Transport::LongPolling).requests = 5;
    stats.of(Transport::WebSocket).requests = 7;
    QCOMPARE(stats.polling.requests, 3u);
    QCOMPARE(stats.longPolling.requests, 5u);
    QCOMPARE(stats.webSocket.requests, 7u);
}

QTEST_GUILESS_MAIN(tst_TransportStats)
#include "tst_transportstats.moc"
