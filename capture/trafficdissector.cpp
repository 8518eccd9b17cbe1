#include "trafficdissector.h"

namespace wslab::capture {

TrafficDissector::TrafficDissector(Options options, RecordHandler handler)
    : m_options(std::move(options)), m_handler(std::move(handler))
{
}

TrafficDissector::TrafficDissector(Options options, CaptureBatch *batch, AppendedHandler handler)
    : m_options(std::move(options)), m_appendedHandler(std::move(handler)), m_output(batch)
{
}

TrafficDissector::~TrafficDissector() = default;

void TrafficDissector::connectionOpened(quint64 connectionId, const SocketAddress &client,
                                        const SocketAddress &server, qint64 timeNs, bool sawOpening)
{
    ConversationDissector::Options options = m_options.conversation;
    options.startAsWebSocket = !sawOpening && m_options.webSocketPorts.contains(server.port);
    auto &conversation = m_conversations[connectionId];
    conversation = std::make_unique<ConversationDissector>(connectionId, options);
    const qsizetype first = m_output->size();
    conversation->open(client, server, timeNs, *m_output);
    deliver(first);
}

void TrafficDissector::bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        const qsizetype first = m_output->size();
        conversation->feed(direction, bytes, timeNs, *m_output);
        deliver(first);
    }
}

void TrafficDissector::bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        const qsizetype first = m_output->size();
        conversation->skip(direction, length, timeNs, *m_output);
        deliver(first);
    }
}

void TrafficDissector::directionEnded(quint64 connectionId, Direction direction, bool, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        const qsizetype first = m_output->size();
        conversation->endDirection(direction, timeNs, *m_output);
        deliver(first);
    }
}

void TrafficDissector::connectionClosed(quint64 connectionId, qint64 timeNs)
{
    const auto it = m_conversations.find(connectionId);
    if (it == m_conversations.end())
        return;
    const qsizetype first = m_output->size();
    it->second->close(timeNs, *m_output);
    m_conversations.erase(it);
    deliver(first);
}

ConversationDissector *TrafficDissector::find(quint64 connectionId)
{
    const auto it = m_conversations.find(connectionId);
    return it == m_conversations.end() ? nullptr : it->second.get();
}

void TrafficDissector::deliver(qsizetype first)
{
    CaptureBatch &records = *m_output;
    const qsizetype end = records.size();
    if (end == first)
        return;
    for (qsizetype i = first; i < end; ++i)
        records[i].id = m_nextId++;
    if (m_appendedHandler) {
        m_appendedHandler(records, first);
        return;
    }
    for (CaptureRecord &record : records)
        m_handler(std::move(record));
    records.clear();
}

} // namespace wslab::capture
