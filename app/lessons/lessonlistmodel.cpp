#include "app/lessons/lessonlistmodel.h"

#include "app/lessons/lessonpath.h"
#include "app/lessons/lessontracker.h"

namespace wslab::app {

LessonListModel::LessonListModel(LessonTracker *tracker, QObject *parent)
    : QAbstractListModel(parent)
    , m_tracker(tracker)
{
    connect(m_tracker, &LessonTracker::progressChanged, this, &LessonListModel::refresh);
}

int LessonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tracker->lessons().size());
}

QVariant LessonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int done = m_tracker->doneCount(row);
    const int total = m_tracker->taskCount(row);
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 %2. %3  (%4/%5)", "lesson list: mark, number, title, tasks done/tasks")
                .arg(done == total ? QStringLiteral("✓") : QStringLiteral("○"))
                .arg(row + 1)
                .arg(LessonPath::text(m_tracker->lessons().at(row).title))
                .arg(done)
                .arg(total);
    case Qt::ToolTipRole:
        return tr("%1 of %2 tasks done").arg(done).arg(total);
    case Qt::AccessibleTextRole:
        return LessonPath::text(m_tracker->lessons().at(row).title);
    case DoneCountRole:
        return done;
    case TaskCountRole:
        return total;
    case LessonIdRole:
        return m_tracker->lessons().at(row).id;
    default:
        return {};
    }
}

QHash<int, QByteArray> LessonListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(DoneCountRole, "doneCount");
    names.insert(TaskCountRole, "taskCount");
    names.insert(LessonIdRole, "lessonId");
    return names;
}

void LessonListModel::refresh()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

} // namespace wslab::app
