#pragma once

#include "capture/liverecorder.h"
#include "frameedit.h"
#include "heldframe.h"
#include "proxysettings.h"

#include <QHash>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>

namespace wslab::capture {
class CaptureStream;
}

namespace wslab::net {
class SocketPoller;
}

namespace wslab::proxy {

class ProxyConnection;

// Transparent proxy mode: listens where the embedded server would (loopback by default) and relays
// every accepted TCP connection to the upstream, plain HTTP and WebSocket alike, byte for byte. Both
// directions of each connection are dissected into the given capture stream, as records of the same
// kinds the embedded server makes, so the inspector and the headless printer read them unchanged.
// Lives in one thread (the caller's).
class ProxyServer : public QObject
{
    Q_OBJECT
public:
    ProxyServer(const ProxySettings &settings, capture::CaptureStream *capture, QObject *parent = nullptr);
    ~ProxyServer() override;

    [[nodiscard]] const ProxySettings &settings() const noexcept { return m_settings; }
    [[nodiscard]] bool isListening() const { return m_listener.isListening(); }
    [[nodiscard]] quint16 serverPort() const { return m_listener.serverPort(); }
    [[nodiscard]] QString url() const; // "http://127.0.0.1:8002/"
    [[nodiscard]] qsizetype connectionCount() const { return m_connections.size(); }
    // Bytes every connection holds in memory (the relay's buffers, both directions).
    [[nodiscard]] qint64 bufferedBytes() const;

    // Intercept (needs settings().intercept; see ProxyConnection): whether each new connection
    // holds the frames of a direction from its first one; and the same for one connection now.
    void setInterceptNewConnections(capture::Direction direction, bool on);
    bool setIntercept(quint64 connectionId, capture::Direction direction, bool on);
    [[nodiscard]] bool isIntercepting(quint64 connectionId, capture::Direction direction) const;
    [[nodiscard]] QList<HeldFrame> heldFrames(quint64 connectionId, capture::Direction direction) const;
    bool forwardHeld(quint64 connectionId, capture::Direction direction, quint64 heldId);
    bool dropHeld(quint64 connectionId, capture::Direction direction, quint64 heldId);
    bool replaceHeld(quint64 connectionId, capture::Direction direction, quint64 heldId, const FrameEdit &edit);
    bool inject(quint64 connectionId, capture::Direction direction, const FrameEdit &edit);

public Q_SLOTS:
    bool start();
    // Stops listening and cuts every connection (each is recorded as closed); stopped() follows.
    void stop();

Q_SIGNALS:
    void listening(const QString &url, quint16 port);
    void listenFailed(const QString &reason, quint16 port);
    void connectionFinished(quint64 connectionId);
    // A frame is held, waiting for forward, drop or replace; a held frame left the queue.
    void frameHeld(quint64 connectionId, const wslab::proxy::HeldFrame &frame);
    void heldFrameGone(quint64 connectionId, wslab::capture::Direction direction, quint64 heldId);
    void stopped();

private:
    void onNewConnection();
    [[nodiscard]] ProxyConnection *connection(quint64 connectionId) const { return m_connections.value(connectionId); }

    // wss: whom the upstream's certificate must chain to (the system's CAs and --upstream-ca).
    [[nodiscard]] bool loadTlsConfiguration(QString &error);

    ProxySettings m_settings;
    QSslConfiguration m_tls;
    capture::LiveRecorder m_recorder;
    QTcpServer m_listener;
    net::SocketPoller *m_poller; // readiness of every relayed plain TCP end
    QHash<quint64, ProxyConnection *> m_connections;
    quint64 m_nextId = 1;
    bool m_interceptNew[2] = {false, false}; // per capture::Direction
};

} // namespace wslab::proxy
