#include "app/mainwindow/windowplacement.h"

#include <algorithm>

namespace wslab::app {

QRect WindowPlacement::fitted(const QRect &frame, const QRect &geometry, const QRect &available)
{
    if (!available.isValid() || !geometry.isValid())
        return geometry;
    const QMargins decoration(geometry.left() - frame.left(), geometry.top() - frame.top(),
                              frame.right() - geometry.right(), frame.bottom() - geometry.bottom());
    const QRect room = available.marginsRemoved(decoration);
    QRect result = geometry;
    result.setWidth(std::clamp(geometry.width(), 1, std::max(1, room.width())));
    result.setHeight(std::clamp(geometry.height(), 1, std::max(1, room.height())));
    // Moved back inside, the left and top edges winning when even the smallest window would not fit.
    result.moveLeft(std::max(room.left(), std::min(result.left(), room.right() - result.width() + 1)));
    result.moveTop(std::max(room.top(), std::min(result.top(), room.bottom() - result.height() + 1)));
    return result;
}

} // namespace wslab::app
