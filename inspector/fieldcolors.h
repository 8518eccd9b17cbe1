#pragma once

#include "server/protocol/headerlayout.h"

#include <QColor>
#include <QMetaType>
#include <QPalette>

namespace wslab::inspector {

// One colour per RFC 6455 §5.2 field, shared by the bit diagram, the hex view and the explain
// panel so a field looks the same everywhere. Derived from the palette: soft fills on a light
// base, deep ones on a dark base, always with enough contrast for the palette's text colour.
class FieldColors
{
public:
    [[nodiscard]] static bool isDark(const QPalette &palette) noexcept;
    // The fill behind a field's bits and bytes.
    [[nodiscard]] static QColor fill(protocol::FieldId field, const QPalette &palette);
    // A stronger shade for outlines and the highlighted (hovered, stepped-to) field.
    [[nodiscard]] static QColor strong(protocol::FieldId field, const QPalette &palette);
    // Text drawn on fill(): the palette's text colour, which fill() is chosen to suit.
    [[nodiscard]] static QColor text(const QPalette &palette);
    // Quieter text for labels around the data (bit numbers, offsets): between text and base, but
    // still at least 4.5:1 against the base.
    [[nodiscard]] static QColor secondaryText(const QPalette &palette);
    [[nodiscard]] static QString cssName(protocol::FieldId field, const QPalette &palette); // "#rrggbb"

    // WCAG 2 contrast ratio (1..21) between two colours.
    [[nodiscard]] static qreal contrastRatio(const QColor &a, const QColor &b) noexcept;
};

} // namespace wslab::inspector

Q_DECLARE_METATYPE(wslab::protocol::FieldId)
