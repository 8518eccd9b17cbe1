#include "hexview.h"

#include "framenarrator.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;
using protocol::HeaderField;

namespace {

QColor textOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    relayout();
}

void HexView::setFrame(const protocol::DecodedFrame &frame)
{
    setBytes(frame.wireBytes(), protocol::headerLayout(frame.header));
}

void HexView::setBytes(const QByteArray &bytes, const QList<HeaderField> &fields)
{
    m_bytes = bytes;
    m_fields = fields;
    m_payloadOffset = -1;
    for (const HeaderField &field : fields) {
        if (field.id == FieldId::Payload)
            m_payloadOffset = field.firstByte();
    }
    m_highlightBitCount = 0;
    m_hoveredByte = -1;
    relayout();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void HexView::clear()
{
    setBytes({});
}

void HexView::relayout()
{
    const QFontMetricsF metrics(font());
    HexLayout::Metrics m;
    m.charWidth = metrics.horizontalAdvance(QLatin1Char('0'));
    m.lineHeight = std::ceil(metrics.height() * 1.25);
    m.padding = m.charWidth / 2;
    // Enough digits for the offset of the last byte, at least 4 (a frame header needs 1).
    int digits = 4;
    while (digits < 16 && (qint64(1) << (4 * digits)) <= m_bytes.size())
        ++digits;
    m.offsetDigits = digits;
    m_preferredWidth = HexLayout(m, m_bytes.size()).width();
    // Sixteen bytes a row when they fit, else eight (a narrow pane such as the composer's preview)
    // rather than a dump that scrolls sideways.
    if (viewport()->width() > 0 && m_preferredWidth > viewport()->width()) {
        m.bytesPerRow = 8;
        m.groupSize = 4;
    }
    m_layout = HexLayout(m, m_bytes.size());
    updateScrollBars();
}

void HexView::updateScrollBars()
{
    // Vertical scrolling counts rows, so the scroll bar's int range covers any frame size.
    const qreal lineHeight = m_layout.metrics().lineHeight;
    const int visibleRows = std::max(1, int(viewport()->height() / lineHeight));
    const qint64 rows = m_layout.rowCount();
    verticalScrollBar()->setRange(0, int(std::max<qint64>(0, rows - visibleRows)));
    verticalScrollBar()->setPageStep(visibleRows);
    verticalScrollBar()->setSingleStep(1);
    const int overflow = int(std::ceil(m_layout.width())) - viewport()->width();
    horizontalScrollBar()->setRange(0, std::max(0, overflow));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(int(m_layout.metrics().charWidth));
}

qint64 HexView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

QPointF HexView::contentOrigin() const
{
    return {qreal(horizontalScrollBar()->value()), m_layout.rowTop(firstVisibleRow())};
}

QRectF HexView::hexCellInViewport(qint64 byte) const
{
    return m_layout.hexCellRect(byte).translated(-contentOrigin());
}

std::optional<qint64> HexView::byteAtViewport(QPointF point) const
{
    return m_layout.byteAt(point + contentOrigin());
}

std::optional<FieldId> HexView::fieldOfBit(qint64 bit) const
{
    for (const HeaderField &field : m_fields) {
        if (field.contains(bit))
            return field.id;
    }
    return std::nullopt;
}

std::optional<FieldId> HexView::fieldOfByte(qint64 byte) const
{
    if (m_payloadOffset >= 0 && byte >= m_payloadOffset)
        return FieldId::Payload;
    return fieldOfBit(byte * 8);
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QPointF origin = contentOrigin();
    const auto rows = m_layout.visibleRows(origin.y(), viewport()->height());
    for (qint64 row = rows.first; row <= rows.last; ++row)
        paintRow(painter, row, origin);
}

void HexView::paintRow(QPainter &painter, qint64 row, QPointF origin) const
{
    const QPalette &pal = palette();
    const int perRow = m_layout.metrics().bytesPerRow;
    const qint64 first = row * perRow;
    const qint64 end = std::min<qint64>(first + perRow, m_bytes.size());

    painter.setPen(FieldColors::secondaryText(pal));
    painter.drawText(m_layout.offsetRect(row).translated(-origin), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("%1").arg(first, m_layout.metrics().offsetDigits, 16, QLatin1Char('0')));

    for (qint64 byte = first; byte < end; ++byte) {
        const quint8 value = quint8(m_bytes.at(byte));
        const QRectF hexCell = m_layout.hexCellRect(byte).translated(-origin);
        const QRectF asciiCell = m_layout.asciiCellRect(byte).translated(-origin);
        paintByteBackground(painter, byte, hexCell);
        paintByteBackground(painter, byte, asciiCell);

        // Light text only when the whole byte has the strong colour (a highlighted FIN leaves the
        // rest of byte 0 in the soft fills, which want the normal text colour).
        const bool highlighted = m_highlightBitCount > 0 && byte * 8 >= m_highlightFirstBit
                && (byte + 1) * 8 <= m_highlightFirstBit + m_highlightBitCount;
        const auto field = fieldOfByte(byte);
        QColor ink = pal.color(QPalette::Text);
        if (highlighted && field)
            ink = textOn(FieldColors::strong(*field, pal));
        painter.setPen(ink);
        painter.drawText(hexCell, Qt::AlignCenter, QStringLiteral("%1").arg(value, 2, 16, QLatin1Char('0')));
        const QChar c = value >= 0x20 && value < 0x7f ? QChar(value) : QChar(0x00B7);
        painter.drawText(asciiCell, Qt::AlignCenter, QString(c));

        if (byte == m_hoveredByte) {
            painter.setPen(QPen(pal.color(QPalette::Highlight), 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(hexCell.adjusted(1, 1, -1, -1));
            painter.drawRect(asciiCell.adjusted(0.5, 1, -0.5, -1));
        }
    }
}

void HexView::paintByteBackground(QPainter &painter, qint64 byte, const QRectF &cell) const
{
    if (m_fields.isEmpty())
        return;
    const QPalette &pal = palette();
    const auto isHighlighted = [this](qint64 bit) {
        return m_highlightBitCount > 0 && bit >= m_highlightFirstBit && bit < m_highlightFirstBit + m_highlightBitCount;
    };
    const auto colourOf = [&](FieldId field, qint64 bit) {
        return isHighlighted(bit) ? FieldColors::strong(field, pal) : FieldColors::fill(field, pal);
    };
    if (m_payloadOffset >= 0 && byte >= m_payloadOffset) {
        painter.fillRect(cell, colourOf(FieldId::Payload, byte * 8));
        return;
    }
    // A header byte: one sliver per bit, coloured by the field that bit belongs to, so byte 0 shows
    // FIN | RSV1-3 | opcode in proportion (RFC 6455 §5.2).
    const qreal sliver = cell.width() / 8;
    for (int bit = 0; bit < 8; ++bit) {
        const qint64 wireBit = byte * 8 + bit;
        if (const auto field = fieldOfBit(wireBit))
            painter.fillRect(QRectF(cell.x() + bit * sliver, cell.y(), sliver, cell.height()), colourOf(*field, wireBit));
    }
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (!fitRowsToViewport())
        updateScrollBars();
}

bool HexView::fitRowsToViewport()
{
    const bool sixteen = m_preferredWidth <= viewport()->width();
    if (sixteen == (m_layout.metrics().bytesPerRow == 16))
        return false;
    relayout();
    return true;
}

void HexView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void HexView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        relayout();
    QAbstractScrollArea::changeEvent(event);
}

void HexView::mouseMoveEvent(QMouseEvent *event)
{
    const qint64 byte = byteAtViewport(event->position()).value_or(-1);
    if (byte == m_hoveredByte)
        return;
    m_hoveredByte = byte;
    viewport()->update();
    Q_EMIT byteHovered(byte);
    if (byte >= 0) {
        if (const auto field = fieldOfByte(byte))
            Q_EMIT fieldHovered(*field);
    }
}

void HexView::leaveEvent(QEvent *event)
{
    if (m_hoveredByte >= 0) {
        m_hoveredByte = -1;
        viewport()->update();
        Q_EMIT byteHovered(-1);
    }
    QAbstractScrollArea::leaveEvent(event);
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const auto byte = byteAtViewport(event->position());
    if (!byte)
        return;
    Q_EMIT byteClicked(*byte);
    if (const auto field = fieldOfByte(*byte))
        Q_EMIT fieldClicked(*field);
}

void HexView::mouseReleaseEvent(QMouseEvent *event)
{
    // A click is complete on press; the release is ours too, so it does not travel to the parent.
    event->accept();
}

bool HexView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const auto byte = byteAtViewport(help->pos()))
            QToolTip::showText(help->globalPos(), byteToolTip(*byte), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    // A scroll bar that comes or goes changes the viewport's width but not the view's.
    if (event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, [this] { fitRowsToViewport(); }, Qt::QueuedConnection);
    return QAbstractScrollArea::viewportEvent(event);
}

QString HexView::byteToolTip(qint64 byte) const
{
    const quint8 value = quint8(m_bytes.at(byte));
    QString text = tr("byte %1 = 0x%2 = %3").arg(byte).arg(value, 2, 16, QLatin1Char('0')).arg(value);
    if (const auto field = fieldOfByte(byte))
        text += QStringLiteral(" — ") + FrameNarrator::fieldTitle(*field);
    return text;
}

void HexView::setHighlightBits(qint64 firstBit, qint64 count)
{
    if (m_highlightFirstBit == firstBit && m_highlightBitCount == count)
        return;
    m_highlightFirstBit = firstBit;
    m_highlightBitCount = count;
    if (count > 0)
        scrollToByte(firstBit / 8);
    viewport()->update();
}

void HexView::highlightField(FieldId field)
{
    for (const HeaderField &f : std::as_const(m_fields)) {
        if (f.id == field)
            return setHighlightBits(f.bitOffset, std::min<qint64>(f.bitLength, (m_bytes.size() - f.firstByte()) * 8));
    }
    clearHighlight();
}

void HexView::highlightBytes(qint64 first, qint64 last)
{
    first = std::clamp<qint64>(first, 0, m_bytes.size());
    last = std::clamp<qint64>(last, first - 1, m_bytes.size() - 1);
    setHighlightBits(first * 8, (last - first + 1) * 8);
}

void HexView::highlightBits(qint64 firstBit, qint64 count)
{
    setHighlightBits(std::max<qint64>(0, firstBit), std::max<qint64>(0, count));
}

void HexView::clearHighlight()
{
    setHighlightBits(0, 0);
}

void HexView::scrollToByte(qint64 byte)
{
    const qint64 row = m_layout.rowOf(byte);
    const qint64 first = firstVisibleRow();
    const qint64 visible = verticalScrollBar()->pageStep();
    if (row < first || row >= first + visible)
        verticalScrollBar()->setValue(int(std::max<qint64>(0, row - visible / 3)));
}

QSize HexView::sizeHint() const
{
    const int frame = 2 * frameWidth();
    return {int(std::ceil(m_preferredWidth)) + frame + verticalScrollBar()->sizeHint().width(),
            int(m_layout.metrics().lineHeight * 10) + frame};
}

QSize HexView::minimumSizeHint() const
{
    return {int(m_layout.metrics().charWidth * 30), int(m_layout.metrics().lineHeight * 3)};
}

} // namespace wslab::inspector
