#include "bitdiagramview.h"

#include "framenarrator.h"

#include "server/protocol/masking.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;
using protocol::HeaderField;
using protocol::LengthForm;

namespace {

constexpr qreal outerMargin = 4;

QColor textOn(const QColor &background)
{
    return background.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace

BitDiagramView::BitDiagramView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true); // rows of 32, 16 or 8 bits, the length forms on one line or more
    setSizePolicy(policy);
    relayout();
}

void BitDiagramView::setFrame(const protocol::DecodedFrame &frame, FrameNarrator::Sender sender)
{
    m_frame = frame;
    m_sender = sender;
    m_hasFrame = true;
    m_fields = protocol::headerLayout(frame.header);
    // The diagram shows the bits as they were on the wire: the header, then the payload masked
    // again (only the few bytes the diagram draws, never the whole payload).
    const qint64 shownBytes = (BitDiagramLayout::bitsToShow(m_fields) + 7) / 8;
    const qsizetype payloadBytes = std::min<qsizetype>(frame.payload.size(), shownBytes - frame.headerSize());
    m_wirePrefix = frame.wireHeader();
    if (payloadBytes > 0) {
        const qsizetype start = m_wirePrefix.size();
        m_wirePrefix.resize(start + payloadBytes);
        if (frame.header.masked)
            protocol::copyMasked(frame.payload.constData(), m_wirePrefix.data() + start, payloadBytes,
                                 frame.header.maskKey);
        else
            std::copy_n(frame.payload.constData(), payloadBytes, m_wirePrefix.data() + start);
    }
    m_hovered.reset();
    m_highlightBitCount = 0;
    relayout();
    update();
}

void BitDiagramView::clear()
{
    m_frame = {};
    m_hasFrame = false;
    m_fields.clear();
    m_wirePrefix.clear();
    m_hovered.reset();
    m_highlightBitCount = 0;
    relayout();
    update();
}

QFont BitDiagramView::labelFont() const
{
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    return small;
}

qreal BitDiagramView::tierLineHeight() const
{
    return std::ceil(QFontMetricsF(font()).height() * 1.35);
}

qreal BitDiagramView::minimumCellWidth(int bitsPerRow) const
{
    // Two digits of bit number per cell, with a little air; a byte a row needs one digit and the
    // one-bit fields' short names ("R1", see labelFor()).
    const QFontMetricsF fm(labelFont());
    if (bitsPerRow > BitDiagramLayout::byteBitsPerRow)
        return std::ceil(fm.horizontalAdvance(QStringLiteral("31")) + 6);
    qreal widest = fm.horizontalAdvance(QStringLiteral("7")) + 2;
    for (const QString &name : {tr("F"), tr("R1"), tr("R2"), tr("R3"), tr("M")})
        widest = std::max(widest, fm.horizontalAdvance(name));
    return std::ceil(widest + 4);
}

int BitDiagramView::bitsPerRowAt(qreal width) const
{
    // The RFC's 32-bit rows when every cell still gets its minimum width, else 16-bit rows (a
    // narrow pane such as the composer's preview) rather than a diagram that scrolls sideways.
    // Under 16 cells (the composer in a column under 370 px), a byte a row.
    const BitDiagramLayout::Metrics m = metricsFor(0, BitDiagramLayout::rfcBitsPerRow);
    const qreal available = width - m.leftMargin - outerMargin;
    for (int bits : {BitDiagramLayout::rfcBitsPerRow, BitDiagramLayout::narrowBitsPerRow}) {
        if (available >= bits * minimumCellWidth(bits))
            return bits;
    }
    return BitDiagramLayout::byteBitsPerRow;
}

BitDiagramLayout::Metrics BitDiagramView::metricsFor(qreal width, int bitsPerRow) const
{
    const QFontMetricsF fm(font());
    const QFontMetricsF small(labelFont());
    BitDiagramLayout::Metrics m;
    m.leftMargin = outerMargin + fm.horizontalAdvance(QStringLiteral("+12")) + fm.averageCharWidth();
    m.topMargin = std::ceil(small.height() * 1.3);
    m.bitHeight = std::ceil(fm.height() * 1.5);
    m.labelHeight = std::ceil(small.height() * 1.5);
    m.rowGap = std::ceil(fm.height() * 0.3);
    // Fill the width, within limits: at least two digits of bit number per cell, at most a square-ish cell.
    const qreal maxCell = std::ceil(fm.height() * 2.4);
    const qreal available = (width - m.leftMargin - outerMargin) / bitsPerRow;
    m.cellWidth = std::floor(std::clamp(available, minimumCellWidth(bitsPerRow), maxCell));
    return m;
}

BitDiagramLayout BitDiagramView::layoutAt(qreal width, qint64 minimumBits) const
{
    const int bitsPerRow = bitsPerRowAt(width);
    const qint64 bits = m_hasFrame ? BitDiagramLayout::bitsToShow(m_fields, bitsPerRow) : 0;
    return BitDiagramLayout(metricsFor(width, bitsPerRow), std::max(bits, minimumBits), bitsPerRow);
}

void BitDiagramView::relayout()
{
    m_layout = layoutAt(width());
    updateGeometry();
}

QSize BitDiagramView::sizeHint() const
{
    const BitDiagramLayout::Metrics m = metricsFor(0, BitDiagramLayout::rfcBitsPerRow);
    const int preferredWidth = std::max(minimumSizeHint().width(),
                                        int(std::ceil(m.leftMargin + BitDiagramLayout::rfcBitsPerRow
                                                                              * std::ceil(QFontMetricsF(font()).height() * 1.8))));
    // The height follows the width the widget has: rows of 32 or 16 bits, the length forms on one
    // line or stacked.
    return {preferredWidth, heightAtWidth(width())};
}

QSize BitDiagramView::minimumSizeHint() const
{
    // As narrow as a byte a row; as high as 16-bit rows are (the height a narrower pane needs
    // comes from heightForWidth(), while this one sizes the composer's split as it was).
    const auto widthFor = [this](int bitsPerRow) {
        const BitDiagramLayout::Metrics m = metricsFor(0, bitsPerRow);
        return int(std::ceil(m.leftMargin + bitsPerRow * m.cellWidth + 1 + outerMargin));
    };
    return {widthFor(BitDiagramLayout::byteBitsPerRow), heightAtWidth(widthFor(BitDiagramLayout::narrowBitsPerRow))};
}

int BitDiagramView::heightAtWidth(int width) const
{
    // An empty view keeps one row for its hint.
    const BitDiagramLayout layout = layoutAt(width, BitDiagramLayout::narrowBitsPerRow);
    return int(std::ceil(placeTiers(layout, width).bottom + outerMargin));
}

qreal BitDiagramView::tiersTop(const BitDiagramLayout &layout) const
{
    const qreal diagramBottom = std::max<qreal>(layout.height(), layout.metrics().topMargin + layout.rowHeight());
    return diagramBottom + std::ceil(tierLineHeight() * 0.3);
}

qreal BitDiagramView::tierChipWidth(LengthForm form) const
{
    // The form in use is written out in bold; the other two are named.
    QFont f = font();
    f.setBold(form == m_frame.header.lengthForm);
    const QString text = form == m_frame.header.lengthForm ? QStringLiteral("▶ ") + tierText(form) : tierName(form);
    return std::ceil(QFontMetricsF(f).horizontalAdvance(text)) + 12;
}

BitDiagramView::TierPlacement BitDiagramView::placeTiers(const BitDiagramLayout &layout, qreal width) const
{
    constexpr LengthForm forms[] = {LengthForm::Short7, LengthForm::Extended16, LengthForm::Extended64};
    TierPlacement placement;
    const qreal line = tierLineHeight();
    const qreal left = layout.metrics().leftMargin;
    const qreal available = std::max<qreal>(0, width - left - outerMargin);
    const qreal spacing = 2 * QFontMetricsF(font()).averageCharWidth();
    qreal y = tiersTop(layout);
    qreal needed = 2 * spacing;
    for (LengthForm form : forms)
        needed += tierChipWidth(form);
    if (needed <= available) {
        // All three on one line, in the order of the RFC's text.
        qreal x = left;
        for (int i = 0; i < 3; ++i) {
            placement.rects[i] = QRectF(x, y, tierChipWidth(forms[i]), line);
            x += placement.rects[i].width() + spacing;
        }
        placement.bottom = y + line;
        return placement;
    }
    // Narrow: the form in use on a line of its own (two if its sentence needs them), the other two
    // named under it, side by side when they fit.
    const LengthForm used = m_frame.header.lengthForm;
    const int usedIndex = int(std::find(std::begin(forms), std::end(forms), used) - std::begin(forms));
    const qreal usedWidth = tierChipWidth(used);
    placement.usedWraps = usedWidth > available;
    placement.rects[usedIndex] = QRectF(left, y, std::min(usedWidth, available), placement.usedWraps ? 2 * line : line);
    y += placement.rects[usedIndex].height();
    qreal x = left;
    for (int i = 0; i < 3; ++i) {
        if (i == usedIndex)
            continue;
        const qreal w = std::min(tierChipWidth(forms[i]), available);
        if (x > left && x + w > left + available) {
            x = left;
            y += line;
        }
        placement.rects[i] = QRectF(x, y, w, line);
        x += w + spacing;
    }
    placement.bottom = y + line;
    return placement;
}

QRectF BitDiagramView::tierRect(LengthForm form) const
{
    const int index = form == LengthForm::Short7 ? 0 : form == LengthForm::Extended16 ? 1 : 2;
    return placeTiers(m_layout, width()).rects[index];
}

int BitDiagramView::bitValue(qint64 bit) const
{
    const qint64 byte = bit / 8;
    if (byte >= m_wirePrefix.size())
        return -1;
    return (quint8(m_wirePrefix.at(byte)) >> (7 - bit % 8)) & 1;
}

bool BitDiagramView::isHighlighted(qint64 bit) const noexcept
{
    return m_highlightBitCount > 0 && bit >= m_highlightFirstBit && bit < m_highlightFirstBit + m_highlightBitCount;
}

QString BitDiagramView::labelFor(const HeaderField &field, qreal width) const
{
    const protocol::FrameHeader &h = m_frame.header;
    QStringList candidates; // longest first
    switch (field.id) {
    case FieldId::Fin: candidates = {tr("FIN"), tr("F")}; break;
    case FieldId::Rsv1: candidates = {tr("RSV1"), tr("R1")}; break;
    case FieldId::Rsv2: candidates = {tr("RSV2"), tr("R2")}; break;
    case FieldId::Rsv3: candidates = {tr("RSV3"), tr("R3")}; break;
    case FieldId::Mask: candidates = {tr("MASK"), tr("M")}; break;
    case FieldId::Opcode: {
        const QString hex = QStringLiteral("0x%1").arg(quint8(h.opcode), 0, 16);
        candidates = {tr("opcode %1 %2").arg(hex, QLatin1StringView(protocol::opcodeName(h.opcode))),
                      tr("opcode %1").arg(hex), hex};
        break;
    }
    case FieldId::PayloadLength: {
        const int seven = protocol::sevenBitLengthValue(h);
        candidates = {tr("payload len = %1").arg(seven), tr("len %1").arg(seven), QString::number(seven)};
        break;
    }
    case FieldId::ExtendedPayloadLength16:
    case FieldId::ExtendedPayloadLength64:
        candidates = {tr("extended payload length = %1").arg(h.payloadLength),
                      tr("ext. length %1").arg(h.payloadLength), QString::number(h.payloadLength)};
        break;
    case FieldId::MaskingKey: {
        const QByteArrayView key(reinterpret_cast<const char *>(h.maskKey.data()), 4);
        const QString hex = QString::fromLatin1(key.toByteArray().toHex(' '));
        candidates = {tr("masking key %1").arg(hex), tr("key %1").arg(hex), tr("key")};
        break;
    }
    case FieldId::Payload:
        candidates = {h.masked ? tr("payload data (masked) …") : tr("payload data …"), tr("payload"), tr("data")};
        break;
    }
    const QFontMetricsF fm(labelFont());
    for (const QString &candidate : std::as_const(candidates)) {
        if (fm.horizontalAdvance(candidate) <= width - 4)
            return candidate;
    }
    return {};
}

void BitDiagramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (!m_hasFrame) {
        painter.setPen(FieldColors::secondaryText(palette()));
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a frame to see its header bit by bit."));
        return;
    }
    const QPalette &pal = palette();
    const QFont small = labelFont();

    painter.setFont(small);
    painter.setPen(FieldColors::secondaryText(pal));
    for (int column = 0; column < m_layout.bitsPerRow(); ++column)
        painter.drawText(m_layout.bitNumberRect(column), Qt::AlignCenter, QString::number(column));
    painter.setFont(font());
    for (int row = 0; row < m_layout.rowCount(); ++row)
        painter.drawText(m_layout.rowOffsetRect(row), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("+%1").arg(row * m_layout.bitsPerRow() / 8));

    for (const HeaderField &field : std::as_const(m_fields))
        paintField(painter, field);
    paintBits(painter);
    paintTiers(painter);
}

void BitDiagramView::paintField(QPainter &painter, const HeaderField &field) const
{
    const QPalette &pal = palette();
    const QList<QRectF> segments = m_layout.fieldSegments(field);
    if (segments.isEmpty())
        return;
    for (const QRectF &segment : segments)
        painter.fillRect(segment, FieldColors::fill(field.id, pal));

    // Highlighted bits (a stepped-to field, a byte clicked in the hex view) in the strong shade.
    const QColor strong = FieldColors::strong(field.id, pal);
    const qint64 shownEnd = std::min(field.bitOffset + field.bitLength, m_layout.bitCount());
    for (qint64 bit = std::max(field.bitOffset, m_highlightFirstBit);
         bit < std::min(shownEnd, m_highlightFirstBit + m_highlightBitCount); ++bit)
        painter.fillRect(m_layout.bitRect(bit), strong);

    // The name goes on the first piece it fits in (reading order, like the RFC figure); the other
    // pieces of a field that wraps say that they continue it.
    const QFontMetricsF small(labelFont());
    auto named = std::find_if(segments.begin(), segments.end(), [&](const QRectF &segment) {
        return !labelFor(field, segment.width()).isEmpty();
    });
    for (auto it = segments.begin(); it != segments.end(); ++it) {
        painter.setPen(QPen(pal.color(QPalette::Mid), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(it->adjusted(0.5, 0.5, -0.5, -0.5));

        const QRectF label = m_layout.labelRect(*it);
        QString text = labelFor(field, label.width());
        if (it != named)
            text = small.horizontalAdvance(tr("(cont.)")) <= label.width() - 4 ? tr("(cont.)") : QString();
        painter.setFont(labelFont());
        painter.setPen(FieldColors::text(pal));
        painter.drawText(label, Qt::AlignCenter, text);
    }
    if (m_hovered == field.id) {
        painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        for (const QRectF &segment : segments)
            painter.drawRect(segment.adjusted(1, 1, -1, -1));
    }
}

void BitDiagramView::paintBits(QPainter &painter) const
{
    const QPalette &pal = palette();
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    for (qint64 bit = 0; bit < m_layout.bitCount(); ++bit) {
        const int value = bitValue(bit);
        if (value < 0)
            continue;
        const QRectF cell = m_layout.bitRect(bit);
        const auto field = BitDiagramLayout::fieldOfBit(m_fields, bit);
        QColor ink = FieldColors::text(pal);
        if (field && isHighlighted(bit))
            ink = textOn(FieldColors::strong(*field, pal));
        painter.setPen(ink);
        painter.drawText(cell, Qt::AlignCenter, QString::number(value));
        // A hairline between bits inside a field, like the tick marks of the RFC figure.
        if (bit % m_layout.bitsPerRow() != 0) {
            QColor tick = pal.color(QPalette::Mid);
            tick.setAlpha(110);
            painter.setPen(QPen(tick, 1));
            painter.drawLine(QLineF(cell.left() + 0.5, cell.top() + cell.height() * 0.7, cell.left() + 0.5, cell.bottom()));
        }
    }
}

QString BitDiagramView::tierText(LengthForm form)
{
    switch (form) {
    case LengthForm::Short7: return tr("len ≤ 125: payload len is the length itself (7-bit form)");
    case LengthForm::Extended16: return tr("126 → next 16 bits: the length is in the next 16 bits (up to 65535)");
    case LengthForm::Extended64: return tr("127 → next 64 bits: the length is in the next 64 bits");
    }
    return {};
}

QString BitDiagramView::tierName(LengthForm form)
{
    switch (form) {
    case LengthForm::Short7: return tr("len ≤ 125");
    case LengthForm::Extended16: return tr("126 → next 16 bits");
    case LengthForm::Extended64: return tr("127 → next 64 bits");
    }
    return {};
}

void BitDiagramView::paintTiers(QPainter &painter) const
{
    const QPalette &pal = palette();
    const LengthForm used = m_frame.header.lengthForm;
    const TierPlacement placement = placeTiers(m_layout, width());
    constexpr LengthForm forms[] = {LengthForm::Short7, LengthForm::Extended16, LengthForm::Extended64};
    for (int i = 0; i < 3; ++i) {
        const LengthForm form = forms[i];
        const QRectF line = placement.rects[i];
        QFont f = font();
        f.setBold(form == used);
        painter.setFont(f);
        const QFontMetricsF fm(f);
        const QRectF textRect = line.adjusted(6, 0, -6, 0);
        if (form != used) {
            painter.setPen(FieldColors::secondaryText(pal));
            painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                             fm.elidedText(tierName(form), Qt::ElideRight, textRect.width()));
            continue;
        }
        const FieldId field = used == LengthForm::Short7 ? FieldId::PayloadLength
                : used == LengthForm::Extended16 ? FieldId::ExtendedPayloadLength16
                                                  : FieldId::ExtendedPayloadLength64;
        painter.fillRect(line, FieldColors::fill(field, pal));
        painter.setPen(FieldColors::text(pal));
        const QString text = QStringLiteral("▶ ") + tierText(form);
        if (placement.usedWraps)
            painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, text);
        else
            painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, textRect.width()));
    }
}

void BitDiagramView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void BitDiagramView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        relayout();
    QWidget::changeEvent(event);
}

void BitDiagramView::setHovered(std::optional<FieldId> field)
{
    if (m_hovered == field)
        return;
    m_hovered = field;
    update();
    if (field)
        Q_EMIT fieldHovered(*field);
    else
        Q_EMIT hoverLeft();
}

void BitDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    setHovered(m_layout.fieldAt(m_fields, event->position()));
}

void BitDiagramView::leaveEvent(QEvent *event)
{
    setHovered(std::nullopt);
    QWidget::leaveEvent(event);
}

void BitDiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const auto bit = m_layout.bitAt(event->position());
    if (!bit)
        return;
    Q_EMIT bitClicked(*bit);
    if (const auto field = BitDiagramLayout::fieldOfBit(m_fields, *bit))
        Q_EMIT fieldClicked(*field);
}

void BitDiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    // A click is complete on press; the release is ours too, so it does not travel to the parent.
    event->accept();
}

bool BitDiagramView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const auto field = m_layout.fieldAt(m_fields, help->pos())) {
            QToolTip::showText(help->globalPos(),
                               QStringLiteral("<b>%1</b><br>%2").arg(FrameNarrator::fieldTitle(*field).toHtmlEscaped(),
                                                                     FrameNarrator::fieldSentence(m_frame, *field, m_sender).toHtmlEscaped()),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void BitDiagramView::setHighlightBits(qint64 firstBit, qint64 count)
{
    if (m_highlightFirstBit == firstBit && m_highlightBitCount == count)
        return;
    m_highlightFirstBit = firstBit;
    m_highlightBitCount = count;
    update();
}

void BitDiagramView::highlightField(FieldId field)
{
    for (const HeaderField &f : std::as_const(m_fields)) {
        if (f.id == field)
            return setHighlightBits(f.bitOffset, f.bitLength);
    }
    clearHighlight();
}

void BitDiagramView::highlightByte(qint64 offset)
{
    setHighlightBits(offset * 8, 8);
}

void BitDiagramView::highlightBits(qint64 firstBit, qint64 count)
{
    setHighlightBits(std::max<qint64>(0, firstBit), std::max<qint64>(0, count));
}

void BitDiagramView::clearHighlight()
{
    setHighlightBits(0, 0);
}

} // namespace wslab::inspector
