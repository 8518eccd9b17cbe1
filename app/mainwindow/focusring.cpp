#include "app/mainwindow/focusring.h"

#include <QApplication>
#include <QDockWidget>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QPainter>

namespace wslab::app {

FocusRing::FocusRing(QWidget *window)
    : QWidget(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("focusRing"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
    hide();
    // Focus changes anywhere in the window (docks included, floating or not) reach the ring: the
    // application's filter sees them without a filter on every widget.
    qApp->installEventFilter(this);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (!now || !belongsHere(now))
            hide();
    });
}

bool FocusRing::belongsHere(const QWidget *widget) const
{
    const QWidget *top = widget->window();
    if (top == m_window)
        return true;
    // A floating dock is a window of its own, still part of this one.
    return qobject_cast<const QDockWidget *>(top) && top->parentWidget() == m_window;
}

QRect FocusRing::shownPart(const QWidget *widget)
{
    // Its rectangle clipped by every parent up to the window. A pane behind another tab of its dock
    // area is laid out outside the window, so nothing of it shows.
    QRect shown = widget->rect();
    for (const QWidget *w = widget; !w->isWindow(); w = w->parentWidget()) {
        if (w->isHidden())
            return {};
        shown.translate(w->pos());
        shown &= w->parentWidget()->rect();
    }
    return shown;
}

int FocusRing::thickness() const
{
    return 2;
}

bool FocusRing::eventFilter(QObject *watched, QEvent *event)
{
    if (!watched->isWidgetType() || watched == this)
        return QObject::eventFilter(watched, event);
    auto *widget = static_cast<QWidget *>(watched);
    switch (event->type()) {
    case QEvent::FocusIn:
        if (belongsHere(widget)) {
            const Qt::FocusReason reason = static_cast<QFocusEvent *>(event)->reason();
            // Keys show the ring and a click puts it away; a window or popup that gives the focus
            // back, or a program that moves it, leaves it as it was.
            if (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason || reason == Qt::ShortcutFocusReason)
                m_byKeyboard = true;
            else if (reason == Qt::MouseFocusReason)
                m_byKeyboard = false;
            follow(widget, m_byKeyboard);
        }
        break;
    case QEvent::KeyPress: {
        // Tab in a widget that was focused otherwise (at start, by a click) shows where it is, even
        // when the widget keeps the focus.
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Tab || key == Qt::Key_Backtab) && widget->hasFocus() && belongsHere(widget))
            follow(widget, true);
        break;
    }
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::Show:
    case QEvent::Hide:
    case QEvent::ParentChange:
        // The widget or one of its parents moved (a splitter, a dock, a scrolled pane): place the
        // ring again once the layout has settled.
        if (m_target && (widget == m_target || widget->isAncestorOf(m_target)))
            QMetaObject::invokeMethod(this, &FocusRing::place, Qt::QueuedConnection);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void FocusRing::follow(QWidget *focus, bool byKeyboard)
{
    m_target = focus;
    m_byKeyboard = byKeyboard;
    place();
}

void FocusRing::place()
{
    if (!m_target || !m_byKeyboard || !m_target->isVisible() || !m_target->hasFocus()) {
        hide();
        return;
    }
    QWidget *top = m_target->window();
    if (parentWidget() != top)
        setParent(top);
    const QRect shown = shownPart(m_target);
    const int width = thickness();
    if (shown.width() <= 2 * width || shown.height() <= 2 * width) {
        hide();
        return;
    }
    setGeometry(shown);
    const QRect inner = rect().adjusted(width, width, -width, -width);
    setMask(QRegion(rect()).subtracted(QRegion(inner)));
    raise();
    show();
    update();
}

void FocusRing::paintEvent(QPaintEvent *)
{
    if (!m_target)
        return;
    QPainter painter(this);
    // The highlight colour: the one the styles mark a focused line edit with, in light and dark
    // palettes alike.
    painter.fillRect(rect(), m_target->palette().color(QPalette::Active, QPalette::Highlight));
}

} // namespace wslab::app
