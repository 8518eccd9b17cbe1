// Polling, long polling and WebSocket carrying the same conversation: one sender posts lines at a
// fixed rate, N idle receivers per transport listen, and each transport's cost is measured from
// the bytes its clients wrote and read (AutoDemo, against the real server in its worker thread).
// Prints a Markdown table for the README:
//
//   bench_transports [--receivers 10,100] [--rates 0.5,2] [--messages 10] [--poll-interval 1000]

#include "app/transports/autodemo.h"
#include "app/transports/demoreport.h"
#include "app/transports/quantityformat.h"

#include "server/serverhost.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace wslab;
using app::AutoDemo;
using app::DemoResult;
using app::DemoScript;
using app::QuantityFormat;
using capture::Transport;

namespace {

struct Options
{
    QList<int> receivers{10, 100};
    QList<double> rates{0.5, 2};
    int messages = 10;
    int pollIntervalMs = 1000;
};

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Polling, long polling and WebSocket under one conversation."));
    parser.addHelpOption();
    const QCommandLineOption receivers(QStringLiteral("receivers"), QStringLiteral("Idle receivers per transport, "
                                       "comma-separated runs (default 10,100)."), QStringLiteral("list"), QStringLiteral("10,100"));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Lines sent per run (default 10)."),
                                      QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption rate(QStringLiteral("rates"), QStringLiteral("Lines per second, comma-separated runs "
                                  "(default 0.5,2)."), QStringLiteral("list"), QStringLiteral("0.5,2"));
    const QCommandLineOption poll(QStringLiteral("poll-interval"), QStringLiteral("Polling interval in ms (default 1000)."),
                                  QStringLiteral("ms"), QStringLiteral("1000"));
    parser.addOptions({receivers, messages, rate, poll});
    parser.process(app);
    Options options;
    options.receivers.clear();
    for (const QString &n : parser.value(receivers).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.receivers.append(n.toInt());
    options.messages = parser.value(messages).toInt();
    options.rates.clear();
    for (const QString &r : parser.value(rate).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.rates.append(r.toDouble());
    options.pollIntervalMs = parser.value(poll).toInt();
    const auto positive = [](auto v) { return v > 0; };
    if (options.receivers.isEmpty() || options.rates.isEmpty() || options.messages < 1
        || !std::all_of(options.receivers.cbegin(), options.receivers.cend(), positive)
        || !std::all_of(options.rates.cbegin(), options.rates.cend(), positive))
        return std::nullopt;
    return options;
}

DemoScript scriptFor(const Options &options, double rate, int receivers)
{
    DemoScript script;
    script.messageCount = options.messages;
    script.messageIntervalMs = int(1000 / rate);
    script.receiversPerTransport = receivers;
    script.pollIntervalMs = options.pollIntervalMs;
    script.setupTimeoutMs = 8000;
    script.drainTimeoutMs = options.pollIntervalMs + 2000;
    return script;
}

QString row(const DemoResult &result, Transport transport)
{
    const DemoResult::Lane &lane = result.lane(transport);
    const app::DemoTally &t = lane.tally;
    const double headerShare = t.totalBytes() > 0 ? double(t.headerBytes) / double(t.totalBytes()) : -1;
    const QString wasted = transport == Transport::WebSocket
        ? QStringLiteral("–")
        : QStringLiteral("%1 of %2").arg(t.wasted).arg(t.answers);
    const QString perMessage = t.delivered > 0 ? QuantityFormat::bytes(t.totalBytes() / t.delivered) : QStringLiteral("–");
    return QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10 |")
        .arg(QLocale().toString(1000.0 / result.script.messageIntervalMs, 'g', 3))
        .arg(lane.receivers)
        .arg(app::TransportStyle::name(transport), QuantityFormat::perSecond(result.exchangesPerSecond(transport)),
             wasted, QuantityFormat::bytesPerSecond(result.bytesPerSecond(transport)),
             QuantityFormat::percent(headerShare), perMessage,
             QuantityFormat::milliseconds(double(result.latencyPercentileMs(transport, 50))),
             QuantityFormat::milliseconds(double(result.latencyPercentileMs(transport, 95))));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const std::optional<Options> options = parseOptions(app);
    if (!options) {
        std::fputs("bench_transports: bad options (see --help)\n", stderr);
        return 2;
    }

    server::ServerSettings settings;
    settings.port = 0;
    settings.captureEnabled = false; // measure the transports, not the inspector's capture
    server::ServerHost host(settings);
    AutoDemo demo;
    QList<DemoResult> results;
    qsizetype next = 0;
    int status = 0;

    QList<DemoScript> runs;
    for (double rate : options->rates) {
        for (int receivers : options->receivers)
            runs.append(scriptFor(*options, rate, receivers));
    }
    const auto runNext = [&] {
        if (next >= runs.size()) {
            app.quit();
            return;
        }
        const DemoScript script = runs.at(next++);
        std::fprintf(stderr, "running: %d lines, one every %d ms, %d receivers per transport...\n",
                     script.messageCount, script.messageIntervalMs, script.receiversPerTransport);
        demo.start(script);
    };
    QObject::connect(&host, &server::ServerHost::listening, &demo, [&](const QString &, quint16 port) {
        demo.setServer(QStringLiteral("127.0.0.1"), port);
        runNext();
    });
    QObject::connect(&host, &server::ServerHost::listenFailed, &app, [&](const QString &reason, quint16) {
        std::fprintf(stderr, "bench_transports: %s\n", qPrintable(reason));
        status = 1;
        app.quit();
    });
    QObject::connect(&demo, &AutoDemo::finished, &app, [&](const DemoResult &result) {
        if (result.outcome != DemoResult::Outcome::Completed) {
            std::fprintf(stderr, "  %s\n", qPrintable(app::DemoReport::summary(result)));
            status = 1;
        }
        results.append(result);
        // Let the server forget the previous run's clients' connections before the next one.
        QTimer::singleShot(500, &demo, runNext);
    });
    host.start();
    app.exec();

    QTextStream out(stdout);
    out << "One conversation per row group: " << options->messages
        << " lines at a fixed rate from one sender (POST /send), N idle receivers per transport, polling every "
        << options->pollIntervalMs << " ms; loopback, in-process server; bytes as the receivers wrote and read "
        << "them, over the measured window (first line sent to last line delivered).\n\n";
    out << "| lines/s | N | transport | requests/s (WebSocket: frames/s) | wasted requests | bytes/s "
           "| header share | bytes per delivery | latency median | latency p95 |\n";
    out << "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const DemoResult &result : std::as_const(results)) {
        if (!result.hasMeasurements())
            continue;
        for (const Transport transport : app::TransportStyle::order)
            out << row(result, transport) << '\n';
    }
    out << '\n';
    for (const DemoResult &result : std::as_const(results)) {
        out << "N = " << result.script.receiversPerTransport << ", one line every " << result.script.messageIntervalMs
            << " ms: " << app::DemoReport::summary(result) << '\n';
        for (const QString &line : app::DemoReport::conclusions(result))
            out << "- " << line << '\n';
        out << '\n';
    }
    return status;
}
