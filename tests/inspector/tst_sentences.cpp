#include "inspector/sentences.h"

#include <QTest>

using wslab::inspector::Sentences;

class TestSentences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void joinsTheWayTheScriptDoes_data();
    void joinsTheWayTheScriptDoes();
};

void TestSentences::joinsTheWayTheScriptDoes_data()
{
    QTest::addColumn<QStringList>("parts");
    QTest::addColumn<QString>("expected");
    QTest::addRow("two English sentences") << QStringList{"It is in use.", "Port 8003 is free."}
                                           << QStringLiteral("It is in use. Port 8003 is free.");
    QTest::addRow("English remark") << QStringList{"300 bytes", "(truncated)"} << QStringLiteral("300 bytes (truncated)");
    QTest::addRow("after a Chinese full stop") << QStringList{"地址已被使用。", "端口 8003 是空闲的。"}
                                               << QStringLiteral("地址已被使用。端口 8003 是空闲的。");
    QTest::addRow("full-width parenthesis") << QStringList{"300 字节", "（已截断）"} << QStringLiteral("300 字节（已截断）");
    QTest::addRow("Chinese after an English system message")
            << QStringList{"The address is in use.", "端口 8003 是空闲的。"}
            << QStringLiteral("The address is in use. 端口 8003 是空闲的。");
    QTest::addRow("empty parts vanish") << QStringList{"", "One.", "", "Two."} << QStringLiteral("One. Two.");
    QTest::addRow("nothing") << QStringList{} << QString();
}

void TestSentences::joinsTheWayTheScriptDoes()
{
    QFETCH(QStringList, parts);
    QFETCH(QString, expected);
    QCOMPARE(Sentences::joined(parts), expected);
}

QTEST_MAIN(TestSentences)
#include "tst_sentences.moc"
