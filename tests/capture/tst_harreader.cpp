#include "capture/harreader.h"
#include "harsamples.h"

#include "server/protocol/opcode.h"

#include <QTest>

using namespace wslab::capture;
using namespace wslab::protocol;


class TestHarReader : public QObject
{
    Q_OBJECT

private slots:
    void chromeWebSocketEntryBecomesTheUpgradeAndReconstructedFrames();
    void longMessagesTakeTheLengthFormTheyWouldOnTheWire();
    void errorsNameWhatIsWrong_data();
    void errorsNameWhatIsWrong();
    void errorOffsetInsideTheFileWhenCutInsideAString_data();
    void errorOffsetInsideTheFileWhenCutInsideAString();
    void timesBeyondTheNanosecondClockAreUnknown_data();
    void timesBeyondTheNanosecondClockAreUnknown();
    void recognisedByContent();
};

void TestHarReader::chromeWebSocketEntryBecomesTheUpgradeAndReconstructedFrames()
{
    CaptureBatch records;
    const auto result = HarReader::read(chromeHar, [&](CaptureRecord &&record) { records.append(std::move(record)); });
    QVERIFY(!result.error);
    QCOMPARE(records.size(), 6);
    QCOMPARE(records[0].kind, RecordKind::ConnectionOpened);
    QCOMPARE(records[0].serverAddress, QStringLiteral("127.0.0.1:9000"));
    QCOMPARE(records[1].kind, RecordKind::HttpRequest);
    QVERIFY(records[1].wireBytes.startsWith("GET /chat?room=1 HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n"));
    QVERIFY(records[1].wireBytes.endsWith("\r\n\r\n"));
    QCOMPARE(records[2].httpStatus, 101);
    const CaptureRecord &sent = records[3];
    QCOMPARE(sent.direction, Direction::Inbound);
    QVERIFY(sent.reconstructed);
    QVERIFY(sent.frame->header.masked);
    QCOMPARE(sent.frame->payload, QByteArray("Hello"));
    QCOMPARE(sent.timeNs, 1772359200250000000);
    const CaptureRecord &binary = records[4];
    QCOMPARE(binary.direction, Direction::Outbound);
    QCOMPARE(binary.frame->header.opcode, Opcode::Binary);
    QCOMPARE(binary.frame->payload, QByteArray::fromHex("000102ff"));
    QCOMPARE(binary.frame->wireHeader(), QByteArray::fromHex("8204"));
    for (qsizetype i = 0; i < records.size(); ++i)
        QCOMPARE(records[i].id, quint64(i + 1));
}

void TestHarReader::longMessagesTakeTheLengthFormTheyWouldOnTheWire()
{
    QByteArray har = chromeHar;
    har.replace(R"("data": "x")", R"("data": ")" + QByteArray(70000, 'a') + '"');
    CaptureBatch records;
    QVERIFY(!HarReader::read(har, [&](CaptureRecord &&record) { records.append(std::move(record)); }).error);
    QCOMPARE(records.last().frame->header.lengthForm, LengthForm::Extended64);
    QCOMPARE(records.last().frame->header.payloadLength, 70000u);
}

void TestHarReader::errorsNameWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("error");
    QTest::addColumn<int>("offset");
    QTest::addRow("truncated") << chromeHar.left(300) << int(HarError::NotJson) << 300;
    QTest::addRow("not HAR") << QByteArray(R"({"log": {}})") << int(HarError::NotHar) << -1;
    QTest::addRow("entry without response") << QByteArray(R"({"log": {"entries": [{"request": {}}]}})")
                                            << int(HarError::BadEntry) << -1;
}

void TestHarReader::errorsNameWhatIsWrong()
{
    QFETCH(QByteArray, text);
    QFETCH(int, error);
    QFETCH(int, offset);
    const auto result = HarReader::read(text, [](CaptureRecord &&) {});
    QCOMPARE(result.error, std::optional(HarError(error)));
    if (offset >= 0) // where the text stops being JSON: at the cut, give or take the token it broke
        QVERIFY2(qAbs(result.errorOffset - offset) <= 2, qPrintable(QString::number(result.errorOffset)));
}

void TestHarReader::errorOffsetInsideTheFileWhenCutInsideAString_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("cut inside a name") << QByteArray(R"({"log": {"log)");
    QTest::addRow("cut inside a value") << QByteArray(R"({"log": "entr)");
    QTest::addRow("cut after a quote") << QByteArray(R"({")");
}

// Regression (found by fuzz_har_reader): JSON cut inside a string reported an error offset one past
// the end of the file, as Qt's parser gives it.
void TestHarReader::errorOffsetInsideTheFileWhenCutInsideAString()
{
    QFETCH(QByteArray, text);
    const auto result = HarReader::read(text, [](CaptureRecord &&) {});
    QCOMPARE(result.error, std::optional(HarError::NotJson));
    QVERIFY2(result.errorOffset >= 0 && result.errorOffset <= text.size(), qPrintable(QString::number(result.errorOffset)));
}

void TestHarReader::timesBeyondTheNanosecondClockAreUnknown_data()
{
    QTest::addColumn<QByteArray>("started");
    QTest::addColumn<QByteArray>("messageTime");
    QTest::addRow("year 7637") << QByteArray("7637-06-01T00:00:00.000Z") << QByteArray("1772359200.25");
    QTest::addRow("1e300 seconds") << QByteArray("2026-03-01T10:00:00.000Z") << QByteArray("1e300");
    QTest::addRow("-1e300 seconds") << QByteArray("2026-03-01T10:00:00.000Z") << QByteArray("-1e300");
    QTest::addRow("just past 2262") << QByteArray("2026-03-01T10:00:00.000Z") << QByteArray("9300000000");
}

// Regression (found by fuzz_har_reader): a date after 2262 or a message time of 1e300 seconds
// overflowed the conversion to nanoseconds (undefined behaviour); such a time is now unknown (0),
// as a missing one is.
void TestHarReader::timesBeyondTheNanosecondClockAreUnknown()
{
    QFETCH(QByteArray, started);
    QFETCH(QByteArray, messageTime);
    const QByteArray har = R"({"log": {"entries": [{"_resourceType": "websocket", "startedDateTime": ")" + started
            + R"(", "request": {"url": "ws://127.0.0.1:9000/"}, "response": {"status": 101},
               "_webSocketMessages": [{"type": "send", "time": )" + messageTime + R"(, "opcode": 1, "data": "x"}]}]}})";
    CaptureBatch records;
    const auto result = HarReader::read(har, [&](CaptureRecord &&record) { records.append(std::move(record)); });
    QVERIFY(!result.error);
    QCOMPARE(records.size(), 4);
    const bool farStart = started.startsWith("7637");
    for (const CaptureRecord &record : std::as_const(records)) {
        const bool unknown = record.kind == RecordKind::Frame ? !messageTime.startsWith("1772") : farStart;
        if (unknown)
            QCOMPARE(record.timeNs, 0);
        else
            QVERIFY(record.timeNs > 0);
    }
}

void TestHarReader::recognisedByContent()
{
    QVERIFY(HarReader::looksLikeHar("\xEF\xBB\xBF  {\"log\""));
    QVERIFY(!HarReader::looksLikeHar(QByteArray::fromHex("d4c3b2a1")));
    QVERIFY(!HarReader::looksLikeHar("GET / HTTP/1.1"));
}

QTEST_GUILESS_MAIN(TestHarReader)
#include "tst_harreader.moc"
