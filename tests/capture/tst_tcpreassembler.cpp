#include "capture/tcpreassembler.h"

#include "capture/packetbuilder.h"
#include "capture/recordingsink.h"

#include <QRegularExpression>
#include <QTest>

using namespace wslab::capture;
using namespace wslab::capture::testing;

namespace {

const SocketAddress client = SocketAddress::ipv4(localhost, 50000);
const SocketAddress server = SocketAddress::ipv4(localhost, 8080);
constexpr quint32 clientIsn = 1000; // the first data byte's sequence number; the SYN has 999
constexpr quint32 serverIsn = 5000;
const QByteArray lower = "abcdefghijklmnopqrst";
const QByteArray upper = "ABCDEFGHIJKLMNOPQRST";

TcpSegment segment(const SocketAddress &from, const SocketAddress &to, quint32 sequence, quint8 flags,
                   QByteArrayView payload = {}, quint32 missing = 0)
{
    TcpSegment result;
    result.source = from;
    result.destination = to;
    result.sequence = sequence;
    result.flags = flags;
    result.payload = payload;
    result.missingPayloadBytes = missing;
    return result;
}

void handshake(TcpReassembler &reassembler, quint32 clientSequence = clientIsn, quint32 serverSequence = serverIsn,
               const SocketAddress &from = client, const SocketAddress &to = server)
{
    reassembler.addSegment(segment(from, to, clientSequence - 1, Syn), 1);
    reassembler.addSegment(segment(to, from, serverSequence - 1, Syn | Ack), 2);
    reassembler.addSegment(segment(from, to, clientSequence, Ack), 3);
}

// "3-9" sends lower[3..9) from the client, "3-9U" the same range from `upper` (a different first
// copy), "3-9/4" the range with only 4 bytes captured, "fin@20" a FIN with sequence offset 20,
// "rst" a reset from the server.
void play(TcpReassembler &reassembler, const QStringList &steps, quint32 isn = clientIsn)
{
    qint64 time = 10;
    for (const QString &step : steps) {
        if (step == u"rst") {
            reassembler.addSegment(segment(server, client, serverIsn, Rst | Ack), ++time);
            continue;
        }
        if (step.startsWith(u"fin@")) {
            reassembler.addSegment(segment(client, server, isn + step.sliced(4).toUInt(), Fin | Ack), ++time);
            continue;
        }
        const bool useUpper = step.endsWith(u'U');
        const QStringList parts = QString(step).remove(u'U').split(QRegularExpression("[-/]"));
        const int from = parts.at(0).toInt(), to = parts.at(1).toInt();
        const int captured = parts.size() > 2 ? parts.at(2).toInt() : to - from;
        const QByteArray bytes = (useUpper ? upper : lower).mid(from, captured);
        reassembler.addSegment(segment(client, server, isn + quint32(from), Ack | Psh, bytes, quint32(to - from - captured)),
                               ++time);
    }
}

} // namespace

class tst_TcpReassembler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handshakeNamesClientAndBytesFlowBothWays();
    void inOrderBytesAreNotCopied();
    void segmentsInAnyOrderGiveTheStreamOnce_data();
    void segmentsInAnyOrderGiveTheStreamOnce();
    void lostBytesBecomeMissingOfTheRightLength_data();
    void lostBytesBecomeMissingOfTheRightLength();
    void bufferLimitsTurnHolesIntoMissing_data();
    void bufferLimitsTurnHolesIntoMissing();
    void sequenceNumbersWrapAround_data();
    void sequenceNumbersWrapAround();
    void interleavedConnectionsStaySeparate();
    void midConnectionClientIsChosen_data();
    void midConnectionClientIsChosen();
    void newSynAfterCloseIsANewConnection();
    void newSynWithOtherIsnReplacesAnOpenConnection();
    void retransmittedSynIsTheSameConnection();
    void connectionLimitIsCountedAndFreedByClosing();
    void otherTrafficIsCounted();
    void finishClosesEveryConnectionOnce();
};

void tst_TcpReassembler::handshakeNamesClientAndBytesFlowBothWays()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    const QByteArray request = "GET /chat HTTP/1.1\r\n\r\n", response = "HTTP/1.1 101 Switching Protocols\r\n\r\n";
    reassembler.addSegment(segment(client, server, clientIsn, Ack | Psh, request), 4);
    reassembler.addSegment(segment(server, client, serverIsn, Ack | Psh, response), 5);
    reassembler.addSegment(segment(client, server, clientIsn + request.size(), Fin | Ack), 6);
    reassembler.addSegment(segment(server, client, serverIsn + response.size(), Fin | Ack), 7);
    reassembler.addSegment(segment(client, server, clientIsn + request.size() + 1, Ack), 8); // the last ACK
    QCOMPARE(sink.events, QStringList({"open 1 127.0.0.1:50000 -> 127.0.0.1:8080", "end 1 c2s", "end 1 s2c", "close 1"}));
    QCOMPARE(sink.clientToServer(1), request);
    QCOMPARE(sink.serverToClient(1), response);
    QCOMPARE(sink.conversations[1].lastTimeNs[1], 5);
    QCOMPARE(reassembler.statistics().connections, 1u);
    QCOMPARE(reassembler.statistics().tcpSegments, 8u);
}

void tst_TcpReassembler::inOrderBytesAreNotCopied()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    const QByteArray data = "in order";
    reassembler.addSegment(segment(client, server, clientIsn, Ack, data), 4);
    QCOMPARE(sink.lastDeliveredData, data.constData());
}

void tst_TcpReassembler::segmentsInAnyOrderGiveTheStreamOnce_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QByteArray>("stream");
    QTest::addRow("in order") << QStringList{"0-5", "5-10", "10-20"} << lower;
    QTest::addRow("reversed") << QStringList{"10-20", "5-10", "0-5"} << lower;
    QTest::addRow("retransmitted") << QStringList{"0-5", "0-5", "5-10", "0-10", "10-20", "5-20"} << lower;
    QTest::addRow("overlapping") << QStringList{"0-8", "4-12", "10-20"} << lower;
    QTest::addRow("overlaps ahead of a hole") << QStringList{"10-20", "12-16", "5-14", "0-6"} << lower;
    QTest::addRow("one segment covers buffered ones") << QStringList{"5-7", "12-14", "0-20"} << lower;
    QTest::addRow("first copy of buffered bytes wins") << QStringList{"10-20", "8-15U", "0-10U"} << QByteArray("ABCDEFGHIJklmnopqrst");
    QTest::addRow("first copy of delivered bytes wins") << QStringList{"0-10", "5-20U"} << QByteArray("abcdefghijKLMNOPQRST");
    QTest::addRow("retransmission after FIN") << QStringList{"0-20", "fin@20", "10-20U"} << lower;
}

void tst_TcpReassembler::segmentsInAnyOrderGiveTheStreamOnce()
{
    QFETCH(QStringList, steps);
    QFETCH(QByteArray, stream);
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    play(reassembler, steps);
    QCOMPARE(sink.clientToServer(1), stream);
    QCOMPARE(reassembler.bufferedBytes(), 0);
}

void tst_TcpReassembler::lostBytesBecomeMissingOfTheRightLength_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<bool>("finish");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("lastEvent");
    QTest::addRow("hole reported at FIN") << QStringList{"0-5", "10-20", "fin@20"} << false
                                          << QByteArray("abcde<gap 5>klmnopqrst") << "end 1 c2s";
    QTest::addRow("hole reported at end of input") << QStringList{"0-5", "10-20"} << true
                                                   << QByteArray("abcde<gap 5>klmnopqrst") << "close 1";
    QTest::addRow("hole reported at RST") << QStringList{"0-5", "10-12", "15-20", "rst"} << false
                                          << QByteArray("abcde<gap 5>kl<gap 3>pqrst") << "close 1";
    QTest::addRow("last segment before FIN lost") << QStringList{"0-10", "fin@20"} << false
                                                  << QByteArray("abcdefghij<gap 10>") << "end 1 c2s";
    QTest::addRow("first segment lost") << QStringList{"7-20"} << true << QByteArray("<gap 7>hijklmnopqrst") << "close 1";
    QTest::addRow("snaplen cut in order") << QStringList{"0-10/4", "10-20"} << false
                                          << QByteArray("abcd<gap 6>klmnopqrst") << "open 1 127.0.0.1:50000 -> 127.0.0.1:8080";
    QTest::addRow("snaplen cut out of order") << QStringList{"10-20/3", "0-10"} << false
                                              << QByteArray("abcdefghijklm<gap 7>") << "open 1 127.0.0.1:50000 -> 127.0.0.1:8080";
    QTest::addRow("retransmission fills a snaplen cut") << QStringList{"0-10/4", "0-10"} << false
                                                        << QByteArray("abcd<gap 6>") << "open 1 127.0.0.1:50000 -> 127.0.0.1:8080";
}

void tst_TcpReassembler::lostBytesBecomeMissingOfTheRightLength()
{
    QFETCH(QStringList, steps);
    QFETCH(bool, finish);
    QFETCH(QByteArray, stream);
    QFETCH(QString, lastEvent);
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    play(reassembler, steps);
    if (finish)
        reassembler.finish(100);
    QCOMPARE(sink.clientToServer(1), stream);
    QCOMPARE(sink.events.last(), lastEvent);
    quint64 gapBytes = 0;
    for (const auto &match : QRegularExpression("<gap (\\d+)>").globalMatch(QString::fromLatin1(stream)))
        gapBytes += match.captured(1).toULongLong();
    QCOMPARE(reassembler.statistics().missingBytes, gapBytes);
}

void tst_TcpReassembler::bufferLimitsTurnHolesIntoMissing_data()
{
    QTest::addColumn<qsizetype>("directionLimit");
    QTest::addColumn<qsizetype>("totalLimit");
    QTest::addRow("per direction") << qsizetype(8) << qsizetype(1000);
    QTest::addRow("in total") << qsizetype(1000) << qsizetype(8);
}

void tst_TcpReassembler::bufferLimitsTurnHolesIntoMissing()
{
    QFETCH(qsizetype, directionLimit);
    QFETCH(qsizetype, totalLimit);
    RecordingSink sink;
    TcpReassembler::Options options;
    options.directionBufferLimit = directionLimit;
    options.totalBufferLimit = totalLimit;
    TcpReassembler reassembler(sink, options);
    handshake(reassembler);
    play(reassembler, {"0-2", "5-10"});
    QCOMPARE(reassembler.bufferedBytes(), 5);
    play(reassembler, {"10-14"}); // 9 bytes would be held: over the limit
    QCOMPARE(reassembler.bufferedBytes(), 0);
    QCOMPARE(sink.clientToServer(1), "ab<gap 3>fghijklmn");
    play(reassembler, {"2-5", "14-20"}); // the late bytes were given up; delivery goes on
    QCOMPARE(sink.clientToServer(1), "ab<gap 3>fghijklmnopqrst");
    QCOMPARE(reassembler.statistics().missingBytes, 3u);
}

void tst_TcpReassembler::sequenceNumbersWrapAround_data()
{
    QTest::addColumn<quint32>("isn");
    QTest::addColumn<QStringList>("steps");
    QTest::addRow("in order across 2^32") << 0xfffffff6u << QStringList{"0-5", "5-10", "10-20"};
    QTest::addRow("out of order across 2^32") << 0xfffffff6u << QStringList{"10-20", "0-5", "5-10"};
    QTest::addRow("SYN is the last number") << 0u << QStringList{"0-20"};
    QTest::addRow("segment spans the wrap") << 0xfffffffdu << QStringList{"0-20"};
}

void tst_TcpReassembler::sequenceNumbersWrapAround()
{
    QFETCH(quint32, isn);
    QFETCH(QStringList, steps);
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler, isn);
    play(reassembler, steps, isn);
    play(reassembler, {"fin@20"}, isn);
    QCOMPARE(sink.clientToServer(1), lower);
    QVERIFY(sink.events.contains("end 1 c2s"));
}

void tst_TcpReassembler::interleavedConnectionsStaySeparate()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    const SocketAddress otherClient = SocketAddress::ipv4(localhost, 50001);
    handshake(reassembler);
    handshake(reassembler, 7000, 9000, otherClient, server);
    const QByteArray a1 = "first ", a2 = "conversation", b1 = "second ", b2 = "one";
    reassembler.addSegment(segment(otherClient, server, 7000, Ack, b1), 10);
    reassembler.addSegment(segment(client, server, clientIsn + a1.size(), Ack, a2), 11); // ahead of a1
    reassembler.addSegment(segment(server, otherClient, 9000, Ack, b2), 12);
    reassembler.addSegment(segment(client, server, clientIsn, Ack, a1), 13);
    reassembler.finish(20);
    QCOMPARE(sink.events.first(), "open 1 127.0.0.1:50000 -> 127.0.0.1:8080");
    QCOMPARE(sink.events.at(1), "open 2 127.0.0.1:50001 -> 127.0.0.1:8080");
    QCOMPARE(sink.clientToServer(1), a1 + a2);
    QCOMPARE(sink.serverToClient(1), QByteArray());
    QCOMPARE(sink.clientToServer(2), b1);
    QCOMPARE(sink.serverToClient(2), b2);
    QCOMPARE(sink.events.mid(2), QStringList({"close 1", "close 2"}));
}

void tst_TcpReassembler::midConnectionClientIsChosen_data()
{
    QTest::addColumn<QList<quint16>>("serverPorts");
    QTest::addColumn<quint16>("senderPort");
    QTest::addColumn<quint16>("receiverPort");
    QTest::addColumn<QByteArray>("firstPayload");
    QTest::addColumn<quint16>("clientPort");
    const QByteArray frame = QByteArray::fromHex("810548656c6c6f"); // RFC 6455 §5.7 "Hello"
    QTest::addRow("serverPorts name the receiver") << QList<quint16>{9000} << quint16(9001) << quint16(9000) << frame << quint16(9001);
    QTest::addRow("serverPorts name the sender") << QList<quint16>{9001} << quint16(9001) << quint16(9000) << frame << quint16(9000);
    QTest::addRow("serverPorts beat an HTTP request") << QList<quint16>{40000} << quint16(40000) << quint16(80)
                                                      << QByteArray("GET / HTTP/1.1\r\n") << quint16(80);
    QTest::addRow("HTTP method: the sender is the client") << QList<quint16>{} << quint16(80) << quint16(40000)
                                                           << QByteArray("GET / HTTP/1.1\r\n") << quint16(80);
    QTest::addRow("POST method") << QList<quint16>{} << quint16(1) << quint16(2) << QByteArray("POST /send HTTP/1.1\r\n")
                                 << quint16(1);
    QTest::addRow("HTTP/1. status line: the sender is the server") << QList<quint16>{} << quint16(40000) << quint16(80)
                                                                   << QByteArray("HTTP/1.1 200 OK\r\n") << quint16(80);
    QTest::addRow("otherwise the larger port is the client") << QList<quint16>{} << quint16(8080) << quint16(50000)
                                                             << frame << quint16(50000);
    QTest::addRow("a method needs its space") << QList<quint16>{} << quint16(80) << quint16(40000)
                                              << QByteArray("GETTING") << quint16(40000);
}

void tst_TcpReassembler::midConnectionClientIsChosen()
{
    QFETCH(QList<quint16>, serverPorts);
    QFETCH(quint16, senderPort);
    QFETCH(quint16, receiverPort);
    QFETCH(QByteArray, firstPayload);
    QFETCH(quint16, clientPort);
    RecordingSink sink;
    TcpReassembler::Options options;
    options.serverPorts = QSet<quint16>(serverPorts.begin(), serverPorts.end());
    TcpReassembler reassembler(sink, options);
    const SocketAddress sender = SocketAddress::ipv4(localhost, senderPort);
    const SocketAddress receiver = SocketAddress::ipv4(localhost, receiverPort);
    const QByteArray reply = "reply", more = " and more";
    reassembler.addSegment(segment(sender, receiver, 123456, Ack), 1); // a bare ACK opens nothing
    reassembler.addSegment(segment(sender, receiver, 123456, Ack | Psh, firstPayload), 2);
    reassembler.addSegment(segment(receiver, sender, 777, Ack | Psh, reply), 3);
    reassembler.addSegment(segment(sender, receiver, 123456 + firstPayload.size(), Ack | Psh, more), 4);
    reassembler.finish(5);
    QCOMPARE(sink.conversations.size(), 1);
    const auto &conversation = sink.conversations.first();
    QVERIFY(!conversation.sawOpening);
    QCOMPARE(conversation.client.port, clientPort);
    const bool senderIsClient = clientPort == senderPort;
    QCOMPARE(conversation.stream[senderIsClient ? 0 : 1], firstPayload + more);
    QCOMPARE(conversation.stream[senderIsClient ? 1 : 0], reply);
    QCOMPARE(reassembler.statistics().segmentsOutsideConnections, 1u);
}

void tst_TcpReassembler::newSynAfterCloseIsANewConnection()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    play(reassembler, {"0-5", "fin@5"});
    reassembler.addSegment(segment(server, client, serverIsn, Fin | Ack), 20);
    reassembler.addSegment(segment(client, server, clientIsn + 6, Ack), 21); // late ACK: no connection
    handshake(reassembler, 90000, 80000);
    const QByteArray again = "again";
    reassembler.addSegment(segment(client, server, 90000, Ack, again), 30);
    reassembler.finish(40);
    QCOMPARE(sink.events, QStringList({"open 1 127.0.0.1:50000 -> 127.0.0.1:8080", "end 1 c2s", "end 1 s2c", "close 1",
                                       "open 2 127.0.0.1:50000 -> 127.0.0.1:8080", "close 2"}));
    QCOMPARE(sink.clientToServer(1), "abcde");
    QCOMPARE(sink.clientToServer(2), again);
}

void tst_TcpReassembler::newSynWithOtherIsnReplacesAnOpenConnection()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    play(reassembler, {"0-5", "10-12"});
    handshake(reassembler, 90000, 80000); // the end of the first was not captured
    QCOMPARE(sink.events, QStringList({"open 1 127.0.0.1:50000 -> 127.0.0.1:8080", "close 1",
                                       "open 2 127.0.0.1:50000 -> 127.0.0.1:8080"}));
    QCOMPARE(sink.clientToServer(1), "abcde<gap 5>kl");
}

void tst_TcpReassembler::retransmittedSynIsTheSameConnection()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    handshake(reassembler);
    play(reassembler, {"0-20"});
    QCOMPARE(sink.conversations.size(), 1);
    QCOMPARE(sink.clientToServer(1), lower);
}

void tst_TcpReassembler::connectionLimitIsCountedAndFreedByClosing()
{
    RecordingSink sink;
    TcpReassembler::Options options;
    options.connectionLimit = 2;
    TcpReassembler reassembler(sink, options);
    const SocketAddress second = SocketAddress::ipv4(localhost, 50001), third = SocketAddress::ipv4(localhost, 50002);
    handshake(reassembler);
    handshake(reassembler, clientIsn, serverIsn, second, server);
    handshake(reassembler, clientIsn, serverIsn, third, server);
    QCOMPARE(sink.conversations.size(), 2);
    QCOMPARE(reassembler.statistics().segmentsOverConnectionLimit, 2u); // its SYN and SYN-ACK
    reassembler.addSegment(segment(client, server, clientIsn, Rst), 10);
    handshake(reassembler, clientIsn, serverIsn, third, server);
    QCOMPARE(sink.conversations.size(), 3);
    QCOMPARE(sink.conversations[3].client, third);
    QVERIFY(reassembler.trackedConnections() <= 2);
}

void tst_TcpReassembler::otherTrafficIsCounted()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    const QByteArray udp = ipv4(localhost, localhost, QByteArray(8, '\0'), 17);
    const QByteArray arp = ethernet(0x0806, QByteArray(28, '\0'));
    const QByteArray fragment = ipv4(localhost, localhost, QByteArray(24, '\0'), 6, {}, 0x2000);
    const QByteArray tcp = ipv4Tcp(50000, 8080, 1, Ack, "data");
    reassembler.addPacket(linktype::Raw, udp, quint32(udp.size()), 1);
    reassembler.addPacket(linktype::Ethernet, arp, quint32(arp.size()), 2);
    reassembler.addPacket(linktype::Raw, fragment, quint32(fragment.size()), 3);
    reassembler.addPacket(linktype::Raw, tcp, quint32(tcp.size()), 4);
    const auto &statistics = reassembler.statistics();
    QCOMPARE(statistics.packets, 4u);
    QCOMPARE(statistics.tcpSegments, 1u);
    QCOMPARE(statistics.nonTcp(), 1u);
    QCOMPARE(statistics.nonIp(), 1u);
    QCOMPARE(statistics.errorCount(PacketError::Ipv4Fragment), 1u);
    QCOMPARE(statistics.undecodable(), 1u);
    QCOMPARE(sink.clientToServer(1), "data");
}

void tst_TcpReassembler::finishClosesEveryConnectionOnce()
{
    RecordingSink sink;
    TcpReassembler reassembler(sink);
    handshake(reassembler);
    reassembler.addSegment(segment(client, server, clientIsn, Rst), 5);
    handshake(reassembler, 1, 1, SocketAddress::ipv4(localhost, 50001), server);
    reassembler.finish(10);
    reassembler.finish(11);
    QCOMPARE(sink.events.filter("close").size(), 2);
    QCOMPARE(sink.events.filter("end 1 c2s reset").size(), 1);
}

QTEST_GUILESS_MAIN(tst_TcpReassembler)
#include "tst_tcpreassembler.moc"
