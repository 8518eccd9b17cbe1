#include "app/transports/transportchart.h"
#include "app/transports/transportchartlayout.h"

#include "inspector/fieldcolors.h"

#include <QFontDatabase>
#include <QImage>
#include <QTest>

using namespace wslab::app;
using wslab::capture::Transport;

namespace {

TransportChartData sampleData()
{
    TransportChartData data;
    // Two metrics with scales a factor 1000 apart: each is scaled on its own.
    data.metrics = {
        {QStringLiteral("Requests per second"), {6, 6.2, 3}, {QStringLiteral("6 /s"), QStringLiteral("6.2 /s"), QStringLiteral("3 /s")}},
        {QStringLiteral("Latency, median"), {1, 3, 480}, {QStringLiteral("1 ms"), QStringLiteral("3 ms"), QStringLiteral("480 ms")}},
        {QStringLiteral("Wasted"), {0, -1, 12}, {QStringLiteral("0"), QStringLiteral("–"), QStringLiteral("12")}},
    };
    data.seriesNames = {QStringLiteral("WebSocket"), QStringLiteral("Long polling"), QStringLiteral("Polling")};
    data.axisTitle = QStringLiteral("Bar length: share of the largest value of each metric");
    data.emptyText = QStringLiteral("Nothing yet");
    return data;
}

QFontMetricsF metrics()
{
    return QFontMetricsF(QFontDatabase::systemFont(QFontDatabase::GeneralFont));
}

int countNear(const QImage &image, const QColor &color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - color.red()) <= 2 && qAbs(c.green() - color.green()) <= 2
                && qAbs(c.blue() - color.blue()) <= 2)
                ++n;
        }
    }
    return n;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    return p;
}

} // namespace

class tst_TransportChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutKeepsEverythingInside_data();
    void layoutKeepsEverythingInside();
    void barsAreScaledPerMetric();
    void missingAndZeroValuesHaveNoBarButKeepTheirText();
    void labelsLegendAndTicksArePlaced();
    void longNamesMakeTheirGroupTaller();
    void emptyDataShowsTheEmptyText();
    void rendersEveryTransportColour_data();
    void rendersEveryTransportColour();
    void coloursStandApartFromTheBase_data();
    void coloursStandApartFromTheBase();
};

void tst_TransportChart::layoutKeepsEverythingInside_data()
{
    QTest::addColumn<QSizeF>("size");
    const QSizeF natural = TransportChartLayout::naturalSize(sampleData(), metrics());
    const QSizeF minimum = TransportChartLayout::minimumSize(sampleData(), metrics());
    QTest::addRow("natural %dx%d", int(natural.width()), int(natural.height())) << natural;
    QTest::addRow("minimum %dx%d", int(minimum.width()), int(minimum.height())) << minimum;
    QTest::addRow("wide 1400x700") << QSizeF(1400, 700);
    QTest::addRow("minimum width, tall") << QSizeF(minimum.width(), 900);
}

void tst_TransportChart::layoutKeepsEverythingInside()
{
    QFETCH(QSizeF, size);
    const TransportChartData data = sampleData();
    const auto layout = TransportChartLayout::compute(data, size, metrics());
    const QRectF bounds(QPointF(0, 0), size);
    QCOMPARE(layout.bars.size(), data.metrics.size() * TransportStyle::count);
    for (const auto &bar : layout.bars) {
        if (!bar.rect.isNull())
            QCOMPARE(bar.rect.left(), layout.plot.left()); // every bar grows from the axis
        if (!bar.rect.isEmpty()) {
            QVERIFY2(layout.plot.adjusted(-0.5, -0.5, 0.5, 0.5).contains(bar.rect),
                     qPrintable(QStringLiteral("bar %1/%2 leaves the plot").arg(bar.metric).arg(bar.series)));
        }
        QVERIFY(bounds.contains(bar.value.rect.topLeft()));
        // The value text fits beside the longest bar.
        QVERIFY2(bar.value.rect.left() + metrics().horizontalAdvance(bar.value.text) <= size.width() + 0.5,
                 qPrintable(bar.value.text));
    }
    // Bars of one group never overlap.
    for (qsizetype i = 1; i < layout.bars.size(); ++i) {
        const auto &a = layout.bars.at(i - 1);
        const auto &b = layout.bars.at(i);
        QVERIFY(b.value.rect.top() >= a.value.rect.bottom());
    }
    for (const auto &label : layout.metricLabels)
        QVERIFY(label.rect.right() <= layout.plot.left());
    for (const auto &entry : layout.legend)
        QVERIFY(bounds.contains(entry.label.rect.topLeft()));
    QVERIFY(layout.axisTitle.rect.top() >= layout.plot.bottom());
}

void tst_TransportChart::barsAreScaledPerMetric()
{
    const TransportChartData data = sampleData();
    const auto layout = TransportChartLayout::compute(data, QSizeF(800, 500), metrics());
    for (int m = 0; m < data.metrics.size(); ++m) {
        double largest = 0;
        for (double v : data.metrics.at(m).values)
            largest = std::max(largest, v);
        for (const auto &bar : layout.bars) {
            if (bar.metric != m || bar.rect.isNull())
                continue;
            const double value = data.metrics.at(m).values[size_t(bar.series)];
            QCOMPARE(bar.fraction, value / largest);
            if (value == largest)
                QCOMPARE(bar.rect.width(), layout.plot.width()); // the largest spans the plot
            else if (value > 0)
                QVERIFY(qAbs(bar.rect.width() - std::max(2.0, bar.fraction * layout.plot.width())) < 0.01);
        }
    }
    // 1 ms beside 480 ms: a tiny but visible bar.
    const auto &webSocketLatency = layout.bars.at(1 * TransportStyle::count + 0);
    QCOMPARE(webSocketLatency.rect.width(), 2.0);
}

void tst_TransportChart::missingAndZeroValuesHaveNoBarButKeepTheirText()
{
    const auto layout = TransportChartLayout::compute(sampleData(), QSizeF(800, 500), metrics());
    const auto &zero = layout.bars.at(2 * TransportStyle::count + 0);
    const auto &missing = layout.bars.at(2 * TransportStyle::count + 1);
    QCOMPARE(zero.rect.width(), 0.0);
    QCOMPARE(zero.value.text, QStringLiteral("0"));
    QVERIFY(missing.rect.isNull());
    QCOMPARE(missing.value.text, QStringLiteral("–"));
    QVERIFY(missing.value.rect.left() >= layout.plot.left());
}

void tst_TransportChart::labelsLegendAndTicksArePlaced()
{
    const TransportChartData data = sampleData();
    const auto layout = TransportChartLayout::compute(data, QSizeF(800, 500), metrics());
    QCOMPARE(layout.metricLabels.size(), data.metrics.size());
    for (int m = 0; m < data.metrics.size(); ++m) {
        QCOMPARE(layout.metricLabels.at(m).text, data.metrics.at(m).name);
        // The label is level with its group's middle bar.
        const QRectF middle = layout.bars.at(m * TransportStyle::count + 1).value.rect;
        QVERIFY(layout.metricLabels.at(m).rect.contains(QPointF(layout.metricLabels.at(m).rect.center().x(), middle.center().y())));
    }
    QCOMPARE(layout.legend.size(), TransportStyle::count);
    for (int i = 0; i < TransportStyle::count; ++i) {
        QCOMPARE(layout.legend.at(i).series, i);
        QCOMPARE(layout.legend.at(i).label.text, data.seriesNames[size_t(i)]);
        QVERIFY(layout.legend.at(i).swatch.bottom() <= layout.plot.top());
    }
    QCOMPARE(layout.tickLabels.size(), TransportChartLayout::tickCount);
    QCOMPARE(layout.gridLines.size(), TransportChartLayout::tickCount);
    QCOMPARE(layout.tickLabels.first().text, QStringLiteral("0%"));
    QCOMPARE(layout.tickLabels.last().text, QStringLiteral("100%"));
    QCOMPARE(layout.gridLines.first().x1(), std::round(layout.plot.left()));
    QCOMPARE(layout.gridLines.last().x1(), std::round(layout.plot.right()));
    QCOMPARE(layout.axisTitle.text, data.axisTitle);
    QVERIFY(layout.emptyText.text.isEmpty());
}

void tst_TransportChart::longNamesMakeTheirGroupTaller()
{
    TransportChartData data = sampleData();
    data.metrics[0].name = QStringLiteral("A rather long metric name that has to wrap over several lines here");
    const QSizeF size(TransportChartLayout::minimumSize(data, metrics()).width(), 600);
    const auto layout = TransportChartLayout::compute(data, size, metrics());
    const auto &label = layout.metricLabels.first();
    const QRectF needed = metrics().boundingRect(QRectF(0, 0, label.rect.width(), 1e6), Qt::TextWordWrap, label.text);
    QVERIFY(needed.height() > metrics().height() * 3); // it does wrap
    QVERIFY(label.rect.height() >= needed.height());
    // The next group starts below the tall label.
    QVERIFY(layout.metricLabels.at(1).rect.top() >= label.rect.bottom());
    QVERIFY(layout.bars.at(TransportStyle::count).rect.top() >= label.rect.bottom());
}

void tst_TransportChart::emptyDataShowsTheEmptyText()
{
    TransportChartData data;
    data.emptyText = QStringLiteral("Nothing yet");
    const auto layout = TransportChartLayout::compute(data, QSizeF(400, 200), metrics());
    QVERIFY(layout.bars.isEmpty());
    QVERIFY(layout.legend.isEmpty());
    QCOMPARE(layout.emptyText.text, data.emptyText);
    QVERIFY(QRectF(0, 0, 400, 200).contains(layout.emptyText.rect));

    TransportChart chart;
    QVERIFY(chart.data().isEmpty());
    QVERIFY(!chart.data().emptyText.isEmpty()); // a default, translated text
}

void tst_TransportChart::rendersEveryTransportColour_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void tst_TransportChart::rendersEveryTransportColour()
{
    QFETCH(bool, dark);
    TransportChart chart;
    if (dark)
        chart.setPalette(darkPalette());
    chart.setData(sampleData());
    chart.resize(chart.sizeHint());
    const QImage image = chart.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(!image.isNull());
    const QColor base = chart.palette().color(QPalette::Base);
    const int area = image.width() * image.height();
    QVERIFY2(countNear(image, base) < area, "blank image");
    for (const Transport transport : TransportStyle::order) {
        const QColor color = TransportStyle::color(transport, chart.palette());
        // At least the legend swatch and one full-width bar's worth of pixels.
        QVERIFY2(countNear(image, color) > image.width() / 3,
                 qPrintable(TransportStyle::name(transport) + QLatin1String(" missing")));
    }
    // Some text was drawn in the palette's text colour.
    QVERIFY(countNear(image, chart.palette().color(QPalette::Text)) > 50);
}

void tst_TransportChart::coloursStandApartFromTheBase_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addRow("light") << QPalette(QColor(Qt::white));
    QTest::addRow("dark") << darkPalette();
}

void tst_TransportChart::coloursStandApartFromTheBase()
{
    QFETCH(QPalette, palette);
    for (const Transport transport : TransportStyle::order) {
        const QColor color = TransportStyle::color(transport, palette);
        QVERIFY2(wslab::inspector::FieldColors::contrastRatio(color, palette.color(QPalette::Base)) >= 3.0,
                 qPrintable(color.name()));
    }
    // Three different colours.
    QVERIFY(TransportStyle::color(Transport::WebSocket, palette) != TransportStyle::color(Transport::Polling, palette));
    QVERIFY(TransportStyle::color(Transport::LongPolling, palette) != TransportStyle::color(Transport::Polling, palette));
}

QTEST_MAIN(tst_TransportChart)
#include "tst_transportchart.moc"
