#include "app/settings/settingsdialog.h"

#include "app/client/clientconnectiondialog.h"
#include "app/mainwindow/languagemanager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wslab::app {

namespace {

constexpr int kib = 1024;

QSpinBox *spinBox(QWidget *parent, int minimum, int maximum, const QString &objectName)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setGroupSeparatorShown(true);
    box->setObjectName(objectName);
    return box;
}

void setLabel(QFormLayout *form, QWidget *field, const QString &text)
{
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(field)))
        label->setText(text);
}

} // namespace

SettingsDialog::SettingsDialog(const AppPreferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_initial(preferences)
    , m_client(preferences.client)
{
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(createServerPage(), QString());
    m_tabs->addTab(createConnectionPage(), QString());
    m_tabs->addTab(createLimitsPage(), QString());
    m_tabs->addTab(createCapturePage(), QString());
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                     this);
    // The language is the app's, not the server's: under the tabs, always in view.
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QString(), QString()); // the system's language
    for (const LanguageManager::Language &language : LanguageManager::languages())
        m_language->addItem(language.nativeName, language.code);
    m_confirmQuit = new QCheckBox(this);
    m_confirmQuit->setObjectName(QStringLiteral("confirmQuit"));
    m_generalForm = new QFormLayout;
    m_generalForm->addRow(QStringLiteral("-"), m_language);
    m_generalForm->addRow(m_confirmQuit);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(m_generalForm);
    layout->addWidget(m_buttons);
    // Wide enough that the warnings and hints read in two or three lines, not five.
    setMinimumWidth(fontMetrics().averageCharWidth() * 78);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        const AppPreferences defaults;
        m_port->setValue(defaults.server.port);
        m_bind->setCurrentText(defaults.server.bindAddress);
        m_origins->setPlainText(defaults.server.allowedOrigins.join(QLatin1Char('\n')));
        m_anyOrigin->setChecked(defaults.server.allowAnyOrigin);
        m_deflate->setChecked(defaults.server.permessageDeflate);
        m_maxMessage->setValue(int(defaults.server.maxMessageSize / kib));
        m_maxFrame->setValue(int(defaults.server.maxFramePayload / kib));
        m_fragmentSize->setValue(int(defaults.server.outgoingFragmentSize));
        m_pingInterval->setValue(defaults.server.pingIntervalMs / 1000);
        m_maxConnections->setValue(defaults.server.maxConnections);
        m_captureEnabled->setChecked(defaults.server.captureEnabled);
        m_payloadCap->setValue(int(defaults.server.capturePayloadCap / kib));
        m_rowCap->setValue(defaults.captureRowCap);
        m_confirmQuit->setChecked(defaults.confirmQuitWithClients);
        m_mode->setCurrentIndex(m_mode->findData(int(defaults.mode)));
        m_rewriteHost->setChecked(defaults.proxy.rewriteHost);
        m_caFile->setText(defaults.proxy.caFile);
        m_insecure->setChecked(defaults.proxy.insecure);
        m_intercept->setChecked(defaults.proxy.intercept);
    });
    connect(m_bind, &QComboBox::currentTextChanged, this, &SettingsDialog::updateWarnings);
    connect(m_anyOrigin, &QCheckBox::toggled, this, &SettingsDialog::updateWarnings);

    // Fill from the preferences.
    const server::ServerSettings &s = preferences.server;
    m_port->setValue(s.port);
    m_bind->setCurrentText(s.bindAddress);
    m_origins->setPlainText(s.allowedOrigins.join(QLatin1Char('\n')));
    m_anyOrigin->setChecked(s.allowAnyOrigin);
    m_deflate->setChecked(s.permessageDeflate);
    m_maxMessage->setValue(int(std::min<qint64>(s.maxMessageSize / kib, m_maxMessage->maximum())));
    m_maxFrame->setValue(int(std::min<qint64>(s.maxFramePayload / kib, m_maxFrame->maximum())));
    m_fragmentSize->setValue(int(std::min<qint64>(s.outgoingFragmentSize, m_fragmentSize->maximum())));
    m_pingInterval->setValue(s.pingIntervalMs / 1000);
    m_maxConnections->setValue(s.maxConnections);
    m_captureEnabled->setChecked(s.captureEnabled);
    m_payloadCap->setValue(int(std::min<qint64>(s.capturePayloadCap / kib, m_payloadCap->maximum())));
    m_rowCap->setValue(preferences.captureRowCap);
    m_confirmQuit->setChecked(preferences.confirmQuitWithClients);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(preferences.mode))));
    m_upstream->setText(preferences.proxy.upstreamUrl);
    m_rewriteHost->setChecked(preferences.proxy.rewriteHost);
    m_caFile->setText(preferences.proxy.caFile);
    m_insecure->setChecked(preferences.proxy.insecure);
    m_intercept->setChecked(preferences.proxy.intercept);
    const int language = m_language->findData(LanguageManager::normalized(preferences.language));
    m_language->setCurrentIndex(language < 0 ? 0 : language);

    retranslateUi();
}

QWidget *SettingsDialog::createConnectionPage()
{
    m_connectionPage = new QWidget(this);
    m_mode = new QComboBox(m_connectionPage);
    m_mode->setObjectName(QStringLiteral("connectionMode"));
    m_mode->addItem(QString(), int(ConnectionMode::EmbeddedServer));
    m_mode->addItem(QString(), int(ConnectionMode::Proxy));
    m_mode->addItem(QString(), int(ConnectionMode::Client));
    m_modeHint = new QLabel(m_connectionPage);
    m_modeHint->setWordWrap(true);

    m_proxyBox = new QGroupBox(m_connectionPage);
    m_upstream = new QLineEdit(m_proxyBox);
    m_upstream->setObjectName(QStringLiteral("upstreamUrl"));
    m_upstream->setPlaceholderText(QStringLiteral("ws://127.0.0.1:3000"));
    m_upstreamError = new QLabel(m_proxyBox);
    m_upstreamError->setObjectName(QStringLiteral("upstreamError"));
    m_upstreamError->setWordWrap(true);
    QPalette errorPalette = m_upstreamError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28)); // reads on light and dark
    m_upstreamError->setPalette(errorPalette);
    m_upstreamError->hide();
    m_rewriteHost = new QCheckBox(m_proxyBox);
    m_rewriteHost->setObjectName(QStringLiteral("rewriteHost"));
    auto *caRow = new QWidget(m_proxyBox);
    m_caFile = new QLineEdit(caRow);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caBrowse = new QPushButton(caRow);
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_caBrowse);
    m_insecure = new QCheckBox(m_proxyBox);
    m_insecure->setObjectName(QStringLiteral("insecure"));
    m_insecureWarning = new QLabel(m_proxyBox);
    m_insecureWarning->setObjectName(QStringLiteral("insecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setPalette(errorPalette);
    m_browserSideNote = new QLabel(m_proxyBox);
    m_browserSideNote->setWordWrap(true);
    m_browserSideNote->setForegroundRole(QPalette::PlaceholderText);
    // Intercept changes what the proxy writes in the handshake, so it is a setting of its own.
    m_intercept = new QCheckBox(m_proxyBox);
    m_intercept->setObjectName(QStringLiteral("intercept"));
    m_interceptNote = new QLabel(m_proxyBox);
    m_interceptNote->setWordWrap(true);
    m_interceptNote->setForegroundRole(QPalette::PlaceholderText);

    m_proxyForm = new QFormLayout(m_proxyBox);
    m_proxyForm->addRow(QStringLiteral("-"), m_upstream);
    m_proxyForm->addRow(m_upstreamError);
    m_proxyForm->addRow(m_rewriteHost);
    m_proxyForm->addRow(QStringLiteral("-"), caRow);
    m_proxyForm->addRow(m_insecure);
    m_proxyForm->addRow(m_insecureWarning);
    m_proxyForm->addRow(m_browserSideNote);
    m_proxyForm->addRow(m_intercept);
    m_proxyForm->addRow(m_interceptNote);

    m_clientBox = new QGroupBox(m_connectionPage);
    auto *clientRow = new QWidget(m_clientBox);
    m_clientUrl = new QLabel(clientRow);
    m_clientUrl->setObjectName(QStringLiteral("clientUrl"));
    m_clientUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clientChoose = new QPushButton(clientRow);
    m_clientChoose->setObjectName(QStringLiteral("chooseClientServer"));
    auto *clientLayout = new QHBoxLayout(clientRow);
    clientLayout->setContentsMargins(0, 0, 0, 0);
    clientLayout->addWidget(m_clientUrl, 1);
    clientLayout->addWidget(m_clientChoose);
    m_clientError = new QLabel(m_clientBox);
    m_clientError->setObjectName(QStringLiteral("clientError"));
    m_clientError->setWordWrap(true);
    m_clientError->setPalette(errorPalette);
    m_clientError->hide();
    m_clientForm = new QFormLayout(m_clientBox);
    m_clientForm->addRow(QStringLiteral("-"), clientRow);
    m_clientForm->addRow(m_clientError);

    m_connectionForm = new QFormLayout(m_connectionPage);
    m_connectionForm->addRow(QStringLiteral("-"), m_mode);
    m_connectionForm->addRow(m_modeHint);
    m_connectionForm->addRow(m_proxyBox);
    m_connectionForm->addRow(m_clientBox);
    connect(m_clientChoose, &QPushButton::clicked, this, &SettingsDialog::chooseClientServer);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateConnectionPage);
    connect(m_upstream, &QLineEdit::textChanged, this, [this] {
        m_upstreamError->hide();
        updateConnectionPage();
    });
    connect(m_insecure, &QCheckBox::toggled, this, &SettingsDialog::updateConnectionPage);
    connect(m_caBrowse, &QPushButton::clicked, this, &SettingsDialog::chooseCaFile);
    return m_connectionPage;
}

void SettingsDialog::updateConnectionPage()
{
    const auto mode = ConnectionMode(m_mode->currentData().toInt());
    const bool proxy = mode == ConnectionMode::Proxy;
    // Each mode's peer in its own box, the other one out of the way: the upstream is where the proxy
    // relays browsers to, the client's server is where wslab itself connects. Not one setting.
    m_proxyBox->setVisible(mode != ConnectionMode::Client);
    m_proxyBox->setEnabled(proxy);
    m_clientBox->setVisible(mode == ConnectionMode::Client);
    if (mode == ConnectionMode::Client)
        m_modeHint->setText(tr("wslab is the client of your server, at the URL below (File ▸ New Client "
                               "Connection chooses it too); the Chat and Composer panels talk to it."));
    else if (proxy)
        m_modeHint->setText(tr("wslab listens at the address and port of the Server page and relays every "
                               "connection, page and WebSocket alike, byte for byte to your own server. The "
                               "inspector shows both directions; the Chat, Composer and Transports panels rest."));
    else
        m_modeHint->setText(tr("wslab's own chat server answers the browsers: the page, the chat and the echo, "
                               "with the Chat, Composer, Transports and Handshake Lab tools."));
    // A CA file and --insecure only mean something for a TLS upstream.
    const bool secure = m_upstream->text().trimmed().startsWith(QLatin1String("wss://"), Qt::CaseInsensitive);
    m_insecure->setEnabled(secure);
    m_caFile->setEnabled(secure && !m_insecure->isChecked());
    m_caBrowse->setEnabled(m_caFile->isEnabled());
    m_insecureWarning->setVisible(secure && m_insecure->isChecked());
}

void SettingsDialog::chooseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

void SettingsDialog::chooseClientServer()
{
    ClientConnectionDialog dialog(m_client, this);
    dialog.setChooseOnly(true);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_client = dialog.preferences();
    m_clientError->hide();
    updateClientBox();
}

void SettingsDialog::updateClientBox()
{
    m_clientUrl->setText(m_client.url.isEmpty() ? tr("none chosen yet") : m_client.url);
}

void SettingsDialog::editConnection(ConnectionMode mode)
{
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(mode))));
    m_tabs->setCurrentWidget(m_connectionPage);
    if (mode == ConnectionMode::Proxy)
        m_upstream->setFocus();
}

void SettingsDialog::accept()
{
    const AppPreferences chosen = preferences();
    if (chosen.mode == ConnectionMode::Proxy) {
        QString error;
        if (!chosen.proxy.toProxySettings(chosen.server, &error)) {
            m_upstreamError->setText(tr("⚠ Proxy mode cannot use this: %1.").arg(error));
            m_upstreamError->show();
            m_tabs->setCurrentWidget(m_connectionPage);
            m_upstream->setFocus();
            return;
        }
    }
    ClientPreferences::Problem problem;
    if (chosen.mode == ConnectionMode::Client && !chosen.client.toClientSettings(&problem)) {
        m_clientError->setText(tr("⚠ Client mode cannot use this: %1. Choose the server.").arg(problem.text));
        m_clientError->show();
        m_tabs->setCurrentWidget(m_connectionPage);
        m_clientChoose->setFocus();
        return;
    }
    QDialog::accept();
}

QWidget *SettingsDialog::createServerPage()
{
    auto *page = new QWidget(this);
    m_port = spinBox(page, 0, 65535, QStringLiteral("port"));
    m_port->setGroupSeparatorShown(false);
    m_portNote = new QLabel(page);
    m_portNote->setObjectName(QStringLiteral("portNote"));
    m_portNote->setWordWrap(true);
    m_portNote->hide();
    m_bind = new QComboBox(page);
    m_bind->setObjectName(QStringLiteral("bindAddress"));
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"), QStringLiteral("::")});
    m_bindWarning = new QLabel(page);
    m_bindWarning->setWordWrap(true);
    m_origins = new QPlainTextEdit(page);
    m_origins->setObjectName(QStringLiteral("allowedOrigins"));
    m_origins->setFixedHeight(m_origins->fontMetrics().lineSpacing() * 4 + 12);
    m_anyOrigin = new QCheckBox(page);
    m_originHint = new QLabel(page);
    m_originHint->setWordWrap(true);
    m_deflate = new QCheckBox(page);
    m_deflate->setObjectName(QStringLiteral("permessageDeflate"));
    m_deflateHint = new QLabel(page);
    m_deflateHint->setWordWrap(true);

    m_serverForm = new QFormLayout(page);
    m_serverForm->addRow(QStringLiteral("-"), m_port);
    m_serverForm->addRow(m_portNote);
    m_serverForm->addRow(QStringLiteral("-"), m_bind);
    m_serverForm->addRow(m_bindWarning);
    m_serverForm->addRow(QStringLiteral("-"), m_origins);
    m_serverForm->addRow(m_anyOrigin);
    m_serverForm->addRow(m_originHint);
    m_serverForm->addRow(m_deflate);
    m_serverForm->addRow(m_deflateHint);
    return page;
}

QWidget *SettingsDialog::createLimitsPage()
{
    auto *page = new QWidget(this);
    m_maxMessage = spinBox(page, 1, 1024 * 1024, QStringLiteral("maxMessage"));
    m_maxFrame = spinBox(page, 1, 1024 * 1024, QStringLiteral("maxFrame"));
    m_fragmentSize = spinBox(page, 0, 16 * 1024 * 1024, QStringLiteral("fragmentSize"));
    m_pingInterval = spinBox(page, 0, 3600, QStringLiteral("pingInterval"));
    m_maxConnections = spinBox(page, 1, 100'000, QStringLiteral("maxConnections"));
    m_limitsForm = new QFormLayout(page);
    for (QSpinBox *box : {m_maxMessage, m_maxFrame, m_fragmentSize, m_pingInterval, m_maxConnections})
        m_limitsForm->addRow(QStringLiteral("-"), box);
    return page;
}

QWidget *SettingsDialog::createCapturePage()
{
    auto *page = new QWidget(this);
    m_captureEnabled = new QCheckBox(page);
    m_payloadCap = spinBox(page, 1, 64 * 1024, QStringLiteral("payloadCap"));
    m_rowCap = spinBox(page, 100, 10'000'000, QStringLiteral("rowCap"));
    m_rowCap->setSingleStep(10'000);
    m_captureForm = new QFormLayout(page);
    m_captureForm->addRow(m_captureEnabled);
    m_captureForm->addRow(QStringLiteral("-"), m_payloadCap);
    m_captureForm->addRow(QStringLiteral("-"), m_rowCap);
    return page;
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_tabs->setTabText(0, tr("Server"));
    m_tabs->setTabText(1, tr("Connection"));
    m_tabs->setTabText(2, tr("Limits"));
    m_tabs->setTabText(3, tr("Capture"));

    setLabel(m_connectionForm, m_mode, tr("&Mode:"));
    m_mode->setItemText(m_mode->findData(int(ConnectionMode::EmbeddedServer)), tr("Embedded server"));
    m_mode->setItemText(m_mode->findData(int(ConnectionMode::Proxy)), tr("Proxy to URL"));
    m_mode->setItemText(m_mode->findData(int(ConnectionMode::Client)), tr("Client of a server"));
    m_proxyBox->setTitle(tr("Proxy to URL"));
    m_clientBox->setTitle(tr("Client of a server"));
    setLabel(m_clientForm, m_clientUrl->parentWidget(), tr("Server URL:"));
    m_clientChoose->setText(tr("C&hoose…"));
    m_clientChoose->setToolTip(tr("The server wslab connects to as a client, with its headers, subprotocols "
                                  "and TLS options: the New Client Connection dialog"));
    updateClientBox();
    setLabel(m_proxyForm, m_upstream, tr("&Upstream URL:"));
    m_upstream->setToolTip(tr("Your own server: ws://host:port or wss://host:port, with an optional path prefix "
                              "put in front of every request"));
    m_rewriteHost->setText(tr("&Rewrite the Host header to the upstream's host:port"));
    m_rewriteHost->setToolTip(tr("Off, the browser's Host header goes through as it was (byte for byte). On, "
                                 "each request is changed, and its row is marked as changed."));
    setLabel(m_proxyForm, m_caFile->parentWidget(), tr("CA &certificates:"));
    m_caFile->setPlaceholderText(tr("wss: a PEM file trusted beside the system's CAs"));
    m_caBrowse->setText(tr("&Browse…"));
    m_insecure->setText(tr("Do not check the upstream's certificate (&insecure)"));
    m_insecureWarning->setText(tr("⚠ Anyone between wslab and the upstream could read and change the traffic. "
                                  "The toolbar says so while it runs."));
    m_browserSideNote->setText(tr("The browser side stays plain ws:// on loopback: wslab does not intercept "
                                  "the browser's TLS."));
    m_intercept->setText(tr("In&tercept: frames can be held, edited, dropped and injected"));
    m_interceptNote->setText(tr("Needed by Hold and the Intercept pane. It changes the handshake: wslab asks "
                                "both ends for permessage-deflate without context takeover "
                                "(no_context_takeover), so that every compressed message can be edited on "
                                "its own; those rows are marked. Changing it restarts the proxy."));
    updateConnectionPage();

    setLabel(m_serverForm, m_port, tr("&Port:"));
    m_port->setSpecialValueText(tr("any free port"));
    setLabel(m_serverForm, m_bind, tr("&Bind address:"));
    setLabel(m_serverForm, m_origins, tr("Allowed &origins:"));
    m_origins->setPlaceholderText(tr("One per line, e.g. http://localhost:3000\nThe app's own page is always allowed."));
    m_anyOrigin->setText(tr("Allow &any origin"));
    m_deflate->setText(tr("Accept &compression (permessage-deflate, RFC 7692)"));
    m_deflateHint->setText(tr("For connections opened after the change. Off, frames carry the text as typed; on, "
                              "browsers send their messages as DEFLATE bytes (RSV1 set)."));
    setLabel(m_generalForm, m_language, tr("&Language:"));
    m_language->setItemText(0, tr("System default"));
    m_confirmQuit->setText(tr("Ask before quitting while clients are connected"));

    setLabel(m_limitsForm, m_maxMessage, tr("Largest &message:"));
    m_maxMessage->setSuffix(tr(" KiB"));
    m_maxMessage->setToolTip(tr("Bigger messages are refused with close code 1009 (RFC 6455 §7.4.1)"));
    setLabel(m_limitsForm, m_maxFrame, tr("Largest &frame payload:"));
    m_maxFrame->setSuffix(tr(" KiB"));
    m_maxFrame->setToolTip(tr("Decided from the header alone, before the payload arrives (RFC 6455 §10.4)"));
    setLabel(m_limitsForm, m_fragmentSize, tr("&Outgoing fragment size:"));
    m_fragmentSize->setSuffix(tr(" bytes"));
    m_fragmentSize->setSpecialValueText(tr("no fragmentation"));
    m_fragmentSize->setToolTip(tr("Split every message the server sends into frames of at most this many "
                                  "payload bytes (RFC 6455 §5.4)"));
    setLabel(m_limitsForm, m_pingInterval, tr("&Ping idle clients every:"));
    m_pingInterval->setSuffix(tr(" s"));
    m_pingInterval->setSpecialValueText(tr("never"));
    setLabel(m_limitsForm, m_maxConnections, tr("Most &connections:"));

    m_captureEnabled->setText(tr("&Capture traffic"));
    setLabel(m_captureForm, m_payloadCap, tr("Payload kept per &frame:"));
    m_payloadCap->setSuffix(tr(" KiB"));
    setLabel(m_captureForm, m_rowCap, tr("&Rows kept in the table:"));
    m_rowCap->setToolTip(tr("The oldest rows go first once the table holds this many"));
    updateWarnings();
    updatePortNote();
}

void SettingsDialog::setRunningPort(quint16 port)
{
    m_runningPort = port;
    // "Any free port" stays as it is: the port it got is this run's, the choice is for every start.
    if (port != 0 && m_initial.server.port != 0)
        m_port->setValue(port);
    updatePortNote();
}

void SettingsDialog::updatePortNote()
{
    const quint16 saved = m_initial.server.port;
    const bool differs = m_runningPort != 0 && m_runningPort != saved;
    m_portNote->setVisible(differs);
    if (!differs)
        return;
    if (saved == 0)
        m_portNote->setText(tr("Running on port %1, the free port found at start.").arg(m_runningPort));
    else
        m_portNote->setText(tr("Running on port %1 (this run only); port %2 is saved for the next start. "
                               "OK saves the port above.")
                                    .arg(m_runningPort)
                                    .arg(saved));
}

void SettingsDialog::updateWarnings()
{
    const bool loopback = isLoopback(m_bind->currentText());
    m_bindWarning->setVisible(!loopback);
    m_bindWarning->setText(tr("⚠ Other computers on your network can connect, chat and see the capture. "
                              "Use 127.0.0.1 unless you mean it."));
    m_originHint->setText(m_anyOrigin->isChecked()
                                  ? tr("⚠ Any web page you visit could open a WebSocket to this server "
                                       "(cross-site WebSocket hijacking).")
                                  : tr("Browsers send an Origin header; the server refuses upgrades from pages "
                                       "it does not serve, so other sites cannot talk to it."));
}

AppPreferences SettingsDialog::preferences() const
{
    AppPreferences p = m_initial;
    server::ServerSettings &s = p.server;
    s.port = quint16(m_port->value());
    s.bindAddress = m_bind->currentText().trimmed();
    s.allowedOrigins.clear();
    for (const QString &line : m_origins->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            s.allowedOrigins.append(line.trimmed());
    }
    s.allowAnyOrigin = m_anyOrigin->isChecked();
    s.permessageDeflate = m_deflate->isChecked();
    s.maxMessageSize = qint64(m_maxMessage->value()) * kib;
    s.maxFramePayload = qint64(m_maxFrame->value()) * kib;
    s.outgoingFragmentSize = m_fragmentSize->value();
    s.pingIntervalMs = m_pingInterval->value() * 1000;
    s.maxConnections = m_maxConnections->value();
    s.captureEnabled = m_captureEnabled->isChecked();
    s.capturePayloadCap = qint64(m_payloadCap->value()) * kib;
    p.captureRowCap = m_rowCap->value();
    p.mode = ConnectionMode(m_mode->currentData().toInt());
    p.proxy.upstreamUrl = m_upstream->text().trimmed();
    p.proxy.rewriteHost = m_rewriteHost->isChecked();
    p.proxy.caFile = m_caFile->text().trimmed();
    p.proxy.insecure = m_insecure->isChecked();
    p.proxy.intercept = m_intercept->isChecked();
    p.client = m_client;
    p.language = m_language->currentData().toString();
    p.confirmQuitWithClients = m_confirmQuit->isChecked();
    return p;
}

bool SettingsDialog::isLoopback(const QString &bindAddress)
{
    const QString trimmed = bindAddress.trimmed();
    if (trimmed.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(trimmed);
    return !address.isNull() && address.isLoopback();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wslab::app
