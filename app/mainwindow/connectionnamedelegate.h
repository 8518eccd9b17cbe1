#pragma once

#include <QStyledItemDelegate>

namespace wslab::app {

// The Conn. column, whose names can have two ends ("#3 127.0.0.1:54012 → wss://host:8443/app": a
// proxied connection's browser and upstream, or "#2 wslab → ws://host/path" in client mode). Too long
// for its cell, such a name keeps its near end whole, because that is what tells the rows apart
// (the browser's port; the upstream is the same on every row), and loses the middle of its far end
// (its host's start and its path's end stay). Hovering shows all of it.
class ConnectionNameDelegate : public QStyledItemDelegate
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
