#include "app/transports/transportchart.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace wslab::app {

TransportChart::TransportChart(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    fillDefaults();
}

void TransportChart::setData(const TransportChartData &data)
{
    m_data = data;
    m_defaultSeries = std::all_of(data.seriesNames.cbegin(), data.seriesNames.cend(),
                                  [](const QString &name) { return name.isEmpty(); });
    m_defaultAxisTitle = data.axisTitle.isEmpty();
    m_defaultEmptyText = data.emptyText.isEmpty();
    fillDefaults();
    updateGeometry();
    update();
}

void TransportChart::clear()
{
    TransportChartData empty;
    if (!m_defaultEmptyText)
        empty.emptyText = m_data.emptyText;
    setData(empty);
}

void TransportChart::fillDefaults()
{
    if (m_defaultSeries) {
        for (int i = 0; i < TransportStyle::count; ++i)
            m_data.seriesNames[size_t(i)] = TransportStyle::name(TransportStyle::order[size_t(i)]);
    }
    if (m_defaultAxisTitle)
        m_data.axisTitle = tr("Bar length: share of the largest value of each metric");
    if (m_defaultEmptyText)
        m_data.emptyText = tr("No comparison yet: run the demo to measure the three transports.");
}

TransportChartLayout TransportChart::currentLayout() const
{
    return TransportChartLayout::compute(m_data, size(), QFontMetricsF(font()));
}

QSize TransportChart::sizeHint() const
{
    return TransportChartLayout::naturalSize(m_data, QFontMetricsF(font())).toSize();
}

QSize TransportChart::minimumSizeHint() const
{
    return TransportChartLayout::minimumSize(m_data, QFontMetricsF(font())).toSize();
}

void TransportChart::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        fillDefaults();
        update();
        break;
    case QEvent::FontChange:
        updateGeometry();
        update();
        break;
    case QEvent::PaletteChange:
        update();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void TransportChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const TransportChartLayout layout = currentLayout();
    const QColor ink = pal.color(QPalette::Text);
    QColor faint = ink;
    faint.setAlphaF(0.65);

    if (m_data.isEmpty()) {
        painter.setPen(faint);
        painter.drawText(layout.emptyText.rect, layout.emptyText.flags, layout.emptyText.text);
        return;
    }

    // Grid first, so bars cover it.
    QColor grid = ink;
    grid.setAlphaF(0.16);
    painter.setPen(QPen(grid, 1));
    for (const QLineF &line : layout.gridLines)
        painter.drawLine(line.translated(0.5, 0));

    painter.setRenderHint(QPainter::Antialiasing);
    for (const auto &bar : layout.bars) {
        if (bar.rect.isEmpty())
            continue;
        const QColor fill = TransportStyle::color(TransportStyle::order[size_t(bar.series)], pal);
        QPainterPath path;
        const qreal radius = std::min<qreal>(3, bar.rect.height() / 4);
        path.addRoundedRect(bar.rect, radius, radius);
        painter.fillPath(path, fill);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);

    // The value axis starts at the plot's left edge.
    painter.setPen(QPen(ink, 1));
    painter.drawLine(QLineF(layout.plot.left() + 0.5, layout.plot.top(), layout.plot.left() + 0.5, layout.plot.bottom()));

    for (const auto &bar : layout.bars)
        painter.drawText(bar.value.rect, bar.value.flags, bar.value.text);
    for (const auto &label : layout.metricLabels)
        painter.drawText(label.rect, label.flags, label.text);
    for (const auto &entry : layout.legend) {
        painter.fillRect(entry.swatch, TransportStyle::color(TransportStyle::order[size_t(entry.series)], pal));
        painter.drawText(entry.label.rect, entry.label.flags, entry.label.text);
    }
    painter.setPen(faint);
    for (const auto &tick : layout.tickLabels)
        painter.drawText(tick.rect, tick.flags, tick.text);
    painter.drawText(layout.axisTitle.rect, layout.axisTitle.flags, layout.axisTitle.text);
}

} // namespace wslab::app
