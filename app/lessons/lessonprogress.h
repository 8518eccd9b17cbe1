#pragma once

#include "app/lessons/lesson.h"

#include <QSet>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace wslab::app {

// Which tasks the learner has done, kept in QSettings per language (a learner who switches to
// Chinese starts the Chinese path afresh, as a class would), written as soon as a task is done.
class LessonProgress
{
public:
    LessonProgress(std::unique_ptr<QSettings> settings, const QString &language);
    ~LessonProgress();
    LessonProgress(const LessonProgress &) = delete;
    LessonProgress &operator=(const LessonProgress &) = delete;

    void setLanguage(const QString &language);
    [[nodiscard]] QString language() const { return m_language; }

    [[nodiscard]] bool isDone(const QString &taskId) const { return m_done.contains(taskId); }
    bool markDone(const QString &taskId); // true when it was not done before
    void reset();                         // this language only

    [[nodiscard]] int doneCount(const Lesson &lesson) const;
    [[nodiscard]] int doneCount(const QList<Lesson> &lessons) const;
    [[nodiscard]] static int taskCount(const QList<Lesson> &lessons);

private:
    [[nodiscard]] QString key() const;
    void save();

    std::unique_ptr<QSettings> m_settings;
    QString m_language;
    QSet<QString> m_done;
};

} // namespace wslab::app
