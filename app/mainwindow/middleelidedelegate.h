#pragma once

#include <QStyledItemDelegate>

namespace wslab::app {

// For a column whose both ends matter (a proxied connection's "#3 127.0.0.1:54012 → wss://host/app":
// the browser's port and the upstream's path): too long for its cell, the text loses its middle,
// and hovering shows all of it.
class MiddleElideDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace wslab::app
