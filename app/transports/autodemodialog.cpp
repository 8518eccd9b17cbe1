#include "app/transports/autodemodialog.h"

#include "app/transports/demoreport.h"
#include "app/transports/transportchart.h"

#include "inspector/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QHideEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QShowEvent>
#include <QSpinBox>
#include <QVBoxLayout>

#include <array>

namespace wslab::app {

AutoDemoDialog::AutoDemoDialog(QWidget *parent)
    : QDialog(parent)
    , m_demo(new AutoDemo(this))
    , m_intro(new inspector::WrappingLabel(this))
    , m_receiversLabel(new QLabel(this))
    , m_linesLabel(new QLabel(this))
    , m_intervalLabel(new QLabel(this))
    , m_lineIntervalLabel(new QLabel(this))
    , m_receivers(new QSpinBox(this))
    , m_lines(new QSpinBox(this))
    , m_lineInterval(new QSpinBox(this))
    , m_pollInterval(new QSpinBox(this))
    , m_run(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_phase(new QLabel(this))
    , m_chart(new TransportChart(this))
    , m_summary(new inspector::WrappingLabel(this))
    , m_conclusions(new inspector::WrappingLabel(this))
    , m_close(new QPushButton(this))
{
    const DemoScript defaults;
    m_intro->setWordWrap(true);
    m_receivers->setRange(1, 50);
    m_receivers->setValue(defaults.receiversPerTransport);
    // Ranges that keep the whole run within DemoScript::hardLimitMs even at their maxima: 9 gaps of
    // 2 s, one poll interval to settle and one to drain (3 s each), 2 s to spare.
    m_lines->setRange(3, 10);
    m_lines->setValue(defaults.messageCount);
    m_lineInterval->setRange(100, 2000);
    m_lineInterval->setSingleStep(100);
    m_lineInterval->setValue(defaults.messageIntervalMs);
    m_pollInterval->setRange(250, 3000);
    m_pollInterval->setSingleStep(250);
    m_pollInterval->setValue(defaults.pollIntervalMs);
    m_receiversLabel->setBuddy(m_receivers);
    m_linesLabel->setBuddy(m_lines);
    m_lineIntervalLabel->setBuddy(m_lineInterval);
    m_intervalLabel->setBuddy(m_pollInterval);
    m_run->setDefault(true);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    m_phase->setVisible(false);
    for (QLabel *label : {m_summary, m_conclusions}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_conclusions->setTextFormat(Qt::RichText);

    // Two rows of label + box pairs, Run at the end of the second.
    auto *settings = new QGridLayout;
    const std::array<std::pair<QLabel *, QSpinBox *>, 4> pairs{std::pair{m_linesLabel, m_lines},
                                                               std::pair{m_lineIntervalLabel, m_lineInterval},
                                                               std::pair{m_receiversLabel, m_receivers},
                                                               std::pair{m_intervalLabel, m_pollInterval}};
    for (int i = 0; i < int(pairs.size()); ++i) {
        settings->addWidget(pairs[size_t(i)].first, i / 2, (i % 2) * 2, Qt::AlignRight);
        settings->addWidget(pairs[size_t(i)].second, i / 2, (i % 2) * 2 + 1);
    }
    settings->setColumnStretch(4, 1);
    settings->addWidget(m_run, 1, 5);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_phase, 1);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    // Everything but Close scrolls: the chart keeps its natural height (every metric's bars, the
    // 95th percentile last) and the conclusions their lines, on a small screen or with a CJK
    // font's taller lines too (fitToScreen()).
    m_chart->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_intro);
    contentLayout->addLayout(settings);
    contentLayout->addLayout(progressRow);
    contentLayout->addWidget(m_chart, 1);
    contentLayout->addWidget(m_summary);
    contentLayout->addWidget(m_conclusions);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("demoContent"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(buttons);

    connect(m_run, &QPushButton::clicked, this, &AutoDemoDialog::runOrCancel);
    connect(m_demo, &AutoDemo::phaseChanged, this, &AutoDemoDialog::onPhaseChanged);
    connect(m_demo, &AutoDemo::progressChanged, this, [this](int delivered, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(std::min(delivered, std::max(total, 1)));
    });
    connect(m_demo, &AutoDemo::finished, this, &AutoDemoDialog::showResult);

    retranslate();
}

AutoDemoDialog::~AutoDemoDialog() = default;

void AutoDemoDialog::setServer(const QString &host, quint16 port)
{
    m_demo->setServer(host, port);
}

DemoScript AutoDemoDialog::script() const
{
    DemoScript script;
    script.receiversPerTransport = m_receivers->value();
    script.messageCount = m_lines->value();
    script.messageIntervalMs = m_lineInterval->value();
    script.pollIntervalMs = m_pollInterval->value();
    script.drainTimeoutMs = std::max(script.drainTimeoutMs, script.pollIntervalMs + 2000);
    return script;
}

QString AutoDemoDialog::conclusionsText() const
{
    return m_conclusions->text();
}

void AutoDemoDialog::runOrCancel()
{
    if (m_demo->isRunning()) {
        m_demo->cancel();
        return;
    }
    m_summary->clear();
    m_conclusions->clear();
    m_demo->start(script());
}

void AutoDemoDialog::showResult(const DemoResult &result)
{
    m_result = result;
    m_hasResult = true;
    m_summary->setText(DemoReport::summary(result));
    const QStringList lines = DemoReport::conclusions(result);
    QString html;
    if (!lines.isEmpty()) {
        html = QStringLiteral("<ul style=\"margin-left:0; -qt-list-indent:1\">");
        for (const QString &line : lines)
            html += QStringLiteral("<li style=\"margin-bottom:4px\">%1</li>").arg(line.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_conclusions->setText(html);
    m_conclusions->setVisible(!html.isEmpty());
    if (result.hasMeasurements())
        m_chart->setData(DemoReport::chartData(result));
    updateRunButton();
    if (isVisible())
        fitToScreen(); // the chart and the conclusions grew
}

void AutoDemoDialog::fitToScreen()
{
    // As large as the content wants, within the screen's available area less the window frame;
    // what does not fit scrolls, and Close stays on the screen.
    QWidget *content = m_scroll->widget();
    const QRect available = screen()->availableGeometry();
    const QSize frame = isVisible() ? frameGeometry().size() - geometry().size() : QSize();
    const QMargins margins = layout()->contentsMargins();
    const int scrollBar = m_scroll->verticalScrollBar()->sizeHint().width();
    const int chromeWidth = margins.left() + margins.right() + scrollBar;
    const int width = std::min(std::max(content->sizeHint().width() + chromeWidth, this->width()),
                               available.width() - frame.width());
    const int contentHeight = content->hasHeightForWidth() ? content->heightForWidth(width - chromeWidth)
                                                           : content->sizeHint().height();
    const int chromeHeight = margins.top() + margins.bottom() + layout()->spacing()
            + m_close->parentWidget()->sizeHint().height();
    const int height = std::min(contentHeight + chromeHeight, available.height() - frame.height());
    resize(width, height);
    // Moved back onto the screen when it would reach past an edge.
    QRect placed(frameGeometry().topLeft(), QSize(width, height) + frame);
    placed.moveRight(std::min(placed.right(), available.right()));
    placed.moveBottom(std::min(placed.bottom(), available.bottom()));
    placed.moveLeft(std::max(placed.left(), available.left()));
    placed.moveTop(std::max(placed.top(), available.top()));
    if (placed.topLeft() != frameGeometry().topLeft())
        move(placed.topLeft());
}

void AutoDemoDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitToScreen();
}

void AutoDemoDialog::onPhaseChanged(AutoDemo::Phase phase)
{
    m_phase->setText(phaseText(phase));
    const bool idle = phase == AutoDemo::Phase::Idle;
    for (QSpinBox *box : {m_receivers, m_lines, m_lineInterval, m_pollInterval})
        box->setEnabled(idle);
    if (phase == AutoDemo::Phase::Connecting)
        m_progress->setValue(0);
    // Progress only means something while a run is on.
    m_progress->setVisible(!idle);
    m_phase->setVisible(!idle);
    updateRunButton();
}

QString AutoDemoDialog::phaseText(AutoDemo::Phase phase) const
{
    switch (phase) {
    case AutoDemo::Phase::Idle: return {};
    case AutoDemo::Phase::Connecting: return tr("Connecting the receivers…");
    case AutoDemo::Phase::Settling: return tr("Waiting until every receiver has caught up…");
    case AutoDemo::Phase::Sending: return tr("Sending the lines…");
    case AutoDemo::Phase::Draining: return tr("Waiting for the last deliveries…");
    }
    return {};
}

void AutoDemoDialog::updateRunButton()
{
    m_run->setText(m_demo->isRunning() ? tr("Cancel") : tr("Run demo"));
}

void AutoDemoDialog::retranslate()
{
    setWindowTitle(tr("Polling, long polling and WebSocket compared"));
    m_intro->setText(tr("One client posts numbered lines with POST /send while idle receivers listen on each "
                        "transport, all at the same time. The receivers count every byte they write and read and "
                        "how late each line arrives: the same conversation costs each transport differently."));
    m_linesLabel->setText(tr("&Lines:"));
    m_lineIntervalLabel->setText(tr("&One line every:"));
    m_receiversLabel->setText(tr("&Receivers per transport:"));
    m_intervalLabel->setText(tr("&Polling every:"));
    m_lineInterval->setSuffix(tr(" ms"));
    m_pollInterval->setSuffix(tr(" ms"));
    m_close->setText(tr("Close"));
    m_phase->setText(phaseText(m_demo->phase()));
    updateRunButton();
    if (m_hasResult)
        showResult(m_result);
}

void AutoDemoDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

// Closed, Escape or hidden with its parent: a demo nobody watches would keep clients in the room.
// (Not when the window system hides it, as minimising does.)
void AutoDemoDialog::hideEvent(QHideEvent *event)
{
    if (!event->spontaneous())
        m_demo->cancel();
    QDialog::hideEvent(event);
}

} // namespace wslab::app
