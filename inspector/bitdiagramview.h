#pragma once

#include "bitdiagramlayout.h"
#include "fieldcolors.h"
#include "framenarrator.h"

#include "server/protocol/decodedframe.h"

#include <QWidget>

#include <optional>

namespace wslab::inspector {

// The selected frame's header drawn like the RFC 6455 §5.2 figure: 32 bits per row (16 when the
// widget is too narrow for 32 readable cells), every bit with its value, each field coloured and labelled with its value, and under it the three length forms
// with the one this frame uses marked (on one line when the width allows, else one line each, so
// the diagram stays short in a small window). Hovering a field explains it (tooltip + fieldHovered);
// clicking emits fieldClicked and bitClicked. Geometry comes from BitDiagramLayout.
class BitDiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit BitDiagramView(QWidget *parent = nullptr);

    // `sender`, when known, lets the tooltips judge the MASK bit (RFC 6455 §5.1).
    void setFrame(const protocol::DecodedFrame &frame, FrameNarrator::Sender sender = {});
    void clear();
    [[nodiscard]] bool hasFrame() const noexcept { return m_hasFrame; }

    [[nodiscard]] const BitDiagramLayout &layout() const noexcept { return m_layout; }
    [[nodiscard]] const QList<protocol::HeaderField> &fields() const noexcept { return m_fields; }
    [[nodiscard]] std::optional<protocol::FieldId> hoveredField() const noexcept { return m_hovered; }
    [[nodiscard]] qint64 highlightedFirstBit() const noexcept { return m_highlightFirstBit; }
    [[nodiscard]] qint64 highlightedBitCount() const noexcept { return m_highlightBitCount; }
    // The rectangle of the tier line ("len ≤ 125", "126 → ...", "127 → ...") for each LengthForm.
    [[nodiscard]] QRectF tierRect(protocol::LengthForm form) const;
    [[nodiscard]] static QString tierText(protocol::LengthForm form);
    [[nodiscard]] static QString tierName(protocol::LengthForm form); // the short form: "126 → next 16 bits"
    // The height the diagram needs at a given width (the length forms take one line or three).
    [[nodiscard]] int heightAtWidth(int width) const;
    [[nodiscard]] QString labelFor(const protocol::HeaderField &field, qreal width) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override { return heightAtWidth(width); }

public Q_SLOTS:
    void highlightField(wslab::protocol::FieldId field);
    void highlightByte(qint64 offset); // the 8 bits of one wire byte (a click in the hex view)
    void highlightBits(qint64 firstBit, qint64 count); // any span, e.g. RSV1-3
    void clearHighlight();

Q_SIGNALS:
    void fieldHovered(wslab::protocol::FieldId field);
    void hoverLeft();
    void fieldClicked(wslab::protocol::FieldId field);
    void bitClicked(qint64 bit);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Where the three length forms go under the diagram at a width: one line, or the form in use
    // on its own line(s) and the other two named under it.
    struct TierPlacement
    {
        QRectF rects[3]; // Short7, Extended16, Extended64
        bool usedWraps = false;
        qreal bottom = 0;
    };

    void relayout();
    [[nodiscard]] qreal minimumCellWidth(int bitsPerRow) const;
    [[nodiscard]] int bitsPerRowAt(qreal width) const;
    [[nodiscard]] BitDiagramLayout::Metrics metricsFor(qreal width, int bitsPerRow) const;
    [[nodiscard]] BitDiagramLayout layoutAt(qreal width, qint64 minimumBits = 0) const;
    [[nodiscard]] QFont labelFont() const;
    [[nodiscard]] qreal tierLineHeight() const;
    [[nodiscard]] qreal tierChipWidth(protocol::LengthForm form) const;
    [[nodiscard]] TierPlacement placeTiers(const BitDiagramLayout &layout, qreal width) const;
    [[nodiscard]] qreal tiersTop(const BitDiagramLayout &layout) const;
    [[nodiscard]] int bitValue(qint64 bit) const;
    [[nodiscard]] bool isHighlighted(qint64 bit) const noexcept;
    void setHighlightBits(qint64 firstBit, qint64 count);
    void setHovered(std::optional<protocol::FieldId> field);
    void paintField(QPainter &painter, const protocol::HeaderField &field) const;
    void paintBits(QPainter &painter) const;
    void paintTiers(QPainter &painter) const;

    protocol::DecodedFrame m_frame;
    FrameNarrator::Sender m_sender;
    bool m_hasFrame = false;
    QByteArray m_wirePrefix; // the shown bits as on the wire (payload masked)
    QList<protocol::HeaderField> m_fields;
    BitDiagramLayout m_layout;
    std::optional<protocol::FieldId> m_hovered;
    qint64 m_highlightFirstBit = 0;
    qint64 m_highlightBitCount = 0;
};

} // namespace wslab::inspector
