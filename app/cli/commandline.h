#pragma once

#include "app/cli/startupoptions.h"

#include "client/clientsettings.h"
#include "proxy/proxysettings.h"
#include "server/serversettings.h"

#include <QCoreApplication>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE
#include <QString>
#include <QStringList>

#include <optional>

namespace wslab::app {

// Everything the command line can say, before it is applied to anything.
struct CommandLineOptions
{
    bool headless = false;
    bool quiet = false;                 // headless: no line per record
    StartupOptions startup;             // --port, --bind, --lang (both modes)
    QStringList allowedOrigins;         // --allow-origin, repeatable
    bool allowAnyOrigin = false;        // --allow-origin '*'
    std::optional<qint64> maxMessage;   // --max-message
    std::optional<qint64> maxFrame;     // --max-frame
    std::optional<qint64> fragmentSize; // --fragment-size
    std::optional<int> pingIntervalMs;  // --ping-interval
    std::optional<QString> webRoot;     // --web-root
    bool noCapture = false;             // --no-capture
    std::optional<bool> deflate;        // --deflate (true), --no-deflate (false)
    bool echoAll = false;               // --echo-all
    std::optional<QString> readFile;    // --read: a capture file instead of a server
    QStringList openFiles;              // FILE...: capture files the app opens, each in a window of its own
    bool json = false;                  // --json: one JSON object per record (--read, --headless)
    bool summary = false;               // --summary: totals only (--read)
    QList<quint16> decodeAsPorts;       // --decode-as: WebSocket from the first byte (--read)
    std::optional<QString> writeFile;   // --write: save the records as pcapng (--headless, --read)
    std::optional<proxy::UpstreamUrl> upstream; // --upstream: relay to this server instead of serving
    bool rewriteHost = false;           // --rewrite-host (with --upstream)
    std::optional<QString> upstreamCa;  // --upstream-ca: PEM CA certificates trusted for a wss upstream
    bool insecure = false;              // --insecure: the wss upstream's (or server's) certificate is not checked
    std::optional<client::ServerUrl> connectUrl; // --connect: be a client of this server
    bool binary = false;                // --binary: each input line is hex, sent as a binary message
    std::optional<QString> ca;          // --ca: PEM CA certificates trusted for a wss --connect
    QList<std::pair<QByteArray, QByteArray>> headers; // -H "Name: value", repeatable
    QList<QByteArray> subprotocols;     // --subprotocol, repeatable
    std::optional<QString> replayFile;  // --replay: a connection of this file sent again to --connect URL
    std::optional<quint64> replayConnection; // --replay-conn: which one (default: the first WebSocket one)
    bool replayTiming = false;          // --replay-timing: with the recorded gaps between frames

    // Overrides what the command line names; everything else stays as given.
    void applyTo(server::ServerSettings &settings) const;
    // Proxy mode: where to listen (as the server would) and where to relay.
    void applyTo(proxy::ProxySettings &settings) const;
    // Client mode: where to connect and what the opening handshake offers.
    void applyTo(client::ClientSettings &settings) const;
};

// The wslab command line (QCommandLineParser). parse() never exits the process: --help and
// --version come back as actions for main() to carry out, so the parser is testable.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::CommandLine)
public:
    enum class Action : quint8 {
        Run,
        ShowHelp,    // print `text` to stdout, exit 0
        ShowVersion, // print `text` to stdout, exit 0
        Error,       // print `text` to stderr, exit 2
    };

    struct Result
    {
        Action action = Action::Run;
        QString text;
        CommandLineOptions options;
        QStringList warnings; // printed to stderr, the run goes on (e.g. a non-loopback --bind)
    };

    // `arguments` includes the program name first, as QCoreApplication::arguments() does.
    [[nodiscard]] static Result parse(const QStringList &arguments);

    // Cheap pre-check on argv, before any application object exists: GUI or not decides which
    // application class main() creates.
    [[nodiscard]] static bool isHeadlessRequested(int argc, const char *const *argv);

    // The line printed after an error's text, in the language of the rest of the command line.
    [[nodiscard]] static QString helpHint();

    // "65536", "64K", "16M", "1G", "16MiB" (powers of 1024); nullopt if not a size.
    [[nodiscard]] static std::optional<qint64> parseByteSize(const QString &text);

private:
    // --connect and the options that go with it; an error's text, or empty.
    [[nodiscard]] static QString parseClientOptions(const QCommandLineParser &parser, Result &result);
    // --replay and the options that go with it (after --connect); an error's text, or empty.
    [[nodiscard]] static QString parseReplayOptions(const QCommandLineParser &parser, Result &result);
};

} // namespace wslab::app
