#include "app/transports/demoresult.h"

#include "server/transportstats.h"

#include <numeric>

namespace wslab::app {

using capture::Transport;

DemoResult DemoResult::planned(const DemoScript &script)
{
    DemoResult result;
    result.script = script;
    for (int i = 0; i < TransportStyle::count; ++i) {
        Lane &lane = result.lanes[size_t(i)];
        lane.transport = TransportStyle::order[size_t(i)];
        lane.receivers = script.receiversPerTransport;
        lane.expected = quint64(script.receiversPerTransport) * quint64(script.messageCount);
    }
    return result;
}

const DemoResult::Lane &DemoResult::lane(Transport transport) const
{
    const int index = TransportStyle::indexOf(transport);
    return lanes[size_t(index < 0 ? 0 : index)];
}

DemoResult::Lane &DemoResult::lane(Transport transport)
{
    const int index = TransportStyle::indexOf(transport);
    return lanes[size_t(index < 0 ? 0 : index)];
}

double DemoResult::perSecond(quint64 count) const noexcept
{
    return measuredMs > 0 ? double(count) * 1000.0 / double(measuredMs) : -1;
}

double DemoResult::exchangesPerSecond(Transport transport) const
{
    return perSecond(lane(transport).tally.exchanges());
}

double DemoResult::bytesPerSecond(Transport transport) const
{
    return perSecond(lane(transport).tally.totalBytes());
}

qint64 DemoResult::latencyPercentileMs(Transport transport, int percent) const
{
    return server::nearestRankPercentile(lane(transport).tally.latenciesMs, percent);
}

double DemoResult::meanLatencyMs(Transport transport) const
{
    const QList<qint64> &samples = lane(transport).tally.latenciesMs;
    if (samples.isEmpty())
        return -1;
    return double(std::accumulate(samples.cbegin(), samples.cend(), qint64(0))) / double(samples.size());
}

quint64 DemoResult::delivered() const noexcept
{
    quint64 sum = 0;
    for (const Lane &lane : lanes)
        sum += lane.tally.delivered;
    return sum;
}

quint64 DemoResult::expected() const noexcept
{
    quint64 sum = 0;
    for (const Lane &lane : lanes)
        sum += lane.expected;
    return sum;
}

} // namespace wslab::app
