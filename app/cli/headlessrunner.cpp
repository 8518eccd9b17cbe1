#include "app/cli/headlessrunner.h"
#include "app/cli/stopsignal.h"

#include "capture/capturestream.h"
#include "proxy/proxyserver.h"
#include "server/serverhost.h"

#include <QCoreApplication>
#include <QDateTime>

namespace wslab::app {

namespace {

void printErr(const QString &text)
{
    RecordPrinter::printStatus(text);
}

} // namespace

HeadlessRunner::HeadlessRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_printer(options, QDateTime::currentMSecsSinceEpoch() * 1'000'000)
{
    if (!m_printer.open())
        m_exitCode = 2;
    // First, so that a signal arriving while the server starts already ends the run cleanly.
    connect(new StopSignal(this), &StopSignal::received, this, &HeadlessRunner::onSignal);
    if (options.upstream)
        setUpProxy();
    else
        setUpServer();
}

void HeadlessRunner::setUpServer()
{
    server::ServerSettings settings;
    m_options.applyTo(settings);
    if (m_options.quiet && !m_options.writeFile)
        settings.capturePayloadCap = qMin<qint64>(settings.capturePayloadCap, 4096); // records made, not printed
    m_host = new server::ServerHost(settings, this);
    connect(m_host, &server::ServerHost::listening, this, &HeadlessRunner::onListening);
    connect(m_host, &server::ServerHost::listenFailed, this, &HeadlessRunner::onListenFailed);
    connect(m_host, &server::ServerHost::stopped, this, &HeadlessRunner::onStopped);
    if (!m_options.quiet || m_options.writeFile)
        connect(m_host, &server::ServerHost::capturedBatch, this, &HeadlessRunner::onBatch);
}

void HeadlessRunner::setUpProxy()
{
    proxy::ProxySettings settings;
    m_options.applyTo(settings);
    m_proxyCapture = new capture::CaptureStream(this);
    m_proxyCapture->setEnabled(!m_options.noCapture && (!m_options.quiet || m_options.writeFile));
    m_proxy = new proxy::ProxyServer(settings, m_proxyCapture, this);
    connect(m_proxy, &proxy::ProxyServer::listening, this, &HeadlessRunner::onListening);
    connect(m_proxy, &proxy::ProxyServer::listenFailed, this, &HeadlessRunner::onListenFailed);
    connect(m_proxy, &proxy::ProxyServer::stopped, this, &HeadlessRunner::onStopped);
    connect(m_proxyCapture, &capture::CaptureStream::batchReady, this, &HeadlessRunner::onBatch);
}

HeadlessRunner::~HeadlessRunner() = default;

int HeadlessRunner::exec()
{
    if (m_exitCode != 0)
        return m_exitCode;
    if (m_proxy) {
        // Deferred like the server's start, so that a failure to listen ends the event loop.
        QMetaObject::invokeMethod(m_proxy, &proxy::ProxyServer::start, Qt::QueuedConnection);
    } else {
        m_host->start();
    }
    const int code = QCoreApplication::exec();
    return m_exitCode != 0 ? m_exitCode : code;
}

void HeadlessRunner::onListening(const QString &url, quint16 port)
{
    QString ws = url;
    ws.replace(QLatin1String("http://"), QLatin1String("ws://"));
    printErr(tr("WebSocket Lab %1 listening on %2 (port %3)").arg(QCoreApplication::applicationVersion(), url).arg(port));
    if (m_proxy) {
        printErr(tr("  relaying every connection to %1 (browser side plain ws:// on loopback)")
                         .arg(m_proxy->settings().upstream.toString()));
        printErr(tr("  Ctrl-C stops (every relayed connection is closed)"));
        return;
    }
    printErr(tr("  chat page %1   chat %2chatsocket   echo %2echo").arg(url, ws));
    printErr(tr("  Ctrl-C stops (close 1001 to every client)"));
}

void HeadlessRunner::onListenFailed(const QString &reason, quint16 port)
{
    printErr(tr("error: cannot listen on port %1: %2").arg(port).arg(reason));
    m_exitCode = 1;
    QCoreApplication::exit(1);
}

void HeadlessRunner::onBatch(const capture::CaptureBatch &records)
{
    m_printer.print(records);
}

void HeadlessRunner::onSignal()
{
    if (m_stopping) {
        printErr(tr("stopping now"));
        QCoreApplication::exit(m_exitCode);
        return;
    }
    m_stopping = true;
    if (m_proxy) {
        printErr(tr("closing every relayed connection…"));
        m_proxy->stop();
        return;
    }
    printErr(tr("closing every connection (1001 Going Away)…"));
    m_host->stop();
}

void HeadlessRunner::onStopped()
{
    if (m_proxyCapture)
        m_proxyCapture->flush(); // the records of the connections just closed
    if (m_stopping)
        QCoreApplication::exit(m_exitCode);
}

} // namespace wslab::app
