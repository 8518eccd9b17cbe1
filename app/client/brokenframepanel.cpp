#include "app/client/brokenframepanel.h"

#include "app/client/clienthost.h"

#include "inspector/payloadpreview.h"
#include "inspector/sentences.h"
#include "server/protocol/closecode.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace wslab::app {

using client::BrokenFrame;
using client::BrokenFrames;
using client::ServerVerdict;

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate(BrokenFrames::translationContext, text);
}

QString closeCodeText(quint16 code)
{
    return QStringLiteral("%1 %2").arg(code).arg(inspector::PayloadPreview::closeCodeName(code));
}

// Fixed text and fill colours together, so the note reads the same on light and dark palettes.
QString noteStyle(bool good)
{
    return good ? QStringLiteral("QLabel { background: #e8f4ea; color: #18401f; border: 1px solid #b6dbbd; "
                                 "border-radius: 4px; padding: 4px; }")
                : QStringLiteral("QLabel { background: #fdecea; color: #5f1a14; border: 1px solid #f1b7b1; "
                                 "border-radius: 4px; padding: 4px; }");
}

} // namespace

BrokenFramePanel::BrokenFramePanel(QWidget *parent)
    : QGroupBox(parent)
{
    setObjectName(QStringLiteral("brokenFramePanel"));
    m_presetLabel = new QLabel(this);
    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("brokenPresets"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(12);
    for (const BrokenFrame preset : BrokenFrames::all())
        m_presets->addItem(QString(), int(preset));
    m_presetLabel->setBuddy(m_presets);
    m_send = new QPushButton(this);
    m_send->setObjectName(QStringLiteral("sendBroken"));
    m_requirement = new QLabel(this);
    m_requirement->setObjectName(QStringLiteral("brokenRequirement"));
    m_requirement->setWordWrap(true);
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("brokenVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->hide();

    // The button under the rule it tests, not beside the preset: the Composer's dock is narrow at
    // 1024 x 700 and the preset's name needs the width.
    auto *layout = new QGridLayout(this);
    layout->addWidget(m_presetLabel, 0, 0);
    layout->addWidget(m_presets, 0, 1, 1, 2);
    layout->addWidget(m_requirement, 1, 0, 1, 3);
    layout->addWidget(m_send, 2, 2);
    layout->addWidget(m_verdict, 3, 0, 1, 3);
    layout->setColumnStretch(1, 1);

    connect(m_presets, &QComboBox::currentIndexChanged, this, &BrokenFramePanel::updateRequirement);
    connect(m_send, &QPushButton::clicked, this, &BrokenFramePanel::send);
    retranslateUi();
}

BrokenFrame BrokenFramePanel::currentPreset() const
{
    return BrokenFrame(m_presets->currentData().toInt());
}

void BrokenFramePanel::setCurrentPreset(BrokenFrame preset)
{
    m_presets->setCurrentIndex(m_presets->findData(int(preset)));
}

QString BrokenFramePanel::requirementText() const
{
    return m_requirement->text();
}

QString BrokenFramePanel::verdictText() const
{
    return m_verdict->isHidden() ? QString() : m_verdict->text();
}

void BrokenFramePanel::setSendEnabled(bool enabled)
{
    m_send->setEnabled(enabled);
}

void BrokenFramePanel::retranslateUi()
{
    setTitle(tr("Broken client frames"));
    m_presetLabel->setText(tr("&Break:"));
    for (int i = 0; i < m_presets->count(); ++i)
        m_presets->setItemText(i, translated(BrokenFrames::title(BrokenFrame(m_presets->itemData(i).toInt()))));
    m_send->setText(tr("Send broken frame"));
    m_send->setToolTip(tr("Sends this one frame as it is, then waits up to %1 s for the server's reaction")
                               .arg(ClientHost::brokenFrameWaitMs / 1000));
    updateRequirement();
    if (m_shown)
        showVerdict(m_shown->preset, m_shown->verdict, m_shown->outcome, m_shown->stillOpen);
    else if (m_waiting)
        m_verdict->setText(waitingText(*m_waiting));
}

void BrokenFramePanel::updateRequirement()
{
    const BrokenFrame preset = currentPreset();
    m_requirement->setText(inspector::Sentences::joined(
            {translated(BrokenFrames::requirement(preset)),
             tr("Required of the server: close %1.").arg(closeCodeText(BrokenFrames::requiredCloseCode(preset)))}));
}

void BrokenFramePanel::send()
{
    m_shown.reset();
    m_waiting = currentPreset();
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(waitingText(*m_waiting));
    m_verdict->show();
    Q_EMIT sendRequested(*m_waiting);
}

QString BrokenFramePanel::waitingText(BrokenFrame preset)
{
    return tr("Sent %1; waiting for the server's reaction…").arg(translated(BrokenFrames::title(preset)));
}

QString BrokenFramePanel::reactionText(const client::ClientOutcome &outcome, bool stillOpen)
{
    if (outcome.closeReceived) {
        const quint16 code = outcome.serverCloseCode.value_or(quint16(protocol::CloseCode::NoStatusReceived));
        return outcome.serverCloseReason.isEmpty()
                ? tr("The server closed with %1.").arg(closeCodeText(code))
                : tr("The server closed with %1, reason \"%2\".").arg(closeCodeText(code), outcome.serverCloseReason);
    }
    if (stillOpen)
        return tr("The server did nothing within %1 s: the connection is still open.")
                .arg(ClientHost::brokenFrameWaitMs / 1000);
    return tr("The server closed TCP without a close frame.");
}

void BrokenFramePanel::showVerdict(BrokenFrame preset, ServerVerdict verdict, const client::ClientOutcome &outcome,
                                   bool stillOpen)
{
    m_waiting.reset();
    m_shown = Shown{preset, verdict, outcome, stillOpen};
    m_verdict->setText(inspector::Sentences::joined(
            {tr("%1:").arg(translated(BrokenFrames::title(preset))), reactionText(outcome, stillOpen),
             tr("Verdict: %1.").arg(translated(BrokenFrames::verdictText(verdict)))}));
    m_verdict->setStyleSheet(noteStyle(verdict == ServerVerdict::Met));
    m_verdict->show();
}

void BrokenFramePanel::clearVerdict()
{
    m_waiting.reset();
    m_shown.reset();
    m_verdict->hide();
}

void BrokenFramePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}

} // namespace wslab::app
