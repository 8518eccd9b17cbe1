#pragma once

#include "app/transports/transportchartlayout.h"

#include <QWidget>

namespace wslab::app {

// The comparison as grouped horizontal bars, painted from TransportChartLayout (which it never
// second-guesses) in palette colours, so it follows light and dark themes.
class TransportChart : public QWidget
{
    Q_OBJECT
public:
    explicit TransportChart(QWidget *parent = nullptr);

    [[nodiscard]] const TransportChartData &data() const noexcept { return m_data; }
    [[nodiscard]] TransportChartLayout currentLayout() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return false; }

public Q_SLOTS:
    // Series names, axis title and empty text are filled in when left empty.
    void setData(const wslab::app::TransportChartData &data);
    void clear();

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fillDefaults();

    TransportChartData m_data;
    bool m_defaultSeries = true;
    bool m_defaultAxisTitle = true;
    bool m_defaultEmptyText = true;
};

} // namespace wslab::app
