#include "app/lessons/lessonspane.h"

#include "app/lessons/lessonlistmodel.h"
#include "app/lessons/lessonpath.h"
#include "app/lessons/lessontaskview.h"
#include "app/lessons/lessontracker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace wslab::app {

LessonsPane::LessonsPane(LessonTracker *tracker, QWidget *parent)
    : QWidget(parent)
    , m_tracker(tracker)
    , m_model(new LessonListModel(tracker, this))
{
    setObjectName(QStringLiteral("lessonsPane"));
    m_overall = new QLabel(this);
    m_overall->setObjectName(QStringLiteral("overall"));
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_overall->fontMetrics().height() / 2 + 2);
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("resetProgress"));
    connect(m_reset, &QPushButton::clicked, this, &LessonsPane::confirmReset);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setModel(m_model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    // The whole path in view without scrolling: nine short rows.
    const int rows = int(tracker->lessons().size());
    m_list->setFixedHeight(rows * m_list->sizeHintForRow(0) + 2 * m_list->frameWidth());
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { setCurrentLesson(current.row()); });

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_references = new QLabel(this);
    m_references->setWordWrap(true);
    m_references->setForegroundRole(QPalette::PlaceholderText);
    m_tasksTitle = new QLabel(this);
    QFont bold = m_tasksTitle->font();
    bold.setBold(true);
    m_tasksTitle->setFont(bold);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_overall, 1);
    progressRow->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(progressRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_list);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_references);
    layout->addWidget(m_tasksTitle);
    m_tasksLayout = new QVBoxLayout;
    layout->addLayout(m_tasksLayout);
    layout->addStretch(1);

    connect(m_tracker, &LessonTracker::progressChanged, this, [this] {
        updateProgress();
        for (LessonTaskView *view : std::as_const(m_taskViews))
            view->refresh();
    });
    connect(m_tracker, &LessonTracker::connectionModeChanged, this, [this] {
        for (LessonTaskView *view : std::as_const(m_taskViews))
            view->refresh();
    });
    connect(m_tracker, &LessonTracker::questionChanged, this, [this](const QString &taskId) {
        for (LessonTaskView *view : std::as_const(m_taskViews)) {
            if (view->taskId() == taskId)
                view->refresh();
        }
    });

    retranslate();
    // The first lesson not finished yet, where a returning learner left off.
    int start = 0;
    while (start < rows - 1 && tracker->doneCount(start) == tracker->taskCount(start))
        ++start;
    setCurrentLesson(start);
}

QString LessonsPane::title()
{
    return tr("Lessons");
}

void LessonsPane::setCurrentLesson(int lesson)
{
    if (lesson < 0 || lesson >= m_model->rowCount() || lesson == m_current)
        return;
    m_current = lesson;
    m_list->setCurrentIndex(m_model->index(lesson));
    showLesson();
}

void LessonsPane::showLesson()
{
    qDeleteAll(m_taskViews);
    m_taskViews.clear();
    if (m_current < 0)
        return;
    const Lesson &lesson = m_tracker->lessons().at(m_current);
    m_title->setText(tr("%1. %2").arg(m_current + 1).arg(LessonPath::text(lesson.title)));
    m_text->setText(LessonPath::text(lesson.text));
    m_references->setText(tr("Read: %1").arg(lesson.references.join(QStringLiteral(" · "))));
    for (const LessonTask &task : lesson.tasks) {
        auto *view = new LessonTaskView(m_tracker, task, this);
        connect(view, &LessonTaskView::selectRecordRequested, this, &LessonsPane::selectRecordRequested);
        m_tasksLayout->addWidget(view);
        m_taskViews.append(view);
    }
}

void LessonsPane::updateProgress()
{
    const int done = m_tracker->totalDone();
    const int total = m_tracker->totalTasks();
    m_overall->setText(tr("%1 of %2 tasks done").arg(done).arg(total));
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    m_reset->setEnabled(done > 0);
}

void LessonsPane::confirmReset()
{
    const auto answer = QMessageBox::question(this, tr("Start the Lessons Again?"),
                                              tr("Every task of every lesson is marked as not done, for the current "
                                                 "language. The capture is not touched."));
    if (answer == QMessageBox::Yes)
        m_tracker->reset();
}

void LessonsPane::retranslate()
{
    m_reset->setText(tr("Start Again"));
    m_reset->setToolTip(tr("Mark every task as not done"));
    m_tasksTitle->setText(tr("Tasks (each is ticked when the capture shows it done)"));
    updateProgress();
    m_model->refresh();
    showLesson();
    Q_EMIT retranslated();
}

void LessonsPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
