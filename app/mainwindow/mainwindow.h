#pragma once

#include "app/settings/apppreferences.h"
#include "app/mainwindow/ratemeter.h"
#include "app/cli/startupoptions.h"

#include "capture/capturerecord.h"
#include "client/clientoutcome.h"
#include "server/clientinfo.h"
#include "server/serverhost.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QPushButton;
class QTableView;
class QTimer;
class QToolBar;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::inspector {
class CaptureFilterProxy;
class FrameCaptureModel;
class FrameDetailPane;
class HandshakeView;
class TimelineView;
} // namespace wslab::inspector

namespace wslab::app {

class CaptureFileActions;
class CaptureView;
class ChatPane;
class ClientHost;
class ClientListModel;
class FilterBar;
class FocusRing;
class FrameComposer;
class InterceptPane;
class LanguageManager;
class LessonsPane;
class LessonTracker;
class ModeGate;
class ProxyHost;
class SettingsStore;
class StatusPanel;
class TransportPanel;

// The composition root: the only place where the server and the inspector meet. Owns the server
// handle, the capture model and every view, the docks, menus, toolbar and status bar, and the
// preferences. Everything it shows arrives as ServerHost signals; everything the user asks for
// leaves as ServerHost calls.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const StartupOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For the tests and the screenshot tool.
    [[nodiscard]] server::ServerHost *serverHost() const { return m_server; }
    [[nodiscard]] ClientListModel *clientModel() const { return m_clients; }
    [[nodiscard]] ChatPane *chatPane() const { return m_chatPane; }
    [[nodiscard]] FrameComposer *composer() const { return m_composer; }
    [[nodiscard]] inspector::FrameCaptureModel *captureModel() const { return m_capture; }
    [[nodiscard]] QTableView *framesTable() const { return m_table; }
    [[nodiscard]] LanguageManager *languageManager() const { return m_language; }
    [[nodiscard]] StatusPanel *statusPanel() const { return m_status; }
    [[nodiscard]] FocusRing *focusRing() const { return m_focusRing; }
    [[nodiscard]] quint16 listeningPort() const { return m_port; }
    [[nodiscard]] QString listeningUrl() const { return m_url; }
    [[nodiscard]] AppPreferences preferences() const { return m_prefs; }
    [[nodiscard]] QList<QDockWidget *> docks() const { return m_docks; }
    [[nodiscard]] QDockWidget *chatDock() const { return m_chatDock; }
    [[nodiscard]] QDockWidget *composerDock() const { return m_composerDock; }
    [[nodiscard]] QDockWidget *detailDock() const { return m_detailDock; }
    [[nodiscard]] inspector::FrameDetailPane *detailPane() const { return m_detail; }
    [[nodiscard]] inspector::HandshakeView *handshakeView() const { return m_handshake; }
    [[nodiscard]] CaptureView *captureView() const { return m_view; }
    [[nodiscard]] CaptureFileActions *fileActions() const { return m_files; }
    [[nodiscard]] QDockWidget *lessonsDock() const { return m_lessonsDock; }
    [[nodiscard]] LessonsPane *lessonsPane() const { return m_lessonsPane; }
    [[nodiscard]] LessonTracker *lessonTracker() const { return m_lessons; }
    // Connection mode: who the app is on the wire now, and the proxy's source (idle unless in use).
    [[nodiscard]] ConnectionMode connectionMode() const { return m_mode; }
    [[nodiscard]] ProxyHost *proxyHost() const { return m_proxyHost; }
    [[nodiscard]] ClientHost *clientHost() const { return m_clientHost; }
    [[nodiscard]] QAction *newClientAction() const { return m_newClientAction; }
    [[nodiscard]] QToolButton *modeButton() const { return m_modeButton; }
    [[nodiscard]] InterceptPane *interceptPane() const { return m_interceptPane; }
    [[nodiscard]] QDockWidget *interceptDock() const { return m_interceptDock; }
    [[nodiscard]] QLabel *modeLabel() const { return m_modeLabel; }
    [[nodiscard]] QList<ModeGate *> modeGates() const { return {m_chatGate, m_composerGate, m_transportsGate}; }

public Q_SLOTS:
    void setLanguage(const QString &code);
    void resetLayout();
    void openInBrowser();
    void showSettings();
    void applyPreferences(const wslab::app::AppPreferences &preferences);
    // Stops the running source and starts the other one on the same listen address and port; the
    // window, its language and layout stay. The capture starts over (connection numbers restart).
    void setConnectionMode(wslab::app::ConnectionMode mode, const wslab::app::ProxyPreferences &proxy);
    // Client mode (issue 11): File ▸ New Client Connection… asks for the server; these connect to it
    // as given (saved as the mode to restore, like the other modes).
    void newClientConnection();
    void connectAsClient(const wslab::app::ClientPreferences &client);
    void selectRow(int proxyRow);
    void selectFirst();
    void selectPrevious();
    void selectNext();
    void selectLast();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    bool focusNextPrevChild(bool next) override;

private:
    [[nodiscard]] static bool isInAShownPane(const QWidget *widget);
    void createServer(const StartupOptions &options);
    void createReplay();
    void createCentral();
    void createDocks();
    QDockWidget *addDock(const QString &objectName, QWidget *widget);
    void createLessons();
    void showLessons();
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void connectServer();
    void openSettings(std::optional<wslab::app::ConnectionMode> mode);
    void createModeControls();
    void startLiveSource();
    void startProxy();
    void clearForNewSource();
    void retranslateMode();
    void updateModeUi();
    // Intercept (proxy mode).
    void createIntercept();
    void holdBrowserFrames(bool hold);
    void showIntercept();
    void deliverNext();
    void deliverAll();
    void enableIntercept();
    void onProxyBatch(const wslab::capture::CaptureBatch &batch);
    void connectClientMode();
    void startClient();
    void onClientBatch(const wslab::capture::CaptureBatch &batch);
    void onClientFinished(const wslab::client::ClientOutcome &outcome);
    void retranslateClientMode();
    [[nodiscard]] server::ServerSettings listenSettings() const;
    // Proxy mode to a wss:// upstream whose certificate is not checked (--insecure).
    [[nodiscard]] bool isProxyInsecure() const;
    void retranslateUi();
    void applyDefaultLayout();
    void applyDefaultSizes();
    void restoreLayout();

    void onListening(const QString &url, quint16 port);
    void onListenFailed(const QString &reason, quint16 port);
    void onBatch(const wslab::capture::CaptureBatch &batch);
    void onClientConnected(const wslab::server::ClientInfo &client);
    void onClientUpdated(const wslab::server::ClientInfo &client);
    void onClientDisconnected(quint64 connectionId, quint16 closeCode);
    void onPollingClientLeft(quint64 clientId, bool timedOut, qint64 silentMs);
    void onHandshakeFaultChosen(QAction *action);
    void updateRates();
    void updateCaptureState();
    void updateEmptyHint();
    void useSuggestedPort();
    void setCompression(bool on);
    void changeServerSetting(const std::function<void(server::ServerSettings &)> &change);
    void updateCompressionAction();
    void showWelcomeIfFirstRun();
    void showHowTo();
    void showAbout();
    void copyUrl();
    // Quitting with clients connected drops them: ask first, unless the user said not to.
    [[nodiscard]] bool confirmQuit();

    std::unique_ptr<SettingsStore> m_store;
    AppPreferences m_prefs;
    StartupOptions m_options;
    LanguageManager *m_language = nullptr;
    server::ServerHost *m_server = nullptr;
    QString m_url;
    quint16 m_port = 0;
    std::optional<quint16> m_suggestedPort;
    ConnectionMode m_mode = ConnectionMode::EmbeddedServer;
    ProxyPreferences m_runProxy; // the proxy this run uses (the saved one, or --upstream's)
    ProxyHost *m_proxyHost = nullptr;
    ClientPreferences m_runClient; // the client connection this run uses (the saved one, or the dialog's)
    ClientHost *m_clientHost = nullptr;
    InterceptPane *m_interceptPane = nullptr;
    QDockWidget *m_interceptDock = nullptr;

    CaptureView *m_view = nullptr; // the capture on show, its model and views
    CaptureFileActions *m_files = nullptr; // open, save, export
    inspector::FrameCaptureModel *m_capture = nullptr;
    inspector::CaptureFilterProxy *m_proxy = nullptr;
    ClientListModel *m_clients = nullptr;

    QTableView *m_table = nullptr;
    FilterBar *m_filterBar = nullptr;
    QWidget *m_notice = nullptr;
    QLabel *m_noticeText = nullptr;
    QLabel *m_emptyHint = nullptr; // over the empty frames table: what to do first
    QPushButton *m_noticeUsePort = nullptr;
    QPushButton *m_noticeSettings = nullptr;

    ChatPane *m_chatPane = nullptr;
    FrameComposer *m_composer = nullptr;
    inspector::FrameDetailPane *m_detail = nullptr;
    inspector::HandshakeView *m_handshake = nullptr;
    inspector::TimelineView *m_timeline = nullptr;
    QList<QDockWidget *> m_docks;
    QDockWidget *m_detailDock = nullptr;
    QDockWidget *m_chatDock = nullptr;
    QDockWidget *m_composerDock = nullptr;
    QDockWidget *m_handshakeDock = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    QDockWidget *m_transportsDock = nullptr;
    TransportPanel *m_transports = nullptr;
    LessonTracker *m_lessons = nullptr;
    LessonsPane *m_lessonsPane = nullptr;
    QDockWidget *m_lessonsDock = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_captureMenu = nullptr;
    QMenu *m_handshakeMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_docksMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QToolButton *m_handshakeButton = nullptr;
    QToolButton *m_modeButton = nullptr;
    QMenu *m_modeMenu = nullptr;
    QActionGroup *m_modeGroup = nullptr;
    QAction *m_embeddedModeAction = nullptr;
    QAction *m_proxyModeAction = nullptr;
    QAction *m_clientModeAction = nullptr;
    QAction *m_newClientAction = nullptr; // File ▸ New Client Connection…
    QLabel *m_modeLabel = nullptr; // the status bar's: the mode and, in proxy mode, the upstream
    ModeGate *m_chatGate = nullptr;
    ModeGate *m_composerGate = nullptr;
    ModeGate *m_transportsGate = nullptr;

    QAction *m_openBrowserAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_holdAction = nullptr;
    QAction *m_deliverNextAction = nullptr;
    QAction *m_deliverAllAction = nullptr;
    QAction *m_firstAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_lastAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_compressionAction = nullptr; // permessage-deflate for new connections
    QAction *m_resetLayoutAction = nullptr;
    QAction *m_howToAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QActionGroup *m_handshakeGroup = nullptr;
    QList<QAction *> m_handshakeActions; // indexed by HandshakeFault
    QActionGroup *m_languageGroup = nullptr;

    StatusPanel *m_status = nullptr;
    FocusRing *m_focusRing = nullptr;
    QTimer *m_rateTimer = nullptr;
    QElapsedTimer m_clock;
    RateMeter m_rates;
    int m_heldFrames = 0;
    bool m_welcomeChecked = false;
    bool m_defaultLayoutPending = false; // no saved layout: size the docks once the window is shown
};

} // namespace wslab::app
