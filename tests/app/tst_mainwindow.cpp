#include "app/chat/chatpane.h"
#include "app/chat/clientlistmodel.h"
#include "app/composer/composerpresets.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontaskview.h"
#include "app/mainwindow/languagemanager.h"
#include "app/mainwindow/mainwindow.h"
#include "app/darkpalette.h"
#include "app/settings/settingsdialog.h"
#include "app/mainwindow/statuspanel.h"

#include "inspector/bitdiagramview.h"
#include "inspector/capturefilterproxy.h"
#include "inspector/explainpanel.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QCheckBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkRequest>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

using namespace wslab::app;

namespace {

// A widget named for a failure message: its object name or class, and where it sits.
QString describe(const QWidget *widget)
{
    QStringList path;
    for (const QWidget *w = widget; w && path.size() < 4; w = w->parentWidget())
        path.prepend(w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName());
    return path.join(QLatin1Char('/'));
}

} // namespace

// The main window as a learner uses it: the server starts on an ephemeral port, a WebSocket client
// (Qt's own, an independent implementation) connects, and the chat pane talks to it.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void startsListeningOnEphemeralPort();
    void connectedClientAppearsInClientList();
    void chatMessageReachesClient();
    void messageToOneClientIsPrivateChatFromTheDesk();
    void pingShowsRoundTrip();
    void closeWithCodeReachesClient();
    void switchingLanguageRetranslates();
    void resetLayoutShowsEveryDock();
    void emptyTableSaysWhatToDo();
    void defaultLayoutFitsASmallLaptop();
    void toolbarButtonsCarryNoMnemonics();
    void settingsShowTheRunningPort();
    void busyPortIsLeftAtOnceKeepingLanguageAndWelcome_data();
    void busyPortIsLeftAtOnceKeepingLanguageAndWelcome();
    void compressionSwitchAppliesToNewConnections();
    void maskedServerFrameFromTheComposerIsAnError();
    void toolbarIconsShowOnADarkPalette();
    void commandLineOptionsOutliveASettingsEdit();
    void longCapturesKeepTheirNumbersWhole();
    void quittingWithClientsAsksFirst();
    void switchingLanguageRetranslatesTheFramePane();
    void noShortcutTakesTheMenuBarKey();
    void smallScreenShowsEveryColumnAndTool();
    void lessonsBesideChatAreTickedByTheCaptureAndTheFramePane();
    void everyTabStopShowsTheFocus_data();
    void everyTabStopShowsTheFocus();

private:
    [[nodiscard]] StartupOptions testOptions(const QString &settingsFile) const;
    // Connects a client and waits until the window lists it; sets its connection id.
    void connectClient(QWebSocket &socket, quint64 *id);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

StartupOptions tst_MainWindow::testOptions(const QString &settingsFile) const
{
    StartupOptions options;
    options.settingsPath = m_dir->filePath(settingsFile);
    options.port = 0;
    options.bindAddress = QStringLiteral("127.0.0.1");
    options.language = QStringLiteral("en");
    options.welcomeAllowed = false;
    return options;
}

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>(testOptions(QStringLiteral("wslab.ini")));
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0, 10'000);
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void tst_MainWindow::connectClient(QWebSocket &socket, quint64 *id)
{
    const int before = m_window->clientModel()->rowCount();
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket").arg(m_window->listeningPort())));
    QVERIFY(connected.wait(10'000));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->clientModel()->rowCount(), before + 1, 10'000);
    *id = m_window->clientModel()->client(before).connectionId;
    QVERIFY(*id != 0);
}

void tst_MainWindow::startsListeningOnEphemeralPort()
{
    QVERIFY(m_window->listeningPort() != 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(m_window->listeningPort());
    QCOMPARE(m_window->listeningUrl(), url);
    QCOMPARE(m_window->statusPanel()->url(), url);
}

void tst_MainWindow::connectedClientAppearsInClientList()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    const ClientListModel *clients = m_window->clientModel();
    const int row = clients->rowForId(id);
    QVERIFY(row >= 0);
    QCOMPARE(clients->client(row).transport, wslab::capture::Transport::WebSocket);
    QVERIFY(clients->data(clients->index(row, ClientListModel::AddressColumn)).toString().startsWith("127.0.0.1:"));
    QCOMPARE(m_window->statusPanel()->clientsText(), QStringLiteral("1 client"));

    socket.sendTextMessage(QStringLiteral("/nick alice"));
    QTRY_COMPARE_WITH_TIMEOUT(clients->nick(id), QStringLiteral("alice"), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->chatPane()->conversationText().contains("alice"), 10'000);
}

void tst_MainWindow::chatMessageReachesClient()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);

    m_window->chatPane()->setTarget(ChatPane::everyone);
    m_window->chatPane()->sendText(QStringLiteral("hello from the desk"));

    // Through the chat room: a "message" object among whatever else arrives (welcome, join).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [](const QList<QVariant> &args) {
                                 const QString text = args.first().toString();
                                 return text.contains("\"type\":\"message\"") && text.contains("hello from the desk");
                             }),
                             10'000);
}

// Regression: a Chat-pane line to one client went out as a bare text frame, which the page showed
// as "Raw text frame" with no sender.
void tst_MainWindow::messageToOneClientIsPrivateChatFromTheDesk()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);

    m_window->chatPane()->setTarget(id);
    QCOMPARE(m_window->chatPane()->target(), id);
    m_window->chatPane()->sendText(QStringLiteral("just for you"));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [](const QList<QVariant> &args) {
                                 const QJsonObject line = QJsonDocument::fromJson(args.first().toString().toUtf8()).object();
                                 return line.value("type").toString() == QLatin1String("message")
                                         && line.value("from").toString() == QLatin1String("Desk")
                                         && line.value("text").toString() == QLatin1String("just for you")
                                         && line.value("private").toBool();
                             }),
                             10'000);
    QVERIFY(m_window->chatPane()->conversationText().contains(QStringLiteral("just for you")));
}

void tst_MainWindow::pingShowsRoundTrip()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_window->chatPane()->lastRoundTripText().isEmpty());

    m_window->chatPane()->setTarget(id);
    m_window->chatPane()->sendPing(QByteArrayLiteral("rtt?"));
    // QWebSocket answers the ping by itself (RFC 6455 §5.5.2); the pane shows the round trip.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->chatPane()->lastRoundTripText().isEmpty(), 10'000);
    QVERIFY(m_window->chatPane()->lastRoundTripText().contains(QLatin1String(" ms")));
    QVERIFY(m_window->chatPane()->lastRoundTripText().contains(QLatin1String("rtt?")));
}

void tst_MainWindow::closeWithCodeReachesClient()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);

    m_window->chatPane()->setTarget(id);
    m_window->chatPane()->closeTarget(4000, QStringLiteral("lesson over"));
    QVERIFY(disconnected.wait(10'000));
    QCOMPARE(int(socket.closeCode()), 4000);
    QCOMPARE(socket.closeReason(), QStringLiteral("lesson over"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->clientModel()->rowForId(id), -1, 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->chatPane()->conversationText().contains("4000"), 10'000);
}

void tst_MainWindow::switchingLanguageRetranslates()
{
    QMenu *fileMenu = m_window->menuBar()->actions().first()->menu();
    QVERIFY(fileMenu);
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));
    QCOMPARE(m_window->chatDock()->windowTitle(), QStringLiteral("Chat"));

    m_window->setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(m_window->languageManager()->current(), QStringLiteral("zh_CN"));
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("文件(&F)"));
    QCOMPARE(m_window->chatDock()->windowTitle(), QStringLiteral("聊天"));
    QCOMPARE(m_window->preferences().language, QStringLiteral("zh_CN"));

    m_window->setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
    QCOMPARE(m_window->chatDock()->windowTitle(), QStringLiteral("Chat"));
}

void tst_MainWindow::resetLayoutShowsEveryDock()
{
    for (QDockWidget *dock : m_window->docks())
        dock->hide();
    m_window->resetLayout();
    for (QDockWidget *dock : m_window->docks()) {
        QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));
        QVERIFY(!dock->isFloating());
    }
    QCOMPARE(m_window->dockWidgetArea(m_window->chatDock()), Qt::RightDockWidgetArea);
    QCOMPARE(m_window->dockWidgetArea(m_window->detailDock()), Qt::BottomDockWidgetArea);
}

void tst_MainWindow::emptyTableSaysWhatToDo()
{
    const auto *hint = m_window->findChild<QLabel *>(QStringLiteral("emptyHint"));
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(m_window->listeningUrl()), qPrintable(hint->text()));

    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(m_window->framesTable()->model()->rowCount() > 0, 10'000);
    QVERIFY(!hint->isVisible());
}

void tst_MainWindow::defaultLayoutFitsASmallLaptop()
{
    m_window->resize(1366, 768);
    QTRY_COMPARE(m_window->size(), QSize(1366, 768));
    m_window->resetLayout();
    QCoreApplication::processEvents();
    // The frame pane gets all it needs without scrolling its dock...
    const QWidget *detail = m_window->detailPane();
    QTRY_VERIFY2(detail->height() >= detail->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 < %2").arg(detail->height()).arg(detail->minimumSizeHint().height())));
    QVERIFY(detail->height() >= 24 * detail->fontMetrics().height());
    // ...and the table still shows a useful number of rows.
    const QTableView *table = m_window->framesTable();
    QVERIFY2(table->viewport()->height() >= 7 * table->verticalHeader()->defaultSectionSize(),
             qPrintable(QString::number(table->viewport()->height())));
}

void tst_MainWindow::toolbarButtonsCarryNoMnemonics()
{
    m_window->setLanguage(QStringLiteral("zh_CN"));
    const auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    int buttons = 0;
    for (QAction *action : toolBar->actions()) {
        const auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action));
        if (!button || action->text().isEmpty())
            continue;
        ++buttons;
        // "暂停捕获(&P)" in the menu, "暂停捕获" on the button.
        QVERIFY2(!button->text().contains(QLatin1Char('(')) && !button->text().contains(QLatin1Char('&')),
                 qPrintable(button->text()));
    }
    QVERIFY(buttons >= 5);
    m_window->setLanguage(QStringLiteral("en"));
}

void tst_MainWindow::settingsShowTheRunningPort()
{
    // Started with port 0 (any free port) over a fresh configuration, which saves the default port.
    const quint16 saved = AppPreferences().server.port;
    const quint16 running = m_window->listeningPort();
    QCOMPARE(m_window->preferences().server.port, saved);
    QVERIFY(running != 0 && running != saved);
    int shown = -1;
    bool noteShown = false;
    // Runs inside the dialog's own event loop; whatever it finds, it closes the dialog.
    QTimer::singleShot(0, m_window.get(), [&] {
        auto *dialog = m_window->findChild<SettingsDialog *>();
        if (!dialog) {
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
            return;
        }
        if (const auto *port = dialog->findChild<QSpinBox *>(QStringLiteral("port")))
            shown = port->value();
        if (const auto *note = dialog->findChild<QLabel *>(QStringLiteral("portNote")))
            noteShown = note->isVisible() && note->text().contains(QString::number(running));
        dialog->reject();
    });
    m_window->showSettings();
    QCOMPARE(shown, int(running));
    QVERIFY(noteShown);
    // Cancel changed nothing: the saved port stays, the server stays where it is.
    QCOMPARE(m_window->preferences().server.port, saved);
    QCOMPARE(m_window->listeningPort(), running);
}

void tst_MainWindow::busyPortIsLeftAtOnceKeepingLanguageAndWelcome_data()
{
    QTest::addColumn<bool>("fromSettings"); // else the notice's "Use port N+1"
    QTest::addRow("notice button") << false;
    QTest::addRow("settings") << true;
}

// Started in Chinese on a port another program holds: the way out (the notice's button, or another
// port in Settings) listens at once, and touches neither the language nor the welcome's flag.
void tst_MainWindow::busyPortIsLeftAtOnceKeepingLanguageAndWelcome()
{
    QFETCH(bool, fromSettings);
    m_window.reset();
    QTcpServer other; // the other program
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    StartupOptions options = testOptions(QStringLiteral("busy.ini"));
    options.port = other.serverPort();
    options.language = QStringLiteral("zh_CN");
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    auto *usePort = m_window->findChild<QPushButton *>(QStringLiteral("useSuggestedPort"));
    auto *openInBrowser = m_window->findChild<QAction *>(QStringLiteral("openInBrowser"));
    QVERIFY(usePort && openInBrowser);
    QTRY_VERIFY_WITH_TIMEOUT(usePort->isVisible(), 10'000);
    QCOMPARE(m_window->listeningPort(), quint16(0));
    QVERIFY(!openInBrowser->isEnabled());

    if (fromSettings) {
        AppPreferences edited = m_window->preferences();
        edited.server.port = 0; // any free port
        m_window->applyPreferences(edited);
    } else {
        usePort->click();
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0, 10'000);
    const quint16 port = m_window->listeningPort();
    QVERIFY(port != other.serverPort());
    QCOMPARE(m_window->statusPanel()->url(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QVERIFY(openInBrowser->isEnabled());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(10'000));

    QCOMPARE(m_window->languageManager()->current(), QStringLiteral("zh_CN"));
    QSettings saved(m_dir->filePath(QStringLiteral("busy.ini")), QSettings::IniFormat);
    QVERIFY2(saved.value("app/language").toString() != QLatin1String("en"),
             qPrintable(saved.value("app/language").toString()));
    QVERIFY(!saved.value("app/welcomeShown").toBool()); // it never appeared
    m_window.reset(); // the next test starts in English
}

namespace {

// The 101's head for an upgrade that offers permessage-deflate as Chromium does.
QByteArray upgradeOfferingDeflate(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10'000))
        return {};
    socket.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Origin: http://127.0.0.1:" + QByteArray::number(port)
                 + "\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
    QByteArray head;
    const bool answered = QTest::qWaitFor([&] {
        head += socket.readAll();
        return head.contains("\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState;
    }, 10'000);
    return answered ? head : QByteArray();
}

} // namespace

// Off by default; the toolbar switch turns permessage-deflate on for the connections that follow,
// says so in its text, and is saved like the other settings.
void tst_MainWindow::compressionSwitchAppliesToNewConnections()
{
    auto *compression = m_window->findChild<QAction *>(QStringLiteral("compression"));
    QVERIFY(compression);
    QVERIFY(compression->isCheckable());
    QVERIFY(!compression->isChecked());
    QVERIFY2(compression->text().contains(QLatin1String("Off")), qPrintable(compression->text()));
    const auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar->actions().contains(compression));
    QByteArray head = upgradeOfferingDeflate(m_window->listeningPort());
    QVERIFY2(head.startsWith("HTTP/1.1 101"), head.constData());
    QVERIFY2(!head.toLower().contains("sec-websocket-extensions"), head.constData());

    compression->trigger();
    QVERIFY(compression->isChecked());
    QVERIFY2(compression->text().contains(QLatin1String("On")), qPrintable(compression->text()));
    QVERIFY(m_window->serverHost()->settings().permessageDeflate);
    QVERIFY(m_window->preferences().server.permessageDeflate);
    QSettings saved(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat);
    QVERIFY(saved.value("server/permessageDeflate").toBool());
    head = upgradeOfferingDeflate(m_window->listeningPort());
    QVERIFY2(head.contains("\r\nSec-WebSocket-Extensions: permessage-deflate"), head.constData());

    compression->trigger();
    QVERIFY(!m_window->serverHost()->settings().permessageDeflate);
    head = upgradeOfferingDeflate(m_window->listeningPort());
    QVERIFY2(!head.toLower().contains("sec-websocket-extensions"), head.constData());
}

// The composer's "masked server frame" preset, sent to a real client: its row is an error row (Errors
// only shows it), and the explanation names the rule the client's parser finds broken.
void tst_MainWindow::maskedServerFrameFromTheComposerIsAnError()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    const QList<ComposedFrame> preset = ComposerPresets::frames(ComposerPreset::MaskedServerFrame);
    QCOMPARE(preset.size(), 1);
    m_window->serverHost()->sendRawFrame(id, preset.first().wireBytes());

    auto *proxy = qobject_cast<wslab::inspector::CaptureFilterProxy *>(m_window->framesTable()->model());
    QVERIFY(proxy);
    proxy->setErrorsOnly(true);
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), 1, 10'000);
    const wslab::capture::CaptureRecord &record = proxy->record(0);
    QCOMPARE(record.direction, wslab::capture::Direction::Outbound);
    QVERIFY(record.frame && record.frame->header.masked);
    QCOMPARE(record.decodeError, std::optional(wslab::protocol::DecodeError::MaskedServerFrame));
    m_window->selectRow(0);
    const QString explained = m_window->detailPane()->explainPanel()->plainText();
    QVERIFY2(explained.contains(QLatin1String("a server must not mask")), qPrintable(explained));
    QVERIFY2(explained.contains(QLatin1String("Server frame is masked")), qPrintable(explained));
}

void tst_MainWindow::toolbarIconsShowOnADarkPalette()
{
    const auto luminance = [](const QColor &color) {
        return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
    };
    const QPalette original = QApplication::palette();
    const QPalette dark = darkPalette();
    QApplication::setPalette(dark);
    const auto restore = qScopeGuard([&original] { QApplication::setPalette(original); });
    const double window = luminance(dark.color(QPalette::Window));

    const auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    const int side = toolBar->iconSize().height();
    int icons = 0;
    for (QAction *action : toolBar->actions()) {
        if (action->icon().isNull())
            continue;
        ++icons;
        const QImage image = action->icon().pixmap(side, side).toImage().convertToFormat(QImage::Format_ARGB32);
        double sum = 0;
        int opaque = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor color = image.pixelColor(x, y);
                if (color.alpha() >= 128) {
                    sum += luminance(color);
                    ++opaque;
                }
            }
        }
        QVERIFY2(opaque > 0, qPrintable(action->text()));
        QVERIFY2(sum / opaque > window + 0.1,
                 qPrintable(QStringLiteral("%1: %2").arg(action->text()).arg(sum / opaque)));
    }
    QVERIFY(icons >= 5);
}

// Started with --allow-origin '*': saving an unrelated edit must not take that away from this run.
void tst_MainWindow::commandLineOptionsOutliveASettingsEdit()
{
    m_window.reset(); // this test needs a window started with command-line options
    StartupOptions options = testOptions(QStringLiteral("overrides.ini"));
    options.applyOverrides = [](wslab::server::ServerSettings &settings) { settings.allowAnyOrigin = true; };
    m_window = std::make_unique<MainWindow>(options);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0, 10'000);
    const auto connectsFromElsewhere = [this] {
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(m_window->listeningPort())));
        request.setRawHeader("Origin", "http://elsewhere.test");
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.open(request);
        const bool answered = QTest::qWaitFor([&] { return !connected.isEmpty() || !disconnected.isEmpty(); }, 10'000);
        return answered && !connected.isEmpty();
    };
    QVERIFY(connectsFromElsewhere());
    AppPreferences edited = m_window->preferences();
    QVERIFY(!edited.server.allowAnyOrigin); // the saved setting: own page only
    edited.server.pingIntervalMs += 1000;   // an unrelated server setting
    m_window->applyPreferences(edited);
    QVERIFY(connectsFromElsewhere());
    QCOMPARE(m_window->preferences().server.pingIntervalMs, edited.server.pingIntervalMs);
    QVERIFY(!m_window->preferences().server.allowAnyOrigin); // the override is not saved either
}

// Millions of records, minutes of capture and pauses between frames fit their columns without
// being cut short.
void tst_MainWindow::longCapturesKeepTheirNumbersWhole()
{
    auto *table = m_window->findChild<QTableView *>(QStringLiteral("framesTable"));
    QVERIFY(table);
    const QFontMetrics metrics = table->fontMetrics();
    QVERIFY(table->columnWidth(wslab::inspector::FrameCaptureModel::NumberColumn)
            > metrics.horizontalAdvance(QStringLiteral("9999999")));
    QVERIFY(table->columnWidth(wslab::inspector::FrameCaptureModel::TimeColumn)
            > metrics.horizontalAdvance(QStringLiteral("999999.999")));
    // A browser's 1 MiB message and its length tier, whole: beside the text the style keeps a
    // margin on each side (elided otherwise).
    const int margins = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
    QVERIFY(table->columnWidth(wslab::inspector::FrameCaptureModel::LengthColumn)
            > metrics.horizontalAdvance(QStringLiteral("1048576 (64)")) + margins);
    // A pause of a minute between two frames typed by hand, in a window of the size the README
    // shows (narrower, the delta column gives way to the summary).
    m_window->resize(1366, 768);
    QTRY_VERIFY(table->columnWidth(wslab::inspector::FrameCaptureModel::DeltaColumn)
                > metrics.horizontalAdvance(QStringLiteral("60000.000")) + margins);
    // What the Opcode column says of rows that are not frames.
    for (const char *kind : {"HTTP request", "protocol error"}) {
        QVERIFY2(table->columnWidth(wslab::inspector::FrameCaptureModel::OpcodeColumn)
                         > metrics.horizontalAdvance(QLatin1String(kind)) + margins,
                 kind);
    }
}

// Quitting stops the server under the connected clients: the window asks first, and can be told
// not to ask again.
void tst_MainWindow::quittingWithClientsAsksFirst()
{
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    // The capture of that client is never saved: its question is tst_CaptureFileActions' business.
    QSettings(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat)
            .setValue(QStringLiteral("files/askToSaveOnQuit"), false);
    QString question;
    const auto answer = [&question](bool quit, bool dontAskAgain) {
        QTimer::singleShot(0, [&question, quit, dontAskAgain] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            question = box->text();
            box->checkBox()->setChecked(dontAskAgain);
            for (QAbstractButton *button : box->buttons()) {
                const auto role = box->buttonRole(button);
                if ((quit && role == QMessageBox::AcceptRole) || (!quit && role == QMessageBox::RejectRole))
                    button->click();
            }
        });
    };
    answer(false, true);
    QVERIFY(!m_window->close()); // cancelled: still running
    QVERIFY2(question.contains(QStringLiteral("1 client is connected")), qPrintable(question));
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->preferences().confirmQuitWithClients); // a cancel changes nothing
    answer(true, true);
    QVERIFY(m_window->close());
    QVERIFY(!m_window->preferences().confirmQuitWithClients);
    // Not asked again: with no dialog to answer, close() does not block.
    m_window->show();
    QVERIFY(m_window->close());
}

void tst_MainWindow::switchingLanguageRetranslatesTheFramePane()
{
    // The pane's own texts (field stepping, the tabs) follow the language without a restart.
    const wslab::inspector::FrameDetailPane *pane = m_window->detailPane();
    const auto *tabs = pane->findChild<QTabWidget *>();
    QVERIFY(tabs);
    const auto translated = [](const char *source) {
        return QCoreApplication::translate("wslab::inspector::FrameDetailPane", source);
    };
    m_window->setLanguage(QStringLiteral("zh_CN"));
    QVERIFY(translated("Next field") != QLatin1String("Next field")); // a translation is installed
    QTRY_COMPARE(pane->nextFieldAction()->text(), translated("Next field"));
    QCOMPARE(pane->previousFieldAction()->text(), translated("Previous field"));
    QCOMPARE(tabs->tabText(0), translated("Explain"));
    QCOMPARE(tabs->tabText(1), translated("Payload"));
    QCOMPARE(tabs->tabText(2), translated("Unmasking"));
    QCOMPARE(tabs->tabText(3), translated("Message"));
    // The Capture menu shows the same actions.
    QMenu *capture = nullptr;
    for (const QAction *menu : m_window->menuBar()->actions()) {
        if (menu->text() == QCoreApplication::translate("wslab::app::MainWindow", "&Capture"))
            capture = menu->menu();
    }
    QVERIFY(capture);
    QVERIFY(capture->actions().contains(pane->nextFieldAction()));

    m_window->setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(pane->nextFieldAction()->text(), QStringLiteral("Next field"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Explain"));
}

void tst_MainWindow::noShortcutTakesTheMenuBarKey()
{
    // F10 opens the menu bar on common desktops; stepping must not depend on it.
    int withShortcut = 0;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        for (const QKeySequence &key : action->shortcuts()) {
            ++withShortcut;
            QVERIFY2(key != QKeySequence(Qt::Key_F10), qPrintable(action->text()));
        }
    }
    QVERIFY(withShortcut >= 10);
}

void tst_MainWindow::smallScreenShowsEveryColumnAndTool()
{
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    const QTableView *table = m_window->framesTable();
    const QHeaderView *header = table->horizontalHeader();
    const auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    const auto guard = qScopeGuard([this] { m_window->setLanguage(QStringLiteral("en")); });
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        m_window->setLanguage(language);
        m_window->resetLayout();
        QCoreApplication::processEvents();
        // Every column of the frames table in view, the summary with room for a few words.
        QTRY_COMPARE(table->horizontalScrollBar()->maximum(), 0);
        const int summary = wslab::inspector::FrameCaptureModel::SummaryColumn;
        // At least 12 characters of summary, in both languages and every font configuration.
        QVERIFY2(header->sectionViewportPosition(summary) + 12 * table->fontMetrics().averageCharWidth()
                         <= table->viewport()->width(),
                 qPrintable(QStringLiteral("%1: summary at %2 of %3")
                                    .arg(language)
                                    .arg(header->sectionViewportPosition(summary))
                                    .arg(table->viewport()->width())));
        // The Chat pane whole in its column, and the Composer without a sideways scroll bar.
        for (QDockWidget *dock : {m_window->chatDock(), m_window->composerDock()}) {
            dock->raise();
            QCoreApplication::processEvents();
            const auto *scroll = qobject_cast<QScrollArea *>(dock->widget());
            QVERIFY(scroll);
            QTRY_VERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
                         qPrintable(QStringLiteral("%1 %2: %3 px wider than its column (minimum %4, column %5)")
                                            .arg(language, dock->objectName())
                                            .arg(scroll->horizontalScrollBar()->maximum())
                                            .arg(scroll->widget()->minimumSizeHint().width())
                                            .arg(scroll->viewport()->width())));
            if (dock == m_window->chatDock())
                QVERIFY2(scroll->verticalScrollBar()->maximum() == 0,
                         qPrintable(QStringLiteral("%1: the chat pane is %2 px taller than its column")
                                            .arg(language)
                                            .arg(scroll->verticalScrollBar()->maximum())));
        }
        m_window->chatDock()->raise();
        // Every tool of the toolbar on it, none in its overflow menu.
        for (QAction *action : toolBar->actions()) {
            const QWidget *widget = toolBar->widgetForAction(action);
            if (!widget || action->isSeparator())
                continue;
            QVERIFY2(widget->isVisible() && toolBar->rect().contains(widget->geometry()),
                     qPrintable(language + QLatin1Char(' ') + action->text()));
        }
    }
}

// The Lessons tab sits with Chat and Composer; the window feeds it the capture (a client's close
// with 4000) and the frame pane's clicks; its progress follows the language.
void tst_MainWindow::lessonsBesideChatAreTickedByTheCaptureAndTheFramePane()
{
    QVERIFY(m_window->tabifiedDockWidgets(m_window->chatDock()).contains(m_window->lessonsDock()));
    QCOMPARE(m_window->lessonsDock()->windowTitle(), QStringLiteral("Lessons"));
    LessonsPane *pane = m_window->lessonsPane();
    const auto shownDone = [pane](const QString &taskId) {
        for (LessonTaskView *view : pane->taskViews()) {
            if (view->taskId() == taskId)
                return view->isShownDone();
        }
        return false;
    };
    pane->setCurrentLesson(7); // closing
    QVERIFY(!shownDone(QStringLiteral("closing.received")));

    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    socket.close(QWebSocketProtocol::CloseCode(4000), QStringLiteral("lesson over")); // as the page's Close tool
    QTRY_VERIFY_WITH_TIMEOUT(shownDone(QStringLiteral("closing.received")), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(shownDone(QStringLiteral("closing.client")), 10'000);
    QVERIFY(!shownDone(QStringLiteral("closing.server")));

    pane->setCurrentLesson(2); // the frame header
    QVERIFY(!shownDone(QStringLiteral("header.mask")));
    Q_EMIT m_window->detailPane()->bitDiagram()->fieldClicked(wslab::protocol::FieldId::Mask);
    QVERIFY(shownDone(QStringLiteral("header.mask")));

    m_window->setLanguage(QStringLiteral("zh_CN"));
    QTRY_COMPARE(m_window->lessonsDock()->windowTitle(), QStringLiteral("课程"));
    QVERIFY(!shownDone(QStringLiteral("header.mask"))); // the Chinese path has its own progress
    m_window->setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(m_window->lessonsDock()->windowTitle(), QStringLiteral("Lessons"));
    QVERIFY(shownDone(QStringLiteral("header.mask")));
}

void tst_MainWindow::everyTabStopShowsTheFocus_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light palette") << false;
    QTest::addRow("dark palette") << true;
}

// Issue 12: about 25 of 45 Tab stops showed no focus. Each stop is drawn with the focus and again
// without it; the two pictures must differ. Tab must also leave every stop (no view keeps it).
void tst_MainWindow::everyTabStopShowsTheFocus()
{
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    const auto restore = qScopeGuard([&original] { QApplication::setPalette(original); });
    if (dark)
        QApplication::setPalette(darkPalette());
    // Rows in the frames table and a client in the lists, as while a learner works.
    QWebSocket socket;
    quint64 id = 0;
    connectClient(socket, &id);
    if (QTest::currentTestFailed())
        return;
    socket.sendTextMessage(QStringLiteral("hello"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->framesTable()->model()->rowCount() >= 3, 10'000);
    m_window->framesTable()->selectRow(0);
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    QWidget *current = m_window->framesTable();
    current->setFocus(Qt::TabFocusReason);
    QCoreApplication::processEvents();
    QSet<QWidget *> seen{current};
    QStringList unmarked;
    for (int step = 0; step < 200; ++step) {
        QCOMPARE(QApplication::focusWidget(), current);
        const QRect area(current->mapTo(current->window(), QPoint(0, 0)), current->size());
        const QImage focused = current->window()->grab(area).toImage();
        current->clearFocus();
        const QImage unfocused = current->window()->grab(area).toImage();
        if (focused == unfocused)
            unmarked.append(describe(current));
        current->setFocus(Qt::TabFocusReason);
        QTest::keyClick(current, Qt::Key_Tab);
        QCoreApplication::processEvents(); // a pane that scrolls to show its focused widget
        QWidget *next = QApplication::focusWidget();
        QVERIFY2(next && next != current, qPrintable(QStringLiteral("Tab stays in ") + describe(current)));
        if (seen.contains(next))
            break; // round the whole chain
        seen.insert(next);
        current = next;
    }
    QVERIFY2(seen.size() >= 20, qPrintable(QString::number(seen.size())));
    QVERIFY2(unmarked.isEmpty(), qPrintable(QStringLiteral("%1 of %2 stops show no focus: %3")
                                                    .arg(unmarked.size())
                                                    .arg(seen.size())
                                                    .arg(unmarked.join(QStringLiteral(", ")))));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
