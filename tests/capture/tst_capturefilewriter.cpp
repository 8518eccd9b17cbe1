#include "capture/capturefilewriter.h"
#include "capture/conversationdissector.h"
#include "capture/savedsessionreader.h"
#include "capture/tcppacketbuilder.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace wslab::capture;

namespace {

const QByteArray request = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

CaptureBatch sampleConversation(const QString &client, const QString &server)
{
    CaptureBatch records;
    ConversationDissector dissector(1, {});
    const qint64 t0 = 1'700'000'000'123'456'789;
    dissector.open(SocketAddress::fromString(client), SocketAddress::fromString(server), t0, records);
    dissector.feed(Direction::Inbound, request, t0 + 1000, records);
    dissector.feed(Direction::Outbound, response, t0 + 2000, records);
    dissector.feed(Direction::Inbound, QByteArray::fromHex("818537fa213d7f9f4d5158"), t0 + 3000, records);
    // 70,000 bytes: the 64-bit length form, in two TCP segments.
    dissector.feed(Direction::Outbound, QByteArray::fromHex("827f0000000000011170") + QByteArray(70000, 'z'), t0 + 4000,
                   records);
    dissector.feed(Direction::Outbound, QByteArray::fromHex("880203e8"), t0 + 5000, records);
    dissector.feed(Direction::Inbound, QByteArray::fromHex("888237fa213d3412"), t0 + 6000, records);
    dissector.close(t0 + 7000, records);
    return records;
}

// tshark's fields for every WebSocket frame: "opcode fin masked payload-length".
QStringList tsharkFrames(const QString &file, quint16 serverPort)
{
    QProcess tshark;
    tshark.start(QStringLiteral("tshark"),
                 {QStringLiteral("-r"), file, QStringLiteral("-d"), QStringLiteral("tcp.port==%1,http").arg(serverPort),
                  QStringLiteral("-Y"), QStringLiteral("websocket"), QStringLiteral("-T"), QStringLiteral("fields"),
                  QStringLiteral("-e"), QStringLiteral("websocket.opcode"), QStringLiteral("-e"),
                  QStringLiteral("websocket.fin"), QStringLiteral("-e"), QStringLiteral("websocket.mask"),
                  QStringLiteral("-e"), QStringLiteral("websocket.payload_length"), QStringLiteral("-e"),
                  QStringLiteral("websocket.payload_length_ext_64")});
    if (!tshark.waitForFinished(60000))
        return {QStringLiteral("tshark did not finish")};
    return QString::fromUtf8(tshark.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestCaptureFileWriter : public QObject
{
    Q_OBJECT

private slots:
    void packetsCarryValidChecksums();
    void tsharkReadsTheSameFrames_data();
    void tsharkReadsTheSameFrames();
    void recordsTravelInComments();
    void proxyMarksComeBackFromASavedSession();
    void savedIdsAndTextComeBack();
    void recordCommentIsCanonicalJson_data();
    void recordCommentIsCanonicalJson();
};

void TestCaptureFileWriter::packetsCarryValidChecksums()
{
    // RFC 1071: summing a packet with its checksum in place gives 0xFFFF.
    TcpPacketBuilder::Segment segment;
    segment.source = SocketAddress::fromString(u"10.0.0.1:1234");
    segment.destination = SocketAddress::fromString(u"10.0.0.2:80");
    segment.payload = "odd";
    const QByteArray packet = TcpPacketBuilder::build(segment);
    const auto sum = [](QByteArrayView bytes, quint32 start) {
        quint32 total = start;
        for (qsizetype i = 0; i < bytes.size(); i += 2)
            total += quint32(quint8(bytes[i]) << 8 | (i + 1 < bytes.size() ? quint8(bytes[i + 1]) : 0));
        while (total >> 16)
            total = (total & 0xFFFF) + (total >> 16);
        return total;
    };
    QCOMPARE(sum(QByteArrayView(packet).first(20), 0), 0xFFFFu);
    const quint32 pseudo = 0x0A00 + 0x0001 + 0x0A00 + 0x0002 + 6 + quint32(packet.size() - 20);
    QCOMPARE(sum(QByteArrayView(packet).sliced(20), pseudo), 0xFFFFu);
}

void TestCaptureFileWriter::tsharkReadsTheSameFrames_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("server");
    QTest::addRow("IPv4") << QStringLiteral("127.0.0.1:50000") << QStringLiteral("127.0.0.1:9000");
    QTest::addRow("IPv6") << QStringLiteral("[::1]:50000") << QStringLiteral("[::1]:9000");
}

void TestCaptureFileWriter::tsharkReadsTheSameFrames()
{
    QFETCH(QString, client);
    QFETCH(QString, server);
    if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
        QSKIP("tshark is not installed (scripts/install-deps --test installs it)");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.pcapng"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    CaptureFileWriter writer(&file, 0);
    QVERIFY(writer.begin());
    for (const CaptureRecord &record : sampleConversation(client, server))
        QVERIFY(writer.write(record));
    file.close();
    QCOMPARE(tsharkFrames(path, 9000),
             (QStringList{QStringLiteral("1\t1\t1\t5\t"), QStringLiteral("2\t1\t0\t127\t70000"),
                          QStringLiteral("8\t1\t0\t2\t"), QStringLiteral("8\t1\t1\t2\t")}));
}

void TestCaptureFileWriter::recordsTravelInComments()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CaptureFileWriter writer(&buffer, 0);
    QVERIFY(writer.begin());
    CaptureRecord delivered;
    delivered.id = 42;
    delivered.connectionId = 3;
    delivered.kind = RecordKind::FrameDelivered;
    delivered.relatedId = 41;
    delivered.note = QStringLiteral("held by the user");
    QVERIFY(writer.write(delivered));
    const QByteArray bytes = buffer.data();
    QVERIFY(bytes.startsWith(QByteArray::fromHex("0a0d0d0a")));
    QVERIFY(bytes.contains("wslab-record {"));
    QVERIFY(bytes.contains("\"related\":41"));
    QVERIFY(bytes.contains("held by the user"));
    QVERIFY(!bytes.contains("bookkeeping"));
    // The page's /stats bookkeeping stays marked in a saved session (the frames table hides it).
    CaptureRecord report;
    report.id = 43;
    report.kind = RecordKind::HttpRequest;
    report.wireBytes = "POST /stats HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
    report.bookkeeping = true;
    QVERIFY(writer.write(report));
    QVERIFY(buffer.data().contains("\"bookkeeping\":true"));
}

// What a proxy knows beyond the bytes: the TLS session with a wss upstream, and a request it
// rewrote. Both are saved and read back as they were.
void TestCaptureFileWriter::proxyMarksComeBackFromASavedSession()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("proxy.pcapng"));
    CaptureBatch written;
    CaptureRecord opened;
    opened.id = 1;
    opened.connectionId = 1;
    opened.kind = RecordKind::ConnectionOpened;
    opened.note = QStringLiteral("127.0.0.1:40000");
    opened.serverAddress = QStringLiteral("127.0.0.1:8443");
    opened.tls = std::make_shared<const TlsInfo>(TlsInfo{QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
                         {{QStringLiteral("CN=127.0.0.1"), QStringLiteral("CN=test CA")},
                          {QStringLiteral("CN=test CA"), QStringLiteral("CN=test CA")}},
                         false});
    written.append(opened);
    CaptureRecord request;
    request.id = 2;
    request.connectionId = 1;
    request.kind = RecordKind::HttpRequest;
    request.wireBytes = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n\r\n";
    request.modified = true;
    request.note = QStringLiteral("Host 127.0.0.1:8002 → 127.0.0.1:8443");
    written.append(request);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CaptureFileWriter writer(&file, 0);
        QVERIFY(writer.begin());
        for (const CaptureRecord &record : written)
            QVERIFY(writer.write(record));
    }
    CaptureBatch read;
    const auto result = SavedSessionReader::read(path, [&read](CaptureRecord &&record) { read.append(record); });
    QVERIFY(!result.failure);
    QCOMPARE(read.size(), 2);
    QVERIFY(read.at(0).tls);
    QCOMPARE(*read.at(0).tls, *opened.tls);
    QVERIFY(!read.at(0).modified);
    QVERIFY(!read.at(1).tls);
    QVERIFY(read.at(1).modified);
    QCOMPARE(read.at(1).note, request.note);
    QCOMPARE(read.at(1).wireBytes, request.wireBytes);
}

void TestCaptureFileWriter::recordCommentIsCanonicalJson_data()
{
    QTest::addColumn<CaptureRecord>("record");
    CaptureRecord frame;
    frame.id = 7;
    frame.connectionId = 2;
    frame.kind = RecordKind::Frame;
    frame.direction = Direction::Outbound;
    frame.transport = Transport::WebSocket;
    frame.frame = wslab::protocol::DecodedFrame{};
    frame.frame->payload = QByteArray(300, 'p');
    QTest::addRow("frame") << frame;

    CaptureRecord everything = frame;
    everything.held = true;
    everything.reconstructed = true;
    everything.bookkeeping = true;
    everything.modified = true;
    everything.relatedId = 6;
    everything.decodeError = wslab::protocol::DecodeError::InvalidUtf8;
    everything.streamError = StreamError::BytesMissing;
    everything.httpStatus = 101;
    everything.closeCode = 1001;
    everything.missed = 12;
    everything.note = QStringLiteral("edited by hand: 127.0.0.1:5000 -> [::1]:9000");
    everything.serverAddress = QStringLiteral("[::1]:9000");
    everything.truncatedFrom = 70000;
    everything.inflatedPayload = QByteArray("hello");
    everything.inflatedSize = 5;
    everything.wireBytes = QByteArray("\x00\x01extra", 7);
    everything.intervention = std::make_shared<const FrameIntervention>(
            FrameIntervention{FrameIntervention::Action::Edited, QByteArray("\x81\x01x")});
    QTest::addRow("every field") << everything;

    CaptureRecord dropped = frame;
    dropped.intervention = std::make_shared<const FrameIntervention>(
            FrameIntervention{FrameIntervention::Action::Dropped, QByteArray("\x81\x01x")});
    QTest::addRow("dropped") << dropped;

    CaptureRecord request;
    request.id = 1;
    request.kind = RecordKind::HttpRequest;
    request.wireBytes = request.wireBytes = "GET / HTTP/1.1\r\n\r\n";
    request.inflatedSize = -1;
    QTest::addRow("HTTP request") << request;

    CaptureRecord escaped = request;
    escaped.note = QStringLiteral("a \"quoted\" note\\ with\ttab and 中文");
    QTest::addRow("text JSON escapes") << escaped;

    CaptureRecord opened;
    opened.id = 3;
    opened.kind = RecordKind::ConnectionOpened;
    opened.note = QStringLiteral("127.0.0.1:50000");
    opened.serverAddress = QStringLiteral("127.0.0.1:9000");
    auto tls = std::make_shared<TlsInfo>();
    tls->version = QStringLiteral("TLSv1.3");
    opened.tls = tls;
    QTest::addRow("TLS facts") << opened;
}

void TestCaptureFileWriter::recordCommentIsCanonicalJson()
{
    // Each record's comment is its JSON as QJsonDocument writes it compactly (keys sorted), however
    // it was made: the bytes of a saved file do not depend on the way taken.
    QFETCH(CaptureRecord, record);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CaptureFileWriter writer(&buffer, 0);
    QVERIFY(writer.begin());
    QVERIFY(writer.write(record));
    // The comment option: its length (host order, as the file's blocks) right before its text.
    const QByteArray bytes = buffer.data();
    const QByteArray prefix = "wslab-record ";
    const qsizetype at = bytes.indexOf(prefix);
    QVERIFY(at >= 2);
    const auto length = qFromUnaligned<quint16>(bytes.constData() + at - 2);
    const QByteArray json = bytes.mid(at + prefix.size(), length - prefix.size());
    QJsonParseError error{};
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json, parsed.toJson(QJsonDocument::Compact));
    QCOMPARE(parsed.object().value(QStringLiteral("id")).toInteger(), qint64(record.id));
    if (!record.note.isEmpty())
        QCOMPARE(parsed.object().value(QStringLiteral("note")).toString(), record.note);
}

QTEST_GUILESS_MAIN(TestCaptureFileWriter)
// A live capture saved after its first rows were evicted keeps its ids; notes with escapes and
// non-ASCII text come back as written; ids that do not increase (no file the app wrote) are
// numbered on from the last one, since views find records by id.
void TestCaptureFileWriter::savedIdsAndTextComeBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("ids.pcapng"));
    const QString note = QStringLiteral("line 1\n\"line 2\"\t\\ é 帧 \U0001F600");
    const QList<quint64> savedIds{5001, 5009, 5007, 0};
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CaptureFileWriter writer(&file, 0);
        QVERIFY(writer.begin());
        for (const quint64 id : savedIds) {
            CaptureRecord record;
            record.id = id;
            record.connectionId = 7;
            record.kind = RecordKind::HttpRequest;
            record.wireBytes = "GET / HTTP/1.1\r\n\r\n";
            record.note = note;
            QVERIFY(writer.write(record));
        }
    }
    QList<quint64> ids;
    const auto result = SavedSessionReader::read(path, [&](CaptureRecord &&record) {
        ids.append(record.id);
        QCOMPARE(record.note, note);
        QCOMPARE(record.connectionId, quint64(7));
    });
    QVERIFY(!result.failure);
    QCOMPARE(ids, (QList<quint64>{5001, 5009, 5010, 5011}));
}

#include "tst_capturefilewriter.moc"
