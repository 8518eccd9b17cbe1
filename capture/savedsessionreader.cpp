#include "savedsessionreader.h"

#include "capturefilewriter.h"
#include "packetdecoder.h"
#include "packetloop.h"
#include "pcapngreader.h"

#include "server/protocol/framedecoder.h"

#include <QJsonDocument>
#include <QJsonObject>

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
PendingRecord startRecord(const QJsonObject &meta, qint64 timeNs)
{
    PendingRecord pending;
    CaptureRecord &r = pending.record;
    r.id = quint64(meta[QLatin1String("id")].toInteger());
    r.kind = RecordKind(meta[QLatin1String("kind")].toInt());
    r.direction = Direction(meta[QLatin1String("dir")].toInt());
    r.transport = Transport(meta[QLatin1String("transport")].toInt());
    r.connectionId = quint64(meta[QLatin1String("conn")].toInteger());
    r.timeNs = timeNs;
    r.held = meta[QLatin1String("held")].toBool();
    r.reconstructed = meta[QLatin1String("reconstructed")].toBool();
    r.bookkeeping = meta[QLatin1String("bookkeeping")].toBool();
    r.modified = meta[QLatin1String("modified")].toBool();
    r.relatedId = quint64(meta[QLatin1String("related")].toInteger());
    if (meta.contains(QLatin1String("decodeError")))
        r.decodeError = DecodeError(meta[QLatin1String("decodeError")].toInt());
    if (meta.contains(QLatin1String("streamError")))
        r.streamError = StreamError(meta[QLatin1String("streamError")].toInt());
    r.httpStatus = meta[QLatin1String("status")].toInt();
    r.closeCode = quint16(meta[QLatin1String("closeCode")].toInt());
    r.missed = quint64(meta[QLatin1String("missed")].toInteger());
    r.note = meta[QLatin1String("note")].toString();
    r.serverAddress = meta[QLatin1String("server")].toString();
    if (meta.contains(QLatin1String("tls")))
        r.tls = std::make_shared<const TlsInfo>(TlsInfo::fromJson(meta[QLatin1String("tls")].toObject()));
    if (meta.contains(QLatin1String("intervention")))
        pending.intervention = frameInterventionFromName(meta[QLatin1String("intervention")].toString());
    r.truncatedFrom = meta[QLatin1String("truncatedFrom")].toInteger(-1);
    if (meta.contains(QLatin1String("inflatedSize"))) {
        r.inflatedSize = meta[QLatin1String("inflatedSize")].toInteger();
        pending.hasInflated = true;
    }
    pending.expected = meta[QLatin1String("wireBytes")].toInteger();
    if (meta.contains(QLatin1String("extraBytes")))
        r.wireBytes = QByteArray::fromBase64(meta[QLatin1String("extraBytes")].toString().toLatin1());
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
    bool hasPending = false;
    const auto deliver = [&] {
        finishRecord(pending);
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
                const QByteArrayView json = comment.sliced(CaptureFileWriter::recordCommentPrefix.size());
                pending = startRecord(QJsonDocument::fromJson(json.toByteArray()).object(), packet.timeNs);
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
