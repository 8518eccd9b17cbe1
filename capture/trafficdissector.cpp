#include "trafficdissector.h"

namespace wslab::capture {

TrafficDissector::TrafficDissector(Options options, RecordHandler handler)
    : m_options(std::move(options)), m_handler(std::move(handler))
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
    conversation->open(client, server, timeNs, m_pending);
    deliver();
}

void TrafficDissector::bytesReceived(quint64 connectionId, Direction direction, QByteArrayView bytes, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        conversation->feed(direction, bytes, timeNs, m_pending);
        deliver();
    }
}

void TrafficDissector::bytesMissing(quint64 connectionId, Direction direction, quint64 length, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        conversation->skip(direction, length, timeNs, m_pending);
        deliver();
    }
}

void TrafficDissector::directionEnded(quint64 connectionId, Direction direction, bool, qint64 timeNs)
{
    if (ConversationDissector *conversation = find(connectionId)) {
        conversation->endDirection(direction, timeNs, m_pending);
        deliver();
    }
}

void TrafficDissector::connectionClosed(quint64 connectionId, qint64 timeNs)
{
    const auto it = m_conversations.find(connectionId);
    if (it == m_conversations.end())
        return;
    it->second->close(timeNs, m_pending);
    m_conversations.erase(it);
    deliver();
}

ConversationDissector *TrafficDissector::find(quint64 connectionId)
{
    const auto it = m_conversations.find(connectionId);
    return it == m_conversations.end() ? nullptr : it->second.get();
}

void TrafficDissector::deliver()
{
    for (CaptureRecord &record : m_pending) {
        record.id = m_nextId++;
        m_handler(std::move(record));
    }
    m_pending.clear();
}

} // namespace wslab::capture
