#include "app/mainwindow/welcomedialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using wslab::app::WelcomeDialog;

// The first-run welcome: its buttons say what they lead to, and each closes it.
class tst_WelcomeDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startTheLessonsAsksForThemAndCloses();
    void linkInTheStepsOpensTheBrowser();
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

QTEST_MAIN(tst_WelcomeDialog)
#include "tst_welcomedialog.moc"
