#include "capture/conversationdissector.h"
#include "capture/harreader.h"
#include "capture/harwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wslab::capture;

namespace {

const QByteArray request = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                            "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";

CaptureBatch conversation()
{
    CaptureBatch records;
    ConversationDissector dissector(5, {});
    const qint64 t0 = 1'772'359'200'000'000'000;
    dissector.open(SocketAddress::fromString(u"127.0.0.1:50000"), SocketAddress::fromString(u"127.0.0.1:9000"), t0,
                   records);
    dissector.feed(Direction::Inbound, request, t0 + 1'000'000, records);
    dissector.feed(Direction::Outbound, response, t0 + 2'000'000, records);
    // "Hello" deflated (RFC 7692 §7.2.3.1) in two masked fragments, then a binary frame and a ping.
    dissector.feed(Direction::Inbound, QByteArray::fromHex("41830000000" "0f248cd" "80840000000" "0c9c90700"),
                   t0 + 250'000'000, records);
    dissector.feed(Direction::Outbound, QByteArray::fromHex("820400ff10ef" "89026869"), t0 + 500'000'000, records);
    dissector.close(t0 + 600'000'000, records);
    return records;
}

} // namespace

class TestHarWriter : public QObject
{
    Q_OBJECT

private slots:
    void chromeShapeWithMessagesNotFrames();
    void readsBackAsTheSameMessages();
};

void TestHarWriter::chromeShapeWithMessagesNotFrames()
{
    HarWriter writer;
    for (const CaptureRecord &record : conversation())
        writer.add(record);
    const QJsonObject log = QJsonDocument::fromJson(writer.toJson()).object()[QLatin1String("log")].toObject();
    QCOMPARE(log[QLatin1String("version")].toString(), QStringLiteral("1.2"));
    const QJsonArray entries = log[QLatin1String("entries")].toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject entry = entries[0].toObject();
    QCOMPARE(entry[QLatin1String("_resourceType")].toString(), QStringLiteral("websocket"));
    QCOMPARE(entry[QLatin1String("request")][QLatin1String("url")].toString(), QStringLiteral("ws://127.0.0.1:9000/chat"));
    QCOMPARE(entry[QLatin1String("response")][QLatin1String("status")].toInt(), 101);
    QCOMPARE(entry[QLatin1String("startedDateTime")].toString(), QStringLiteral("2026-03-01T10:00:00.001Z")); // its request
    const QJsonArray messages = entry[QLatin1String("_webSocketMessages")].toArray();
    QCOMPARE(messages.size(), 3);
    const QJsonObject hello = messages[0].toObject();
    QCOMPARE(hello[QLatin1String("type")].toString(), QStringLiteral("send"));
    QCOMPARE(hello[QLatin1String("opcode")].toInt(), 1);
    QCOMPARE(hello[QLatin1String("data")].toString(), QStringLiteral("Hello")); // joined and inflated
    QCOMPARE(hello[QLatin1String("time")].toDouble(), 1772359200.25);
    QCOMPARE(messages[1].toObject()[QLatin1String("data")].toString(), QStringLiteral("AP8Q7w=="));
    QCOMPARE(messages[2].toObject()[QLatin1String("opcode")].toInt(), 9);
}

void TestHarWriter::readsBackAsTheSameMessages()
{
    HarWriter writer;
    for (const CaptureRecord &record : conversation())
        writer.add(record);
    QList<QByteArray> payloads;
    const auto result = HarReader::read(writer.toJson(), [&](CaptureRecord &&record) {
        if (record.kind == RecordKind::Frame)
            payloads.append(record.frame->payload);
    });
    QVERIFY(!result.error);
    QCOMPARE(payloads, (QList<QByteArray>{"Hello", QByteArray::fromHex("00ff10ef"), "hi"}));
}

QTEST_GUILESS_MAIN(TestHarWriter)
#include "tst_harwriter.moc"
