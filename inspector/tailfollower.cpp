#include "tailfollower.h"

#include <QAbstractItemView>
#include <QScrollBar>

namespace wslab::inspector {

TailFollower::TailFollower(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    watch();
}

bool TailFollower::isAtBottom() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

bool TailFollower::isFollowing() const
{
    return m_view && isAtBottom();
}

void TailFollower::watch()
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] { m_wasAtBottom = isAtBottom(); });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_wasAtBottom)
            m_view->scrollToBottom();
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this] { m_wasAtBottom = isAtBottom(); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (m_wasAtBottom) {
            m_view->scrollToBottom();
            return;
        }
        // Rows gone from above the viewport: move up by as much, so the same rows stay in view.
        QScrollBar *bar = m_view->verticalScrollBar();
        const int removed = last - first + 1;
        const int step = m_view->verticalScrollMode() == QAbstractItemView::ScrollPerItem
                ? 1
                : std::max(1, m_view->sizeHintForRow(0));
        if (first == 0)
            bar->setValue(std::max(0, bar->value() - removed * step));
    });
}

} // namespace wslab::inspector
