#include "hexlayout.h"

#include <QtMath>

#include <algorithm>

namespace wslab::inspector {

// A byte's hex cell is three characters wide: half a character of padding, two digits, half a
// character. Neighbouring cells touch, so the pointer is always over some byte inside a group.

HexLayout::HexLayout(const Metrics &metrics, qint64 byteCount)
    : m_metrics(metrics)
    , m_byteCount(std::max<qint64>(0, byteCount))
{
    m_metrics.bytesPerRow = std::max(1, m_metrics.bytesPerRow);
    m_metrics.groupSize = std::clamp(m_metrics.groupSize, 1, m_metrics.bytesPerRow);
}

qint64 HexLayout::rowCount() const noexcept
{
    return (m_byteCount + m_metrics.bytesPerRow - 1) / m_metrics.bytesPerRow;
}

qreal HexLayout::hexColumnX() const noexcept
{
    return m_metrics.padding + (m_metrics.offsetDigits + 2) * m_metrics.charWidth;
}

qreal HexLayout::hexCellX(int column) const noexcept
{
    const qreal cw = m_metrics.charWidth;
    return hexColumnX() + column * 3 * cw + (column / m_metrics.groupSize) * cw;
}

qreal HexLayout::asciiColumnX() const noexcept
{
    const int groups = (m_metrics.bytesPerRow - 1) / m_metrics.groupSize;
    const qreal hexWidth = (m_metrics.bytesPerRow * 3 + groups) * m_metrics.charWidth;
    return hexColumnX() + hexWidth + m_metrics.charWidth;
}

qreal HexLayout::width() const noexcept
{
    return asciiColumnX() + m_metrics.bytesPerRow * m_metrics.charWidth + m_metrics.padding;
}

QRectF HexLayout::hexCellRect(qint64 byte) const noexcept
{
    const int column = int(byte % m_metrics.bytesPerRow);
    const qreal cw = m_metrics.charWidth;
    return {hexCellX(column) - cw / 2, rowTop(rowOf(byte)), 3 * cw, m_metrics.lineHeight};
}

QRectF HexLayout::asciiCellRect(qint64 byte) const noexcept
{
    const int column = int(byte % m_metrics.bytesPerRow);
    return {asciiColumnX() + column * m_metrics.charWidth, rowTop(rowOf(byte)), m_metrics.charWidth,
            m_metrics.lineHeight};
}

QRectF HexLayout::offsetRect(qint64 row) const noexcept
{
    return {offsetColumnX(), rowTop(row), m_metrics.offsetDigits * m_metrics.charWidth, m_metrics.lineHeight};
}

std::optional<HexLayout::Column> HexLayout::columnAt(QPointF point) const noexcept
{
    const qreal cw = m_metrics.charWidth;
    if (point.x() >= offsetColumnX() && point.x() < offsetColumnX() + m_metrics.offsetDigits * cw)
        return Column::Offset;
    if (point.x() >= hexColumnX() - cw / 2 && point.x() < hexCellX(m_metrics.bytesPerRow - 1) + 2.5 * cw)
        return Column::Hex;
    if (point.x() >= asciiColumnX() && point.x() < asciiColumnX() + m_metrics.bytesPerRow * cw)
        return Column::Ascii;
    return std::nullopt;
}

std::optional<qint64> HexLayout::byteAt(QPointF point) const noexcept
{
    if (point.y() < 0)
        return std::nullopt;
    const qint64 row = qint64(point.y() / m_metrics.lineHeight);
    const auto column = columnAt(point);
    if (row >= rowCount() || !column || *column == Column::Offset)
        return std::nullopt;

    const qreal cw = m_metrics.charWidth;
    int byteColumn = 0;
    if (*column == Column::Ascii) {
        byteColumn = int((point.x() - asciiColumnX()) / cw);
    } else {
        const qreal groupWidth = (m_metrics.groupSize * 3 + 1) * cw;
        const qreal x = point.x() - (hexColumnX() - cw / 2);
        const int group = int(x / groupWidth);
        const qreal within = x - group * groupWidth;
        if (within >= m_metrics.groupSize * 3 * cw)
            return std::nullopt; // the gap between two groups
        byteColumn = group * m_metrics.groupSize + int(within / (3 * cw));
    }
    if (byteColumn < 0 || byteColumn >= m_metrics.bytesPerRow)
        return std::nullopt;
    const qint64 byte = row * m_metrics.bytesPerRow + byteColumn;
    if (byte >= m_byteCount)
        return std::nullopt;
    return byte;
}

HexLayout::RowRange HexLayout::visibleRows(qreal top, qreal height) const noexcept
{
    const qint64 rows = rowCount();
    if (rows == 0 || height <= 0 || top >= this->height() || top + height <= 0)
        return {0, -1};
    const qint64 first = std::clamp<qint64>(qint64(qFloor(top / m_metrics.lineHeight)), 0, rows - 1);
    const qint64 last = std::clamp<qint64>(qint64(qCeil((top + height) / m_metrics.lineHeight)) - 1, 0, rows - 1);
    return {first, std::max(first, last)};
}

} // namespace wslab::inspector
