#pragma once

#include "app/lessons/answercheck.h"

#include <QFrame>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace wslab::app {

class LessonTracker;
struct LessonTask;

// One task of a lesson: its tick, its text, a Hint button that reveals the hint, and for a
// question an answer field with its check. The tick follows the tracker, never a button.
class LessonTaskView : public QFrame
{
    Q_OBJECT
public:
    LessonTaskView(LessonTracker *tracker, const LessonTask &task, QWidget *parent = nullptr);

    [[nodiscard]] QString taskId() const { return m_taskId; }
    [[nodiscard]] bool isShownDone() const noexcept { return m_shownDone; }

    void refresh(); // done state, question and texts (progress, question or language changed)

Q_SIGNALS:
    void selectRecordRequested(quint64 recordId);

private:
    void checkAnswer();
    void updateQuestion();
    void updateModeNote(const LessonTask &task);

    LessonTracker *m_tracker;
    QString m_taskId;
    bool m_shownDone = false;
    QLabel *m_tick = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_hintButton = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_modeNote = nullptr; // proxy and client mode: how to do it there, or that it cannot be
    QLabel *m_question = nullptr;
    QLineEdit *m_answer = nullptr;
    QPushButton *m_check = nullptr;
    QPushButton *m_showFrame = nullptr;
    QLabel *m_feedback = nullptr;
    std::optional<AnswerCheck> m_asked; // the question shown, kept while the learner types an answer
};

} // namespace wslab::app
