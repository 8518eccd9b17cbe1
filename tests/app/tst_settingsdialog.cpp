#include "app/settings/settingsdialog.h"

#include <QCheckBox>
#include <QLabel>
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

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
