#pragma once

#include <QAbstractScrollArea>
#include <QList>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
QT_END_NAMESPACE

namespace wslab::inspector {

// A sequence diagram of the capture: the server's lifeline on the left, one lane per connection,
// one arrow per record (frame or HTTP message) in capture order with the time since the previous
// record in the margin, and TCP open / close as marks on the lane. A broadcast reads as one
// inbound arrow fanning out to N outbound ones; a closing handshake as close, close, TCP close.
// Works on any model with FrameCaptureModel's roles (the model itself or the filter proxy);
// paints only the rows in the viewport. Clicking an arrow emits rowClicked.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    [[nodiscard]] QAbstractItemModel *model() const { return m_model; }

    [[nodiscard]] const QList<quint64> &lanes() const noexcept { return m_lanes; }
    [[nodiscard]] int currentRow() const noexcept { return m_currentRow; }
    [[nodiscard]] int firstVisibleRow() const;
    [[nodiscard]] bool isFollowingTail() const;
    // Geometry in viewport coordinates, for painting and hit-testing (and the tests).
    [[nodiscard]] qreal rowHeight() const;
    [[nodiscard]] qreal headerHeight() const;
    [[nodiscard]] qreal serverX() const;
    [[nodiscard]] qreal laneX(quint64 connectionId) const; // -1 if the connection has no lane
    [[nodiscard]] QRectF rowRect(int row) const;
    [[nodiscard]] QPointF arrowMidpoint(int row) const;
    [[nodiscard]] int rowAt(QPointF point) const; // -1 outside the rows
    // Where the header names the server and a lane: inside the viewport, or empty when scrolled out.
    [[nodiscard]] QRectF serverLabelRect() const;
    [[nodiscard]] QRectF laneLabelRect(quint64 connectionId) const;

    [[nodiscard]] QSize sizeHint() const override;

public Q_SLOTS:
    void setCurrentRow(int row); // also scrolls it into view

Q_SIGNALS:
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void showEvent(QShowEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void rescanLanes();
    void addLanes(int first, int last);
    void onRowsAboutToBeInserted();
    void onRowsInserted(int first, int last);
    void updateScrollBars();
    void scrollToLaneOf(int row);
    void paintHeader(QPainter &painter) const;
    void paintRow(QPainter &painter, int row) const;
    void paintGap(QPainter &painter, int row) const;
    [[nodiscard]] QColor rowBackground(int row) const;
    [[nodiscard]] QRectF labelRect(qreal x) const;
    [[nodiscard]] qreal gutterWidth() const;
    [[nodiscard]] qreal laneWidth() const;
    [[nodiscard]] int laneIndex(quint64 connectionId) const;
    [[nodiscard]] QString laneLabel(quint64 connectionId) const;

    QPointer<QAbstractItemModel> m_model;
    QList<quint64> m_lanes; // connection ids in order of first appearance
    int m_currentRow = -1;
    bool m_wasAtBottom = true;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace wslab::inspector
