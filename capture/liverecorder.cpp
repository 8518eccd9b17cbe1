#include "liverecorder.h"

#include "capture/capturestream.h"

#include "server/protocol/framedecoder.h"

namespace wslab::capture {

using namespace capture;

LiveRecorder::LiveRecorder(CaptureStream *stream)
    : m_stream(stream)
    , m_dissector({}, &stream->appendTarget(), [this](CaptureBatch &records, qsizetype first) { deliver(records, first); })
{
}

qint64 LiveRecorder::nowNs() const
{
    return m_stream->nowNs();
}

void LiveRecorder::annotateNext(quint64 connectionId, RecordKind kind, const QString &note, bool modified)
{
    m_annotations[connectionId].append(Annotation{kind, note, modified, nullptr});
}

void LiveRecorder::annotateTls(quint64 connectionId, const TlsInfo &tls)
{
    m_annotations[connectionId].append(
            Annotation{RecordKind::ConnectionOpened, {}, false, std::make_shared<const TlsInfo>(tls)});
}

void LiveRecorder::markNextFrame(quint64 connectionId, Direction direction,
                                 std::shared_ptr<const FrameIntervention> intervention, const QString &note)
{
    if (m_stream->isEnabled())
        m_frameMarks[connectionId].append(FrameMark{direction, std::move(intervention), note});
}

void LiveRecorder::recordDropped(quint64 connectionId, Direction direction, const QByteArray &frameBytes,
                                 const QString &note, qint64 timeNs)
{
    if (!m_stream->isEnabled())
        return;
    CaptureRecord record;
    record.timeNs = timeNs;
    record.connectionId = connectionId;
    record.direction = direction;
    record.transport = Transport::WebSocket;
    record.kind = RecordKind::Frame;
    // The proxy holds whole frames only, so this reads; the header as it was, rules or not.
    record.frame = protocol::FrameDecoder::readFramePrefix(frameBytes);
    if (!record.frame)
        record.wireBytes = frameBytes;
    record.modified = true;
    record.note = note;
    record.intervention = std::make_shared<const FrameIntervention>(
            FrameIntervention{FrameIntervention::Action::Dropped, frameBytes});
    m_stream->append(std::move(record));
}

void LiveRecorder::connectionOpened(quint64 connectionId, const SocketAddress &client, const SocketAddress &server,
                                     qint64 timeNs, bool sawOpening)
{
    // With capture off nothing is dissected; the connection stays unknown to the dissector, which
    // then ignores everything else said about it.
    if (m_stream->isEnabled())
        m_dissector.connectionOpened(connectionId, client, server, timeNs, sawOpening);
}

void LiveRecorder::bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes, qint64 timeNs)
{
    m_dissector.bytesReceived(connectionId, direction, bytes, timeNs);
}

void LiveRecorder::bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs)
{
    m_dissector.bytesMissing(connectionId, direction, length, timeNs);
}

void LiveRecorder::directionEnded(quint64 connectionId, Direction direction, bool reset, qint64 timeNs)
{
    m_dissector.directionEnded(connectionId, direction, reset, timeNs);
}

void LiveRecorder::connectionClosed(quint64 connectionId, qint64 timeNs)
{
    m_dissector.connectionClosed(connectionId, timeNs);
    m_annotations.remove(connectionId);
    m_frameMarks.remove(connectionId);
}

// The record that the marked bytes start: the next frame of that direction, or the error the
// dissector found in it (an edit may break a rule on purpose).
void LiveRecorder::applyFrameMark(CaptureRecord &record)
{
    if (record.kind != RecordKind::Frame && record.kind != RecordKind::ProtocolError)
        return;
    const auto it = m_frameMarks.find(record.connectionId);
    if (it == m_frameMarks.end())
        return;
    QList<FrameMark> &marks = it.value();
    for (qsizetype i = 0; i < marks.size(); ++i) {
        if (marks.at(i).direction != record.direction)
            continue;
        record.modified = true;
        record.note = marks.at(i).note;
        record.intervention = marks.at(i).intervention;
        marks.removeAt(i);
        if (marks.isEmpty())
            m_frameMarks.erase(it);
        return;
    }
}

void LiveRecorder::deliver(CaptureBatch &records, qsizetype first)
{
    if (!m_annotations.isEmpty() || !m_frameMarks.isEmpty()) {
        for (qsizetype i = first; i < records.size(); ++i)
            annotate(records[i]);
    }
    m_stream->adoptAppended(first);
}

void LiveRecorder::annotate(CaptureRecord &record)
{
    const auto it = m_annotations.find(record.connectionId);
    if (it != m_annotations.end()) {
        QList<Annotation> &pending = it.value();
        for (qsizetype i = 0; i < pending.size(); ++i) {
            if (pending.at(i).kind != record.kind)
                continue;
            if (!pending.at(i).note.isEmpty())
                record.note = pending.at(i).note;
            record.modified = pending.at(i).modified;
            if (pending.at(i).tls)
                record.tls = pending.at(i).tls;
            pending.removeAt(i);
            if (pending.isEmpty()) // an empty table is looked up for free, record after record
                m_annotations.erase(it);
            break;
        }
    }
    applyFrameMark(record);
}

} // namespace wslab::capture
