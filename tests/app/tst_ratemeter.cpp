#include "app/mainwindow/ratemeter.h"

#include <QTest>

using wslab::app::RateMeter;

class tst_RateMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstSampleOnlyStartsTheClock();
    void ratesPerSecond_data();
    void ratesPerSecond();
    void windowForgetsOldSlots();
    void totalsKeepCounting();
};

void tst_RateMeter::firstSampleOnlyStartsTheClock()
{
    RateMeter meter;
    meter.add(10, 1000);
    meter.sample(0);
    QCOMPARE(meter.framesPerSecond(), 0.0);
    meter.sample(500);
    QCOMPARE(meter.framesPerSecond(), 20.0); // 10 frames in 0.5 s
    QCOMPARE(meter.bytesPerSecond(), 2000.0);
}

void tst_RateMeter::ratesPerSecond_data()
{
    QTest::addColumn<quint64>("frames");
    QTest::addColumn<quint64>("bytes");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<double>("framesPerSecond");
    QTest::addColumn<double>("bytesPerSecond");
    QTest::addRow("idle") << quint64(0) << quint64(0) << qint64(500) << 0.0 << 0.0;
    QTest::addRow("100 frames in 1 s") << quint64(100) << quint64(700) << qint64(1000) << 100.0 << 700.0;
    QTest::addRow("5 frames in 250 ms") << quint64(5) << quint64(35) << qint64(250) << 20.0 << 140.0;
}

void tst_RateMeter::ratesPerSecond()
{
    QFETCH(quint64, frames);
    QFETCH(quint64, bytes);
    QFETCH(qint64, intervalMs);
    QFETCH(double, framesPerSecond);
    QFETCH(double, bytesPerSecond);
    RateMeter meter;
    meter.sample(1000);
    meter.add(frames, bytes);
    meter.sample(1000 + intervalMs);
    QCOMPARE(meter.framesPerSecond(), framesPerSecond);
    QCOMPARE(meter.bytesPerSecond(), bytesPerSecond);
}

void tst_RateMeter::windowForgetsOldSlots()
{
    RateMeter meter;
    meter.sample(0);
    meter.add(400, 400);
    meter.sample(1000);
    QCOMPARE(meter.framesPerSecond(), 400.0);
    // After a full window of idle slots the burst no longer counts.
    for (int slot = 1; slot <= RateMeter::windowSlots; ++slot)
        meter.sample(1000 + slot * 1000);
    QCOMPARE(meter.framesPerSecond(), 0.0);
}

void tst_RateMeter::totalsKeepCounting()
{
    RateMeter meter;
    meter.add(3, 30);
    meter.sample(0);
    meter.add(4, 40);
    meter.sample(100);
    QCOMPARE(meter.totalFrames(), quint64(7));
    QCOMPARE(meter.totalBytes(), quint64(70));
    meter.reset();
    QCOMPARE(meter.totalFrames(), quint64(0));
}

QTEST_GUILESS_MAIN(tst_RateMeter)
#include "tst_ratemeter.moc"
