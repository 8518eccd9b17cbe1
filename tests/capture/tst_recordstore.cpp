#include "capture/recordspill.h"
#include "capture/recordstore.h"

#include "server/protocol/frameencoder.h"
#include "server/protocol/framedecoder.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

using namespace wslab::capture;
namespace protocol = wslab::protocol;

namespace {

// A frame as the decoder reads it off the wire, so header bytes, mask key and lengths are real.
protocol::DecodedFrame decodedFrame(protocol::Opcode opcode, const QByteArray &payload, bool masked, bool fin = true)
{
    const auto key = masked ? std::optional<protocol::MaskKey>(protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d}) : std::nullopt;
    const auto frame = protocol::FrameDecoder::readFrame(protocol::FrameEncoder::encode(opcode, payload, fin, key));
    Q_ASSERT(frame.has_value());
    return *frame;
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

// Every field, compared one by one: a field the store forgot fails here by name.
void compareRecords(const CaptureRecord &actual, const CaptureRecord &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.timeNs, expected.timeNs);
    QCOMPARE(actual.connectionId, expected.connectionId);
    QCOMPARE(actual.direction, expected.direction);
    QCOMPARE(actual.transport, expected.transport);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.frame.has_value(), expected.frame.has_value());
    if (expected.frame) {
        QVERIFY(actual.frame->header == expected.frame->header);
        QCOMPARE(actual.frame->wireHeader(), expected.frame->wireHeader());
        QCOMPARE(actual.frame->payload, expected.frame->payload);
        QCOMPARE(actual.frame->wireBytes(), expected.frame->wireBytes());
    }
    QCOMPARE(actual.wireBytes, expected.wireBytes);
    QCOMPARE(actual.truncatedFrom, expected.truncatedFrom);
    QCOMPARE(actual.inflatedPayload, expected.inflatedPayload);
    QCOMPARE(actual.inflatedSize, expected.inflatedSize);
    QCOMPARE(actual.held, expected.held);
    QCOMPARE(actual.reconstructed, expected.reconstructed);
    QCOMPARE(actual.bookkeeping, expected.bookkeeping);
    QCOMPARE(actual.modified, expected.modified);
    QCOMPARE(actual.relatedId, expected.relatedId);
    QCOMPARE(actual.decodeError, expected.decodeError);
    QCOMPARE(actual.streamError, expected.streamError);
    QCOMPARE(actual.httpStatus, expected.httpStatus);
    QCOMPARE(actual.closeCode, expected.closeCode);
    QCOMPARE(actual.firstCloseDirection, expected.firstCloseDirection);
    QCOMPARE(actual.missed, expected.missed);
    QCOMPARE(actual.note, expected.note);
    QCOMPARE(actual.serverAddress, expected.serverAddress);
    QCOMPARE(actual.tls, expected.tls);
    QCOMPARE(actual.intervention, expected.intervention);
}

CaptureRecord base(quint64 id, RecordKind kind)
{
    CaptureRecord r;
    r.id = id;
    r.timeNs = 1'700'000'000'000'000'000 + qint64(id) * 1'000'003;
    r.connectionId = 3;
    r.kind = kind;
    r.transport = Transport::WebSocket;
    return r;
}

} // namespace

// The file window's record store: every record written to a temporary file and read back whole
// on demand, a digest per row in memory, a small cache of the records read back.
class TestRecordStore : public QObject
{
    Q_OBJECT

private slots:
    void readsBackEveryFieldOfARecord_data();
    void readsBackEveryFieldOfARecord();
    void digestTellsTheFiltersFactsWithoutTheRecord();
    void payloadsLargerThanTheCacheReadBackIdentical();
    void cacheStaysWithinItsBounds();
    void replacedRecordReadsBackItsNewVersion();
    void clearForgetsEveryRecord();
    void damagedBytesAreNoRecord_data();
    void damagedBytesAreNoRecord();
    // Records a RecordSpill wrote on another thread (a file being read), taken where they are.
    void spilledRecordReadsBackEveryField_data() { readsBackEveryFieldOfARecord_data(); }
    void spilledRecordReadsBackEveryField();
    void spilledAndWrittenRecordsMix();
    void recordsOfASecondSpillAreNotTaken();
    void spillFileGoesWithItsLastHolder();
    void spillGivesRecordsAsTheyAreWritten();
    void recordsASpillCannotWriteComeBackWhole();
    void droppedPayloadsKeepTheirSizes();
};

void TestRecordStore::readsBackEveryFieldOfARecord_data()
{
    QTest::addColumn<CaptureRecord>("record");

    CaptureRecord opened = base(1, RecordKind::ConnectionOpened);
    opened.note = QStringLiteral("[::1]:40000");
    opened.serverAddress = QStringLiteral("[::1]:9000 — 服务器");
    auto tls = std::make_shared<TlsInfo>();
    tls->version = QStringLiteral("TLSv1.3");
    opened.tls = tls;
    QTest::addRow("connection opened with TLS") << opened;

    CaptureRecord request = base(2, RecordKind::HttpRequest);
    request.wireBytes = "GET /chat HTTP/1.1\r\nHost: h\r\n\r\n";
    request.bookkeeping = true;
    QTest::addRow("HTTP request") << request;

    CaptureRecord response = base(3, RecordKind::HttpResponse);
    response.direction = Direction::Outbound;
    response.wireBytes = "HTTP/1.1 404 Not Found\r\n\r\n";
    response.httpStatus = 404;
    QTest::addRow("HTTP error response") << response;

    CaptureRecord masked = base(4, RecordKind::Frame);
    masked.frame = decodedFrame(protocol::Opcode::Text, "Hello, 世界", true);
    masked.held = true;
    QTest::addRow("masked text frame, held") << masked;

    CaptureRecord compressed = base(5, RecordKind::Frame);
    compressed.direction = Direction::Outbound;
    compressed.frame = decodedFrame(protocol::Opcode::Binary, randomBytes(70'000, 5), false, false);
    compressed.frame->header.rsv1 = true;
    compressed.inflatedPayload = randomBytes(1000, 6);
    compressed.inflatedSize = 4000;
    compressed.truncatedFrom = 90'000;
    compressed.modified = true;
    auto intervention = std::make_shared<FrameIntervention>();
    intervention->originalBytes = "original";
    compressed.intervention = intervention;
    QTest::addRow("64-bit frame, inflated, truncated, edited") << compressed;

    CaptureRecord empty = base(6, RecordKind::Frame);
    empty.frame = decodedFrame(protocol::Opcode::Ping, {}, false);
    empty.inflatedPayload = QByteArray();
    empty.reconstructed = true;
    QTest::addRow("empty ping, empty inflated message") << empty;

    CaptureRecord decodeError = base(7, RecordKind::ProtocolError);
    decodeError.decodeError = protocol::DecodeError::UnmaskedClientFrame;
    decodeError.wireBytes = QByteArray("\x81\x05hello", 7);
    decodeError.note = QStringLiteral("unmasked");
    QTest::addRow("decode error") << decodeError;

    CaptureRecord streamError = base(8, RecordKind::ProtocolError);
    streamError.streamError = StreamError::HttpHeadInvalid;
    QTest::addRow("stream error") << streamError;

    CaptureRecord closed = base(9, RecordKind::ConnectionClosed);
    closed.closeCode = 1001;
    closed.firstCloseDirection = Direction::Outbound;
    QTest::addRow("connection closed") << closed;

    CaptureRecord gap = base(10, RecordKind::StreamGap);
    gap.missed = 1'234'567;
    gap.relatedId = 4;
    QTest::addRow("stream gap") << gap;
}

void TestRecordStore::readsBackEveryFieldOfARecord()
{
    QFETCH(CaptureRecord, record);
    RecordStore store;
    // Neighbours on both sides: the record is found by where it is, not by being alone.
    store.append(base(100, RecordKind::CaptureGap));
    const int index = store.append(record);
    store.append(base(101, RecordKind::CaptureGap));
    QVERIFY(store.spilling());
    QVERIFY(store.fileBytes() > 0);

    compareRecords(*store.record(index), record);
    compareRecords(store.readBack(index), record);
    compareRecords(store.readBack(index + 1), base(101, RecordKind::CaptureGap));
}

void TestRecordStore::digestTellsTheFiltersFactsWithoutTheRecord()
{
    RecordStore store;
    CaptureRecord ping = base(4, RecordKind::Frame);
    ping.direction = Direction::Outbound;
    ping.frame = decodedFrame(protocol::Opcode::Ping, "p", false);
    ping.decodeError = protocol::DecodeError::ReservedBitsSet;
    CaptureRecord response = base(5, RecordKind::HttpResponse);
    response.httpStatus = 503;
    response.bookkeeping = true;
    store.append(ping);
    store.append(response);

    const RecordDigest &frame = store.digest(0);
    QCOMPARE(frame.id, 4u);
    QCOMPARE(frame.timeNs, ping.timeNs);
    QCOMPARE(frame.connectionId, 3u);
    QCOMPARE(frame.direction, Direction::Outbound);
    QCOMPARE(frame.kind, RecordKind::Frame);
    QCOMPARE(frame.opcode, qint8(protocol::Opcode::Ping));
    QVERIFY(frame.decodeError);
    const RecordDigest &http = store.digest(1);
    QCOMPARE(http.opcode, qint8(-1));
    QCOMPARE(http.httpStatus, quint16(503));
    QVERIFY(http.bookkeeping);
    QVERIFY(!http.decodeError);
    QCOMPARE(store.cachedBytes(), 0); // the digest needed no read
}

void TestRecordStore::payloadsLargerThanTheCacheReadBackIdentical()
{
    constexpr qint64 cacheBytes = 1024 * 1024;
    RecordStore store(8, cacheBytes);
    QList<CaptureRecord> records;
    for (int i = 0; i < 6; ++i) {
        CaptureRecord r = base(quint64(i + 1), RecordKind::Frame);
        r.frame = decodedFrame(protocol::Opcode::Binary, randomBytes(3 * 1024 * 1024 + i, quint32(i)), i % 2 == 0);
        records.append(r);
        store.append(r);
    }
    // Twice over, in an order that misses the cache every time.
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < records.size(); ++i) {
            compareRecords(*store.record(i), records.at(i));
            // Only the record just read stays: it is bigger than the cache alone.
            QVERIFY2(store.cachedBytes() < 2 * records.at(i).frame->payload.size(),
                     qPrintable(QString::number(store.cachedBytes())));
        }
    }
}

void TestRecordStore::cacheStaysWithinItsBounds()
{
    constexpr int cacheRecords = 4;
    RecordStore store(cacheRecords, 1024 * 1024);
    for (int i = 0; i < 50; ++i) {
        CaptureRecord r = base(quint64(i + 1), RecordKind::Frame);
        r.frame = decodedFrame(protocol::Opcode::Text, QByteArray(100, char('a' + i % 26)), false);
        store.append(r);
    }
    qint64 largest = 0;
    for (int i = 0; i < store.size(); ++i) {
        QCOMPARE(store.record(i)->frame->payload, QByteArray(100, char('a' + i % 26)));
        largest = std::max(largest, store.cachedBytes());
    }
    QVERIFY(largest > 0);
    // What four records of 100 payload bytes take, at most: the cache held no more than four.
    QVERIFY2(largest <= cacheRecords * qint64(sizeof(CaptureRecord) + 100), qPrintable(QString::number(largest)));
    // A record read back without the cache leaves it alone.
    const qint64 before = store.cachedBytes();
    QCOMPARE(store.readBack(0).id, 1u);
    QCOMPARE(store.cachedBytes(), before);
}

void TestRecordStore::replacedRecordReadsBackItsNewVersion()
{
    RecordStore store;
    CaptureRecord held = base(1, RecordKind::Frame);
    held.frame = decodedFrame(protocol::Opcode::Text, "compressed", true);
    store.append(held);
    store.append(base(2, RecordKind::CaptureGap));
    QVERIFY(!store.record(0)->inflatedPayload);

    held.inflatedPayload = "the message";
    held.inflatedSize = 11;
    store.replace(0, held);
    compareRecords(*store.record(0), held);
    compareRecords(store.readBack(1), base(2, RecordKind::CaptureGap));
    QCOMPARE(store.size(), 2);
}

void TestRecordStore::clearForgetsEveryRecord()
{
    RecordStore store;
    store.append(base(1, RecordKind::CaptureGap));
    QVERIFY(store.record(0));
    store.clear();
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.cachedBytes(), 0);
    QCOMPARE(store.fileBytes(), 0);
    const CaptureRecord again = base(7, RecordKind::StreamGap);
    QCOMPARE(store.append(again), 0);
    compareRecords(*store.record(0), again);
}

void TestRecordStore::spilledRecordReadsBackEveryField()
{
    QFETCH(CaptureRecord, record);
    RecordSpill spill;
    const auto spilled = spill.write({base(100, RecordKind::CaptureGap), record, base(101, RecordKind::CaptureGap)});
    QVERIFY(spilled);
    QCOMPARE(spilled->records->size(), size_t(3));
    RecordStore store;
    for (size_t i = 0; i < spilled->records->size(); ++i)
        QCOMPARE(store.appendSpilled(*spilled, i), int(i));
    QCOMPARE(store.fileBytes(), 0); // nothing written by the store itself
    QCOMPARE(store.digest(1).id, record.id);
    QCOMPARE(store.digest(1).kind, record.kind);
    compareRecords(*store.record(1), record);
    compareRecords(store.readBack(1), record);
    compareRecords(store.readBack(2), base(101, RecordKind::CaptureGap));
}

void TestRecordStore::spilledAndWrittenRecordsMix()
{
    QList<CaptureRecord> records;
    for (quint64 id = 1; id <= 7; ++id) {
        CaptureRecord r = base(id, RecordKind::Frame);
        r.frame = decodedFrame(protocol::Opcode::Binary, randomBytes(1000 + qsizetype(id), quint32(id)), id % 2);
        records.append(r);
    }
    RecordStore store;
    RecordSpill spill;
    store.append(records.at(0));
    const auto first = spill.write(records.mid(1, 2));
    QVERIFY(first);
    QCOMPARE(store.appendSpilled(*first, 0), 1);
    QCOMPARE(store.appendSpilled(*first, 1), 2);
    store.append(records.at(3));
    // The spill goes on writing while the store reads what it took: the mapping grows with it.
    compareRecords(store.readBack(2), records.at(2));
    const auto second = spill.write(records.mid(4, 3));
    QVERIFY(second);
    for (size_t i = 0; i < 3; ++i)
        QCOMPARE(store.appendSpilled(*second, i), int(4 + i));
    // A spilled record replaced (a held message delivered): the new version is the store's own.
    records[5].inflatedPayload = QByteArray("inflated");
    store.replace(5, records.at(5));
    for (int i = 0; i < records.size(); ++i)
        compareRecords(store.readBack(i), records.at(i));
}

void TestRecordStore::recordsOfASecondSpillAreNotTaken()
{
    RecordSpill one;
    RecordSpill other;
    const auto fromOne = one.write({base(1, RecordKind::CaptureGap)});
    const auto fromOther = other.write({base(2, RecordKind::CaptureGap)});
    QVERIFY(fromOne && fromOther);
    QVERIFY(fromOne->fileName != fromOther->fileName);
    RecordStore store;
    QCOMPARE(store.appendSpilled(*fromOne, 0), 0);
    QCOMPARE(store.appendSpilled(*fromOther, 0), -1); // the caller appends it the ordinary way
    QCOMPARE(store.size(), 1);
    store.clear();
    QCOMPARE(store.appendSpilled(*fromOther, 0), 0);
    compareRecords(store.readBack(0), base(2, RecordKind::CaptureGap));
}

void TestRecordStore::spillFileGoesWithItsLastHolder()
{
    QString fileName;
    RecordStore store;
    {
        RecordSpill spill;
        const auto spilled = spill.write({base(1, RecordKind::CaptureGap)});
        QVERIFY(spilled);
        fileName = spilled->fileName;
        QCOMPARE(store.appendSpilled(*spilled, 0), 0);
    }
    QVERIFY(QFile::exists(fileName)); // the store still reads it
    compareRecords(store.readBack(0), base(1, RecordKind::CaptureGap));
    store.clear();
    QVERIFY(!QFile::exists(fileName));
}

void TestRecordStore::spillGivesRecordsAsTheyAreWritten()
{
    QList<CaptureRecord> records;
    for (quint64 id = 1; id <= 5; ++id) {
        CaptureRecord r = base(id, RecordKind::Frame);
        r.frame = decodedFrame(protocol::Opcode::Binary, randomBytes(500 * qsizetype(id), quint32(id)), true);
        records.append(r);
    }
    RecordSpill spill;
    QVERIFY(!spill.takeWritten()); // nothing written yet
    QVERIFY(spill.add(records.at(0)));
    QVERIFY(spill.add(records.at(1)));
    QCOMPARE(spill.pendingRecords(), 2);
    QVERIFY(spill.pendingBytes() > 1500);
    QVERIFY(spill.flush());
    QCOMPARE(spill.pendingRecords(), 0);
    QCOMPARE(spill.pendingBytes(), 0);
    QVERIFY(spill.add(records.at(2)));
    // Taken before its flush, the third record is not in the batch: it is not on file yet.
    const auto first = spill.takeWritten();
    QVERIFY(first);
    QCOMPARE(first->records->size(), size_t(2));
    QVERIFY(spill.add(records.at(3)));
    QVERIFY(spill.flush());
    QVERIFY(spill.add(records.at(4)));
    QVERIFY(spill.flush());
    const auto second = spill.takeWritten();
    QVERIFY(second);
    QCOMPARE(second->records->size(), size_t(3));
    RecordStore store;
    for (size_t i = 0; i < 2; ++i)
        QCOMPARE(store.appendSpilled(*first, i), int(i));
    for (size_t i = 0; i < 3; ++i)
        QCOMPARE(store.appendSpilled(*second, i), int(2 + i));
    QCOMPARE(store.fileBytes(), 0);
    for (int i = 0; i < records.size(); ++i)
        compareRecords(store.readBack(i), records.at(i));
}

void TestRecordStore::recordsASpillCannotWriteComeBackWhole()
{
    // No temporary file can be made (as on a full disk): the records are not lost.
    const bool hadTmpdir = qEnvironmentVariableIsSet("TMPDIR");
    const QByteArray tmpdir = qgetenv("TMPDIR");
    qputenv("TMPDIR", "/dev/null"); // not a directory: no file can be made in it, even by root
    QList<CaptureRecord> records;
    CaptureRecord opened = base(1, RecordKind::ConnectionOpened);
    opened.note = QStringLiteral("[::1]:40000");
    opened.tls = std::make_shared<TlsInfo>();
    records.append(opened);
    CaptureRecord frame = base(2, RecordKind::Frame);
    frame.frame = decodedFrame(protocol::Opcode::Text, "hello", true);
    records.append(frame);
    RecordSpill spill;
    for (const CaptureRecord &r : records)
        QVERIFY(spill.add(r));
    const bool flushed = spill.flush();
    hadTmpdir ? qputenv("TMPDIR", tmpdir) : qunsetenv("TMPDIR");
    QVERIFY(!flushed);
    const CaptureBatch whole = spill.takeUnwritten();
    QCOMPARE(whole.size(), records.size());
    for (int i = 0; i < records.size(); ++i)
        compareRecords(whole.at(i), records.at(i));
    QVERIFY(!spill.takeWritten());
    QVERIFY(!spill.add(frame)); // a failed spill takes nothing more
}

void TestRecordStore::droppedPayloadsKeepTheirSizes()
{
    CaptureRecord frame = base(1, RecordKind::Frame);
    frame.frame = decodedFrame(protocol::Opcode::Binary, randomBytes(300, 1), true, false);
    frame.inflatedPayload = QByteArray(1000, 'x');
    const protocol::FrameHeader header = frame.frame->header;
    dropPayloads(frame);
    QVERIFY(frame.frame->payload.isEmpty());
    QVERIFY(frame.frame->header == header); // the header still tells FIN, opcode and length
    QCOMPARE(frame.truncatedFrom, 300);
    QVERIFY(frame.inflatedPayload && frame.inflatedPayload->isEmpty());
    QCOMPARE(frame.inflatedSize, 1000);
    QVERIFY(frame.isTruncated());

    CaptureRecord delivered = base(2, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    delivered.inflatedPayload = QByteArray("message");
    dropPayloads(delivered);
    QCOMPARE(delivered.inflatedPayload, std::optional<QByteArray>("message")); // it goes onto its row

    CaptureRecord request = base(3, RecordKind::HttpRequest);
    request.wireBytes = "GET / HTTP/1.1\r\n\r\n";
    dropPayloads(request);
    QCOMPARE(request.wireBytes, QByteArray("GET / HTTP/1.1\r\n\r\n")); // the upgrade is told from these
}

void TestRecordStore::damagedBytesAreNoRecord_data()
{
    QTest::addColumn<int>("keep"); // bytes kept of the serialized record; -1: one byte added
    QTest::addRow("empty") << 0;
    QTest::addRow("cut in the fixed part") << 9;
    QTest::addRow("cut in the payload") << 80;
    QTest::addRow("one byte too many") << -1;
}

void TestRecordStore::damagedBytesAreNoRecord()
{
    QFETCH(int, keep);
    CaptureRecord r = base(1, RecordKind::Frame);
    r.frame = decodedFrame(protocol::Opcode::Text, QByteArray(100, 'x'), false);
    QByteArray bytes = RecordStore::serialize(r);
    QVERIFY(RecordStore::deserialize(bytes).has_value());
    if (keep < 0)
        bytes.append('\0');
    else
        bytes.truncate(keep);
    QVERIFY(!RecordStore::deserialize(bytes).has_value());
}

QTEST_GUILESS_MAIN(TestRecordStore)
#include "tst_recordstore.moc"
