#pragma once

#include "server/protocol/headerlayout.h"

#include <QList>
#include <QPointF>
#include <QRectF>

#include <optional>

namespace wslab::inspector {

// The geometry of the RFC 6455 §5.2 diagram: 32 bits per row like the RFC's figure (16 in a narrow
// pane, such as the composer's preview), bit 0 (the most significant bit of byte 0) at the left of
// the first row. Each row has a band of bit cells (one value each) above a
// band where field labels go; bit numbers 0..31 run along the top and the byte offset of each row
// down the left. Pure geometry in logical pixels; fields come from protocol::headerLayout().
class BitDiagramLayout
{
public:
    static constexpr int rfcBitsPerRow = 32;
    static constexpr int narrowBitsPerRow = 16;
    static constexpr int byteBitsPerRow = 8; // a pane too narrow for 16 bits a row

    struct Metrics
    {
        qreal cellWidth = 22;
        qreal bitHeight = 22;   // the band with the bit values
        qreal labelHeight = 20; // the band with the field names
        qreal rowGap = 6;
        qreal leftMargin = 44;  // the byte offset of each row
        qreal topMargin = 18;   // the bit numbers
    };

    BitDiagramLayout() = default;
    BitDiagramLayout(const Metrics &metrics, qint64 bitCount, int bitsPerRow = rfcBitsPerRow);

    // How much of a frame the diagram draws: the whole header, then payload bits to the end of the
    // header's last row and one row more (the payload itself belongs to the hex view).
    [[nodiscard]] static qint64 bitsToShow(const QList<protocol::HeaderField> &fields, int bitsPerRow = rfcBitsPerRow);

    [[nodiscard]] const Metrics &metrics() const noexcept { return m_metrics; }
    [[nodiscard]] qint64 bitCount() const noexcept { return m_bitCount; }
    [[nodiscard]] int bitsPerRow() const noexcept { return m_bitsPerRow; }
    [[nodiscard]] int rowCount() const noexcept;
    [[nodiscard]] qreal width() const noexcept;
    [[nodiscard]] qreal height() const noexcept;
    [[nodiscard]] qreal rowTop(int row) const noexcept;
    [[nodiscard]] qreal rowHeight() const noexcept { return m_metrics.bitHeight + m_metrics.labelHeight; }

    [[nodiscard]] QRectF bitRect(qint64 bit) const noexcept;        // the value cell
    [[nodiscard]] QRectF bitNumberRect(int column) const noexcept;  // the number above column 0..bitsPerRow-1
    [[nodiscard]] QRectF rowOffsetRect(int row) const noexcept;     // "+0", "+4", ... at the left

    // A field's span over the shown bits, one rectangle per row it crosses, each covering the bit
    // band and the label band; labelRect() is the label band of one such segment.
    [[nodiscard]] QList<QRectF> fieldSegments(const protocol::HeaderField &field) const;
    [[nodiscard]] QRectF labelRect(const QRectF &segment) const noexcept;
    [[nodiscard]] QRectF bitsRect(const QRectF &segment) const noexcept;

    [[nodiscard]] std::optional<qint64> bitAt(QPointF point) const noexcept;
    [[nodiscard]] static std::optional<protocol::FieldId> fieldOfBit(const QList<protocol::HeaderField> &fields,
                                                                     qint64 bit) noexcept;
    [[nodiscard]] std::optional<protocol::FieldId> fieldAt(const QList<protocol::HeaderField> &fields,
                                                           QPointF point) const noexcept;

private:
    Metrics m_metrics;
    qint64 m_bitCount = 0;
    int m_bitsPerRow = rfcBitsPerRow;
};

} // namespace wslab::inspector
