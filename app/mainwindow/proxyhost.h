#pragma once

#include "capture/capturerecord.h"
#include "proxy/frameedit.h"
#include "proxy/heldframe.h"
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

    // Intercept (app/intercept/): whether this run can hold frames (ProxySettings::intercept);
    // holding a direction applies to the open connections and every new one, and is kept across
    // restarts. The rest acts on one held frame or connection, as ProxyServer does.
    [[nodiscard]] bool canIntercept() const;
    [[nodiscard]] bool isHolding(capture::Direction direction) const { return m_hold[int(direction)]; }
    void setHolding(capture::Direction direction, bool on);
    [[nodiscard]] QList<quint64> openConnections() const { return m_open; }
    bool forwardHeld(quint64 connectionId, capture::Direction direction, quint64 heldId);
    bool dropHeld(quint64 connectionId, capture::Direction direction, quint64 heldId);
    bool replaceHeld(quint64 connectionId, capture::Direction direction, quint64 heldId, const proxy::FrameEdit &edit);
    bool inject(quint64 connectionId, capture::Direction direction, const proxy::FrameEdit &edit);

Q_SIGNALS:
    void listening(const QString &url, quint16 port);
    void listenFailed(const QString &reason, quint16 port);
    void capturedBatch(const wslab::capture::CaptureBatch &batch);
    void stopped();
    void frameHeld(quint64 connectionId, const wslab::proxy::HeldFrame &frame);
    void heldFrameGone(quint64 connectionId, wslab::capture::Direction direction, quint64 heldId);
    void connectionFinished(quint64 connectionId);
    // openConnections() changed.
    void connectionsChanged();

private:
    void trackConnections(const capture::CaptureBatch &batch);

    QList<quint64> m_open; // relayed connections, oldest first (from their ConnectionOpened)
    bool m_hold[2] = {false, false}; // per capture::Direction
    QString m_upstreamUrl; // kept after stop(): the last records name it
    capture::CaptureStream *m_capture = nullptr;
    proxy::ProxyServer *m_proxy = nullptr;
};

} // namespace wslab::app
