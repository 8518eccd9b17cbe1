#include "capture/packetdecoder.h"

#include "capture/packetbuilder.h"

#include <QTest>

using namespace wslab::capture;
using namespace wslab::capture::testing;

Q_DECLARE_METATYPE(wslab::capture::PacketError)

namespace {

const QByteArray payload = "hello, wire";

QByteArray tcp4(const QByteArray &data = payload)
{
    return ipv4Tcp(50000, 8080, 1000, Ack | Psh, data);
}

QByteArray tcp6(const QByteArray &data = payload)
{
    return ipv6(documentation6(1), documentation6(2), tcpHeader(50000, 8080, 1000, 0, Ack | Psh) + data);
}

// RFC 8200 §4.3/§4.4/§4.6: an extension header of 8 bytes naming the next one.
QByteArray extension(quint8 nextHeader)
{
    return QByteArray(1, char(nextHeader)) + QByteArray(7, '\0');
}

} // namespace

class tst_PacketDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyLinkTypeYieldsTheSegment_data();
    void everyLinkTypeYieldsTheSegment();
    void headerFieldsAreRead();
    void brokenPacketsAreNamed_data();
    void brokenPacketsAreNamed();
    void snaplenCutCountsMissingPayload_data();
    void snaplenCutCountsMissingPayload();
    void ethernetPaddingIsNotPayload();
    void cutOrFlippedPacketsNeverReadOutside_data();
    void cutOrFlippedPacketsNeverReadOutside();
    void everyErrorHasAReason();
};

void tst_PacketDecoder::everyLinkTypeYieldsTheSegment_data()
{
    QTest::addColumn<int>("linkType");
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("destination");

    const QString v4Source = "127.0.0.1:50000", v4Destination = "127.0.0.1:8080";
    const QString v6Source = "[2001:db8::1]:50000", v6Destination = "[2001:db8::2]:8080";
    QTest::addRow("null little-endian IPv4") << linktype::Null << nullLink(2, false, tcp4()) << v4Source << v4Destination;
    QTest::addRow("null big-endian IPv4") << linktype::Null << nullLink(2, true, tcp4()) << v4Source << v4Destination;
    QTest::addRow("null IPv6 Linux 10") << linktype::Null << nullLink(10, false, tcp6()) << v6Source << v6Destination;
    QTest::addRow("null IPv6 FreeBSD 28") << linktype::Null << nullLink(28, false, tcp6()) << v6Source << v6Destination;
    QTest::addRow("null IPv6 macOS 30 big-endian") << linktype::Null << nullLink(30, true, tcp6()) << v6Source << v6Destination;
    QTest::addRow("loop IPv4") << linktype::Loop << nullLink(2, true, tcp4()) << v4Source << v4Destination;
    QTest::addRow("loop IPv6 OpenBSD 24") << linktype::Loop << nullLink(24, true, tcp6()) << v6Source << v6Destination;
    QTest::addRow("ethernet IPv4") << linktype::Ethernet << ethernet(0x0800, tcp4()) << v4Source << v4Destination;
    QTest::addRow("ethernet IPv6") << linktype::Ethernet << ethernet(0x86dd, tcp6()) << v6Source << v6Destination;
    QTest::addRow("ethernet 802.1Q") << linktype::Ethernet << ethernet(0x0800, tcp4(), {0x8100}) << v4Source << v4Destination;
    QTest::addRow("ethernet 802.1ad QinQ") << linktype::Ethernet << ethernet(0x86dd, tcp6(), {0x88a8, 0x8100})
                                           << v6Source << v6Destination;
    QTest::addRow("raw 101 IPv4") << linktype::Raw << tcp4() << v4Source << v4Destination;
    QTest::addRow("raw 101 IPv6") << linktype::Raw << tcp6() << v6Source << v6Destination;
    QTest::addRow("raw DLT 12") << linktype::RawDlt12 << tcp4() << v4Source << v4Destination;
    QTest::addRow("raw DLT 14") << linktype::RawDlt14 << tcp6() << v6Source << v6Destination;
    QTest::addRow("ipv4 228") << linktype::Ipv4 << tcp4() << v4Source << v4Destination;
    QTest::addRow("ipv6 229") << linktype::Ipv6 << tcp6() << v6Source << v6Destination;
    QTest::addRow("sll IPv4") << linktype::LinuxSll << linuxSll(0x0800, tcp4()) << v4Source << v4Destination;
    QTest::addRow("sll IPv6") << linktype::LinuxSll << linuxSll(0x86dd, tcp6()) << v6Source << v6Destination;
    QTest::addRow("sll2 IPv4") << linktype::LinuxSll2 << linuxSll2(0x0800, tcp4()) << v4Source << v4Destination;
    QTest::addRow("sll2 IPv6") << linktype::LinuxSll2 << linuxSll2(0x86dd, tcp6()) << v6Source << v6Destination;
    QTest::addRow("IPv4 options") << linktype::Raw
                                  << ipv4(0x0a000001, 0x0a000002, tcpHeader(50000, 8080, 1000, 0, Ack) + payload, 6,
                                          QByteArray::fromHex("0101010101010100"))
                                  << "10.0.0.1:50000" << "10.0.0.2:8080";
    QTest::addRow("IPv6 hop-by-hop, routing, destination options")
            << linktype::Raw
            << ipv6(loopback6(), loopback6(), tcpHeader(50000, 8080, 1000, 0, Ack) + payload, 0,
                    extension(43) + extension(60) + extension(6))
            << "[::1]:50000" << "[::1]:8080";
    QTest::addRow("TCP options") << linktype::Raw
                                 << ipv4(localhost, localhost,
                                         tcpHeader(50000, 8080, 1000, 0, Ack, QByteArray::fromHex("0101080a0000000100000002"))
                                                 + payload)
                                 << v4Source << v4Destination;
}

void tst_PacketDecoder::everyLinkTypeYieldsTheSegment()
{
    QFETCH(int, linkType);
    QFETCH(QByteArray, packet);
    QFETCH(QString, source);
    QFETCH(QString, destination);
    const auto result = PacketDecoder::decode(linkType, packet, quint32(packet.size()));
    QVERIFY2(std::holds_alternative<TcpSegment>(result),
             std::holds_alternative<PacketError>(result) ? packetErrorName(std::get<PacketError>(result)) : "");
    const auto &segment = std::get<TcpSegment>(result);
    QCOMPARE(segment.source.toString(), source);
    QCOMPARE(segment.destination.toString(), destination);
    QCOMPARE(segment.payload.toByteArray(), payload);
    QCOMPARE(segment.missingPayloadBytes, 0u);
}

void tst_PacketDecoder::headerFieldsAreRead()
{
    const QByteArray packet = ipv4(localhost, 0xc0a80001, tcpHeader(1, 65535, 0xfffffff0, 0x80000001, Syn | Ack | Fin | Rst));
    const auto result = PacketDecoder::decode(linktype::Raw, packet, quint32(packet.size()));
    QVERIFY(std::holds_alternative<TcpSegment>(result));
    const auto &segment = std::get<TcpSegment>(result);
    QCOMPARE(segment.source.toString(), "127.0.0.1:1");
    QCOMPARE(segment.destination.toString(), "192.168.0.1:65535");
    QCOMPARE(segment.sequence, 0xfffffff0u);
    QCOMPARE(segment.acknowledgement, 0x80000001u);
    QVERIFY(segment.has(TcpFlag::Syn) && segment.has(TcpFlag::Ack) && segment.has(TcpFlag::Fin) && segment.has(TcpFlag::Rst));
    QVERIFY(!segment.has(TcpFlag::Psh));
    QVERIFY(segment.payload.isEmpty());
}

void tst_PacketDecoder::brokenPacketsAreNamed_data()
{
    QTest::addColumn<int>("linkType");
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<PacketError>("error");

    QByteArray badIhl = tcp4();
    badIhl[0] = char(0x44);
    QByteArray shortTotal = tcp4();
    shortTotal[2] = 0;
    shortTotal[3] = 12;
    QByteArray tcpOffsetTooSmall = tcp4();
    tcpOffsetTooSmall[20 + 12] = char(0x40);
    const QByteArray tcpOffsetBeyond = ipv4(localhost, localhost, tcpHeader(1, 2, 0, 0, Ack).replace(12, 1, "\xf0"));
    QByteArray overlongExtension = extension(6);
    overlongExtension[1] = char(20);

    QTest::addRow("unknown link type") << 147 << tcp4() << PacketError::UnsupportedLinkType;
    QTest::addRow("ethernet cut in header") << linktype::Ethernet << QByteArray(10, '\0') << PacketError::TruncatedLinkHeader;
    QTest::addRow("sll cut in header") << linktype::LinuxSll << QByteArray(15, '\0') << PacketError::TruncatedLinkHeader;
    QTest::addRow("sll2 cut in header") << linktype::LinuxSll2 << QByteArray(19, '\0') << PacketError::TruncatedLinkHeader;
    QTest::addRow("null cut in header") << linktype::Null << QByteArray(3, '\0') << PacketError::TruncatedLinkHeader;
    QTest::addRow("ethernet ARP") << linktype::Ethernet << ethernet(0x0806, QByteArray(28, '\0')) << PacketError::NotIp;
    QTest::addRow("null unknown family") << linktype::Null << nullLink(7, false, tcp4()) << PacketError::NotIp;
    QTest::addRow("raw version 5") << linktype::Raw << QByteArray(1, char(0x50)) + tcp4().sliced(1) << PacketError::NotIp;
    QTest::addRow("ethernet IPv4 type, IPv6 inside") << linktype::Ethernet << ethernet(0x0800, tcp6())
                                                     << PacketError::BadIpVersion;
    QTest::addRow("IPv4 header cut") << linktype::Raw << tcp4().first(12) << PacketError::TruncatedIpHeader;
    QTest::addRow("IPv6 header cut") << linktype::Raw << tcp6().first(39) << PacketError::TruncatedIpHeader;
    QTest::addRow("ethernet without payload") << linktype::Ethernet << ethernet(0x0800, {}) << PacketError::TruncatedIpHeader;
    QTest::addRow("IPv4 IHL 4") << linktype::Raw << badIhl << PacketError::BadIpHeaderLength;
    QTest::addRow("IPv4 total length below header") << linktype::Raw << shortTotal << PacketError::BadIpTotalLength;
    QTest::addRow("IPv4 more fragments") << linktype::Raw
                                         << ipv4(localhost, localhost, tcpHeader(1, 2, 0, 0, Ack), 6, {}, 0x2000)
                                         << PacketError::Ipv4Fragment;
    QTest::addRow("IPv4 later fragment") << linktype::Raw << ipv4(localhost, localhost, QByteArray(24, 'x'), 6, {}, 0x0003)
                                         << PacketError::Ipv4Fragment;
    QTest::addRow("IPv6 fragment header") << linktype::Raw
                                          << ipv6(loopback6(), loopback6(), tcpHeader(1, 2, 0, 0, Ack), 44, extension(6))
                                          << PacketError::Ipv6Fragment;
    QTest::addRow("IPv6 extension beyond packet") << linktype::Raw
                                                  << ipv6(loopback6(), loopback6(), tcpHeader(1, 2, 0, 0, Ack), 0,
                                                          overlongExtension)
                                                  << PacketError::BadExtensionHeader;
    QTest::addRow("IPv4 UDP") << linktype::Raw << ipv4(localhost, localhost, QByteArray(8, '\0'), 17) << PacketError::NotTcp;
    QTest::addRow("IPv6 no next header") << linktype::Raw << ipv6(loopback6(), loopback6(), {}, 59) << PacketError::NotTcp;
    QTest::addRow("IPv6 ICMPv6 after hop-by-hop") << linktype::Raw
                                                  << ipv6(loopback6(), loopback6(), QByteArray(8, '\0'), 0, extension(58))
                                                  << PacketError::NotTcp;
    QTest::addRow("TCP header cut") << linktype::Raw << ipv4(localhost, localhost, QByteArray(12, '\0'))
                                    << PacketError::TruncatedTcpHeader;
    QTest::addRow("TCP data offset 4") << linktype::Raw << tcpOffsetTooSmall << PacketError::BadTcpHeaderLength;
    QTest::addRow("TCP data offset beyond segment") << linktype::Raw << tcpOffsetBeyond << PacketError::BadTcpHeaderLength;
}

void tst_PacketDecoder::brokenPacketsAreNamed()
{
    QFETCH(int, linkType);
    QFETCH(QByteArray, packet);
    QFETCH(PacketError, error);
    const auto result = PacketDecoder::decode(linkType, packet, quint32(packet.size()));
    QVERIFY(std::holds_alternative<PacketError>(result));
    QCOMPARE(packetErrorName(std::get<PacketError>(result)), packetErrorName(error));
}

void tst_PacketDecoder::snaplenCutCountsMissingPayload_data()
{
    QTest::addColumn<int>("linkType");
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<int>("headerBytes");

    const QByteArray data(100, 'w');
    QTest::addRow("ethernet IPv4") << linktype::Ethernet << ethernet(0x0800, tcp4(data)) << 14 + 20 + 20;
    QTest::addRow("sll2 IPv6") << linktype::LinuxSll2 << linuxSll2(0x86dd, tcp6(data)) << 20 + 40 + 20;
}

void tst_PacketDecoder::snaplenCutCountsMissingPayload()
{
    QFETCH(int, linkType);
    QFETCH(QByteArray, packet);
    QFETCH(int, headerBytes);
    for (int kept : {0, 1, 30, 99}) {
        const auto result = PacketDecoder::decode(linkType, packet.first(headerBytes + kept), quint32(packet.size()));
        QVERIFY(std::holds_alternative<TcpSegment>(result));
        const auto &segment = std::get<TcpSegment>(result);
        QCOMPARE(segment.payload.size(), kept);
        QCOMPARE(segment.missingPayloadBytes, quint32(100 - kept));
        QCOMPARE(segment.payloadLength(), 100u);
    }
    const auto cutHeader = PacketDecoder::decode(linkType, packet.first(headerBytes - 5), quint32(packet.size()));
    QVERIFY(std::holds_alternative<PacketError>(cutHeader));
    QCOMPARE(packetErrorName(std::get<PacketError>(cutHeader)), packetErrorName(PacketError::TruncatedTcpHeader));
}

void tst_PacketDecoder::ethernetPaddingIsNotPayload()
{
    // IEEE 802.3: frames shorter than 60 bytes are padded; the IPv4 total length says where IP ends.
    const QByteArray packet = ethernet(0x0800, tcp4("a")) + QByteArray(5, '\0');
    const auto result = PacketDecoder::decode(linktype::Ethernet, packet, quint32(packet.size()));
    QVERIFY(std::holds_alternative<TcpSegment>(result));
    QCOMPARE(std::get<TcpSegment>(result).payload.toByteArray(), "a");
    QCOMPARE(std::get<TcpSegment>(result).missingPayloadBytes, 0u);
}

void tst_PacketDecoder::cutOrFlippedPacketsNeverReadOutside_data()
{
    everyLinkTypeYieldsTheSegment_data();
}

void tst_PacketDecoder::cutOrFlippedPacketsNeverReadOutside()
{
    QFETCH(int, linkType);
    QFETCH(QByteArray, packet);
    // Every prefix, and every byte flipped: a segment whose payload lies inside the buffer, or an
    // error. Buffers are exact copies so the sanitizer build sees any read past their end.
    auto check = [&](const QByteArray &bytes, quint32 originalLength) {
        const auto result = PacketDecoder::decode(linkType, bytes, originalLength);
        if (const auto *segment = std::get_if<TcpSegment>(&result)) {
            QVERIFY(segment->payload.data() >= bytes.constData());
            QVERIFY(segment->payload.data() + segment->payload.size() <= bytes.constData() + bytes.size());
        }
    };
    for (qsizetype length = 0; length <= packet.size(); ++length)
        check(QByteArray(packet.constData(), length), quint32(packet.size()));
    for (qsizetype at = 0; at < packet.size(); ++at) {
        QByteArray flipped = packet;
        flipped[at] = char(~flipped[at]);
        check(flipped, quint32(packet.size()));
    }
}

void tst_PacketDecoder::everyErrorHasAReason()
{
    for (int i = 0; i < packetErrorCount; ++i) {
        QVERIFY(qstrlen(packetErrorReason(PacketError(i))) > 0);
        QVERIFY(qstrlen(packetErrorName(PacketError(i))) > 0);
    }
}

QTEST_GUILESS_MAIN(tst_PacketDecoder)
#include "tst_packetdecoder.moc"
