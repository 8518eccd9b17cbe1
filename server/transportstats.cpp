#include "transportstats.h"

#include <algorithm>
#include <cmath>

namespace wslab::server {

void TransportCounters::addLatencySample(qint64 ms)
{
    if (latencySamplesMs.size() >= maxLatencySamples)
        latencySamplesMs.remove(0, latencySamplesMs.size() - maxLatencySamples + 1);
    latencySamplesMs.append(ms);
}

void TransportCounters::moveToReplay(quint64 header, quint64 payload, quint64 messages)
{
    header = std::min(header, headerBytes);
    payload = std::min(payload, payloadBytes);
    headerBytes -= header;
    payloadBytes -= payload;
    replayBytes += header + payload;
    replayMessages += messages;
}

qint64 TransportCounters::latencyPercentileMs(int percent) const
{
    return nearestRankPercentile(latencySamplesMs, percent);
}

TransportCounters &TransportStats::of(capture::Transport transport)
{
    switch (transport) {
    case capture::Transport::Polling: return polling;
    case capture::Transport::LongPolling: return longPolling;
    case capture::Transport::WebSocket:
    case capture::Transport::Http: break;
    }
    return webSocket;
}

const TransportCounters &TransportStats::of(capture::Transport transport) const
{
    return const_cast<TransportStats *>(this)->of(transport);
}

qint64 nearestRankPercentile(QList<qint64> samples, int percent)
{
    if (samples.isEmpty())
        return -1;
    percent = std::clamp(percent, 1, 100);
    // Nearest rank: the smallest value with at least percent% of the samples at or below it.
    const auto rank = qsizetype(std::ceil(percent / 100.0 * double(samples.size())));
    const qsizetype index = std::clamp<qsizetype>(rank - 1, 0, samples.size() - 1);
    std::nth_element(samples.begin(), samples.begin() + index, samples.end());
    return samples.at(index);
}

} // namespace wslab::server
