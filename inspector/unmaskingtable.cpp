#include "unmaskingtable.h"

#include "payloadpreview.h"
#include "unmaskingmodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace wslab::inspector {

UnmaskingTable::UnmaskingTable(QWidget *parent)
    : QWidget(parent)
    , m_model(new UnmaskingModel(this))
    , m_view(new QTableView(this))
    , m_formula(new QLabel(this))
    , m_status(new QLabel(this))
    , m_notMasked(new QLabel(this))
    , m_stack(new QStackedWidget(this))
{
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setWordWrap(true);
    m_status->setWordWrap(true);
    m_notMasked->setWordWrap(true);
    m_notMasked->setAlignment(Qt::AlignCenter);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Rows as tall as the monospace text they hold, so a short pane still shows a dozen bytes.
    m_view->verticalHeader()->setDefaultSectionSize(
            QFontMetrics(QFontDatabase::systemFont(QFontDatabase::FixedFont)).height() + 6);
    m_view->setWordWrap(false);
    // Every column as wide as its bytes, so all of them fit the ~400 px detail pane without a
    // horizontal scroll bar. The index column grows with the payload (setFrame()): a header that
    // sizes to its contents measures only the rows in view, and would cut later indices short.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(UnmaskingModel::IndexColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(UnmaskingModel::CharColumn, QHeaderView::Stretch);
    m_view->setAlternatingRowColors(true);

    auto *tablePage = new QWidget(m_stack);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_formula);
    tableLayout->addWidget(m_view, 1);
    tableLayout->addWidget(m_status);
    m_stack->addWidget(tablePage);
    m_stack->addWidget(m_notMasked);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &UnmaskingTable::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UnmaskingTable::updateStatus);
    connect(m_view, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { Q_EMIT byteSelected(index.row()); });
    clear();
}

void UnmaskingTable::setFrame(const protocol::DecodedFrame &frame)
{
    m_model->setFrame(frame);
    if (!frame.header.masked) {
        m_notMasked->setText(tr("This frame is not masked (MASK = 0): the payload on the wire is the payload. "
                                "Only frames from a client to a server are masked (RFC 6455 §5.1)."));
        m_stack->setCurrentWidget(m_notMasked);
        return;
    }
    const auto &k = frame.header.maskKey;
    m_formula->setText(tr("<b>payload[i] = wire[i] XOR key[i mod 4]</b> (RFC 6455 §5.3), key = <code>%1</code>")
                               .arg(PayloadPreview::hexBytes(QByteArrayView(reinterpret_cast<const char *>(k.data()), 4))));
    m_stack->setCurrentIndex(0);
    fitIndexColumn();
    m_view->scrollToTop();
}

void UnmaskingTable::fitIndexColumn()
{
    const QString widest = QString::number(std::max<qsizetype>(m_model->payloadSize() - 1, 0));
    const QFont font = m_model->index(0, UnmaskingModel::IndexColumn).data(Qt::FontRole).value<QFont>();
    // The text margins of an item view cell: the focus frame margin and one pixel, on each side.
    const int margin = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1);
    const int cell = QFontMetrics(font).horizontalAdvance(widest) + margin;
    m_view->setColumnWidth(UnmaskingModel::IndexColumn,
                           std::max(cell, m_view->horizontalHeader()->sectionSizeHint(UnmaskingModel::IndexColumn)));
}

void UnmaskingTable::clear()
{
    m_model->clear();
    m_notMasked->setText(tr("Select a masked frame (client → server) to see how it is unmasked."));
    m_stack->setCurrentWidget(m_notMasked);
}

QString UnmaskingTable::statusText() const
{
    return m_status->text();
}

void UnmaskingTable::updateStatus()
{
    if (m_model->rowCount() < m_model->payloadSize())
        m_status->setText(tr("Showing bytes 0-%1 of %2; scroll down for more.")
                                  .arg(m_model->rowCount() - 1)
                                  .arg(m_model->payloadSize()));
    else
        m_status->setText(tr("All %1 payload bytes.").arg(m_model->payloadSize()));
}

} // namespace wslab::inspector
