#include "app/mainwindow/connectionnamedelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

namespace wslab::app {

namespace {

const QString endsSeparator = QStringLiteral(" → ");

// The width the style gives a cell's text (QCommonStyle: a focus frame's margin and one pixel on
// each side).
int textWidth(const QStyleOptionViewItem &option)
{
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    return option.rect.width() - 2 * margin;
}

} // namespace

void ConnectionNameDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = Qt::ElideMiddle;
    const int available = textWidth(*option);
    const QFontMetrics &metrics = option->fontMetrics;
    const qsizetype split = option->text.indexOf(endsSeparator);
    if (split < 0 || metrics.horizontalAdvance(option->text) <= available)
        return;
    const QString nearEnd = option->text.first(split + endsSeparator.size());
    const int left = available - metrics.horizontalAdvance(nearEnd);
    // Room for a few characters of the far end at least; else the whole name loses its middle.
    if (left < metrics.horizontalAdvance(QStringLiteral("ws:…/")))
        return;
    option->text = nearEnd + metrics.elidedText(option->text.sliced(nearEnd.size()), Qt::ElideMiddle, left);
}

bool ConnectionNameDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                       const QStyleOptionViewItem &option, const QModelIndex &index)
{
    // The model's own tooltip, if it has one, else the whole text: the cell may show only its ends.
    if (event && event->type() == QEvent::ToolTip && index.isValid() && !index.data(Qt::ToolTipRole).isValid()) {
        const QString text = index.data(Qt::DisplayRole).toString();
        if (!text.isEmpty()) {
            QToolTip::showText(event->globalPos(), text, view, view->visualRect(index));
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace wslab::app
