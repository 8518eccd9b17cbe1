#pragma once

#include <QList>
#include <QtGlobal>

namespace wslab::app {

// What one transport's demo receivers cost and how fast they heard, counted from the bytes they
// actually wrote and read while the demo measured. Pure.
struct DemoTally
{
    quint64 requests = 0;     // HTTP requests written (polling, long polling)
    quint64 frames = 0;       // WebSocket frames received
    quint64 answers = 0;      // HTTP answers read
    quint64 wasted = 0;       // answers that carried no chat entry at all
    quint64 headerBytes = 0;  // HTTP heads / frame headers, both directions
    quint64 payloadBytes = 0; // HTTP bodies / frame payloads, both directions
    quint64 delivered = 0;    // numbered demo lines received (each once per receiver)
    QList<qint64> latenciesMs; // entry time (server clock) -> receipt (same machine)

    void countRequest(qint64 headBytes, qint64 bodyBytes);
    void countAnswer(qint64 headBytes, qint64 bodyBytes, qsizetype entries);
    // A server-to-client frame: unmasked, its header 2, 4 or 10 bytes by payload length (RFC 6455 §5.2).
    void countFrame(qint64 payloadBytes);
    void countDelivery(qint64 latencyMs);

    [[nodiscard]] quint64 totalBytes() const noexcept { return headerBytes + payloadBytes; }
    // Requests for HTTP, frames for WebSocket: the round trips or pushes the clients handled.
    [[nodiscard]] quint64 exchanges() const noexcept { return requests + frames; }

    friend bool operator==(const DemoTally &, const DemoTally &) = default;
};

} // namespace wslab::app
