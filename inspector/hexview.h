#pragma once

#include "fieldcolors.h"
#include "hexlayout.h"

#include "server/protocol/decodedframe.h"
#include "server/protocol/headerlayout.h"

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QList>

#include <optional>

namespace wslab::inspector {

// A frame as it crossed the wire: offset / hex / ASCII columns, each header bit's field coloured
// (byte 0 shows FIN, RSV and opcode side by side), the payload as sent (masked if it was). Paints
// only the rows in the viewport and scrolls by rows, so a 16 MiB frame costs what a 16 byte one
// does. Talks in byte offsets and field ids only.
class HexView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit HexView(QWidget *parent = nullptr);

    void setFrame(const protocol::DecodedFrame &frame);
    // Any bytes (an HTTP message, say); `fields` colour them when they are a frame.
    void setBytes(const QByteArray &bytes, const QList<protocol::HeaderField> &fields = {});
    void clear();

    [[nodiscard]] const QByteArray &bytes() const noexcept { return m_bytes; }
    [[nodiscard]] const QList<protocol::HeaderField> &fields() const noexcept { return m_fields; }
    [[nodiscard]] const HexLayout &layout() const noexcept { return m_layout; }
    [[nodiscard]] std::optional<protocol::FieldId> fieldOfByte(qint64 byte) const;
    // The highlighted bits [first, first + count), or count 0.
    [[nodiscard]] qint64 highlightedFirstBit() const noexcept { return m_highlightFirstBit; }
    [[nodiscard]] qint64 highlightedBitCount() const noexcept { return m_highlightBitCount; }
    [[nodiscard]] qint64 firstVisibleRow() const;
    // Where a byte's hex cell is in viewport coordinates (it may be outside the viewport).
    [[nodiscard]] QRectF hexCellInViewport(qint64 byte) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

public Q_SLOTS:
    void highlightField(wslab::protocol::FieldId field); // its bits, scrolled into view
    void highlightBytes(qint64 first, qint64 last);      // inclusive
    void highlightBits(qint64 firstBit, qint64 count); // any span, e.g. RSV1-3
    void clearHighlight();
    void scrollToByte(qint64 byte);

Q_SIGNALS:
    void byteClicked(qint64 offset);
    void byteHovered(qint64 offset); // -1 when the pointer leaves the bytes
    void fieldClicked(wslab::protocol::FieldId field);
    void fieldHovered(wslab::protocol::FieldId field);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void relayout();
    bool fitRowsToViewport(); // sixteen bytes a row when they fit, else eight; true if it changed
    void updateScrollBars();
    void setHighlightBits(qint64 firstBit, qint64 count);
    [[nodiscard]] std::optional<qint64> byteAtViewport(QPointF point) const;
    [[nodiscard]] QPointF contentOrigin() const; // content coordinates of the viewport's top-left
    [[nodiscard]] std::optional<protocol::FieldId> fieldOfBit(qint64 bit) const;
    void paintRow(QPainter &painter, qint64 row, QPointF origin) const;
    void paintByteBackground(QPainter &painter, qint64 byte, const QRectF &cell) const;
    [[nodiscard]] QString byteToolTip(qint64 byte) const;

    QByteArray m_bytes;
    QList<protocol::HeaderField> m_fields;
    qint64 m_payloadOffset = -1; // first payload byte, -1 without fields
    HexLayout m_layout;
    qreal m_preferredWidth = 0; // sixteen bytes a row
    qint64 m_highlightFirstBit = 0;
    qint64 m_highlightBitCount = 0;
    qint64 m_hoveredByte = -1;
};

} // namespace wslab::inspector
