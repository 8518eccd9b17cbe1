#include "app/mainwindow/paletteiconengine.h"
#include "app/darkpalette.h"

#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QTest>

using wslab::app::PaletteIconEngine;

namespace {

constexpr int side = 32;

QImage transparent()
{
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    return image;
}

// A pause sign in near-black with antialiased edges, as a style draws it.
QImage darkGlyph()
{
    QImage image = transparent();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1f, 0x1f, 0x1f));
    painter.drawRoundedRect(QRectF(7.5, 5.5, 6, 21), 1.5, 1.5);
    painter.drawRoundedRect(QRectF(18.5, 5.5, 6, 21), 1.5, 1.5);
    return image;
}

QImage greenArrow()
{
    QImage image = transparent();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(0x2e, 0x8b, 0x22));
    painter.setPen(QPen(QColor(0x1b, 0x5e, 0x14), 1.5));
    painter.drawEllipse(QRectF(2, 2, 28, 28));
    painter.setPen(QPen(Qt::white, 3));
    painter.drawLine(16, 8, 16, 24);
    return image;
}

// A document: white page, dark outline. Grey, but not one tone: it reads on any background.
QImage page()
{
    QImage image = transparent();
    QPainter painter(&image);
    painter.setBrush(Qt::white);
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 2));
    painter.drawRect(QRectF(6, 3, 20, 26));
    return image;
}

double luminance(const QColor &color)
{
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
}

// Mean luminance of the pixels at least half opaque; -1 when there are none.
double opaqueLuminance(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor color = image.pixelColor(x, y);
            if (color.alpha() < 128)
                continue;
            sum += luminance(color);
            ++count;
        }
    }
    return count == 0 ? -1 : sum / count;
}

} // namespace

// Glyph icons (one grey tone) follow the palette's text colour; coloured icons stay as drawn.
class tst_PaletteIconEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void recognisesGlyphs_data();
    void recognisesGlyphs();
    void tintKeepsTheShape();
    void glyphFollowsThePalette();
    void disabledGlyphTakesTheDisabledColour();
    void colouredIconIsUntouched();
};

void tst_PaletteIconEngine::cleanup()
{
    QApplication::setPalette(QPalette());
}

void tst_PaletteIconEngine::recognisesGlyphs_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<bool>("glyph");
    QTest::addRow("dark pause sign") << darkGlyph() << true;
    QTest::addRow("green arrow") << greenArrow() << false;
    QTest::addRow("white page, dark outline") << page() << false;
    QTest::addRow("nothing drawn") << transparent() << false;
}

void tst_PaletteIconEngine::recognisesGlyphs()
{
    QFETCH(QImage, image);
    QFETCH(bool, glyph);
    QCOMPARE(PaletteIconEngine::isGlyph(image), glyph);
}

void tst_PaletteIconEngine::tintKeepsTheShape()
{
    const QImage glyph = darkGlyph().convertToFormat(QImage::Format_ARGB32);
    const QImage tinted = PaletteIconEngine::tinted(glyph, QColor(0xe8, 0xe8, 0xe8));
    QCOMPARE(tinted.size(), glyph.size());
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            QCOMPARE(qAlpha(tinted.pixel(x, y)), qAlpha(glyph.pixel(x, y)));
            if (qAlpha(glyph.pixel(x, y)) > 0)
                QCOMPARE(tinted.pixelColor(x, y).rgb(), QColor(0xe8, 0xe8, 0xe8).rgb());
        }
    }
}

void tst_PaletteIconEngine::glyphFollowsThePalette()
{
    const QIcon icon = PaletteIconEngine::icon(QIcon(QPixmap::fromImage(darkGlyph())));
    const QPalette dark = darkPalette();
    QApplication::setPalette(dark);
    const double onDark = opaqueLuminance(icon.pixmap(side, side));
    QVERIFY2(onDark > luminance(dark.color(QPalette::Window)) + 0.3, qPrintable(QString::number(onDark)));

    // Back to a light palette: the same icon is dark again, without being made anew.
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::WindowText, Qt::black);
    QApplication::setPalette(light);
    const double onLight = opaqueLuminance(icon.pixmap(side, side));
    QVERIFY2(onLight < luminance(light.color(QPalette::Window)) - 0.3, qPrintable(QString::number(onLight)));
}

void tst_PaletteIconEngine::disabledGlyphTakesTheDisabledColour()
{
    const QIcon icon = PaletteIconEngine::icon(QIcon(QPixmap::fromImage(darkGlyph())));
    QApplication::setPalette(darkPalette());
    const double disabled = opaqueLuminance(icon.pixmap(side, side, QIcon::Disabled));
    QCOMPARE(qRound(disabled * 255), qRound(luminance(QColor(0x80, 0x80, 0x80)) * 255));
}

void tst_PaletteIconEngine::colouredIconIsUntouched()
{
    const QImage arrow = greenArrow();
    const QIcon icon = PaletteIconEngine::icon(QIcon(QPixmap::fromImage(arrow)));
    QApplication::setPalette(darkPalette());
    const QImage drawn = icon.pixmap(side, side).toImage().convertToFormat(arrow.format());
    QCOMPARE(drawn, arrow);
}

QTEST_MAIN(tst_PaletteIconEngine)
#include "tst_paletteiconengine.moc"
