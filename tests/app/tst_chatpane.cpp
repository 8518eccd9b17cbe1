#include "app/chat/chatpane.h"
#include "app/chat/clientlistmodel.h"
#include "app/onestringtranslator.h"

#include <QComboBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QUrl>

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
    void longLinesAreShortenedWithTheWholeTextKept();
    void lineToOneClientIsSentAsChat();
    void enterSendsNothingWithoutAConnection();
    void pollingDeparturesHaveNoCloseCode_data();
    void pollingDeparturesHaveNoCloseCode();
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

// Regression: the log printed a 1 MiB line whole.
void tst_ChatPane::longLinesAreShortenedWithTheWholeTextKept()
{
    ClientListModel clients;
    ChatPane pane(&clients);
    wslab::server::ChatEntry entry;
    entry.from = QStringLiteral("ann");
    entry.text = QString(1024 * 1024, QLatin1Char('x')) + QStringLiteral("END");
    pane.addChatEntry(entry);
    const QString log = pane.conversationText();
    QVERIFY2(log.size() < ChatPane::previewChars + 200, qPrintable(QString::number(log.size())));
    QVERIFY(log.contains(QStringLiteral("Show all (1.0 MiB)")));
    QVERIFY(!log.contains(QStringLiteral("END")));
    // The link opens the whole text.
    auto *conversation = pane.findChild<QTextBrowser *>(QStringLiteral("conversation"));
    QVERIFY(conversation);
    QVERIFY(conversation->toHtml().contains(QStringLiteral("longtext:")));
    Q_EMIT conversation->anchorClicked(QUrl(QStringLiteral("longtext:1")));
    auto *whole = pane.findChild<QPlainTextEdit *>();
    QVERIFY(whole);
    QCOMPARE(whole->toPlainText(), entry.text);
    // A short line stays whole, with no link.
    entry.text = QStringLiteral("short and sweet");
    pane.addChatEntry(entry);
    QVERIFY(pane.conversationText().endsWith(QStringLiteral("ann: short and sweet")));
}

// Regression: a line to one client, or in fragments, went out as a bare text frame.
void tst_ChatPane::lineToOneClientIsSentAsChat()
{
    ClientListModel clients;
    wslab::server::ClientInfo ann;
    ann.connectionId = 7;
    ann.nick = QStringLiteral("ann");
    clients.addOrUpdate(ann);
    ChatPane pane(&clients);
    QSignalSpy chat(&pane, &ChatPane::chatMessageRequested);
    QSignalSpy room(&pane, &ChatPane::postChatRequested);
    QSignalSpy raw(&pane, &ChatPane::sendMessageRequested);
    pane.setTarget(7);
    pane.sendText(QStringLiteral("psst"));
    QCOMPARE(chat.size(), 1);
    QCOMPARE(chat.at(0).at(0).toULongLong(), 7u);
    QCOMPARE(chat.at(0).at(1).toString(), QStringLiteral("psst"));
    QCOMPARE(raw.size(), 0);
    QVERIFY2(pane.conversationText().contains(QStringLiteral("Desk (to #7 ann, privately): psst")),
             qPrintable(pane.conversationText()));
    pane.setTarget(ChatPane::everyone);
    pane.sendText(QStringLiteral("to all"));
    QCOMPARE(room.size(), 1);
    QCOMPARE(chat.size(), 1);
}

// Client mode before the connection opens, or after it ended: the buttons are off, and Enter in
// their fields must not send either (nor claim in the log that it did).
void tst_ChatPane::enterSendsNothingWithoutAConnection()
{
    ClientListModel clients;
    ChatPane pane(&clients);
    pane.setClientMode(true);
    pane.setClientOpen(false, QStringLiteral("ws://127.0.0.1:8765/"));
    QSignalSpy messages(&pane, &ChatPane::clientMessageRequested);
    QSignalSpy pings(&pane, &ChatPane::clientPingRequested);
    const QString before = pane.conversationText();
    for (const char *name : {"messageLine", "hexPayload", "pingPayload"}) {
        auto *field = pane.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY(field);
        field->setText(QStringLiteral("de ad"));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(field->text(), QStringLiteral("de ad"));
    }
    QCOMPARE(messages.size(), 0);
    QCOMPARE(pings.size(), 0);
    QCOMPARE(pane.conversationText(), before);

    pane.setClientOpen(true, QStringLiteral("ws://127.0.0.1:8765/"));
    auto *line = pane.findChild<QLineEdit *>(QStringLiteral("messageLine"));
    QTest::keyClick(line, Qt::Key_Return);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).at(1).toByteArray(), QByteArray("de ad"));
    QVERIFY(line->text().isEmpty());
    QTest::keyClick(pane.findChild<QLineEdit *>(QStringLiteral("hexPayload")), Qt::Key_Return);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(1).at(1).toByteArray(), QByteArray::fromHex("dead"));
    QTest::keyClick(pane.findChild<QLineEdit *>(QStringLiteral("pingPayload")), Qt::Key_Return);
    QCOMPARE(pings.size(), 1);
}

void tst_ChatPane::pollingDeparturesHaveNoCloseCode_data()
{
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<QString>("line");
    QTest::addRow("said goodbye") << false << QStringLiteral("demo-long-2 (long polling) stopped polling and said goodbye");
    QTest::addRow("went silent") << true << QStringLiteral("demo-long-2 (long polling) timed out: no request for 40 s");
}

// Regression: "#281474976710658 demo-long-2 disconnected: 1001 Going Away" for an HTTP client.
void tst_ChatPane::pollingDeparturesHaveNoCloseCode()
{
    QFETCH(bool, timedOut);
    QFETCH(QString, line);
    ClientListModel clients;
    wslab::server::ClientInfo poller;
    poller.connectionId = 281474976710658ull;
    poller.nick = QStringLiteral("demo-long-2");
    poller.transport = wslab::capture::Transport::LongPolling;
    clients.addOrUpdate(poller);
    ChatPane pane(&clients);
    pane.onPollingClientLeft(poller.connectionId, timedOut, 40'500);
    const QString log = pane.conversationText();
    QVERIFY2(log.contains(line), qPrintable(log));
    QVERIFY(!log.contains(QStringLiteral("1001")));
    QVERIFY(!log.contains(QStringLiteral("281474976710658")));
}

QTEST_MAIN(tst_ChatPane)
#include "tst_chatpane.moc"
