#pragma once

#include "app/transports/autodemo.h"
#include "app/transports/demoresult.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSpinBox;
QT_END_NAMESPACE

namespace wslab::app {

class TransportChart;

// Hosts the auto demo: its few settings, Run / Cancel, progress, the comparison chart and the
// conclusions under it.
class AutoDemoDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AutoDemoDialog(QWidget *parent = nullptr);
    ~AutoDemoDialog() override;

    void setServer(const QString &host, quint16 port);
    [[nodiscard]] AutoDemo *demo() const noexcept { return m_demo; }
    [[nodiscard]] TransportChart *chart() const noexcept { return m_chart; }
    [[nodiscard]] DemoScript script() const; // from the settings shown
    [[nodiscard]] QString conclusionsText() const;

public Q_SLOTS:
    void runOrCancel();
    // Shows a result as if a run had just produced it.
    void showResult(const wslab::app::DemoResult &result);

protected:
    void changeEvent(QEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void fitToScreen();
    void onPhaseChanged(AutoDemo::Phase phase);
    [[nodiscard]] QString phaseText(AutoDemo::Phase phase) const;
    void updateRunButton();

    AutoDemo *m_demo;
    QLabel *m_intro;
    QLabel *m_receiversLabel;
    QLabel *m_linesLabel;
    QLabel *m_intervalLabel;
    QLabel *m_lineIntervalLabel;
    QSpinBox *m_receivers;
    QSpinBox *m_lines;
    QSpinBox *m_lineInterval;
    QSpinBox *m_pollInterval;
    QPushButton *m_run;
    QProgressBar *m_progress;
    QLabel *m_phase;
    TransportChart *m_chart;
    QLabel *m_summary;
    QLabel *m_conclusions;
    QPushButton *m_close;
    QScrollArea *m_scroll = nullptr;
    DemoResult m_result;
    bool m_hasResult = false;
};

} // namespace wslab::app
