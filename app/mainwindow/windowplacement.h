#pragma once

#include <QRect>

namespace wslab::app {

// Where a restored window may go: pure geometry, so the rules are tested without a screen.
class WindowPlacement
{
public:
    // The window's geometry (without its frame) that keeps the whole frame within `available` (the
    // screen less its panels): smaller when it does not fit, moved back when it hangs over an edge.
    // `frame` and `geometry` are the window's frame and client rectangles now; what lies between
    // them (title bar, borders) is kept.
    [[nodiscard]] static QRect fitted(const QRect &frame, const QRect &geometry, const QRect &available);
};

} // namespace wslab::app
