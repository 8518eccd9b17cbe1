#pragma once

#include "app/transports/demoresult.h"
#include "app/transports/transportchartlayout.h"

#include <QCoreApplication>
#include <QStringList>

namespace wslab::app {

// What a demo result means, in the UI's language: the chart's data and the sentences a learner
// should take away (the tutorial's claims, with this run's numbers). Pure: strings and numbers only.
class DemoReport
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::DemoReport)
public:
    // Requests or frames per second, bytes per second, median and 95th percentile latency.
    [[nodiscard]] static TransportChartData chartData(const DemoResult &result);
    // One line: how long was measured, how many lines reached how many receivers.
    [[nodiscard]] static QString summary(const DemoResult &result);
    // The conclusions, most important first; empty when nothing was measured.
    [[nodiscard]] static QStringList conclusions(const DemoResult &result);

private:
    [[nodiscard]] static QString wasteConclusion(const DemoResult &result);
    [[nodiscard]] static QString pollLatencyConclusion(const DemoResult &result);
    [[nodiscard]] static QString longPollConclusion(const DemoResult &result);
    [[nodiscard]] static QString webSocketConclusion(const DemoResult &result);
    [[nodiscard]] static QString bandwidthConclusion(const DemoResult &result);
};

} // namespace wslab::app
