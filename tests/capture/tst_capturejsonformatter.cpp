#include "capture/capturejsonformatter.h"
#include "capture/capturesummary.h"
#include "capture/conversationdissector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace wslab::capture;

namespace {

const QByteArray request = "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                            "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n";

QList<QJsonObject> jsonOf(const CaptureBatch &records)
{
    CaptureJsonFormatter formatter;
    QList<QJsonObject> lines;
    for (const CaptureRecord &record : records) {
        const QByteArray line = formatter.format(record);
        if (line.contains('\n'))
            return {}; // one object per line, always
        lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

CaptureBatch conversation(const QByteArray &clientFrames, const QByteArray &serverFrames)
{
    CaptureBatch records;
    ConversationDissector dissector(3, {});
    dissector.open(SocketAddress::fromString(u"[::1]:40000"), SocketAddress::fromString(u"[::1]:9000"),
                   1'700'000'000'000'000'000, records);
    dissector.feed(Direction::Inbound, request, 1'700'000'000'500'000'000, records);
    dissector.feed(Direction::Outbound, response + serverFrames, 1'700'000'001'000'000'000, records);
    dissector.feed(Direction::Inbound, clientFrames, 1'700'000'002'000'000'000, records);
    dissector.close(1'700'000'003'000'000'000, records);
    return records;
}

} // namespace

class TestCaptureJsonFormatter : public QObject
{
    Q_OBJECT

private slots:
    void everyLineNamesTimeConnectionEndsAndType();
    void fragmentedCompressedMessageCompletesOnItsLastFrame();
    void closeFramesCarryCodeAndReason();
    void summaryCountsFramesMessagesAndErrors();
    void proxyMarksAreKeys();
};

void TestCaptureJsonFormatter::everyLineNamesTimeConnectionEndsAndType()
{
    const auto lines = jsonOf(conversation({}, QByteArray::fromHex("810548656c6c6f")));
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0].value(QStringLiteral("type")).toString(), QStringLiteral("open"));
    QCOMPARE(lines[1].value(QStringLiteral("type")).toString(), QStringLiteral("http-request"));
    QCOMPARE(lines[2].value(QStringLiteral("type")).toString(), QStringLiteral("http-response"));
    const QJsonObject frame = lines[3];
    QCOMPARE(frame.value(QStringLiteral("type")).toString(), QStringLiteral("frame"));
    QCOMPARE(frame.value(QStringLiteral("time")).toDouble(), 1700000001.0);
    QCOMPARE(frame.value(QStringLiteral("conn")).toInt(), 3);
    QCOMPARE(frame.value(QStringLiteral("client")).toString(), QStringLiteral("[::1]:40000"));
    QCOMPARE(frame.value(QStringLiteral("server")).toString(), QStringLiteral("[::1]:9000"));
    QCOMPARE(frame.value(QStringLiteral("dir")).toString(), QStringLiteral("s2c"));
    QCOMPARE(frame.value(QStringLiteral("fin")).toBool(), true);
    QCOMPARE(frame.value(QStringLiteral("rsv")).toInt(), 0);
    QCOMPARE(frame.value(QStringLiteral("opcode")).toInt(), 1);
    QCOMPARE(frame.value(QStringLiteral("mask")).toBool(), false);
    QVERIFY(frame.value(QStringLiteral("maskKey")).isNull());
    QCOMPARE(frame.value(QStringLiteral("length")).toInt(), 5);
    QCOMPARE(frame.value(QStringLiteral("lengthForm")).toInt(), 7);
    QCOMPARE(QByteArray::fromBase64(frame.value(QStringLiteral("payload")).toString().toLatin1()), QByteArray("Hello"));
    QCOMPARE(QByteArray::fromBase64(frame.value(QStringLiteral("message")).toString().toLatin1()), QByteArray("Hello"));
    QCOMPARE(frame.value(QStringLiteral("messageType")).toString(), QStringLiteral("text"));
}

void TestCaptureJsonFormatter::fragmentedCompressedMessageCompletesOnItsLastFrame()
{
    // RFC 7692 §7.2.3.1 "Hello" deflated (f2 48 cd c9 c9 07 00), split over two masked frames; RSV1
    // only on the first (§6.1).
    const QByteArray first = QByteArray::fromHex("41830000000" "0f248cd");
    const QByteArray last = QByteArray::fromHex("80840000000" "0c9c90700");
    const auto lines = jsonOf(conversation(first + last, {}));
    QCOMPARE(lines.size(), 6);
    const QJsonObject one = lines[3];
    const QJsonObject two = lines[4];
    QCOMPARE(one.value(QStringLiteral("rsv")).toInt(), 4);
    QCOMPARE(one.value(QStringLiteral("mask")).toBool(), true);
    QCOMPARE(one.value(QStringLiteral("maskKey")).toString(), QStringLiteral("00000000"));
    QVERIFY(!one.contains(QStringLiteral("message")));
    QCOMPARE(QByteArray::fromBase64(two.value(QStringLiteral("payload")).toString().toLatin1()),
             QByteArray::fromHex("c9c90700")); // as carried: still deflated
    QCOMPARE(QByteArray::fromBase64(two.value(QStringLiteral("message")).toString().toLatin1()), QByteArray("Hello"));
}

void TestCaptureJsonFormatter::closeFramesCarryCodeAndReason()
{
    const QByteArray close = QByteArray::fromHex("880503e8627965"); // 1000 "bye"
    const auto lines = jsonOf(conversation({}, close));
    QCOMPARE(lines[3].value(QStringLiteral("closeCode")).toInt(), 1000);
    QCOMPARE(lines[3].value(QStringLiteral("closeReason")).toString(), QStringLiteral("bye"));
    QCOMPARE(lines[4].value(QStringLiteral("type")).toString(), QStringLiteral("close"));
}

void TestCaptureJsonFormatter::summaryCountsFramesMessagesAndErrors()
{
    const QByteArray serverFrames = QByteArray::fromHex("010348656c" "80026c6f" "8900");
    CaptureSummary summary;
    for (const CaptureRecord &record : conversation(QByteArray::fromHex("810548656c6c6f"), serverFrames))
        summary.add(record); // the client frame is unmasked: an error, and its payload is not decodable
    QCOMPARE(summary.connections(), 1u);
    QCOMPARE(summary.frames(), 3u);
    QCOMPARE(summary.messages(), 1u);
    QCOMPARE(summary.errors(), 2u);
    QVERIFY(summary.text().contains(QStringLiteral("time span: 3.000000 s")));
}

// A proxy's TLS session on the opening, a rewritten request as modified with its note; nothing
// of either on records without them.
void TestCaptureJsonFormatter::proxyMarksAreKeys()
{
    CaptureRecord opened;
    opened.connectionId = 1;
    opened.kind = RecordKind::ConnectionOpened;
    opened.tls = std::make_shared<const TlsInfo>(TlsInfo{QStringLiteral("TLSv1.2"), QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
                         {{QStringLiteral("CN=a"), QStringLiteral("CN=b")}}, true});
    CaptureRecord request;
    request.connectionId = 1;
    request.kind = RecordKind::HttpRequest;
    request.wireBytes = "GET / HTTP/1.1\r\nHost: b\r\n\r\n";
    request.modified = true;
    request.note = QStringLiteral("Host a → b");
    CaptureRecord plain = request;
    plain.modified = false;
    const auto lines = jsonOf({opened, request, plain});
    const QJsonObject tls = lines[0].value(QStringLiteral("tls")).toObject();
    QCOMPARE(tls.value(QStringLiteral("version")).toString(), QStringLiteral("TLSv1.2"));
    QCOMPARE(tls.value(QStringLiteral("cipher")).toString(), QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));
    QCOMPARE(tls.value(QStringLiteral("verified")).toBool(), true);
    const QJsonObject first = tls.value(QStringLiteral("chain")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("subject")).toString(), QStringLiteral("CN=a"));
    QCOMPARE(first.value(QStringLiteral("issuer")).toString(), QStringLiteral("CN=b"));
    QCOMPARE(lines[1].value(QStringLiteral("modified")).toBool(), true);
    QCOMPARE(lines[1].value(QStringLiteral("note")).toString(), QStringLiteral("Host a → b"));
    QVERIFY(!lines[2].contains(QStringLiteral("modified")));
    QVERIFY(!lines[2].contains(QStringLiteral("note")));
    QVERIFY(!lines[1].contains(QStringLiteral("tls")));
}

QTEST_GUILESS_MAIN(TestCaptureJsonFormatter)
#include "tst_capturejsonformatter.moc"
