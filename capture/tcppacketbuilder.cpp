#include "tcppacketbuilder.h"

#include <QtEndian>

#include <cstring>

namespace wslab::capture {

namespace {

constexpr int ipv4HeaderSize = 20;
constexpr int ipv6HeaderSize = 40;
constexpr int tcpHeaderSize = 20;
constexpr quint8 protocolTcp = 6;

// RFC 1071: the 16-bit ones' complement sum, carried in 32 bits and folded at the end.
quint32 sumWords(QByteArrayView bytes, quint32 sum = 0)
{
    const auto *data = reinterpret_cast<const quint8 *>(bytes.data());
    qsizetype i = 0;
    for (; i + 1 < bytes.size(); i += 2)
        sum += quint32(data[i] << 8 | data[i + 1]);
    if (i < bytes.size())
        sum += quint32(data[i] << 8);
    return sum;
}

quint16 fold(quint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}

void put16(char *at, quint16 value)
{
    qToBigEndian(value, at);
}

void put32(char *at, quint32 value)
{
    qToBigEndian(value, at);
}

QByteArrayView addressBytes(const SocketAddress &address)
{
    const int size = address.family == SocketAddress::Family::IPv6 ? 16 : 4;
    return QByteArrayView(reinterpret_cast<const char *>(address.address.data()), size);
}

} // namespace

qsizetype TcpPacketBuilder::maxPayload(SocketAddress::Family family) noexcept
{
    return family == SocketAddress::Family::IPv6 ? 65535 - tcpHeaderSize : 65535 - ipv4HeaderSize - tcpHeaderSize;
}

QByteArray TcpPacketBuilder::build(const Segment &segment)
{
    const bool v6 = segment.source.family == SocketAddress::Family::IPv6;
    const int ipSize = v6 ? ipv6HeaderSize : ipv4HeaderSize;
    const qsizetype tcpLength = tcpHeaderSize + segment.payload.size();
    QByteArray packet(ipSize + tcpLength, '\0');
    char *ip = packet.data();
    if (v6) {
        put32(ip, 0x60000000);                 // version 6, no traffic class or flow label
        put16(ip + 4, quint16(tcpLength));
        ip[6] = char(protocolTcp);
        ip[7] = char(64);                      // hop limit
        std::memcpy(ip + 8, segment.source.address.data(), 16);
        std::memcpy(ip + 24, segment.destination.address.data(), 16);
    } else {
        ip[0] = char(0x45);                    // version 4, 5 words of header
        put16(ip + 2, quint16(ipSize + tcpLength));
        put16(ip + 4, segment.ipIdentification);
        put16(ip + 6, 0x4000);                 // don't fragment
        ip[8] = char(64);                      // TTL
        ip[9] = char(protocolTcp);
        std::memcpy(ip + 12, segment.source.address.data(), 4);
        std::memcpy(ip + 16, segment.destination.address.data(), 4);
        put16(ip + 10, fold(sumWords(QByteArrayView(ip, ipv4HeaderSize))));
    }
    char *tcp = ip + ipSize;
    put16(tcp, segment.source.port);
    put16(tcp + 2, segment.destination.port);
    put32(tcp + 4, segment.sequence);
    put32(tcp + 8, segment.acknowledgement);
    tcp[12] = char((tcpHeaderSize / 4) << 4);
    tcp[13] = char(segment.flags);
    put16(tcp + 14, 0xFFFF);                   // window
    if (!segment.payload.isEmpty()) // a SYN or FIN carries none, and its data() may be null
        std::memcpy(tcp + tcpHeaderSize, segment.payload.data(), size_t(segment.payload.size()));
    // RFC 9293 §3.1: the checksum covers a pseudo-header of both addresses, the protocol and the length.
    quint32 sum = sumWords(addressBytes(segment.source));
    sum = sumWords(addressBytes(segment.destination), sum);
    sum += protocolTcp;
    sum += quint32(tcpLength & 0xFFFF) + quint32(tcpLength >> 16);
    sum = sumWords(QByteArrayView(tcp, tcpLength), sum);
    put16(tcp + 16, fold(sum));
    return packet;
}

} // namespace wslab::capture
