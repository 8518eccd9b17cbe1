#pragma once

#include "app/transports/demoscript.h"
#include "app/transports/demotally.h"
#include "app/transports/transportstyle.h"

#include <QMetaType>

#include <array>

namespace wslab::app {

// What one auto demo run measured: per transport (TransportStyle order) the receivers' tally over
// the measured window, which starts when every receiver has caught up and ends when every line has
// arrived (or the time limit struck). A value; the report and the chart are derived from it.
struct DemoResult
{
    enum class Outcome : quint8 {
        Completed,  // every receiver got every line
        Incomplete, // the time limit struck first; the figures cover what was measured
        Cancelled,
        Failed,     // could not connect or send; see failureReason
    };
    struct Lane
    {
        capture::Transport transport = capture::Transport::WebSocket;
        int receivers = 0;
        quint64 expected = 0; // lines x receivers
        DemoTally tally;

        friend bool operator==(const Lane &, const Lane &) = default;
    };

    DemoScript script;
    Outcome outcome = Outcome::Failed;
    QString failureReason;
    qint64 measuredMs = 0;
    std::array<Lane, TransportStyle::count> lanes{};

    // Lanes in TransportStyle order with their transports set, receivers and expected from `script`.
    [[nodiscard]] static DemoResult planned(const DemoScript &script);

    [[nodiscard]] const Lane &lane(capture::Transport transport) const;
    [[nodiscard]] Lane &lane(capture::Transport transport);
    [[nodiscard]] bool hasMeasurements() const noexcept { return measuredMs > 0; }
    [[nodiscard]] double perSecond(quint64 count) const noexcept;
    [[nodiscard]] double exchangesPerSecond(capture::Transport transport) const;
    [[nodiscard]] double bytesPerSecond(capture::Transport transport) const;
    // Nearest rank, -1 without samples.
    [[nodiscard]] qint64 latencyPercentileMs(capture::Transport transport, int percent) const;
    [[nodiscard]] double meanLatencyMs(capture::Transport transport) const; // -1 without samples
    [[nodiscard]] quint64 delivered() const noexcept;
    [[nodiscard]] quint64 expected() const noexcept;

    friend bool operator==(const DemoResult &, const DemoResult &) = default;
};

} // namespace wslab::app

Q_DECLARE_METATYPE(wslab::app::DemoResult)
