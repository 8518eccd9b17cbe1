#pragma once

#include "capture/capturerecord.h"

#include <QWidget>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace wslab::app {

class FrameEditDialog;
class HeldFrameModel;
class ProxyHost;

// Proxy mode's Intercept pane: the frames the proxy holds, oldest first, and what to do with them
// (forward, drop, edit and forward, or inject a new frame into either direction). Holding is per
// direction: browser → server is the window's Hold action, server → browser the pane's own. When
// the proxy runs without intercept, a banner says so and offers to turn it on.
class InterceptPane : public QWidget
{
    Q_OBJECT
public:
    explicit InterceptPane(ProxyHost *host, QWidget *parent = nullptr);

    [[nodiscard]] HeldFrameModel *model() const { return m_model; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QAction *holdServerAction() const { return m_holdServer; }
    [[nodiscard]] QPushButton *forwardButton() const { return m_forward; }
    [[nodiscard]] QPushButton *dropButton() const { return m_drop; }
    [[nodiscard]] QPushButton *editButton() const { return m_edit; }
    [[nodiscard]] QPushButton *injectButton() const { return m_inject; }
    [[nodiscard]] QPushButton *enableButton() const { return m_enable; }
    [[nodiscard]] int heldCount() const;

    // The window's Hold action (browser → server) gets a button here too.
    void setHoldBrowserAction(QAction *action);
    // Out of proxy mode the pane rests (the embedded server has its own step mode).
    void setProxyMode(bool proxy);
    // Holds a direction; false, with the reason shown, when this proxy runs without intercept.
    bool setHolding(capture::Direction direction, bool on);
    // Runs the dialog (exec() by default); the tests answer it themselves.
    void setDialogRunner(std::function<bool(FrameEditDialog &)> runner) { m_runDialog = std::move(runner); }

public Q_SLOTS:
    bool forwardNext(); // the oldest held frame (Deliver Next)
    void forwardAll();  // every held frame, in order (Deliver All)
    void forwardSelected();
    void dropSelected();
    void editSelected();
    void injectFrame();
    void updateState();

Q_SIGNALS:
    // The user asked for intercept on this proxy (Settings ▸ Connection): MainWindow restarts it.
    void interceptRequested();
    void heldCountChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fitColumns();
    [[nodiscard]] int selectedRow() const;
    // A check box that shows and sets a checkable action (its text, tooltip and state follow it).
    static void bind(QCheckBox *box, QAction *action);

    ProxyHost *m_host;
    HeldFrameModel *m_model;
    bool m_proxyMode = false;
    QLabel *m_banner = nullptr;
    QPushButton *m_enable = nullptr;
    QCheckBox *m_holdBrowserBox = nullptr;
    QCheckBox *m_holdServerBox = nullptr;
    QAction *m_holdServer = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_forward = nullptr;
    QPushButton *m_drop = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_inject = nullptr;
    QPushButton *m_forwardAll = nullptr;
    std::function<bool(FrameEditDialog &)> m_runDialog;
};

} // namespace wslab::app
