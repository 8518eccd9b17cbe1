// File ▸ New Client Connection…: the URL is checked with ServerUrl as it is typed, every field on
// Connect, each problem shown under its field; what it accepts is the ClientSettings the client
// connection runs with.

#include "app/client/clientconnectiondialog.h"

#include "client/serverurl.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace wslab;
using namespace wslab::app;
using client::ServerUrlError;

class tst_ClientConnectionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlProblemShowsAsItIsTyped_data();
    void urlProblemShowsAsItIsTyped();
    void validUrlShowsNoProblem();
    void aNoteGoneGivesItsHeightBack();
    void fieldProblemsRefuseConnect_data();
    void fieldProblemsRefuseConnect();
    void connectBuildsTheClientSettings();
    void tlsFieldsOnlyForWss();
    void preferencesRoundTrip();

private:
    template<typename T>
    static T *field(const QDialog &dialog, const char *name)
    {
        return dialog.findChild<T *>(QLatin1String(name));
    }
};

void tst_ClientConnectionDialog::urlProblemShowsAsItIsTyped_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<ServerUrlError>("error");
    QTest::addRow("http scheme") << QStringLiteral("http://127.0.0.1:8080/") << ServerUrlError::UnsupportedScheme;
    QTest::addRow("no host") << QStringLiteral("ws:///path") << ServerUrlError::MissingHost;
    QTest::addRow("fragment") << QStringLiteral("ws://127.0.0.1/#top") << ServerUrlError::HasFragment;
    QTest::addRow("user info") << QStringLiteral("ws://user:secret@127.0.0.1/") << ServerUrlError::HasUserInfo;
    QTest::addRow("not a URL") << QStringLiteral("just words") << ServerUrlError::NotAUrl;
}

void tst_ClientConnectionDialog::urlProblemShowsAsItIsTyped()
{
    QFETCH(QString, url);
    QFETCH(ServerUrlError, error);
    ClientConnectionDialog dialog({});
    field<QLineEdit>(dialog, "clientUrl")->setText(url);
    const QString reason =
            QCoreApplication::translate(client::serverUrlErrorContext, client::serverUrlErrorReason(error));
    QVERIFY2(dialog.problemText().contains(reason), qPrintable(dialog.problemText()));
    QVERIFY(!field<QLabel>(dialog, "clientUrlError")->isHidden());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void tst_ClientConnectionDialog::validUrlShowsNoProblem()
{
    ClientConnectionDialog dialog({});
    auto *url = field<QLineEdit>(dialog, "clientUrl");
    url->setText(QStringLiteral("http://x"));
    QVERIFY(!dialog.problemText().isEmpty());
    url->setText(QStringLiteral("ws://127.0.0.1:8765/echo"));
    QCOMPARE(dialog.problemText(), QString());
}

// Typing a URL shows and hides its note at every few keys: the buttons must not be left below a
// gap each time, nor the dialog shrink below a height the user gave it.
void tst_ClientConnectionDialog::aNoteGoneGivesItsHeightBack()
{
    ClientConnectionDialog dialog({});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const int opened = dialog.height();
    auto *url = field<QLineEdit>(dialog, "clientUrl");
    url->setText(QStringLiteral("ws:"));
    QVERIFY(!dialog.problemText().isEmpty());
    QTRY_VERIFY(dialog.height() > opened);
    url->setText(QStringLiteral("ws://127.0.0.1:8765/"));
    QCOMPARE(dialog.problemText(), QString());
    QTRY_COMPARE(dialog.height(), opened);

    dialog.resize(dialog.width(), opened + 200);
    QTRY_COMPARE(dialog.height(), opened + 200);
    url->setText(QStringLiteral("ws:"));
    url->setText(QStringLiteral("ws://127.0.0.1:8765/"));
    QCOMPARE(dialog.height(), opened + 200);
}

void tst_ClientConnectionDialog::fieldProblemsRefuseConnect_data()
{
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("subprotocols");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("problemLabel");
    QTest::addRow("header without colon") << QStringLiteral("X-Test one") << QString() << QString()
                                          << QStringLiteral("clientHeadersError");
    QTest::addRow("header name with a space") << QStringLiteral("X Test: one") << QString() << QString()
                                              << QStringLiteral("clientHeadersError");
    QTest::addRow("subprotocol with a slash") << QString() << QStringLiteral("chat/1") << QString()
                                              << QStringLiteral("clientSubprotocolsError");
    QTest::addRow("unreadable CA file") << QString() << QString() << QStringLiteral("/nonexistent/ca.pem")
                                        << QStringLiteral("clientCaError");
}

void tst_ClientConnectionDialog::fieldProblemsRefuseConnect()
{
    QFETCH(QString, headers);
    QFETCH(QString, subprotocols);
    QFETCH(QString, caFile);
    QFETCH(QString, problemLabel);
    ClientPreferences preferences;
    preferences.url = QStringLiteral("wss://127.0.0.1:8765/");
    preferences.headers = headers;
    preferences.subprotocols = subprotocols;
    preferences.caFile = caFile;
    ClientConnectionDialog dialog(preferences);
    QCOMPARE(dialog.problemText(), QString());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(!field<QLabel>(dialog, problemLabel.toLatin1().constData())->isHidden());
    QVERIFY(!dialog.problemText().isEmpty());
}

void tst_ClientConnectionDialog::connectBuildsTheClientSettings()
{
    QTemporaryDir dir;
    const QString ca = dir.filePath(QStringLiteral("ca.pem"));
    QFile file(ca);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    ClientConnectionDialog dialog({});
    field<QLineEdit>(dialog, "clientUrl")->setText(QStringLiteral("wss://127.0.0.1:9443/chat?room=1"));
    field<QPlainTextEdit>(dialog, "clientHeaders")
            ->setPlainText(QStringLiteral("X-Test: one\n\nAuthorization: Bearer t"));
    field<QLineEdit>(dialog, "clientSubprotocols")->setText(QStringLiteral("chat, superchat"));
    field<QCheckBox>(dialog, "clientDeflate")->setChecked(false);
    field<QLineEdit>(dialog, "clientCaFile")->setText(ca);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const client::ClientSettings settings = dialog.settings();
    QVERIFY(settings.url.secure);
    QCOMPARE(settings.url.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.url.port, quint16(9443));
    QCOMPARE(settings.url.resourceName, QByteArray("/chat?room=1"));
    const QList<std::pair<QByteArray, QByteArray>> headers{{"X-Test", "one"}, {"Authorization", "Bearer t"}};
    QCOMPARE(settings.headers, headers);
    QCOMPARE(settings.subprotocols, (QList<QByteArray>{"chat", "superchat"}));
    QVERIFY(!settings.offerDeflate);
    QCOMPARE(settings.caFile, ca);
    QVERIFY(!settings.insecure);
}

void tst_ClientConnectionDialog::tlsFieldsOnlyForWss()
{
    ClientConnectionDialog dialog({});
    dialog.show();
    auto *url = field<QLineEdit>(dialog, "clientUrl");
    auto *insecure = field<QCheckBox>(dialog, "clientInsecure");
    auto *warning = field<QLabel>(dialog, "clientInsecureWarning");
    url->setText(QStringLiteral("ws://127.0.0.1:8765/"));
    QVERIFY(!insecure->isEnabled());
    QVERIFY(!field<QLineEdit>(dialog, "clientCaFile")->isEnabled());
    url->setText(QStringLiteral("wss://127.0.0.1:8765/"));
    QVERIFY(insecure->isEnabled());
    QVERIFY(!warning->isVisible());
    insecure->setChecked(true);
    QVERIFY(warning->isVisible());
    QVERIFY(!field<QLineEdit>(dialog, "clientCaFile")->isEnabled());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.settings().insecure);
    // "insecure" means nothing without TLS: a ws:// connection never carries it.
    ClientPreferences plain = dialog.preferences();
    plain.url = QStringLiteral("ws://127.0.0.1:8765/");
    QVERIFY(!plain.toClientSettings()->insecure);
}

void tst_ClientConnectionDialog::preferencesRoundTrip()
{
    ClientPreferences preferences;
    preferences.url = QStringLiteral("ws://127.0.0.1:1/x");
    preferences.headers = QStringLiteral("A: b");
    preferences.subprotocols = QStringLiteral("chat");
    preferences.offerDeflate = false;
    const ClientConnectionDialog dialog(preferences);
    QCOMPARE(dialog.preferences(), preferences);
}

QTEST_MAIN(tst_ClientConnectionDialog)
#include "tst_clientconnectiondialog.moc"
