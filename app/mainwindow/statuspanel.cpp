#include "app/mainwindow/statuspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace wslab::app {

StatusPanel::StatusPanel(QWidget *parent)
    : QWidget(parent)
{
    m_urlButton = new QToolButton(this);
    m_urlButton->setObjectName(QStringLiteral("listeningUrl"));
    m_urlButton->setAutoRaise(true);
    m_urlButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_clientsLabel = new QLabel(this);
    m_clientsLabel->setObjectName(QStringLiteral("clientsCount"));
    m_ratesLabel = new QLabel(this);
    m_ratesLabel->setObjectName(QStringLiteral("rates"));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("captureState"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_urlButton);
    layout->addWidget(m_clientsLabel);
    layout->addWidget(m_ratesLabel);
    layout->addWidget(m_stateLabel);

    connect(m_urlButton, &QToolButton::clicked, this, &StatusPanel::copyUrl);
    retranslateUi();
}

void StatusPanel::setListening(const QString &url)
{
    m_role = Role::Server;
    m_url = url;
    m_notListening.clear();
    retranslateUi();
}

void StatusPanel::setNotListening(const QString &why)
{
    m_role = Role::Server;
    m_url.clear();
    m_notListening = why;
    retranslateUi();
}

void StatusPanel::setProxying(const QString &url, const QString &upstream, bool insecure)
{
    m_role = Role::Proxy;
    m_url = url;
    m_upstream = upstream;
    m_insecure = insecure;
    m_notListening.clear();
    retranslateUi();
}

void StatusPanel::setClient(ClientState state, const QString &serverUrl, std::optional<quint16> closeCode)
{
    m_role = Role::Client;
    m_clientState = state;
    m_url = serverUrl;
    m_closeCode = state == ClientState::Closed ? closeCode : std::nullopt;
    m_notListening.clear();
    retranslateUi();
}

QString StatusPanel::addressText() const
{
    if (m_url.isEmpty())
        return m_notListening.isEmpty() ? tr("Starting…") : tr("Not listening");
    switch (m_role) {
    case Role::Server:
        return m_url;
    case Role::Proxy:
        return (m_insecure ? QStringLiteral("⚠ ") : QString()) + tr("%1 → %2", "proxy: listening URL → upstream URL")
                .arg(m_url, m_upstream);
    case Role::Client:
        break;
    }
    switch (m_clientState) {
    case ClientState::Connecting:
        return tr("Connecting to %1…").arg(m_url);
    case ClientState::Connected:
        return tr("Connected to %1").arg(m_url);
    case ClientState::Closed:
        break;
    }
    return m_closeCode ? tr("Closed with %1: %2").arg(*m_closeCode).arg(m_url)
                       : tr("Closed without a close code: %1").arg(m_url);
}

void StatusPanel::setClients(int count)
{
    m_clients = count;
    m_clientsLabel->setText(clientsText());
}

void StatusPanel::setRates(double framesPerSecond, double bytesPerSecond)
{
    m_framesPerSecond = framesPerSecond;
    m_bytesPerSecond = bytesPerSecond;
    m_ratesLabel->setText(ratesText());
}

void StatusPanel::setCaptureState(CaptureState state)
{
    m_state = state;
    retranslateUi();
}

void StatusPanel::setHeld(bool holding, int heldFrames)
{
    m_holding = holding;
    m_heldFrames = heldFrames;
    retranslateUi();
}

QString StatusPanel::clientsText() const
{
    // Spelled out rather than "%n client(s)": English plurals need no translation file.
    return m_clients == 1 ? tr("1 client") : tr("%1 clients").arg(m_clients);
}

QString StatusPanel::ratesText() const
{
    const QLocale locale;
    // Below 1 KiB Qt writes the word "bytes" untranslated; "B" reads in every language.
    const QString bytes = m_bytesPerSecond < 1024
            ? tr("%1 B").arg(qint64(m_bytesPerSecond))
            : locale.formattedDataSize(qint64(m_bytesPerSecond), 1, QLocale::DataSizeIecFormat);
    return tr("%1 frames/s, %2/s").arg(locale.toString(m_framesPerSecond, 'f', m_framesPerSecond < 10 ? 1 : 0), bytes);
}

void StatusPanel::copyUrl()
{
    if (m_url.isEmpty())
        return;
    QApplication::clipboard()->setText(m_url);
    Q_EMIT urlCopied(m_url);
}

void StatusPanel::retranslateUi()
{
    showAddress();
    // A client is one connection: its state says all a count would.
    m_clientsLabel->setVisible(m_role != Role::Client);
    m_clientsLabel->setText(clientsText());
    m_ratesLabel->setText(ratesText());
    m_ratesLabel->setToolTip(tr("Captured frames and bytes per second, both directions"));

    QString state = m_state == CaptureState::Paused ? tr("Capture paused") : tr("Capturing");
    if (m_holding)
        state += QStringLiteral(" · ") + tr("holding incoming frames: %1 held").arg(m_heldFrames);
    m_stateLabel->setText(state);
    const bool attention = m_state == CaptureState::Paused || m_holding;
    m_stateLabel->setStyleSheet(attention ? QStringLiteral("font-weight: bold") : QString());
}

void StatusPanel::showAddress()
{
    m_urlButton->setText(addressText());
    m_urlButton->setEnabled(!m_url.isEmpty());
    m_urlButton->setStyleSheet(m_insecure && m_role == Role::Proxy ? QStringLiteral("color: #c62828") : QString());
    if (m_url.isEmpty()) {
        m_urlButton->setToolTip(m_notListening);
        return;
    }
    switch (m_role) {
    case Role::Server:
        m_urlButton->setToolTip(tr("The page the server serves. Click to copy the address."));
        return;
    case Role::Proxy: {
        QString tip = tr("Open your app through wslab at %1: wslab relays it to %2. Click to copy the address.")
                              .arg(m_url, m_upstream);
        if (m_insecure)
            tip += QLatin1Char('\n') + tr("⚠ The upstream's certificate is not checked (insecure).");
        m_urlButton->setToolTip(tip);
        return;
    }
    case Role::Client:
        m_urlButton->setToolTip(tr("The server wslab is a client of. Click to copy its address."));
        return;
    }
}

void StatusPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
