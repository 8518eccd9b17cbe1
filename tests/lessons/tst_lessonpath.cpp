#include "app/lessons/lessonpath.h"

#include <QSet>
#include <QTest>

using namespace wslab::app;

// The path the issue asks for: nine lessons in the tutorial's order, each with RFC references and
// tasks whose ids are unique (they are the keys of the saved progress).
class tst_LessonPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheTutorialsOrder();
    void everyLessonCitesTheRfcAndHasTasks();
    void taskIdsAreUniqueAndNamedAfterTheirLesson();
    void everyTaskHasTextAndHint();
};

void tst_LessonPath::followsTheTutorialsOrder()
{
    QStringList ids;
    for (const Lesson &lesson : LessonPath::standard())
        ids.append(lesson.id);
    QCOMPARE(ids, (QStringList{"transports", "handshake", "header", "length", "masking", "server", "fragments",
                               "closing", "compression"}));
}

void tst_LessonPath::everyLessonCitesTheRfcAndHasTasks()
{
    for (const Lesson &lesson : LessonPath::standard()) {
        QVERIFY2(!lesson.references.isEmpty(), qPrintable(lesson.id));
        for (const QString &reference : lesson.references)
            QVERIFY2(reference.startsWith(u"RFC 6455 §") || reference.startsWith(u"RFC 7692 §"),
                     qPrintable(reference));
        QVERIFY2(QString::fromUtf8(lesson.text).contains(QLatin1String("RFC ")), qPrintable(lesson.id));
        QVERIFY2(!lesson.tasks.isEmpty(), qPrintable(lesson.id));
    }
}

void tst_LessonPath::taskIdsAreUniqueAndNamedAfterTheirLesson()
{
    QSet<QString> seen;
    for (const Lesson &lesson : LessonPath::standard()) {
        for (const LessonTask &task : lesson.tasks) {
            QVERIFY2(task.id.startsWith(lesson.id + QLatin1Char('.')), qPrintable(task.id));
            QVERIFY2(!seen.contains(task.id), qPrintable(task.id));
            seen.insert(task.id);
        }
    }
}

void tst_LessonPath::everyTaskHasTextAndHint()
{
    for (const Lesson &lesson : LessonPath::standard()) {
        for (const LessonTask &task : lesson.tasks) {
            QVERIFY2(qstrlen(task.text) > 10, qPrintable(task.id));
            QVERIFY2(qstrlen(task.hint) > 10, qPrintable(task.id));
            if (task.kind == CheckKind::FieldClicked)
                QVERIFY2(!task.fields.isEmpty(), qPrintable(task.id));
        }
    }
}

QTEST_GUILESS_MAIN(tst_LessonPath)
#include "tst_lessonpath.moc"
