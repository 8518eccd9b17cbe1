#pragma once

#include "capture/conversationsink.h"
#include "capture/trafficdissector.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace wslab::capture {
class CaptureStream;
}

namespace wslab::proxy {

// The proxy's way into the capture: a ConversationSink in front of the capture layer's
// TrafficDissector, whose records go to the CaptureStream the inspector and the headless printer
// already read. The relay knows things the bytes do not say (this 502 is wslab's own answer, this
// Host header was rewritten), so it may annotate the next record of a kind on a connection before
// feeding the bytes that make it.
class ProxyRecorder final : public capture::ConversationSink
{
public:
    explicit ProxyRecorder(capture::CaptureStream *stream);

    // Nanoseconds on the capture stream's clock, for the times the relay passes in.
    [[nodiscard]] qint64 nowNs() const;
    // The next record of `kind` on `connectionId` gets `note` (when not empty) and, with
    // `modified`, is marked as changed by the proxy.
    void annotateNext(quint64 connectionId, capture::RecordKind kind, const QString &note, bool modified = false);
    // The connection's ConnectionOpened record names the TLS session with the upstream.
    void annotateTls(quint64 connectionId, const capture::TlsInfo &tls);

    void connectionOpened(quint64 connectionId, const capture::SocketAddress &client,
                          const capture::SocketAddress &server, qint64 timeNs, bool sawOpening) override;
    void bytesReceived(quint64 connectionId, capture::Direction direction, QByteArrayView bytes,
                       qint64 timeNs) override;
    void bytesMissing(quint64 connectionId, capture::Direction direction, quint64 length, qint64 timeNs) override;
    void directionEnded(quint64 connectionId, capture::Direction direction, bool reset, qint64 timeNs) override;
    void connectionClosed(quint64 connectionId, qint64 timeNs) override;

private:
    struct Annotation
    {
        capture::RecordKind kind;
        QString note;
        bool modified;
        std::optional<capture::TlsInfo> tls;
    };

    void deliver(capture::CaptureRecord &&record);

    capture::CaptureStream *m_stream;
    capture::TrafficDissector m_dissector;
    QHash<quint64, QList<Annotation>> m_annotations;
};

} // namespace wslab::proxy
