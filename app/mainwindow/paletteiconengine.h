#pragma once

#include <QHash>
#include <QIcon>
#include <QIconEngine>

QT_BEGIN_NAMESPACE
class QImage;
QT_END_NAMESPACE

namespace wslab::app {

// Draws a glyph icon (one grey tone on transparency: a pause bar, an arrow, a cross) in the
// application palette's text colour, so it stays visible when the system palette is dark; icons in
// colour are drawn as they are. The colour is read when the icon is drawn, so a palette change
// (which repaints every widget) needs no new icons.
class PaletteIconEngine : public QIconEngine
{
public:
    explicit PaletteIconEngine(QIcon source);

    [[nodiscard]] static QIcon icon(const QIcon &source);

    // Every clearly visible pixel grey and of about the same lightness.
    [[nodiscard]] static bool isGlyph(const QImage &image);
    // The image's shape (alpha) in `color`.
    [[nodiscard]] static QImage tinted(const QImage &image, const QColor &color);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override;
    QString iconName() override;
    bool isNull() override;
    QString key() const override;
    QIconEngine *clone() const override;

private:
    [[nodiscard]] bool isGlyphCached(const QPixmap &pixmap);

    QIcon m_source;
    QHash<qint64, bool> m_glyph; // by the source pixmap's cache key
};

} // namespace wslab::app
