#pragma once

#include "capturerecord.h"

#include <QByteArray>
#include <QHash>

namespace wslab::capture {

// One CaptureRecord as one JSON object on one line (`--json`), for scripts and other tools. Keys:
// `time` (seconds since the Unix epoch), `conn`, `client` and `server` ("address:port"), `dir`
// ("c2s" / "s2c"), `type` ("frame", "http-request", "http-response", "error", "gap", and "open",
// "close", "delivered" for the connection's events); frames add `fin`, `rsv` (0-7), `opcode`, `mask`,
// `maskKey` (hex or null), `length` (as the header says), `lengthForm` (7, 16 or 64) and `payload`
// (base64 of the unmasked payload this frame carried, still deflated when RSV1 is set); the frame
// that completes a message adds `message` (base64 of the whole message, reassembled and inflated)
// and `messageType`; close frames add `closeCode` and `closeReason`; errors add `error` (the named
// error and its reason); a record a proxy changed adds `modified` (true) and `note` (what
// changed); the opening of a connection relayed to a wss:// upstream adds `tls` (`version`,
// `cipher`, `verified`, `chain` of `subject` / `issuer`). Stateful: it remembers each connection's ends and the fragments of the
// message in progress in each direction, so records must come in capture order.
class CaptureJsonFormatter
{
public:
    // `originNs`: the epoch time of the records' time zero (0 when records carry epoch times).
    explicit CaptureJsonFormatter(qint64 originNs = 0) : m_originNs(originNs) { }

    [[nodiscard]] QByteArray format(const CaptureRecord &record);

private:
    struct Ends
    {
        QString client;
        QString server;
    };
    struct MessageInProgress
    {
        bool text = false;
        bool compressed = false; // RSV1 on the first frame
        QByteArray payload;
        std::optional<QByteArray> inflated; // a record of the message carried it (RFC 7692)
    };

    void addFrameKeys(const CaptureRecord &record, class QJsonObject &object);
    void addMessageKeys(const CaptureRecord &record, QJsonObject &object);

    qint64 m_originNs;
    QHash<quint64, Ends> m_ends;
    QHash<quint64, MessageInProgress> m_messages; // key: connection id * 2 + direction
};

} // namespace wslab::capture
