#pragma once

#include "capture/capturerecord.h"

#include <QList>
#include <QMetaType>

namespace wslab::server {

// What one transport cost and how fast it delivered, for the transports panel (the comparison the
// tutorial makes between polling, long polling and WebSocket).
struct TransportCounters
{
    static constexpr qsizetype maxLatencySamples = 4096; // the most recent ones are kept

    int clients = 0;                 // members of the chat room using this transport now
    quint64 requests = 0;            // HTTP requests (polling) or data frames received (WebSocket)
    quint64 emptyResponses = 0;      // poll answers that carried no message: wasted requests
    quint64 headerBytes = 0;         // HTTP heads / frame headers, both directions
    quint64 payloadBytes = 0;        // bodies / frame payloads, both directions
    quint64 messagesDelivered = 0;   // chat entries handed to clients
    QList<qint64> latencySamplesMs;  // entry time -> receipt in the page, as the page reported it

    // The chat history a client is sent when it joins (a WebSocket newcomer's replay, the entries of
    // a poll from before the client's time), counted apart from the figures above: one catch-up of
    // a few big lines would otherwise swamp a transport's ongoing cost.
    quint64 replayMessages = 0;
    quint64 replayBytes = 0;         // their share of the bytes, heads and bodies

    // What the pages reported of their own side (POST /stats).
    quint64 reportedRequests = 0;
    quint64 reportedBytesSent = 0;
    quint64 reportedBytesReceived = 0;

    void addLatencySample(qint64 ms);
    // Takes bytes already counted as header and payload bytes out of them and counts them, and
    // `messages`, as history replay.
    void moveToReplay(quint64 header, quint64 payload, quint64 messages);
    [[nodiscard]] qint64 medianLatencyMs() const { return latencyPercentileMs(50); }
    [[nodiscard]] qint64 p95LatencyMs() const { return latencyPercentileMs(95); }
    // Nearest-rank percentile of the samples; -1 when there are none.
    [[nodiscard]] qint64 latencyPercentileMs(int percent) const;

    friend bool operator==(const TransportCounters &, const TransportCounters &) = default;
};

struct TransportStats
{
    TransportCounters webSocket;
    TransportCounters polling;
    TransportCounters longPolling;

    [[nodiscard]] TransportCounters &of(capture::Transport transport);
    [[nodiscard]] const TransportCounters &of(capture::Transport transport) const;

    friend bool operator==(const TransportStats &, const TransportStats &) = default;
};

// The nearest-rank percentile (1..100) of unsorted samples; -1 when empty.
[[nodiscard]] qint64 nearestRankPercentile(QList<qint64> samples, int percent);

} // namespace wslab::server

Q_DECLARE_METATYPE(wslab::server::TransportStats)
