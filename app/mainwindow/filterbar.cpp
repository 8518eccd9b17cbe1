#include "app/mainwindow/filterbar.h"

#include "inspector/capturefilterproxy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

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
    layout->addWidget(m_direction);
    layout->addWidget(m_http);
    layout->addWidget(m_pingPong);
    layout->addWidget(m_bookkeeping);
    layout->addWidget(m_errorsOnly);

    connect(m_search, &QLineEdit::textChanged, this, &FilterBar::applySearch);
    connect(m_regex, &QToolButton::toggled, this, &FilterBar::applySearch);
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
    m_regex->setToolTip(tr("Search with a regular expression"));
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
    m_proxy->setSearch(m_search->text(), m_regex->isChecked() ? CaptureFilterProxy::SearchMode::RegularExpression
                                                              : CaptureFilterProxy::SearchMode::PlainText);
    QPalette palette = m_search->palette();
    if (!m_proxy->isSearchValid())
        palette.setColor(QPalette::Text, Qt::red);
    else
        palette = QPalette();
    m_search->setPalette(palette);
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
