#include "capture/packetcapturereader.h"

#include "capture/packetbuilder.h"
#include "capture/recordingsink.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace wslab::capture;
using namespace wslab::capture::testing;

namespace {

// `count` one-segment conversations from different client ports, each with a SYN and one data
// segment: 2 packets each.
QByteArray manyConnections(int count)
{
    QList<FilePacket> packets;
    for (int i = 0; i < count; ++i) {
        const quint16 port = quint16(40000 + i);
        packets.append({qint64(i) * 1000, ipv4Tcp(port, 8080, 99, Syn, {}), 0, 0});
        packets.append({qint64(i) * 1000 + 1, ipv4Tcp(port, 8080, 100, Ack | Psh, "hello " + QByteArray::number(i)), 0, 0});
    }
    return pcapFile(linktype::Raw, packets, true, false);
}

// Bytes that differ at every offset, so a misplaced or repeated segment cannot go unnoticed.
QByteArray patterned(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = seed;
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes[i] = char(state >> 24);
    }
    return bytes;
}

QString findTool(const QString &name)
{
    return QStandardPaths::findExecutable(name, {"/usr/bin", "/usr/sbin", "/bin", "/sbin"});
}

} // namespace

class tst_PacketCaptureReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void everyConnectionIsDelivered();
    void progressReachesTheFileSize();
    void cancellingStopsAndClosesConnections();
    void failureComesAfterThePacketsBeforeIt();
    void openFailureIsReturned();
    void otherTrafficIsCounted();
    void realRecordingGivesTheBytesSentEachWay_data();
    void realRecordingGivesTheBytesSentEachWay();

private:
    QTemporaryDir m_dir;
};

void tst_PacketCaptureReader::everyConnectionIsDelivered()
{
    const QString path = writeFile(m_dir, "many.pcap", manyConnections(30));
    RecordingSink sink;
    PacketCaptureReader reader(sink);
    const auto result = reader.read(path);
    QVERIFY(!result.failure);
    QVERIFY(!result.cancelled);
    QCOMPARE(result.packets, 60u);
    QCOMPARE(sink.conversations.size(), 30);
    QCOMPARE(sink.clientToServer(30), "hello 29");
    QCOMPARE(sink.events.filter("close").size(), 30);
    QCOMPARE(result.firstTimeNs, 0);
    QCOMPARE(result.lastTimeNs, 29001);
}

void tst_PacketCaptureReader::progressReachesTheFileSize()
{
    const QByteArray contents = manyConnections(50);
    const QString path = writeFile(m_dir, "progress.pcap", contents);
    RecordingSink sink;
    PacketCaptureReader::Options options;
    options.checkInterval = 10;
    PacketCaptureReader reader(sink, options);
    QList<qint64> reports;
    const auto result = reader.read(path, nullptr, [&](qint64 done, qint64 total) {
        QCOMPARE(total, contents.size());
        reports.append(done);
    });
    QVERIFY(!result.failure);
    QCOMPARE(reports.size(), 100 / 10 + 1);
    QVERIFY(std::is_sorted(reports.begin(), reports.end()));
    QVERIFY(reports.first() > 0);
    QCOMPARE(reports.last(), contents.size());
}

void tst_PacketCaptureReader::cancellingStopsAndClosesConnections()
{
    const QString path = writeFile(m_dir, "cancel.pcap", manyConnections(50));
    RecordingSink sink;
    PacketCaptureReader::Options options;
    options.checkInterval = 10;
    PacketCaptureReader reader(sink, options);
    std::atomic_bool cancel = false;
    const auto result = reader.read(path, &cancel, [&](qint64, qint64) { cancel = true; });
    QVERIFY(result.cancelled);
    QVERIFY(!result.failure);
    QCOMPARE(result.packets, 10u);
    QCOMPARE(sink.conversations.size(), 5);
    QCOMPARE(sink.events.filter("close").size(), 5);
}

void tst_PacketCaptureReader::failureComesAfterThePacketsBeforeIt()
{
    const QByteArray contents = manyConnections(3);
    const QString path = writeFile(m_dir, "cut.pcap", contents.first(contents.size() - 3));
    RecordingSink sink;
    PacketCaptureReader reader(sink);
    const auto result = reader.read(path);
    QVERIFY(result.failure);
    QCOMPARE(result.failure->error, CaptureFileError::Truncated);
    QCOMPARE(result.packets, 5u);
    const qint64 lastRecord = contents.size() - 16 - ipv4Tcp(40002, 8080, 100, Ack | Psh, "hello 2").size();
    QCOMPARE(result.failure->offset, lastRecord);
    QCOMPARE(sink.clientToServer(2), "hello 1");
    QCOMPARE(sink.events.filter("close").size(), 3); // the third only had its SYN
}

void tst_PacketCaptureReader::openFailureIsReturned()
{
    RecordingSink sink;
    PacketCaptureReader reader(sink);
    const auto result = reader.read(m_dir.filePath("does-not-exist"));
    QVERIFY(result.failure);
    QCOMPARE(result.failure->error, CaptureFileError::CannotOpen);
    QCOMPARE(result.packets, 0u);
    QVERIFY(sink.events.isEmpty());
}

void tst_PacketCaptureReader::otherTrafficIsCounted()
{
    const QList<FilePacket> packets = {{1, ethernet(0x0806, QByteArray(28, '\0')), 0, 0},
                                       {2, ethernet(0x0800, ipv4(localhost, localhost, QByteArray(8, '\0'), 17)), 0, 0},
                                       {3, ethernet(0x0800, ipv4Tcp(50000, 80, 1, Ack, "GET / HTTP/1.1\r\n")), 0, 0}};
    const QString path = writeFile(m_dir, "other.pcap", pcapFile(linktype::Ethernet, packets, false, true));
    RecordingSink sink;
    PacketCaptureReader reader(sink);
    const auto result = reader.read(path);
    QVERIFY(!result.failure);
    QCOMPARE(result.statistics.packets, 3u);
    QCOMPARE(result.statistics.nonIp(), 1u);
    QCOMPARE(result.statistics.nonTcp(), 1u);
    QCOMPARE(result.statistics.tcpSegments, 1u);
    QCOMPARE(sink.conversations.first().client.port, 50000);
}

void tst_PacketCaptureReader::realRecordingGivesTheBytesSentEachWay_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("arguments"); // %FILE and %PORT are filled in
    QTest::addColumn<QString>("readyText");     // what the tool prints on stderr once capturing
    QTest::addRow("tcpdump pcap nanosecond") << "tcpdump"
                                             << QStringList{"-i", "lo", "-U", "-n", "-Z", "root", "--time-stamp-precision=nano",
                                                            "-w", "%FILE", "tcp port %PORT"}
                                             << "listening on";
    QTest::addRow("tcpdump any interface (SLL2)") << "tcpdump"
                                                  << QStringList{"-i", "any", "-U", "-n", "-Z", "root", "-w", "%FILE",
                                                                 "tcp port %PORT"}
                                                  << "listening on";
    QTest::addRow("dumpcap pcapng") << "dumpcap"
                                    << QStringList{"-i", "lo", "-q", "-f", "tcp port %PORT", "-w", "%FILE"}
                                    << "Capturing on";
}

void tst_PacketCaptureReader::realRecordingGivesTheBytesSentEachWay()
{
    QFETCH(QString, tool);
    QFETCH(QStringList, arguments);
    QFETCH(QString, readyText);
    const QString program = findTool(tool);
    if (program.isEmpty())
        QSKIP(qPrintable(tool + " is not installed (scripts/install-deps --test installs it)"));

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QString file = m_dir.filePath(QStringLiteral("real-%1").arg(QTest::currentDataTag()).replace(' ', '-'));
    for (QString &argument : arguments)
        argument.replace("%FILE", file).replace("%PORT", QString::number(server.serverPort()));

    QProcess capture;
    capture.start(program, arguments);
    QVERIFY2(capture.waitForStarted(10000), qPrintable(capture.errorString()));
    QByteArray stderrText;
    QTRY_VERIFY_WITH_TIMEOUT((stderrText += capture.readAllStandardError()).contains(readyText.toUtf8())
                                     || capture.state() == QProcess::NotRunning,
                             20000);
    if (capture.state() == QProcess::NotRunning) {
        if (stderrText.contains("ermission") || stderrText.contains("not permitted"))
            QSKIP(qPrintable(tool + " may not capture here: " + QString::fromLocal8Bit(stderrText.trimmed())));
        QFAIL(qPrintable(tool + " stopped: " + QString::fromLocal8Bit(stderrText)));
    }

    // A plain exchange with known bytes both ways, larger than one segment.
    const QByteArray toServer = "GET /chat HTTP/1.1\r\n\r\n" + patterned(300000, 1);
    const QByteArray toClient = "HTTP/1.1 101 Switching Protocols\r\n\r\n" + patterned(200000, 2);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 10000);
    QTcpSocket *accepted = server.nextPendingConnection();
    QByteArray serverReceived, clientReceived;
    connect(accepted, &QTcpSocket::readyRead, this, [&] { serverReceived += accepted->readAll(); });
    connect(&client, &QTcpSocket::readyRead, this, [&] { clientReceived += client.readAll(); });
    client.write(toServer);
    accepted->write(toClient);
    QTRY_VERIFY_WITH_TIMEOUT(serverReceived.size() == toServer.size() && clientReceived.size() == toClient.size(), 20000);
    const quint16 clientPort = client.localPort();
    client.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(accepted->state() == QAbstractSocket::UnconnectedState || accepted->bytesAvailable() == 0, 10000);
    accepted->disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 10000);

    // Wait until the file holds both FINs (the tool writes as packets come), then stop it cleanly.
    auto readFile = [&](RecordingSink &sink) { return PacketCaptureReader(sink).read(file); };
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        RecordingSink sink;
        (void)readFile(sink);
        return sink.events.filter("end 1").size() == 2;
    }(), 20000);
    ::kill(pid_t(capture.processId()), SIGINT);
    QVERIFY(capture.waitForFinished(20000));
    QCOMPARE(capture.exitStatus(), QProcess::NormalExit);

    RecordingSink sink;
    const auto result = readFile(sink);
    QVERIFY2(!result.failure, result.failure ? qPrintable(result.failure->detail) : "");
    QCOMPARE(sink.conversations.size(), 1);
    const auto &conversation = sink.conversations.first();
    QVERIFY(conversation.sawOpening);
    QCOMPARE(conversation.client.toString(), QStringLiteral("127.0.0.1:%1").arg(clientPort));
    QCOMPARE(conversation.server.toString(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QCOMPARE(conversation.stream[0].size(), toServer.size());
    QVERIFY(conversation.stream[0] == toServer);
    QCOMPARE(conversation.stream[1].size(), toClient.size());
    QVERIFY(conversation.stream[1] == toClient);
    QCOMPARE(result.statistics.missingBytes, 0u);
    QVERIFY(result.firstTimeNs > 1600000000LL * 1000000000);
}

QTEST_GUILESS_MAIN(tst_PacketCaptureReader)
#include "tst_packetcapturereader.moc"
