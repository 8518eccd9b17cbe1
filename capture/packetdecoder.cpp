#include "packetdecoder.h"

#include <QtCore/qcoreapplication.h>
#include <QtEndian>

namespace wslab::capture {

namespace {

constexpr quint16 etherTypeIpv4 = 0x0800;
constexpr quint16 etherTypeIpv6 = 0x86dd;
constexpr quint8 ipProtocolTcp = 6;

quint16 be16(QByteArrayView bytes, qsizetype at)
{
    return quint16(quint8(bytes[at]) << 8 | quint8(bytes[at + 1]));
}

quint32 be32(QByteArrayView bytes, qsizetype at)
{
    return quint32(quint8(bytes[at])) << 24 | quint32(quint8(bytes[at + 1])) << 16
        | quint32(quint8(bytes[at + 2])) << 8 | quint32(quint8(bytes[at + 3]));
}

// What the link layer says it carries, and where that starts.
struct NetworkLayer
{
    enum class Kind : quint8 { Ipv4, Ipv6, ByVersion };
    Kind kind = Kind::ByVersion;
    qsizetype offset = 0;
};
using LinkResult = std::variant<NetworkLayer, PacketError>;

LinkResult fromEtherType(quint16 etherType, qsizetype offset)
{
    switch (etherType) {
    case etherTypeIpv4:
        return NetworkLayer{NetworkLayer::Kind::Ipv4, offset};
    case etherTypeIpv6:
        return NetworkLayer{NetworkLayer::Kind::Ipv6, offset};
    default:
        return PacketError::NotIp;
    }
}

// BSD loopback: a 4-byte address family. AF_INET is 2 everywhere; AF_INET6 differs by system
// (Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
LinkResult fromAddressFamily(quint32 family)
{
    switch (family) {
    case 2:
        return NetworkLayer{NetworkLayer::Kind::Ipv4, 4};
    case 10:
    case 24:
    case 28:
    case 30:
        return NetworkLayer{NetworkLayer::Kind::Ipv6, 4};
    default:
        return PacketError::NotIp;
    }
}

LinkResult decodeEthernet(QByteArrayView captured)
{
    // IEEE 802.1Q (0x8100), 802.1ad (0x88a8) and the older QinQ 0x9100 tags each add 4 bytes
    // before the real EtherType; a bounded number of them keeps the loop finite.
    constexpr int maximumTags = 8;
    qsizetype typeAt = 12;
    for (int tag = 0; tag <= maximumTags; ++tag) {
        if (captured.size() < typeAt + 2)
            return PacketError::TruncatedLinkHeader;
        const quint16 type = be16(captured, typeAt);
        if (type != 0x8100 && type != 0x88a8 && type != 0x9100)
            return fromEtherType(type, typeAt + 2);
        typeAt += 4;
    }
    return PacketError::NotIp;
}

LinkResult decodeLinkLayer(int linkType, QByteArrayView captured)
{
    switch (linkType) {
    case linktype::Null: {
        if (captured.size() < 4)
            return PacketError::TruncatedLinkHeader;
        // Written in the capturing machine's byte order: a family above 0xffff was read backwards.
        const quint32 bigEndian = be32(captured, 0);
        const quint32 littleEndian = qFromLittleEndian<quint32>(captured.data());
        return fromAddressFamily(bigEndian <= 0xffff ? bigEndian : littleEndian);
    }
    case linktype::Loop: // OpenBSD loopback: the family in network byte order
        if (captured.size() < 4)
            return PacketError::TruncatedLinkHeader;
        return fromAddressFamily(be32(captured, 0));
    case linktype::Ethernet:
        return decodeEthernet(captured);
    case linktype::Raw:
    case linktype::RawDlt12:
    case linktype::RawDlt14:
        return NetworkLayer{NetworkLayer::Kind::ByVersion, 0};
    case linktype::Ipv4:
        return NetworkLayer{NetworkLayer::Kind::Ipv4, 0};
    case linktype::Ipv6:
        return NetworkLayer{NetworkLayer::Kind::Ipv6, 0};
    case linktype::LinuxSll: // 16 bytes, the protocol (an EtherType) last
        if (captured.size() < 16)
            return PacketError::TruncatedLinkHeader;
        return fromEtherType(be16(captured, 14), 16);
    case linktype::LinuxSll2: // 20 bytes, the protocol first
        if (captured.size() < 20)
            return PacketError::TruncatedLinkHeader;
        return fromEtherType(be16(captured, 0), 20);
    default:
        return PacketError::UnsupportedLinkType;
    }
}

// The IP layer's result: the addresses, where the TCP header starts and where the IP payload ends
// (within `packet`), and how many bytes past the end of the buffer the IP length still counts.
struct TransportLayer
{
    SocketAddress source;
    SocketAddress destination;
    qsizetype offset = 0;
    qsizetype end = 0;
    quint32 missing = 0;
};
using IpResult = std::variant<TransportLayer, PacketError>;

// Where the IP datagram ends: its declared length when that fits, else the buffer (the rest was cut
// by the snaplen). A declared length of 0 comes from TCP segmentation offload: the buffer decides.
void placeEnd(TransportLayer &layer, qsizetype start, quint16 declaredLength, qsizetype available)
{
    if (declaredLength == 0) {
        layer.end = available;
        return;
    }
    const qsizetype declaredEnd = start + declaredLength;
    if (declaredEnd <= available) {
        layer.end = declaredEnd; // anything after it is link-layer padding
    } else {
        layer.end = available;
        layer.missing = quint32(declaredEnd - available);
    }
}

IpResult decodeIpv4(QByteArrayView packet)
{
    // RFC 791 §3.1
    if (packet.size() < 20)
        return PacketError::TruncatedIpHeader;
    const qsizetype headerLength = (quint8(packet[0]) & 0x0f) * 4;
    if (headerLength < 20)
        return PacketError::BadIpHeaderLength;
    if (packet.size() < headerLength)
        return PacketError::TruncatedIpHeader;
    const quint16 totalLength = be16(packet, 2);
    if (totalLength != 0 && totalLength < headerLength)
        return PacketError::BadIpTotalLength;
    const quint16 fragment = be16(packet, 6);
    if ((fragment & 0x2000) || (fragment & 0x1fff)) // More Fragments, or a non-zero offset
        return PacketError::Ipv4Fragment;
    if (quint8(packet[9]) != ipProtocolTcp)
        return PacketError::NotTcp;
    TransportLayer layer;
    layer.source = SocketAddress::ipv4(be32(packet, 12), 0);
    layer.destination = SocketAddress::ipv4(be32(packet, 16), 0);
    layer.offset = headerLength;
    placeEnd(layer, 0, totalLength, packet.size());
    return layer;
}

IpResult decodeIpv6(QByteArrayView packet)
{
    // RFC 8200 §3, §4
    if (packet.size() < 40)
        return PacketError::TruncatedIpHeader;
    quint8 nextHeader = quint8(packet[6]);
    qsizetype offset = 40;
    constexpr int maximumExtensionHeaders = 16;
    for (int count = 0; nextHeader != ipProtocolTcp; ++count) {
        switch (nextHeader) {
        case 0:  // Hop-by-Hop Options
        case 43: // Routing
        case 60: // Destination Options
        case 51: // Authentication Header (RFC 4302: length in 4-byte units, minus 2)
            break;
        case 44:
            return PacketError::Ipv6Fragment;
        default:
            return PacketError::NotTcp; // 59 "No Next Header", UDP, ICMPv6, ESP ...
        }
        if (count == maximumExtensionHeaders || packet.size() < offset + 2)
            return PacketError::BadExtensionHeader;
        const qsizetype length = nextHeader == 51 ? (quint8(packet[offset + 1]) + 2) * 4
                                                  : (quint8(packet[offset + 1]) + 1) * 8;
        nextHeader = quint8(packet[offset]);
        offset += length;
        if (packet.size() < offset)
            return PacketError::BadExtensionHeader;
    }
    TransportLayer layer;
    quint8 source[16], destination[16];
    for (int i = 0; i < 16; ++i) {
        source[i] = quint8(packet[8 + i]);
        destination[i] = quint8(packet[24 + i]);
    }
    layer.source = SocketAddress::ipv6(source, 0);
    layer.destination = SocketAddress::ipv6(destination, 0);
    layer.offset = offset;
    const quint16 payloadLength = be16(packet, 4);
    placeEnd(layer, 40, payloadLength, packet.size());
    if (payloadLength != 0 && layer.end < offset && layer.missing == 0)
        return PacketError::BadIpTotalLength; // the extension headers outrun the payload length
    return layer;
}

PacketDecoder::Result decodeTcp(QByteArrayView packet, const TransportLayer &layer)
{
    // RFC 9293 §3.1
    const QByteArrayView segment = packet.sliced(layer.offset, qMax<qsizetype>(0, layer.end - layer.offset));
    if (segment.size() < 20)
        return PacketError::TruncatedTcpHeader;
    const qsizetype headerLength = (quint8(segment[12]) >> 4) * 4;
    if (headerLength < 20)
        return PacketError::BadTcpHeaderLength;
    if (segment.size() < headerLength)
        return layer.missing > 0 ? PacketError::TruncatedTcpHeader : PacketError::BadTcpHeaderLength;
    TcpSegment result;
    result.source = layer.source;
    result.source.port = be16(segment, 0);
    result.destination = layer.destination;
    result.destination.port = be16(segment, 2);
    result.sequence = be32(segment, 4);
    result.acknowledgement = be32(segment, 8);
    result.flags = quint8(segment[13]) & 0x1f;
    result.payload = segment.sliced(headerLength);
    result.missingPayloadBytes = layer.missing;
    return result;
}

} // namespace

PacketDecoder::Result PacketDecoder::decode(int linkType, QByteArrayView captured, quint32 originalLength)
{
    Q_UNUSED(originalLength); // the IP length fields say what was cut; see placeEnd()
    const LinkResult link = decodeLinkLayer(linkType, captured);
    if (const auto *error = std::get_if<PacketError>(&link))
        return *error;
    const auto network = std::get<NetworkLayer>(link);
    const QByteArrayView packet = captured.sliced(qMin(network.offset, captured.size()));
    if (packet.isEmpty())
        return PacketError::TruncatedIpHeader;
    const int version = quint8(packet[0]) >> 4;
    const bool wantIpv4 = network.kind == NetworkLayer::Kind::Ipv4;
    const bool wantIpv6 = network.kind == NetworkLayer::Kind::Ipv6;
    if ((wantIpv4 && version != 4) || (wantIpv6 && version != 6) || (version != 4 && version != 6))
        return network.kind == NetworkLayer::Kind::ByVersion ? PacketError::NotIp : PacketError::BadIpVersion;
    const IpResult ip = version == 4 ? decodeIpv4(packet) : decodeIpv6(packet);
    if (const auto *error = std::get_if<PacketError>(&ip))
        return *error;
    return decodeTcp(packet, std::get<TransportLayer>(ip));
}

const char *packetErrorReason(PacketError error) noexcept
{
    switch (error) {
    case PacketError::UnsupportedLinkType:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "Link-layer header type not supported");
    case PacketError::TruncatedLinkHeader:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "Packet ends inside its link-layer header");
    case PacketError::NotIp:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "Not an IPv4 or IPv6 packet");
    case PacketError::TruncatedIpHeader:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "Packet ends inside its IP header");
    case PacketError::BadIpVersion:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IP version does not match the link layer's protocol");
    case PacketError::BadIpHeaderLength:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IPv4 header length below 20 bytes");
    case PacketError::BadIpTotalLength:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IP length field shorter than the headers it counts");
    case PacketError::Ipv4Fragment:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IPv4 fragment (fragments are not reassembled)");
    case PacketError::Ipv6Fragment:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IPv6 fragment (fragments are not reassembled)");
    case PacketError::BadExtensionHeader:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IPv6 extension header cut short, or too many of them");
    case PacketError::NotTcp:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "IP packet that does not carry TCP");
    case PacketError::TruncatedTcpHeader:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "Packet ends inside its TCP header");
    case PacketError::BadTcpHeaderLength:
        return QT_TRANSLATE_NOOP("wslab::capture::PacketError", "TCP header length below 20 bytes or beyond the segment");
    }
    return "";
}

const char *packetErrorName(PacketError error) noexcept
{
    switch (error) {
    case PacketError::UnsupportedLinkType: return "UnsupportedLinkType";
    case PacketError::TruncatedLinkHeader: return "TruncatedLinkHeader";
    case PacketError::NotIp: return "NotIp";
    case PacketError::TruncatedIpHeader: return "TruncatedIpHeader";
    case PacketError::BadIpVersion: return "BadIpVersion";
    case PacketError::BadIpHeaderLength: return "BadIpHeaderLength";
    case PacketError::BadIpTotalLength: return "BadIpTotalLength";
    case PacketError::Ipv4Fragment: return "Ipv4Fragment";
    case PacketError::Ipv6Fragment: return "Ipv6Fragment";
    case PacketError::BadExtensionHeader: return "BadExtensionHeader";
    case PacketError::NotTcp: return "NotTcp";
    case PacketError::TruncatedTcpHeader: return "TruncatedTcpHeader";
    case PacketError::BadTcpHeaderLength: return "BadTcpHeaderLength";
    }
    return "";
}

} // namespace wslab::capture
