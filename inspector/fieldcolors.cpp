#include "fieldcolors.h"

#include <QtMath>

namespace wslab::inspector {

using protocol::FieldId;

namespace {

// Hues chosen so neighbouring fields differ: FIN red, RSV violet, opcode blue, MASK orange,
// lengths green (the 16/64-bit extension a teal close to the 7-bit field: they are one number),
// key yellow, payload grey-blue with little saturation (it is the bulk of the bytes).
struct Hue
{
    int hue;
    qreal saturation;
};

Hue hueOf(FieldId field)
{
    switch (field) {
    case FieldId::Fin: return {0, 0.70};
    case FieldId::Rsv1:
    case FieldId::Rsv2:
    case FieldId::Rsv3: return {280, 0.45};
    case FieldId::Opcode: return {215, 0.75};
    case FieldId::Mask: return {30, 0.85};
    case FieldId::PayloadLength: return {120, 0.55};
    case FieldId::ExtendedPayloadLength16:
    case FieldId::ExtendedPayloadLength64: return {165, 0.60};
    case FieldId::MaskingKey: return {52, 0.85};
    case FieldId::Payload: return {200, 0.18};
    }
    return {0, 0};
}

qreal linear(qreal channel)
{
    return channel <= 0.03928 ? channel / 12.92 : qPow((channel + 0.055) / 1.055, 2.4);
}

qreal luminance(const QColor &c)
{
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

// The colour of this hue and saturation whose relative luminance is `target`: equal luminance
// keeps every field equally readable (a yellow and a blue at one HSL lightness are not).
QColor withLuminance(const Hue &h, qreal target)
{
    qreal low = 0;
    qreal high = 1;
    for (int i = 0; i < 24; ++i) {
        const qreal mid = (low + high) / 2;
        if (luminance(QColor::fromHslF(h.hue / 360.0, h.saturation, mid)) < target)
            low = mid;
        else
            high = mid;
    }
    return QColor::fromHslF(h.hue / 360.0, h.saturation, (low + high) / 2);
}

} // namespace

bool FieldColors::isDark(const QPalette &palette) noexcept
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor FieldColors::text(const QPalette &palette)
{
    return palette.color(QPalette::Text);
}

QColor FieldColors::fill(FieldId field, const QPalette &palette)
{
    const bool dark = isDark(palette);
    QColor color = withLuminance(hueOf(field), dark ? 0.045 : 0.60);
    // Keep at least 4.5:1 against the text colour (WCAG AA), whatever the palette's text is.
    const QColor ink = text(palette);
    for (int i = 0; i < 20 && contrastRatio(color, ink) < 4.5; ++i)
        color = dark ? color.darker(110) : color.lighter(104);
    return QColor(color.rgb()); // 8 bits per channel, as painted
}

QColor FieldColors::strong(FieldId field, const QPalette &palette)
{
    const Hue h = hueOf(field);
    const bool dark = isDark(palette);
    return QColor::fromHslF(h.hue / 360.0, std::min(1.0, h.saturation + 0.2), dark ? 0.62 : 0.40).rgb();
}

QColor FieldColors::secondaryText(const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    for (qreal t = 0.45; t > 0; t -= 0.05) {
        const QColor mixed = QColor::fromRgbF(ink.redF() + (base.redF() - ink.redF()) * t,
                                              ink.greenF() + (base.greenF() - ink.greenF()) * t,
                                              ink.blueF() + (base.blueF() - ink.blueF()) * t);
        if (contrastRatio(mixed, base) >= 4.5)
            return QColor(mixed.rgb());
    }
    return ink;
}

QString FieldColors::cssName(FieldId field, const QPalette &palette)
{
    return fill(field, palette).name(QColor::HexRgb);
}

qreal FieldColors::contrastRatio(const QColor &a, const QColor &b) noexcept
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace wslab::inspector
