#pragma once

#include <QPointer>
#include <QWidget>

namespace wslab::app {

// A visible mark on whatever holds the keyboard focus in one window. The styles mark the focus of
// a line edit or a push button, but not that of an item view, a text pane, a tab bar, a tool button
// or a custom view, so a keyboard user could not tell where Tab had gone (issue 12, item 11).
// The ring is a frame in the palette's highlight colour drawn over the edge of the focused widget
// (clipped to the part of it in view); it follows the focus that keys move (Tab, shortcuts) and
// steps aside after a click, as the styles' own focus rectangles do.
class FocusRing : public QWidget
{
    Q_OBJECT
public:
    explicit FocusRing(QWidget *window);

    // The widget the ring is drawn on, or null while it is hidden.
    [[nodiscard]] QWidget *target() const { return isVisible() ? m_target.data() : nullptr; }
    // The part of `widget` that shows in its window, in the window's coordinates (empty if none).
    [[nodiscard]] static QRect shownPart(const QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void follow(QWidget *focus, bool byKeyboard);
    void place();
    [[nodiscard]] bool belongsHere(const QWidget *widget) const;
    [[nodiscard]] int thickness() const;

    QWidget *m_window;
    QPointer<QWidget> m_target;
    bool m_byKeyboard = false;
};

} // namespace wslab::app
