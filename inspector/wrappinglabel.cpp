#include "wrappinglabel.h"

#include <QEvent>
#include <QResizeEvent>

namespace wslab::inspector {

WrappingLabel::WrappingLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

QSize WrappingLabel::minimumSizeHint() const
{
    // Narrow as a few words; as tall as the text at the width the label has now. setText() asks
    // the layout again, and so does a new width (resizeEvent()). A hidden label (on a tab not
    // shown) has no width of its own yet: it asks for no more than a plain label.
    if (text().isEmpty())
        return {0, 0};
    if (!isVisible())
        return QLabel::minimumSizeHint();
    return {fontMetrics().averageCharWidth() * 12, heightForWidth(width())};
}

QSize WrappingLabel::sizeHint() const
{
    // QLabel's own hint is measured at a width of its choosing: the height is the one at ours.
    const QSize hint = QLabel::sizeHint();
    if (!isVisible() || text().isEmpty())
        return hint;
    return {hint.width(), heightForWidth(width())};
}

void WrappingLabel::showEvent(QShowEvent *event)
{
    QLabel::showEvent(event);
    updateGeometry();
}

void WrappingLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        updateGeometry();
}

} // namespace wslab::inspector
