#include "app/cli/commandline.h"

#include <QCommandLineParser>
#include <QHostAddress>

#include <cstring>
#include <limits>

namespace wslab::app {

void CommandLineOptions::applyTo(server::ServerSettings &settings) const
{
    if (startup.port)
        settings.port = *startup.port;
    if (startup.bindAddress)
        settings.bindAddress = *startup.bindAddress;
    if (!allowedOrigins.isEmpty())
        settings.allowedOrigins = allowedOrigins;
    if (allowAnyOrigin)
        settings.allowAnyOrigin = true;
    if (maxMessage)
        settings.maxMessageSize = *maxMessage;
    if (maxFrame)
        settings.maxFramePayload = *maxFrame;
    if (fragmentSize)
        settings.outgoingFragmentSize = *fragmentSize;
    if (pingIntervalMs)
        settings.pingIntervalMs = *pingIntervalMs;
    if (webRoot)
        settings.staticRoot = *webRoot;
    if (noCapture)
        settings.captureEnabled = false;
    if (deflate)
        settings.permessageDeflate = *deflate;
    if (echoAll)
        settings.echoEverywhere = true;
}

void CommandLineOptions::applyTo(proxy::ProxySettings &settings) const
{
    if (startup.port)
        settings.port = *startup.port;
    if (startup.bindAddress)
        settings.bindAddress = *startup.bindAddress;
    if (upstream)
        settings.upstream = *upstream;
    settings.rewriteHost = rewriteHost;
    if (upstreamCa)
        settings.caFile = *upstreamCa;
    settings.insecure = insecure;
}

void CommandLineOptions::applyTo(client::ClientSettings &settings) const
{
    if (connectUrl)
        settings.url = *connectUrl;
    settings.headers = headers;
    settings.subprotocols = subprotocols;
    // Client mode offers permessage-deflate unless told not to.
    settings.offerDeflate = deflate.value_or(true);
    if (ca)
        settings.caFile = *ca;
    settings.insecure = insecure;
    if (maxMessage)
        settings.maxMessageSize = *maxMessage;
}

bool CommandLine::isHeadlessRequested(int argc, const char *const *argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0)
            break;
        // Reading a file needs no display either.
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "--read") == 0
            || std::strncmp(argv[i], "--read=", 7) == 0 || std::strcmp(argv[i], "--connect") == 0
            || std::strncmp(argv[i], "--connect=", 10) == 0 || std::strcmp(argv[i], "--replay") == 0
            || std::strncmp(argv[i], "--replay=", 9) == 0)
            return true;
    }
    return false;
}

std::optional<qint64> CommandLine::parseByteSize(const QString &text)
{
    QString number = text.trimmed();
    qint64 unit = 1;
    static const struct
    {
        const char *suffix;
        qint64 factor;
    } suffixes[] = {
        {"KiB", 1024}, {"MiB", 1024 * 1024}, {"GiB", 1024 * 1024 * 1024},
        {"K", 1024},   {"M", 1024 * 1024},   {"G", 1024 * 1024 * 1024},
    };
    for (const auto &suffix : suffixes) {
        if (number.endsWith(QLatin1String(suffix.suffix), Qt::CaseInsensitive)) {
            number.chop(qsizetype(std::strlen(suffix.suffix)));
            unit = suffix.factor;
            break;
        }
    }
    bool ok = false;
    const qint64 value = number.trimmed().toLongLong(&ok);
    if (!ok || value < 0 || value > std::numeric_limits<qint64>::max() / unit)
        return std::nullopt;
    return value * unit;
}

QString CommandLine::helpHint()
{
    return tr("Try 'wslab --help'.");
}

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            tr("WebSocket Lab: a WebSocket server with a frame inspector, for learning and debugging "
               "RFC 6455.\n\nEndpoints: / (chat page), /chatsocket (chat), /echo (echo), "
               "/poll, /longpoll, /send (HTTP transports)."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help and exit."));
    const QCommandLineOption version(QStringLiteral("version"), tr("Show the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      tr("Run the server without a window; print one line per frame or HTTP "
                                         "message (time, connection, direction C→S / S→C, FIN, RSV, opcode, "
                                         "MASK, length and its tier, payload preview). Ctrl-C closes every "
                                         "client with 1001 and exits."));
    const QCommandLineOption port(QStringLiteral("port"), tr("Listen on this TCP port (default 8002; 0 = any free port)."),
                                  tr("N"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  tr("Listen on this address (default 127.0.0.1). Anything else makes the "
                                     "server reachable from other machines."),
                                  tr("ADDR"));
    const QCommandLineOption allowOrigin(QStringLiteral("allow-origin"),
                                         tr("Also accept WebSocket upgrades from pages of this origin, e.g. "
                                            "https://example.com (repeatable; '*' accepts every origin). By "
                                            "default only the app's own page may connect."),
                                         tr("ORIGIN"));
    const QCommandLineOption maxMessage(QStringLiteral("max-message"),
                                        tr("Largest message accepted, in bytes (K, M, G suffixes allowed; "
                                           "default 16M). Larger ones are closed with 1009."),
                                        tr("BYTES"));
    const QCommandLineOption maxFrame(QStringLiteral("max-frame"),
                                      tr("Largest frame payload accepted, in bytes (default 16M); decided from "
                                         "the frame header, before the payload is read."),
                                      tr("BYTES"));
    const QCommandLineOption fragmentSize(QStringLiteral("fragment-size"),
                                          tr("Split outgoing messages into frames of at most this many payload "
                                             "bytes (default 0: one frame per message)."),
                                          tr("BYTES"));
    const QCommandLineOption pingInterval(QStringLiteral("ping-interval"),
                                          tr("Ping a client after this many idle milliseconds (default 0: never)."),
                                          tr("MS"));
    const QCommandLineOption noCapture(QStringLiteral("no-capture"),
                                       tr("Record nothing (fastest; headless prints nothing either)."));
    const QCommandLineOption deflate(QStringLiteral("deflate"),
                                     tr("Accept permessage-deflate (RFC 7692) when a browser offers it: messages "
                                        "travel compressed (RSV1, DEFLATE payloads). Off by default, so frames "
                                        "show the text and the length forms as typed."));
    const QCommandLineOption noDeflate(QStringLiteral("no-deflate"),
                                       tr("Decline permessage-deflate (RFC 7692) for this run, whatever the saved "
                                          "settings say: every frame goes uncompressed, even to browsers that "
                                          "offer compression. With --connect: do not offer it."));
    const QCommandLineOption echoAll(QStringLiteral("echo-all"),
                                     tr("Every WebSocket endpoint echoes, /chatsocket included (conformance runs)."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), tr("Headless: do not print a line per record."));
    const QCommandLineOption lang(QStringLiteral("lang"), tr("User interface language: en or zh_CN."), tr("CODE"));
    const QCommandLineOption webRoot(QStringLiteral("web-root"),
                                     tr("Serve the page from this folder instead of the built-in copy."),
                                     tr("DIR"));
    const QCommandLineOption read(QStringLiteral("read"),
                                  tr("Read a capture file (pcap or pcapng, as tcpdump and Wireshark write them; "
                                     "recognised by its content) and print one line per record, as --headless "
                                     "does. No server is started."),
                                  tr("FILE"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  tr("With --read or --headless: print one JSON object per record instead of a "
                                     "line of text."));
    const QCommandLineOption summary(QStringLiteral("summary"),
                                     tr("With --read: print totals only (connections, frames per direction and "
                                        "opcode, messages, bytes, errors, gaps, time span)."));
    const QCommandLineOption decodeAs(QStringLiteral("decode-as"),
                                      tr("With --read: read connections to this server port as WebSocket from "
                                         "their first byte, for captures that begin after the upgrade "
                                         "(repeatable)."),
                                      tr("PORT"));
    const QCommandLineOption write(QStringLiteral("write"),
                                   tr("With --headless: save every record to this pcapng file as it happens "
                                      "(Wireshark and tshark open it; a killed run leaves the file readable up "
                                      "to its last batch). With --read: save what was read; a name ending "
                                      "in .har exports HAR, the messages as Chrome DevTools writes them."),
                                   tr("FILE"));
    const QCommandLineOption upstream(QStringLiteral("upstream"),
                                      tr("Run as a transparent proxy instead of the server (the app starts in "
                                         "proxy mode; with --headless, in the terminal). Every connection to --port is relayed byte for byte to this WebSocket "
                                         "server (ws://host:port/prefix or wss://...; plain HTTP passes too), and "
                                         "both directions are printed as --headless prints its own. The browser "
                                         "side stays plain ws:// on loopback."),
                                      tr("URL"));
    const QCommandLineOption rewriteHost(QStringLiteral("rewrite-host"),
                                         tr("With --upstream: write the upstream's host:port into each request's "
                                            "Host header (kept as the browser sent it by default). The only "
                                            "option that changes bytes; changed requests are marked."));
    const QCommandLineOption upstreamCa(QStringLiteral("upstream-ca"),
                                        tr("With a wss:// --upstream: also trust the CA certificates in this PEM "
                                           "file (the system's CAs are always trusted)."),
                                        tr("FILE"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      tr("With a wss:// --upstream or --connect URL: do not check the server's "
                                         "certificate at all (a warning says so)."));
    const QCommandLineOption connectTo(QStringLiteral("connect"),
                                       tr("Be a WebSocket client of this server (ws://host:port/path or wss://...), "
                                          "without a window: every line read from standard input is sent as a "
                                          "text message, every frame both ways is printed as --headless prints "
                                          "them, and at the end of input the connection is closed with 1000. "
                                          "Exits 0 after a clean close, 1 with the reason otherwise. "
                                          "permessage-deflate is offered unless --no-deflate is given."),
                                       tr("URL"));
    const QCommandLineOption binary(QStringLiteral("binary"),
                                    tr("With --connect: each input line is hexadecimal (spaces allowed), sent as "
                                       "a binary message."));
    const QCommandLineOption ca(QStringLiteral("ca"),
                                tr("With a wss:// --connect URL: also trust the CA certificates in this PEM file "
                                   "(the system's CAs are always trusted)."),
                                tr("FILE"));
    const QCommandLineOption header({QStringLiteral("H"), QStringLiteral("header")},
                                    tr("With --connect: add this header field to the opening handshake, e.g. "
                                       "\"Origin: https://example.com\" (repeatable)."),
                                    tr("FIELD"));
    const QCommandLineOption subprotocol(QStringLiteral("subprotocol"),
                                         tr("With --connect: offer this subprotocol in Sec-WebSocket-Protocol "
                                            "(repeatable, in order of preference)."),
                                         tr("NAME"));
    const QCommandLineOption replay(QStringLiteral("replay"),
                                    tr("With --connect URL: send one connection of this capture file (pcap, "
                                       "pcapng, HAR or a saved session) again to the server at URL: its recorded "
                                       "opening handshake (Host and Sec-WebSocket-Key new) and every frame the "
                                       "client sent, byte for byte, control frames and close included. Both "
                                       "directions are printed as --connect prints them. Exits 0 after a clean "
                                       "close."),
                                    tr("FILE"));
    const QCommandLineOption replayConn(QStringLiteral("replay-conn"),
                                        tr("With --replay: the connection to replay, by the number the printed "
                                           "records give it (default: the first WebSocket connection)."),
                                        tr("ID"));
    const QCommandLineOption replayTiming(QStringLiteral("replay-timing"),
                                          tr("With --replay: wait the recorded time between frames (gaps over a "
                                             "minute are cut to a minute) instead of sending them at once."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 tr("Capture files to open, each in a window of its own beside the live one (pcap, "
                                    "pcapng, a Chrome HAR or a session the app saved)."),
                                 tr("[FILE...]"));
    parser.addOptions({help, version, headless, port, bind, allowOrigin, maxMessage, maxFrame, fragmentSize,
                       pingInterval, noCapture, deflate, noDeflate, echoAll, quiet, lang, webRoot, read, json,
                       summary, decodeAs, write, upstream, rewriteHost, upstreamCa, insecure, connectTo, binary, ca,
                       header, subprotocol, replay, replayConn, replayTiming});

    Result result;
    auto error = [&result](const QString &text) {
        result.action = Action::Error;
        result.text = text;
        return result;
    };
    if (!parser.parse(arguments))
        return error(parser.errorText());
    // Known before anything else, so help and later errors can speak it.
    if (parser.isSet(lang))
        result.options.startup.language = parser.value(lang);
    if (parser.isSet(help)) {
        result.action = Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = Action::ShowVersion;
        result.text = QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                    QCoreApplication::applicationVersion());
        return result;
    }

    CommandLineOptions &options = result.options;
    options.headless = parser.isSet(headless);
    options.quiet = parser.isSet(quiet);
    options.noCapture = parser.isSet(noCapture);
    if (parser.isSet(deflate) && parser.isSet(noDeflate))
        return error(tr("--deflate and --no-deflate contradict each other: give one of them"));
    if (parser.isSet(deflate) || parser.isSet(noDeflate))
        options.deflate = parser.isSet(deflate);
    options.echoAll = parser.isSet(echoAll);
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return error(tr("--port needs a number from 0 to 65535, not \"%1\"").arg(parser.value(port)));
        options.startup.port = quint16(value);
    }
    if (parser.isSet(bind)) {
        const QString address = parser.value(bind);
        const QHostAddress parsed(address);
        if (parsed.isNull() && address.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0)
            return error(tr("--bind needs an IP address, not \"%1\"").arg(address));
        if (!parsed.isNull() && !parsed.isLoopback())
            result.warnings.append(tr("warning: listening on %1 makes the server reachable from other machines")
                                           .arg(address));
        options.startup.bindAddress = address;
    }
    for (const QString &origin : parser.values(allowOrigin)) {
        if (origin.trimmed() == QLatin1String("*"))
            options.allowAnyOrigin = true;
        else
            options.allowedOrigins.append(origin.trimmed());
    }
    const auto size = [&](const QCommandLineOption &option, std::optional<qint64> &target) {
        if (!parser.isSet(option))
            return true;
        target = parseByteSize(parser.value(option));
        return target.has_value();
    };
    if (!size(maxMessage, options.maxMessage))
        return error(tr("--max-message needs a size in bytes, not \"%1\"").arg(parser.value(maxMessage)));
    if (!size(maxFrame, options.maxFrame))
        return error(tr("--max-frame needs a size in bytes, not \"%1\"").arg(parser.value(maxFrame)));
    if (!size(fragmentSize, options.fragmentSize))
        return error(tr("--fragment-size needs a size in bytes, not \"%1\"").arg(parser.value(fragmentSize)));
    if (parser.isSet(pingInterval)) {
        bool ok = false;
        const int value = parser.value(pingInterval).toInt(&ok);
        if (!ok || value < 0)
            return error(tr("--ping-interval needs milliseconds, not \"%1\"").arg(parser.value(pingInterval)));
        options.pingIntervalMs = value;
    }
    if (parser.isSet(webRoot))
        options.webRoot = parser.value(webRoot);
    if (parser.isSet(read))
        options.readFile = parser.value(read);
    options.json = parser.isSet(json);
    options.summary = parser.isSet(summary);
    for (const QString &text : parser.values(decodeAs)) {
        bool ok = false;
        const uint value = text.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return error(tr("--decode-as needs a port from 1 to 65535, not \"%1\"").arg(text));
        options.decodeAsPorts.append(quint16(value));
    }
    if (const QString clientError = parseClientOptions(parser, result); !clientError.isEmpty())
        return error(clientError);
    if (const QString replayError = parseReplayOptions(parser, result); !replayError.isEmpty())
        return error(replayError);
    if (parser.isSet(write)) {
        options.writeFile = parser.value(write);
        if (!options.readFile && !options.headless && !options.connectUrl)
            return error(tr("--write goes with --headless, --connect URL or --read FILE"));
        if (options.noCapture)
            return error(tr("--write needs the capture: it cannot be combined with --no-capture"));
    }
    if (parser.isSet(upstream)) {
        const auto parsed = proxy::UpstreamUrl::parse(parser.value(upstream));
        if (const auto *url = std::get_if<proxy::UpstreamUrl>(&parsed))
            options.upstream = *url;
        else
            return error(tr("--upstream needs a ws:// or wss:// URL, not \"%1\": %2")
                                 .arg(parser.value(upstream),
                                      QCoreApplication::translate(proxy::upstreamUrlErrorContext,
                                                                  proxy::upstreamUrlErrorReason(
                                                                          std::get<proxy::UpstreamUrlError>(parsed)))));
    }
    options.rewriteHost = parser.isSet(rewriteHost);
    if (options.rewriteHost && !options.upstream)
        return error(tr("--rewrite-host goes with --upstream URL"));
    if (parser.isSet(upstreamCa))
        options.upstreamCa = parser.value(upstreamCa);
    if (options.upstreamCa && !(options.upstream && options.upstream->secure))
        return error(tr("--upstream-ca and --insecure go with a wss:// --upstream URL"));
    if (options.insecure && !(options.upstream && options.upstream->secure) && !(options.connectUrl && options.connectUrl->secure))
        return error(tr("--insecure goes with a wss:// --upstream or --connect URL"));
    if (options.upstreamCa && options.insecure)
        return error(tr("--upstream-ca and --insecure contradict each other: give one of them"));
    if (options.insecure && options.connectUrl)
        result.warnings.append(tr("warning: --insecure: the server's certificate is not checked; anyone "
                                  "between wslab and %1 can read and change the traffic")
                                       .arg(options.connectUrl->toString()));
    else if (options.insecure)
        result.warnings.append(tr("warning: --insecure: the upstream's certificate is not checked; anyone "
                                  "between wslab and %1 can read and change the traffic")
                                       .arg(options.upstream->toString()));
    if (options.readFile && options.headless)
        return error(tr("--read and --headless cannot be combined: a file is read, or a server runs"));
    options.openFiles = parser.positionalArguments();
    if (!options.openFiles.isEmpty() && (options.headless || options.readFile || options.connectUrl))
        return error(tr("%1: capture files named without an option open in the app's windows; without a "
                        "window, read one with --read FILE")
                             .arg(options.openFiles.constFirst()));
    if ((options.summary || !options.decodeAsPorts.isEmpty()) && !options.readFile)
        return error(tr("--summary and --decode-as go with --read FILE"));
    if (options.json && !options.readFile && !options.headless && !options.connectUrl)
        return error(tr("--json goes with --read FILE, --headless or --connect URL"));
    return result;
}

QString CommandLine::parseClientOptions(const QCommandLineParser &parser, Result &result)
{
    CommandLineOptions &options = result.options;
    options.insecure = parser.isSet(QStringLiteral("insecure"));
    options.binary = parser.isSet(QStringLiteral("binary"));
    if (parser.isSet(QStringLiteral("ca")))
        options.ca = parser.value(QStringLiteral("ca"));
    for (const QString &field : parser.values(QStringLiteral("H"))) {
        // RFC 9110 §5: a field line is "name: value", the name a token.
        const qsizetype colon = field.indexOf(u':');
        const QByteArray name = field.left(colon).trimmed().toLatin1();
        if (colon <= 0 || name.isEmpty() || name.contains(' ') || field.contains(u'\r') || field.contains(u'\n'))
            return tr("-H needs a header field as \"Name: value\", not \"%1\"").arg(field);
        options.headers.append({name, field.mid(colon + 1).trimmed().toUtf8()});
    }
    for (const QString &name : parser.values(QStringLiteral("subprotocol"))) {
        if (name.trimmed().isEmpty() || name.contains(u',') || name.contains(u' '))
            return tr("--subprotocol needs one token, not \"%1\"").arg(name);
        options.subprotocols.append(name.trimmed().toLatin1());
    }
    const bool clientOnly = options.binary || options.ca || !options.headers.isEmpty() || !options.subprotocols.isEmpty();
    if (!parser.isSet(QStringLiteral("connect")))
        return clientOnly ? tr("--binary, --ca, -H and --subprotocol go with --connect URL") : QString();
    const QString text = parser.value(QStringLiteral("connect"));
    const auto parsed = client::ServerUrl::parse(text);
    if (const auto *urlError = std::get_if<client::ServerUrlError>(&parsed))
        return tr("--connect needs a ws:// or wss:// URL, not \"%1\": %2")
                .arg(text, QCoreApplication::translate(client::serverUrlErrorContext,
                                                       client::serverUrlErrorReason(*urlError)));
    options.connectUrl = std::get<client::ServerUrl>(parsed);
    if (options.ca && !options.connectUrl->secure)
        return tr("--ca goes with a wss:// --connect URL");
    if (options.ca && options.insecure)
        return tr("--ca and --insecure contradict each other: give one of them");
    if (parser.isSet(QStringLiteral("upstream")) || parser.isSet(QStringLiteral("read")))
        return tr("--connect cannot be combined with --upstream or --read");
    return {};
}

QString CommandLine::parseReplayOptions(const QCommandLineParser &parser, Result &result)
{
    CommandLineOptions &options = result.options;
    options.replayTiming = parser.isSet(QStringLiteral("replay-timing"));
    if (!parser.isSet(QStringLiteral("replay")))
        return options.replayTiming || parser.isSet(QStringLiteral("replay-conn"))
                ? tr("--replay-conn and --replay-timing go with --replay FILE")
                : QString();
    options.replayFile = parser.value(QStringLiteral("replay"));
    if (!options.connectUrl)
        return tr("--replay needs --connect URL: the server to replay the connection to");
    // The recorded handshake is what goes out: nothing of the client's own offer applies.
    if (options.binary || !options.headers.isEmpty() || !options.subprotocols.isEmpty() || options.deflate)
        return tr("--replay sends the recorded handshake and frames: --binary, -H, --subprotocol, --deflate and "
                  "--no-deflate do not go with it");
    if (parser.isSet(QStringLiteral("replay-conn"))) {
        bool ok = false;
        const quint64 id = parser.value(QStringLiteral("replay-conn")).toULongLong(&ok);
        if (!ok || id == 0)
            return tr("--replay-conn needs a connection number, not \"%1\"").arg(parser.value(QStringLiteral("replay-conn")));
        options.replayConnection = id;
    }
    return {};
}

} // namespace wslab::app
