#include "timelineview.h"

#include "fieldcolors.h"
#include "framecapturemodel.h"

#include "server/protocol/opcode.h"

#include <QAbstractItemModel>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QShowEvent>
#include <QToolTip>

#include <algorithm>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;
using capture::Direction;
using capture::RecordKind;
using Role = FrameCaptureModel::Role;

namespace {

constexpr qreal margin = 6;

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setMouseTracking(true);
    verticalScrollBar()->setSingleStep(1);
    // A tab stop: Up and Down walk the rows (see keyPressEvent()), and a frame shows the focus.
    setFocusPolicy(Qt::StrongFocus);
}

void TimelineView::setModel(QAbstractItemModel *model)
{
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_model = model;
    m_currentRow = -1;
    if (model) {
        m_connections << connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                                 &TimelineView::onRowsAboutToBeInserted)
                      << connect(model, &QAbstractItemModel::rowsInserted, this,
                                 [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); })
                      << connect(model, &QAbstractItemModel::rowsRemoved, this,
                                 [this](const QModelIndex &, int first, int last) {
                                     if (m_currentRow > last)
                                         m_currentRow -= last - first + 1;
                                     else if (m_currentRow >= first)
                                         m_currentRow = -1;
                                     updateScrollBars();
                                     viewport()->update();
                                 })
                      << connect(model, &QAbstractItemModel::modelReset, this, [this] {
                             m_currentRow = -1;
                             rescanLanes();
                         })
                      << connect(model, &QAbstractItemModel::layoutChanged, this, &TimelineView::rescanLanes)
                      << connect(model, &QAbstractItemModel::dataChanged, viewport(), qOverload<>(&QWidget::update));
    }
    rescanLanes();
}

void TimelineView::rescanLanes()
{
    m_lanes.clear();
    if (m_model && m_model->rowCount() > 0)
        addLanes(0, m_model->rowCount() - 1);
    updateScrollBars();
    viewport()->update();
}

void TimelineView::addLanes(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const quint64 id = m_model->index(row, 0).data(Role::ConnectionIdRole).toULongLong();
        if (id != 0 && !m_lanes.contains(id))
            m_lanes.append(id);
    }
}

void TimelineView::onRowsAboutToBeInserted()
{
    m_wasAtBottom = isFollowingTail();
}

void TimelineView::onRowsInserted(int first, int last)
{
    if (m_currentRow >= first)
        m_currentRow += last - first + 1;
    addLanes(first, last);
    updateScrollBars();
    // Follow the live tail only while the learner is looking at it.
    if (m_wasAtBottom)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    viewport()->update();
}

bool TimelineView::isFollowingTail() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum();
}

qreal TimelineView::rowHeight() const
{
    return std::ceil(fontMetrics().height() * 2.2);
}

qreal TimelineView::headerHeight() const
{
    return std::ceil(fontMetrics().height() * 1.8);
}

qreal TimelineView::gutterWidth() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("+00000.000 ms")) + 2 * margin;
}

qreal TimelineView::laneWidth() const
{
    // Roomy for a few connections; narrower (down to about 18 characters of label) so that a
    // browser's page, polling and WebSocket connections fit side by side before the view scrolls.
    const qreal character = fontMetrics().averageCharWidth();
    const qreal available = viewport()->width() - gutterWidth() - character * 5 - margin;
    const qreal fitted = available / (std::max<qsizetype>(m_lanes.size(), 1) + 0.6);
    return std::floor(std::clamp(fitted, character * 18, character * 34));
}

qreal TimelineView::serverX() const
{
    return gutterWidth() + fontMetrics().averageCharWidth() * 5 - horizontalScrollBar()->value();
}

int TimelineView::laneIndex(quint64 connectionId) const
{
    return int(m_lanes.indexOf(connectionId));
}

qreal TimelineView::laneX(quint64 connectionId) const
{
    const int index = laneIndex(connectionId);
    return index < 0 ? -1 : serverX() + (index + 1) * laneWidth();
}

int TimelineView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

QRectF TimelineView::rowRect(int row) const
{
    return {0, headerHeight() + (row - firstVisibleRow()) * rowHeight(), qreal(viewport()->width()), rowHeight()};
}

QPointF TimelineView::arrowMidpoint(int row) const
{
    const QRectF r = rowRect(row);
    const quint64 id = m_model->index(row, 0).data(Role::ConnectionIdRole).toULongLong();
    return {laneIndex(id) < 0 ? serverX() : (serverX() + laneX(id)) / 2, r.top() + r.height() * 0.62};
}

int TimelineView::rowAt(QPointF point) const
{
    if (!m_model || point.y() < headerHeight())
        return -1;
    const int row = firstVisibleRow() + int((point.y() - headerHeight()) / rowHeight());
    return row < m_model->rowCount() ? row : -1;
}

void TimelineView::updateScrollBars()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    const int visible = std::max(1, int((viewport()->height() - headerHeight()) / rowHeight()));
    verticalScrollBar()->setRange(0, std::max(0, rows - visible));
    verticalScrollBar()->setPageStep(visible);
    const qreal contentWidth = gutterWidth() + fontMetrics().averageCharWidth() * 5 + (m_lanes.size() + 0.6) * laneWidth();
    horizontalScrollBar()->setRange(0, std::max(0, int(contentWidth) - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QString TimelineView::laneLabel(quint64 connectionId) const
{
    // The table's connection text ("#3 alice") of a row of this connection.
    for (int row = firstVisibleRow(), end = m_model->rowCount(); row < end; ++row) {
        const QModelIndex index = m_model->index(row, FrameCaptureModel::ConnectionColumn);
        if (index.data(Role::ConnectionIdRole).toULongLong() == connectionId)
            return index.data().toString();
        if (row - firstVisibleRow() > 200)
            break;
    }
    return QStringLiteral("#%1").arg(connectionId);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    if (!m_model)
        return;
    // Lifelines.
    QPen lifeline(FieldColors::secondaryText(pal), 1, Qt::DashLine);
    painter.setPen(lifeline);
    const qreal bottom = viewport()->height();
    painter.drawLine(QLineF(serverX(), headerHeight(), serverX(), bottom));
    for (quint64 id : m_lanes)
        painter.drawLine(QLineF(laneX(id), headerHeight(), laneX(id), bottom));

    const int first = firstVisibleRow();
    const int last = std::min(m_model->rowCount() - 1, first + int(bottom / rowHeight()) + 1);
    for (int row = first; row <= last; ++row)
        paintRow(painter, row);
    // The gap column over whatever scrolled under it sideways.
    for (int row = first; row <= last; ++row)
        paintGap(painter, row);
    paintHeader(painter);
    if (hasFocus()) {
        // The keyboard is here: a frame in the highlight colour, inside the viewport's edge.
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(viewport()->rect()).adjusted(1, 1, -1, -1));
    }
}

QColor TimelineView::rowBackground(int row) const
{
    const QPalette &pal = palette();
    if (row == m_currentRow)
        return pal.color(QPalette::Highlight).lighter(FieldColors::isDark(pal) ? 60 : 170);
    return pal.color(QPalette::Base);
}

void TimelineView::paintGap(QPainter &painter, int row) const
{
    // The gap since the previous row in this model: a broadcast shows as a run of near-zero gaps.
    const QPalette &pal = palette();
    const QModelIndex index = m_model->index(row, 0);
    const QRectF r = rowRect(row);
    const QRectF gutter(0, r.top(), gutterWidth(), r.height());
    painter.fillRect(gutter, rowBackground(row));
    if (row != m_currentRow && index.data(Role::HeldRole).toBool())
        painter.fillRect(gutter, QColor(255, 170, 0, 70));
    const qint64 time = index.data(Role::TimeNsRole).toLongLong();
    const qint64 previous = row > 0 ? m_model->index(row - 1, 0).data(Role::TimeNsRole).toLongLong() : time;
    painter.setPen(FieldColors::secondaryText(pal));
    painter.drawText(QRectF(margin, r.top(), gutterWidth() - margin, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("+%1 ms").arg(double(time - previous) / 1e6, 0, 'f', 3));
}

void TimelineView::paintHeader(QPainter &painter) const
{
    const QPalette &pal = palette();
    const QRectF header(0, 0, viewport()->width(), headerHeight());
    painter.fillRect(header, pal.color(QPalette::Window));
    painter.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    if (const QRectF box = labelRect(serverX()); !box.isEmpty())
        painter.drawText(box, Qt::AlignCenter, QFontMetrics(bold).elidedText(tr("Server"), Qt::ElideRight, int(box.width())));
    painter.setFont(font());
    for (quint64 id : m_lanes) {
        if (const QRectF box = laneLabelRect(id); !box.isEmpty())
            painter.drawText(box, Qt::AlignCenter, fontMetrics().elidedText(laneLabel(id), Qt::ElideRight, int(box.width())));
    }
    painter.setFont(font());
    painter.drawText(QRectF(margin, 0, gutterWidth() - margin, header.height()), Qt::AlignLeft | Qt::AlignVCenter, tr("Δ time"));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(QLineF(0, header.bottom() - 0.5, header.width(), header.bottom() - 0.5));
}

QRectF TimelineView::labelRect(qreal x) const
{
    // Centred on its lifeline, within the lanes' visible part: never under the gap column or past
    // the right edge, so a label is whole or shortened, not cut. A lane scrolled out has none.
    const qreal left = gutterWidth() + margin;
    const qreal right = viewport()->width() - margin;
    if (x < left || x > right)
        return {};
    const qreal half = std::min({laneWidth() / 2 - margin, x - left, right - x});
    return half > margin ? QRectF(x - half, 0, 2 * half, headerHeight()) : QRectF();
}

QRectF TimelineView::serverLabelRect() const
{
    return labelRect(serverX());
}

QRectF TimelineView::laneLabelRect(quint64 connectionId) const
{
    return laneIndex(connectionId) < 0 ? QRectF() : labelRect(laneX(connectionId));
}

void TimelineView::paintRow(QPainter &painter, int row) const
{
    const QPalette &pal = palette();
    const QModelIndex index = m_model->index(row, 0);
    const QRectF r = rowRect(row);
    const bool held = index.data(Role::HeldRole).toBool();
    const auto fillBackground = [&](const QRectF &area) {
        painter.fillRect(area, rowBackground(row));
        if (held && row != m_currentRow)
            painter.fillRect(area, QColor(255, 170, 0, 70));
    };
    if (row == m_currentRow || held)
        fillBackground(r);

    const auto kind = RecordKind(index.data(Role::KindRole).toInt());
    const quint64 id = index.data(Role::ConnectionIdRole).toULongLong();
    if (laneIndex(id) < 0)
        return;
    const qreal lane = laneX(id);
    const int opcode = index.data(Role::OpcodeRole).toInt();
    const bool error = index.data(Role::ErrorRole).toBool();
    FieldId tone = FieldId::Opcode; // data frames
    if (error)
        tone = FieldId::Fin;
    else if (kind == RecordKind::HttpRequest || kind == RecordKind::HttpResponse)
        tone = FieldId::PayloadLength;
    else if (opcode >= 0 && protocol::isControl(protocol::Opcode(opcode)))
        tone = FieldId::Mask;
    const QColor colour = FieldColors::strong(tone, pal);
    const qreal y = r.top() + r.height() * 0.62;

    const QString opcodeText = m_model->index(row, FrameCaptureModel::OpcodeColumn).data().toString();
    const QString summary = m_model->index(row, FrameCaptureModel::SummaryColumn).data().toString();
    const QString label = opcodeText + QStringLiteral("  ") + summary;

    if (kind == RecordKind::ConnectionOpened || kind == RecordKind::ConnectionClosed) {
        painter.setPen(QPen(colour, 2));
        painter.setBrush(kind == RecordKind::ConnectionOpened ? QBrush(colour) : QBrush(Qt::NoBrush));
        const qreal radius = r.height() * 0.16;
        painter.drawEllipse(QPointF(lane, y), radius, radius);
        // The note runs on to the right over the other lanes, on the background like arrow labels.
        const qreal left = lane + 2 * radius;
        const qreal width = std::max(laneWidth() - 2 * radius, viewport()->width() - left - margin);
        const QString shown = fontMetrics().elidedText(summary, Qt::ElideRight, int(width));
        const QRectF box(left, r.top(), fontMetrics().horizontalAdvance(shown), r.height());
        fillBackground(box.adjusted(-1, r.height() * 0.2, 2, -r.height() * 0.2));
        painter.setPen(FieldColors::text(pal));
        painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, shown);
        return;
    }

    const bool inbound = Direction(index.data(Role::DirectionRole).toInt()) == Direction::Inbound;
    const qreal from = inbound ? lane : serverX();
    const qreal to = inbound ? serverX() : lane;
    painter.setPen(QPen(colour, 1.6));
    painter.drawLine(QLineF(from, y, to, y));
    const qreal head = r.height() * 0.18;
    const qreal dir = to > from ? -1 : 1;
    QPainterPath arrow;
    arrow.moveTo(to, y);
    arrow.lineTo(to + dir * head * 1.6, y - head);
    arrow.lineTo(to + dir * head * 1.6, y + head);
    arrow.closeSubpath();
    painter.fillPath(arrow, colour);

    // The label sits on the arrow; one longer than a short arrow (a connection in the first lanes)
    // runs on to the right over the empty lanes, on the background so the lifelines do not cross it.
    const qreal left = std::min(from, to) + margin;
    const qreal arrowWidth = std::abs(to - from) - 2 * margin;
    const qreal textWidth = fontMetrics().horizontalAdvance(label);
    const QRectF above(left, r.top(), arrowWidth, y - r.top() - 1);
    painter.setPen(FieldColors::text(pal));
    if (textWidth <= arrowWidth) {
        painter.drawText(above, Qt::AlignHCenter | Qt::AlignBottom, label);
        return;
    }
    const qreal width = std::max(arrowWidth, viewport()->width() - left - margin);
    const QString shown = fontMetrics().elidedText(label, Qt::ElideRight, int(width));
    const QRectF box(left, above.top(), std::min<qreal>(width, fontMetrics().horizontalAdvance(shown)), above.height());
    if (box.width() > arrowWidth)
        fillBackground(box.adjusted(-2, 1, 2, 0));
    painter.drawText(box, Qt::AlignLeft | Qt::AlignBottom, shown);
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void TimelineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TimelineView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    // Hidden (behind another tab) its viewport had some other width: the lanes, the range and the
    // selected row's lane in view again at the width it has now.
    updateScrollBars();
    if (m_currentRow >= 0)
        scrollToLaneOf(m_currentRow);
}

void TimelineView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void TimelineView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

void TimelineView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        viewport()->update(); // "Server", "Δ time" are painted
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    // Up and Down select the previous or next row, as a click on its arrow does.
    const int rows = m_model ? m_model->rowCount() : 0;
    int row = -1;
    if (event->key() == Qt::Key_Up)
        row = m_currentRow < 0 ? rows - 1 : m_currentRow - 1;
    else if (event->key() == Qt::Key_Down)
        row = m_currentRow < 0 ? 0 : m_currentRow + 1;
    else
        return QAbstractScrollArea::keyPressEvent(event);
    if (row >= 0 && row < rows) {
        setCurrentRow(row);
        Q_EMIT rowClicked(row);
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const int row = rowAt(event->position());
    if (row < 0)
        return;
    setCurrentRow(row);
    Q_EMIT rowClicked(row);
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(),
                               m_model->index(row, FrameCaptureModel::SummaryColumn).data().toString(), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::setCurrentRow(int row)
{
    if (!m_model || row >= m_model->rowCount())
        row = -1;
    m_currentRow = row;
    if (row >= 0) {
        const int first = firstVisibleRow();
        const int visible = verticalScrollBar()->pageStep();
        if (row < first || row >= first + visible)
            verticalScrollBar()->setValue(std::max(0, row - visible / 2));
        scrollToLaneOf(row);
    }
    viewport()->update();
}

void TimelineView::scrollToLaneOf(int row)
{
    if (!isVisible())
        return; // the width it would scroll by is not the one it will have (showEvent())
    // A connection scrolled out of view: scroll sideways so that its lane is in view again, and
    // the server's lifeline too when both fit (an arrow runs between them).
    const quint64 connectionId = m_model->index(row, 0).data(Role::ConnectionIdRole).toULongLong();
    if (laneIndex(connectionId) < 0)
        return;
    QScrollBar *bar = horizontalScrollBar();
    const qreal half = laneWidth() / 2;
    const qreal visibleLeft = gutterWidth();
    const qreal visibleRight = viewport()->width();
    // In content coordinates (as at scroll value 0).
    const qreal laneRight = laneX(connectionId) + bar->value() + half;
    const qreal laneLeft = laneRight - 2 * half;
    const qreal serverLeft = serverX() + bar->value() - half;
    const qreal left = laneRight - serverLeft <= visibleRight - visibleLeft ? serverLeft : laneLeft;
    int value = bar->value();
    if (laneRight - value > visibleRight)
        value = int(std::ceil(laneRight - visibleRight));
    if (left - value < visibleLeft)
        value = int(std::floor(left - visibleLeft));
    bar->setValue(value);
}

QSize TimelineView::sizeHint() const
{
    return {int(gutterWidth() + 3.5 * laneWidth()), int(headerHeight() + 12 * rowHeight())};
}

} // namespace wslab::inspector
