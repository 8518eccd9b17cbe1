#include "app/transports/transportpanel.h"

#include "app/transports/autodemodialog.h"
#include "app/transports/quantityformat.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace wslab::app {

using server::TransportCounters;
using server::TransportStats;

namespace {

constexpr int rowCount = 10;

double share(quint64 part, quint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : -1;
}

QString latencyText(qint64 ms)
{
    return ms < 0 ? QuantityFormat::missing() : QuantityFormat::milliseconds(double(ms));
}

} // namespace

TransportPanel::TransportPanel(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(rowCount, TransportStyle::count, this))
    , m_note(new QLabel(this))
    , m_demoButton(new QPushButton(this))
{
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->verticalHeader()->setHighlightSections(false);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (int column = 0; column < TransportStyle::count; ++column) {
        m_table->setHorizontalHeaderItem(column, new QTableWidgetItem);
        for (int row = 0; row < rowCount; ++row) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
    for (int row = 0; row < rowCount; ++row)
        m_table->setVerticalHeaderItem(row, new QTableWidgetItem);

    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    connect(m_demoButton, &QPushButton::clicked, this, &TransportPanel::showDemo);

    // The table is as tall as its rows (fitTable); spare height goes below the button.
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_note);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch(1);
    buttonRow->addWidget(m_demoButton);
    layout->addLayout(buttonRow);
    layout->addStretch(1);

    updateHeaderIcons();
    retranslate();
}

TransportPanel::~TransportPanel() = default;

QList<TransportPanel::Row> TransportPanel::rows(const TransportStats &stats)
{
    QList<Row> rows{
        {tr("Clients"), tr("Chat members using this transport now"), {}},
        {tr("Requests"), tr("HTTP requests for polling and long polling; data frames received for WebSocket, "
                            "which needs no request after its one upgrade"), {}},
        {tr("Wasted requests"), tr("Poll answers that carried no message: a round trip for nothing"), {}},
        {tr("Header bytes"), tr("HTTP request and response heads, or WebSocket frame headers, both directions"), {}},
        {tr("Payload bytes"), tr("HTTP bodies, or WebSocket frame payloads, both directions"), {}},
        {tr("Header share"), tr("Header bytes as a share of all bytes on the wire"), {}},
        {tr("Messages delivered"), tr("Chat entries handed to clients as they were said"), {}},
        {tr("History replayed"), tr("Earlier chat entries sent to clients when they join (a WebSocket newcomer's "
                                    "replay, a poll's catch-up after switching): messages and their bytes, kept out "
                                    "of the rows above so that one catch-up does not hide what the transport costs "
                                    "as it goes"), {}},
        {tr("Latency, median"), tr("From the message entering the chat room to the page receiving it, as the "
                                   "pages report it"), {}},
        {tr("Latency, 95th percentile"), tr("95 % of the deliveries were at least this fast"), {}},
    };
    for (int column = 0; column < TransportStyle::count; ++column) {
        const capture::Transport transport = TransportStyle::order[size_t(column)];
        const TransportCounters &c = stats.of(transport);
        const auto at = size_t(column);
        const quint64 total = c.headerBytes + c.payloadBytes;
        rows[0].cells[at] = QuantityFormat::count(quint64(std::max(c.clients, 0)));
        rows[1].cells[at] = QuantityFormat::count(c.requests);
        // No share of no requests: "0", not "0 (–)".
        if (transport == capture::Transport::WebSocket)
            rows[2].cells[at] = QuantityFormat::missing();
        else if (c.requests == 0)
            rows[2].cells[at] = QuantityFormat::count(c.emptyResponses);
        else
            rows[2].cells[at] = tr("%1 (%2)").arg(QuantityFormat::count(c.emptyResponses),
                                                  QuantityFormat::percent(share(c.emptyResponses, c.requests)));
        rows[3].cells[at] = QuantityFormat::bytes(c.headerBytes);
        rows[4].cells[at] = QuantityFormat::bytes(c.payloadBytes);
        rows[5].cells[at] = QuantityFormat::percent(share(c.headerBytes, total));
        rows[6].cells[at] = QuantityFormat::count(c.messagesDelivered);
        rows[7].cells[at] = tr("%1 (%2)").arg(QuantityFormat::count(c.replayMessages), QuantityFormat::bytes(c.replayBytes));
        rows[8].cells[at] = latencyText(c.medianLatencyMs());
        rows[9].cells[at] = latencyText(c.p95LatencyMs());
    }
    return rows;
}

void TransportPanel::setStats(const TransportStats &stats)
{
    if (stats == m_stats)
        return;
    m_stats = stats;
    refresh();
}

void TransportPanel::setServerAddress(const QString &url, quint16 port)
{
    m_host = QUrl(url).host();
    m_port = port;
    if (m_dialog)
        m_dialog->setServer(m_host, m_port);
}

void TransportPanel::showDemo()
{
    if (!m_dialog) {
        m_dialog = new AutoDemoDialog(this);
        m_dialog->setServer(m_host, m_port);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void TransportPanel::refresh()
{
    const QList<Row> texts = rows(m_stats);
    for (int row = 0; row < texts.size(); ++row) {
        const Row &r = texts.at(row);
        QTableWidgetItem *header = m_table->verticalHeaderItem(row);
        header->setText(r.label);
        header->setToolTip(r.toolTip);
        for (int column = 0; column < TransportStyle::count; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            item->setText(r.cells[size_t(column)]);
            item->setToolTip(r.toolTip);
        }
    }
    fitTable();
}

// Every row shown without scrolling, and no column narrower than its header or widest cell:
// the dock may be narrow, but a cut "Long polling" or "1,190 (9…" teaches nothing.
void TransportPanel::fitTable()
{
    const QFontMetrics fm = m_table->fontMetrics();
    const int margin = 2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1)
        + fm.averageCharWidth();
    int width = m_table->verticalHeader()->sizeHint().width() + 2 * m_table->frameWidth();
    for (int column = 0; column < TransportStyle::count; ++column) {
        int widest = m_table->horizontalHeader()->sectionSizeHint(column);
        for (int row = 0; row < m_table->rowCount(); ++row)
            widest = std::max(widest, fm.horizontalAdvance(m_table->item(row, column)->text()) + margin);
        width += widest;
    }
    m_table->setMinimumWidth(width);
    // Word-wrapped text has no height of its own to a layout: reserve what it needs at the
    // narrowest width the table allows, so a short dock clips rather than overlaps.
    m_note->setMinimumHeight(m_note->heightForWidth(width));
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + m_table->verticalHeader()->length()
                            + 2 * m_table->frameWidth());
}

void TransportPanel::retranslate()
{
    for (int column = 0; column < TransportStyle::count; ++column)
        m_table->horizontalHeaderItem(column)->setText(TransportStyle::name(TransportStyle::order[size_t(column)]));
    m_note->setText(tr("Counted by the server for every client, the browser pages included; the auto demo's clients "
                       "are measured in its own window. Requests for WebSocket are the frames it received; wasted "
                       "requests are poll answers without a message."));
    m_demoButton->setText(tr("Compare in an auto demo…"));
    m_demoButton->setToolTip(tr("Run the same conversation through the three transports and chart the cost"));
    refresh(); // also fits the table and the note
}

void TransportPanel::updateHeaderIcons()
{
    // A square swatch with a gap after it: the icon is wider than tall so the name keeps its distance.
    const int side = fontMetrics().ascent();
    const QSize iconSize(side + fontMetrics().averageCharWidth(), side);
    m_table->horizontalHeader()->setIconSize(iconSize);
    const qreal ratio = devicePixelRatioF();
    for (int column = 0; column < TransportStyle::count; ++column) {
        QPixmap swatch(iconSize * ratio);
        swatch.setDevicePixelRatio(ratio);
        swatch.fill(Qt::transparent);
        QPainter painter(&swatch);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(TransportStyle::color(TransportStyle::order[size_t(column)], palette()));
        painter.drawRoundedRect(QRectF(0, 0, side, side).adjusted(1, 1, -1, -1), 2, 2);
        painter.end();
        m_table->horizontalHeaderItem(column)->setIcon(QIcon(swatch));
    }
}

void TransportPanel::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::PaletteChange:
        updateHeaderIcons();
        break;
    case QEvent::FontChange:
        updateHeaderIcons();
        fitTable();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

} // namespace wslab::app
