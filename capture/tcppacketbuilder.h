#pragma once

#include "socketaddress.h"

#include <QByteArray>
#include <QByteArrayView>

namespace wslab::capture {

// One TCP segment inside an IPv4 or IPv6 packet (no link layer: pcap's LINKTYPE_RAW), built the way
// a host would send it, checksums included (RFC 791, RFC 8200, RFC 9293 §3.1), so that tools that
// check them (Wireshark, tshark) accept the packets. Pure: bytes out.
class TcpPacketBuilder
{
public:
    enum Flag : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

    struct Segment
    {
        SocketAddress source;
        SocketAddress destination;
        quint32 sequence = 0;
        quint32 acknowledgement = 0;
        quint8 flags = Ack;
        QByteArrayView payload;
        quint16 ipIdentification = 0; // IPv4 only
    };

    // The largest payload one segment carries: a 64 KiB IP packet less the IP and TCP headers
    // (65,495 bytes over IPv4, 65,515 over IPv6).
    [[nodiscard]] static qsizetype maxPayload(SocketAddress::Family family) noexcept;
    [[nodiscard]] static QByteArray build(const Segment &segment);
};

} // namespace wslab::capture
