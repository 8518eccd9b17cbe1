#pragma once

#include <QByteArray>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace wslab::capture {

// The pcapng blocks a capture file needs, written to a device (draft-ietf-opsawg-pcapng): one
// Section Header Block naming the application, one Interface Description Block for raw IP packets
// (LINKTYPE_RAW, IPv4 and IPv6 alike) with nanosecond time stamps (if_tsresol = 9), then one
// Enhanced Packet Block per packet with its comments (opt_comment). Little-endian, as the host
// writes it; every reader accepts both byte orders.
class PcapngWriter
{
public:
    explicit PcapngWriter(QIODevice *device) : m_device(device) { }

    bool writeHeader(const QString &application);
    // `captured` may be shorter than the packet was (`originalLength`), as with a snapshot length.
    bool writePacket(qint64 epochNs, QByteArrayView captured, qint64 originalLength, const QStringList &comments);

private:
    bool writeBlock(quint32 type, const QByteArray &body);

    QIODevice *m_device;
};

} // namespace wslab::capture
