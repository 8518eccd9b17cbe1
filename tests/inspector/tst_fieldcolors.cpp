#include "inspector/fieldcolors.h"

#include <QTest>

using namespace wslab;
using wslab::inspector::FieldColors;
using protocol::FieldId;

namespace {

QPalette paletteWith(QColor base, QColor text)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    return palette;
}

const QList<FieldId> allFields{FieldId::Fin, FieldId::Rsv1, FieldId::Rsv2, FieldId::Rsv3, FieldId::Opcode,
                               FieldId::Mask, FieldId::PayloadLength, FieldId::ExtendedPayloadLength16,
                               FieldId::ExtendedPayloadLength64, FieldId::MaskingKey, FieldId::Payload};

} // namespace

class TestFieldColors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readableOnEveryPalette_data();
    void readableOnEveryPalette();
    void neighbouringFieldsDiffer_data();
    void neighbouringFieldsDiffer();
    void contrastRatioMatchesWcag();
};

void TestFieldColors::readableOnEveryPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << paletteWith(Qt::white, Qt::black) << false;
    QTest::addRow("light, grey text") << paletteWith(QColor(0xfa, 0xfa, 0xfa), QColor(0x44, 0x44, 0x44)) << false;
    QTest::addRow("dark") << paletteWith(QColor(0x1e, 0x1e, 0x1e), QColor(0xe0, 0xe0, 0xe0)) << true;
    QTest::addRow("dark, dim text") << paletteWith(QColor(0x2b, 0x2b, 0x2b), QColor(0xbb, 0xbb, 0xbb)) << true;
}

void TestFieldColors::readableOnEveryPalette()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, dark);
    QCOMPARE(FieldColors::isDark(palette), dark);
    for (FieldId field : allFields) {
        const QColor fill = FieldColors::fill(field, palette);
        const qreal textContrast = FieldColors::contrastRatio(fill, FieldColors::text(palette));
        QVERIFY2(textContrast >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3 = %4")
                                                         .arg(protocol::fieldName(field), palette.color(QPalette::Text).name(),
                                                              fill.name())
                                                         .arg(textContrast)));
        // The fill must still show against the background it sits on.
        QVERIFY(FieldColors::contrastRatio(fill, palette.color(QPalette::Base)) > 1.1);
    }
    const QColor secondary = FieldColors::secondaryText(palette);
    QVERIFY(FieldColors::contrastRatio(secondary, palette.color(QPalette::Base)) >= 4.5);
    QVERIFY(secondary != palette.color(QPalette::Text));
}

void TestFieldColors::neighbouringFieldsDiffer_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addRow("light") << paletteWith(Qt::white, Qt::black);
    QTest::addRow("dark") << paletteWith(QColor(0x1e, 0x1e, 0x1e), QColor(0xe0, 0xe0, 0xe0));
}

void TestFieldColors::neighbouringFieldsDiffer()
{
    QFETCH(QPalette, palette);
    // Wire order of the fields that can be next to each other (RSV1-3 share one colour on purpose,
    // as do the two extended lengths, which never appear together).
    const QList<FieldId> order{FieldId::Fin, FieldId::Rsv1, FieldId::Opcode, FieldId::Mask, FieldId::PayloadLength,
                               FieldId::ExtendedPayloadLength16, FieldId::MaskingKey, FieldId::Payload};
    for (qsizetype i = 1; i < order.size(); ++i) {
        const QColor a = FieldColors::fill(order[i - 1], palette);
        const QColor b = FieldColors::fill(order[i], palette);
        QVERIFY2(a != b, protocol::fieldName(order[i]));
        QVERIFY(FieldColors::strong(order[i], palette) != b);
    }
}

void TestFieldColors::contrastRatioMatchesWcag()
{
    QCOMPARE(FieldColors::contrastRatio(Qt::black, Qt::white), 21.0);
    QCOMPARE(FieldColors::contrastRatio(Qt::white, Qt::white), 1.0);
    // #777 on white is the classic just-below-AA example: 4.48:1.
    QVERIFY(qAbs(FieldColors::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
}

QTEST_MAIN(TestFieldColors)
#include "tst_fieldcolors.moc"
