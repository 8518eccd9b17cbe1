#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace wslab::app {

class LessonListModel;
class LessonTaskView;
class LessonTracker;

// The Lessons pane: the path with its ticks and overall progress, the chosen lesson's text and
// RFC references, and its tasks. It only shows the tracker; nothing here waits for the learner,
// so every other view stays usable while a lesson is open.
class LessonsPane : public QWidget
{
    Q_OBJECT
public:
    explicit LessonsPane(LessonTracker *tracker, QWidget *parent = nullptr);

    [[nodiscard]] int currentLesson() const noexcept { return m_current; }
    void setCurrentLesson(int lesson);
    [[nodiscard]] LessonListModel *model() const noexcept { return m_model; }
    [[nodiscard]] QList<LessonTaskView *> taskViews() const { return m_taskViews; }
    [[nodiscard]] static QString title();

Q_SIGNALS:
    void selectRecordRequested(quint64 recordId);
    void retranslated(); // the dock takes its title again

protected:
    void changeEvent(QEvent *event) override;

private:
    void showLesson();
    void updateProgress();
    void confirmReset();
    void retranslate();

    LessonTracker *m_tracker;
    LessonListModel *m_model = nullptr;
    int m_current = -1;
    QLabel *m_overall = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_reset = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_references = nullptr;
    QLabel *m_tasksTitle = nullptr;
    QVBoxLayout *m_tasksLayout = nullptr;
    QList<LessonTaskView *> m_taskViews;
};

} // namespace wslab::app
