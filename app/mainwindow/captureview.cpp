#include "app/mainwindow/captureview.h"

#include "app/mainwindow/connectionnamedelegate.h"
#include "app/mainwindow/filterbar.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/fragmentgrouper.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/handshakeview.h"
#include "inspector/timelineview.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace wslab::app {

namespace {

// What the Conn. column is sized for at least: a chat connection's name.
QString shortConnectionSample()
{
    return QStringLiteral("#99 guest");
}

// What the Opcode column is sized for: a frame's opcode, or the widest word it shows for the other
// rows in the UI's language ("HTTP request", "protocol error").
QString opcodeSample(const QFontMetrics &metrics)
{
    QString widest = QStringLiteral("0x8 close");
    for (const capture::RecordKind kind : {capture::RecordKind::HttpRequest, capture::RecordKind::ProtocolError,
                                           capture::RecordKind::StreamGap, capture::RecordKind::CaptureGap}) {
        capture::CaptureRecord record;
        record.kind = kind;
        const QString text = inspector::FrameCaptureModel::kindText(record);
        if (metrics.horizontalAdvance(text) > metrics.horizontalAdvance(widest))
            widest = text;
    }
    return widest;
}

} // namespace

CaptureView::CaptureView(QWidget *parent)
    : QWidget(parent)
{
    m_model = new inspector::FrameCaptureModel(this);
    m_proxy = new inspector::CaptureFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    createTable();
    m_filterBar = new FilterBar(m_proxy, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_table, 1);

    // The selected frame (bit diagram, hex, explanation, payload, unmasking), the handshake of its
    // connection and the timeline of every connection; the host places them (docks, tabs).
    m_detail = new inspector::FrameDetailPane(this);
    m_detail->setObjectName(QStringLiteral("frameDetail"));
    m_handshake = new inspector::HandshakeView(this);
    m_timeline = new inspector::TimelineView(this);
    m_timeline->setModel(m_proxy);
    connect(m_timeline, &inspector::TimelineView::rowClicked, this, &CaptureView::selectRow);
    connect(m_detail, &inspector::FrameDetailPane::fragmentActivated, this, &CaptureView::selectRecord);
}

void CaptureView::createTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("framesTable"));
    m_table->setModel(m_proxy);
    // Tab leaves the table for the next pane (the arrows walk the rows); walking the cells of a
    // row, which are selected whole anyway, kept keyboard users in the table.
    m_table->setTabKeyNavigation(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows, for a replay of the frames picked (Ctrl and Shift).
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    // The summary takes what the other columns leave, however narrow the window (a stretched last
    // section would keep the width it had in a wider window, behind a scroll bar).
    header->setSectionResizeMode(inspector::FrameCaptureModel::SummaryColumn, QHeaderView::Stretch);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // A proxied connection is named by both its ends: the browser's stays whole, the upstream's
    // loses its middle (the delegate says why).
    m_table->setItemDelegateForColumn(inspector::FrameCaptureModel::ConnectionColumn, new ConnectionNameDelegate(m_table));
    fitTableColumns();
    m_table->viewport()->installEventFilter(this);
    m_replayAction = new QAction(tr("Replay…"), this);
    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayAction->setEnabled(false);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_replayAction);
    connect(m_replayAction, &QAction::triggered, this, [this] {
        if (const auto record = currentRecord())
            Q_EMIT replayRequested(record->connectionId);
    });
    connect(this, &CaptureView::currentRecordChanged, this, [this] {
        const auto record = currentRecord();
        m_replayAction->setEnabled(record && record->connectionId != 0);
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CaptureView::refreshCurrent);
    // Follow the tail only while the user is at the bottom (DESIGN.md, "The inspector").
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_followTail = bar->value() >= bar->maximum() - 2;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_table->scrollToBottom();
    });
}

void CaptureView::fitTableColumns()
{
    // Widths from the font, not from the contents: ResizeToContents over 100,000 rows would stall.
    // Each column as wide as a typical value ("1048576 (64)" for a browser's 1 MiB message), or
    // its header title when that is wider; the summary stretches over what is left. In a narrow
    // window (1024 px) the columns whose text can be shortened give up width, down to their titles,
    // so that the bits and the length stay whole and the summary keeps a few words, without a
    // horizontal scroll bar.
    m_table->ensurePolished(); // the font the rows are drawn with, not the one before polishing
    m_table->horizontalHeader()->ensurePolished();
    const QFontMetrics metrics = m_table->fontMetrics();
    const QFontMetrics titleMetrics = m_table->horizontalHeader()->fontMetrics();
    // What the style keeps beside a cell's text (elided beyond it) and beside a header's title.
    const int cellPadding = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 2;
    const int titlePadding = 2 * (style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, m_table) + 1) + 2;
    using Model = inspector::FrameCaptureModel;
    struct Column
    {
        int column;
        QString sample;
        bool shortens; // its text may be elided in a narrow window
        QString least = {}; // what it keeps when it shortens, besides its title (else 5 characters)
    };
    // In a narrow window the time gives way down to a time of the first minutes. The gap between
    // frames typed by hand is seconds, so the delta column holds a pause of a minute and more.
    const QList<Column> columns = {
            {Model::NumberColumn, QStringLiteral("9999999"), false},
            {Model::TimeColumn, QStringLiteral("999999.999"), true, QStringLiteral("99999.999")},
            {Model::DeltaColumn, QStringLiteral("99999.999"), true},  {Model::ConnectionColumn, connectionSample(), true},
            {Model::DirectionColumn, QStringLiteral("S→C"), false},   {Model::TransportColumn, QStringLiteral("WebSocket"), true},
            {Model::FinColumn, QStringLiteral("1"), false},           {Model::RsvColumn, QStringLiteral("000"), false},
            {Model::OpcodeColumn, opcodeSample(metrics), true}, {Model::MaskColumn, QStringLiteral("1"), false},
            {Model::LengthColumn, QStringLiteral("1048576 (64)"), false}};
    QList<int> natural;
    QList<int> floor;
    // A long connection name (a proxied one's two ends) widens its column up to a quarter of the
    // table, never more: the summary keeps the rest, and the delegate elides the middle.
    const int connectionCap = std::max(metrics.horizontalAdvance(shortConnectionSample()), m_table->viewport()->width() / 4);
    int total = 0;
    int spare = 0; // what the shortening columns could give up
    for (const Column &c : columns) {
        const int title = titleMetrics.horizontalAdvance(m_proxy->headerData(c.column, Qt::Horizontal).toString())
                + titlePadding;
        int sampleWidth = metrics.horizontalAdvance(c.sample) + cellPadding;
        if (c.column == Model::ConnectionColumn)
            sampleWidth = std::min(sampleWidth, connectionCap);
        natural.append(std::max(sampleWidth, title));
        const int least = std::max(title, c.least.isEmpty() ? 5 * metrics.averageCharWidth()
                                                            : metrics.horizontalAdvance(c.least) + cellPadding);
        floor.append(c.shortens ? std::min(natural.last(), least) : natural.last());
        total += natural.last();
        spare += natural.last() - floor.last();
    }
    const int summaryMinimum = 12 * metrics.averageCharWidth();
    const int excess = std::clamp(total + summaryMinimum - m_table->viewport()->width(), 0, spare);
    for (int i = 0; i < columns.size(); ++i) {
        const qint64 share = qint64(natural.at(i) - floor.at(i)) * excess;
        const int give = spare > 0 ? int((share + spare - 1) / spare) : 0; // rounded up: never short
        m_table->setColumnWidth(columns.at(i).column, natural.at(i) - give);
    }
}

bool CaptureView::isUpgradeRequest(const capture::CaptureRecord &record)
{
    return record.kind == capture::RecordKind::HttpRequest && record.wireBytes.toLower().contains("upgrade: websocket");
}

void CaptureView::setEnds(inspector::ExplainPanel::Ends ends)
{
    m_detail->explainPanel()->setEnds(ends);
    m_handshake->setEnds(ends);
    refreshCurrent();
}

void CaptureView::appendBatch(const capture::CaptureBatch &batch)
{
    bool widened = false;
    for (const capture::CaptureRecord &record : batch) {
        if (record.kind == capture::RecordKind::ConnectionOpened) {
            m_openedIds.insert(record.connectionId, record.id);
            // Named before its rows arrive (the proxy's and the client's connections).
            const QString name = m_model->connectionName(record.connectionId);
            const QString text = QStringLiteral("#%1 %2").arg(record.connectionId).arg(name);
            if (!name.isEmpty() && text.size() > m_widestConnection.size()) {
                m_widestConnection = text;
                widened = true;
            }
        } else if (isUpgradeRequest(record)) {
            m_handshakes.insert(record.connectionId, {record.id, 0});
        } else if (record.kind == capture::RecordKind::HttpResponse) {
            const auto pending = m_handshakes.find(record.connectionId);
            if (pending != m_handshakes.end() && pending->response == 0)
                pending->response = record.id;
        }
    }
    m_model->appendBatch(batch);
    if (widened)
        fitTableColumns();
}

QString CaptureView::connectionSample() const
{
    return m_widestConnection.size() > shortConnectionSample().size() ? m_widestConnection : shortConnectionSample();
}

void CaptureView::clear()
{
    m_model->clear();
    m_handshakes.clear();
    m_openedIds.clear();
    if (!m_widestConnection.isEmpty()) {
        m_widestConnection.clear();
        fitTableColumns();
    }
}

std::optional<capture::CaptureRecord> CaptureView::currentRecord() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_proxy->record(current.row());
}

void CaptureView::refreshCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        Q_EMIT currentRecordChanged();
        return;
    }
    const capture::CaptureRecord &record = m_proxy->record(current.row());
    const int sourceRow = m_proxy->sourceRow(current.row());
    m_detail->showRecord(record, m_model->number(sourceRow));
    if (record.frame)
        m_detail->showFragments(inspector::FragmentGrouper::find(*m_model, sourceRow));
    m_timeline->setCurrentRow(current.row());
    if (record.connectionId != 0)
        showHandshakeOf(record.connectionId);
    Q_EMIT currentRecordChanged();
}

void CaptureView::showHandshakeOf(quint64 connectionId)
{
    // An HTTP-only connection (the page, polling), or one whose upgrade rows were dropped: say so,
    // rather than leave another connection's handshake on show.
    const int openedRow = m_model->rowForId(m_openedIds.value(connectionId));
    const auto opened = openedRow >= 0 ? m_model->sharedRecord(openedRow) : nullptr;
    m_handshake->setConnection(opened.get());
    const auto found = m_handshakes.constFind(connectionId);
    const int requestRow = found == m_handshakes.cend() ? -1 : m_model->rowForId(found->request);
    if (requestRow < 0) {
        m_handshake->showNoHandshake(connectionId);
        return;
    }
    const int responseRow = found->response ? m_model->rowForId(found->response) : -1;
    const auto response = responseRow >= 0 ? m_model->sharedRecord(responseRow) : nullptr;
    m_handshake->setRecords(m_model->record(requestRow), response.get());
}

void CaptureView::selectRecord(quint64 recordId)
{
    const int sourceRow = m_model->rowForId(recordId);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (index.isValid())
        selectRow(index.row());
}

void CaptureView::selectRow(int proxyRow)
{
    if (m_proxy->rowCount() == 0)
        return;
    const int row = std::clamp(proxyRow, 0, m_proxy->rowCount() - 1);
    const QModelIndex index = m_proxy->index(row, 0);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void CaptureView::selectFirst()
{
    selectRow(0);
}

void CaptureView::selectPrevious()
{
    const QModelIndex current = m_table->currentIndex();
    selectRow(current.isValid() ? current.row() - 1 : m_proxy->rowCount() - 1);
}

void CaptureView::selectNext()
{
    const QModelIndex current = m_table->currentIndex();
    selectRow(current.isValid() ? current.row() + 1 : 0);
}

void CaptureView::selectLast()
{
    selectRow(m_proxy->rowCount() - 1);
}

QSet<quint64> CaptureView::selectedRecordIds() const
{
    QSet<quint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.insert(m_model->digest(m_proxy->sourceRow(index.row())).id);
    return ids;
}

QList<capture::CaptureRecord> CaptureView::recordsOf(quint64 connectionId) const
{
    QList<capture::CaptureRecord> records;
    // The digest says which rows; only those are read back (a file's model keeps records on disk).
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->digest(row).connectionId == connectionId)
            records.append(m_model->scannedRecord(row));
    }
    return records;
}

void CaptureView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        m_replayAction->setText(tr("Replay…"));
        fitTableColumns(); // the header titles have new widths
        refreshCurrent();
    }
}

bool CaptureView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().width() != resize->oldSize().width())
            fitTableColumns();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace wslab::app
