#pragma once

#include "app/lessons/answercheck.h"
#include "app/lessons/lesson.h"
#include "app/lessons/lessonprogress.h"
#include "app/lessons/taskcheck.h"
#include "app/settings/connectionmode.h"

#include "capture/capturerecord.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace wslab::app {

// Runs every lesson's checks against the capture and the learner's answers, and records what is
// done in the progress. Widget-free: the pane shows it, MainWindow feeds it.
class LessonTracker : public QObject
{
    Q_OBJECT
public:
    LessonTracker(QList<Lesson> lessons, std::unique_ptr<LessonProgress> progress, QObject *parent = nullptr);
    ~LessonTracker() override;

    [[nodiscard]] const QList<Lesson> &lessons() const noexcept { return m_lessons; }
    [[nodiscard]] const LessonTask *task(const QString &taskId) const;
    [[nodiscard]] bool isDone(const QString &taskId) const { return m_progress->isDone(taskId); }
    [[nodiscard]] int doneCount(int lesson) const;
    [[nodiscard]] int taskCount(int lesson) const;
    [[nodiscard]] int totalDone() const { return m_progress->doneCount(m_lessons); }
    [[nodiscard]] int totalTasks() const { return LessonProgress::taskCount(m_lessons); }
    [[nodiscard]] QString language() const { return m_progress->language(); }
    // Who wslab is on the wire: the task views say how to do a task in this mode, or that it needs
    // the embedded server. The checks themselves hold in every mode (Direction is client -> server
    // whoever the client is).
    [[nodiscard]] ConnectionMode connectionMode() const noexcept { return m_mode; }

    // The question a typed-answer task asks now (AnswerCheck::Xor, Accept).
    [[nodiscard]] AnswerCheck question(const QString &taskId) const;
    // The captured frame the current XOR question comes from; 0 while it is the RFC's example.
    [[nodiscard]] quint64 xorRecordId() const noexcept { return m_xorRecordId; }
    void setAcceptKey(const QByteArray &key);

public Q_SLOTS:
    void observe(const wslab::capture::CaptureBatch &batch);
    // The learner's typed answer; true when right (the task is then done).
    bool answer(const QString &taskId, const QString &text);
    // The same, judged against the question the learner was shown: the XOR question follows the
    // browser's frames, and one arriving while the learner types must not change what they answer.
    bool answer(const QString &taskId, const AnswerCheck &asked, const QString &text);
    void fieldClicked(wslab::protocol::FieldId field);
    void stepReached(int step, int stepCount);
    void setLanguage(const QString &language);
    void setConnectionMode(wslab::app::ConnectionMode mode);
    void reset();

Q_SIGNALS:
    void taskDone(const QString &taskId);
    void progressChanged();
    void questionChanged(const QString &taskId);
    void connectionModeChanged();

private:
    void complete(const LessonTask &task);
    void rebuildChecks();
    void takeXorQuestion(const capture::CaptureRecord &record);
    template<typename Predicate>
    void completeWhere(CheckKind kind, Predicate predicate);

    QList<Lesson> m_lessons;
    std::unique_ptr<LessonProgress> m_progress;
    QHash<QString, TaskCheck> m_checks; // traffic tasks not done yet
    QByteArray m_xorMasked;
    protocol::MaskKey m_xorKey{};
    quint64 m_xorRecordId = 0;
    QByteArray m_acceptKey;
    ConnectionMode m_mode = ConnectionMode::EmbeddedServer;
};

} // namespace wslab::app
