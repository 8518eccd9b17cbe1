#include "app/transports/transportchartlayout.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace wslab::app {

namespace {

// Proportions of one group of three bars, in bar heights: the gap between the bars of a group is
// small, the gap between groups large, so the eye groups by metric.
constexpr qreal barGapRatio = 0.15;
constexpr qreal groupGapRatio = 0.9;
constexpr qreal groupHeightInBars = 3 + 2 * barGapRatio + groupGapRatio;
constexpr qreal minBarLines = 0.9;
constexpr qreal naturalBarLines = 1.1;
constexpr qreal maxBarLines = 1.4;
constexpr qreal minBarWidth = 2; // a non-zero value never disappears

struct Spacing
{
    qreal line;
    qreal pad;
};

Spacing spacingFor(const QFontMetricsF &fm)
{
    return {fm.height(), std::round(fm.height() * 0.6)};
}

qreal widestMetricName(const TransportChartData &data, const QFontMetricsF &fm)
{
    qreal widest = 0;
    for (const auto &metric : data.metrics)
        widest = std::max(widest, fm.horizontalAdvance(metric.name));
    return std::ceil(widest) + 1;
}

qreal widestValueText(const TransportChartData &data, const QFontMetricsF &fm)
{
    qreal widest = 0;
    for (const auto &metric : data.metrics) {
        for (const QString &text : metric.texts)
            widest = std::max(widest, fm.horizontalAdvance(text));
    }
    return std::ceil(widest) + 1;
}

qreal wrappedHeight(const QString &text, qreal width, const QFontMetricsF &fm)
{
    if (text.isEmpty())
        return 0;
    return fm.boundingRect(QRectF(0, 0, std::max<qreal>(width, 1), 1e6), Qt::TextWordWrap, text).height();
}

// The metric names' column: a third of the width at most, but never so narrow that a name
// breaks into a word per line.
qreal labelColumnWidth(const TransportChartData &data, qreal areaWidth, const QFontMetricsF &fm)
{
    return std::min(widestMetricName(data, fm), std::max(std::round(areaWidth * 0.32), fm.height() * 7));
}

// The height of all groups with bars `barLines` lines high and names wrapped at `labelWidth`.
qreal groupsHeight(const TransportChartData &data, qreal barLines, qreal labelWidth, const QFontMetricsF &fm)
{
    const qreal bar = std::round(fm.height() * barLines);
    const qreal bars = 3 * bar + 2 * std::max<qreal>(1, std::round(bar * barGapRatio));
    const qreal gap = std::round(bar * groupGapRatio);
    qreal height = 0;
    for (const auto &metric : data.metrics)
        height += std::max(bars, std::ceil(wrappedHeight(metric.name, labelWidth, fm))) + gap;
    return height;
}

QString tickText(int tick)
{
    const int percent = tick * 100 / (TransportChartLayout::tickCount - 1);
    return TransportChartLayout::tr("%1%").arg(QLocale().toString(percent));
}

// Lays the legend out left to right from `origin`, wrapping at `right`; returns its bottom.
qreal layoutLegend(TransportChartLayout &layout, const TransportChartData &data, QPointF origin, qreal right,
                   const QFontMetricsF &fm)
{
    const Spacing s = spacingFor(fm);
    const qreal swatch = std::round(fm.ascent() * 0.85);
    const qreal rowHeight = std::round(s.line * 1.3);
    qreal x = origin.x();
    qreal y = origin.y();
    for (int series = 0; series < TransportStyle::count; ++series) {
        const QString &name = data.seriesNames[size_t(series)];
        const qreal textWidth = std::ceil(fm.horizontalAdvance(name)) + 1;
        const qreal entryWidth = swatch + s.line * 0.4 + textWidth;
        if (x + entryWidth > right && x > origin.x()) {
            x = origin.x();
            y += rowHeight;
        }
        TransportChartLayout::LegendEntry entry;
        entry.series = series;
        entry.swatch = QRectF(x, y + std::round((s.line - swatch) / 2), swatch, swatch);
        entry.label = {name, QRectF(x + swatch + s.line * 0.4, y, textWidth, s.line)};
        layout.legend.append(entry);
        x += entryWidth + s.line * 1.5;
    }
    return y + s.line;
}

} // namespace

TransportChartLayout TransportChartLayout::compute(const TransportChartData &data, const QSizeF &size,
                                                   const QFontMetricsF &fm)
{
    TransportChartLayout layout;
    const Spacing s = spacingFor(fm);
    const QRectF area(s.pad, s.pad, std::max<qreal>(size.width() - 2 * s.pad, 1),
                      std::max<qreal>(size.height() - 2 * s.pad, 1));
    if (data.isEmpty()) {
        layout.emptyText = {data.emptyText, area, int(Qt::AlignCenter) | Qt::TextWordWrap};
        return layout;
    }

    const qreal legendBottom = layoutLegend(layout, data, area.topLeft(), area.right(), fm);

    // Columns: metric names | bars | the value of the longest bar.
    const qreal labelWidth = labelColumnWidth(data, area.width(), fm);
    const qreal valueWidth = widestValueText(data, fm);
    const qreal plotLeft = area.left() + labelWidth + s.pad;
    const qreal plotWidth = std::max(area.right() - valueWidth - s.pad * 0.5 - plotLeft, s.line * 3);

    const qreal titleHeight = wrappedHeight(data.axisTitle, plotWidth, fm);
    const qreal bottomHeight = s.line * 1.3 + titleHeight;
    const qreal top = legendBottom + s.line * 0.8;
    const auto groups = qreal(data.metrics.size());
    const qreal available = area.bottom() - bottomHeight - top;
    const qreal barHeight = std::round(
        std::clamp(available / (groupHeightInBars * groups), s.line * minBarLines, s.line * maxBarLines));
    const qreal barGap = std::max<qreal>(1, std::round(barHeight * barGapRatio));
    const qreal groupGap = std::round(barHeight * groupGapRatio);
    const qreal groupHeight = 3 * barHeight + 2 * barGap;

    qreal y = top + std::round(groupGap / 2);
    for (int m = 0; m < data.metrics.size(); ++m) {
        const TransportChartData::Metric &metric = data.metrics.at(m);
        // A name that wraps to more lines than the bars are high makes its group taller; the bars
        // stay centred beside it.
        const qreal labelHeight = wrappedHeight(metric.name, labelWidth, fm);
        const qreal rowHeight = std::max(groupHeight, std::ceil(labelHeight));
        layout.metricLabels.append({metric.name, QRectF(area.left(), y, labelWidth, rowHeight),
                                    int(Qt::AlignRight | Qt::AlignVCenter) | Qt::TextWordWrap});
        double largest = 0;
        for (double v : metric.values) {
            if (std::isfinite(v))
                largest = std::max(largest, v);
        }
        const qreal barsTop = y + std::round((rowHeight - groupHeight) / 2);
        for (int series = 0; series < TransportStyle::count; ++series) {
            const double value = metric.values[size_t(series)];
            const qreal barTop = barsTop + series * (barHeight + barGap);
            Bar bar;
            bar.metric = m;
            bar.series = series;
            qreal width = 0;
            if (std::isfinite(value) && value >= 0) {
                bar.fraction = largest > 0 ? value / largest : 0;
                width = value > 0 ? std::max(minBarWidth, bar.fraction * plotWidth) : 0;
                bar.rect = QRectF(plotLeft, barTop, width, barHeight);
            }
            bar.value = {metric.texts[size_t(series)],
                         QRectF(plotLeft + width + s.pad * 0.5, barTop, valueWidth, barHeight)};
            layout.bars.append(bar);
        }
        y += rowHeight + groupGap;
    }
    const qreal plotBottom = y - groupGap + std::round(groupGap / 2);
    layout.plot = QRectF(plotLeft, top, plotWidth, plotBottom - top);

    for (int tick = 0; tick < tickCount; ++tick) {
        const qreal x = std::round(plotLeft + plotWidth * tick / (tickCount - 1));
        layout.gridLines.append(QLineF(x, top, x, plotBottom));
        const qreal halfWidth = s.line * 2;
        QRectF rect(x - halfWidth, plotBottom + s.line * 0.2, 2 * halfWidth, s.line);
        if (rect.right() > size.width())
            rect.moveRight(size.width());
        layout.tickLabels.append({tickText(tick), rect, int(Qt::AlignHCenter | Qt::AlignTop)});
    }
    layout.axisTitle = {data.axisTitle, QRectF(plotLeft, plotBottom + s.line * 1.3, plotWidth, titleHeight),
                        int(Qt::AlignHCenter | Qt::AlignTop) | Qt::TextWordWrap};
    return layout;
}

QSizeF TransportChartLayout::naturalSize(const TransportChartData &data, const QFontMetricsF &fm)
{
    const Spacing s = spacingFor(fm);
    if (data.isEmpty())
        return {s.line * 24, s.line * 8};
    const qreal plotWidth = s.line * 18;
    const qreal width = 2 * s.pad + widestMetricName(data, fm) + s.pad + plotWidth + s.pad * 0.5
        + widestValueText(data, fm);
    const qreal groups = groupsHeight(data, naturalBarLines, widestMetricName(data, fm), fm);
    const qreal height = 2 * s.pad + s.line * 1.8 + groups + s.line * 1.3 + wrappedHeight(data.axisTitle, plotWidth, fm);
    return {std::ceil(width), std::ceil(height)};
}

QSizeF TransportChartLayout::minimumSize(const TransportChartData &data, const QFontMetricsF &fm)
{
    const Spacing s = spacingFor(fm);
    if (data.isEmpty())
        return {s.line * 12, s.line * 4};
    const qreal plotWidth = s.line * 6;
    const qreal labelWidth = std::min(widestMetricName(data, fm), s.line * 7);
    const qreal width = 2 * s.pad + labelWidth + s.pad + plotWidth + s.pad * 0.5 + widestValueText(data, fm);
    const qreal groups = groupsHeight(data, minBarLines, labelWidth, fm);
    // The legend may take two rows and the axis title two lines at the minimum width.
    const qreal height = 2 * s.pad + s.line * 3.1 + groups + s.line * 3.3;
    return {std::ceil(width), std::ceil(height)};
}

} // namespace wslab::app
