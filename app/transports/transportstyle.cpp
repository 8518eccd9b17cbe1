#include "app/transports/transportstyle.h"

#include "inspector/fieldcolors.h"

#include <QtMath>

namespace wslab::app {

using capture::Transport;

namespace {

qreal linear(qreal channel)
{
    return channel <= 0.03928 ? channel / 12.92 : qPow((channel + 0.055) / 1.055, 2.4);
}

qreal luminance(const QColor &c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

// The colour of this hue whose relative luminance is `target`, so the three bars are equally
// prominent (a yellow and a blue at one HSL lightness are not).
QColor withLuminance(int hue, qreal saturation, qreal target)
{
    qreal low = 0;
    qreal high = 1;
    for (int i = 0; i < 24; ++i) {
        const qreal mid = (low + high) / 2;
        if (luminance(QColor::fromHslF(hue / 360.0, saturation, mid)) < target)
            low = mid;
        else
            high = mid;
    }
    return QColor::fromHslF(hue / 360.0, saturation, (low + high) / 2);
}

} // namespace

int TransportStyle::indexOf(Transport transport) noexcept
{
    for (int i = 0; i < count; ++i) {
        if (order[size_t(i)] == transport)
            return i;
    }
    return -1;
}

QString TransportStyle::name(Transport transport)
{
    switch (transport) {
    case Transport::WebSocket: return tr("WebSocket");
    case Transport::LongPolling: return tr("Long polling");
    case Transport::Polling: return tr("Polling");
    case Transport::Http: break;
    }
    return tr("HTTP");
}

bool TransportStyle::isDark(const QPalette &palette) noexcept
{
    return inspector::FieldColors::isDark(palette);
}

QColor TransportStyle::color(Transport transport, const QPalette &palette)
{
    struct Hue
    {
        int hue;
        qreal saturation;
    };
    Hue h{0, 0};
    switch (transport) {
    case Transport::WebSocket: h = {208, 0.80}; break;
    case Transport::LongPolling: h = {32, 0.90}; break;
    case Transport::Polling: h = {300, 0.50}; break;
    case Transport::Http: h = {0, 0}; break;
    }
    const bool dark = isDark(palette);
    QColor color = withLuminance(h.hue, h.saturation, dark ? 0.32 : 0.20);
    // Whatever the palette's base really is, keep 3:1 against it.
    const QColor base = palette.color(QPalette::Base);
    for (int i = 0; i < 20 && inspector::FieldColors::contrastRatio(color, base) < 3.0; ++i)
        color = dark ? color.lighter(110) : color.darker(110);
    return color;
}

} // namespace wslab::app
