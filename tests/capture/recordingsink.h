#pragma once

// A ConversationSink that writes down what it is told, for the capture tests: the events in order,
// and each direction's stream as text with "<gap N>" where N bytes were reported missing.

#include "capture/conversationsink.h"

#include <QMap>
#include <QStringList>

namespace wslab::capture::testing {

class RecordingSink : public ConversationSink
{
public:
    struct Conversation
    {
        SocketAddress client;
        SocketAddress server;
        bool sawOpening = false;
        QByteArray stream[2];
        bool closed = false;
        qint64 lastTimeNs[2] = {0, 0};
    };

    QStringList events;
    QMap<quint64, Conversation> conversations;
    const char *lastDeliveredData = nullptr;

    void connectionOpened(quint64 id, const SocketAddress &client, const SocketAddress &server, qint64,
                          bool sawOpening) override
    {
        events << QStringLiteral("open %1 %2 -> %3%4")
                          .arg(id)
                          .arg(client.toString(), server.toString(), sawOpening ? "" : " (mid-connection)");
        conversations[id] = Conversation{client, server, sawOpening, {}, false, {}};
    }
    void bytesReceived(quint64 id, Direction direction, QByteArrayView bytes, qint64 timeNs) override
    {
        lastDeliveredData = bytes.data();
        conversations[id].stream[int(direction)] += bytes.toByteArray();
        conversations[id].lastTimeNs[int(direction)] = timeNs;
    }
    void bytesMissing(quint64 id, Direction direction, quint64 length, qint64) override
    {
        conversations[id].stream[int(direction)] += "<gap " + QByteArray::number(length) + '>';
    }
    void directionEnded(quint64 id, Direction direction, bool reset, qint64) override
    {
        events << QStringLiteral("end %1 %2%3").arg(id).arg(direction == Direction::Inbound ? "c2s" : "s2c",
                                                           reset ? " reset" : "");
    }
    void connectionClosed(quint64 id, qint64) override
    {
        events << QStringLiteral("close %1").arg(id);
        conversations[id].closed = true;
    }

    [[nodiscard]] QByteArray clientToServer(quint64 id) const { return conversations.value(id).stream[0]; }
    [[nodiscard]] QByteArray serverToClient(quint64 id) const { return conversations.value(id).stream[1]; }
};

} // namespace wslab::capture::testing
