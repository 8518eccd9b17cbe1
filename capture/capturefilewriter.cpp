#include "capturefilewriter.h"

#include "linewriter.h"
#include "tcppacketbuilder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace wslab::capture {

namespace {

// Where a record's ends are unknown (a connection whose opening was not recorded), loopback ends
// that name the connection, so each still reads as its own TCP conversation.
SocketAddress placeholderClient(quint64 connectionId)
{
    return SocketAddress::ipv4(0x7F000001, quint16(10000 + connectionId % 50000));
}

// A dropped frame never crossed the wire: it lives in the comments, not in the TCP stream.
bool isDropped(const CaptureRecord &record)
{
    return record.intervention && record.intervention->action == FrameIntervention::Action::Dropped;
}

// Options hold at most 65,535 bytes each: long base64 takes several comments.
void appendChunked(QStringList &comments, QLatin1StringView prefix, const QByteArray &bytes)
{
    const QByteArray base64 = bytes.toBase64();
    constexpr qsizetype chunk = 60000;
    for (qsizetype at = 0; at < base64.size(); at += chunk)
        comments.append(prefix + QString::fromLatin1(base64.mid(at, chunk)));
    if (base64.isEmpty())
        comments.append(prefix);
}

qint64 realWireSize(const CaptureRecord &record)
{
    if (record.frame)
        return record.frame->headerSize() + (record.isTruncated() ? record.truncatedFrom : record.frame->payload.size());
    return record.isTruncated() ? record.truncatedFrom : record.wireBytes.size();
}

// The bytes of the record the file's TCP stream holds (none for a dropped frame).
qint64 recordedWireBytes(const CaptureRecord &record)
{
    if (isDropped(record))
        return 0;
    return record.frame ? record.frame->headerSize() + record.frame->payload.size() : record.wireBytes.size();
}

// Fields that differ from a default-made record, by short keys; what the bytes say is not repeated.
// Given to `sink` in the order QJsonObject keeps its keys (sorted), so that a sink writing them as
// they come writes what QJsonDocument would.
template <typename Sink>
void visitMetadata(const CaptureRecord &record, Sink &sink)
{
    if (record.bookkeeping)
        sink.flag("bookkeeping");
    if (record.closeCode)
        sink.number("closeCode", record.closeCode);
    sink.number("conn", qint64(record.connectionId));
    if (record.decodeError)
        sink.number("decodeError", int(*record.decodeError));
    sink.number("dir", int(record.direction));
    if (record.frame && !record.wireBytes.isEmpty())
        sink.ascii("extraBytes", record.wireBytes.toBase64());
    if (record.held)
        sink.flag("held");
    sink.number("id", qint64(record.id));
    if (record.inflatedPayload)
        sink.number("inflatedSize", record.inflatedSize);
    if (record.intervention)
        sink.ascii("intervention", frameInterventionName(record.intervention->action));
    sink.number("kind", int(record.kind));
    if (record.missed)
        sink.number("missed", qint64(record.missed));
    if (record.modified)
        sink.flag("modified");
    if (!record.note.isEmpty())
        sink.text("note", record.note);
    if (record.reconstructed)
        sink.flag("reconstructed");
    if (record.relatedId)
        sink.number("related", qint64(record.relatedId));
    if (!record.serverAddress.isEmpty())
        sink.text("server", record.serverAddress);
    if (record.httpStatus)
        sink.number("status", record.httpStatus);
    if (record.streamError)
        sink.number("streamError", int(*record.streamError));
    if (record.tls)
        sink.object("tls", record.tls->toJson());
    sink.number("transport", int(record.transport));
    if (record.isTruncated())
        sink.number("truncatedFrom", record.truncatedFrom);
    sink.number("wireBytes", recordedWireBytes(record));
}

// The fields as a QJsonObject, for what the direct writer does not take (text JSON would escape,
// TLS facts).
class JsonObjectSink
{
public:
    void number(const char *name, qint64 value) { m_object.insert(QLatin1String(name), value); }
    void flag(const char *name) { m_object.insert(QLatin1String(name), true); }
    void ascii(const char *name, QByteArrayView value) { m_object.insert(QLatin1String(name), QString::fromLatin1(value)); }
    void text(const char *name, const QString &value) { m_object.insert(QLatin1String(name), value); }
    void object(const char *name, const QJsonObject &value) { m_object.insert(QLatin1String(name), value); }
    [[nodiscard]] QByteArray json() const { return QJsonDocument(m_object).toJson(QJsonDocument::Compact); }

private:
    QJsonObject m_object;
};

// Text that JSON carries as it is: printable ASCII without a quote or a backslash.
bool isPlainJsonText(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7E || c == u'"' || c == u'\\')
            return false;
    }
    return true;
}

// The fields written compactly as they come, without building an object: a live capture recorded
// with --write writes one per record, and the JSON tree cost more than half of the writing. Takes
// only what needs no escaping (plainText() says whether a record's text does).
class CompactJsonSink
{
public:
    explicit CompactJsonSink(QByteArray &out) : m_out(out, 160) {}
    ~CompactJsonSink() { m_out.put(m_empty ? "{}" : "}"); }
    CompactJsonSink(const CompactJsonSink &) = delete;
    CompactJsonSink &operator=(const CompactJsonSink &) = delete;

    [[nodiscard]] static bool takes(const CaptureRecord &record)
    {
        return !record.tls && isPlainJsonText(record.note) && isPlainJsonText(record.serverAddress);
    }

    void number(const char *name, qint64 value)
    {
        key(name);
        m_out.putNumber(value);
    }
    void flag(const char *name)
    {
        key(name);
        m_out.put("true");
    }
    void ascii(const char *name, QByteArrayView value)
    {
        key(name);
        m_out.put('"');
        m_out.put(value);
        m_out.put('"');
    }
    void text(const char *name, const QString &value) { ascii(name, value.toLatin1()); }
    void object(const char *, const QJsonObject &) { Q_UNREACHABLE(); } // takes() refused it

private:
    void key(const char *name)
    {
        m_out.put(m_empty ? '{' : ',');
        m_empty = false;
        m_out.put('"');
        m_out.putName(name);
        m_out.put("\":");
    }

    LineWriter m_out;
    bool m_empty = true;
};

QByteArray metadataJson(const CaptureRecord &record)
{
    if (!CompactJsonSink::takes(record)) {
        JsonObjectSink sink;
        visitMetadata(record, sink);
        return sink.json();
    }
    QByteArray json;
    {
        CompactJsonSink sink(json); // the object is closed, and `json` sized, once it is gone
        visitMetadata(record, sink);
    }
    return json;
}

} // namespace

CaptureFileWriter::CaptureFileWriter(QIODevice *device, qint64 originNs) : m_pcapng(device), m_originNs(originNs)
{
}

bool CaptureFileWriter::begin()
{
    return m_pcapng.writeHeader(QStringLiteral("WebSocket Lab %1").arg(QCoreApplication::applicationVersion()));
}

QStringList CaptureFileWriter::commentsFor(const CaptureRecord &record)
{
    QStringList comments{recordCommentPrefix + QString::fromUtf8(metadataJson(record))};
    if (record.inflatedPayload)
        appendChunked(comments, inflatedCommentPrefix, *record.inflatedPayload);
    if (record.intervention && record.intervention->action != FrameIntervention::Action::Injected)
        appendChunked(comments, originalCommentPrefix, record.intervention->originalBytes);
    return comments;
}

bool CaptureFileWriter::write(const CaptureRecord &record)
{
    const QStringList comments = commentsFor(record);
    Connection &connection = connectionOf(record);
    switch (record.kind) {
    case RecordKind::ConnectionOpened:
        return writeOpening(connection, record.timeNs, comments);
    case RecordKind::ConnectionClosed:
        return writeClosing(connection, record.timeNs, comments);
    case RecordKind::StreamGap: {
        // The missing bytes are skipped in the sequence space, as a lost segment would leave them.
        quint32 &next = record.direction == Direction::Inbound ? connection.clientNext : connection.serverNext;
        next += quint32(record.missed);
        return writeSegment(connection, record.direction == Direction::Inbound, TcpPacketBuilder::Ack, {}, 0,
                            record.timeNs, comments);
    }
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
    case RecordKind::Frame:
    case RecordKind::ProtocolError:
    case RecordKind::FrameDelivered:
    case RecordKind::CaptureGap:
        return writeBytes(connection, record, comments);
    }
    return true;
}

CaptureFileWriter::Connection &CaptureFileWriter::connectionOf(const CaptureRecord &record)
{
    auto it = m_connections.find(record.connectionId);
    if (it != m_connections.end() && !(record.kind == RecordKind::ConnectionOpened && it->closed))
        return *it;
    Connection connection;
    if (record.kind == RecordKind::ConnectionOpened) {
        connection.client = SocketAddress::fromString(record.note);
        connection.server = SocketAddress::fromString(record.serverAddress);
    }
    if (!connection.client.isValid())
        connection.client = placeholderClient(record.connectionId);
    if (!connection.server.isValid() || connection.server.family != connection.client.family)
        connection.server = connection.client.family == SocketAddress::Family::IPv6
                ? SocketAddress::fromString(u"[::1]:80")
                : SocketAddress::ipv4(0x7F000001, 80);
    // Initial sequence numbers from the connection id: reproducible files, distinct conversations.
    connection.clientNext = quint32(record.connectionId * 2654435761u);
    connection.serverNext = quint32(record.connectionId * 40503u + 1000000);
    return *m_connections.insert(record.connectionId, connection);
}

bool CaptureFileWriter::writeOpening(Connection &connection, qint64 timeNs, const QStringList &comments)
{
    // RFC 9293 §3.5: SYN, SYN-ACK, ACK; each SYN takes one sequence number.
    bool ok = writeSegment(connection, true, TcpPacketBuilder::Syn, {}, 0, timeNs, comments);
    ++connection.clientNext;
    ok = ok && writeSegment(connection, false, TcpPacketBuilder::Syn | TcpPacketBuilder::Ack, {}, 0, timeNs, {});
    ++connection.serverNext;
    return ok && writeSegment(connection, true, TcpPacketBuilder::Ack, {}, 0, timeNs, {});
}

bool CaptureFileWriter::writeBytes(Connection &connection, const CaptureRecord &record, const QStringList &comments)
{
    const bool fromClient = record.direction == Direction::Inbound;
    if (isDropped(record))
        return writeSegment(connection, fromClient, TcpPacketBuilder::Ack, {}, 0, record.timeNs, comments);
    QByteArray bytes = record.frame ? record.frame->wireBytes() : record.wireBytes;
    const qint64 real = bytes.isEmpty() ? 0 : std::max<qint64>(realWireSize(record), bytes.size());
    if (real == 0)
        return writeSegment(connection, fromClient, TcpPacketBuilder::Ack, {}, 0, record.timeNs, comments);
    const qsizetype most = TcpPacketBuilder::maxPayload(connection.client.family);
    bool ok = true;
    for (qint64 at = 0; ok && at < real; at += most) {
        const qint64 segmentReal = std::min<qint64>(most, real - at);
        const QByteArrayView captured = at < bytes.size()
                ? QByteArrayView(bytes).sliced(at, std::min<qint64>(segmentReal, bytes.size() - at))
                : QByteArrayView();
        ok = writeSegment(connection, fromClient, TcpPacketBuilder::Psh | TcpPacketBuilder::Ack, captured,
                          segmentReal, record.timeNs, at == 0 ? comments : QStringList());
    }
    return ok;
}

bool CaptureFileWriter::writeClosing(Connection &connection, qint64 timeNs, const QStringList &comments)
{
    const quint8 finAck = TcpPacketBuilder::Fin | TcpPacketBuilder::Ack;
    bool ok = writeSegment(connection, true, finAck, {}, 0, timeNs, comments);
    ++connection.clientNext;
    ok = ok && writeSegment(connection, false, finAck, {}, 0, timeNs, {});
    ++connection.serverNext;
    ok = ok && writeSegment(connection, true, TcpPacketBuilder::Ack, {}, 0, timeNs, {});
    connection.closed = true;
    return ok;
}

bool CaptureFileWriter::writeSegment(Connection &connection, bool fromClient, quint8 flags, QByteArrayView captured,
                                     qint64 realLength, qint64 timeNs, const QStringList &comments)
{
    TcpPacketBuilder::Segment segment;
    segment.source = fromClient ? connection.client : connection.server;
    segment.destination = fromClient ? connection.server : connection.client;
    quint32 &next = fromClient ? connection.clientNext : connection.serverNext;
    segment.sequence = next;
    segment.acknowledgement = (flags & TcpPacketBuilder::Ack) ? (fromClient ? connection.serverNext : connection.clientNext) : 0;
    segment.flags = flags;
    segment.payload = captured;
    segment.ipIdentification = ++m_ipIdentification;
    const QByteArray packet = TcpPacketBuilder::build(segment);
    next += quint32(realLength);
    const qint64 headers = packet.size() - captured.size();
    return m_pcapng.writePacket(m_originNs + timeNs, packet, headers + realLength, comments);
}

} // namespace wslab::capture
