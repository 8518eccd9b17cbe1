#pragma once

#include "capture/capturerecord.h"

#include <QColor>
#include <QCoreApplication>
#include <QPalette>
#include <QString>

#include <array>

namespace wslab::app {

// How the three compared transports look wherever the app shows them side by side: one order
// (the page's switch: WebSocket, long polling, polling), one translated name, one colour.
class TransportStyle
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::TransportStyle)
public:
    static constexpr int count = 3;
    static constexpr std::array<capture::Transport, count> order{
        capture::Transport::WebSocket, capture::Transport::LongPolling, capture::Transport::Polling};

    // Position in `order`; -1 for Transport::Http (not one of the compared transports).
    [[nodiscard]] static int indexOf(capture::Transport transport) noexcept;
    [[nodiscard]] static QString name(capture::Transport transport);
    // A bar/swatch colour with at least 3:1 contrast against the palette's base (WCAG 2, non-text
    // contrast); the three hues (blue, orange, purple) stay apart for colour-blind readers.
    [[nodiscard]] static QColor color(capture::Transport transport, const QPalette &palette);
    [[nodiscard]] static bool isDark(const QPalette &palette) noexcept;
};

} // namespace wslab::app
