#pragma once

#include "capturerecord.h"
#include "pcapngwriter.h"
#include "socketaddress.h"

#include <QHash>

namespace wslab::capture {

// Saves records as a pcapng file that Wireshark and tshark open as the TCP conversations they were:
// each connection's bytes inside synthesised TCP/IP packets between its real addresses and ports
// (SYN, SYN-ACK, ACK; contiguous sequence numbers; FIN; checksums; at most one IP packet's worth
// of payload per segment), with nanosecond time stamps. Bytes a record did not keep (a payload cut
// to the capture's cap, a gap) advance the sequence numbers all the same, so the file says what
// was missed. Whatever a record holds beyond its bytes — its kind, id, notes, held and delivered
// marks, errors, the inflated message — travels in the comment of its first packet
// ("wslab-record {json}"), so a session saved here reads back as the same records.
class CaptureFileWriter
{
public:
    // `originNs`: the epoch time of the records' time zero (0 when they carry epoch times).
    CaptureFileWriter(QIODevice *device, qint64 originNs);

    bool begin();
    bool write(const CaptureRecord &record);

    // The comment that starts a record, and the prefix of the ones that carry its inflated message.
    static constexpr QLatin1StringView recordCommentPrefix{"wslab-record "};
    static constexpr QLatin1StringView inflatedCommentPrefix{"wslab-inflated "};
    // A frame the proxy's intercept changed or dropped: the sender's original bytes, base64.
    static constexpr QLatin1StringView originalCommentPrefix{"wslab-original "};

private:
    struct Connection
    {
        SocketAddress client;
        SocketAddress server;
        quint32 clientNext = 0; // next sequence number of each side
        quint32 serverNext = 0;
        bool closed = false;
    };

    Connection &connectionOf(const CaptureRecord &record);
    bool writeOpening(Connection &connection, qint64 timeNs, const QStringList &comments);
    bool writeBytes(Connection &connection, const CaptureRecord &record, const QStringList &comments);
    bool writeClosing(Connection &connection, qint64 timeNs, const QStringList &comments);
    bool writeSegment(Connection &connection, bool fromClient, quint8 flags, QByteArrayView captured,
                      qint64 realLength, qint64 timeNs, const QStringList &comments);
    [[nodiscard]] static QStringList commentsFor(const CaptureRecord &record);

    PcapngWriter m_pcapng;
    qint64 m_originNs;
    QHash<quint64, Connection> m_connections;
    quint16 m_ipIdentification = 0;
};

} // namespace wslab::capture
