#pragma once

#include "app/settings/apppreferences.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
QT_END_NAMESPACE

namespace wslab::app {

// Edits a copy of the preferences: server (port, bind address, origins), limits, capture and
// language. Nothing changes until OK; MainWindow applies the result.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const AppPreferences &preferences, QWidget *parent = nullptr);

    // The port the server listens on now (0: not listening). It can differ from the saved one: a
    // --port on the command line, or "any free port". The field shows what runs; a note says what
    // is saved for the next start.
    void setRunningPort(quint16 port);
    [[nodiscard]] quint16 runningPort() const { return m_runningPort; }

    [[nodiscard]] AppPreferences preferences() const;
    // Opens on the Connection page with this mode chosen (the toolbar's "Proxy to URL…").
    void editConnection(ConnectionMode mode);
    // OK keeps the dialog open, with a message beside the field, while proxy mode names an upstream
    // it cannot use (not a ws:// or wss:// URL, an unreadable CA file).
    void accept() override;
    // A bind address other than loopback exposes the server (and the capture) to the network.
    [[nodiscard]] static bool isLoopback(const QString &bindAddress);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createConnectionPage();
    QWidget *createServerPage();
    QWidget *createLimitsPage();
    QWidget *createCapturePage();
    void retranslateUi();
    void updateWarnings();
    void updatePortNote();
    void updateConnectionPage();
    void chooseCaFile();
    void chooseClientServer();
    void updateClientBox();

    AppPreferences m_initial;
    QTabWidget *m_tabs = nullptr;

    // Connection: the mode, and the proxy's upstream.
    QWidget *m_connectionPage = nullptr;
    QFormLayout *m_connectionForm = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_modeHint = nullptr;
    QGroupBox *m_proxyBox = nullptr;
    QFormLayout *m_proxyForm = nullptr;
    QLineEdit *m_upstream = nullptr;
    QLabel *m_upstreamError = nullptr;
    QCheckBox *m_rewriteHost = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QLabel *m_browserSideNote = nullptr;
    QCheckBox *m_intercept = nullptr; // proxy: frames can be held and edited
    QLabel *m_interceptNote = nullptr;
    // Client mode's server: the one New Client Connection chose, shown (not a second field for it)
    // and changed with the same dialog.
    QGroupBox *m_clientBox = nullptr;
    QFormLayout *m_clientForm = nullptr;
    QLabel *m_clientUrl = nullptr;
    QPushButton *m_clientChoose = nullptr;
    QLabel *m_clientError = nullptr;
    ClientPreferences m_client;

    QFormLayout *m_serverForm = nullptr;
    QFormLayout *m_generalForm = nullptr;
    quint16 m_runningPort = 0;
    QSpinBox *m_port = nullptr;
    QLabel *m_portNote = nullptr;
    QComboBox *m_bind = nullptr;
    QLabel *m_bindWarning = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    QCheckBox *m_anyOrigin = nullptr;
    QLabel *m_originHint = nullptr;
    QCheckBox *m_deflate = nullptr;
    QLabel *m_deflateHint = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_confirmQuit = nullptr; // "don't ask again" in the quit question, undone here

    QFormLayout *m_limitsForm = nullptr;
    QSpinBox *m_maxMessage = nullptr;
    QSpinBox *m_maxFrame = nullptr;
    QSpinBox *m_fragmentSize = nullptr;
    QSpinBox *m_pingInterval = nullptr;
    QSpinBox *m_maxConnections = nullptr;

    QFormLayout *m_captureForm = nullptr;
    QCheckBox *m_captureEnabled = nullptr;
    QSpinBox *m_payloadCap = nullptr;
    QSpinBox *m_rowCap = nullptr;

    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace wslab::app
