#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"

#include "inspector/capturesamples.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <limits>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::Opcode;

using Filter = std::function<void(CaptureFilterProxy &)>;
Q_DECLARE_METATYPE(Filter)

namespace {

// A small capture with one of everything; ids say what each record is.
capture::CaptureBatch mixedCapture()
{
    capture::CaptureBatch batch;
    CaptureRecord opened = eventRecord(1, RecordKind::ConnectionOpened, 1);
    opened.note = QStringLiteral("127.0.0.1:5000");
    batch << opened                                                                       // 1
          << httpRecord(2, RecordKind::HttpRequest, upgradeRequest, 1)                    // 2
          << httpRecord(3, RecordKind::HttpResponse, upgradeResponse, 1, 101)             // 3
          << encodedRecord(4, Opcode::Text, "hello world", 1)                             // 4
          << encodedRecord(5, Opcode::Text, "HELLO again", 2, Direction::Outbound)        // 5
          << encodedRecord(6, Opcode::Ping, "tick", 1, Direction::Outbound)               // 6
          << encodedRecord(7, Opcode::Pong, "tick", 1)                                    // 7
          << encodedRecord(8, Opcode::Binary, QByteArray::fromHex("00ff10"), 2);          // 8
    CaptureRecord error = eventRecord(9, RecordKind::ProtocolError, 2);
    error.decodeError = protocol::DecodeError::InvalidUtf8;
    batch << error                                                                        // 9
          << encodedRecord(10, Opcode::Close, protocol::FrameEncoder::closePayload(1000, "bye"), 2); // 10
    CaptureRecord poll = httpRecord(11, RecordKind::HttpRequest, "GET /poll?since=3 HTTP/1.1\r\n\r\n", 3);
    poll.transport = Transport::Polling;
    batch << poll;                                                                        // 11
    CaptureRecord reject = httpRecord(12, RecordKind::HttpResponse, "HTTP/1.1 426 Upgrade Required\r\n\r\n", 3, 426);
    reject.transport = Transport::Polling;
    batch << reject;                                                                      // 12
    batch << eventRecord(13, RecordKind::ConnectionClosed, 3);                            // 13
    return batch;
}

// Many more rows than the store caches, needles among the hay; ids count from 1.
capture::CaptureBatch haystack(int rows)
{
    capture::CaptureBatch batch;
    for (int i = 0; i < rows; ++i) {
        const bool needle = i % 97 == 5;
        batch << encodedRecord(quint64(i + 1), Opcode::Text,
                               needle ? QByteArray("a needle ") + QByteArray::number(i) : QByteArray("hay"),
                               quint64(1 + i % 3), i % 2 ? Direction::Outbound : Direction::Inbound);
    }
    return batch;
}

// What the filters let through, record by record: the plain scan the proxy's rows must equal.
QList<quint64> scannedIds(const CaptureFilterProxy &proxy, const FrameCaptureModel &model)
{
    QList<quint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        const capture::CaptureRecord record = model.record(row);
        if (proxy.accepts(record))
            ids.append(record.id);
    }
    return ids;
}

QList<quint64> visibleIds(const CaptureFilterProxy &proxy)
{
    QList<quint64> ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(FrameCaptureModel::RecordIdRole).toULongLong());
    return ids;
}

} // namespace

class TestCaptureFilterProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void noFilterShowsEverythingInCaptureOrder();
    void filters_data();
    void filters();
    void filtersCombine();
    void filtersRecordsKeptOnDisk_data();
    void filtersRecordsKeptOnDisk();
    void searchReadsBackEveryRowKeptOnDisk();
    void clearFiltersShowsEverythingAgain();
    void invalidRegexHidesNothing();
    void newRowsAreFilteredAsTheyArrive();
    void evictionUnderAFilterKeepsTheProxyConsistent();
    void recordAccessorMapsProxyRows();
    void errorsOnlyShowsAFrameTheServerShouldNotHaveSent();
    void searchFindsCompressedMessagesByTheirText_data();
    void searchFindsCompressedMessagesByTheirText();
    void pageBookkeepingIsHiddenUntilAskedFor();
    void searchInSlicesFindsWhatTheWholeScanFinds_data();
    void searchInSlicesFindsWhatTheWholeScanFinds();
    void rowsOfThePreviousSearchStayWhileASearchRuns();
    void aChangedSearchCancelsTheRunningOne();
    void cancelSearchKeepsTheRowsOnView();
    void rowsEvictedDuringASearchKeepItsVerdictsInLine();
    void rowsArrivingDuringASearchAreSearchedToo();
    void plainSearchFindsWhatCaseInsensitiveTextFinds_data();
    void plainSearchFindsWhatCaseInsensitiveTextFinds();

private:
    FrameCaptureModel *m_model = nullptr;
    CaptureFilterProxy *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestCaptureFilterProxy::init()
{
    m_model = new FrameCaptureModel(this);
    m_proxy = new CaptureFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_model->appendBatch(mixedCapture());
}

void TestCaptureFilterProxy::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
}

void TestCaptureFilterProxy::noFilterShowsEverythingInCaptureOrder()
{
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}));
}

void TestCaptureFilterProxy::filters_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<QList<quint64>>("expected");

    using C = CaptureFilterProxy;
    QTest::addRow("connection 2") << Filter([](C &p) { p.setConnectionFilter(2); })
                                  << QList<quint64>{5, 8, 9, 10};
    QTest::addRow("server to client") << Filter([](C &p) { p.setDirectionFilter(Direction::Outbound); })
                                      << QList<quint64>{3, 5, 6, 12};
    // TCP open and close belong to the connection, not to one direction of it (regression: "Client
    // to server" listed every TCP close).
    QTest::addRow("client to server") << Filter([](C &p) { p.setDirectionFilter(Direction::Inbound); })
                                      << QList<quint64>{2, 4, 7, 8, 9, 10, 11};
    QTest::addRow("polling transport") << Filter([](C &p) { p.setTransportFilter(Transport::Polling); })
                                       << QList<quint64>{11, 12};
    QTest::addRow("data frames") << Filter([](C &p) { p.setOpcodeClasses(C::OpcodeClass::Data); })
                                 << QList<quint64>{4, 5, 8};
    QTest::addRow("control frames") << Filter([](C &p) { p.setOpcodeClasses(C::OpcodeClass::Control); })
                                    << QList<quint64>{6, 7, 10};
    QTest::addRow("HTTP") << Filter([](C &p) { p.setOpcodeClasses(C::OpcodeClass::Http); })
                          << QList<quint64>{2, 3, 11, 12};
    QTest::addRow("data and HTTP")
            << Filter([](C &p) { p.setOpcodeClasses(C::OpcodeClass::Data | C::OpcodeClass::Http); })
            << QList<quint64>{2, 3, 4, 5, 8, 11, 12};
    QTest::addRow("errors only") << Filter([](C &p) { p.setErrorsOnly(true); }) << QList<quint64>{9, 12};
    QTest::addRow("hide ping/pong") << Filter([](C &p) { p.setPingPongHidden(true); })
                                    << QList<quint64>{1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13};
    QTest::addRow("text, any case")
            << Filter([](C &p) { p.setSearch("hello", C::SearchMode::PlainText); }) << QList<quint64>{4, 5};
    QTest::addRow("text in HTTP bytes")
            << Filter([](C &p) { p.setSearch("sec-websocket-key", C::SearchMode::PlainText); })
            << QList<quint64>{2};
    QTest::addRow("text in the note")
            << Filter([](C &p) { p.setSearch("127.0.0.1:5000", C::SearchMode::PlainText); }) << QList<quint64>{1};
    QTest::addRow("regex")
            << Filter([](C &p) { p.setSearch("^hel+o\\b", C::SearchMode::RegularExpression); })
            << QList<quint64>{4, 5};
    QTest::addRow("regex over the close reason")
            << Filter([](C &p) { p.setSearch("reason .bye", C::SearchMode::RegularExpression); })
            << QList<quint64>{10};
    QTest::addRow("nothing matches")
            << Filter([](C &p) { p.setSearch("zebra", C::SearchMode::PlainText); }) << QList<quint64>{};
}

void TestCaptureFilterProxy::filters()
{
    QFETCH(Filter, filter);
    QFETCH(QList<quint64>, expected);
    filter(*m_proxy);
    QCOMPARE(visibleIds(*m_proxy), expected);
}

void TestCaptureFilterProxy::filtersRecordsKeptOnDisk_data()
{
    filters_data();
}

// A file window's records are on disk (FrameCaptureModel::keepEveryRecord): the filters judge its
// rows from their digests and the search reads each record back, with the same result.
void TestCaptureFilterProxy::filtersRecordsKeptOnDisk()
{
    QFETCH(Filter, filter);
    QFETCH(QList<quint64>, expected);
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    CaptureFilterProxy proxy;
    proxy.setSourceModel(&stored);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter(proxy);
    stored.appendBatch(mixedCapture()); // filtered as the rows arrive
    QCOMPARE(visibleIds(proxy), expected);
    proxy.clearFilters();
    filter(proxy); // and refiltered
    QCOMPARE(visibleIds(proxy), expected);
}

void TestCaptureFilterProxy::searchReadsBackEveryRowKeptOnDisk()
{
    // Many more rows than the store caches: each one is read back for the search, and the search
    // leaves the cache (the rows on view) as it was.
    constexpr int rows = 3 * capture::RecordStore::defaultCacheRecords;
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    CaptureFilterProxy proxy;
    proxy.setSourceModel(&stored);
    capture::CaptureBatch batch;
    QList<quint64> needles;
    for (int i = 0; i < rows; ++i) {
        const bool needle = i % 397 == 5;
        batch << encodedRecord(quint64(i + 1), Opcode::Text,
                               needle ? QByteArray("a needle ") + QByteArray::number(i) : QByteArray("hay"));
        if (needle)
            needles.append(quint64(i + 1));
    }
    stored.appendBatch(batch);
    QCOMPARE(proxy.rowCount(), rows);
    QCOMPARE(stored.index(0, FrameCaptureModel::SummaryColumn).data().toString(), QStringLiteral("“hay”"));
    const qint64 cached = stored.heldRecordBytes();
    proxy.setSearch(QStringLiteral("NEEDLE"), CaptureFilterProxy::SearchMode::PlainText);
    QCOMPARE(visibleIds(proxy), needles);
    proxy.setSearch(QStringLiteral("needle \\d+9$"), CaptureFilterProxy::SearchMode::RegularExpression);
    QList<quint64> endingInNine;
    for (const quint64 id : std::as_const(needles)) {
        if ((id - 1) % 10 == 9)
            endingInNine.append(id);
    }
    QVERIFY(!endingInNine.isEmpty());
    QCOMPARE(visibleIds(proxy), endingInNine);
    QCOMPARE(stored.heldRecordBytes(), cached);
}

void TestCaptureFilterProxy::filtersCombine()
{
    m_proxy->setConnectionFilter(1);
    m_proxy->setPingPongHidden(true);
    m_proxy->setOpcodeClasses(CaptureFilterProxy::OpcodeClass::Data | CaptureFilterProxy::OpcodeClass::Control);
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{4}));
}

void TestCaptureFilterProxy::clearFiltersShowsEverythingAgain()
{
    m_proxy->setConnectionFilter(3);
    m_proxy->setErrorsOnly(true);
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{12}));
    m_proxy->clearFilters();
    QCOMPARE(m_proxy->rowCount(), 13);
}

void TestCaptureFilterProxy::invalidRegexHidesNothing()
{
    m_proxy->setSearch(QStringLiteral("hel(lo"), CaptureFilterProxy::SearchMode::RegularExpression);
    QVERIFY(!m_proxy->isSearchValid());
    QCOMPARE(m_proxy->rowCount(), 13);
    m_proxy->setSearch(QStringLiteral("hel(lo)"), CaptureFilterProxy::SearchMode::RegularExpression);
    QVERIFY(m_proxy->isSearchValid());
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{4, 5}));
}

void TestCaptureFilterProxy::newRowsAreFilteredAsTheyArrive()
{
    m_proxy->setConnectionFilter(9);
    QCOMPARE(m_proxy->rowCount(), 0);
    QSignalSpy inserted(m_proxy, &QAbstractItemModel::rowsInserted);
    capture::CaptureBatch batch = textBatch(100, 10, 9);
    batch += textBatch(110, 10, 4);
    m_model->appendBatch(batch);
    QCOMPARE(m_proxy->rowCount(), 10);
    QVERIFY(inserted.count() >= 1);
    QCOMPARE(m_proxy->record(0).id, 100u);
}

void TestCaptureFilterProxy::evictionUnderAFilterKeepsTheProxyConsistent()
{
    m_proxy->setDirectionFilter(Direction::Outbound);
    m_model->setRowCap(20);
    for (quint64 first = 100; first < 200; first += 10) {
        capture::CaptureBatch batch;
        for (quint64 id = first; id < first + 10; ++id)
            batch.append(encodedRecord(id, Opcode::Text, "x", 1, id % 2 ? Direction::Outbound : Direction::Inbound));
        m_model->appendBatch(batch);
    }
    QCOMPARE(m_model->rowCount(), 20);
    QCOMPARE(m_proxy->rowCount(), 10);
    QCOMPARE(m_proxy->record(0).id, 181u);
    QCOMPARE(m_proxy->record(9).id, 199u);
}

void TestCaptureFilterProxy::recordAccessorMapsProxyRows()
{
    m_proxy->setOpcodeClasses(CaptureFilterProxy::OpcodeClass::Control);
    QCOMPARE(m_proxy->sourceRow(0), m_model->rowForId(6));
    QCOMPARE(m_proxy->record(2).id, 10u);
    QCOMPARE(m_proxy->captureModel(), m_model);
}

// The composer's masked server frame, flagged by the server with the rule a client finds broken
// (RFC 6455 §5.1): an error row like the ones the server's own parser reports.
void TestCaptureFilterProxy::errorsOnlyShowsAFrameTheServerShouldNotHaveSent()
{
    CaptureRecord masked = frameRecord(13, maskedHelloWire(), 1, Direction::Outbound);
    masked.decodeError = protocol::DecodeError::MaskedServerFrame;
    m_model->appendBatch({masked, encodedRecord(14, Opcode::Text, "fine", 1, Direction::Outbound)});
    m_proxy->setErrorsOnly(true);
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{9, 12, 13}));
    const QModelIndex row = m_proxy->index(2, FrameCaptureModel::SummaryColumn);
    QVERIFY(row.data(FrameCaptureModel::ErrorRole).toBool());
    QVERIFY2(row.data().toString().contains("Server frame is masked"), qPrintable(row.data().toString()));
}

void TestCaptureFilterProxy::searchFindsCompressedMessagesByTheirText_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<CaptureFilterProxy::SearchMode>("mode");
    QTest::addColumn<bool>("found");
    using M = CaptureFilterProxy::SearchMode;
    // Regression: plain-text search missed compressed frames (their payload is DEFLATE data) while
    // a regular expression found them through the summary.
    QTest::addRow("plain, a word of the message") << QStringLiteral("Squeezed") << M::PlainText << true;
    QTest::addRow("regex, a word of the message") << QStringLiteral("squee?zed\\s+hello") << M::RegularExpression << true;
    QTest::addRow("plain, a word it lacks") << QStringLiteral("zebra") << M::PlainText << false;
    QTest::addRow("regex, a word it lacks") << QStringLiteral("zeb+ra") << M::RegularExpression << false;
}

void TestCaptureFilterProxy::searchFindsCompressedMessagesByTheirText()
{
    QFETCH(QString, search);
    QFETCH(CaptureFilterProxy::SearchMode, mode);
    QFETCH(bool, found);
    const capture::CaptureBatch compressed = compressedMessage(20, Opcode::Text, "a squeezed hello from the browser");
    QVERIFY(compressed.first().inflatedPayload);
    QVERIFY(!compressed.first().frame->payload.contains("squeezed")); // the wire has DEFLATE bytes only
    m_model->appendBatch(compressed);
    m_proxy->setSearch(search, mode);
    QCOMPARE(visibleIds(*m_proxy), found ? QList<quint64>{20} : QList<quint64>{});
}

void TestCaptureFilterProxy::pageBookkeepingIsHiddenUntilAskedFor()
{
    CaptureRecord report = httpRecord(30, RecordKind::HttpRequest, "POST /stats?client=ab HTTP/1.1\r\n\r\n{}", 4);
    report.bookkeeping = true;
    CaptureRecord answer = httpRecord(31, RecordKind::HttpResponse, "HTTP/1.1 204 No Content\r\n\r\n", 4, 204);
    answer.bookkeeping = true;
    m_model->appendBatch({report, answer, httpRecord(32, RecordKind::HttpRequest, "POST /send HTTP/1.1\r\n\r\nhi", 4)});
    QVERIFY(m_proxy->isBookkeepingHidden());
    QCOMPARE(visibleIds(*m_proxy).mid(13), (QList<quint64>{32}));
    m_proxy->setBookkeepingHidden(false);
    QCOMPARE(visibleIds(*m_proxy).mid(13), (QList<quint64>{30, 31, 32}));
    m_proxy->setBookkeepingHidden(true);
    m_proxy->clearFilters(); // shows everything, the bookkeeping too
    QCOMPARE(visibleIds(*m_proxy).mid(13), (QList<quint64>{30, 31, 32}));
}


void TestCaptureFilterProxy::searchInSlicesFindsWhatTheWholeScanFinds_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<CaptureFilterProxy::SearchMode>("mode");
    QTest::addColumn<bool>("outboundOnly");
    using M = CaptureFilterProxy::SearchMode;
    QTest::addRow("plain, any case") << QStringLiteral("NEEDLE") << M::PlainText << false;
    QTest::addRow("plain, under a direction filter") << QStringLiteral("needle") << M::PlainText << true;
    QTest::addRow("plain, every row") << QStringLiteral("a") << M::PlainText << false;
    QTest::addRow("plain, no row") << QStringLiteral("zebra") << M::PlainText << false;
    QTest::addRow("regex") << QStringLiteral("needle \\d+9$") << M::RegularExpression << false;
    QTest::addRow("regex, the summary") << QStringLiteral("^“hay”$") << M::RegularExpression << false;
    QTest::addRow("regex still being typed") << QStringLiteral("need(le") << M::RegularExpression << false;
}

void TestCaptureFilterProxy::searchInSlicesFindsWhatTheWholeScanFinds()
{
    QFETCH(QString, search);
    QFETCH(CaptureFilterProxy::SearchMode, mode);
    QFETCH(bool, outboundOnly);
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    stored.appendBatch(haystack(3 * capture::RecordStore::defaultCacheRecords));
    CaptureFilterProxy sliced;
    sliced.setIncrementalSearchRows(0);
    sliced.setSourceModel(&stored);
    QAbstractItemModelTester tester(&sliced, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureFilterProxy whole;
    whole.setIncrementalSearchRows(std::numeric_limits<int>::max());
    whole.setSourceModel(&stored);
    for (CaptureFilterProxy *proxy : {&sliced, &whole}) {
        if (outboundOnly)
            proxy->setDirectionFilter(Direction::Outbound);
    }
    QSignalSpy running(&sliced, &CaptureFilterProxy::searchRunningChanged);
    QSignalSpy progress(&sliced, &CaptureFilterProxy::searchProgressed);
    sliced.setSearch(search, mode);
    whole.setSearch(search, mode);
    QVERIFY(!whole.isSearching());
    QTRY_VERIFY(!sliced.isSearching());
    const QList<quint64> expected = scannedIds(whole, stored);
    QCOMPARE(visibleIds(whole), expected);
    QCOMPARE(visibleIds(sliced), expected);
    // A search every row matches without reading one (an expression still being typed) is no run.
    const bool ran = sliced.isSearchValid();
    QCOMPARE(running.count(), ran ? 2 : 0);
    if (ran) {
        QCOMPARE(running.first().first().toBool(), true);
        QCOMPARE(running.last().first().toBool(), false);
        QCOMPARE(progress.last().at(0).toInt(), stored.rowCount());
        QCOMPARE(progress.last().at(1).toInt(), stored.rowCount());
    }
}

void TestCaptureFilterProxy::rowsOfThePreviousSearchStayWhileASearchRuns()
{
    m_proxy->setIncrementalSearchRows(0);
    m_proxy->setSearch(QStringLiteral("hello"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(m_proxy->isSearching());
    QCOMPARE(m_proxy->searchText(), QStringLiteral("hello")); // what was asked for
    QCOMPARE(m_proxy->rowCount(), 13);                        // what is shown until it is done
    QTRY_VERIFY(!m_proxy->isSearching());
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{4, 5}));
}

void TestCaptureFilterProxy::aChangedSearchCancelsTheRunningOne()
{
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    stored.appendBatch(haystack(2000));
    CaptureFilterProxy proxy;
    proxy.setIncrementalSearchRows(0);
    proxy.setSourceModel(&stored);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    QSignalSpy running(&proxy, &CaptureFilterProxy::searchRunningChanged);
    proxy.setSearch(QStringLiteral("needle"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(proxy.isSearching());
    // Every row has an "a": had the needle search been applied, most rows would have gone.
    proxy.setSearch(QStringLiteral("a"), CaptureFilterProxy::SearchMode::PlainText);
    QTRY_VERIFY(!proxy.isSearching());
    QCOMPARE(proxy.searchText(), QStringLiteral("a"));
    QCOMPARE(proxy.rowCount(), 2000);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(running.count(), 2); // one run, from the first search to the end of the second

    // Back to the search on view before the new one is done: nothing left to read.
    proxy.setSearch(QStringLiteral("needle"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(proxy.isSearching());
    proxy.setSearch(QStringLiteral("a"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(!proxy.isSearching());
    QCOMPARE(proxy.rowCount(), 2000);
}

void TestCaptureFilterProxy::cancelSearchKeepsTheRowsOnView()
{
    m_proxy->setSearch(QStringLiteral("hello"), CaptureFilterProxy::SearchMode::PlainText);
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{4, 5}));
    m_proxy->setIncrementalSearchRows(0);
    m_proxy->setSearch(QStringLiteral("tick"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(m_proxy->isSearching());
    m_proxy->cancelSearch();
    QVERIFY(!m_proxy->isSearching());
    QCOMPARE(m_proxy->searchText(), QStringLiteral("hello"));
    QTest::qWait(50); // nothing left to apply late
    QCOMPARE(visibleIds(*m_proxy), (QList<quint64>{4, 5}));
}

void TestCaptureFilterProxy::rowsEvictedDuringASearchKeepItsVerdictsInLine()
{
    // A live capture (rows evicted from the front by the row cap) while a search reads its rows.
    FrameCaptureModel live;
    live.setRowCap(1000);
    live.appendBatch(haystack(1000));
    CaptureFilterProxy proxy;
    proxy.setIncrementalSearchRows(0);
    proxy.setSourceModel(&live);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSearch(QStringLiteral("needle"), CaptureFilterProxy::SearchMode::PlainText);
    QVERIFY(proxy.isSearching());
    for (int slice = 0; slice < 3 && proxy.isSearching(); ++slice)
        QCoreApplication::processEvents();
    capture::CaptureBatch more = haystack(1300).mid(1000);
    live.appendBatch(more);
    QCOMPARE(live.rowCount(), 1000);
    QTRY_VERIFY(!proxy.isSearching());
    QCOMPARE(visibleIds(proxy), scannedIds(proxy, live));
    // And once more with the search applied: a refilter reads the remembered verdicts.
    live.appendBatch(haystack(1600).mid(1300));
    proxy.setDirectionFilter(Direction::Inbound);
    QCOMPARE(visibleIds(proxy), scannedIds(proxy, live));
}

void TestCaptureFilterProxy::rowsArrivingDuringASearchAreSearchedToo()
{
    FrameCaptureModel stored;
    stored.keepEveryRecord();
    const capture::CaptureBatch all = haystack(1500);
    stored.appendBatch(all.mid(0, 1000));
    CaptureFilterProxy proxy;
    proxy.setIncrementalSearchRows(0);
    proxy.setSourceModel(&stored);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSearch(QStringLiteral("needle"), CaptureFilterProxy::SearchMode::PlainText);
    stored.appendBatch(all.mid(1000));
    QTRY_VERIFY(!proxy.isSearching());
    QCOMPARE(visibleIds(proxy), scannedIds(proxy, stored));
    stored.appendBatch(haystack(1700).mid(1500)); // after it: searched as they arrive
    QCOMPARE(visibleIds(proxy), scannedIds(proxy, stored));
}

void TestCaptureFilterProxy::plainSearchFindsWhatCaseInsensitiveTextFinds_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("search");
    QTest::addRow("ASCII word, other case") << QByteArray("Hello World") << QStringLiteral("wORLD");
    QTest::addRow("ASCII word at the very end") << QByteArray("xyz") << QStringLiteral("YZ");
    QTest::addRow("ASCII word longer than the payload") << QByteArray("ab") << QStringLiteral("abc");
    QTest::addRow("ASCII word missing") << QByteArray("Hello World") << QStringLiteral("worlds");
    QTest::addRow("ASCII word in UTF-8 text") << QByteArray("Grüße aus KÖLN, ok") << QStringLiteral("OK");
    QTest::addRow("non-ASCII word, other case") << QByteArray("Grüße aus KÖLN") << QStringLiteral("köln");
    QTest::addRow("ASCII letter folded from the Kelvin sign") << QByteArray("5 \xe2\x84\xaa") << QStringLiteral("k");
    QTest::addRow("ASCII word in bytes that are no UTF-8") << QByteArray("\xff\xfeok") << QStringLiteral("OK");
    QTest::addRow("punctuation") << QByteArray("a [b] {c}") << QStringLiteral("[B] {");
}

// The plain search's verdict is QString's case-insensitive contains() over the payload as UTF-8,
// whichever way it gets there.
void TestCaptureFilterProxy::plainSearchFindsWhatCaseInsensitiveTextFinds()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, search);
    m_model->appendBatch({encodedRecord(40, Opcode::Text, payload, 1)});
    m_proxy->setSearch(search, CaptureFilterProxy::SearchMode::PlainText);
    const bool expected = QString::fromUtf8(payload).contains(search, Qt::CaseInsensitive);
    QCOMPARE(visibleIds(*m_proxy).contains(40), expected);
}

QTEST_GUILESS_MAIN(TestCaptureFilterProxy)
#include "tst_capturefilterproxy.moc"
