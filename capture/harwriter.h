#pragma once

#include "capturerecord.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace wslab::capture {

// Exports records as a HAR 1.2 file in the shape Chrome DevTools writes, so that DevTools and other
// HAR tools open it: one entry per connection whose request was captured, `_resourceType`
// "websocket" for upgraded ones with their messages in `_webSocketMessages` ({type send/receive,
// time in seconds since the epoch, opcode, data: text for text messages, base64 otherwise}, and the
// control frames), "fetch"-like plain entries for other HTTP exchanges. HAR holds messages, not
// frames: fragments are joined and compressed messages written inflated, as a browser reports them.
class HarWriter
{
public:
    // `originNs`: the epoch time of the records' time zero (0 when they carry epoch times).
    explicit HarWriter(qint64 originNs = 0) : m_originNs(originNs) { }

    void add(const CaptureRecord &record);
    [[nodiscard]] QByteArray toJson() const;

private:
    struct Entry
    {
        QJsonObject request;
        QJsonObject response;
        qint64 startedNs = 0;
        QString serverAddress;
        bool webSocket = false;
        QJsonArray messages;
        // The message in progress per direction (0: sent by the client).
        QByteArray fragments[2];
        int fragmentOpcode[2] = {0, 0};
        std::optional<QByteArray> inflated[2];
    };

    void addFrame(Entry &entry, const CaptureRecord &record);
    void addMessage(Entry &entry, bool sent, int opcode, const QByteArray &data, qint64 timeNs);

    qint64 m_originNs;
    QList<quint64> m_order; // connections in the order their request came
    QHash<quint64, Entry> m_entries;
    QHash<quint64, QString> m_servers;
};

} // namespace wslab::capture
