#include "liverecorder.h"

#include "capture/capturestream.h"

namespace wslab::capture {

using namespace capture;

LiveRecorder::LiveRecorder(CaptureStream *stream)
    : m_stream(stream)
    , m_dissector({}, [this](CaptureRecord &&record) { deliver(std::move(record)); })
{
}

qint64 LiveRecorder::nowNs() const
{
    return m_stream->nowNs();
}

void LiveRecorder::annotateNext(quint64 connectionId, RecordKind kind, const QString &note, bool modified)
{
    m_annotations[connectionId].append(Annotation{kind, note, modified, std::nullopt});
}

void LiveRecorder::annotateTls(quint64 connectionId, const TlsInfo &tls)
{
    m_annotations[connectionId].append(Annotation{RecordKind::ConnectionOpened, {}, false, tls});
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
}

void LiveRecorder::deliver(CaptureRecord &&record)
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
            break;
        }
    }
    if (m_stream->isEnabled())
        m_stream->append(std::move(record));
}

} // namespace wslab::capture
