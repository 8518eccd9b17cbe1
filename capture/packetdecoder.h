#pragma once

#include "socketaddress.h"

#include <QByteArrayView>

#include <variant>

namespace wslab::capture {

// Why a captured packet did not yield a TCP segment. One value per reason, so the statistics can
// say what the "other traffic" in a file was.
enum class PacketError : quint8 {
    UnsupportedLinkType,   // a link-layer header type this decoder does not know
    TruncatedLinkHeader,   // the packet ends inside its link-layer header
    NotIp,                 // a link-layer payload that is not IPv4 or IPv6 (ARP, LLDP, ...)
    TruncatedIpHeader,     // the packet ends inside the IP header
    BadIpVersion,          // the version field disagrees with the link layer's protocol
    BadIpHeaderLength,     // IPv4 IHL below 5 words, or beyond the packet
    BadIpTotalLength,      // the IP length field is shorter than the header it counts
    Ipv4Fragment,          // part of a fragmented IPv4 datagram (fragments are not reassembled)
    Ipv6Fragment,          // an IPv6 fragment header (fragments are not reassembled)
    BadExtensionHeader,    // an IPv6 extension header that is cut short, or too many of them
    NotTcp,                // IP carrying something else (UDP, ICMP, ...)
    TruncatedTcpHeader,    // the packet ends inside the TCP header
    BadTcpHeaderLength,    // TCP data offset below 5 words, or beyond the segment
};
inline constexpr int packetErrorCount = int(PacketError::BadTcpHeaderLength) + 1;

// One line of why, in English, marked for translation in the context packetErrorContext.
[[nodiscard]] const char *packetErrorReason(PacketError error) noexcept;
[[nodiscard]] const char *packetErrorName(PacketError error) noexcept;
inline constexpr const char packetErrorContext[] = "wslab::capture::PacketError";

// RFC 9293 §3.1 control bits this project acts on.
enum class TcpFlag : quint8 {
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
};

struct TcpSegment
{
    SocketAddress source;
    SocketAddress destination;
    quint32 sequence = 0;
    quint32 acknowledgement = 0;
    quint8 flags = 0; // TcpFlag bits
    // The payload bytes that were captured (a view into the packet buffer), and how many more the
    // IP header says the segment carried but the capture's snaplen cut off.
    QByteArrayView payload;
    quint32 missingPayloadBytes = 0;

    [[nodiscard]] bool has(TcpFlag flag) const noexcept { return flags & quint8(flag); }
    [[nodiscard]] quint64 payloadLength() const noexcept { return quint64(payload.size()) + missingPayloadBytes; }
};

// Link-layer header types: the LINKTYPE_ values of pcap and pcapng files. The decoder also takes the
// DLT_RAW values some systems use for raw IP (12, or 14 on OpenBSD) in place of LINKTYPE_RAW 101.
namespace linktype {
inline constexpr int Null = 0;
inline constexpr int Ethernet = 1;
inline constexpr int RawDlt12 = 12;
inline constexpr int RawDlt14 = 14;
inline constexpr int Raw = 101;
inline constexpr int Loop = 108;
inline constexpr int LinuxSll = 113;
inline constexpr int Ipv4 = 228;
inline constexpr int Ipv6 = 229;
inline constexpr int LinuxSll2 = 276;
} // namespace linktype

// Decodes one captured packet down to its TCP segment. A pure function of its arguments: it reads
// only inside `captured` and keeps no state, so a fuzzer can drive it directly.
class PacketDecoder
{
public:
    using Result = std::variant<TcpSegment, PacketError>;

    // `originalLength` is the packet's length on the wire; when it exceeds captured.size() the
    // capture was cut by its snaplen and the payload bytes beyond the cut are counted as missing.
    [[nodiscard]] static Result decode(int linkType, QByteArrayView captured, quint32 originalLength);
};

} // namespace wslab::capture
