#pragma once

#include "capture/conversationsink.h"
#include "capture/trafficdissector.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace wslab::capture {

class CaptureStream;

// A live source's way into the capture (the proxy's relay, the client): a ConversationSink in
// front of TrafficDissector, whose records go to the CaptureStream the inspector and the headless
// printer already read. The source knows things the bytes do not say (this 502 is wslab's own
// answer, this Host header was rewritten), so it may annotate the next record of a kind on a
// connection before feeding the bytes that make it.
class LiveRecorder final : public ConversationSink
{
public:
    explicit LiveRecorder(CaptureStream *stream);

    // Nanoseconds on the capture stream's clock, for the times the relay passes in.
    [[nodiscard]] qint64 nowNs() const;
    // The next record of `kind` on `connectionId` gets `note` (when not empty) and, with
    // `modified`, is marked as changed by the proxy.
    void annotateNext(quint64 connectionId, RecordKind kind, const QString &note, bool modified = false);
    // The connection's ConnectionOpened record names the TLS session with the upstream.
    void annotateTls(quint64 connectionId, const TlsInfo &tls);
    // The next Frame (or ProtocolError) record of `direction` on `connectionId` is one the proxy
    // edited or injected: it gets `intervention`, `note` and the `modified` mark. Called just before
    // the forwarded bytes are fed, so the record those bytes start is the one marked.
    void markNextFrame(quint64 connectionId, Direction direction, std::shared_ptr<const FrameIntervention> intervention,
                       const QString &note);
    // A frame the proxy held and never forwarded: its receiver got nothing, so the bytes are not
    // fed to the dissector; a record of its own shows the frame, marked as dropped.
    void recordDropped(quint64 connectionId, Direction direction, const QByteArray &frameBytes, const QString &note,
                       qint64 timeNs);

    void connectionOpened(quint64 connectionId, const SocketAddress &client,
                          const SocketAddress &server, qint64 timeNs, bool sawOpening) override;
    void bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes,
                       qint64 timeNs) override;
    void bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs) override;
    void directionEnded(quint64 connectionId, Direction direction, bool reset, qint64 timeNs) override;
    void connectionClosed(quint64 connectionId, qint64 timeNs) override;

private:
    struct Annotation
    {
        RecordKind kind;
        QString note;
        bool modified;
        std::shared_ptr<const TlsInfo> tls;
    };
    struct FrameMark
    {
        Direction direction;
        std::shared_ptr<const FrameIntervention> intervention;
        QString note;
    };

    void applyFrameMark(CaptureRecord &record);
    // The records the dissector made at the end of the stream's batch, from `first` on.
    void deliver(CaptureBatch &records, qsizetype first);
    void annotate(CaptureRecord &record);

    CaptureStream *m_stream;
    TrafficDissector m_dissector;
    QHash<quint64, QList<Annotation>> m_annotations;
    QHash<quint64, QList<FrameMark>> m_frameMarks;
};

} // namespace wslab::capture
