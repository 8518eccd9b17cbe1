#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::app {

// The status bar's permanent part: where the page is (click to copy), how many clients, how fast
// frames arrive, and whether the capture is live, paused or holding frames.
class StatusPanel : public QWidget
{
    Q_OBJECT
public:
    enum class CaptureState : quint8 { Live, Paused };

    explicit StatusPanel(QWidget *parent = nullptr);

    [[nodiscard]] QString url() const { return m_url; }
    [[nodiscard]] QString clientsText() const;
    [[nodiscard]] QString ratesText() const;

public Q_SLOTS:
    void setListening(const QString &url);
    void setNotListening(const QString &why);
    void setClients(int count);
    void setRates(double framesPerSecond, double bytesPerSecond);
    void setCaptureState(wslab::app::StatusPanel::CaptureState state);
    void setHeld(bool holding, int heldFrames);
    void copyUrl();

Q_SIGNALS:
    void urlCopied(const QString &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_url;
    QString m_notListening;
    int m_clients = 0;
    double m_framesPerSecond = 0;
    double m_bytesPerSecond = 0;
    CaptureState m_state = CaptureState::Live;
    bool m_holding = false;
    int m_heldFrames = 0;

    QToolButton *m_urlButton = nullptr;
    QLabel *m_clientsLabel = nullptr;
    QLabel *m_ratesLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
};

} // namespace wslab::app
