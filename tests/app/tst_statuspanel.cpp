#include "app/mainwindow/statuspanel.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using wslab::app::StatusPanel;
using ClientState = StatusPanel::ClientState;

// The status bar's address says what is true in each connection mode: where the embedded server
// listens; where the proxy listens and which upstream it relays to (with a warning when the
// upstream's certificate is not checked); which server the client connects to and how that stands.
class tst_StatusPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addressSaysWhatIsTrueInEachMode_data();
    void addressSaysWhatIsTrueInEachMode();
    void clientModeCopiesTheServersAddressAndHidesTheClientCount();
    void failureToListenSaysNotListeningWithTheReason();
};

void tst_StatusPanel::addressSaysWhatIsTrueInEachMode_data()
{
    QTest::addColumn<std::function<void(StatusPanel &)>>("apply");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("lacks");
    const QString page = QStringLiteral("http://127.0.0.1:8002/");
    const QString upstream = QStringLiteral("wss://example.test:8443/app");
    const QString server = QStringLiteral("ws://127.0.0.1:9001/chat");
    QTest::addRow("embedded server") << std::function([page](StatusPanel &p) { p.setListening(page); })
                                     << QStringList{page} << QStringList{QStringLiteral("Not listening"), QStringLiteral("→")};
    QTest::addRow("proxy") << std::function([=](StatusPanel &p) { p.setProxying(page, upstream, false); })
                           << QStringList{page, QStringLiteral("→"), upstream} << QStringList{QStringLiteral("⚠")};
    QTest::addRow("proxy, insecure") << std::function([=](StatusPanel &p) { p.setProxying(page, upstream, true); })
                                     << QStringList{QStringLiteral("⚠"), page, upstream} << QStringList{};
    QTest::addRow("client connecting")
            << std::function([=](StatusPanel &p) { p.setClient(ClientState::Connecting, server); })
            << QStringList{QStringLiteral("Connecting to"), server} << QStringList{QStringLiteral("Not listening")};
    QTest::addRow("client connected")
            << std::function([=](StatusPanel &p) { p.setClient(ClientState::Connected, server); })
            << QStringList{QStringLiteral("Connected to"), server} << QStringList{QStringLiteral("Not listening")};
    QTest::addRow("client closed 4000")
            << std::function([=](StatusPanel &p) { p.setClient(ClientState::Closed, server, quint16(4000)); })
            << QStringList{QStringLiteral("Closed"), QStringLiteral("4000"), server}
            << QStringList{QStringLiteral("Connected")};
    QTest::addRow("client closed, no code")
            << std::function([=](StatusPanel &p) { p.setClient(ClientState::Closed, server); })
            << QStringList{QStringLiteral("without a close code"), server} << QStringList{QStringLiteral("Connected")};
}

void tst_StatusPanel::addressSaysWhatIsTrueInEachMode()
{
    QFETCH(std::function<void(StatusPanel &)>, apply);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, lacks);
    StatusPanel panel;
    panel.setNotListening(QStringLiteral("the previous mode's reason")); // what the mode replaces
    apply(panel);
    auto *button = panel.findChild<QToolButton *>(QStringLiteral("listeningUrl"));
    QVERIFY(button);
    QCOMPARE(button->text(), panel.addressText());
    QVERIFY(button->isEnabled());
    for (const QString &part : contains)
        QVERIFY2(panel.addressText().contains(part), qPrintable(panel.addressText() + QStringLiteral(" lacks ") + part));
    for (const QString &part : lacks)
        QVERIFY2(!panel.addressText().contains(part), qPrintable(panel.addressText() + QStringLiteral(" has ") + part));
}

void tst_StatusPanel::clientModeCopiesTheServersAddressAndHidesTheClientCount()
{
    StatusPanel panel;
    panel.setListening(QStringLiteral("http://127.0.0.1:8002/"));
    panel.show();
    auto *clients = panel.findChild<QLabel *>(QStringLiteral("clientsCount"));
    QVERIFY(clients->isVisible());
    const QString server = QStringLiteral("ws://127.0.0.1:9001/chat");
    panel.setClient(ClientState::Connected, server);
    QVERIFY(!clients->isVisible()); // one connection: its state says it all
    QSignalSpy copied(&panel, &StatusPanel::urlCopied);
    QTest::mouseClick(panel.findChild<QToolButton *>(QStringLiteral("listeningUrl")), Qt::LeftButton);
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.constFirst().constFirst().toString(), server);
    panel.setListening(QStringLiteral("http://127.0.0.1:8002/"));
    QVERIFY(clients->isVisible());
}

void tst_StatusPanel::failureToListenSaysNotListeningWithTheReason()
{
    StatusPanel panel;
    panel.setProxying(QStringLiteral("http://127.0.0.1:8002/"), QStringLiteral("ws://127.0.0.1:3000"), true);
    panel.setNotListening(QStringLiteral("The bound address is already in use"));
    auto *button = panel.findChild<QToolButton *>(QStringLiteral("listeningUrl"));
    QCOMPARE(button->text(), QStringLiteral("Not listening"));
    QCOMPARE(button->toolTip(), QStringLiteral("The bound address is already in use"));
    QVERIFY(!button->isEnabled());
    QVERIFY(panel.url().isEmpty());
}

QTEST_MAIN(tst_StatusPanel)
#include "tst_statuspanel.moc"
