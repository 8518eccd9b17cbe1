#pragma once

#include "conversationsink.h"
#include "packetdecoder.h"

#include <QByteArray>
#include <QSet>

#include <array>
#include <map>
#include <memory>

namespace wslab::capture {

// What a capture held besides the TCP conversations, and what the reassembler had to give up on.
struct TcpReassemblerStatistics
{
    quint64 packets = 0;      // everything handed to addPacket()
    quint64 tcpSegments = 0;  // packets that decoded to a TCP segment (and addSegment() calls)
    quint64 connections = 0;  // connections opened towards the sink
    std::array<quint64, packetErrorCount> errors{}; // packets per PacketError
    quint64 retransmittedSegments = 0;  // segments whose every byte had been seen already
    quint64 outOfOrderSegments = 0;     // segments buffered ahead of a hole
    quint64 missingBytes = 0;           // bytes reported to the sink as bytesMissing()
    quint64 segmentsOutsideConnections = 0; // no payload nor SYN before any connection, or after its close
    quint64 segmentsOverConnectionLimit = 0; // not followed: the connection table was full

    [[nodiscard]] quint64 errorCount(PacketError error) const noexcept { return errors[size_t(error)]; }
    [[nodiscard]] quint64 nonIp() const noexcept { return errorCount(PacketError::NotIp); }
    [[nodiscard]] quint64 nonTcp() const noexcept { return errorCount(PacketError::NotTcp); }
    [[nodiscard]] quint64 undecodable() const noexcept; // every error except NotIp and NotTcp
};

// Turns the TCP segments of a capture into the ordered byte streams of each connection and
// direction, for a ConversationSink. Pure: no I/O, no clock; the caller supplies packets in capture
// order with their times.
//
// - Connections are keyed by their address/port 4-tuple; ids are 1, 2, 3 ... in order of first
//   packet. A SYN on a 4-tuple whose connection ended (or with a different initial sequence number)
//   starts a new connection.
// - The SYN names the client (RFC 9293 §3.5). When the opening was not captured, the client is
//   chosen by, in order: Options::serverPorts; a first payload that starts with an HTTP method
//   (its sender is the client) or with "HTTP/1." (its sender is the server); the larger port.
//   Such a connection starts at its first segment that carries payload.
// - In-order bytes go to the sink straight from the packet buffer. Segments ahead of a hole are
//   buffered (copied) up to a limit per direction and in total; beyond it, and at FIN, RST or
//   finish(), the hole is reported as bytesMissing() and delivery resumes. Retransmitted and
//   overlapping bytes are delivered once: the first copy seen wins. Sequence numbers are unwrapped
//   to 64 bits (RFC 9293 §3.4: they wrap at 2^32).
// - Buffered bytes reach the sink with the time of the packet that carried them, so times within
//   one direction can step back after a hole is filled.
class TcpReassembler
{
public:
    struct Options
    {
        QSet<quint16> serverPorts;                  // "decode as": these ports are the server side
        qsizetype directionBufferLimit = 4 << 20;   // out-of-order bytes held per direction
        qsizetype totalBufferLimit = 64 << 20;      // ... and over all connections
        qsizetype connectionLimit = 65536;          // connections tracked at once (closed ones included)
    };

    explicit TcpReassembler(ConversationSink &sink);
    TcpReassembler(ConversationSink &sink, Options options);
    ~TcpReassembler();
    TcpReassembler(const TcpReassembler &) = delete;
    TcpReassembler &operator=(const TcpReassembler &) = delete;

    // Decodes one captured packet (see PacketDecoder) and feeds its segment, or counts its error.
    void addPacket(int linkType, QByteArrayView captured, quint32 originalLength, qint64 timeNs);
    void addSegment(const TcpSegment &segment, qint64 timeNs);
    // The end of the input: every open connection has its holes reported and is closed.
    void finish(qint64 timeNs);

    [[nodiscard]] const TcpReassemblerStatistics &statistics() const noexcept { return m_statistics; }
    [[nodiscard]] qsizetype bufferedBytes() const noexcept { return m_bufferedBytes; }
    [[nodiscard]] qsizetype trackedConnections() const noexcept { return qsizetype(m_connections.size()); }

private:
    struct Connection;
    struct Stream;
    using Key = std::pair<SocketAddress, SocketAddress>; // the lesser endpoint first

    Connection *connectionFor(const TcpSegment &segment, qint64 timeNs);
    Connection *openConnection(const Key &key, const TcpSegment &segment, qint64 timeNs);
    [[nodiscard]] bool senderIsClient(const TcpSegment &segment) const;
    void acceptPayload(Connection &connection, Direction direction, const TcpSegment &segment, qint64 timeNs);
    void buffer(Connection &connection, Direction direction, qint64 offset, const TcpSegment &segment, qint64 timeNs);
    void deliver(Connection &connection, Direction direction, qint64 offset, QByteArrayView bytes,
                 quint64 missing, qint64 timeNs);
    void drain(Connection &connection, Direction direction);
    void flushHoles(Connection &connection, Direction direction, qint64 timeNs);
    void endDirection(Connection &connection, Direction direction, bool reset, qint64 timeNs);
    void maybeEnd(Connection &connection, Direction direction, qint64 timeNs);
    void close(Connection &connection, qint64 timeNs);
    void flushAndClose(Connection &connection, qint64 timeNs);
    void purgeClosed();

    ConversationSink &m_sink;
    Options m_options;
    std::map<Key, std::unique_ptr<Connection>> m_connections;
    quint64 m_nextConnectionId = 1;
    qsizetype m_bufferedBytes = 0;
    TcpReassemblerStatistics m_statistics;
};

} // namespace wslab::capture
