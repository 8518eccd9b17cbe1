#include "app/mainwindow/mainwindow.h"

#include "app/chat/chatpane.h"
#include "app/chat/clientlistmodel.h"
#include "app/mainwindow/captureview.h"
#include "app/mainwindow/filterbar.h"
#include "app/mainwindow/focusring.h"
#include "app/composer/framecomposer.h"
#include "app/files/capturefileactions.h"
#include "app/files/capturefilewindow.h"
#include "app/replay/replaylauncher.h"
#include "app/lessons/lessonpath.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontracker.h"
#include "app/mainwindow/languagemanager.h"
#include "app/mainwindow/modegate.h"
#include "app/mainwindow/proxyhost.h"
#include "app/client/brokenframepanel.h"
#include "app/client/clientconnectiondialog.h"
#include "app/client/clienthost.h"
#include "app/cli/clientrunner.h"
#include "app/intercept/interceptpane.h"
#include "app/mainwindow/paletteiconengine.h"
#include "app/mainwindow/portfinder.h"
#include "app/settings/serversettingsedit.h"
#include "app/settings/settingsdialog.h"
#include "app/settings/settingsstore.h"
#include "app/mainwindow/statuspanel.h"
#include "app/transports/transportpanel.h"
#include "app/mainwindow/welcomedialog.h"
#include "app/mainwindow/windowplacement.h"

#include "inspector/bitdiagramview.h"
#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/handshakeview.h"
#include "inspector/payloadpreview.h"
#include "inspector/sentences.h"
#include "inspector/timelineview.h"
#include "server/protocol/closecode.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace wslab::app {

using server::HandshakeFault;

namespace {

constexpr int rateIntervalMs = 500;
constexpr int statusMessageMs = 5000;

// A menu text as a tool button says it: no mnemonic, neither "&P" nor the "(&P)" that Chinese
// menus add, and no "…" (the button does not open a dialog the way a menu item announces it).
QString buttonText(QString text)
{
    static const QRegularExpression cjkMnemonic(QStringLiteral("\\s*\\(&[^)]\\)"));
    text.remove(cjkMnemonic);
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    else if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text;
}

// Glyph icons take the palette's text colour: drawn dark, they would vanish on a dark palette.
QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback)
{
    const QIcon icon = QIcon::fromTheme(QLatin1String(name), QApplication::style()->standardIcon(fallback));
    return PaletteIconEngine::icon(icon);
}

} // namespace

MainWindow::MainWindow(const StartupOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wslab.svg")));
    m_store = options.settingsPath.isEmpty() ? std::make_unique<SettingsStore>()
                                             : std::make_unique<SettingsStore>(options.settingsPath);
    m_prefs = m_store->load();
    // --upstream: proxy mode for this run, whatever mode is saved.
    m_mode = options.proxy ? ConnectionMode::Proxy : m_prefs.mode;
    m_runProxy = options.proxy.value_or(m_prefs.proxy);
    m_runClient = m_prefs.client;
    m_runProxy.intercept = m_prefs.proxy.intercept; // a window setting, with --upstream too

    m_language = new LanguageManager(this);
    m_language->setLanguage(options.language.isEmpty() ? m_prefs.language : options.language);

    m_view = new CaptureView(this);
    m_capture = m_view->model();
    m_capture->setRowCap(m_prefs.captureRowCap);
    m_proxy = m_view->proxy();
    m_clients = new ClientListModel(this);

    createServer(options);
    m_proxyHost = new ProxyHost(this);
    m_clientHost = new ClientHost(this);
    createActions();
    createModeControls();
    // The server's time zero, near enough, as the epoch time a saved capture needs.
    m_files = new CaptureFileActions(this, m_store.get(), m_view, QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    createReplay();
    createCentral();
    createDocks();
    createMenus();
    createToolBar();
    createStatusBar();
    m_focusRing = new FocusRing(this);
    connectServer();
    connectClientMode();
    retranslateUi();
    applyDefaultLayout();
    restoreLayout();

    m_clock.start();
    m_rateTimer = new QTimer(this);
    m_rateTimer->setInterval(rateIntervalMs);
    connect(m_rateTimer, &QTimer::timeout, this, &MainWindow::updateRates);
    m_rateTimer->start();

    updateModeUi();
    startLiveSource();
}

MainWindow::~MainWindow() = default;

// Replay (issue 11): "Replay…" in the live table and in every file's; the replayed connections
// show here, in the live window, next to the live source's.
void MainWindow::createReplay()
{
    auto *replays = new ReplayLauncher(this, [this] {
        client::ClientSettings defaults;
        if (m_mode != ConnectionMode::Proxy)
            return defaults;
        // In proxy mode the upstream, reached as the proxy reaches it.
        const auto upstream = client::ServerUrl::parse(m_runProxy.upstreamUrl);
        if (const auto *url = std::get_if<client::ServerUrl>(&upstream))
            defaults.url = *url;
        defaults.caFile = m_runProxy.caFile;
        defaults.insecure = m_runProxy.insecure;
        return defaults;
    }, this);
    replays->watch(m_view);
    connect(replays, &ReplayLauncher::batchReady, m_view, &CaptureView::appendBatch);
    connect(replays, &ReplayLauncher::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 2 * statusMessageMs); });
    connect(m_files, &CaptureFileActions::fileWindowOpened, replays,
            [replays](CaptureFileWindow *window) { replays->watch(window->view()); });
}

void MainWindow::createServer(const StartupOptions &options)
{
    server::ServerSettings settings = m_prefs.server;
    if (options.port)
        settings.port = *options.port;
    if (options.bindAddress)
        settings.bindAddress = *options.bindAddress;
    if (options.applyOverrides)
        options.applyOverrides(settings);
    m_server = new server::ServerHost(settings, this);
}

void MainWindow::createCentral()
{
    m_table = m_view->table();
    m_filterBar = m_view->filterBar();

    // The "port is busy" notice sits above the table, where the learner looks first.
    m_notice = new QFrame(this);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setAutoFillBackground(true);
    QPalette noticePalette = m_notice->palette();
    noticePalette.setColor(QPalette::Window, QColor(0xfc, 0xe8, 0xb2));
    noticePalette.setColor(QPalette::WindowText, QColor(0x3c, 0x2a, 0x00));
    m_notice->setPalette(noticePalette);
    m_noticeText = new QLabel(m_notice);
    m_noticeText->setWordWrap(true);
    m_noticeUsePort = new QPushButton(m_notice);
    m_noticeUsePort->setObjectName(QStringLiteral("useSuggestedPort"));
    m_noticeSettings = new QPushButton(m_notice);
    auto *noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->addWidget(m_noticeText, 1);
    noticeLayout->addWidget(m_noticeUsePort);
    noticeLayout->addWidget(m_noticeSettings);
    m_notice->hide();
    connect(m_noticeUsePort, &QPushButton::clicked, this, &MainWindow::useSuggestedPort);
    connect(m_noticeSettings, &QPushButton::clicked, this, &MainWindow::showSettings);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    // An empty table says what to do, where the learner looks first.
    m_emptyHint = new QLabel(m_table->viewport());
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setTextFormat(Qt::RichText);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    connect(m_emptyHint, &QLabel::linkActivated, this, &MainWindow::openInBrowser);
    m_table->viewport()->installEventFilter(this);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &MainWindow::updateEmptyHint);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyHint);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyHint);

}

QDockWidget *MainWindow::addDock(const QString &objectName, QWidget *widget)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    // Panes taller than their dock scroll instead of squeezing the frames table off the screen.
    auto *scroll = new QScrollArea(dock);
    scroll->setWidget(widget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Not a Tab stop of its own: Tab goes to the pane's widgets, and the area scrolls to show them.
    scroll->setFocusPolicy(Qt::NoFocus);
    dock->setWidget(scroll);
    // Docks are tabbed by default: the tab names them, so no title bar repeats it. Tabs still drag
    // out, and View > Panels brings back a closed one.
    dock->setTitleBarWidget(new QWidget(dock));
    connect(dock, &QDockWidget::topLevelChanged, dock, [dock](bool floating) {
        // A floating pane needs its title bar to be moved and closed.
        dock->setTitleBarWidget(floating ? nullptr : new QWidget(dock));
    });
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    // Below the table: the selected frame (bit diagram, hex, explanation, payload, unmasking), and
    // beside it as tabs the handshake of its connection and the timeline of every connection.
    m_detail = m_view->detailPane();
    m_detailDock = addDock(QStringLiteral("detailDock"), m_detail);
    m_handshake = m_view->handshakeView();
    m_handshakeDock = addDock(QStringLiteral("handshakeDock"), m_handshake);
    m_timeline = m_view->timelineView();
    m_timelineDock = addDock(QStringLiteral("timelineDock"), m_timeline);
    m_transports = new TransportPanel(this);
    m_transportsGate = new ModeGate(m_transports, this);
    m_transportsDock = addDock(QStringLiteral("transportsDock"), m_transportsGate);

    m_chatPane = new ChatPane(m_clients, this);
    m_chatGate = new ModeGate(m_chatPane, this);
    m_chatDock = addDock(QStringLiteral("chatDock"), m_chatGate);
    m_composer = new FrameComposer(m_clients, this);
    m_composerGate = new ModeGate(m_composer, this);
    m_composerDock = addDock(QStringLiteral("composerDock"), m_composerGate);
    createLessons();
    createIntercept();

    // The right-hand column runs the full height: chat and composer are used while watching.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::GroupedDragging);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
}

// The Lessons tab beside Chat and Composer: a tracker fed by the live source's capture and by the
// learner's clicks in the frame pane, its progress kept per language beside the preferences.
void MainWindow::createLessons()
{
    auto settings = m_options.settingsPath.isEmpty()
            ? std::make_unique<QSettings>()
            : std::make_unique<QSettings>(m_options.settingsPath, QSettings::IniFormat);
    auto progress = std::make_unique<LessonProgress>(std::move(settings), m_language->current());
    m_lessons = new LessonTracker(LessonPath::standard(), std::move(progress));
    m_lessonsPane = new LessonsPane(m_lessons, this);
    m_lessons->setParent(m_lessonsPane); // it outlives every view of it
    m_lessonsDock = addDock(QStringLiteral("lessonsDock"), m_lessonsPane);
    m_lessonsDock->setWindowTitle(LessonsPane::title());
    connect(m_lessonsPane, &LessonsPane::retranslated, m_lessonsDock,
            [this] { m_lessonsDock->setWindowTitle(LessonsPane::title()); });
    connect(m_lessonsPane, &LessonsPane::selectRecordRequested, m_view, &CaptureView::selectRecord);
    // Fed by whichever source runs (onBatch): the embedded server, the proxy or the client.
    m_lessons->setConnectionMode(m_mode);
    connect(m_language, &LanguageManager::languageChanged, m_lessons, &LessonTracker::setLanguage);
    connect(m_detail->bitDiagram(), &inspector::BitDiagramView::fieldClicked, m_lessons,
            &LessonTracker::fieldClicked);
    connect(m_detail, &inspector::FrameDetailPane::stepChanged, m_lessons,
            [this](int step) { m_lessons->stepReached(step, m_detail->stepCount()); });
}

void MainWindow::showLessons()
{
    m_lessonsDock->show();
    m_lessonsDock->raise();
}

void MainWindow::applyDefaultLayout()
{
    for (QDockWidget *dock : std::as_const(m_docks)) {
        removeDockWidget(dock);
        dock->setFloating(false);
    }
    addDockWidget(Qt::RightDockWidgetArea, m_chatDock);
    tabifyDockWidget(m_chatDock, m_composerDock);
    tabifyDockWidget(m_composerDock, m_lessonsDock);
    tabifyDockWidget(m_lessonsDock, m_interceptDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_detailDock);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        if (dock == m_chatDock || dock == m_composerDock || dock == m_lessonsDock || dock == m_detailDock
            || dock == m_interceptDock)
            continue;
        tabifyDockWidget(m_detailDock, dock);
    }
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->show();
    m_chatDock->raise();
    m_detailDock->raise();

    applyDefaultSizes();
}

void MainWindow::applyDefaultSizes()
{
    // Sizes that fit 1366x768 and grow with the screen. The right column takes about a third of the
    // width (never under 360 px). Under the table, the frame pane gets what a learner needs to see
    // at once (the step bar, the whole bit diagram, a dozen hex rows beside the narration), and
    // about 60 % of a tall window; the table keeps at least seven rows.
    const QSize area = isVisible() ? size() : screen()->availableGeometry().size();
    const int rightWidth = std::clamp(area.width() * 3 / 10, 360, 620);
    const int line = fontMetrics().height();
    const int chrome = menuBar()->sizeHint().height() + (m_toolBar ? m_toolBar->sizeHint().height() : 0)
            + statusBar()->sizeHint().height();
    const int rest = area.height() - chrome;
    const int tableMinimum = m_filterBar->sizeHint().height() + m_table->horizontalHeader()->sizeHint().height()
            + 7 * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth();
    const int detailWanted = std::max(rest * 60 / 100, line * 32);
    const int bottomHeight = std::max(line * 14, std::min(detailWanted, rest - tableMinimum));
    resizeDocks({m_chatDock}, {rightWidth}, Qt::Horizontal);
    resizeDocks({m_detailDock}, {bottomHeight}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    const QByteArray saved = m_store->windowGeometry();
    if (saved.isEmpty() || !restoreGeometry(saved)) {
        const QRect available = screen()->availableGeometry();
        resize(std::min(1600, available.width()), std::min(1000, available.height()));
    }
    // Saved on a bigger screen (or with another panel layout), the window may reach past this
    // screen's edge, its status bar out of sight: keep it within what the screen offers.
    if (!isMaximized() && !isFullScreen()) {
        const QRect fitted = WindowPlacement::fitted(frameGeometry(), geometry(), screen()->availableGeometry());
        if (fitted != geometry())
            setGeometry(fitted);
    }
    m_defaultLayoutPending = !restoreState(m_store->windowState());
}

void MainWindow::resetLayout()
{
    m_store->clearWindow();
    applyDefaultLayout();
    m_toolBar->show();
    statusBar()->show();
}

void MainWindow::createActions()
{
    m_openBrowserAction = new QAction(themedIcon("internet-web-browser", QStyle::SP_ComputerIcon), QString(), this);
    m_openBrowserAction->setObjectName(QStringLiteral("openInBrowser"));
    m_openBrowserAction->setShortcut(Qt::CTRL | Qt::Key_B);
    connect(m_openBrowserAction, &QAction::triggered, this, &MainWindow::openInBrowser);
    m_copyUrlAction = new QAction(themedIcon("edit-copy", QStyle::SP_FileLinkIcon), QString(), this);
    m_copyUrlAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    connect(m_copyUrlAction, &QAction::triggered, this, &MainWindow::copyUrl);
    m_settingsAction = new QAction(themedIcon("preferences-system", QStyle::SP_FileDialogDetailedView), QString(), this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    m_quitAction = new QAction(themedIcon("application-exit", QStyle::SP_DialogCloseButton), QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_pauseAction = new QAction(themedIcon("media-playback-pause", QStyle::SP_MediaPause), QString(), this);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(Qt::CTRL | Qt::Key_P);
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::updateCaptureState);
    m_clearAction = new QAction(themedIcon("edit-clear", QStyle::SP_DialogResetButton), QString(), this);
    m_clearAction->setShortcut(Qt::CTRL | Qt::Key_L);
    connect(m_clearAction, &QAction::triggered, this, [this] {
        m_capture->clear();
        m_heldFrames = 0;
        updateCaptureState();
    });
    m_holdAction = new QAction(themedIcon("media-playback-stop", QStyle::SP_BrowserStop), QString(), this);
    m_holdAction->setObjectName(QStringLiteral("holdIncoming"));
    m_holdAction->setCheckable(true);
    m_holdAction->setShortcut(Qt::CTRL | Qt::Key_H);
    connect(m_holdAction, &QAction::toggled, this, [this](bool hold) {
        // Proxy mode: the intercept holds the browser's frames (app/intercept/).
        const bool proxy = m_mode == ConnectionMode::Proxy;
        m_server->setHoldIncoming(hold && !proxy);
        if (proxy)
            holdBrowserFrames(hold);
        updateCaptureState();
    });
    // Debugger keys: F6 steps, F5 continues. (Not F10: desktops open the menu bar with it.)
    m_deliverNextAction = new QAction(themedIcon("go-next", QStyle::SP_MediaSeekForward), QString(), this);
    m_deliverNextAction->setObjectName(QStringLiteral("deliverNext"));
    m_deliverNextAction->setShortcut(Qt::Key_F6);
    connect(m_deliverNextAction, &QAction::triggered, this, &MainWindow::deliverNext);
    m_deliverAllAction = new QAction(themedIcon("media-skip-forward", QStyle::SP_MediaSkipForward), QString(), this);
    m_deliverAllAction->setShortcut(Qt::Key_F5);
    connect(m_deliverAllAction, &QAction::triggered, this, &MainWindow::deliverAll);

    m_firstAction = new QAction(themedIcon("go-top", QStyle::SP_ArrowUp), QString(), this);
    m_firstAction->setShortcut(Qt::CTRL | Qt::Key_Home);
    connect(m_firstAction, &QAction::triggered, this, &MainWindow::selectFirst);
    m_previousAction = new QAction(themedIcon("go-up", QStyle::SP_ArrowUp), QString(), this);
    m_previousAction->setShortcut(Qt::CTRL | Qt::Key_Up);
    connect(m_previousAction, &QAction::triggered, this, &MainWindow::selectPrevious);
    m_nextAction = new QAction(themedIcon("go-down", QStyle::SP_ArrowDown), QString(), this);
    m_nextAction->setShortcut(Qt::CTRL | Qt::Key_Down);
    connect(m_nextAction, &QAction::triggered, this, &MainWindow::selectNext);
    m_lastAction = new QAction(themedIcon("go-bottom", QStyle::SP_ArrowDown), QString(), this);
    m_lastAction->setShortcut(Qt::CTRL | Qt::Key_End);
    connect(m_lastAction, &QAction::triggered, this, &MainWindow::selectLast);
    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] { m_filterBar->focusSearch(); });

    m_handshakeGroup = new QActionGroup(this);
    m_handshakeGroup->setExclusive(true);
    for (int i = 0; i <= int(HandshakeFault::WrongStatus); ++i) {
        auto *action = new QAction(m_handshakeGroup);
        action->setCheckable(true);
        action->setData(i);
        m_handshakeActions.append(action);
    }
    m_handshakeActions.first()->setChecked(true);
    connect(m_handshakeGroup, &QActionGroup::triggered, this, &MainWindow::onHandshakeFaultChosen);

    // A switch that shows its state in its text ("Compression: off"); it applies to new connections.
    m_compressionAction = new QAction(this);
    m_compressionAction->setObjectName(QStringLiteral("compression"));
    m_compressionAction->setCheckable(true);
    m_compressionAction->setChecked(m_server->settings().permessageDeflate);
    connect(m_compressionAction, &QAction::triggered, this, &MainWindow::setCompression);

    m_resetLayoutAction = new QAction(this);
    connect(m_resetLayoutAction, &QAction::triggered, this, &MainWindow::resetLayout);

    m_languageGroup = new QActionGroup(this);
    for (const LanguageManager::Language &language : LanguageManager::languages()) {
        auto *action = new QAction(language.nativeName, m_languageGroup);
        action->setCheckable(true);
        action->setData(language.code);
        action->setChecked(language.code == m_language->current());
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction *action) { setLanguage(action->data().toString()); });

    m_howToAction = new QAction(themedIcon("help-contents", QStyle::SP_DialogHelpButton), QString(), this);
    m_howToAction->setShortcut(QKeySequence::HelpContents);
    connect(m_howToAction, &QAction::triggered, this, &MainWindow::showHowTo);
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openBrowserAction);
    m_fileMenu->addAction(m_copyUrlAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addMenu(m_modeMenu);
    m_fileMenu->addAction(m_newClientAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_files->addToMenu(m_fileMenu);

    m_captureMenu = menuBar()->addMenu(QString());
    m_captureMenu->addAction(m_pauseAction);
    m_captureMenu->addAction(m_clearAction);
    m_captureMenu->addAction(m_findAction);
    m_captureMenu->addAction(m_view->replayAction());
    m_captureMenu->addSeparator();
    m_captureMenu->addAction(m_holdAction);
    m_captureMenu->addAction(m_interceptPane->holdServerAction());
    m_captureMenu->addAction(m_deliverNextAction);
    m_captureMenu->addAction(m_deliverAllAction);
    m_captureMenu->addSeparator();
    m_captureMenu->addAction(m_firstAction);
    m_captureMenu->addAction(m_previousAction);
    m_captureMenu->addAction(m_nextAction);
    m_captureMenu->addAction(m_lastAction);
    m_captureMenu->addSeparator();
    m_captureMenu->addAction(m_detail->previousFieldAction());
    m_captureMenu->addAction(m_detail->nextFieldAction());
    m_captureMenu->addSeparator();
    m_handshakeMenu = m_captureMenu->addMenu(QString());
    m_handshakeMenu->addActions(m_handshakeActions);
    m_handshakeMenu->insertSeparator(m_handshakeActions.at(1));
    m_captureMenu->addAction(m_compressionAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_docksMenu = m_viewMenu->addMenu(QString());
    for (QDockWidget *dock : std::as_const(m_docks))
        m_docksMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addAction(m_resetLayoutAction);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_howToAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_openBrowserAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_pauseAction);
    m_toolBar->addAction(m_clearAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_holdAction);
    m_toolBar->addAction(m_interceptPane->holdServerAction());
    m_toolBar->addAction(m_deliverNextAction);
    m_toolBar->addAction(m_deliverAllAction);
    m_toolBar->addSeparator();
    m_handshakeButton = new QToolButton(this);
    m_handshakeButton->setObjectName(QStringLiteral("handshakeLab"));
    m_handshakeButton->setMenu(m_handshakeMenu);
    m_handshakeButton->setPopupMode(QToolButton::InstantPopup);
    m_handshakeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_handshakeButton->setIcon(themedIcon("security-medium", QStyle::SP_MessageBoxWarning));
    m_toolBar->addWidget(m_handshakeButton);
    m_toolBar->addAction(m_compressionAction);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_modeButton);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(m_settingsAction);
}

void MainWindow::createStatusBar()
{
    m_status = new StatusPanel(this);
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->addPermanentWidget(m_status);
    connect(m_status, &StatusPanel::urlCopied, this, [this](const QString &url) {
        statusBar()->showMessage(tr("Copied %1").arg(url), statusMessageMs);
    });
}

void MainWindow::connectServer()
{
    connect(m_server, &server::ServerHost::listening, this, &MainWindow::onListening);
    connect(m_server, &server::ServerHost::listenFailed, this, &MainWindow::onListenFailed);
    // A source's last records (the closes of its connections) may arrive after the switch: the
    // table shows the running source only.
    connect(m_server, &server::ServerHost::capturedBatch, this, [this](const capture::CaptureBatch &batch) {
        if (m_mode == ConnectionMode::EmbeddedServer)
            onBatch(batch);
    });
    connect(m_proxyHost, &ProxyHost::listening, this, &MainWindow::onListening);
    connect(m_proxyHost, &ProxyHost::listenFailed, this, &MainWindow::onListenFailed);
    connect(m_proxyHost, &ProxyHost::capturedBatch, this, &MainWindow::onProxyBatch);
    connect(m_server, &server::ServerHost::clientConnected, this, &MainWindow::onClientConnected);
    connect(m_server, &server::ServerHost::clientUpdated, this, &MainWindow::onClientUpdated);
    connect(m_server, &server::ServerHost::clientDisconnected, this, &MainWindow::onClientDisconnected);
    connect(m_server, &server::ServerHost::pollingClientLeft, this, &MainWindow::onPollingClientLeft);
    connect(m_server, &server::ServerHost::chatEntry, m_chatPane, &ChatPane::addChatEntry);
    connect(m_server, &server::ServerHost::pongReceived, m_chatPane, &ChatPane::onPong);
    connect(m_server, &server::ServerHost::transportStats, m_transports, &TransportPanel::setStats);
    connect(m_server, &server::ServerHost::listening, m_transports, &TransportPanel::setServerAddress);

    connect(m_chatPane, &ChatPane::postChatRequested, m_server, &server::ServerHost::postChatMessage);
    connect(m_chatPane, &ChatPane::chatMessageRequested, m_server, &server::ServerHost::sendChatMessage);
    connect(m_chatPane, &ChatPane::sendMessageRequested, m_server, &server::ServerHost::sendMessage);
    connect(m_chatPane, &ChatPane::pingRequested, m_server, &server::ServerHost::sendPing);
    connect(m_chatPane, &ChatPane::closeRequested, m_server, &server::ServerHost::closeConnection);
    connect(m_composer, &FrameComposer::sendRawFrameRequested, m_server, &server::ServerHost::sendRawFrame);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("WebSocket Lab"));
    m_openBrowserAction->setText(tr("&Open in Browser"));
    m_openBrowserAction->setToolTip(tr("Open the chat page in your web browser"));
    m_copyUrlAction->setText(tr("&Copy Page Address"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));

    m_pauseAction->setText(tr("&Pause Capture"));
    m_pauseAction->setToolTip(tr("Stop adding rows to the frames table (the server keeps running)"));
    m_clearAction->setText(tr("C&lear Capture"));
    m_findAction->setText(tr("&Find in Capture"));
    m_holdAction->setText(tr("&Hold Incoming"));
    m_holdAction->setToolTip(tr("Step mode: frames from browsers are captured but not delivered to the chat "
                                "until you deliver them"));
    m_deliverNextAction->setText(tr("Deliver &Next"));
    m_deliverNextAction->setToolTip(tr("Deliver the oldest held frame (%1)").arg(m_deliverNextAction->shortcut().toString(QKeySequence::NativeText)));
    m_deliverAllAction->setText(tr("Deliver &All"));
    m_deliverAllAction->setToolTip(tr("Deliver every held frame (%1)").arg(m_deliverAllAction->shortcut().toString(QKeySequence::NativeText)));
    m_clearAction->setToolTip(tr("Clear the frames table (%1)").arg(m_clearAction->shortcut().toString(QKeySequence::NativeText)));
    m_firstAction->setText(tr("&First Frame"));
    m_previousAction->setText(tr("P&revious Frame"));
    m_nextAction->setText(tr("N&ext Frame"));
    m_lastAction->setText(tr("Las&t Frame"));

    m_handshakeActions.at(int(HandshakeFault::None))->setText(tr("Answer Correctly"));
    m_handshakeActions.at(int(HandshakeFault::AcceptWithoutGuid))
            ->setText(tr("Wrong Sec-WebSocket-Accept (SHA-1 of the key without the GUID)"));
    m_handshakeActions.at(int(HandshakeFault::MissingUpgradeHeader))->setText(tr("Leave Out the Upgrade Header"));
    m_handshakeActions.at(int(HandshakeFault::WrongStatus))->setText(tr("Answer 200 OK Instead of 101"));
    m_handshakeMenu->setTitle(tr("Handshake &Lab"));
    m_handshakeMenu->setToolTipsVisible(true);
    m_handshakeButton->setText(tr("Handshake Lab"));
    m_handshakeButton->setToolTip(tr("Answer the next WebSocket upgrade wrongly on purpose and watch the browser "
                                     "refuse it (RFC 6455 §4.1). One connection, then correct again."));

    for (QAction *action : {m_openBrowserAction, m_pauseAction, m_clearAction, m_holdAction, m_deliverNextAction,
                            m_deliverAllAction, m_settingsAction})
        action->setIconText(buttonText(action->text()));
    // Shorter on the toolbar, so that every tool fits a 1024 px window; the menu says it in full.
    m_pauseAction->setIconText(tr("Pause", "toolbar button: pause capture"));
    m_clearAction->setIconText(tr("Clear", "toolbar button: clear capture"));

    updateCompressionAction();

    m_resetLayoutAction->setText(tr("&Reset Layout"));
    m_howToAction->setText(tr("&How to Use"));
    m_aboutAction->setText(tr("&About WebSocket Lab"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_fileMenu->setTitle(tr("&File"));
    m_captureMenu->setTitle(tr("&Capture"));
    m_viewMenu->setTitle(tr("&View"));
    m_docksMenu->setTitle(tr("&Panels"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Toolbar"));

    m_detailDock->setWindowTitle(tr("Frame"));
    m_handshakeDock->setWindowTitle(tr("Handshake"));
    m_timelineDock->setWindowTitle(tr("Timeline"));
    m_transportsDock->setWindowTitle(tr("Transports"));
    m_chatDock->setWindowTitle(tr("Chat"));
    m_composerDock->setWindowTitle(tr("Composer"));
    m_interceptDock->setWindowTitle(tr("Intercept"));

    m_noticeSettings->setText(tr("Settings…"));
    if (m_suggestedPort)
        m_noticeUsePort->setText(tr("Use port %1").arg(*m_suggestedPort));
    retranslateMode();
    updateCaptureState();
    updateEmptyHint();
}

// Text beside the icons where the window has room for it; icons alone (their names in tooltips)
// where it has not, so that no tool, Settings included, falls into the toolbar's overflow menu.
void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (!m_toolBar)
        return;
    const auto setStyle = [this](Qt::ToolButtonStyle style) {
        m_toolBar->setToolButtonStyle(style);
        if (m_handshakeButton)
            m_handshakeButton->setToolButtonStyle(style);
    };
    setStyle(Qt::ToolButtonTextBesideIcon);
    if (m_toolBar->sizeHint().width() > width())
        setStyle(Qt::ToolButtonIconOnly);
}

bool MainWindow::isInAShownPane(const QWidget *widget)
{
    // The pane is the window's child that holds the widget (a dock, the central widget, a bar).
    // Within the pane the widget may be scrolled out of view: its scroll area brings it in.
    const QWidget *pane = widget;
    while (pane->parentWidget() && !pane->parentWidget()->isWindow())
        pane = pane->parentWidget();
    const QWidget *window = pane->parentWidget() ? pane->parentWidget() : pane;
    return pane == window || pane->geometry().intersects(window->rect());
}

bool MainWindow::focusNextPrevChild(bool next)
{
    // Qt's own step, repeated past the widgets of panes that do not show: a dock behind another
    // tab of its area stays in the focus chain, laid out outside the window, and Tab vanished
    // into its widgets (issue 12, item 11). Bounded by the number of widgets in the window.
    QWidget *start = QApplication::focusWidget();
    const qsizetype bound = findChildren<QWidget *>().size();
    for (qsizetype i = 0; i < bound; ++i) {
        if (!QMainWindow::focusNextPrevChild(next))
            return false;
        QWidget *now = QApplication::focusWidget();
        if (!now || now == start || isInAShownPane(now))
            return true;
    }
    return true;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString &code)
{
    m_language->setLanguage(code);
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == m_language->current());
    m_prefs.language = m_language->current();
    m_store->save(m_prefs);
}

void MainWindow::onListening(const QString &url, quint16 port)
{
    m_url = url;
    m_port = port;
    m_notice->hide();
    if (m_mode == ConnectionMode::Proxy)
        m_status->setProxying(url, m_proxyHost->upstreamUrl(), isProxyInsecure());
    else
        m_status->setListening(url);
    m_openBrowserAction->setEnabled(true);
    m_copyUrlAction->setEnabled(true);
    statusBar()->showMessage(tr("Listening on %1").arg(url), statusMessageMs);
    updateEmptyHint();
    showWelcomeIfFirstRun();
}

void MainWindow::onListenFailed(const QString &reason, quint16 port)
{
    m_url.clear();
    m_port = 0;
    m_openBrowserAction->setEnabled(false);
    m_copyUrlAction->setEnabled(false);
    m_status->setNotListening(reason);
    m_suggestedPort = PortFinder::nextFree(m_server->settings().bindAddress, port);
    // The system's reason is a phrase ("The bound address is already in use"): end it as a sentence,
    // with the full stop of the language it is in.
    QString sentence = reason.trimmed();
    if (!sentence.isEmpty() && !QStringLiteral(".!?。！？").contains(sentence.back()))
        sentence = tr("%1.", "a system message ended as a sentence").arg(sentence);
    QString text = tr("<b>The server cannot listen on port %1.</b> %2").arg(port).arg(sentence.toHtmlEscaped());
    if (m_suggestedPort) {
        text = inspector::Sentences::joined(
                {text, tr("Another program is probably using it; port %1 is free.").arg(*m_suggestedPort)});
        m_noticeUsePort->setText(tr("Use port %1").arg(*m_suggestedPort));
    }
    m_noticeUsePort->setVisible(m_suggestedPort.has_value());
    m_noticeText->setText(text);
    m_notice->show();
    updateEmptyHint();
}

void MainWindow::useSuggestedPort()
{
    if (!m_suggestedPort)
        return;
    const quint16 port = *m_suggestedPort;
    changeServerSetting([port](server::ServerSettings &settings) { settings.port = port; });
    if (m_mode == ConnectionMode::Proxy)
        startProxy();
}

void MainWindow::setCompression(bool on)
{
    changeServerSetting([on](server::ServerSettings &settings) { settings.permessageDeflate = on; });
    statusBar()->showMessage(on ? tr("Compression on: new connections accept permessage-deflate. Reload the page to "
                                     "open one; connections already open keep what they agreed.")
                                : tr("Compression off: new connections send plain frames. Reload the page to open "
                                     "one; connections already open keep what they agreed."),
                             3 * statusMessageMs);
}

// A server setting changed from the window itself (the notice's port, the compression switch): the
// running server takes it at once, over a command-line option too, and it is saved for the next
// start. Nothing else is saved with it: the language and the welcome stay as they are.
void MainWindow::changeServerSetting(const std::function<void(server::ServerSettings &)> &change)
{
    change(m_prefs.server);
    m_store->save(m_prefs);
    server::ServerSettings running = m_server->settings();
    change(running);
    m_server->applySettings(running);
    updateCompressionAction();
}

void MainWindow::updateCompressionAction()
{
    const bool on = m_server->settings().permessageDeflate;
    m_compressionAction->setChecked(on);
    m_compressionAction->setText(on ? tr("Compression: On") : tr("Compression: Off"));
    m_compressionAction->setToolTip(tr("permessage-deflate (RFC 7692) for connections opened from now on. Off, a "
                                       "browser's frames carry the text as typed, so the unmasking XOR gives it "
                                       "back and big messages show the 16- and 64-bit lengths. On, browsers send "
                                       "their messages compressed: RSV1 set, DEFLATE bytes, shorter lengths."));
}

void MainWindow::onBatch(const capture::CaptureBatch &batch)
{
    // The lessons check the running source's traffic in every mode, paused or not.
    m_lessons->observe(batch);
    quint64 frames = 0;
    quint64 bytes = 0;
    for (const capture::CaptureRecord &record : batch) {
        if (record.kind == capture::RecordKind::Frame) {
            ++frames;
            bytes += quint64(record.frame->wireSize());
            if (record.held)
                ++m_heldFrames;
        } else if (record.kind == capture::RecordKind::FrameDelivered) {
            m_heldFrames = std::max(0, m_heldFrames - 1);
        } else {
            bytes += quint64(record.wireBytes.size());
        }
        // The handshake lab is good for one upgrade (the server resets itself); follow it here.
        if (CaptureView::isUpgradeRequest(record) && !m_handshakeActions.first()->isChecked()) {
            m_handshakeActions.first()->setChecked(true);
            statusBar()->showMessage(tr("Handshake lab: connection #%1 got the faulty answer; the next upgrade is "
                                        "answered correctly again.")
                                             .arg(record.connectionId),
                                     2 * statusMessageMs);
        }
    }
    m_rates.add(frames, bytes);
    if (m_heldFrames > 0 || m_holdAction->isChecked())
        updateCaptureState();
    if (!m_pauseAction->isChecked())
        m_view->appendBatch(batch);
}

void MainWindow::onClientConnected(const server::ClientInfo &client)
{
    m_clients->addOrUpdate(client);
    m_chatPane->onClientConnected(client);
    if (!client.nick.isEmpty())
        m_capture->setConnectionName(client.connectionId, client.nick);
    m_status->setClients(m_clients->rowCount());
}

void MainWindow::onClientUpdated(const server::ClientInfo &client)
{
    m_clients->addOrUpdate(client);
    if (!client.nick.isEmpty())
        m_capture->setConnectionName(client.connectionId, client.nick);
    m_status->setClients(m_clients->rowCount());
}

void MainWindow::onClientDisconnected(quint64 connectionId, quint16 closeCode)
{
    m_chatPane->onClientDisconnected(connectionId, closeCode);
    m_clients->remove(connectionId);
    m_status->setClients(m_clients->rowCount());
}

void MainWindow::onPollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs)
{
    m_chatPane->onPollingClientLeft(clientId, timedOut, silentMs);
    m_clients->remove(clientId);
    m_status->setClients(m_clients->rowCount());
}

void MainWindow::selectRow(int proxyRow)
{
    m_view->selectRow(proxyRow);
}

void MainWindow::selectFirst()
{
    m_view->selectFirst();
}

void MainWindow::selectPrevious()
{
    m_view->selectPrevious();
}

void MainWindow::selectNext()
{
    m_view->selectNext();
}

void MainWindow::selectLast()
{
    m_view->selectLast();
}

void MainWindow::onHandshakeFaultChosen(QAction *action)
{
    const auto fault = HandshakeFault(action->data().toInt());
    m_server->setHandshakeFault(fault);
    if (fault == HandshakeFault::None)
        statusBar()->showMessage(tr("Handshake lab off: upgrades are answered correctly."), statusMessageMs);
    else
        statusBar()->showMessage(tr("Handshake lab: the next upgrade gets \"%1\". Reload the page to see the "
                                    "browser refuse it.")
                                         .arg(action->text()),
                                 3 * statusMessageMs);
}

void MainWindow::updateRates()
{
    m_rates.sample(m_clock.elapsed());
    m_status->setRates(m_rates.framesPerSecond(), m_rates.bytesPerSecond());
}

void MainWindow::updateCaptureState()
{
    if (!m_status)
        return;
    m_status->setCaptureState(m_pauseAction->isChecked() ? StatusPanel::CaptureState::Paused
                                                         : StatusPanel::CaptureState::Live);
    // Proxy mode: what the intercept holds, either way.
    const bool proxy = m_mode == ConnectionMode::Proxy;
    const int heldFrames = proxy ? m_interceptPane->heldCount() : m_heldFrames;
    const bool holding = m_holdAction->isChecked() || (proxy && m_interceptPane->holdServerAction()->isChecked());
    m_status->setHeld(holding, heldFrames);
    const bool held = holding || heldFrames > 0;
    m_deliverNextAction->setEnabled(held);
    m_deliverAllAction->setEnabled(held);
}

void MainWindow::updateEmptyHint()
{
    if (!m_emptyHint)
        return;
    m_emptyHint->setVisible(m_proxy->rowCount() == 0);
    if (!m_emptyHint->isVisible())
        return;
    if (m_capture->rowCount() > 0) {
        m_emptyHint->setText(tr("No row matches the filter."));
    } else if (m_url.isEmpty()) {
        m_emptyHint->setText(tr("No traffic yet."));
    } else {
        const QString link = QStringLiteral("<a href=\"%1\">%1</a>").arg(m_url.toHtmlEscaped());
        m_emptyHint->setText(tr("<p><b>No traffic yet.</b></p><p>Open %1 in your browser (%2), send a message, and "
                                "watch its frames arrive here.</p>")
                                     .arg(link, m_openBrowserAction->shortcut().toString(QKeySequence::NativeText)));
    }
    m_emptyHint->setGeometry(m_table->viewport()->rect().adjusted(24, 8, -24, -8));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_table && watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_emptyHint->setGeometry(m_table->viewport()->rect().adjusted(24, 8, -24, -8));
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::openInBrowser()
{
    if (m_url.isEmpty())
        return;
    if (QDesktopServices::openUrl(QUrl(m_url))) {
        // "Started" only means a helper (xdg-open) was launched; it may still find no browser, and
        // nobody hears of that. Say what to do then.
        statusBar()->showMessage(tr("Opening %1 in your browser. If no browser appears, open that address in one "
                                    "yourself (File ▸ Copy Page Address, %2).")
                                         .arg(m_url, m_copyUrlAction->shortcut().toString(QKeySequence::NativeText)),
                                 4 * statusMessageMs);
        return;
    }
    // No browser started (none installed, or no desktop to ask): the address is what helps.
    QMessageBox box(QMessageBox::Information, tr("No Browser Started"),
                    tr("No web browser could be started to open the chat page. Open this address in a "
                       "browser yourself:"),
                    QMessageBox::Close, this);
    box.setInformativeText(QStringLiteral("<a href=\"%1\">%1</a>").arg(m_url.toHtmlEscaped()));
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    QPushButton *copy = box.addButton(tr("Copy Address"), QMessageBox::ActionRole);
    box.exec();
    if (box.clickedButton() == copy)
        copyUrl();
}

void MainWindow::copyUrl()
{
    m_status->copyUrl();
}

void MainWindow::showSettings()
{
    openSettings(std::nullopt);
}

void MainWindow::openSettings(std::optional<ConnectionMode> mode)
{
    // The mode on show is the one running (--upstream's proxy too): OK keeps it, and saves it.
    AppPreferences shown = m_prefs;
    shown.mode = m_mode;
    shown.proxy = m_runProxy;
    shown.client = m_runClient;
    SettingsDialog dialog(shown, this);
    dialog.setRunningPort(m_port);
    if (mode)
        dialog.editConnection(*mode);
    dialog.adjustSize(); // the running port's note may have grown the Server page

    if (dialog.exec() == QDialog::Accepted)
        applyPreferences(dialog.preferences());
}

void MainWindow::applyPreferences(const AppPreferences &preferences)
{
    // Command-line options keep holding for this run, unless the edit changed that very setting.
    const server::ServerSettings running = settingsAfterEdit(m_server->settings(), m_prefs.server, preferences.server);
    const bool serverChanged = running != m_server->settings();
    // Likewise the language changes only when the edit changed it: a --lang for this run is kept.
    const bool languageEdited =
            LanguageManager::normalized(preferences.language) != LanguageManager::normalized(m_prefs.language);
    const server::ServerSettings listenBefore = listenSettings();
    const bool welcomeShown = m_prefs.welcomeShown; // the welcome's own business, not the dialog's
    m_prefs = preferences;
    m_prefs.welcomeShown = welcomeShown;
    m_store->save(m_prefs);
    m_capture->setRowCap(m_prefs.captureRowCap);
    if (serverChanged)
        m_server->applySettings(running);
    if (languageEdited)
        setLanguage(m_prefs.language);
    updateCompressionAction();
    const server::ServerSettings listenAfter = listenSettings();
    const bool moved = listenAfter.bindAddress != listenBefore.bindAddress || listenAfter.port != listenBefore.port;
    // Settings shows the client's server too, and may have chosen another one.
    const bool clientChanged = m_prefs.client != m_runClient;
    m_runClient = m_prefs.client;
    if (m_prefs.mode != m_mode || (m_mode == ConnectionMode::Proxy && (m_prefs.proxy != m_runProxy || moved))) {
        setConnectionMode(m_prefs.mode, m_prefs.proxy);
    } else if (m_mode == ConnectionMode::Client && clientChanged) {
        retranslateUi(); // the mode button names the new server
        startClient();
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_defaultLayoutPending) {
        // The dock sizes depend on the window's real size, known once it is on the screen.
        m_defaultLayoutPending = false;
        QTimer::singleShot(0, this, &MainWindow::applyDefaultSizes);
    }
    showWelcomeIfFirstRun();
    // After the live window, so that the files' windows come up on top of it.
    if (!m_options.captureFiles.isEmpty())
        QTimer::singleShot(0, this, [this, files = std::exchange(m_options.captureFiles, {})] {
            for (const QString &path : files)
                m_files->openFile(path);
        });
}

void MainWindow::showWelcomeIfFirstRun()
{
    // Once the window is up and the address is known (a client listens nowhere: its server is known).
    if (m_welcomeChecked || !isVisible() || (m_url.isEmpty() && m_mode != ConnectionMode::Client))
        return;
    m_welcomeChecked = true;
    if (m_prefs.welcomeShown || !m_options.welcomeAllowed)
        return;
    m_prefs.welcomeShown = true;
    m_store->save(m_prefs);
    const QString peer = m_mode == ConnectionMode::Proxy  ? m_runProxy.upstreamUrl
                       : m_mode == ConnectionMode::Client ? m_runClient.url
                                                          : QString();
    auto *welcome = new WelcomeDialog(m_mode, m_url, peer, this);
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    connect(welcome, &WelcomeDialog::openBrowserRequested, this, &MainWindow::openInBrowser);
    connect(welcome, &WelcomeDialog::lessonsRequested, this, &MainWindow::showLessons);
    welcome->open();
}

void MainWindow::showHowTo()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("How to Use WebSocket Lab"));
    box.setIconPixmap(windowIcon().pixmap(48, 48));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>Watch a WebSocket conversation, byte by byte</h3>"
                   "<ol>"
                   "<li><b>Open the page</b> (%1): the browser sends an HTTP upgrade request and the server "
                   "answers 101 Switching Protocols. Both are rows in the frames table; the Handshake panel "
                   "shows how Sec-WebSocket-Accept is derived.</li>"
                   "<li><b>Send a message</b> from the page. Its frame arrives masked, as every browser frame "
                   "must be (RFC 6455 §5.3).</li>"
                   "<li><b>Select the frame.</b> The Frame panel draws the header bit by bit and the bytes in "
                   "hex; the Unmasking panel shows the XOR with the masking key, which gives back your text "
                   "while Compression is off (the default). Switched on in the toolbar, it lets new connections "
                   "use permessage-deflate (RFC 7692): the browser then sends DEFLATE bytes with RSV1 set, and "
                   "the Inflated tab shows the message.</li>"
                   "<li><b>Talk back</b> from the Chat panel: text, binary, big messages (uncompressed, the "
                   "length field grows from 7 to 16 to 64 bits), fragments, ping, close with a code.</li>"
                   "<li><b>Break the rules</b> in the Composer and the Handshake lab, and watch the browser "
                   "close the connection.</li>"
                   "<li><b>Step</b>: Hold Incoming keeps browser frames in the server until you deliver them "
                   "(%2 one, %3 all).</li>"
                   "</ol>")
                        .arg(m_url.isEmpty() ? tr("not listening") : m_url.toHtmlEscaped(),
                             m_deliverNextAction->shortcut().toString(QKeySequence::NativeText),
                             m_deliverAllAction->shortcut().toString(QKeySequence::NativeText)));
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About WebSocket Lab"),
                       tr("<h3>WebSocket Lab %1</h3>"
                          "<p>Learn and debug the WebSocket protocol (RFC 6455): a chat server on your machine "
                          "and an inspector that shows every byte on the wire.</p>"
                          "<p>Qt %2 (built with %3)</p>")
                               .arg(QStringLiteral(WSLAB_VERSION), QString::fromLatin1(qVersion()),
                                    QStringLiteral(QT_VERSION_STR)));
}

bool MainWindow::confirmQuit()
{
    const int clients = m_clients->rowCount();
    if (clients == 0 || !m_prefs.confirmQuitWithClients)
        return true;
    // RFC 6455 §7.4.1: 1001, the server is going away; its registered name as the protocol layer has it.
    const QString goingAway = QStringLiteral("1001 ")
            + inspector::PayloadPreview::closeCodeName(1001);
    QMessageBox box(QMessageBox::Question, tr("Quit WebSocket Lab?"),
                    clients == 1 ? tr("1 client is connected. Quitting stops the server and disconnects it "
                                      "(close code %1).").arg(goingAway)
                                 : tr("%1 clients are connected. Quitting stops the server and disconnects them "
                                      "(close code %2).").arg(clients).arg(goingAway),
                    QMessageBox::NoButton, this);
    box.addButton(tr("&Quit"), QMessageBox::AcceptRole);
    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
    auto *dontAsk = new QCheckBox(tr("Do not ask again"), &box);
    box.setCheckBox(dontAsk);
    box.exec();
    if (box.buttonRole(box.clickedButton()) != QMessageBox::AcceptRole)
        return false;
    if (dontAsk->isChecked()) {
        m_prefs.confirmQuitWithClients = false;
        m_store->save(m_prefs);
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmQuit() || !m_files->confirmClose()) {
        event->ignore();
        return;
    }
    m_store->saveWindow(saveGeometry(), saveState());
    m_store->sync();
    QMainWindow::closeEvent(event);
}

} // namespace wslab::app

namespace wslab::app {

// ---------------------------------------------------------------------------------------------
// Connection mode: the embedded server, a proxy to the developer's own server, or a client of it.

void MainWindow::createModeControls()
{
    m_modeGroup = new QActionGroup(this);
    m_embeddedModeAction = new QAction(m_modeGroup);
    m_embeddedModeAction->setObjectName(QStringLiteral("embeddedMode"));
    m_embeddedModeAction->setCheckable(true);
    m_proxyModeAction = new QAction(m_modeGroup);
    m_proxyModeAction->setObjectName(QStringLiteral("proxyMode"));
    m_proxyModeAction->setCheckable(true);
    m_clientModeAction = new QAction(m_modeGroup);
    m_clientModeAction->setObjectName(QStringLiteral("clientMode"));
    m_clientModeAction->setCheckable(true);
    m_newClientAction = new QAction(this);
    m_newClientAction->setObjectName(QStringLiteral("newClientConnection"));
    m_modeMenu = new QMenu(this);
    m_modeMenu->addActions(m_modeGroup->actions());
    m_modeMenu->addSeparator();
    m_modeMenu->addAction(m_newClientAction);
    // A client needs a server: the dialog asks for it, filled with the last one.
    connect(m_clientModeAction, &QAction::triggered, this, [this] {
        updateModeUi(); // the check mark follows the mode, not the click
        newClientConnection();
    });
    connect(m_newClientAction, &QAction::triggered, this, &MainWindow::newClientConnection);
    connect(m_embeddedModeAction, &QAction::triggered, this,
            [this] { setConnectionMode(ConnectionMode::EmbeddedServer, m_runProxy); });
    // A proxy needs an upstream: Settings asks for it unless one is known already.
    connect(m_proxyModeAction, &QAction::triggered, this, [this] {
        updateModeUi(); // the check mark follows the mode, not the click
        if (m_runProxy.toProxySettings(listenSettings(), nullptr))
            setConnectionMode(ConnectionMode::Proxy, m_runProxy);
        else
            openSettings(ConnectionMode::Proxy);
    });

    m_modeButton = new QToolButton(this);
    m_modeButton->setObjectName(QStringLiteral("connectionMode"));
    m_modeButton->setMenu(m_modeMenu);
    m_modeButton->setPopupMode(QToolButton::InstantPopup);
    m_modeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_modeButton->setIcon(themedIcon("network-server", QStyle::SP_DriveNetIcon));
    m_modeLabel = new QLabel(this);
    m_modeLabel->setObjectName(QStringLiteral("modeLabel"));
    m_modeLabel->setTextFormat(Qt::RichText);
}

void MainWindow::setConnectionMode(ConnectionMode mode, const ProxyPreferences &proxy)
{
    const ConnectionMode old = m_mode;
    if (mode == old && (mode != ConnectionMode::Proxy || (proxy == m_runProxy && m_proxyHost->isRunning())))
        return;
    m_mode = mode;
    m_runProxy = proxy;
    m_url.clear();
    m_openBrowserAction->setEnabled(false);
    m_copyUrlAction->setEnabled(false);
    if (old == ConnectionMode::EmbeddedServer) {
        // The server's step mode and handshake faults have nothing to act on in a relay.
        m_holdAction->setChecked(false);
        m_handshakeActions.first()->setChecked(true);
        m_server->setHandshakeFault(HandshakeFault::None);
    }
    updateModeUi();
    if (old == ConnectionMode::Proxy) {
        m_holdAction->setChecked(false);
        m_proxyHost->setHolding(capture::Direction::Inbound, false);
        m_proxyHost->stop();
    }
    if (old == ConnectionMode::Client)
        m_clientHost->stop();
    if (old == ConnectionMode::EmbeddedServer && mode == ConnectionMode::Client)
        m_server->stop(); // its clients get 1001 Going Away: nothing answers browsers while wslab is a client
    if (old == ConnectionMode::EmbeddedServer && mode == ConnectionMode::Proxy) {
        // Its clients get 1001 Going Away; the proxy takes the port once it is free.
        connect(m_server, &server::ServerHost::stopped, this, &MainWindow::startProxy, Qt::SingleShotConnection);
        m_server->stop();
        return;
    }
    startLiveSource();
}

void MainWindow::startLiveSource()
{
    if (m_mode == ConnectionMode::Proxy) {
        startProxy();
        return;
    }
    if (m_mode == ConnectionMode::Client) {
        startClient();
        return;
    }
    server::ServerSettings settings = m_server->settings();
    const server::ServerSettings listen = listenSettings();
    if (settings.port != listen.port) {
        settings.port = listen.port; // the port the browser knows, for this run
        m_server->applySettings(settings);
    }
    clearForNewSource();
    m_server->start();
}

void MainWindow::startProxy()
{
    if (m_mode != ConnectionMode::Proxy)
        return; // switched back while the server was stopping
    clearForNewSource();
    QString error;
    const auto settings = m_runProxy.toProxySettings(listenSettings(), &error);
    if (!settings) {
        m_status->setNotListening(error);
        m_noticeText->setText(tr("<b>Proxy mode cannot start:</b> %1. Choose the upstream in Settings.")
                                      .arg(error.toHtmlEscaped()));
        m_noticeUsePort->hide();
        m_notice->show();
        return;
    }
    const server::ServerSettings &server = m_server->settings();
    m_proxyHost->start(*settings, server.captureEnabled, server.capturePayloadCap);
}

// Connection numbers start again with each source: the old rows, and the views of the selected
// one, would mix with the new.
void MainWindow::clearForNewSource()
{
    m_view->clear();
    m_handshake->clear();
    m_heldFrames = 0;
    updateCaptureState();
}

bool MainWindow::isProxyInsecure() const
{
    return m_runProxy.insecure && m_runProxy.upstreamUrl.trimmed().startsWith(QLatin1String("wss://"), Qt::CaseInsensitive);
}

server::ServerSettings MainWindow::listenSettings() const
{
    server::ServerSettings settings = m_server->settings();
    // "Any free port": the mode that takes over keeps the port the browser already knows.
    if (settings.port == 0 && m_port != 0)
        settings.port = m_port;
    return settings;
}

void MainWindow::onProxyBatch(const capture::CaptureBatch &batch)
{
    if (m_mode != ConnectionMode::Proxy)
        return;
    const QString upstream = m_proxyHost->upstreamUrl();
    for (const capture::CaptureRecord &record : batch) {
        // One conversation, both ends named: the browser's address and the upstream it reaches.
        if (record.kind == capture::RecordKind::ConnectionOpened)
            m_capture->setConnectionName(record.connectionId, tr("%1 → %2").arg(record.note, upstream));
    }
    onBatch(batch);
    m_status->setClients(int(m_proxyHost->connectionCount()));
}

void MainWindow::updateModeUi()
{
    const bool embedded = m_mode == ConnectionMode::EmbeddedServer;
    m_embeddedModeAction->setChecked(embedded);
    m_proxyModeAction->setChecked(m_mode == ConnectionMode::Proxy);
    m_clientModeAction->setChecked(m_mode == ConnectionMode::Client);
    // What only the embedded server can do rests, and says why.
    m_handshakeButton->setEnabled(embedded);
    m_handshakeMenu->setEnabled(embedded);
    m_compressionAction->setEnabled(embedded);
    // Hold steps the embedded server's frames or, with intercept, the relay's; a client holds nothing.
    m_holdAction->setEnabled(m_mode != ConnectionMode::Client);
    m_interceptPane->setProxyMode(m_mode == ConnectionMode::Proxy);
    m_lessons->setConnectionMode(m_mode);
    using Ends = inspector::ExplainPanel::Ends;
    m_view->setEnds(embedded ? Ends::BrowserAndWslab
                    : m_mode == ConnectionMode::Proxy ? Ends::BrowserAndUpstream
                                                      : Ends::WslabAndServer);
    // In client mode the Chat pane and the Composer talk to the server wslab is connected to.
    m_chatPane->setClientMode(m_mode == ConnectionMode::Client);
    m_composer->setClientMode(m_mode == ConnectionMode::Client);
    retranslateUi();
}

void MainWindow::retranslateMode()
{
    const bool proxy = m_mode == ConnectionMode::Proxy;
    m_modeMenu->setTitle(tr("Connection &Mode"));
    m_embeddedModeAction->setText(tr("&Embedded Server"));
    m_proxyModeAction->setText(tr("&Proxy to URL…"));
    m_clientModeAction->setText(tr("&Client of a Server…"));
    m_newClientAction->setText(tr("&New Client Connection…"));
    m_newClientAction->setToolTip(tr("Connect to a WebSocket server (ws:// or wss://) as a client"));
    if (m_mode == ConnectionMode::Client) {
        retranslateClientMode();
        return;
    }
    const QString upstream = m_runProxy.upstreamUrl.toHtmlEscaped();
    const bool insecure = proxy && isProxyInsecure();
    m_modeButton->setText(proxy ? tr("Proxy → %1").arg(m_runProxy.upstreamUrl) : tr("Embedded Server"));
    if (insecure)
        m_modeButton->setText(QStringLiteral("⚠ ") + m_modeButton->text());
    m_modeButton->setToolTip(proxy ? tr("Proxy mode: every connection to this address is relayed byte for byte to "
                                        "%1. Choose another mode here or in Settings.").arg(m_runProxy.upstreamUrl)
                                   : tr("Connection mode: wslab's own chat server answers the browsers. Choose "
                                        "Proxy to URL to watch your own server's traffic."));
    QString label = proxy ? tr("Proxy: browser → wslab → %1").arg(upstream) : tr("Embedded server");
    if (insecure)
        label += QStringLiteral(" <span style=\"color:#c62828\"><b>%1</b></span>")
                         .arg(tr("⚠ certificate not checked (insecure)").toHtmlEscaped());
    m_modeLabel->setText(label);
    m_modeLabel->setToolTip(m_modeButton->toolTip());

    m_chatGate->setClosedReason(proxy ? tr("Proxy mode: browsers talk to your own server here; only the "
                                           "embedded server chats from this pane.")
                                      : QString());
    m_composerGate->setClosedReason(proxy ? tr("Proxy mode: wslab relays what the two ends send; the Composer "
                                               "sends frames as the embedded server only.")
                                          : QString());
    m_transportsGate->setClosedReason(proxy ? tr("Proxy mode: the transports comparison and its demo run "
                                                 "against the embedded server only.")
                                            : QString());
    if (!proxy)
        return;
    m_openBrowserAction->setToolTip(tr("Open your server's page through wslab in your web browser"));
    m_handshakeButton->setToolTip(tr("Handshake Lab: in proxy mode your server answers the upgrades; switch to "
                                     "the embedded server to answer them wrongly on purpose."));
    m_compressionAction->setToolTip(tr("In proxy mode the browser and your server agree on compression "
                                       "themselves; the inspector inflates what they send."));
    m_holdAction->setText(tr("&Hold from Browser"));
    m_holdAction->setIconText(buttonText(m_holdAction->text()));
    m_holdAction->setToolTip(tr("Proxy mode: hold the frames browsers send to your server until you forward, "
                                "drop or edit them in the Intercept pane (%1)")
                                     .arg(m_holdAction->shortcut().toString(QKeySequence::NativeText)));
    m_deliverNextAction->setToolTip(tr("Forward the oldest held frame (%1)")
                                            .arg(m_deliverNextAction->shortcut().toString(QKeySequence::NativeText)));
    m_deliverAllAction->setToolTip(tr("Forward every held frame (%1)")
                                           .arg(m_deliverAllAction->shortcut().toString(QKeySequence::NativeText)));
}

// ---------------------------------------------------------------------------------------------
// Intercept (proxy mode): the Hold / Deliver actions act on the proxy, and the Intercept pane
// lists what it holds (app/intercept/).

void MainWindow::createIntercept()
{
    m_interceptPane = new InterceptPane(m_proxyHost, this);
    m_interceptPane->setHoldBrowserAction(m_holdAction);
    QAction *holdServer = m_interceptPane->holdServerAction();
    holdServer->setIcon(themedIcon("process-stop", QStyle::SP_MediaStop));
    // On the toolbar as the other tools are: without its mnemonic, whenever the pane retranslates it.
    const auto toolbarText = [holdServer] {
        const QString text = buttonText(holdServer->text());
        if (holdServer->iconText() != text)
            holdServer->setIconText(text);
    };
    toolbarText();
    connect(holdServer, &QAction::changed, this, toolbarText);
    m_interceptDock = addDock(QStringLiteral("interceptDock"), m_interceptPane);
    connect(m_interceptPane, &InterceptPane::heldCountChanged, this, &MainWindow::updateCaptureState);
    connect(m_interceptPane->holdServerAction(), &QAction::toggled, this, [this](bool hold) {
        if (hold)
            showIntercept(); // where the held frames appear
        updateCaptureState();
    });
    connect(m_interceptPane, &InterceptPane::interceptRequested, this, &MainWindow::enableIntercept);
    m_interceptPane->setProxyMode(m_mode == ConnectionMode::Proxy);
}

void MainWindow::holdBrowserFrames(bool hold)
{
    if (m_interceptPane->setHolding(capture::Direction::Inbound, hold)) {
        if (hold)
            showIntercept();
        return;
    }
    if (!hold)
        return; // nothing was held
    // This proxy runs without intercept: the pane says why and offers to turn it on. The action
    // goes back off with its signal, so that the pane's box, bound to it, goes off too.
    m_holdAction->setChecked(false);
    showIntercept();
    statusBar()->showMessage(tr("Intercept is off for this proxy: see the Intercept pane."),
                             3 * statusMessageMs);
}

void MainWindow::showIntercept()
{
    m_interceptDock->show();
    m_interceptDock->raise();
}

void MainWindow::deliverNext()
{
    if (m_mode == ConnectionMode::Proxy)
        m_interceptPane->forwardNext();
    else
        m_server->deliverNextHeld();
}

void MainWindow::deliverAll()
{
    if (m_mode == ConnectionMode::Proxy)
        m_interceptPane->forwardAll();
    else
        m_server->deliverAllHeld();
}

// For this run and the next start: the proxy restarts with intercept, so new connections can be held.
void MainWindow::enableIntercept()
{
    ProxyPreferences proxy = m_runProxy;
    proxy.intercept = true;
    m_prefs.proxy.intercept = true;
    m_store->save(m_prefs);
    setConnectionMode(ConnectionMode::Proxy, proxy);
}

// ---------------------------------------------------------------------------------------------
// Client mode (issue 11): wslab connects to a server as a browser would. ClientHost holds the
// connection and its capture; the Chat pane and the Composer talk to it; a broken frame's verdict
// shows in the Composer.

void MainWindow::connectClientMode()
{
    connect(m_clientHost, &ClientHost::capturedBatch, this, &MainWindow::onClientBatch);
    connect(m_clientHost, &ClientHost::opened, this,
            [this](const QString &url, const QByteArray &subprotocol, bool deflate) {
                m_chatPane->setClientOpen(true, url);
                m_composer->setClientOpen(true, url);
                QStringList agreed;
                if (!subprotocol.isEmpty())
                    agreed.append(tr("subprotocol %1").arg(QString::fromUtf8(subprotocol)));
                if (deflate)
                    agreed.append(QStringLiteral("permessage-deflate"));
                m_chatPane->addSystemLine(agreed.isEmpty() ? tr("Connected to %1").arg(url)
                                                           : tr("Connected to %1 (%2)").arg(url, agreed.join(tr(", "))));
                m_status->setClients(1);
                m_status->setClient(StatusPanel::ClientState::Connected, url);
            });
    connect(m_clientHost, &ClientHost::messageReceived, m_chatPane, &ChatPane::addServerMessage);
    connect(m_clientHost, &ClientHost::pongReceived, m_chatPane, &ChatPane::onServerPong);
    connect(m_clientHost, &ClientHost::closeReceived, this, [this](std::optional<quint16> code, const QString &reason) {
        if (!code)
            m_chatPane->addSystemLine(tr("The server sent a close frame without a code"));
        else if (reason.isEmpty())
            m_chatPane->addSystemLine(tr("The server sent close %1 without a reason").arg(*code));
        else
            m_chatPane->addSystemLine(tr("The server sent close %1 \"%2\"").arg(*code).arg(reason));
    });
    connect(m_clientHost, &ClientHost::finished, this, &MainWindow::onClientFinished);
    connect(m_clientHost, &ClientHost::brokenFrameJudged, m_composer->brokenFramePanel(),
            &BrokenFramePanel::showVerdict);

    connect(m_chatPane, &ChatPane::clientMessageRequested, m_clientHost, &ClientHost::sendMessage);
    connect(m_chatPane, &ChatPane::clientPingRequested, m_clientHost, &ClientHost::ping);
    connect(m_chatPane, &ChatPane::clientCloseRequested, m_clientHost, &ClientHost::close);
    connect(m_composer, &FrameComposer::clientFramesRequested, m_clientHost, &ClientHost::sendFrames);
    connect(m_composer, &FrameComposer::brokenFrameRequested, m_clientHost, &ClientHost::sendBroken);
}

void MainWindow::newClientConnection()
{
    ClientConnectionDialog dialog(m_runClient, this);
    if (dialog.exec() == QDialog::Accepted)
        connectAsClient(dialog.preferences());
}

void MainWindow::connectAsClient(const ClientPreferences &client)
{
    m_runClient = client;
    // Saved as the mode to restore, with its server, as Settings saves the others.
    m_prefs.client = client;
    m_prefs.mode = ConnectionMode::Client;
    m_store->save(m_prefs);
    if (m_mode == ConnectionMode::Client) {
        retranslateUi(); // the mode button names the new server
        startClient();
    } else {
        setConnectionMode(ConnectionMode::Client, m_runProxy);
    }
}

void MainWindow::startClient()
{
    if (m_mode != ConnectionMode::Client)
        return;
    m_notice->hide();
    m_chatPane->setClientOpen(false, m_runClient.url);
    m_composer->setClientOpen(false, m_runClient.url);
    m_composer->brokenFramePanel()->clearVerdict();
    ClientPreferences::Problem problem;
    const auto settings = m_runClient.toClientSettings(&problem);
    if (!settings) {
        m_status->setNotListening(problem.text);
        m_noticeText->setText(tr("<b>Client mode cannot start:</b> %1. Choose the server with File ▸ New Client "
                                 "Connection.")
                                      .arg(problem.text.toHtmlEscaped()));
        m_noticeUsePort->hide();
        m_notice->show();
        return;
    }
    m_status->setClient(StatusPanel::ClientState::Connecting, settings->url.toString());
    m_chatPane->addSystemLine(tr("Connecting to %1…").arg(settings->url.toString()));
    const server::ServerSettings &server = m_server->settings();
    m_clientHost->connectTo(*settings, server.captureEnabled, server.capturePayloadCap);
}

void MainWindow::onClientBatch(const capture::CaptureBatch &batch)
{
    if (m_mode != ConnectionMode::Client)
        return;
    const QString server = m_clientHost->serverUrl();
    for (const capture::CaptureRecord &record : batch) {
        // One conversation, both ends named: wslab (the client) and the server it reached.
        if (record.kind == capture::RecordKind::ConnectionOpened)
            m_capture->setConnectionName(record.connectionId, tr("wslab → %1").arg(server));
    }
    onBatch(batch);
}

void MainWindow::onClientFinished(const client::ClientOutcome &outcome)
{
    m_chatPane->setClientOpen(false, m_clientHost->serverUrl());
    m_composer->setClientOpen(false, m_clientHost->serverUrl());
    m_status->setClients(0);
    if (m_mode == ConnectionMode::Client)
        m_status->setClient(StatusPanel::ClientState::Closed, m_clientHost->serverUrl(), outcome.serverCloseCode);
    m_chatPane->addSystemLine(outcome.isClean()
                                      ? tr("Closed cleanly. File ▸ New Client Connection connects again.")
                                      : tr("Connection ended: %1").arg(ClientRunner::describe(outcome)));
}

void MainWindow::retranslateClientMode()
{
    const QString url = m_runClient.url;
    const bool insecure = m_runClient.isSecure() && m_runClient.insecure;
    m_modeButton->setText((insecure ? QStringLiteral("⚠ ") : QString()) + tr("Client → %1").arg(url));
    m_modeButton->setToolTip(tr("Client mode: wslab is a client of %1; the Chat pane and the Composer talk to it. "
                                "Choose another mode here or in Settings.").arg(url));
    QString label = tr("Client: wslab → %1").arg(url.toHtmlEscaped());
    if (insecure)
        label += QStringLiteral(" <span style=\"color:#c62828\"><b>%1</b></span>")
                         .arg(tr("⚠ certificate not checked (insecure)").toHtmlEscaped());
    m_modeLabel->setText(label);
    m_modeLabel->setToolTip(m_modeButton->toolTip());
    m_chatGate->setClosedReason({});
    m_composerGate->setClosedReason({});
    m_transportsGate->setClosedReason(tr("Client mode: the transports comparison and its demo run against the "
                                         "embedded server only."));
    m_openBrowserAction->setToolTip(tr("In client mode wslab serves no page; switch to the embedded server."));
    m_handshakeButton->setToolTip(tr("Handshake Lab: in client mode the server answers wslab's upgrade; switch "
                                     "to the embedded server to answer browsers wrongly on purpose."));
    m_compressionAction->setToolTip(tr("In client mode, New Client Connection chooses whether to offer "
                                       "permessage-deflate."));
    m_holdAction->setToolTip(tr("Hold Incoming steps the embedded server's frames; the client does not hold."));
}

} // namespace wslab::app
