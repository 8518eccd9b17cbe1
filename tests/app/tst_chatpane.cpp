#include "app/chat/chatpane.h"
#include "app/chat/clientlistmodel.h"
#include "app/onestringtranslator.h"

#include <QComboBox>

#include <QLineEdit>
#include <QTabWidget>
#include <QTest>

using namespace wslab::app;

// The chat pane's layout as a learner meets it in the right-hand column.
class tst_ChatPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchingToolTabsKeepsTheMessageLineStill_data();
    void switchingToolTabsKeepsTheMessageLineStill();
    void closeCodeNamesAreTranslated();
};

void tst_ChatPane::switchingToolTabsKeepsTheMessageLineStill_data()
{
    QTest::addColumn<int>("width");
    QTest::addRow("1366x768 column") << 400;
    QTest::addRow("1920x1080 column") << 570;
}

void tst_ChatPane::switchingToolTabsKeepsTheMessageLineStill()
{
    QFETCH(int, width);
    ClientListModel clients;
    ChatPane pane(&clients);
    pane.resize(width, 640);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *tools = pane.findChild<QTabWidget *>();
    const auto *line = pane.findChild<QLineEdit *>(QStringLiteral("messageLine"));
    QVERIFY(tools && line);
    QCOMPARE(tools->count(), 4); // Binary, Large, Ping, Close
    tools->setCurrentIndex(0);
    QTRY_VERIFY(line->isVisible());
    const int lineTop = line->mapTo(&pane, QPoint()).y();
    for (int tab = 1; tab < tools->count(); ++tab) {
        tools->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        QCOMPARE(line->mapTo(&pane, QPoint()).y(), lineTop);
        // Nothing in the tab is cut off at the pane's width.
        const QWidget *page = tools->currentWidget();
        QVERIFY2(page->width() >= page->minimumSizeHint().width(), qPrintable(tools->tabText(tab)));
    }
    QVERIFY(pane.minimumSizeHint().width() <= width);
}

void tst_ChatPane::closeCodeNamesAreTranslated()
{
    ClientListModel clients;
    ChatPane pane(&clients);
    const auto *codes = pane.findChild<QComboBox *>(QStringLiteral("closeCode"));
    QVERIFY(codes);
    const int goingAway = codes->findData(1001);
    QVERIFY(goingAway >= 0);
    QCOMPARE(codes->itemText(goingAway), QStringLiteral("1001 Going Away"));

    // The context the protocol layer marks the names with (QT_TRANSLATE_NOOP in closecode.cpp).
    OneStringTranslator translator("wslab::protocol::CloseCode", "Going Away", QStringLiteral("离开"));
    QVERIFY(QCoreApplication::installTranslator(&translator)); // posts LanguageChange
    QTRY_COMPARE(codes->itemText(codes->findData(1001)), QStringLiteral("1001 离开"));
    QCOMPARE(codes->itemText(codes->findData(1000)), QStringLiteral("1000 Normal Closure"));
    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QTRY_COMPARE(codes->itemText(codes->findData(1001)), QStringLiteral("1001 Going Away"));
}

QTEST_MAIN(tst_ChatPane)
#include "tst_chatpane.moc"
