#include "app/mainwindow/welcomedialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using wslab::app::ConnectionMode;
using wslab::app::WelcomeDialog;

// The first-run welcome: its buttons say what they lead to, and each closes it.
class tst_WelcomeDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startTheLessonsAsksForThemAndCloses();
    void linkInTheStepsOpensTheBrowser();
    void stepsFitTheConnectionMode_data();
    void stepsFitTheConnectionMode();
};

void tst_WelcomeDialog::startTheLessonsAsksForThemAndCloses()
{
    WelcomeDialog dialog(QStringLiteral("http://127.0.0.1:8002/"));
    dialog.open();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy lessons(&dialog, &WelcomeDialog::lessonsRequested);
    QSignalSpy browser(&dialog, &WelcomeDialog::openBrowserRequested);
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("startLessons"));
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(lessons.size(), 1);
    QCOMPARE(browser.size(), 0);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
}

void tst_WelcomeDialog::linkInTheStepsOpensTheBrowser()
{
    WelcomeDialog dialog(QStringLiteral("http://127.0.0.1:8002/"));
    QSignalSpy lessons(&dialog, &WelcomeDialog::lessonsRequested);
    QSignalSpy browser(&dialog, &WelcomeDialog::openBrowserRequested);
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    const auto steps = std::find_if(labels.cbegin(), labels.cend(), [](const QLabel *label) {
        return label->text().contains(QLatin1String("http://127.0.0.1:8002/"));
    });
    QVERIFY(steps != labels.cend());
    QVERIFY((*steps)->text().contains(QLatin1String("Lessons")));
    Q_EMIT (*steps)->linkActivated(QStringLiteral("http://127.0.0.1:8002/"));
    QCOMPARE(browser.size(), 1);
    QCOMPARE(lessons.size(), 0);
}

// Started cold in proxy or client mode, the welcome speaks of that mode, not of the chat server.
void tst_WelcomeDialog::stepsFitTheConnectionMode_data()
{
    QTest::addColumn<ConnectionMode>("mode");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<bool>("opensBrowser");
    const QString page = QStringLiteral("http://127.0.0.1:8002/");
    QTest::addRow("embedded server") << ConnectionMode::EmbeddedServer << page << QString()
                                     << QStringList{page, QStringLiteral("chat server")} << true;
    const QString upstream = QStringLiteral("wss://example.test:8443/app");
    QTest::addRow("proxy") << ConnectionMode::Proxy << page << upstream
                           << QStringList{page, upstream, QStringLiteral("through wslab"), QStringLiteral("both ends")}
                           << true;
    const QString server = QStringLiteral("ws://127.0.0.1:9001/chat");
    QTest::addRow("client") << ConnectionMode::Client << QString() << server
                            << QStringList{server, QStringLiteral("Chat pane"), QStringLiteral("Composer")} << false;
}

void tst_WelcomeDialog::stepsFitTheConnectionMode()
{
    QFETCH(ConnectionMode, mode);
    QFETCH(QString, url);
    QFETCH(QString, peer);
    QFETCH(QStringList, contains);
    QFETCH(bool, opensBrowser);
    WelcomeDialog dialog(mode, url, peer);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString steps = dialog.stepsText();
    for (const QString &part : contains)
        QVERIFY2(steps.contains(part), qPrintable(part + QStringLiteral(" not in ") + steps));
    if (mode != ConnectionMode::EmbeddedServer)
        QVERIFY2(!steps.contains(QLatin1String("chat server")), qPrintable(steps));
    QVERIFY(steps.contains(QLatin1String("Lessons")));
    const QList<QPushButton *> buttons = dialog.findChildren<QPushButton *>();
    const bool openShown = std::any_of(buttons.cbegin(), buttons.cend(), [](const QPushButton *button) {
        return button->isVisible() && button->text() == QLatin1String("Open in browser");
    });
    QCOMPARE(openShown, opensBrowser);
}

QTEST_MAIN(tst_WelcomeDialog)
#include "tst_welcomedialog.moc"
