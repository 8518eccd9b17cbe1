#include "app/settings/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QSpinBox>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTest>

using namespace wslab::app;

// The dialog shows the port the server runs on, which a --port or "any free port" can make
// different from the saved one; a note then says what the next start uses.
class tst_SettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portFieldShowsTheRunningPort_data();
    void portFieldShowsTheRunningPort();
    void editedPortIsSaved();
    void compressionIsASwitchOffByDefault();
    void quitQuestionCanBeAskedAgain();
    void unusableUpstreamIsRefusedWithAMessage_data();
    void unusableUpstreamIsRefusedWithAMessage();
    void insecureUpstreamShowsAWarning();
    void clientModeShowsItsServerAndNotTheUpstreamField();
    void clientModeWithoutAServerIsRefusedWithAMessage();
};

void tst_SettingsDialog::portFieldShowsTheRunningPort_data()
{
    QTest::addColumn<int>("saved");
    QTest::addColumn<int>("running");
    QTest::addColumn<int>("shown");
    QTest::addColumn<bool>("noteShown");
    QTest::addColumn<QStringList>("noteMentions");

    QTest::addRow("running on the saved port") << 8002 << 8002 << 8002 << false << QStringList();
    QTest::addRow("not listening") << 8002 << 0 << 8002 << false << QStringList();
    QTest::addRow("--port 9000 over saved 8002")
            << 8002 << 9000 << 9000 << true << QStringList{QStringLiteral("9000"), QStringLiteral("8002")};
    QTest::addRow("another free port over saved 8002")
            << 8002 << 8003 << 8003 << true << QStringList{QStringLiteral("8003"), QStringLiteral("8002")};
    QTest::addRow("saved any free port, got 41234")
            << 0 << 41234 << 0 << true << QStringList{QStringLiteral("41234")};
}

void tst_SettingsDialog::portFieldShowsTheRunningPort()
{
    QFETCH(int, saved);
    QFETCH(int, running);
    QFETCH(int, shown);
    QFETCH(bool, noteShown);
    QFETCH(QStringList, noteMentions);

    AppPreferences preferences;
    preferences.server.port = quint16(saved);
    SettingsDialog dialog(preferences);
    dialog.setRunningPort(quint16(running));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    const auto *port = dialog.findChild<QSpinBox *>(QStringLiteral("port"));
    QVERIFY(port);
    QCOMPARE(port->value(), shown);
    const auto *note = dialog.findChild<QLabel *>(QStringLiteral("portNote"));
    QVERIFY(note);
    QCOMPARE(note->isVisible(), noteShown);
    for (const QString &number : noteMentions)
        QVERIFY2(note->text().contains(number), qPrintable(note->text()));
    // OK without an edit keeps what the field shows.
    QCOMPARE(int(dialog.preferences().server.port), shown);
}

void tst_SettingsDialog::editedPortIsSaved()
{
    AppPreferences preferences;
    preferences.server.port = 8002;
    SettingsDialog dialog(preferences);
    dialog.setRunningPort(9000);
    auto *port = dialog.findChild<QSpinBox *>(QStringLiteral("port"));
    QVERIFY(port);
    port->setValue(8100);
    QCOMPARE(dialog.preferences().server.port, quint16(8100));
    QCOMPARE(dialog.runningPort(), quint16(9000));
}

void tst_SettingsDialog::compressionIsASwitchOffByDefault()
{
    AppPreferences preferences;
    SettingsDialog dialog(preferences);
    auto *compression = dialog.findChild<QCheckBox *>(QStringLiteral("permessageDeflate"));
    QVERIFY(compression);
    QVERIFY(!compression->isChecked());
    compression->setChecked(true);
    QVERIFY(dialog.preferences().server.permessageDeflate);
    // Restore Defaults turns it off again.
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
    QVERIFY(!dialog.preferences().server.permessageDeflate);
}

// "Do not ask again" in the quit question is not for ever: the setting turns it back on.
void tst_SettingsDialog::quitQuestionCanBeAskedAgain()
{
    AppPreferences preferences;
    preferences.confirmQuitWithClients = false;
    SettingsDialog dialog(preferences);
    auto *confirm = dialog.findChild<QCheckBox *>(QStringLiteral("confirmQuit"));
    QVERIFY(confirm);
    QVERIFY(!confirm->isChecked());
    QVERIFY(!dialog.preferences().confirmQuitWithClients);
    confirm->setChecked(true);
    QVERIFY(dialog.preferences().confirmQuitWithClients);
}

void tst_SettingsDialog::unusableUpstreamIsRefusedWithAMessage_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("reasonPart"); // empty: accepted
    QTest::newRow("ws with path") << "ws://127.0.0.1:3000/api" << "" << "";
    QTest::newRow("wss") << "wss://localhost:8443" << "" << "";
    QTest::newRow("empty") << "" << "" << "no upstream URL";
    QTest::newRow("http scheme") << "http://127.0.0.1:3000" << "" << "ws:// or wss://";
    QTest::newRow("port too big") << "ws://127.0.0.1:99999" << "" << "65535";
    QTest::newRow("no host") << "ws://:3000" << "" << "no host";
    QTest::newRow("fragment") << "ws://127.0.0.1:3000/#x" << "" << "fragment";
    QTest::newRow("unreadable CA file") << "wss://localhost:8443" << "/nonexistent/ca.pem" << "/nonexistent/ca.pem";
}

// OK with proxy mode and an upstream the proxy cannot use keeps the dialog open, on the Connection
// page, with the reason beside the URL; nothing is returned to be saved.
void tst_SettingsDialog::unusableUpstreamIsRefusedWithAMessage()
{
    QFETCH(QString, url);
    QFETCH(QString, caFile);
    QFETCH(QString, reasonPart);
    AppPreferences preferences;
    SettingsDialog dialog(preferences);
    dialog.show();
    auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("connectionMode"));
    auto *upstream = dialog.findChild<QLineEdit *>(QStringLiteral("upstreamUrl"));
    auto *ca = dialog.findChild<QLineEdit *>(QStringLiteral("caFile"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("upstreamError"));
    QVERIFY(mode && upstream && ca && error);
    QVERIFY(!upstream->isEnabled()); // the embedded server needs no upstream
    mode->setCurrentIndex(mode->findData(int(ConnectionMode::Proxy)));
    QVERIFY(upstream->isEnabled());
    upstream->setText(url);
    ca->setText(caFile);
    dialog.findChild<QTabWidget *>()->setCurrentIndex(0); // OK pressed on another page
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    if (reasonPart.isEmpty()) {
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!error->isVisible());
        QCOMPARE(dialog.preferences().mode, ConnectionMode::Proxy);
        QCOMPARE(dialog.preferences().proxy.upstreamUrl, url);
        return;
    }
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(reasonPart), qPrintable(error->text()));
    QCOMPARE(dialog.findChild<QTabWidget *>()->currentIndex(), 1); // the Connection page
    // Typing again clears the message; the embedded server needs no URL at all.
    upstream->setText(url + QLatin1Char(' '));
    QVERIFY(!error->isVisible());
    mode->setCurrentIndex(mode->findData(int(ConnectionMode::EmbeddedServer)));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

// --insecure's checkbox only means something for wss://, and says what it gives away.
void tst_SettingsDialog::insecureUpstreamShowsAWarning()
{
    AppPreferences preferences;
    preferences.mode = ConnectionMode::Proxy;
    preferences.proxy.upstreamUrl = QStringLiteral("ws://127.0.0.1:3000");
    SettingsDialog dialog(preferences);
    dialog.show();
    auto *upstream = dialog.findChild<QLineEdit *>(QStringLiteral("upstreamUrl"));
    auto *insecure = dialog.findChild<QCheckBox *>(QStringLiteral("insecure"));
    auto *warning = dialog.findChild<QLabel *>(QStringLiteral("insecureWarning"));
    QVERIFY(upstream && insecure && warning);
    QVERIFY(!insecure->isEnabled());
    upstream->setText(QStringLiteral("wss://127.0.0.1:8443"));
    QVERIFY(insecure->isEnabled());
    QVERIFY(warning->isHidden());
    insecure->setChecked(true);
    QVERIFY(!warning->isHidden());
    QVERIFY(!warning->text().isEmpty());
    QVERIFY(dialog.preferences().proxy.insecure);
}

// The proxy's upstream and the client's server are two different peers, not one setting typed
// twice: each mode shows its own, and client mode shows the server New Client Connection chose
// (kept as it was through OK), not an upstream field that would not apply.
void tst_SettingsDialog::clientModeShowsItsServerAndNotTheUpstreamField()
{
    AppPreferences preferences;
    preferences.mode = ConnectionMode::Client;
    preferences.proxy.upstreamUrl = QStringLiteral("ws://127.0.0.1:3000");
    preferences.client.url = QStringLiteral("ws://127.0.0.1:9001/chat");
    SettingsDialog dialog(preferences);
    dialog.show();
    dialog.editConnection(ConnectionMode::Client);
    auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("connectionMode"));
    auto *upstream = dialog.findChild<QLineEdit *>(QStringLiteral("upstreamUrl"));
    auto *server = dialog.findChild<QLabel *>(QStringLiteral("clientUrl"));
    auto *choose = dialog.findChild<QPushButton *>(QStringLiteral("chooseClientServer"));
    QVERIFY(mode && upstream && server && choose);
    QVERIFY(!upstream->isVisible());
    QVERIFY(server->isVisible() && choose->isVisible());
    QCOMPARE(server->text(), preferences.client.url);
    mode->setCurrentIndex(mode->findData(int(ConnectionMode::Proxy)));
    QVERIFY(upstream->isVisible() && upstream->isEnabled());
    QVERIFY(!server->isVisible());
    mode->setCurrentIndex(mode->findData(int(ConnectionMode::Client)));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.preferences().client, preferences.client);
    QCOMPARE(dialog.preferences().proxy.upstreamUrl, preferences.proxy.upstreamUrl);
}

void tst_SettingsDialog::clientModeWithoutAServerIsRefusedWithAMessage()
{
    AppPreferences preferences; // no New Client Connection yet
    SettingsDialog dialog(preferences);
    dialog.show();
    auto *mode = dialog.findChild<QComboBox *>(QStringLiteral("connectionMode"));
    auto *server = dialog.findChild<QLabel *>(QStringLiteral("clientUrl"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("clientError"));
    QVERIFY(mode && server && error);
    mode->setCurrentIndex(mode->findData(int(ConnectionMode::Client)));
    QVERIFY(!server->text().contains(QLatin1String("://")));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("Choose the server")), qPrintable(error->text()));
    QCOMPARE(dialog.findChild<QTabWidget *>()->currentIndex(), 1); // the Connection page
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
