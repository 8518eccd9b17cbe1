// The main window's connection mode: the embedded server, or a transparent proxy to the developer's
// own server. The upstream is a real one this project did not write (Python websockets, serving a
// page and an echo WebSocket, tests/e2e/tools/page_upstream.py); Qt's own QWebSocket is the
// browser. Switching happens at run time, on the port the browser already knows.

#include "app/teststartupoptions.h"
#include "e2e/pythonupstream.h"

#include "app/mainwindow/languagemanager.h"
#include "app/mainwindow/mainwindow.h"
#include "app/mainwindow/modegate.h"
#include "app/mainwindow/proxyhost.h"
#include "app/intercept/interceptpane.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontaskview.h"
#include "app/lessons/lessontracker.h"
#include "app/mainwindow/captureview.h"
#include "app/mainwindow/statuspanel.h"
#include "app/chat/clientlistmodel.h"
#include "app/settings/settingsstore.h"

#include "inspector/explainpanel.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWebSocket>

using namespace wslab;
using namespace wslab::app;
using capture::Direction;
using capture::RecordKind;

namespace {

constexpr int waitMs = 10'000;

} // namespace

class tst_ConnectionMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void proxyModeRelaysAndNamesBothEnds();
    void embeddedServerComesBackOnTheSamePortKeepingLanguageAndWindow();
    void proxyModeIsSavedForTheNextStart();
    void upstreamOnTheCommandLineStartsInProxyModeForThisRunOnly();
    void unusableSavedUpstreamSaysWhyInsteadOfListening();
    void holdInProxyModeNeedsInterceptAndDeliverForwards();
    void lessonTasksAreCheckedByTrafficThroughTheProxy();
    void statusAndExplanationNameBothEndsOfTheProxy();

private:
    [[nodiscard]] StartupOptions options() const;
    [[nodiscard]] AppPreferences proxyPreferences() const;
    void switchToProxy();
    // Sends `text` through the window's port to /ws and waits for the upstream's echo.
    void chatThroughTheProxy(const QString &text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<e2e::PythonUpstream> m_upstream;
    quint16 m_upstreamPort = 0;
    std::unique_ptr<MainWindow> m_window;
};

StartupOptions tst_ConnectionMode::options() const
{
    return test::testStartupOptions(m_dir->filePath(QStringLiteral("wslab.ini")));
}

AppPreferences tst_ConnectionMode::proxyPreferences() const
{
    AppPreferences preferences = m_window->preferences();
    preferences.mode = ConnectionMode::Proxy;
    preferences.proxy.upstreamUrl = QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort);
    return preferences;
}

void tst_ConnectionMode::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_upstream = std::make_unique<e2e::PythonUpstream>();
    m_upstreamPort = m_upstream->waitForPort();
    QVERIFY2(m_upstreamPort != 0, "the Python websockets upstream did not start (scripts/install-deps --test)");
    m_window = std::make_unique<MainWindow>(options());
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0, waitMs);
    QCOMPARE(m_window->connectionMode(), ConnectionMode::EmbeddedServer);
}

void tst_ConnectionMode::cleanup()
{
    m_window.reset();
    m_upstream.reset();
    m_dir.reset();
}

// As Settings' OK does it: the server stops, the proxy starts on the port it had.
void tst_ConnectionMode::switchToProxy()
{
    const quint16 port = m_window->listeningPort();
    m_window->applyPreferences(proxyPreferences());
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Proxy);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->proxyHost()->isRunning() && !m_window->listeningUrl().isEmpty(), waitMs);
    QCOMPARE(m_window->listeningPort(), port);
}

void tst_ConnectionMode::chatThroughTheProxy(const QString &text)
{
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_window->listeningPort())));
    QVERIFY(connected.wait(waitMs));
    socket.sendTextMessage(text);
    QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), waitMs);
    QCOMPARE(received.constFirst().constFirst().toString(), QStringLiteral("echo: ") + text);
    socket.close();
}

void tst_ConnectionMode::proxyModeRelaysAndNamesBothEnds()
{
    switchToProxy();
    const QString upstream = QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort);
    const QString text = QStringLiteral("through wslab \u2713");
    chatThroughTheProxy(text);

    // The live view got the relayed conversation: both directions' text frames, the browser's
    // masked, and the connection named by both of its ends.
    const inspector::FrameCaptureModel *model = m_window->captureModel();
    const auto frameRow = [model](Direction direction) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const capture::CaptureRecord &record = model->record(row);
            if (record.kind == RecordKind::Frame && record.direction == direction
                && record.frame->header.opcode == protocol::Opcode::Text)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(frameRow(Direction::Inbound) >= 0 && frameRow(Direction::Outbound) >= 0, waitMs);
    const capture::CaptureRecord &browserFrame = model->record(frameRow(Direction::Inbound));
    QVERIFY(browserFrame.frame->header.masked);
    QVERIFY(!model->record(frameRow(Direction::Outbound)).frame->header.masked);
    const QString name = model->connectionName(browserFrame.connectionId);
    QVERIFY2(name.contains(QLatin1String("127.0.0.1:")) && name.contains(upstream), qPrintable(name));
    QVERIFY2(!name.startsWith(upstream), qPrintable(name)); // the browser's end first

    // The window says which mode runs, and the panes that only the embedded server can serve rest
    // with a reason.
    QVERIFY2(m_window->modeButton()->text().contains(upstream), qPrintable(m_window->modeButton()->text()));
    QVERIFY2(m_window->modeLabel()->text().contains(upstream), qPrintable(m_window->modeLabel()->text()));
    for (ModeGate *gate : m_window->modeGates()) {
        QVERIFY(gate->isClosed());
        QVERIFY(!gate->content()->isEnabled());
        QVERIFY(!gate->reason().isEmpty());
    }
    QVERIFY(!m_window->findChild<QToolButton *>(QStringLiteral("handshakeLab"))->isEnabled());
    // Open in Browser opens the proxy's address: the upstream's page through wslab.
    QCOMPARE(m_window->listeningUrl(), QStringLiteral("http://127.0.0.1:%1/").arg(m_window->listeningPort()));
}

void tst_ConnectionMode::embeddedServerComesBackOnTheSamePortKeepingLanguageAndWindow()
{
    m_window->resize(1366, 768); // a laptop's screen: everything fits, nothing is squeezed
    m_window->setLanguage(QStringLiteral("zh_CN"));
    QTest::qWait(50); // the docks take their sizes
    // Where each pane is, whether it shows, and how wide the right-hand column is.
    const auto layout = [this] {
        QStringList panes;
        for (QDockWidget *dock : m_window->docks())
            panes << QStringLiteral("%1 %2 %3").arg(dock->objectName()).arg(int(m_window->dockWidgetArea(dock))).arg(dock->isVisible());
        return panes << QString::number(m_window->chatDock()->width());
    };
    const QStringList state = layout();
    const QRect geometry = m_window->geometry();
    switchToProxy();
    chatThroughTheProxy(QStringLiteral("before going back"));
    const quint16 port = m_window->listeningPort();

    auto *embedded = m_window->findChild<QAction *>(QStringLiteral("embeddedMode"));
    QVERIFY(embedded);
    embedded->trigger();
    QCOMPARE(m_window->connectionMode(), ConnectionMode::EmbeddedServer);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->listeningUrl().isEmpty(), waitMs);
    QCOMPARE(m_window->listeningPort(), port);
    QVERIFY(!m_window->proxyHost()->isRunning());
    QCOMPARE(m_window->captureModel()->rowCount(), 0); // the relayed rows went with their source

    // The chat server answers again, and its clients are listed.
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket").arg(port)));
    QVERIFY(connected.wait(waitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->clientModel()->rowCount(), 1, waitMs);
    for (ModeGate *gate : m_window->modeGates())
        QVERIFY(!gate->isClosed() && gate->content()->isEnabled());
    QVERIFY(m_window->findChild<QToolButton *>(QStringLiteral("handshakeLab"))->isEnabled());

    QCOMPARE(m_window->languageManager()->current(), QStringLiteral("zh_CN"));
    QCOMPARE(layout(), state);
    QCOMPARE(m_window->geometry(), geometry);
}

void tst_ConnectionMode::proxyModeIsSavedForTheNextStart()
{
    switchToProxy();
    m_window.reset();
    const AppPreferences saved = SettingsStore(m_dir->filePath(QStringLiteral("wslab.ini"))).load();
    QCOMPARE(saved.mode, ConnectionMode::Proxy);
    QCOMPARE(saved.proxy.upstreamUrl, QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort));

    m_window = std::make_unique<MainWindow>(options());
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Proxy);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->proxyHost()->isRunning() && m_window->listeningPort() != 0, waitMs);
    chatThroughTheProxy(QStringLiteral("after a restart"));
}

// wslab --upstream URL (no --headless): the app opens in proxy mode; the saved mode is untouched.
void tst_ConnectionMode::upstreamOnTheCommandLineStartsInProxyModeForThisRunOnly()
{
    m_window.reset();
    StartupOptions startup = options();
    ProxyPreferences proxy;
    proxy.upstreamUrl = QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort);
    startup.proxy = proxy;
    m_window = std::make_unique<MainWindow>(startup);
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Proxy);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->proxyHost()->isRunning() && m_window->listeningPort() != 0, waitMs);
    chatThroughTheProxy(QStringLiteral("from the command line"));
    QCOMPARE(SettingsStore(m_dir->filePath(QStringLiteral("wslab.ini"))).load().mode, ConnectionMode::EmbeddedServer);
}

void tst_ConnectionMode::unusableSavedUpstreamSaysWhyInsteadOfListening()
{
    AppPreferences preferences = m_window->preferences();
    preferences.mode = ConnectionMode::Proxy;
    preferences.proxy.upstreamUrl = QStringLiteral("http://127.0.0.1:1");
    {
        SettingsStore store(m_dir->filePath(QStringLiteral("wslab.ini")));
        store.save(preferences);
        store.sync();
    }
    m_window.reset();
    m_window = std::make_unique<MainWindow>(options());
    m_window->show();
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Proxy);
    QVERIFY(!m_window->proxyHost()->isRunning());
    QVERIFY(m_window->listeningUrl().isEmpty());
    auto *notice = m_window->findChild<QWidget *>(QStringLiteral("notice"));
    QVERIFY(notice && notice->isVisible());
    bool saysWhy = false;
    for (const QLabel *label : notice->findChildren<QLabel *>())
        saysWhy = saysWhy || label->text().contains(QLatin1String("ws:// or wss://"));
    QVERIFY(saysWhy);
}

// Proxy mode's Hold and Deliver act on the intercept: refused (with the pane's offer) while the
// proxy runs without it; once turned on there, held browser frames wait and Deliver Next forwards.
void tst_ConnectionMode::holdInProxyModeNeedsInterceptAndDeliverForwards()
{
    switchToProxy();
    auto *hold = m_window->findChild<QAction *>(QStringLiteral("holdIncoming"));
    QVERIFY(hold && hold->isEnabled());
    hold->setChecked(true);
    QVERIFY(!hold->isChecked());
    InterceptPane *pane = m_window->interceptPane();
    QVERIFY(!pane->enableButton()->isHidden());
    // The pane's box says what the toolbar's button says: nothing is held.
    auto *holdBox = pane->findChild<QCheckBox *>(QStringLiteral("holdFromBrowserBox"));
    QVERIFY(holdBox);
    QVERIFY(!holdBox->isChecked());

    pane->enableButton()->click(); // the proxy restarts with intercept, saved for the next start
    QTRY_VERIFY_WITH_TIMEOUT(m_window->proxyHost()->canIntercept() && !m_window->listeningUrl().isEmpty(), waitMs);
    QVERIFY(m_window->preferences().proxy.intercept);
    hold->setChecked(true);
    QVERIFY(hold->isChecked());

    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_window->listeningPort())));
    QVERIFY(connected.wait(waitMs));
    socket.sendTextMessage(QStringLiteral("held"));
    QTRY_COMPARE_WITH_TIMEOUT(pane->heldCount(), 1, waitMs);
    QVERIFY(received.isEmpty());
    auto *deliverNext = m_window->findChild<QAction *>(QStringLiteral("deliverNext"));
    QVERIFY(deliverNext && deliverNext->isEnabled());
    deliverNext->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, waitMs);
    QCOMPARE(received.constFirst().constFirst().toString(), QStringLiteral("echo: held"));
    QCOMPARE(pane->heldCount(), 0);
    socket.close();
}

// A learner proxying their own app gets their tasks checked: the browser's upgrade and masked
// frame through wslab to the Python websockets upstream, and the upstream's unmasked answer, tick
// the tasks the chat page would.
void tst_ConnectionMode::lessonTasksAreCheckedByTrafficThroughTheProxy()
{
    switchToProxy();
    LessonTracker *lessons = m_window->lessonTracker();
    QCOMPARE(lessons->connectionMode(), ConnectionMode::Proxy);
    const QStringList tasks{QStringLiteral("handshake.opened"), QStringLiteral("header.frame"),
                            QStringLiteral("length.7"), QStringLiteral("server.frame")};
    for (const QString &task : tasks)
        QVERIFY2(!lessons->isDone(task), qPrintable(task));
    chatThroughTheProxy(QStringLiteral("a lesson through the proxy"));
    for (const QString &task : tasks)
        QTRY_VERIFY2_WITH_TIMEOUT(lessons->isDone(task), qPrintable(task), waitMs);
    QVERIFY(!lessons->isDone(QStringLiteral("transports.polling"))); // the chat page's own transport

    LessonsPane *pane = m_window->lessonsPane();
    pane->setCurrentLesson(0); // the transports: polling needs the embedded server's page
    for (LessonTaskView *view : pane->taskViews()) {
        const QString note = view->findChild<QLabel *>(QStringLiteral("modeNote"))->text();
        const bool pageOnly = view->taskId() != QLatin1String("transports.websocket");
        QVERIFY2(note.contains(QLatin1String(pageOnly ? "Needs the embedded server" : "your own app")), qPrintable(note));
    }
}

void tst_ConnectionMode::statusAndExplanationNameBothEndsOfTheProxy()
{
    switchToProxy();
    const QString upstream = QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort);
    StatusPanel *status = m_window->statusPanel();
    QVERIFY2(status->addressText().contains(m_window->listeningUrl()) && status->addressText().contains(upstream),
             qPrintable(status->addressText()));
    QVERIFY(!status->addressText().contains(QLatin1String("⚠"))); // ws://: nothing to check
    chatThroughTheProxy(QStringLiteral("who is who"));
    const inspector::FrameCaptureModel *model = m_window->captureModel();
    const auto textFrame = [model](Direction direction) -> quint64 {
        for (int row = 0; row < model->rowCount(); ++row) {
            const capture::CaptureRecord &record = model->record(row);
            if (record.kind == RecordKind::Frame && record.direction == direction
                && record.frame->header.opcode == protocol::Opcode::Text)
                return record.id;
        }
        return 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(textFrame(Direction::Inbound) != 0 && textFrame(Direction::Outbound) != 0, waitMs);
    const inspector::ExplainPanel *explain = m_window->detailPane()->explainPanel();
    m_window->captureView()->selectRecord(textFrame(Direction::Inbound));
    QVERIFY2(explain->plainText().contains(QLatin1String("sent by the browser (wslab relays it to the upstream)")),
             qPrintable(explain->plainText()));
    m_window->captureView()->selectRecord(textFrame(Direction::Outbound));
    QVERIFY2(explain->plainText().contains(QLatin1String("sent by the upstream server")), qPrintable(explain->plainText()));
}

QTEST_MAIN(tst_ConnectionMode)
#include "tst_connectionmode.moc"
