#include "bitdiagramlayout.h"

#include <algorithm>

namespace wslab::inspector {

using protocol::FieldId;
using protocol::HeaderField;

BitDiagramLayout::BitDiagramLayout(const Metrics &metrics, qint64 bitCount, int bitsPerRow)
    : m_metrics(metrics)
    , m_bitCount(std::max<qint64>(0, bitCount))
    , m_bitsPerRow(std::max(1, bitsPerRow))
{
}

qint64 BitDiagramLayout::bitsToShow(const QList<HeaderField> &fields, int bitsPerRow)
{
    qint64 headerBits = 0;
    qint64 totalBits = 0;
    for (const HeaderField &field : fields) {
        if (field.id != FieldId::Payload)
            headerBits = std::max(headerBits, field.bitOffset + field.bitLength);
        totalBits = std::max(totalBits, field.bitOffset + field.bitLength);
    }
    const qint64 headerRowsEnd = (headerBits + bitsPerRow - 1) / bitsPerRow * bitsPerRow;
    return std::min(totalBits, headerRowsEnd + bitsPerRow);
}

int BitDiagramLayout::rowCount() const noexcept
{
    return int((m_bitCount + m_bitsPerRow - 1) / m_bitsPerRow);
}

qreal BitDiagramLayout::width() const noexcept
{
    return m_metrics.leftMargin + m_bitsPerRow * m_metrics.cellWidth + 1;
}

qreal BitDiagramLayout::height() const noexcept
{
    const int rows = rowCount();
    return m_metrics.topMargin + rows * rowHeight() + std::max(0, rows - 1) * m_metrics.rowGap + 1;
}

qreal BitDiagramLayout::rowTop(int row) const noexcept
{
    return m_metrics.topMargin + row * (rowHeight() + m_metrics.rowGap);
}

QRectF BitDiagramLayout::bitRect(qint64 bit) const noexcept
{
    const int row = int(bit / m_bitsPerRow);
    const int column = int(bit % m_bitsPerRow);
    return {m_metrics.leftMargin + column * m_metrics.cellWidth, rowTop(row), m_metrics.cellWidth,
            m_metrics.bitHeight};
}

QRectF BitDiagramLayout::bitNumberRect(int column) const noexcept
{
    return {m_metrics.leftMargin + column * m_metrics.cellWidth, 0, m_metrics.cellWidth, m_metrics.topMargin};
}

QRectF BitDiagramLayout::rowOffsetRect(int row) const noexcept
{
    return {0, rowTop(row), m_metrics.leftMargin - 4, rowHeight()};
}

QList<QRectF> BitDiagramLayout::fieldSegments(const HeaderField &field) const
{
    QList<QRectF> segments;
    const qint64 first = field.bitOffset;
    const qint64 end = std::min(field.bitOffset + field.bitLength, m_bitCount); // exclusive
    for (qint64 bit = first; bit < end;) {
        const qint64 rowEnd = (bit / m_bitsPerRow + 1) * m_bitsPerRow;
        const qint64 segmentEnd = std::min(end, rowEnd);
        const QRectF left = bitRect(bit);
        segments.append(QRectF(left.x(), left.y(), (segmentEnd - bit) * m_metrics.cellWidth, rowHeight()));
        bit = segmentEnd;
    }
    return segments;
}

QRectF BitDiagramLayout::labelRect(const QRectF &segment) const noexcept
{
    return {segment.x(), segment.y() + m_metrics.bitHeight, segment.width(), m_metrics.labelHeight};
}

QRectF BitDiagramLayout::bitsRect(const QRectF &segment) const noexcept
{
    return {segment.x(), segment.y(), segment.width(), m_metrics.bitHeight};
}

std::optional<qint64> BitDiagramLayout::bitAt(QPointF point) const noexcept
{
    const qreal x = point.x() - m_metrics.leftMargin;
    const qreal y = point.y() - m_metrics.topMargin;
    if (x < 0 || y < 0 || x >= m_bitsPerRow * m_metrics.cellWidth)
        return std::nullopt;
    const qreal pitch = rowHeight() + m_metrics.rowGap;
    const int row = int(y / pitch);
    if (y - row * pitch >= rowHeight())
        return std::nullopt; // the gap between rows
    const qint64 bit = qint64(row) * m_bitsPerRow + int(x / m_metrics.cellWidth);
    if (bit >= m_bitCount)
        return std::nullopt;
    return bit;
}

std::optional<FieldId> BitDiagramLayout::fieldOfBit(const QList<HeaderField> &fields, qint64 bit) noexcept
{
    for (const HeaderField &field : fields) {
        if (field.contains(bit))
            return field.id;
    }
    return std::nullopt;
}

std::optional<FieldId> BitDiagramLayout::fieldAt(const QList<HeaderField> &fields, QPointF point) const noexcept
{
    const auto bit = bitAt(point);
    return bit ? fieldOfBit(fields, *bit) : std::nullopt;
}

} // namespace wslab::inspector
