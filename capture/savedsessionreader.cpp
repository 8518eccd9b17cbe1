#include "savedsessionreader.h"

#include "capturefilewriter.h"
#include "packetdecoder.h"
#include "packetloop.h"
#include "pcapngreader.h"
#include "recordcommentfields.h"

#include "server/protocol/framedecoder.h"


namespace wslab::capture {

using namespace protocol;

namespace {

constexpr QByteArrayView applicationName = "WebSocket Lab";
constexpr int progressInterval = 4096; // packets between progress reports and looks at Cancel

// A record whose metadata has been read and whose bytes are still arriving.
struct PendingRecord
{
    CaptureRecord record;
    QByteArray bytes;
    qint64 expected = 0;
    QByteArray inflatedBase64;
    bool hasInflated = false;
    std::optional<FrameIntervention::Action> intervention;
    QByteArray originalBase64;
};

// The time is the packet's own: the record's time plus the session's origin, in nanoseconds.
PendingRecord startRecord(const RecordCommentFields &meta, qint64 timeNs)
{
    PendingRecord pending;
    CaptureRecord &r = pending.record;
    r.id = quint64(meta.integer("id"));
    r.kind = RecordKind(meta.integer("kind"));
    r.direction = Direction(meta.integer("dir"));
    r.transport = Transport(meta.integer("transport"));
    r.connectionId = quint64(meta.integer("conn"));
    r.timeNs = timeNs;
    r.held = meta.boolean("held");
    r.reconstructed = meta.boolean("reconstructed");
    r.bookkeeping = meta.boolean("bookkeeping");
    r.modified = meta.boolean("modified");
    r.relatedId = quint64(meta.integer("related"));
    if (meta.contains("decodeError"))
        r.decodeError = DecodeError(meta.integer("decodeError"));
    if (meta.contains("streamError"))
        r.streamError = StreamError(meta.integer("streamError"));
    r.httpStatus = int(meta.integer("status"));
    r.closeCode = quint16(meta.integer("closeCode"));
    r.missed = quint64(meta.integer("missed"));
    r.note = meta.string("note");
    r.serverAddress = meta.string("server");
    if (meta.contains("tls"))
        r.tls = std::make_shared<const TlsInfo>(TlsInfo::fromJson(meta.object("tls")));
    if (meta.contains("intervention"))
        pending.intervention = frameInterventionFromName(meta.string("intervention"));
    r.truncatedFrom = meta.integer("truncatedFrom", -1);
    if (meta.contains("inflatedSize")) {
        r.inflatedSize = meta.integer("inflatedSize");
        pending.hasInflated = true;
    }
    pending.expected = meta.integer("wireBytes");
    // The bytes come in packets of up to 64 KiB: room for all of them at once, within reason.
    pending.bytes.reserve(qBound(qint64(0), pending.expected, qint64(16) << 20));
    if (meta.contains("extraBytes"))
        r.wireBytes = QByteArray::fromBase64(meta.string("extraBytes").toLatin1());
    return pending;
}

void finishRecord(PendingRecord &pending)
{
    CaptureRecord &r = pending.record;
    if (pending.intervention) {
        r.intervention = std::make_shared<const FrameIntervention>(
                FrameIntervention{*pending.intervention, QByteArray::fromBase64(pending.originalBase64)});
        // A dropped frame never crossed the wire: what it was is all there is.
        if (*pending.intervention == FrameIntervention::Action::Dropped)
            pending.bytes = r.intervention->originalBytes;
    }
    if (r.kind == RecordKind::Frame) {
        r.frame = FrameDecoder::readFramePrefix(pending.bytes);
        if (!r.frame)
            r.wireBytes = pending.bytes; // as it was: not exactly one frame (the composer's raw bytes)
    } else if (r.kind != RecordKind::ConnectionOpened && r.kind != RecordKind::ConnectionClosed) {
        r.wireBytes = pending.bytes;
    }
    if (pending.hasInflated)
        r.inflatedPayload = QByteArray::fromBase64(pending.inflatedBase64);
}

} // namespace

bool SavedSessionReader::isSavedSession(QByteArrayView firstBytes)
{
    // The section header comes first and carries shb_userappl; its name is enough to recognise it.
    return firstBytes.startsWith("\x0A\x0D\x0D\x0A") && firstBytes.first(qMin<qsizetype>(firstBytes.size(), 256))
                                                                .indexOf(applicationName) >= 0;
}

SavedSessionReader::Result SavedSessionReader::read(const QString &path, const RecordHandler &handler,
                                                    const std::atomic_bool *cancel, const Progress &progress)
{
    Result result;
    PcapNgReader reader;
    if (auto failure = reader.open(path)) {
        result.failure = std::move(failure);
        return result;
    }
    PendingRecord pending;
    RecordCommentFields fields;
    bool hasPending = false;
    quint64 lastId = 0;
    const auto deliver = [&] {
        finishRecord(pending);
        // Ids are kept as saved (a live capture's may not start at 1), but views find records by
        // id: a file whose ids do not increase was not written by the app, and is numbered anew.
        if (pending.record.id <= lastId)
            pending.record.id = lastId + 1;
        lastId = pending.record.id;
        ++result.records;
        handler(std::move(pending.record));
        pending = {};
        hasPending = false;
    };
    const auto addPacket = [&](const CapturedPacket &packet) {
        for (const QByteArrayView comment : packet.comments) {
            if (comment.startsWith(QByteArrayView(CaptureFileWriter::recordCommentPrefix.data(),
                                                  CaptureFileWriter::recordCommentPrefix.size()))) {
                if (hasPending)
                    deliver();
                // A comment that is not the object the writer made leaves a record of defaults.
                if (!fields.parse(comment.sliced(CaptureFileWriter::recordCommentPrefix.size())))
                    fields = {};
                pending = startRecord(fields, packet.timeNs);
                hasPending = true;
            } else if (hasPending && comment.startsWith(QByteArrayView(CaptureFileWriter::inflatedCommentPrefix.data(),
                                                                   CaptureFileWriter::inflatedCommentPrefix.size()))) {
                pending.inflatedBase64 += comment.sliced(CaptureFileWriter::inflatedCommentPrefix.size());
            } else if (hasPending && comment.startsWith(QByteArrayView(CaptureFileWriter::originalCommentPrefix.data(),
                                                                   CaptureFileWriter::originalCommentPrefix.size()))) {
                pending.originalBase64 += comment.sliced(CaptureFileWriter::originalCommentPrefix.size());
            }
        }
        if (!hasPending)
            return;
        const auto decoded = PacketDecoder::decode(packet.linkType, packet.bytes, packet.originalLength);
        if (const auto *segment = std::get_if<TcpSegment>(&decoded)) {
            const qint64 room = pending.expected - pending.bytes.size();
            pending.bytes.append(segment->payload.first(qMin<qint64>(room, segment->payload.size())));
        }
        if (pending.bytes.size() >= pending.expected)
            deliver();
    };
    const auto reportProgress = [&] {
        if (progress)
            progress(reader.position(), 0);
    };
    PacketLoopEnd end = forEachPacket(reader, progressInterval, cancel, result.packets, addPacket, reportProgress);
    result.failure = std::move(end.failure);
    result.cancelled = end.cancelled;
    if (hasPending)
        deliver();
    return result;
}

} // namespace wslab::capture
