#pragma once

#include "app/client/clientpreferences.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QShowEvent;
QT_END_NAMESPACE

namespace wslab::app {

// File ▸ New Client Connection…: the server's URL (ws:// or wss://) and what the opening handshake
// offers (extra header fields, subprotocols, permessage-deflate), and for wss the CA file or no
// check at all, with a visible warning. The URL is checked as it is typed (RFC 6455 §3), every
// field again on Connect, and a problem is shown under its field; nothing is accepted that the
// client could not use.
class ClientConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ClientConnectionDialog(const ClientPreferences &preferences, QWidget *parent = nullptr);

    [[nodiscard]] ClientPreferences preferences() const;
    // The settings of the last accepted connection (valid once exec() returned Accepted).
    [[nodiscard]] client::ClientSettings settings() const { return m_settings; }
    // The problem on show under its field, empty when there is none (for the tests).
    [[nodiscard]] QString problemText() const;
    // From Settings: the server is chosen now and connected to when Settings is applied, so the
    // button says "Use", not "Connect".
    void setChooseOnly(bool chooseOnly);

public Q_SLOTS:
    void accept() override;

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateTlsFields();
    void checkUrl();
    void showProblem(const ClientPreferences::Problem &problem);
    void clearProblems();
    void fitHeight();
    void hideNote(QLabel *note);
    void chooseCaFile();

    client::ClientSettings m_settings;
    QFormLayout *m_form = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_headersLabel = nullptr;
    QLabel *m_subprotocolsLabel = nullptr;
    QLabel *m_caLabel = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLabel *m_headersError = nullptr;
    QLineEdit *m_subprotocols = nullptr;
    QLabel *m_subprotocolsError = nullptr;
    QCheckBox *m_deflate = nullptr;
    QWidget *m_caRow = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QLabel *m_caError = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_chooseOnly = false;
    int m_fittedHeight = 0; // the height fitHeight() last set
    bool m_userSized = false;
};

} // namespace wslab::app
