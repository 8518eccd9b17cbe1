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
    m_url = url;
    m_notListening.clear();
    retranslateUi();
}

void StatusPanel::setNotListening(const QString &why)
{
    m_url.clear();
    m_notListening = why;
    retranslateUi();
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
    if (!m_url.isEmpty()) {
        m_urlButton->setText(m_url);
        m_urlButton->setToolTip(tr("The page the server serves. Click to copy the address."));
        m_urlButton->setEnabled(true);
    } else {
        m_urlButton->setText(m_notListening.isEmpty() ? tr("Starting…") : tr("Not listening"));
        m_urlButton->setToolTip(m_notListening);
        m_urlButton->setEnabled(false);
    }
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

void StatusPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wslab::app
