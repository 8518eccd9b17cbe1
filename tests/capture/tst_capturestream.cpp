#include "capture/capturestream.h"

#include "capture/capturebacklog.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace wslab::capture;
using namespace wslab::protocol;

namespace {

CaptureRecord httpRecord(const QByteArray &bytes)
{
    CaptureRecord record;
    record.kind = RecordKind::HttpRequest;
    record.wireBytes = bytes;
    return record;
}

} // namespace

class tst_CaptureStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<CaptureBatch>("wslab::capture::CaptureBatch"); }
    void recordsAreNumberedAndTimed();
    void recordsAreDeliveredTogetherAfterInterval();
    void fullBatchIsDeliveredAtOnce();
    void batchOfLargePayloadsIsDeliveredAtOnce();
    void floodCostsFewBatches();
    void payloadCapCutsFramePayload();
    void payloadCapCutsHttpBytes();
    void payloadBelowCapIsUntouched();
    void flushDeliversPendingNow();
    void disablingFlushes();
    void recordsOfOneTimeScopeShareTheInstant();
    void fullBacklogMissesRecordsAndSaysHowMany();
    void gapIsReportedWithoutFurtherTraffic();
    void backlogWeighsWhatRecordsHold();
    void recordsBuiltInPlaceAreStampedLikeAppended();
    void recordsBuiltInPlaceFillBatches();
    void recordsBuiltInPlaceMeetTheBacklog();
    void recordsBuiltInPlaceAreDroppedWhenDisabled();
    void batchReadDuringTheEmitTakesTheNextRecords();
    void batchKeptByAReceiverIsLeftAlone();
};

void tst_CaptureStream::recordsAreNumberedAndTimed()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    QCOMPARE(stream.append(httpRecord("a")), 1u);
    QCOMPARE(stream.append(httpRecord("b")), 2u);
    stream.flush();
    QCOMPARE(spy.size(), 1);
    const auto batch = spy.at(0).at(0).value<CaptureBatch>();
    QCOMPARE(batch.size(), 2);
    QCOMPARE(batch.at(0).id, 1u);
    QCOMPARE(batch.at(1).id, 2u);
    QVERIFY(batch.at(0).timeNs > 0);
    QVERIFY(batch.at(1).timeNs >= batch.at(0).timeNs);
    QCOMPARE(batch.at(1).wireBytes, QByteArray("b"));
}

void tst_CaptureStream::recordsAreDeliveredTogetherAfterInterval()
{
    CaptureStream stream;
    stream.setInterval(20);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 10; ++i)
        stream.append(httpRecord("x"));
    QCOMPARE(spy.size(), 0); // not synchronously: coalesced
    QVERIFY(spy.wait(2000));
    QVERIFY(clock.elapsed() >= 15);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<CaptureBatch>().size(), 10);
    QCOMPARE(stream.pendingCount(), 0);
}

void tst_CaptureStream::fullBatchIsDeliveredAtOnce()
{
    CaptureStream stream;
    stream.setMaxBatchSize(4);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    for (int i = 0; i < 9; ++i)
        stream.append(httpRecord("x"));
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(0).at(0).value<CaptureBatch>().size(), 4);
    QCOMPARE(spy.at(1).at(0).value<CaptureBatch>().first().id, 5u);
    QCOMPARE(stream.pendingCount(), 1);
}

void tst_CaptureStream::batchOfLargePayloadsIsDeliveredAtOnce()
{
    CaptureStream stream;
    stream.setMaxBatchBytes(3000);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    const QByteArray kilobyte(1000, 'x');
    for (int i = 0; i < 7; ++i)
        stream.append(httpRecord(kilobyte));
    // Three records reach the bound: two batches of three, the seventh waits for the interval.
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(0).at(0).value<CaptureBatch>().size(), 3);
    QCOMPARE(spy.at(1).at(0).value<CaptureBatch>().size(), 3);
    QCOMPARE(stream.pendingCount(), 1);
    QVERIFY(spy.wait(1000));
    QCOMPARE(spy.at(2).at(0).value<CaptureBatch>().first().id, 7u);
}

void tst_CaptureStream::floodCostsFewBatches()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    const int records = 100'000;
    for (int i = 0; i < records; ++i)
        stream.append(httpRecord("x"));
    stream.flush();
    qsizetype total = 0;
    for (const auto &args : spy)
        total += args.at(0).value<CaptureBatch>().size();
    QCOMPARE(total, records);
    QVERIFY(spy.size() <= records / CaptureStream::defaultMaxBatchSize + 1);
}

void tst_CaptureStream::payloadCapCutsFramePayload()
{
    CaptureStream stream;
    stream.setPayloadCap(4);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    CaptureRecord record;
    record.frame = FrameDecoder::readFrame(FrameEncoder::encode(Opcode::Text, "Hello world"));
    QVERIFY(record.frame);
    stream.append(record);
    stream.flush();
    const CaptureRecord delivered = spy.at(0).at(0).value<CaptureBatch>().first();
    QVERIFY(delivered.isTruncated());
    QCOMPARE(delivered.truncatedFrom, 11);
    QCOMPARE(delivered.frame->payload, QByteArray("Hell"));
    QCOMPARE(delivered.frame->header.payloadLength, 11u); // the header still says what was sent
}

void tst_CaptureStream::payloadCapCutsHttpBytes()
{
    CaptureRecord record = httpRecord("GET / HTTP/1.1\r\n\r\n");
    CaptureStream::applyPayloadCap(record, 3);
    QCOMPARE(record.wireBytes, QByteArray("GET"));
    QCOMPARE(record.truncatedFrom, 18);
}

void tst_CaptureStream::payloadBelowCapIsUntouched()
{
    CaptureRecord record = httpRecord("GET");
    CaptureStream::applyPayloadCap(record, 3);
    QCOMPARE(record.wireBytes, QByteArray("GET"));
    QVERIFY(!record.isTruncated());
}

void tst_CaptureStream::flushDeliversPendingNow()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    stream.flush();
    QCOMPARE(spy.size(), 0); // nothing pending, no empty batch
    stream.append(httpRecord("x"));
    stream.flush();
    QCOMPARE(spy.size(), 1);
    QTest::qWait(40);
    QCOMPARE(spy.size(), 1); // the timer was stopped with the flush
}

void tst_CaptureStream::disablingFlushes()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    stream.append(httpRecord("x"));
    stream.setEnabled(false);
    QVERIFY(!stream.isEnabled());
    QCOMPARE(spy.size(), 1);
}

void tst_CaptureStream::recordsOfOneTimeScopeShareTheInstant()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    {
        const CaptureStream::TimeScope scope(stream);
        stream.append(httpRecord("a"));
        QTest::qSleep(2);
        {
            const CaptureStream::TimeScope inner(stream); // nested: still the outer instant
            stream.append(httpRecord("b"));
        }
        stream.append(httpRecord("c"));
    }
    QTest::qSleep(2);
    stream.append(httpRecord("d"));
    stream.flush();
    const auto batch = spy.at(0).at(0).value<CaptureBatch>();
    QCOMPARE(batch.at(1).timeNs, batch.at(0).timeNs);
    QCOMPARE(batch.at(2).timeNs, batch.at(0).timeNs);
    QVERIFY(batch.at(3).timeNs >= batch.at(0).timeNs + 2'000'000);
}

namespace {

// Everything the stream delivered, in order.
CaptureBatch delivered(const QSignalSpy &spy)
{
    CaptureBatch all;
    for (const QList<QVariant> &arguments : spy)
        all += arguments.at(0).value<CaptureBatch>();
    return all;
}

} // namespace

// A receiver that takes nothing: the stream keeps what fits and counts the rest; once the receiver
// has caught up, one CaptureGap record says how many were missed, and the ids show where.
void tst_CaptureStream::fullBacklogMissesRecordsAndSaysHowMany()
{
    const qint64 one = CaptureBacklog::weightOf(httpRecord("x"));
    auto backlog = std::make_shared<CaptureBacklog>(3 * one);
    CaptureStream stream;
    stream.setBacklog(backlog);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    for (quint64 i = 1; i <= 5; ++i)
        QCOMPARE(stream.append(httpRecord("x")), i); // ids go on, kept or not
    QCOMPARE(stream.missedSinceLastGap(), 2u);
    stream.flush();
    CaptureBatch batch = delivered(spy);
    QCOMPARE(batch.size(), 3);
    QCOMPARE(batch.last().id, 3u);

    backlog->release(CaptureBacklog::weightOf(batch));
    QCOMPARE(stream.append(httpRecord("y")), 7u);
    stream.flush();
    batch = delivered(spy);
    QCOMPARE(batch.size(), 5);
    QCOMPARE(batch.at(3).kind, RecordKind::CaptureGap);
    QCOMPARE(batch.at(3).id, 6u);
    QCOMPARE(batch.at(3).missed, 2u);
    QCOMPARE(batch.at(4).id, 7u);
    QCOMPARE(batch.at(4).wireBytes, QByteArray("y"));
    QCOMPARE(stream.missedSinceLastGap(), 0u);
}

void tst_CaptureStream::gapIsReportedWithoutFurtherTraffic()
{
    auto backlog = std::make_shared<CaptureBacklog>(CaptureBacklog::weightOf(httpRecord("x")));
    CaptureStream stream;
    stream.setInterval(5);
    stream.setBacklog(backlog);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    stream.append(httpRecord("x"));
    stream.append(httpRecord("x")); // missed
    QTRY_COMPARE_WITH_TIMEOUT(delivered(spy).size(), 1, 2000);
    backlog->release(CaptureBacklog::weightOf(delivered(spy)));
    QTRY_COMPARE_WITH_TIMEOUT(delivered(spy).size(), 2, 2000); // the timer looks again
    QCOMPARE(delivered(spy).last().kind, RecordKind::CaptureGap);
    QCOMPARE(delivered(spy).last().missed, 1u);
}

void tst_CaptureStream::backlogWeighsWhatRecordsHold()
{
    CaptureRecord small = httpRecord("x");
    CaptureRecord big = httpRecord(QByteArray(1000, 'x'));
    QCOMPARE(CaptureBacklog::weightOf(big) - CaptureBacklog::weightOf(small), 999);
    CaptureRecord frame;
    frame.frame = DecodedFrame{};
    frame.frame->payload = QByteArray(500, 'p');
    frame.inflatedPayload = QByteArray(700, 'i');
    QCOMPARE(CaptureBacklog::weightOf(frame), qint64(sizeof(CaptureRecord)) + 1200);
    QCOMPARE(CaptureBacklog::weightOf(CaptureBatch{small, big}),
             CaptureBacklog::weightOf(small) + CaptureBacklog::weightOf(big));

    CaptureBacklog backlog(100);
    QVERIFY(backlog.tryAdd(60));
    QVERIFY(!backlog.tryAdd(41));
    QVERIFY(backlog.tryAdd(40));
    backlog.release(60);
    QCOMPARE(backlog.bytes(), 40);
}

namespace {

// What a live source does: records made at the end of the stream's batch, then taken in.
void buildInPlace(CaptureStream &stream, const QList<QByteArray> &bytes)
{
    const qsizetype first = stream.appendTarget().size();
    for (const QByteArray &each : bytes)
        stream.appendTarget().append(httpRecord(each));
    stream.adoptAppended(first);
}

} // namespace

void tst_CaptureStream::recordsBuiltInPlaceAreStampedLikeAppended()
{
    CaptureStream stream;
    stream.setPayloadCap(4);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    stream.append(httpRecord("first"));
    buildInPlace(stream, {"ab", "abcdefgh"});
    QCOMPARE(stream.append(httpRecord("last")), 4u);
    stream.flush();
    const CaptureBatch batch = delivered(spy);
    QCOMPARE(batch.size(), 4);
    for (quint64 i = 0; i < 4; ++i)
        QCOMPARE(batch.at(qsizetype(i)).id, i + 1);
    QVERIFY(batch.at(1).timeNs >= batch.at(0).timeNs);
    QVERIFY(batch.at(2).timeNs > 0);
    QCOMPARE(batch.at(1).wireBytes, QByteArray("ab"));
    QVERIFY(!batch.at(1).isTruncated());
    QCOMPARE(batch.at(2).wireBytes, QByteArray("abcd"));
    QCOMPARE(batch.at(2).truncatedFrom, 8);
}

void tst_CaptureStream::recordsBuiltInPlaceFillBatches()
{
    CaptureStream stream;
    stream.setMaxBatchSize(4);
    stream.setInterval(5);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    buildInPlace(stream, {"a", "b", "c"});
    QCOMPARE(spy.size(), 0); // below the size: waits for the interval
    buildInPlace(stream, {"d", "e"});
    QCOMPARE(spy.size(), 1); // one call's records stay together
    QCOMPARE(spy.at(0).at(0).value<CaptureBatch>().size(), 5);
    QCOMPARE(stream.pendingCount(), 0);
    buildInPlace(stream, {"f"});
    QVERIFY(spy.wait(1000));
    QCOMPARE(spy.at(1).at(0).value<CaptureBatch>().first().id, 6u);
}

void tst_CaptureStream::recordsBuiltInPlaceMeetTheBacklog()
{
    const qint64 one = CaptureBacklog::weightOf(httpRecord("x"));
    auto backlog = std::make_shared<CaptureBacklog>(2 * one);
    CaptureStream stream;
    stream.setBacklog(backlog);
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    buildInPlace(stream, {"x", "x", "x", "x"});
    QCOMPARE(stream.missedSinceLastGap(), 2u);
    stream.flush();
    CaptureBatch batch = delivered(spy);
    QCOMPARE(batch.size(), 2);
    backlog->release(CaptureBacklog::weightOf(batch));
    buildInPlace(stream, {"y"});
    stream.flush();
    batch = delivered(spy);
    QCOMPARE(batch.size(), 4);
    QCOMPARE(batch.at(2).kind, RecordKind::CaptureGap);
    QCOMPARE(batch.at(2).id, 5u);
    QCOMPARE(batch.at(2).missed, 2u);
    QCOMPARE(batch.at(3).id, 6u);
    QCOMPARE(batch.at(3).wireBytes, QByteArray("y"));
}

void tst_CaptureStream::recordsBuiltInPlaceAreDroppedWhenDisabled()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    stream.setEnabled(false);
    buildInPlace(stream, {"x", "y"});
    QCOMPARE(stream.pendingCount(), 0);
    QCOMPARE(stream.lastId(), 0u);
    stream.flush();
    QCOMPARE(spy.size(), 0);
}


// The headless printer reads each batch while it is emitted and keeps nothing: the next records
// are then built in the same storage.
void tst_CaptureStream::batchReadDuringTheEmitTakesTheNextRecords()
{
    CaptureStream stream;
    const CaptureRecord *delivered = nullptr;
    QList<quint64> ids;
    QObject::connect(&stream, &CaptureStream::batchReady, [&](const CaptureBatch &batch) {
        delivered = batch.constData();
        for (const CaptureRecord &record : batch)
            ids.append(record.id);
    });
    stream.append(httpRecord("a"));
    stream.append(httpRecord("b"));
    stream.flush();
    QVERIFY(delivered);
    QCOMPARE(stream.pendingCount(), 0);
    stream.append(httpRecord("c"));
    QCOMPARE(stream.appendTarget().constData(), delivered);
    QCOMPARE(stream.appendTarget().at(0).wireBytes, QByteArray("c"));
    stream.flush();
    QCOMPARE(ids, (QList<quint64>{1, 2, 3}));
}

// A receiver that keeps a batch (a model, a queued connection) shares it: later records go
// elsewhere and the kept batch stays as it was delivered.
void tst_CaptureStream::batchKeptByAReceiverIsLeftAlone()
{
    CaptureStream stream;
    QList<CaptureBatch> kept;
    QObject::connect(&stream, &CaptureStream::batchReady, [&](const CaptureBatch &batch) { kept.append(batch); });
    stream.append(httpRecord("a"));
    stream.append(httpRecord("b"));
    stream.flush();
    stream.append(httpRecord("c"));
    QVERIFY(stream.appendTarget().constData() != kept.at(0).constData());
    stream.flush();
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(0).size(), 2);
    QCOMPARE(kept.at(0).at(0).wireBytes, QByteArray("a"));
    QCOMPARE(kept.at(0).at(1).wireBytes, QByteArray("b"));
    QCOMPARE(kept.at(1).size(), 1);
    QCOMPARE(kept.at(1).at(0).id, 3u);
}

QTEST_GUILESS_MAIN(tst_CaptureStream)
#include "tst_capturestream.moc"
