#include "tcpreassembler.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace wslab::capture {

namespace {

// RFC 9110 §9: the request methods; a stream that starts with one of them, then a space, is a
// client's. "HTTP/1." starts a response (RFC 9112 §4).
bool startsWithRequestLine(QByteArrayView payload)
{
    static constexpr const char *methods[] = {"GET ", "POST ", "PUT ", "DELETE ", "HEAD ",
                                              "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "};
    return std::any_of(std::begin(methods), std::end(methods),
                       [payload](const char *method) { return payload.startsWith(QByteArrayView(method)); });
}

bool startsWithStatusLine(QByteArrayView payload)
{
    return payload.startsWith(QByteArrayView("HTTP/1."));
}

} // namespace

struct TcpReassembler::Stream
{
    // Bytes held ahead of a hole: captured bytes, or a run the snaplen cut (`bytes` empty).
    struct Piece
    {
        QByteArray bytes;
        quint64 missing = 0;
        qint64 timeNs = 0;
        [[nodiscard]] qint64 length() const { return bytes.isEmpty() ? qint64(missing) : bytes.size(); }
    };

    bool started = false;
    bool ended = false;
    quint32 initialSequence = 0; // the sequence number of stream offset 0
    qint64 next = 0;             // the offset of the next byte owed to the sink
    std::optional<qint64> finOffset;
    std::map<qint64, Piece> pending; // by offset, never overlapping, all beyond `next`
    qsizetype bufferedBytes = 0;

    void start(quint32 sequence)
    {
        started = true;
        initialSequence = sequence;
    }
    // RFC 9293 §3.4: sequence numbers wrap at 2^32; the offset nearest to `next` is the one meant.
    [[nodiscard]] qint64 offsetOf(quint32 sequence) const
    {
        const quint32 relative = sequence - initialSequence;
        return next + qint32(relative - quint32(next));
    }
};

struct TcpReassembler::Connection
{
    quint64 id = 0;
    SocketAddress client;
    SocketAddress server;
    std::array<Stream, 2> streams;
    bool closed = false;

    Stream &stream(Direction direction) { return streams[size_t(direction)]; }
};

quint64 TcpReassemblerStatistics::undecodable() const noexcept
{
    quint64 total = 0;
    for (int i = 0; i < packetErrorCount; ++i) {
        if (PacketError(i) != PacketError::NotIp && PacketError(i) != PacketError::NotTcp)
            total += errors[size_t(i)];
    }
    return total;
}

TcpReassembler::TcpReassembler(ConversationSink &sink)
    : TcpReassembler(sink, Options{})
{
}

TcpReassembler::TcpReassembler(ConversationSink &sink, Options options)
    : m_sink(sink)
    , m_options(std::move(options))
{
}

TcpReassembler::~TcpReassembler() = default;

void TcpReassembler::addPacket(int linkType, QByteArrayView captured, quint32 originalLength, qint64 timeNs)
{
    ++m_statistics.packets;
    const PacketDecoder::Result result = PacketDecoder::decode(linkType, captured, originalLength);
    if (const auto *error = std::get_if<PacketError>(&result)) {
        ++m_statistics.errors[size_t(*error)];
        return;
    }
    addSegment(std::get<TcpSegment>(result), timeNs);
}

void TcpReassembler::addSegment(const TcpSegment &segment, qint64 timeNs)
{
    ++m_statistics.tcpSegments;
    Connection *connection = connectionFor(segment, timeNs);
    if (!connection)
        return;
    const Direction direction = segment.source == connection->client ? Direction::Inbound : Direction::Outbound;
    Stream &stream = connection->stream(direction);
    if (segment.has(TcpFlag::Rst)) {
        flushHoles(*connection, Direction::Inbound, timeNs);
        flushHoles(*connection, Direction::Outbound, timeNs);
        const Direction other = direction == Direction::Inbound ? Direction::Outbound : Direction::Inbound;
        if (!stream.ended || !connection->stream(other).ended)
            endDirection(*connection, stream.ended ? other : direction, true, timeNs);
        close(*connection, timeNs);
        return;
    }
    const bool syn = segment.has(TcpFlag::Syn);
    if (!stream.started)
        stream.start(segment.sequence + (syn ? 1 : 0)); // RFC 9293 §3.4: the SYN takes one number
    if (stream.ended)
        return;
    acceptPayload(*connection, direction, segment, timeNs);
    if (segment.has(TcpFlag::Fin) && !stream.finOffset) {
        stream.finOffset = stream.offsetOf(segment.sequence + (syn ? 1 : 0)) + qint64(segment.payloadLength());
        // A FIN ends the stream: what is still missing before it will not be waited for.
        flushHoles(*connection, direction, timeNs);
    }
    maybeEnd(*connection, direction, timeNs);
}

void TcpReassembler::finish(qint64 timeNs)
{
    std::vector<Connection *> open;
    for (auto &[key, connection] : m_connections) {
        if (!connection->closed)
            open.push_back(connection.get());
    }
    std::sort(open.begin(), open.end(), [](const Connection *a, const Connection *b) { return a->id < b->id; });
    for (Connection *connection : open)
        flushAndClose(*connection, timeNs);
    m_connections.clear();
}

TcpReassembler::Connection *TcpReassembler::connectionFor(const TcpSegment &segment, qint64 timeNs)
{
    const Key key = std::minmax(segment.source, segment.destination);
    const bool opening = segment.has(TcpFlag::Syn) && !segment.has(TcpFlag::Ack);
    const auto found = m_connections.find(key);
    if (found != m_connections.end()) {
        Connection &connection = *found->second;
        const Stream &clientStream = connection.stream(Direction::Inbound);
        const bool sameOpening = segment.source == connection.client && clientStream.started
            && clientStream.initialSequence == segment.sequence + 1;
        if (!connection.closed && (!opening || sameOpening))
            return &connection; // the connection's own packets, a retransmitted SYN among them
        if (opening) {
            // A new SYN reuses the 4-tuple (after FIN/RST, or after a close this capture missed).
            flushAndClose(connection, timeNs);
            m_connections.erase(found);
            return openConnection(key, segment, timeNs);
        }
        ++m_statistics.segmentsOutsideConnections; // a late ACK or FIN of a finished connection
        return nullptr;
    }
    // Without its SYN, a connection starts with payload: a bare ACK or FIN tells too little.
    if (!segment.has(TcpFlag::Syn) && segment.payloadLength() == 0) {
        ++m_statistics.segmentsOutsideConnections;
        return nullptr;
    }
    if (qsizetype(m_connections.size()) >= m_options.connectionLimit)
        purgeClosed();
    if (qsizetype(m_connections.size()) >= m_options.connectionLimit) {
        ++m_statistics.segmentsOverConnectionLimit;
        return nullptr;
    }
    return openConnection(key, segment, timeNs);
}

TcpReassembler::Connection *TcpReassembler::openConnection(const Key &key, const TcpSegment &segment, qint64 timeNs)
{
    auto connection = std::make_unique<Connection>();
    connection->id = m_nextConnectionId++;
    const bool syn = segment.has(TcpFlag::Syn);
    // RFC 9293 §3.5: the SYN without ACK comes from the side that opens; a SYN-ACK from the other.
    const bool fromClient = syn ? !segment.has(TcpFlag::Ack) : senderIsClient(segment);
    connection->client = fromClient ? segment.source : segment.destination;
    connection->server = fromClient ? segment.destination : segment.source;
    ++m_statistics.connections;
    m_sink.connectionOpened(connection->id, connection->client, connection->server, timeNs, syn);
    Connection *result = connection.get();
    m_connections[key] = std::move(connection);
    return result;
}

bool TcpReassembler::senderIsClient(const TcpSegment &segment) const
{
    const bool toServerPort = m_options.serverPorts.contains(segment.destination.port);
    const bool fromServerPort = m_options.serverPorts.contains(segment.source.port);
    if (toServerPort != fromServerPort)
        return toServerPort;
    if (segment.payload.isEmpty() == false) {
        if (startsWithRequestLine(segment.payload))
            return true;
        if (startsWithStatusLine(segment.payload))
            return false;
    }
    // Clients usually use an ephemeral port, above the server's well-known or chosen one.
    if (segment.source.port != segment.destination.port)
        return segment.source.port > segment.destination.port;
    return segment.destination < segment.source;
}

void TcpReassembler::acceptPayload(Connection &connection, Direction direction, const TcpSegment &segment, qint64 timeNs)
{
    const quint64 length = segment.payloadLength();
    if (length == 0)
        return;
    Stream &stream = connection.stream(direction);
    const qint64 offset = stream.offsetOf(segment.sequence + (segment.has(TcpFlag::Syn) ? 1 : 0));
    if (offset + qint64(length) <= stream.next) {
        ++m_statistics.retransmittedSegments;
        return;
    }
    if (offset <= stream.next) {
        deliver(connection, direction, offset, segment.payload, segment.missingPayloadBytes, timeNs);
        drain(connection, direction);
        return;
    }
    ++m_statistics.outOfOrderSegments;
    buffer(connection, direction, offset, segment, timeNs);
    if (stream.bufferedBytes > m_options.directionBufferLimit || m_bufferedBytes > m_options.totalBufferLimit)
        flushHoles(connection, direction, timeNs);
}

void TcpReassembler::buffer(Connection &connection, Direction direction, qint64 offset, const TcpSegment &segment,
                            qint64 timeNs)
{
    Stream &stream = connection.stream(direction);
    const qint64 bytesEnd = offset + segment.payload.size();
    const qint64 end = bytesEnd + qint64(segment.missingPayloadBytes);
    // Keeps [from, to) of this segment as pieces: captured bytes, then the run the snaplen cut.
    auto keep = [&](qint64 from, qint64 to) {
        if (from < bytesEnd) {
            const qint64 stop = qMin(to, bytesEnd);
            Stream::Piece piece{segment.payload.sliced(from - offset, stop - from).toByteArray(), 0, timeNs};
            stream.bufferedBytes += piece.bytes.size();
            m_bufferedBytes += piece.bytes.size();
            stream.pending.emplace(from, std::move(piece));
            from = stop;
        }
        if (from < to)
            stream.pending.emplace(from, Stream::Piece{QByteArray(), quint64(to - from), timeNs});
    };
    // The first copy of a byte wins: keep only the parts no buffered piece covers yet.
    qint64 cursor = offset;
    auto it = stream.pending.upper_bound(cursor);
    if (it != stream.pending.begin()) {
        const auto previous = std::prev(it);
        cursor = qMax(cursor, previous->first + previous->second.length());
    }
    while (cursor < end) {
        const qint64 stop = it == stream.pending.end() ? end : qMin(end, it->first);
        if (stop > cursor)
            keep(cursor, stop);
        if (it == stream.pending.end())
            break;
        cursor = qMax(cursor, it->first + it->second.length());
        ++it;
    }
}

void TcpReassembler::deliver(Connection &connection, Direction direction, qint64 offset, QByteArrayView bytes,
                             quint64 missing, qint64 timeNs)
{
    Stream &stream = connection.stream(direction);
    qint64 skip = stream.next - offset; // already delivered: a retransmission's overlap
    if (skip < bytes.size()) {
        const QByteArrayView fresh = bytes.sliced(skip);
        stream.next += fresh.size();
        m_sink.bytesReceived(connection.id, direction, fresh, timeNs);
        skip = 0;
    } else {
        skip -= bytes.size();
    }
    if (missing > quint64(skip)) {
        const quint64 length = missing - quint64(skip);
        stream.next += qint64(length);
        m_statistics.missingBytes += length;
        m_sink.bytesMissing(connection.id, direction, length, timeNs);
    }
}

void TcpReassembler::drain(Connection &connection, Direction direction)
{
    Stream &stream = connection.stream(direction);
    while (!stream.pending.empty() && stream.pending.begin()->first <= stream.next) {
        auto node = stream.pending.extract(stream.pending.begin());
        const Stream::Piece &piece = node.mapped();
        stream.bufferedBytes -= piece.bytes.size();
        m_bufferedBytes -= piece.bytes.size();
        deliver(connection, direction, node.key(), piece.bytes, piece.missing, piece.timeNs);
    }
}

void TcpReassembler::flushHoles(Connection &connection, Direction direction, qint64 timeNs)
{
    Stream &stream = connection.stream(direction);
    while (!stream.pending.empty()) {
        const qint64 hole = stream.pending.begin()->first - stream.next;
        if (hole > 0)
            deliver(connection, direction, stream.next, {}, quint64(hole), timeNs);
        drain(connection, direction);
    }
    if (stream.finOffset && *stream.finOffset > stream.next)
        deliver(connection, direction, stream.next, {}, quint64(*stream.finOffset - stream.next), timeNs);
}

void TcpReassembler::maybeEnd(Connection &connection, Direction direction, qint64 timeNs)
{
    Stream &stream = connection.stream(direction);
    if (stream.ended || !stream.finOffset || stream.next < *stream.finOffset)
        return;
    endDirection(connection, direction, false, timeNs);
    if (connection.stream(Direction::Inbound).ended && connection.stream(Direction::Outbound).ended)
        close(connection, timeNs);
}

void TcpReassembler::endDirection(Connection &connection, Direction direction, bool reset, qint64 timeNs)
{
    connection.stream(direction).ended = true;
    if (reset) {
        connection.stream(Direction::Inbound).ended = true;
        connection.stream(Direction::Outbound).ended = true;
    }
    m_sink.directionEnded(connection.id, direction, reset, timeNs);
}

void TcpReassembler::close(Connection &connection, qint64 timeNs)
{
    if (connection.closed)
        return;
    for (Stream &stream : connection.streams) {
        m_bufferedBytes -= stream.bufferedBytes;
        stream.bufferedBytes = 0;
        stream.pending.clear();
        stream.ended = true;
    }
    connection.closed = true;
    m_sink.connectionClosed(connection.id, timeNs);
}

void TcpReassembler::flushAndClose(Connection &connection, qint64 timeNs)
{
    if (connection.closed)
        return;
    flushHoles(connection, Direction::Inbound, timeNs);
    flushHoles(connection, Direction::Outbound, timeNs);
    close(connection, timeNs);
}

void TcpReassembler::purgeClosed()
{
    std::erase_if(m_connections, [](const auto &entry) { return entry.second->closed; });
}

} // namespace wslab::capture
