#include "app/mainwindow/filterbar.h"

#include "inspector/capturefilterproxy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QShortcut>
#include <QToolButton>

#include <algorithm>

namespace wslab::app {

using inspector::CaptureFilterProxy;

FilterBar::FilterBar(CaptureFilterProxy *proxy, QWidget *parent)
    : QWidget(parent)
    , m_proxy(proxy)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_regex = new QToolButton(this);
    m_regex->setText(QStringLiteral(".*"));
    m_regex->setCheckable(true);
    m_searchProgress = new QProgressBar(this);
    m_searchProgress->setObjectName(QStringLiteral("searchProgress"));
    m_searchProgress->setMaximumWidth(140);
    m_searchProgress->hide();
    m_stopSearch = new QToolButton(this);
    m_stopSearch->setObjectName(QStringLiteral("stopSearch"));
    m_stopSearch->hide();
    m_direction = new QComboBox(this);
    m_direction->addItems({QString(), QString(), QString()});
    m_http = new QCheckBox(this);
    m_http->setChecked(true);
    m_pingPong = new QCheckBox(this);
    m_pingPong->setChecked(true);
    m_bookkeeping = new QCheckBox(this);
    m_bookkeeping->setObjectName(QStringLiteral("hideBookkeeping"));
    m_bookkeeping->setChecked(m_proxy->isBookkeepingHidden());
    m_errorsOnly = new QCheckBox(this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_regex);
    layout->addWidget(m_searchProgress);
    layout->addWidget(m_stopSearch);
    layout->addWidget(m_direction);
    layout->addWidget(m_http);
    layout->addWidget(m_pingPong);
    layout->addWidget(m_bookkeeping);
    layout->addWidget(m_errorsOnly);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(searchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &FilterBar::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            applySearch(); // cleared: every row back at once, nothing to read
        else
            m_searchDelay.start(); // restarted by every keystroke
    });
    connect(m_search, &QLineEdit::returnPressed, this, &FilterBar::applySearch);
    connect(m_regex, &QToolButton::toggled, this, &FilterBar::applySearch);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_search, nullptr, nullptr, Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, m_proxy, &CaptureFilterProxy::cancelSearch);
    connect(m_stopSearch, &QToolButton::clicked, m_proxy, &CaptureFilterProxy::cancelSearch);
    connect(m_proxy, &CaptureFilterProxy::searchRunningChanged, this, &FilterBar::onSearchRunning);
    connect(m_proxy, &CaptureFilterProxy::searchProgressed, this, &FilterBar::onSearchProgress);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &FilterBar::applyDirection);
    connect(m_http, &QCheckBox::toggled, this, &FilterBar::applyClasses);
    connect(m_pingPong, &QCheckBox::toggled, this, [this](bool shown) { m_proxy->setPingPongHidden(!shown); });
    connect(m_bookkeeping, &QCheckBox::toggled, m_proxy, &CaptureFilterProxy::setBookkeepingHidden);
    connect(m_errorsOnly, &QCheckBox::toggled, m_proxy, &CaptureFilterProxy::setErrorsOnly);
    retranslateUi();
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search payloads and summaries"));
    m_search->setToolTip(tr("Searches once you stop typing, or at once on Enter"));
    m_regex->setToolTip(tr("Search with a regular expression"));
    m_searchProgress->setFormat(tr("Searching %p%"));
    m_searchProgress->setToolTip(tr("The rows of the previous search stay on view until every row is read"));
    m_stopSearch->setText(tr("Stop"));
    m_stopSearch->setToolTip(tr("Stop the search (Esc); the rows on view stay"));
    m_direction->setItemText(0, tr("Both directions"));
    m_direction->setItemText(1, tr("→ Client to server"));
    m_direction->setItemText(2, tr("← Server to client"));
    m_http->setText(tr("HTTP"));
    m_http->setToolTip(tr("Show HTTP requests and responses (the upgrade, the page, polling)"));
    m_pingPong->setText(tr("Ping/pong"));
    m_bookkeeping->setText(tr("Hide /stats"));
    m_bookkeeping->setToolTip(tr("Hide the page's bookkeeping: every few seconds while messages arrive, the chat "
                                 "page POSTs its traffic figures and latencies to /stats for the Transports panel. "
                                 "Those requests are not part of the chat."));
    m_errorsOnly->setText(tr("Errors only"));
}

void FilterBar::applySearch()
{
    m_searchDelay.stop();
    m_proxy->setSearch(m_search->text(), m_regex->isChecked() ? CaptureFilterProxy::SearchMode::RegularExpression
                                                              : CaptureFilterProxy::SearchMode::PlainText);
    QPalette palette = m_search->palette();
    if (!m_proxy->isSearchValid())
        palette.setColor(QPalette::Text, Qt::red);
    else
        palette = QPalette();
    m_search->setPalette(palette);
}

void FilterBar::onSearchRunning(bool running)
{
    m_searchProgress->setVisible(running);
    m_stopSearch->setVisible(running);
    if (running)
        m_searchProgress->setValue(0);
}

void FilterBar::onSearchProgress(int rowsRead, int rows)
{
    // Rows as the range: a million fits an int, and the bar shows the percentage.
    m_searchProgress->setRange(0, std::max(1, rows));
    m_searchProgress->setValue(rowsRead);
}

void FilterBar::applyDirection()
{
    switch (m_direction->currentIndex()) {
    case 1: m_proxy->setDirectionFilter(capture::Direction::Inbound); break;
    case 2: m_proxy->setDirectionFilter(capture::Direction::Outbound); break;
    default: m_proxy->setDirectionFilter(std::nullopt); break;
    }
}

void FilterBar::applyClasses()
{
    CaptureFilterProxy::OpcodeClasses classes = CaptureFilterProxy::OpcodeClass::Data
            | CaptureFilterProxy::OpcodeClass::Control | CaptureFilterProxy::OpcodeClass::Event;
    if (m_http->isChecked())
        classes |= CaptureFilterProxy::OpcodeClass::Http;
    m_proxy->setOpcodeClasses(classes);
}

void FilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
