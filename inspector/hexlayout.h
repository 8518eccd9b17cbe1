#pragma once

#include <QPointF>
#include <QRectF>
#include <QtGlobal>

#include <optional>

namespace wslab::inspector {

// Where each byte of a hex dump sits: an offset column, a hex column (with a wider gap in the middle
// of the row) and an ASCII column. Pure geometry in logical pixels with the dump's top-left at
// (0, 0): the view paints from it and hit-tests through it, and the tests check it without a widget.
class HexLayout
{
public:
    struct Metrics
    {
        qreal charWidth = 8;   // an average monospace character
        qreal lineHeight = 16;
        int bytesPerRow = 16;
        int groupSize = 8;     // an extra character of space after every group of bytes
        int offsetDigits = 8;
        qreal padding = 4;     // left margin, and the inner padding of a cell
    };

    struct RowRange
    {
        qint64 first = 0;
        qint64 last = -1; // inclusive; last < first means no rows
        [[nodiscard]] qint64 count() const noexcept { return last - first + 1; }
    };

    enum class Column : quint8 { Offset, Hex, Ascii };

    HexLayout() = default;
    HexLayout(const Metrics &metrics, qint64 byteCount);

    [[nodiscard]] const Metrics &metrics() const noexcept { return m_metrics; }
    [[nodiscard]] qint64 byteCount() const noexcept { return m_byteCount; }
    [[nodiscard]] qint64 rowCount() const noexcept;
    [[nodiscard]] qreal width() const noexcept;
    [[nodiscard]] qreal height() const noexcept { return qreal(rowCount()) * m_metrics.lineHeight; }

    [[nodiscard]] qint64 rowOf(qint64 byte) const noexcept { return byte / m_metrics.bytesPerRow; }
    [[nodiscard]] qreal rowTop(qint64 row) const noexcept { return qreal(row) * m_metrics.lineHeight; }
    [[nodiscard]] qreal offsetColumnX() const noexcept { return m_metrics.padding; }
    [[nodiscard]] qreal hexColumnX() const noexcept;
    [[nodiscard]] qreal asciiColumnX() const noexcept;

    // The cell a byte's two hex digits are drawn in (with half a character of padding each side),
    // and the cell of its ASCII character.
    [[nodiscard]] QRectF hexCellRect(qint64 byte) const noexcept;
    [[nodiscard]] QRectF asciiCellRect(qint64 byte) const noexcept;
    [[nodiscard]] QRectF offsetRect(qint64 row) const noexcept;

    // The byte under a point, in either column; nothing in gaps, margins or past the end.
    [[nodiscard]] std::optional<qint64> byteAt(QPointF point) const noexcept;
    [[nodiscard]] std::optional<Column> columnAt(QPointF point) const noexcept;

    // The rows a viewport showing [top, top + height) touches, clamped to the dump.
    [[nodiscard]] RowRange visibleRows(qreal top, qreal height) const noexcept;

private:
    [[nodiscard]] qreal hexCellX(int column) const noexcept;

    Metrics m_metrics;
    qint64 m_byteCount = 0;
};

} // namespace wslab::inspector
