#pragma once

#include "app/cli/commandline.h"
#include "app/cli/recordprinter.h"

#include "capture/capturerecord.h"

#include <QObject>

namespace wslab::server {
class ServerHost;
}
namespace wslab::capture {
class CaptureStream;
}
namespace wslab::proxy {
class ProxyServer;
}

namespace wslab::app {

// `wslab --headless`: the same server without widgets (with --upstream, the proxy instead). Prints one line per capture record to
// stdout (unless --quiet), status to stderr; SIGINT / SIGTERM close every client with 1001 and end
// the run (a second signal ends it at once; StopSignal).
class HeadlessRunner : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessRunner(const CommandLineOptions &options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Starts the server and runs the event loop; the process exit code.
    int exec();

private:
    void setUpServer();
    void setUpProxy();
    void onListening(const QString &url, quint16 port);
    void onListenFailed(const QString &reason, quint16 port);
    void onBatch(const capture::CaptureBatch &records);
    void onSignal();
    void onStopped();

    CommandLineOptions m_options;
    server::ServerHost *m_host = nullptr;
    // --upstream: the proxy and its capture, in this thread (a relay does little per byte).
    capture::CaptureStream *m_proxyCapture = nullptr;
    proxy::ProxyServer *m_proxy = nullptr;
    // --json: times since the epoch. The server's capture clock starts right after this run's
    // origin is read, so record times are at most the server's start-up time early.
    RecordPrinter m_printer;
    int m_exitCode = 0;
    bool m_stopping = false;
};

} // namespace wslab::app
