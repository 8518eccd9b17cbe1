#include "app/cli/commandline.h"
#include "app/cli/capturefilerunner.h"
#include "app/cli/clientrunner.h"
#include "app/cli/replayrunner.h"
#include "app/cli/headlessrunner.h"
#include "app/cli/heaptuning.h"
#include "app/mainwindow/languagemanager.h"
#include "app/mainwindow/mainwindow.h"
#include "net/epolleventdispatcher.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>

#include <cstdio>

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("wslab"));
    QCoreApplication::setOrganizationName(QStringLiteral("WebSocket Lab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WSLAB_VERSION));
}

void print(std::FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stream);
}

// --help, --version and errors end the run here; 0 means "go on".
int handleNonRunActions(const wslab::app::CommandLine::Result &result)
{
    using Action = wslab::app::CommandLine::Action;
    for (const QString &warning : result.warnings)
        print(stderr, warning);
    switch (result.action) {
    case Action::ShowHelp:
    case Action::ShowVersion:
        print(stdout, result.text);
        return 0;
    case Action::Error:
        print(stderr, result.text);
        print(stderr, wslab::app::CommandLine::helpHint());
        return 2;
    case Action::Run:
        break;
    }
    return -1;
}

// Help, errors and the headless runner's own lines speak the user's language: --lang when given,
// else the system's. The parse runs again once the translator is in, so its texts come out
// translated.
wslab::app::CommandLine::Result parseTranslated(wslab::app::LanguageManager &language)
{
    auto result = wslab::app::CommandLine::parse(QCoreApplication::arguments());
    language.setLanguage(result.options.startup.language);
    if (language.current() != QLatin1String("en"))
        result = wslab::app::CommandLine::parse(QCoreApplication::arguments());
    return result;
}

int runHeadless(int argc, char *argv[])
{
    // The thread that relays (--upstream) and speaks as a client (--connect) waits in epoll_wait.
    QCoreApplication::setEventDispatcher(new wslab::net::EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    wslab::app::LanguageManager language;
    const auto result = parseTranslated(language);
    if (const int code = handleNonRunActions(result); code >= 0)
        return code;
    if (result.options.readFile)
        return wslab::app::CaptureFileRunner(result.options).exec();
    if (result.options.replayFile)
        return wslab::app::ReplayRunner(result.options).exec();
    if (result.options.connectUrl)
        return wslab::app::ClientRunner(result.options).exec();
    wslab::app::HeadlessRunner runner(result.options);
    return runner.exec();
}

// Help, version and command-line mistakes need no display: they are answered before the GUI
// application (and its platform plugin) exists. -1 means "start the GUI".
int answerWithoutGui(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    wslab::app::LanguageManager language;
    const auto result = parseTranslated(language);
    if (result.action == wslab::app::CommandLine::Action::Run)
        return -1; // its warnings are printed once, by the GUI's own parse
    return handleNonRunActions(result);
}

} // namespace

int main(int argc, char *argv[])
{
    wslab::app::tuneHeapForPayloads();
    // Headless needs no display: the application class is chosen before it is created.
    if (wslab::app::CommandLine::isHeadlessRequested(argc, argv))
        return runHeadless(argc, argv);

    if (const int code = answerWithoutGui(argc, argv); code >= 0)
        return code;

    // ---- GUI ----------------------------------------------------------------------------------
    // The desktop app goes here: a QApplication, the language (result.options.startup.language),
    // the saved preferences with result.options.applyTo(...) on top, MainWindow, app.exec().
    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/wslab.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.wslab.WebSocketLab"));
    const auto result = wslab::app::CommandLine::parse(QCoreApplication::arguments());
    if (const int code = handleNonRunActions(result); code >= 0)
        return code;
    // MainWindow installs the translators (--lang, else the saved choice, else the system's).
    wslab::app::StartupOptions startup = result.options.startup;
    startup.captureFiles = result.options.openFiles;
    // A file opened from the file manager or a terminal is what the person came for.
    startup.welcomeAllowed = startup.captureFiles.isEmpty();
    startup.applyOverrides = [options = result.options](wslab::server::ServerSettings &settings) {
        options.applyTo(settings);
    };
    if (const auto &upstream = result.options.upstream) {
        wslab::app::ProxyPreferences proxy;
        proxy.upstreamUrl = upstream->toString();
        proxy.rewriteHost = result.options.rewriteHost;
        proxy.caFile = result.options.upstreamCa.value_or(QString());
        proxy.insecure = result.options.insecure;
        startup.proxy = proxy;
    }
    wslab::app::MainWindow window(startup);
    window.show();
    return app.exec();
    // ---- end of GUI ---------------------------------------------------------------------------
}
