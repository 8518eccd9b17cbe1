#include "app/mainwindow/languagemanager.h"

#include <QCoreApplication>
#include <QTest>

using namespace wslab::app;

// Counts read as English in English ("1 frame", "12 frames"), and Chinese keeps its own strings.
class tst_EnglishPlurals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsReadAsEnglish_data();
    void countsReadAsEnglish();
    void chineseKeepsItsStrings();
};

void tst_EnglishPlurals::countsReadAsEnglish_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::addRow("none") << 0 << QStringLiteral("0 bytes in all.");
    QTest::addRow("one") << 1 << QStringLiteral("1 byte in all.");
    QTest::addRow("many") << 23 << QStringLiteral("23 bytes in all.");
}

void tst_EnglishPlurals::countsReadAsEnglish()
{
    QFETCH(int, count);
    QFETCH(QString, expected);
    LanguageManager language;
    language.setLanguage(QStringLiteral("en"));
    // A string of the app's, as its frame editor says it.
    QCOMPARE(QCoreApplication::translate("wslab::app::FrameEditDialog", "%n byte(s) in all.", nullptr, count), expected);
    // Strings without a count, or without the marker, are left to whoever else answers.
    QCOMPARE(QCoreApplication::translate("wslab::app::FrameEditDialog", "&Payload:"), QStringLiteral("&Payload:"));
}

void tst_EnglishPlurals::chineseKeepsItsStrings()
{
    LanguageManager language;
    QVERIFY(language.setLanguage(QStringLiteral("zh_CN")));
    const QString text = QCoreApplication::translate("wslab::app::FrameEditDialog", "%n byte(s) in all.", nullptr, 1);
    QVERIFY2(!text.contains(QLatin1String("byte")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1Char('1')), qPrintable(text));
    language.setLanguage(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("wslab::app::FrameEditDialog", "%n byte(s) in all.", nullptr, 1),
             QStringLiteral("1 byte in all."));
}

QTEST_MAIN(tst_EnglishPlurals)
#include "tst_englishplurals.moc"
