#include "app/intercept/interceptpane.h"

#include "app/intercept/frameeditdialog.h"
#include "app/intercept/heldframemodel.h"
#include "app/mainwindow/proxyhost.h"

#include "inspector/framecapturemodel.h"
#include "server/protocol/frameencoder.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace wslab::app {

using capture::Direction;

InterceptPane::InterceptPane(ProxyHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_model(new HeldFrameModel(this))
    , m_runDialog([](FrameEditDialog &dialog) { return dialog.exec() == QDialog::Accepted; })
{
    setObjectName(QStringLiteral("interceptPane"));
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("interceptBanner"));
    m_banner->setWordWrap(true);
    m_enable = new QPushButton(this);
    m_enable->setObjectName(QStringLiteral("enableIntercept"));
    m_holdServer = new QAction(this);
    m_holdServer->setObjectName(QStringLiteral("holdFromServer"));
    m_holdServer->setCheckable(true);
    m_holdServer->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_H);
    m_holdBrowserBox = new QCheckBox(this);
    m_holdBrowserBox->setObjectName(QStringLiteral("holdFromBrowserBox"));
    m_holdBrowserBox->hide();
    m_holdServerBox = new QCheckBox(this);
    m_holdServerBox->setObjectName(QStringLiteral("holdFromServerBox"));
    bind(m_holdServerBox, m_holdServer);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("heldFrames"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    m_forward = new QPushButton(this);
    m_forward->setObjectName(QStringLiteral("forwardHeld"));
    m_drop = new QPushButton(this);
    m_drop->setObjectName(QStringLiteral("dropHeld"));
    m_edit = new QPushButton(this);
    m_edit->setObjectName(QStringLiteral("editHeld"));
    m_inject = new QPushButton(this);
    m_inject->setObjectName(QStringLiteral("injectFrame"));
    m_forwardAll = new QPushButton(this);
    m_forwardAll->setObjectName(QStringLiteral("forwardAllHeld"));

    // Enter and Delete work wherever the focus is in the pane (the table, a button); F2 and Ctrl+I,
    // which nothing else in the window uses, anywhere in its window.
    const auto key = [this](const QKeySequence &sequence, auto slot, Qt::ShortcutContext context) {
        auto *action = new QAction(this);
        action->setShortcut(sequence);
        action->setShortcutContext(context);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    key(QKeySequence(Qt::Key_Return), &InterceptPane::forwardSelected, Qt::WidgetWithChildrenShortcut);
    key(QKeySequence(Qt::Key_Enter), &InterceptPane::forwardSelected, Qt::WidgetWithChildrenShortcut);
    key(QKeySequence(Qt::Key_Delete), &InterceptPane::dropSelected, Qt::WidgetWithChildrenShortcut);
    key(QKeySequence(Qt::Key_F2), &InterceptPane::editSelected, Qt::WindowShortcut);
    key(QKeySequence(Qt::CTRL | Qt::Key_I), &InterceptPane::injectFrame, Qt::WindowShortcut);

    auto *holdRow = new QHBoxLayout;
    holdRow->addWidget(m_holdBrowserBox);
    holdRow->addWidget(m_holdServerBox);
    holdRow->addStretch();
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_forward, 0, 0);
    buttons->addWidget(m_drop, 0, 1);
    buttons->addWidget(m_edit, 0, 2);
    buttons->addWidget(m_inject, 1, 0);
    buttons->addWidget(m_forwardAll, 1, 1, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_enable, 0, Qt::AlignLeft);
    layout->addLayout(holdRow);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_enable, &QPushButton::clicked, this, &InterceptPane::interceptRequested);
    connect(m_holdServer, &QAction::toggled, this, [this](bool on) {
        if (!setHolding(Direction::Outbound, on) && on)
            m_holdServer->setChecked(false);
    });
    connect(m_forward, &QPushButton::clicked, this, &InterceptPane::forwardSelected);
    connect(m_drop, &QPushButton::clicked, this, &InterceptPane::dropSelected);
    connect(m_edit, &QPushButton::clicked, this, &InterceptPane::editSelected);
    connect(m_inject, &QPushButton::clicked, this, &InterceptPane::injectFrame);
    connect(m_forwardAll, &QPushButton::clicked, this, &InterceptPane::forwardAll);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InterceptPane::updateState);

    connect(m_host, &ProxyHost::frameHeld, m_model, &HeldFrameModel::add);
    connect(m_host, &ProxyHost::heldFrameGone, m_model, &HeldFrameModel::remove);
    connect(m_host, &ProxyHost::connectionFinished, m_model, &HeldFrameModel::removeConnection);
    connect(m_host, &ProxyHost::stopped, m_model, &HeldFrameModel::clear);
    connect(m_host, &ProxyHost::listening, this, &InterceptPane::updateState);
    connect(m_host, &ProxyHost::connectionsChanged, this, &InterceptPane::updateState);
    connect(m_host, &ProxyHost::stopped, this, &InterceptPane::updateState);
    // The oldest held frame is selected, so Return forwards frames one by one.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (selectedRow() < 0)
            m_table->selectRow(0);
        updateState();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (selectedRow() < 0 && m_model->rowCount() > 0)
            m_table->selectRow(0);
        updateState();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &InterceptPane::updateState);
    retranslate();
}

int InterceptPane::heldCount() const
{
    return m_model->rowCount();
}

void InterceptPane::setHoldBrowserAction(QAction *action)
{
    bind(m_holdBrowserBox, action);
    m_holdBrowserBox->show();
}

void InterceptPane::bind(QCheckBox *box, QAction *action)
{
    const auto follow = [box, action] {
        box->setText(action->text());
        box->setToolTip(action->toolTip());
        box->setEnabled(action->isEnabled());
        box->setChecked(action->isChecked());
    };
    follow();
    connect(action, &QAction::changed, box, follow);
    // The action's state now, not the signal's argument: a receiver connected before the box may
    // turn the action back off during the emission (the toolbar's Hold, refused without intercept),
    // and the box would then get the stale 'on' after the 'off' and turn the action on again.
    connect(action, &QAction::toggled, box, [box, action] { box->setChecked(action->isChecked()); });
    connect(box, &QCheckBox::toggled, action, &QAction::setChecked);
}

// Wide enough for what the columns hold ("#12", "C→S", "0x1 text", a length); the summary takes the
// rest.
void InterceptPane::fitColumns()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const int pad = metrics.averageCharWidth() * 2;
    const auto widest = [&](int column, const QStringList &samples) {
        int width = metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        for (const QString &sample : samples)
            width = std::max(width, metrics.horizontalAdvance(sample));
        m_table->setColumnWidth(column, width + pad);
    };
    widest(HeldFrameModel::ConnectionColumn, {QStringLiteral("#000")});
    widest(HeldFrameModel::DirectionColumn, {inspector::FrameCaptureModel::directionText(Direction::Inbound),
                                              inspector::FrameCaptureModel::directionText(Direction::Outbound)});
    widest(HeldFrameModel::OpcodeColumn, {QStringLiteral("0xa pong"), QStringLiteral("0x2 binary")});
    widest(HeldFrameModel::LengthColumn, {QStringLiteral("000000")});
}

void InterceptPane::setProxyMode(bool proxy)
{
    m_proxyMode = proxy;
    if (!proxy)
        m_holdServer->setChecked(false);
    updateState();
}

bool InterceptPane::setHolding(Direction direction, bool on)
{
    if (on && !m_host->canIntercept()) {
        updateState();
        return false;
    }
    m_host->setHolding(direction, on);
    updateState();
    return true;
}

int InterceptPane::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.constFirst().row();
}

bool InterceptPane::forwardNext()
{
    if (m_model->rowCount() == 0)
        return false;
    const HeldFrameModel::Entry e = m_model->entry(0);
    return m_host->forwardHeld(e.connectionId, e.frame.direction, e.frame.id);
}

void InterceptPane::forwardAll()
{
    // Bounded by the rows there are now: forwarding one may let the proxy read and hold the next.
    for (int left = m_model->rowCount(); left > 0 && forwardNext(); --left) {
    }
}

void InterceptPane::forwardSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const HeldFrameModel::Entry e = m_model->entry(row);
    m_host->forwardHeld(e.connectionId, e.frame.direction, e.frame.id);
}

void InterceptPane::dropSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const HeldFrameModel::Entry e = m_model->entry(row);
    m_host->dropHeld(e.connectionId, e.frame.direction, e.frame.id);
}

void InterceptPane::editSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const HeldFrameModel::Entry e = m_model->entry(row);
    proxy::FrameEdit edit = proxy::FrameEdit::of(e.frame.frame);
    if (e.frame.inflated) {
        // A message compressed on its own is edited as its text, and compressed again when sent.
        edit.payload = *e.frame.inflated;
        edit.compress = true;
        edit.header.rsv1 = false;
        edit.declaredLength.reset();
    }
    FrameEditDialog dialog(FrameEditDialog::Purpose::Edit, this);
    dialog.setTargets({e.connectionId}, e.connectionId, e.frame.direction);
    dialog.setEdit(edit);
    if (!m_runDialog(dialog))
        return;
    if (const auto edited = dialog.edit())
        m_host->replaceHeld(e.connectionId, e.frame.direction, e.frame.id, *edited);
}

void InterceptPane::injectFrame()
{
    const QList<quint64> open = m_host->openConnections();
    if (open.isEmpty())
        return;
    const int row = selectedRow();
    quint64 connection = open.constLast();
    Direction direction = Direction::Outbound;
    if (row >= 0) {
        connection = m_model->entry(row).connectionId;
        direction = m_model->entry(row).frame.direction;
    }
    FrameEditDialog dialog(FrameEditDialog::Purpose::Inject, this);
    dialog.setTargets(open, connection, direction);
    proxy::FrameEdit edit;
    edit.payload = tr("Injected by wslab").toUtf8();
    edit.header.masked = direction == Direction::Inbound;
    edit.header.maskKey = protocol::FrameEncoder::randomMaskKey();
    dialog.setEdit(edit);
    if (!m_runDialog(dialog))
        return;
    if (const auto built = dialog.edit())
        m_host->inject(dialog.targetConnection(), dialog.targetDirection(), *built);
}

void InterceptPane::updateState()
{
    const bool can = m_proxyMode && m_host->canIntercept();
    const bool selected = selectedRow() >= 0;
    m_enable->setVisible(m_proxyMode && !can);
    m_holdServer->setEnabled(m_proxyMode);
    m_forward->setEnabled(can && selected);
    m_drop->setEnabled(can && selected);
    m_edit->setEnabled(can && selected);
    m_forwardAll->setEnabled(can && m_model->rowCount() > 0);
    m_inject->setEnabled(can && !m_host->openConnections().isEmpty());
    if (!m_proxyMode)
        m_banner->setText(tr("Intercept works in proxy mode: choose Proxy to URL… in the toolbar's connection "
                             "mode. The embedded server has its own step mode (Hold Incoming)."));
    else if (!can)
        m_banner->setText(tr("<b>Intercept is off</b> for this proxy: frames pass without being held. Turning "
                             "it on (Settings ▸ Connection) restarts the proxy, cutting open connections, and "
                             "asks both ends for permessage-deflate without context takeover."));
    else
        m_banner->setText(tr("Hold a direction to stop its frames here. Selected frame: Enter forwards, "
                             "Delete drops, F2 edits; Ctrl+I injects a new frame."));
    Q_EMIT heldCountChanged(m_model->rowCount());
}

void InterceptPane::retranslate()
{
    m_enable->setText(tr("Turn On &Intercept"));
    m_enable->setToolTip(tr("Restart the proxy with intercept on; new connections can be held"));
    m_holdServer->setText(tr("Hold from &Server"));
    m_holdServer->setToolTip(tr("Hold the frames the server sends to the browser (S→C) until you forward, "
                                "drop or edit them (%1)")
                                     .arg(m_holdServer->shortcut().toString(QKeySequence::NativeText)));
    m_forward->setText(tr("&Forward"));
    m_forward->setToolTip(tr("Send the selected frame on as it was (Enter)"));
    m_drop->setText(tr("D&rop"));
    m_drop->setToolTip(tr("Never send the selected frame; the capture keeps it, marked dropped (Delete)"));
    m_edit->setText(tr("&Edit…"));
    m_edit->setToolTip(tr("Change the selected frame's header fields or payload, then send it (F2)"));
    m_inject->setText(tr("In&ject…"));
    m_inject->setToolTip(tr("Write a new frame, valid or not, into either direction of a connection (Ctrl+I)"));
    m_forwardAll->setText(tr("Forward &All"));
    m_forwardAll->setToolTip(tr("Send every held frame on, oldest first"));
    fitColumns();
    updateState();
}

void InterceptPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
