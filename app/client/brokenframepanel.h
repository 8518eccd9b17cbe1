#pragma once

#include "client/brokenframes.h"

#include <QGroupBox>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace wslab::app {

// The Composer's part in client mode that pokes the server with BrokenFrames: pick a preset, read
// what RFC 6455 requires of the server, send it, and read the verdict on what the server actually
// did (its close code, a TCP close without one, or nothing). It only asks and shows; ClientHost
// sends and judges.
class BrokenFramePanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit BrokenFramePanel(QWidget *parent = nullptr);

    [[nodiscard]] client::BrokenFrame currentPreset() const;
    void setCurrentPreset(client::BrokenFrame preset);
    [[nodiscard]] QString requirementText() const;
    [[nodiscard]] QString verdictText() const;

public Q_SLOTS:
    void setSendEnabled(bool enabled);
    void showVerdict(wslab::client::BrokenFrame preset, wslab::client::ServerVerdict verdict,
                     const wslab::client::ClientOutcome &outcome, bool stillOpen);
    void clearVerdict();

Q_SIGNALS:
    void sendRequested(wslab::client::BrokenFrame preset);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateRequirement();
    void send();
    [[nodiscard]] static QString waitingText(client::BrokenFrame preset);
    [[nodiscard]] static QString reactionText(const client::ClientOutcome &outcome, bool stillOpen);

    QLabel *m_presetLabel = nullptr;
    QComboBox *m_presets = nullptr;
    QLabel *m_requirement = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_verdict = nullptr;
    // The last verdict, kept as values so that it is retranslated with the rest.
    struct Shown
    {
        client::BrokenFrame preset;
        client::ServerVerdict verdict;
        client::ClientOutcome outcome;
        bool stillOpen;
    };
    std::optional<Shown> m_shown;
    std::optional<client::BrokenFrame> m_waiting; // sent, not judged yet
};

} // namespace wslab::app
