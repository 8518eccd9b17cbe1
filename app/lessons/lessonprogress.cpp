#include "app/lessons/lessonprogress.h"

#include <QSettings>

#include <algorithm>

namespace wslab::app {

LessonProgress::LessonProgress(std::unique_ptr<QSettings> settings, const QString &language)
    : m_settings(std::move(settings))
{
    setLanguage(language);
}

LessonProgress::~LessonProgress() = default;

QString LessonProgress::key() const
{
    return QStringLiteral("lessons/%1/done").arg(m_language.isEmpty() ? QStringLiteral("en") : m_language);
}

void LessonProgress::setLanguage(const QString &language)
{
    m_language = language;
    const QStringList done = m_settings->value(key()).toStringList();
    m_done = QSet<QString>(done.cbegin(), done.cend());
}

bool LessonProgress::markDone(const QString &taskId)
{
    if (m_done.contains(taskId))
        return false;
    m_done.insert(taskId);
    save();
    return true;
}

void LessonProgress::reset()
{
    m_done.clear();
    m_settings->remove(key());
    m_settings->sync();
}

void LessonProgress::save()
{
    QStringList done(m_done.cbegin(), m_done.cend());
    done.sort(); // a stable file, whatever the hash order
    m_settings->setValue(key(), done);
    m_settings->sync();
}

int LessonProgress::doneCount(const Lesson &lesson) const
{
    return int(std::count_if(lesson.tasks.cbegin(), lesson.tasks.cend(),
                             [this](const LessonTask &task) { return isDone(task.id); }));
}

int LessonProgress::doneCount(const QList<Lesson> &lessons) const
{
    int count = 0;
    for (const Lesson &lesson : lessons)
        count += doneCount(lesson);
    return count;
}

int LessonProgress::taskCount(const QList<Lesson> &lessons)
{
    int count = 0;
    for (const Lesson &lesson : lessons)
        count += int(lesson.tasks.size());
    return count;
}

} // namespace wslab::app
