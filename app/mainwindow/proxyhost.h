#pragma once

#include "capture/capturerecord.h"
#include "proxy/proxysettings.h"

#include <QObject>

#include <memory>

namespace wslab::capture {
class CaptureStream;
}
namespace wslab::proxy {
class ProxyServer;
}

namespace wslab::app {

// Proxy mode's live source, as ServerHost is the embedded server's: a ProxyServer and the capture
// stream it dissects into, started with one upstream and stopped when the mode changes. Lives in
// the GUI thread (the relay is light; the dissector batches its records as the server's does).
class ProxyHost : public QObject
{
    Q_OBJECT
public:
    explicit ProxyHost(QObject *parent = nullptr);
    ~ProxyHost() override;

    [[nodiscard]] bool isRunning() const { return m_proxy != nullptr; }
    [[nodiscard]] qsizetype connectionCount() const;
    // The upstream as the proxy names it ("ws://127.0.0.1:3000/api"), of the last start.
    [[nodiscard]] QString upstreamUrl() const { return m_upstreamUrl; }

    // Listens and relays with these settings (a running proxy is stopped first); listening() or
    // listenFailed() follows.
    void start(const proxy::ProxySettings &settings, bool capture, qint64 payloadCap);
    // Cuts every relayed connection (each recorded as closed) and stops listening; stopped() follows
    // before it returns.
    void stop();

Q_SIGNALS:
    void listening(const QString &url, quint16 port);
    void listenFailed(const QString &reason, quint16 port);
    void capturedBatch(const wslab::capture::CaptureBatch &batch);
    void stopped();

private:
    QString m_upstreamUrl; // kept after stop(): the last records name it
    capture::CaptureStream *m_capture = nullptr;
    proxy::ProxyServer *m_proxy = nullptr;
};

} // namespace wslab::app
