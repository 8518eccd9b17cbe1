#include "app/lessons/lessonpath.h"
#include "app/lessons/lessonprogress.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace wslab::app;

// Progress survives a restart, per language, and a reset forgets one language only.
class tst_LessonProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void doneTasksSurviveARestart();
    void eachLanguageHasItsOwnProgress();
    void resetForgetsTheCurrentLanguageOnly();
    void countsPerLessonAndOverall();

private:
    [[nodiscard]] std::unique_ptr<LessonProgress> open(const QString &language) const
    {
        return std::make_unique<LessonProgress>(
                std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat),
                language);
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_LessonProgress::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_LessonProgress::doneTasksSurviveARestart()
{
    {
        auto progress = open(QStringLiteral("en"));
        QVERIFY(progress->markDone(QStringLiteral("length.16")));
        QVERIFY(!progress->markDone(QStringLiteral("length.16"))); // once
    }
    auto again = open(QStringLiteral("en"));
    QVERIFY(again->isDone(QStringLiteral("length.16")));
    QVERIFY(!again->isDone(QStringLiteral("length.7")));
}

void tst_LessonProgress::eachLanguageHasItsOwnProgress()
{
    auto progress = open(QStringLiteral("en"));
    progress->markDone(QStringLiteral("masking.xor"));
    progress->setLanguage(QStringLiteral("zh_CN"));
    QVERIFY(!progress->isDone(QStringLiteral("masking.xor")));
    progress->markDone(QStringLiteral("closing.sent"));
    progress->setLanguage(QStringLiteral("en"));
    QVERIFY(progress->isDone(QStringLiteral("masking.xor")));
    QVERIFY(!progress->isDone(QStringLiteral("closing.sent")));
}

void tst_LessonProgress::resetForgetsTheCurrentLanguageOnly()
{
    {
        auto chinese = open(QStringLiteral("zh_CN"));
        chinese->markDone(QStringLiteral("header.frame"));
        auto english = open(QStringLiteral("en"));
        english->markDone(QStringLiteral("header.frame"));
        english->reset();
        QVERIFY(!english->isDone(QStringLiteral("header.frame")));
    }
    QVERIFY(!open(QStringLiteral("en"))->isDone(QStringLiteral("header.frame")));
    QVERIFY(open(QStringLiteral("zh_CN"))->isDone(QStringLiteral("header.frame")));
}

void tst_LessonProgress::countsPerLessonAndOverall()
{
    const QList<Lesson> lessons = LessonPath::standard();
    auto progress = open(QStringLiteral("en"));
    const auto length = std::find_if(lessons.cbegin(), lessons.cend(),
                                     [](const Lesson &lesson) { return lesson.id == QLatin1String("length"); });
    QVERIFY(length != lessons.cend());
    for (const LessonTask &task : length->tasks)
        progress->markDone(task.id);
    progress->markDone(lessons.first().tasks.first().id);
    QCOMPARE(progress->doneCount(*length), int(length->tasks.size()));
    QCOMPARE(progress->doneCount(lessons.first()), 1);
    QCOMPARE(progress->doneCount(lessons), int(length->tasks.size()) + 1);
    int total = 0;
    for (const Lesson &lesson : lessons)
        total += int(lesson.tasks.size());
    QCOMPARE(LessonProgress::taskCount(lessons), total);
}

QTEST_GUILESS_MAIN(tst_LessonProgress)
#include "tst_lessonprogress.moc"
