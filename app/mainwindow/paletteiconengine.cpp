#include "app/mainwindow/paletteiconengine.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <cmath>

namespace wslab::app {

namespace {

// Pixels at least half opaque decide; antialiased edges carry the background's blend.
constexpr int visibleAlpha = 128;
// HSV saturation (0-255) up to which a pixel counts as grey.
constexpr int greySaturation = 48;
// Standard deviation of lightness (0-1) up to which the pixels are one tone: a glyph with soft
// edges stays near 0.06, a white page with a dark outline reaches 0.18.
constexpr double oneTone = 0.1;

QColor glyphColor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::Active, QPalette::WindowText);
}

} // namespace

PaletteIconEngine::PaletteIconEngine(QIcon source)
    : m_source(std::move(source))
{
}

QIcon PaletteIconEngine::icon(const QIcon &source)
{
    return QIcon(new PaletteIconEngine(source));
}

bool PaletteIconEngine::isGlyph(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    double sumOfSquares = 0;
    int count = 0;
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(line[x]) < visibleAlpha)
                continue;
            const QColor color = QColor::fromRgb(line[x]);
            if (color.hsvSaturation() > greySaturation)
                return false;
            const double lightness = color.lightnessF();
            sum += lightness;
            sumOfSquares += lightness * lightness;
            ++count;
        }
    }
    if (count == 0)
        return false;
    const double mean = sum / count;
    return std::sqrt(std::max(0.0, sumOfSquares / count - mean * mean)) <= oneTone;
}

QImage PaletteIconEngine::tinted(const QImage &image, const QColor &color)
{
    QImage result = image.convertToFormat(QImage::Format_ARGB32);
    const QRgb rgb = color.rgb();
    for (int y = 0; y < result.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x)
            line[x] = qRgba(qRed(rgb), qGreen(rgb), qBlue(rgb), qAlpha(line[x]) * color.alpha() / 255);
    }
    return result;
}

bool PaletteIconEngine::isGlyphCached(const QPixmap &pixmap)
{
    const auto found = m_glyph.constFind(pixmap.cacheKey());
    if (found != m_glyph.constEnd())
        return *found;
    const bool glyph = isGlyph(pixmap.toImage());
    m_glyph.insert(pixmap.cacheKey(), glyph);
    return glyph;
}

QPixmap PaletteIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale)
{
    const QPixmap normal = m_source.pixmap(size, scale, QIcon::Normal, state);
    if (normal.isNull() || !isGlyphCached(normal))
        return m_source.pixmap(size, scale, mode, state);
    QPixmap result = QPixmap::fromImage(tinted(normal.toImage(), glyphColor(mode)));
    result.setDevicePixelRatio(normal.devicePixelRatio());
    return result;
}

QPixmap PaletteIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return scaledPixmap(size, mode, state, 1.0);
}

void PaletteIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, scale));
}

QSize PaletteIconEngine::actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state)
{
    return m_source.actualSize(size, mode, state);
}

QList<QSize> PaletteIconEngine::availableSizes(QIcon::Mode mode, QIcon::State state)
{
    return m_source.availableSizes(mode, state);
}

QString PaletteIconEngine::iconName()
{
    return m_source.name();
}

bool PaletteIconEngine::isNull()
{
    return m_source.isNull();
}

QString PaletteIconEngine::key() const
{
    return QStringLiteral("wslab::app::PaletteIconEngine");
}

QIconEngine *PaletteIconEngine::clone() const
{
    return new PaletteIconEngine(m_source);
}

} // namespace wslab::app
