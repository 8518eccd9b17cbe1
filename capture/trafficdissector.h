#pragma once

#include "conversationdissector.h"
#include "conversationsink.h"

#include <QSet>

#include <functional>
#include <memory>
#include <unordered_map>

namespace wslab::capture {

// Every conversation a TCP layer hands over, dissected: one ConversationDissector per connection,
// records numbered 1, 2, 3 ... in the order they are made and passed to the handler as they come,
// so a reader of a large file holds no more than the connections still open.
class TrafficDissector final : public ConversationSink
{
public:
    using RecordHandler = std::function<void(CaptureRecord &&)>;
    // The records one call made, built in place at the end of a batch the handler's owner keeps:
    // `records` from index `first` on.
    using AppendedHandler = std::function<void(CaptureBatch &records, qsizetype first)>;

    struct Options
    {
        ConversationDissector::Options conversation;
        // "Decode as WebSocket": connections to these server ports whose opening was not captured
        // are read as WebSocket from their first byte.
        QSet<quint16> webSocketPorts;
    };

    TrafficDissector(Options options, RecordHandler handler);
    // Records made at the end of `*batch` and left there: a live capture builds each record once,
    // in the batch it is handed on in, instead of building it here and moving it there.
    TrafficDissector(Options options, CaptureBatch *batch, AppendedHandler handler);
    ~TrafficDissector() override;

    void connectionOpened(quint64 connectionId, const SocketAddress &client, const SocketAddress &server,
                          qint64 timeNs, bool sawOpening) override;
    void bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes, qint64 timeNs) override;
    void bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs) override;
    void directionEnded(quint64 connectionId, Direction direction, bool reset, qint64 timeNs) override;
    void connectionClosed(quint64 connectionId, qint64 timeNs) override;

    [[nodiscard]] quint64 recordCount() const noexcept { return m_nextId - 1; }

private:
    ConversationDissector *find(quint64 connectionId);
    // Numbers the records made from index `first` of the output on, and hands them over.
    void deliver(qsizetype first);

    Options m_options;
    RecordHandler m_handler;
    AppendedHandler m_appendedHandler;
    std::unordered_map<quint64, std::unique_ptr<ConversationDissector>> m_conversations;
    CaptureBatch m_pending; // reused: what one call produced, when records go to a RecordHandler
    CaptureBatch *m_output = &m_pending;
    quint64 m_nextId = 1;
};

} // namespace wslab::capture
