#include "app/transports/demoreport.h"

#include "app/transports/quantityformat.h"

#include "inspector/sentences.h"

#include <QLocale>

#include <cmath>

namespace wslab::app {

using capture::Transport;

namespace {

double ratio(double part, double whole)
{
    return whole > 0 ? part / whole : -1;
}

QString times(double factor)
{
    return QLocale().toString(factor, 'f', factor < 10 ? 1 : 0);
}

} // namespace

TransportChartData DemoReport::chartData(const DemoResult &result)
{
    TransportChartData data;
    if (!result.hasMeasurements())
        return data;
    TransportChartData::Metric exchanges{tr("Requests per second (WebSocket: frames)"), {}, {}};
    TransportChartData::Metric bytes{tr("Bytes on the wire per second"), {}, {}};
    TransportChartData::Metric median{tr("Latency, median"), {}, {}};
    TransportChartData::Metric p95{tr("Latency, 95th percentile"), {}, {}};
    for (int i = 0; i < TransportStyle::count; ++i) {
        const Transport transport = TransportStyle::order[size_t(i)];
        const auto at = size_t(i);
        exchanges.values[at] = result.exchangesPerSecond(transport);
        exchanges.texts[at] = QuantityFormat::perSecond(exchanges.values[at]);
        bytes.values[at] = result.bytesPerSecond(transport);
        bytes.texts[at] = QuantityFormat::bytesPerSecond(bytes.values[at]);
        median.values[at] = double(result.latencyPercentileMs(transport, 50));
        median.texts[at] = QuantityFormat::milliseconds(median.values[at]);
        p95.values[at] = double(result.latencyPercentileMs(transport, 95));
        p95.texts[at] = QuantityFormat::milliseconds(p95.values[at]);
    }
    data.metrics = {exchanges, bytes, median, p95};
    return data;
}

QString DemoReport::summary(const DemoResult &result)
{
    const DemoScript &script = result.script;
    switch (result.outcome) {
    case DemoResult::Outcome::Cancelled:
        return tr("The demo was cancelled.");
    case DemoResult::Outcome::Failed:
        return tr("The demo could not run: %1").arg(result.failureReason);
    case DemoResult::Outcome::Completed:
    case DemoResult::Outcome::Incomplete:
        break;
    }
    QString text = tr("Measured for %1 s: %2 lines, one every %3 ms, sent by one client with POST /send to "
                      "%4 idle receivers per transport (polling every %5 ms).")
                       .arg(QLocale().toString(double(result.measuredMs) / 1000.0, 'f', 1))
                       .arg(script.messageCount)
                       .arg(script.messageIntervalMs)
                       .arg(script.receiversPerTransport)
                       .arg(script.pollIntervalMs);
    if (result.outcome == DemoResult::Outcome::Incomplete) {
        text = inspector::Sentences::joined(
                {text, tr("The time limit struck first: %1 of %2 deliveries arrived.")
                               .arg(QuantityFormat::count(result.delivered()), QuantityFormat::count(result.expected()))});
    }
    return text;
}

QStringList DemoReport::conclusions(const DemoResult &result)
{
    QStringList lines;
    if (!result.hasMeasurements())
        return lines;
    for (const QString &line : {wasteConclusion(result), pollLatencyConclusion(result), longPollConclusion(result),
                                webSocketConclusion(result), bandwidthConclusion(result)}) {
        if (!line.isEmpty())
            lines.append(line);
    }
    return lines;
}

QString DemoReport::wasteConclusion(const DemoResult &result)
{
    const DemoTally &poll = result.lane(Transport::Polling).tally;
    if (poll.answers == 0)
        return {};
    if (poll.wasted == 0) {
        return tr("Polling wasted no request here: a line came at least once per poll interval (%1). In a "
                  "quieter chat most polls come back empty, since clients ask on their own clock whether "
                  "anyone spoke or not.")
            .arg(QuantityFormat::milliseconds(result.script.pollIntervalMs));
    }
    return tr("Polling wasted %1 of %2 requests (%3): every client asks every %4 whether anyone spoke "
              "or not, so its requests grow with clients and time, not with messages.")
        .arg(QuantityFormat::count(poll.wasted), QuantityFormat::count(poll.answers),
             QuantityFormat::percent(ratio(double(poll.wasted), double(poll.answers))),
             QuantityFormat::milliseconds(result.script.pollIntervalMs));
}

QString DemoReport::pollLatencyConclusion(const DemoResult &result)
{
    const double mean = result.meanLatencyMs(Transport::Polling);
    if (mean < 0)
        return {};
    return tr("Polling delivered the messages %1 late on average (95th percentile %2): a message waits for "
              "the next poll, half the poll interval (%3) on average and up to a whole one.")
        .arg(QuantityFormat::milliseconds(mean),
             QuantityFormat::milliseconds(double(result.latencyPercentileMs(Transport::Polling, 95))),
             QuantityFormat::milliseconds(result.script.pollIntervalMs / 2.0));
}

QString DemoReport::longPollConclusion(const DemoResult &result)
{
    const DemoTally &longPoll = result.lane(Transport::LongPolling).tally;
    if (longPoll.delivered == 0 || longPoll.requests == 0)
        return {};
    const double headerPerMessage = double(longPoll.headerBytes) / double(longPoll.delivered);
    return tr("Long polling answered as soon as there was news (median %1) and rarely for nothing, but every "
              "message still cost each client a new HTTP request and answer: %2 of headers per message delivered.")
        .arg(QuantityFormat::milliseconds(double(result.latencyPercentileMs(Transport::LongPolling, 50))),
             QuantityFormat::bytes(quint64(std::llround(headerPerMessage))));
}

QString DemoReport::webSocketConclusion(const DemoResult &result)
{
    const DemoTally &ws = result.lane(Transport::WebSocket).tally;
    const DemoTally &poll = result.lane(Transport::Polling).tally;
    if (ws.frames == 0)
        return {};
    return tr("WebSocket pushed each message as one frame with a %1-byte header (RFC 6455 §5.2), no request "
              "needed, in %2 (median); %3 of its bytes were payload, against %4 for polling.")
        .arg(QLocale().toString(double(ws.headerBytes) / double(ws.frames), 'f', 0),
             QuantityFormat::milliseconds(double(result.latencyPercentileMs(Transport::WebSocket, 50))),
             QuantityFormat::percent(ratio(double(ws.payloadBytes), double(ws.totalBytes()))),
             QuantityFormat::percent(ratio(double(poll.payloadBytes), double(poll.totalBytes()))));
}

QString DemoReport::bandwidthConclusion(const DemoResult &result)
{
    const double ws = double(result.lane(Transport::WebSocket).tally.totalBytes());
    const double poll = double(result.lane(Transport::Polling).tally.totalBytes());
    const double longPoll = double(result.lane(Transport::LongPolling).tally.totalBytes());
    if (ws <= 0 || poll <= 0 || longPoll <= 0)
        return {};
    return tr("For the same conversation polling moved %1 times the bytes of WebSocket, long polling %2 times.")
        .arg(times(poll / ws), times(longPoll / ws));
}

} // namespace wslab::app
