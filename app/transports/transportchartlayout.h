#pragma once

#include "app/transports/transportstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLineF>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <array>

namespace wslab::app {

// What the comparison chart shows: groups of three bars (one per transport, TransportStyle order),
// one group per metric. Strings come translated from the caller; the layout has no tr().
struct TransportChartData
{
    struct Metric
    {
        QString name;                                     // "Requests per second"
        std::array<double, TransportStyle::count> values{}; // negative: no value (no bar)
        std::array<QString, TransportStyle::count> texts; // drawn beside each bar: "12.3 /s"
    };

    QList<Metric> metrics;
    std::array<QString, TransportStyle::count> seriesNames; // legend
    QString axisTitle;
    QString emptyText; // shown when there are no metrics

    [[nodiscard]] bool isEmpty() const noexcept { return metrics.isEmpty(); }
};

// Where everything of the chart goes, in logical coordinates, for a given size and font: pure, so
// a test checks that bars stay inside the plot, scale per metric and every label is placed.
// Bars are horizontal and scaled per metric (the largest value of a metric spans the plot): a
// metric in milliseconds and one in bytes per second cannot share an axis, and a log scale would
// hide exactly the factor of 100 the learner should see. Each bar carries its value as text.
struct TransportChartLayout
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::TransportChartLayout)
public:
    struct Text
    {
        QString text;
        QRectF rect;
        int flags = Qt::AlignLeft | Qt::AlignVCenter; // for QPainter::drawText: alignment | Qt::TextWordWrap
    };
    struct Bar
    {
        int metric = 0;
        int series = 0;       // index in TransportStyle::order
        double fraction = 0;  // of the metric's largest value, 0..1
        QRectF rect;          // empty when the value is missing
        Text value;
    };
    struct LegendEntry
    {
        int series = 0;
        QRectF swatch;
        Text label;
    };

    QRectF plot;                  // the area the bars grow in, from plot.left()
    QList<Bar> bars;
    QList<Text> metricLabels;     // left of each group, word-wrapped
    QList<Text> tickLabels;       // 0 %, 25 % ... under the plot
    QList<QLineF> gridLines;      // one per tick
    Text axisTitle;
    QList<LegendEntry> legend;
    Text emptyText;               // only when the data is empty

    static constexpr int tickCount = 5; // 0, 25, 50, 75, 100 %

    [[nodiscard]] static TransportChartLayout compute(const TransportChartData &data, const QSizeF &size,
                                                      const QFontMetricsF &metrics);
    // The size at which nothing is cramped: bars a line high, labels unwrapped where possible.
    [[nodiscard]] static QSizeF naturalSize(const TransportChartData &data, const QFontMetricsF &metrics);
    [[nodiscard]] static QSizeF minimumSize(const TransportChartData &data, const QFontMetricsF &metrics);
};

} // namespace wslab::app
