#include "capture/recordspill.h"
#include "inspector/framecapturemodel.h"

#include "inspector/capturesamples.h"
#include "inspector/payloadpreview.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::Opcode;

Q_DECLARE_METATYPE(wslab::capture::Direction)
Q_DECLARE_METATYPE(wslab::protocol::Opcode)

class TestFrameCaptureModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void batchOfTenThousandIsOneInsert();
    void secondBatchAppendsAfterTheFirst();
    void evictsTheOldestRowsAtTheCap_data();
    void evictsTheOldestRowsAtTheCap();
    void loweringTheCapEvictsAtOnce();
    void byteBudgetEvictsTheOldestRows();
    void payloadCapTruncatesAndMarks();
    void displaysFrameColumns_data();
    void displaysFrameColumns();
    void summarisesHttpAndEvents_data();
    void summarisesHttpAndEvents();
    void timeCountsFromTheFirstRecord();
    void rowsAreNumberedWithoutGaps();
    void pageBookkeepingIsLabelled();
    void connectionNameAppearsOnceKnown();
    void heldRowIsMarkedUntilDelivered();
    void deliveryInTheSameBatchClearsTheMark();
    void deliveryOfAnEvictedRowIsIgnored();
    void typedRecordMatchesRecordRole();
    void errorRowsAreFlagged();
    void clearEmptiesTheModel();

    void deflatedHelloIsTheRfcVector();
    void compressedMessageShowsItsInflatedText_data();
    void compressedMessageShowsItsInflatedText();
    void outgoingMessageSizeGrowsWithItsFragments();
    void heldCompressedMessageIsInflatedWhenDelivered();
    void heldCompressedMessageShowsItsPreview();
    void plainFramesReadAsBefore_data();
    void plainFramesReadAsBefore();
    void rsv1RejectedByTheDecoderIsNotCompressed();

    void keepingEveryRecordShowsWhatMemoryShows_data();
    void keepingEveryRecordShowsWhatMemoryShows();
    void keepingEveryRecordKeepsPayloadsOverTheCapWhole();
    void keepingEveryRecordInflatesAHeldMessageWhenDelivered();
    void spilledRowsAreTakenBesideRecordsKeptWhole();

private:
    FrameCaptureModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestFrameCaptureModel::init()
{
    m_model = new FrameCaptureModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void TestFrameCaptureModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestFrameCaptureModel::batchOfTenThousandIsOneInsert()
{
    QSignalSpy aboutToInsert(m_model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);

    m_model->appendBatch(textBatch(1, 10'000));

    QCOMPARE(inserted.count(), 1);
    QCOMPARE(aboutToInsert.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 9'999); // inclusive last
    QCOMPARE(m_model->rowCount(), 10'000);
    QCOMPARE(m_model->record(9'999).id, 10'000u);
}

void TestFrameCaptureModel::secondBatchAppendsAfterTheFirst()
{
    m_model->appendBatch(textBatch(1, 10));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->appendBatch(textBatch(11, 5));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 10);
    QCOMPARE(inserted.at(0).at(2).toInt(), 14);
}

void TestFrameCaptureModel::evictsTheOldestRowsAtTheCap_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("existing");
    QTest::addColumn<int>("incoming");
    QTest::addColumn<int>("removedRows"); // in the one rowsRemoved, or 0 for none
    QTest::addColumn<quint64>("firstId");

    QTest::addRow("below the cap") << 100 << 40 << 60 << 0 << quint64(1);
    QTest::addRow("one over the cap") << 100 << 100 << 1 << 1 << quint64(2);
    QTest::addRow("partly over") << 100 << 60 << 60 << 20 << quint64(21);
    QTest::addRow("batch bigger than the cap") << 100 << 50 << 250 << 50 << quint64(201);
    QTest::addRow("cap of one") << 1 << 1 << 3 << 1 << quint64(4);
}

void TestFrameCaptureModel::evictsTheOldestRowsAtTheCap()
{
    QFETCH(int, cap);
    QFETCH(int, existing);
    QFETCH(int, incoming);
    QFETCH(int, removedRows);
    QFETCH(quint64, firstId);

    m_model->setRowCap(cap);
    m_model->appendBatch(textBatch(1, existing));
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);

    m_model->appendBatch(textBatch(quint64(existing) + 1, incoming));

    QCOMPARE(removed.count(), removedRows > 0 ? 1 : 0);
    if (removedRows > 0) {
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), removedRows - 1);
    }
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), std::min(cap, existing + incoming));
    QCOMPARE(m_model->record(0).id, firstId);
    QCOMPARE(m_model->record(m_model->rowCount() - 1).id, quint64(existing + incoming));
    QCOMPARE(m_model->evictedCount(), quint64(existing + incoming - m_model->rowCount()));
}

void TestFrameCaptureModel::loweringTheCapEvictsAtOnce()
{
    m_model->appendBatch(textBatch(1, 50));
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setRowCap(10);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->record(0).id, 41u);
    QCOMPARE(m_model->rowForId(41), 0);
    QCOMPARE(m_model->rowForId(40), -1);
}

void TestFrameCaptureModel::byteBudgetEvictsTheOldestRows()
{
    const QByteArray big(10'000, 'x');
    capture::CaptureBatch batch;
    for (quint64 id = 1; id <= 10; ++id)
        batch.append(encodedRecord(id, Opcode::Binary, big));
    m_model->appendBatch(batch);
    const qint64 perRecord = m_model->storedBytes() / 10;
    QVERIFY(perRecord >= big.size());

    m_model->setByteBudget(perRecord * 4 + perRecord / 2);

    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->record(0).id, 7u);
    QVERIFY(m_model->storedBytes() <= m_model->byteBudget());
}

void TestFrameCaptureModel::payloadCapTruncatesAndMarks()
{
    m_model->setPayloadCap(100);
    m_model->append(encodedRecord(1, Opcode::Binary, QByteArray(1000, '\x2a')));
    const auto &r = m_model->record(0);
    QVERIFY(r.isTruncated());
    QCOMPARE(r.truncatedFrom, 1000);
    QCOMPARE(r.frame->payload.size(), 100);
    QCOMPARE(r.frame->header.payloadLength, 1000u); // the header still says what was on the wire
    QVERIFY(m_model->index(0, FrameCaptureModel::SummaryColumn).data().toString().contains("1000"));
}

void TestFrameCaptureModel::displaysFrameColumns_data()
{
    QTest::addColumn<CaptureRecord>("record");
    QTest::addColumn<QStringList>("expected"); // FIN, RSV, opcode, MASK, length, direction
    QTest::addColumn<QString>("summaryContains");

    QTest::addRow("§5.7 masked Hello") << frameRecord(1, maskedHelloWire())
                                       << QStringList{"1", "000", "0x1 text", "1", "5 (7)", "C→S"}
                                       << "“Hello”";
    QTest::addRow("§5.7 unmasked Hello") << frameRecord(1, unmaskedHelloWire(), 1, Direction::Outbound)
                                         << QStringList{"1", "000", "0x1 text", "0", "5 (7)", "S→C"}
                                         << "“Hello”";
    QTest::addRow("§5.7 first fragment") << frameRecord(1, firstFragmentWire(), 1, Direction::Outbound)
                                         << QStringList{"0", "000", "0x1 text", "0", "3 (7)", "S→C"}
                                         << "“Hel”";
    QTest::addRow("§5.7 continuation") << frameRecord(1, lastFragmentWire(), 1, Direction::Outbound)
                                       << QStringList{"1", "000", "0x0 continuation", "0", "2 (7)", "S→C"}
                                       << "“lo”";
    QTest::addRow("§5.7 ping") << frameRecord(1, pingHelloWire(), 1, Direction::Outbound)
                               << QStringList{"1", "000", "0x9 ping", "0", "5 (7)", "S→C"} << "ping “Hello”";
    QTest::addRow("binary 256, ext16") << encodedRecord(1, Opcode::Binary, QByteArray(256, '\x01'))
                                       << QStringList{"1", "000", "0x2 binary", "1", "256 (16)", "C→S"}
                                       << "01 01 01";
    QTest::addRow("binary 65536, ext64") << encodedRecord(1, Opcode::Binary, QByteArray(65536, '\0'), 1,
                                                          Direction::Outbound)
                                         << QStringList{"1", "000", "0x2 binary", "0", "65536 (64)", "S→C"}
                                         << "65536";
    QTest::addRow("close 1000 bye")
            << encodedRecord(1, Opcode::Close, protocol::FrameEncoder::closePayload(1000, "bye"))
            << QStringList{"1", "000", "0x8 close", "1", "5 (7)", "C→S"} << "1000 (Normal Closure), reason “bye”";
    QTest::addRow("close with one byte") << encodedRecord(1, Opcode::Close, QByteArray(1, '\x03'))
                                         << QStringList{"1", "000", "0x8 close", "1", "1 (7)", "C→S"}
                                         << "one byte";
    // RSV1 on a text frame: an empty message compressed with permessage-deflate (RFC 7692 §6).
    QTest::addRow("rsv1 set") << frameRecord(1, QByteArray::fromHex("c100"), 1, Direction::Outbound)
                              << QStringList{"1", "100", "0x1 text", "0", "0 (7)", "S→C"}
                              << "compressed message, 0 B deflated";
}

void TestFrameCaptureModel::displaysFrameColumns()
{
    QFETCH(CaptureRecord, record);
    QFETCH(QStringList, expected);
    QFETCH(QString, summaryContains);

    m_model->append(record);
    auto cell = [this](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(cell(FrameCaptureModel::FinColumn), expected.at(0));
    QCOMPARE(cell(FrameCaptureModel::RsvColumn), expected.at(1));
    QCOMPARE(cell(FrameCaptureModel::OpcodeColumn), expected.at(2));
    QCOMPARE(cell(FrameCaptureModel::MaskColumn), expected.at(3));
    QCOMPARE(cell(FrameCaptureModel::LengthColumn), expected.at(4));
    QCOMPARE(cell(FrameCaptureModel::DirectionColumn), expected.at(5));
    QVERIFY2(cell(FrameCaptureModel::SummaryColumn).contains(summaryContains),
             qPrintable(cell(FrameCaptureModel::SummaryColumn)));
    QCOMPARE(cell(FrameCaptureModel::NumberColumn), QStringLiteral("1"));
    QCOMPARE(cell(FrameCaptureModel::TransportColumn), QStringLiteral("WebSocket"));
}

void TestFrameCaptureModel::summarisesHttpAndEvents_data()
{
    QTest::addColumn<CaptureRecord>("record");
    QTest::addColumn<QString>("opcodeColumn");
    QTest::addColumn<QString>("summary");

    QTest::addRow("upgrade request") << httpRecord(1, RecordKind::HttpRequest, upgradeRequest)
                                     << "HTTP request" << "GET /chat HTTP/1.1 (WebSocket upgrade)";
    QTest::addRow("101 response") << httpRecord(1, RecordKind::HttpResponse, upgradeResponse, 1, 101)
                                  << "HTTP 101" << "HTTP/1.1 101 Switching Protocols";
    QTest::addRow("poll request") << httpRecord(1, RecordKind::HttpRequest, "GET /poll?since=4 HTTP/1.1\r\n\r\n")
                                  << "HTTP request" << "GET /poll?since=4 HTTP/1.1";
    QTest::addRow("malformed request") << httpRecord(1, RecordKind::HttpRequest, "GET\r\n\r\n") << "HTTP request"
                                       << "malformed request: ";
    CaptureRecord closed = eventRecord(1, RecordKind::ConnectionClosed);
    closed.closeCode = 1006;
    QTest::addRow("TCP close") << closed << "TCP close" << "TCP connection closed, close code 1006 (Abnormal Closure)";
    CaptureRecord httpClosed = eventRecord(1, RecordKind::ConnectionClosed); // as HttpConnection records it
    httpClosed.transport = Transport::Http;
    QTest::addRow("HTTP TCP close") << httpClosed << "TCP close" << "TCP connection closed (HTTP, no close code)";
    QTest::addRow("failed upgrade TCP close") << eventRecord(1, RecordKind::ConnectionClosed) << "TCP close"
                                              << "TCP connection closed (HTTP, no close code)";
    CaptureRecord opened = eventRecord(1, RecordKind::ConnectionOpened);
    opened.note = "127.0.0.1:53412";
    QTest::addRow("TCP open") << opened << "TCP open" << "TCP connection opened by 127.0.0.1:53412";
    CaptureRecord error = eventRecord(1, RecordKind::ProtocolError);
    error.decodeError = protocol::DecodeError::UnmaskedClientFrame;
    QTest::addRow("protocol error") << error << "protocol error" << "Client frame is not masked";
    CaptureRecord gap = eventRecord(1, RecordKind::CaptureGap, 0);
    gap.missed = 1234;
    QTest::addRow("capture gap") << gap << "capture gap" << "1234 records not captured: the window fell behind";
}

void TestFrameCaptureModel::summarisesHttpAndEvents()
{
    QFETCH(CaptureRecord, record);
    QFETCH(QString, opcodeColumn);
    QFETCH(QString, summary);

    m_model->append(record);
    QCOMPARE(m_model->index(0, FrameCaptureModel::OpcodeColumn).data().toString(), opcodeColumn);
    const QString text = m_model->index(0, FrameCaptureModel::SummaryColumn).data().toString();
    QVERIFY2(text.startsWith(summary), qPrintable(text));
    QCOMPARE(m_model->index(0, FrameCaptureModel::FinColumn).data().toString(), QString());
}

// Regression: the Time column counted from the server's start (32580.051 for a first frame).
void TestFrameCaptureModel::timeCountsFromTheFirstRecord()
{
    m_model->append(frameRecord(1, maskedHelloWire(), 1, Direction::Inbound, 1'000'000));
    m_model->append(frameRecord(2, maskedHelloWire(), 1, Direction::Inbound, 3'500'000));
    m_model->append(frameRecord(3, maskedHelloWire(), 1, Direction::Inbound, 4'000'000));
    QCOMPARE(m_model->index(0, FrameCaptureModel::TimeColumn).data().toString(), QStringLiteral("0.000"));
    QCOMPARE(m_model->index(1, FrameCaptureModel::TimeColumn).data().toString(), QStringLiteral("2.500"));
    QCOMPARE(m_model->index(0, FrameCaptureModel::DeltaColumn).data().toString(), QString());
    QCOMPARE(m_model->index(1, FrameCaptureModel::DeltaColumn).data().toString(), QStringLiteral("2.500"));
    QVERIFY(m_model->index(1, FrameCaptureModel::TimeColumn).data(Qt::ToolTipRole).toString().contains("2.500"));
    // The short title fits a 1024 px window; its tooltip says where the time starts.
    QVERIFY(m_model->headerData(FrameCaptureModel::TimeColumn, Qt::Horizontal, Qt::ToolTipRole).toString().contains("first record"));
    // The origin stays when the first row is evicted, and starts again after a clear.
    m_model->setRowCap(1);
    QCOMPARE(m_model->index(0, FrameCaptureModel::TimeColumn).data().toString(), QStringLiteral("3.000"));
    m_model->clear();
    m_model->append(frameRecord(4, maskedHelloWire(), 1, Direction::Inbound, 9'000'000));
    QCOMPARE(m_model->index(0, FrameCaptureModel::TimeColumn).data().toString(), QStringLiteral("0.000"));
}

// Regression: the No. column showed record ids, which skip a number for every delivery notice of
// a held frame (no row of its own) and every record the capture missed.
void TestFrameCaptureModel::rowsAreNumberedWithoutGaps()
{
    CaptureRecord held = frameRecord(1, maskedHelloWire());
    held.held = true;
    CaptureRecord delivered = eventRecord(2, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    // The page's bookkeeping (hidden by default) takes no number either.
    CaptureRecord report = httpRecord(4, RecordKind::HttpRequest, "POST /stats HTTP/1.1\r\n\r\n{}");
    report.bookkeeping = true;
    m_model->appendBatch({held, delivered, frameRecord(3, maskedHelloWire()), report, frameRecord(7, maskedHelloWire())});
    const auto numbers = [this] {
        QStringList shown;
        for (int row = 0; row < m_model->rowCount(); ++row)
            shown.append(m_model->index(row, FrameCaptureModel::NumberColumn).data().toString());
        return shown;
    };
    QCOMPARE(numbers(), (QStringList{"1", "2", "", "3"}));
    QCOMPARE(m_model->number(3), 3u);
    QCOMPARE(m_model->number(2), 0u);
    // Evicted rows keep their numbers for the rest: row numbers do not shift under the learner.
    m_model->setRowCap(2);
    QCOMPARE(numbers(), (QStringList{"", "3"}));
    m_model->append(frameRecord(8, maskedHelloWire()));
    QCOMPARE(numbers(), (QStringList{"3", "4"}));
    m_model->clear();
    m_model->append(frameRecord(9, maskedHelloWire()));
    QCOMPARE(numbers(), (QStringList{"1"}));
}

void TestFrameCaptureModel::pageBookkeepingIsLabelled()
{
    CaptureRecord report = httpRecord(1, RecordKind::HttpRequest, "POST /stats?client=ab HTTP/1.1\r\n\r\n{}");
    report.bookkeeping = true;
    CaptureRecord answer = httpRecord(2, RecordKind::HttpResponse, "HTTP/1.1 204 No Content\r\n\r\n", 1, 204);
    answer.bookkeeping = true;
    m_model->appendBatch({report, answer, httpRecord(3, RecordKind::HttpRequest, "POST /send HTTP/1.1\r\n\r\nhi")});
    // Said first, where a narrow column still shows it.
    const QString request = m_model->index(0, FrameCaptureModel::SummaryColumn).data().toString();
    QVERIFY2(request.startsWith(QStringLiteral("[page stats, not chat] POST /stats"))
                     && request.contains(QStringLiteral("Transports panel")),
             qPrintable(request));
    QVERIFY(m_model->index(1, FrameCaptureModel::SummaryColumn).data().toString().startsWith(QStringLiteral("[page stats")));
    QVERIFY(!m_model->index(2, FrameCaptureModel::SummaryColumn).data().toString().contains(QStringLiteral("page stats")));
}

void TestFrameCaptureModel::connectionNameAppearsOnceKnown()
{
    m_model->appendBatch({frameRecord(1, maskedHelloWire(), 7), frameRecord(2, maskedHelloWire(), 8)});
    QCOMPARE(m_model->index(0, FrameCaptureModel::ConnectionColumn).data().toString(), QStringLiteral("#7"));

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setConnectionName(7, QStringLiteral("alice"));

    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(FrameCaptureModel::ConnectionColumn));
    QCOMPARE(m_model->index(0, FrameCaptureModel::ConnectionColumn).data().toString(), QStringLiteral("#7 alice"));
    QCOMPARE(m_model->index(1, FrameCaptureModel::ConnectionColumn).data().toString(), QStringLiteral("#8"));
    m_model->setConnectionName(7, QStringLiteral("alice"));
    QCOMPARE(changed.count(), 1); // no change, no signal
}

void TestFrameCaptureModel::heldRowIsMarkedUntilDelivered()
{
    CaptureRecord held = frameRecord(2, maskedHelloWire());
    held.held = true;
    m_model->appendBatch({frameRecord(1, maskedHelloWire()), held});
    const QModelIndex heldIndex = m_model->index(1, FrameCaptureModel::SummaryColumn);
    QVERIFY(heldIndex.data(FrameCaptureModel::HeldRole).toBool());
    QVERIFY(heldIndex.data(Qt::BackgroundRole).value<QBrush>().style() != Qt::NoBrush);
    QVERIFY(!m_model->index(0, 0).data(FrameCaptureModel::HeldRole).toBool());
    QVERIFY(!m_model->index(0, 0).data(Qt::BackgroundRole).isValid());

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    CaptureRecord delivered = eventRecord(3, RecordKind::FrameDelivered);
    delivered.relatedId = 2;
    m_model->append(delivered);

    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QVERIFY(!heldIndex.data(FrameCaptureModel::HeldRole).toBool());
    QVERIFY(!heldIndex.data(Qt::BackgroundRole).isValid());
}

void TestFrameCaptureModel::deliveryInTheSameBatchClearsTheMark()
{
    CaptureRecord held = frameRecord(1, maskedHelloWire());
    held.held = true;
    CaptureRecord delivered = eventRecord(2, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    m_model->appendBatch({held, delivered});
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(!m_model->isPendingHeld(0));
}

void TestFrameCaptureModel::deliveryOfAnEvictedRowIsIgnored()
{
    m_model->setRowCap(2);
    CaptureRecord held = frameRecord(1, maskedHelloWire());
    held.held = true;
    m_model->append(held);
    m_model->appendBatch(textBatch(2, 2));
    QCOMPARE(m_model->rowForId(1), -1);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    CaptureRecord delivered = eventRecord(4, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    m_model->append(delivered);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_model->rowCount(), 2);
}

void TestFrameCaptureModel::typedRecordMatchesRecordRole()
{
    m_model->appendBatch(textBatch(5, 3));
    for (int row = 0; row < 3; ++row) {
        const auto viaRole = m_model->index(row, 0).data(FrameCaptureModel::RecordRole).value<CaptureRecord>();
        QCOMPARE(viaRole.id, m_model->record(row).id);
        QCOMPARE(m_model->index(row, 0).data(FrameCaptureModel::RecordIdRole).toULongLong(), quint64(5 + row));
        QCOMPARE(m_model->index(row, 0).data(FrameCaptureModel::OpcodeRole).toInt(), int(Opcode::Text));
        QCOMPARE(m_model->rowForId(quint64(5 + row)), row);
    }
    QCOMPARE(m_model->rowForId(4), -1);
    QCOMPARE(m_model->rowForId(8), -1);
}

void TestFrameCaptureModel::errorRowsAreFlagged()
{
    CaptureRecord error = eventRecord(1, RecordKind::ProtocolError);
    error.decodeError = protocol::DecodeError::ReservedOpcode;
    CaptureRecord gap = eventRecord(4, RecordKind::CaptureGap);
    gap.missed = 10;
    m_model->appendBatch({error, frameRecord(2, maskedHelloWire()),
                          httpRecord(3, RecordKind::HttpResponse, "HTTP/1.1 400 Bad Request\r\n\r\n", 1, 400), gap});
    QVERIFY(m_model->index(0, 0).data(FrameCaptureModel::ErrorRole).toBool());
    QVERIFY(!m_model->index(1, 0).data(FrameCaptureModel::ErrorRole).toBool());
    QVERIFY(m_model->index(2, 0).data(FrameCaptureModel::ErrorRole).toBool());
    QVERIFY(m_model->index(3, 0).data(FrameCaptureModel::ErrorRole).toBool()); // missed records: a warning
    QVERIFY(m_model->index(0, 0).data(Qt::BackgroundRole).isValid());
}

void TestFrameCaptureModel::clearEmptiesTheModel()
{
    m_model->appendBatch(textBatch(1, 20));
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->storedBytes(), 0);
}

void TestFrameCaptureModel::deflatedHelloIsTheRfcVector()
{
    // RFC 7692 §7.2.3.1: "Hello" compressed, the trailing 00 00 ff ff removed.
    QCOMPARE(deflated("Hello"), QByteArray::fromHex("f248cdc9c90700"));
}

void TestFrameCaptureModel::compressedMessageShowsItsInflatedText_data()
{
    QTest::addColumn<Direction>("direction");
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("frames");
    QTest::addColumn<QString>("expected"); // %1: the message's DEFLATE size

    const QByteArray twice = "Hello, compressed world! Hello, compressed world!";
    const QString twiceText = QStringLiteral("“%1” (49 B, deflated to %2 B)").arg(QString::fromLatin1(twice), QStringLiteral("%1"));
    QTest::addRow("C→S Hello, one frame") << Direction::Inbound << Opcode::Text << QByteArray("Hello") << 1
                                          << QStringLiteral("“Hello” (5 B, deflated to %1 B)");
    QTest::addRow("S→C Hello, one frame") << Direction::Outbound << Opcode::Text << QByteArray("Hello") << 1
                                          << QStringLiteral("“Hello” (5 B, deflated to %1 B)");
    QTest::addRow("C→S text in 3 frames") << Direction::Inbound << Opcode::Text << twice << 3 << twiceText;
    QTest::addRow("S→C text in 3 frames") << Direction::Outbound << Opcode::Text << twice << 3 << twiceText;
    QTest::addRow("C→S binary") << Direction::Inbound << Opcode::Binary << QByteArray::fromHex("00ff10") << 1
                                << QStringLiteral("00 ff 10 (3 B, deflated to %1 B)");
    QTest::addRow("C→S empty message") << Direction::Inbound << Opcode::Text << QByteArray() << 1
                                       << QStringLiteral("“” (0 B, deflated to %1 B)");
}

void TestFrameCaptureModel::compressedMessageShowsItsInflatedText()
{
    QFETCH(Direction, direction);
    QFETCH(Opcode, opcode);
    QFETCH(QByteArray, message);
    QFETCH(int, frames);
    QFETCH(QString, expected);
    const capture::CaptureBatch batch = compressedMessage(1, opcode, message, frames, 1, direction);
    m_model->appendBatch(batch);
    QCOMPARE(m_model->rowCount(), frames);

    // The inflated message sits on the FIN frame coming in, on the first frame going out.
    const int messageRow = direction == Direction::Inbound ? frames - 1 : 0;
    const qint64 deflatedSize = deflated(message).size();
    for (int row = 0; row < frames; ++row) {
        const QString summary = m_model->index(row, FrameCaptureModel::SummaryColumn).data().toString();
        QVERIFY2(m_model->deflateFacts(row).compressed, qPrintable(summary));
        QCOMPARE(m_model->deflateFacts(row).firstFrame, row == 0);
        if (row == messageRow) {
            QCOMPARE(summary, expected.arg(deflatedSize));
            QCOMPARE(m_model->index(row, FrameCaptureModel::SummaryColumn).data(Qt::ToolTipRole).toString(), summary);
        } else {
            // A frame that does not carry the message: its DEFLATE bytes are not shown as text.
            QCOMPARE(summary, QStringLiteral("compressed fragment, %1 B deflated")
                                      .arg(m_model->record(row).frame->header.payloadLength));
        }
    }
    if (frames == 1) // one frame tells it all: the filter sees the same words without the model
        QCOMPARE(FrameCaptureModel::summaryText(batch.first()), expected.arg(deflatedSize));
}

void TestFrameCaptureModel::outgoingMessageSizeGrowsWithItsFragments()
{
    const QByteArray message = "Hello, compressed world! Hello, compressed world!";
    const capture::CaptureBatch batch = compressedMessage(1, Opcode::Text, message, 3, 1, Direction::Outbound);
    m_model->append(batch.first());
    const QModelIndex summary = m_model->index(0, FrameCaptureModel::SummaryColumn);
    const qint64 firstSize = qint64(batch.first().frame->header.payloadLength);
    QVERIFY2(summary.data().toString().endsWith(QStringLiteral("deflated to %1 B)").arg(firstSize)),
             qPrintable(summary.data().toString()));

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->appendBatch(batch.mid(1));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toModelIndex(), summary);
    QVERIFY2(summary.data().toString().endsWith(QStringLiteral("deflated to %1 B)").arg(deflated(message).size())),
             qPrintable(summary.data().toString()));
}

void TestFrameCaptureModel::heldCompressedMessageIsInflatedWhenDelivered()
{
    // Step mode: the frame is captured first and inflated only when delivered (the FrameDelivered
    // record carries the message).
    CaptureRecord held = compressedMessage(1, Opcode::Text, "Hello").first();
    held.held = true;
    held.inflatedPayload.reset();
    held.inflatedSize = -1;
    m_model->append(held);
    const QModelIndex summary = m_model->index(0, FrameCaptureModel::SummaryColumn);
    QCOMPARE(summary.data().toString(), QStringLiteral("[held] compressed message, 7 B deflated"));

    CaptureRecord delivered = eventRecord(2, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    delivered.inflatedPayload = QByteArray("Hello");
    delivered.inflatedSize = 5;
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->append(delivered);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(summary.data().toString(), QStringLiteral("“Hello” (5 B, deflated to 7 B)"));
    QCOMPARE(m_model->record(0).inflatedPayload, std::optional<QByteArray>("Hello"));
}

// The server inflates a held message ahead of its delivery (a preview): the row reads as text while
// it is still held.
void TestFrameCaptureModel::heldCompressedMessageShowsItsPreview()
{
    CaptureRecord held = compressedMessage(1, Opcode::Text, "compressed message").first();
    held.held = true;
    QVERIFY(held.inflatedPayload);
    m_model->append(held);
    const QString summary = m_model->index(0, FrameCaptureModel::SummaryColumn).data().toString();
    QVERIFY2(summary.startsWith(QStringLiteral("[held] “compressed message”")), qPrintable(summary));
}

void TestFrameCaptureModel::plainFramesReadAsBefore_data()
{
    QTest::addColumn<capture::CaptureBatch>("batch");
    QTest::addColumn<QStringList>("summaries"); // %1: the frame's payload length

    QTest::addRow("§5.7 masked Hello") << capture::CaptureBatch{frameRecord(1, maskedHelloWire())}
                                       << QStringList{"“Hello”"};
    QTest::addRow("§5.7 fragments") << capture::CaptureBatch{frameRecord(1, firstFragmentWire()), frameRecord(2, lastFragmentWire())}
                                    << QStringList{"“Hel”", "continuation: “lo”"};
    // RSV1 is on the first frame only: a message after a compressed one is plain again.
    capture::CaptureBatch after = compressedMessage(1, Opcode::Text, "Hello");
    after << frameRecord(2, firstFragmentWire()) << frameRecord(3, lastFragmentWire());
    QTest::addRow("fragments after a compressed message")
            << after << QStringList{"“Hello” (5 B, deflated to 7 B)", "“Hel”", "continuation: “lo”"};
    // Another connection's continuation between compressed fragments is not compressed.
    capture::CaptureBatch interleaved = compressedMessage(1, Opcode::Text, "Hello, compressed world!", 2);
    interleaved.insert(1, frameRecord(9, lastFragmentWire(), 2));
    QTest::addRow("another connection between fragments")
            << interleaved
            << QStringList{"compressed fragment, %1 B deflated", "continuation: “lo”", "“Hello, compressed world!”"};
}

void TestFrameCaptureModel::plainFramesReadAsBefore()
{
    QFETCH(capture::CaptureBatch, batch);
    QFETCH(QStringList, summaries);
    m_model->appendBatch(batch);
    QCOMPARE(m_model->rowCount(), summaries.size());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const CaptureRecord &r = m_model->record(row);
        const QString summary = m_model->index(row, FrameCaptureModel::SummaryColumn).data().toString();
        const QString expected = summaries.at(row).contains(QLatin1String("%1"))
                ? summaries.at(row).arg(r.frame->header.payloadLength)
                : summaries.at(row);
        QVERIFY2(summary.startsWith(expected), qPrintable(summary));
        const bool compressed = r.frame->header.rsv1 || r.inflatedPayload.has_value();
        QCOMPARE(m_model->deflateFacts(row).compressed, compressed);
    }
}

void TestFrameCaptureModel::rsv1RejectedByTheDecoderIsNotCompressed()
{
    // Without the extension RSV1 breaks RFC 6455 §5.2: the record says so, not "compressed".
    CaptureRecord record = frameRecord(1, QByteArray::fromHex("c100"));
    record.decodeError = protocol::DecodeError::ReservedBitsSet;
    m_model->append(record);
    QVERIFY(!m_model->deflateFacts(0).compressed);
    const QString summary = m_model->index(0, FrameCaptureModel::SummaryColumn).data().toString();
    QVERIFY2(!summary.contains(QLatin1String("compressed")), qPrintable(summary));
    QVERIFY2(summary.contains(PayloadPreview::errorText(protocol::DecodeError::ReservedBitsSet)), qPrintable(summary));
}

namespace {

// A capture with something of every kind a row shows: HTTP, events, errors, plain and compressed
// frames, a held frame and its delivery, the page's bookkeeping.
capture::CaptureBatch everyKindOfRow()
{
    capture::CaptureBatch batch;
    batch << eventRecord(1, RecordKind::ConnectionOpened)
          << httpRecord(2, RecordKind::HttpRequest, upgradeRequest)
          << httpRecord(3, RecordKind::HttpResponse, upgradeResponse, 1, 101)
          << frameRecord(4, maskedHelloWire()) << frameRecord(5, pingHelloWire())
          << frameRecord(6, firstFragmentWire()) << frameRecord(7, lastFragmentWire());
    batch << compressedMessage(8, Opcode::Text, "Hello, compressed world!", 3);
    CaptureRecord held = frameRecord(20, unmaskedHelloWire());
    held.held = true;
    CaptureRecord delivered = eventRecord(21, RecordKind::FrameDelivered);
    delivered.relatedId = 20;
    CaptureRecord error = eventRecord(22, RecordKind::ProtocolError);
    error.decodeError = protocol::DecodeError::ReservedOpcode;
    CaptureRecord stats = httpRecord(23, RecordKind::HttpRequest, "POST /stats HTTP/1.1\r\n\r\n");
    stats.bookkeeping = true;
    CaptureRecord gap = eventRecord(24, RecordKind::StreamGap);
    gap.missed = 99;
    CaptureRecord closed = eventRecord(25, RecordKind::ConnectionClosed);
    closed.closeCode = 1000;
    batch << held << delivered << error << stats << gap << closed;
    return batch;
}

} // namespace

void TestFrameCaptureModel::keepingEveryRecordShowsWhatMemoryShows_data()
{
    QTest::addColumn<int>("batchSize"); // the capture appended in batches of this many records
    QTest::addRow("one batch") << 1000;
    QTest::addRow("a record at a time") << 1;
}

// A file window keeps its records on disk (capture::RecordStore): every cell and role must read as
// the live model's, which holds them in memory.
void TestFrameCaptureModel::keepingEveryRecordShowsWhatMemoryShows()
{
    QFETCH(int, batchSize);
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    QVERIFY(stored.keepsEveryRecord());
    QAbstractItemModelTester tester(&stored, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const capture::CaptureBatch capture = everyKindOfRow();
    m_model->appendBatch(capture);
    for (qsizetype first = 0; first < capture.size(); first += batchSize)
        stored.appendBatch(capture.mid(first, batchSize));
    stored.setConnectionName(1, QStringLiteral("alice"));
    m_model->setConnectionName(1, QStringLiteral("alice"));

    QCOMPARE(stored.rowCount(), m_model->rowCount());
    const QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole, Qt::BackgroundRole, Qt::TextAlignmentRole,
                           FrameCaptureModel::RecordIdRole, FrameCaptureModel::ConnectionIdRole,
                           FrameCaptureModel::DirectionRole, FrameCaptureModel::KindRole,
                           FrameCaptureModel::OpcodeRole, FrameCaptureModel::HeldRole,
                           FrameCaptureModel::ErrorRole, FrameCaptureModel::TimeNsRole};
    for (int row = 0; row < stored.rowCount(); ++row) {
        for (int column = 0; column < FrameCaptureModel::ColumnCount; ++column) {
            for (const int role : roles)
                QCOMPARE(stored.index(row, column).data(role), m_model->index(row, column).data(role));
        }
        QCOMPARE(stored.number(row), m_model->number(row));
        QCOMPARE(stored.rowForId(m_model->record(row).id), row);
        QCOMPARE(stored.deflateFacts(row).deflatedSize, m_model->deflateFacts(row).deflatedSize);
        QCOMPARE(stored.scannedRecord(row).frame.has_value(), m_model->record(row).frame.has_value());
        QCOMPARE(stored.record(row).bytes(), m_model->record(row).bytes());
        QCOMPARE(stored.sharedRecord(row)->inflatedPayload, m_model->record(row).inflatedPayload);
    }
    QCOMPARE(stored.rowForId(21), -1); // a delivery is no row
    QCOMPARE(stored.evictedCount(), quint64(0));
    stored.clear();
    QCOMPARE(stored.rowCount(), 0);
}

void TestFrameCaptureModel::keepingEveryRecordKeepsPayloadsOverTheCapWhole()
{
    // Over the live model's payload cap and over the store's cache: read back from disk, whole.
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    QAbstractItemModelTester tester(&stored, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qsizetype size = FrameCaptureModel::defaultPayloadCap + 4096;
    capture::CaptureBatch batch;
    for (int i = 0; i < 3; ++i) {
        QByteArray payload(size, Qt::Uninitialized);
        for (qsizetype at = 0; at < size; ++at)
            payload[at] = char((at * 31 + i) & 0xFF);
        batch << encodedRecord(quint64(i + 1), Opcode::Binary, payload);
    }
    stored.appendBatch(batch);
    QCOMPARE(stored.rowCount(), 3);
    for (int round = 0; round < 2; ++round) {
        for (int row = 0; row < 3; ++row) {
            const CaptureRecord r = stored.record(row);
            QVERIFY(!r.isTruncated());
            QCOMPARE(r.frame->payload, batch.at(row).frame->payload);
            QCOMPARE(r.bytes(), batch.at(row).bytes());
            // Memory holds the row read last, not all three.
            QVERIFY2(stored.heldRecordBytes() < 2 * size, qPrintable(QString::number(stored.heldRecordBytes())));
        }
    }
}

void TestFrameCaptureModel::keepingEveryRecordInflatesAHeldMessageWhenDelivered()
{
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    CaptureRecord held = compressedMessage(1, Opcode::Text, "Hello").first();
    held.held = true;
    held.inflatedPayload.reset();
    held.inflatedSize = -1;
    stored.append(held);
    stored.append(frameRecord(2, pingHelloWire()));
    CaptureRecord delivered = eventRecord(3, RecordKind::FrameDelivered);
    delivered.relatedId = 1;
    delivered.inflatedPayload = QByteArray("Hello");
    delivered.inflatedSize = 5;
    stored.append(delivered);
    QCOMPARE(stored.rowCount(), 2);
    QCOMPARE(stored.index(0, FrameCaptureModel::SummaryColumn).data().toString(),
             QStringLiteral("“Hello” (5 B, deflated to 7 B)"));
    QCOMPARE(stored.record(0).inflatedPayload, std::optional<QByteArray>("Hello"));
    QCOMPARE(stored.record(1).bytes(), pingHelloWire());
}

void TestFrameCaptureModel::spilledRowsAreTakenBesideRecordsKeptWhole()
{
    // A file's reading thread spills records and hands over rows without their payloads; a record
    // it could not spill comes whole, between them, and a delivery (no row of its own) is spilled
    // too. Each row reads back what it stands for.
    capture::CaptureBatch records;
    for (quint64 id = 1; id <= 5; ++id)
        records << encodedRecord(id, Opcode::Binary, QByteArray(100 + int(id), char('a' + id)));
    records[1].held = true;
    records[2] = eventRecord(3, RecordKind::FrameDelivered);
    records[2].relatedId = 2;
    capture::RecordSpill spill;
    for (qsizetype i : {0, 1, 2, 4}) // the fourth is kept whole
        QVERIFY(spill.add(records.at(i)));
    QVERIFY(spill.flush());
    const auto spilled = spill.takeWritten();
    QVERIFY(spilled);
    QCOMPARE(spilled->records->size(), size_t(4));
    capture::CaptureBatch rows = records;
    for (qsizetype i : {0, 1, 2, 4})
        capture::dropPayloads(rows[i]);
    QVERIFY(rows.at(0).frame->payload.isEmpty());

    FrameCaptureModel stored;
    stored.keepEveryRecord();
    stored.setNextBatchSpilled(*spilled);
    stored.appendBatch(rows);
    QCOMPARE(stored.rowCount(), 4);
    for (int row = 0; row < 4; ++row) {
        const CaptureRecord &expected = records.at(row < 2 ? row : row + 1);
        const CaptureRecord r = stored.record(row);
        QCOMPARE(r.id, expected.id);
        QVERIFY(!r.isTruncated());
        QCOMPARE(r.frame->payload, expected.frame->payload);
    }
    QVERIFY(!stored.isPendingHeld(1)); // the delivery found its row
}

QTEST_GUILESS_MAIN(TestFrameCaptureModel)
#include "tst_framecapturemodel.moc"
