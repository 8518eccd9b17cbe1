#pragma once

#include "frameedit.h"
#include "framehold.h"
#include "heldframe.h"
#include "proxysettings.h"
#include "relayend.h"
#include "relayleg.h"
#include "upgraderesponsewatcher.h"
#include "requestrewriter.h"
#include "upstreamfailure.h"

#include "capture/socketaddress.h"
#include "capture/tlsinfo.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractSocket;
class QTcpSocket;
QT_END_NAMESPACE

namespace wslab::capture {
class LiveRecorder;
}

namespace wslab::net {
class SocketPoller;
}

namespace wslab::proxy {

// One browser connection and its connection to the upstream, relayed byte for byte both ways by two
// RelayLegs while the recorder dissects both streams. Plain TCP ends are net::TcpStreams on the
// proxy's shared epoll set (a wss:// upstream keeps its QSslSocket), so an idle connection holds no
// socket buffers. Before the upstream is ready what the browser sends is read only up to the
// relay's bound (the kernel holds the rest); if the upstream cannot be reached the
// browser gets 502 Bad Gateway naming the reason. Either end leaving ends the other: what was
// still on its way is written out first, then the connection is closed (a TCP close; the proxy
// makes up no close frame, so the conversation stays the two ends' own).
class ProxyConnection : public QObject
{
    Q_OBJECT
public:
    // Takes `client` (a connected socket) over: its descriptor goes on `poller` as a TCP stream.
    // `tls`: the configuration of a wss:// upstream's socket (CAs, verification).
    ProxyConnection(quint64 id, QTcpSocket *client, net::SocketPoller &poller, const ProxySettings &settings,
                    const QSslConfiguration &tls, capture::LiveRecorder *recorder, QObject *parent = nullptr);
    ~ProxyConnection() override;

    void start();
    // Closes both ends now (the proxy stops); finished() follows.
    void abort();

    [[nodiscard]] quint64 id() const noexcept { return m_id; }
    // Bytes held in memory for this connection, both directions.
    [[nodiscard]] qint64 bufferedBytes() const;
    [[nodiscard]] bool isRelaying() const noexcept { return m_state == State::Relaying; }

    // Intercept (settings().intercept): hold the frames of one direction from its next frame
    // boundary after the upgrade (set before it, it applies from the first frame). Off forwards
    // what is held, in order.
    void setIntercept(capture::Direction direction, bool on);
    [[nodiscard]] bool isIntercepting(capture::Direction direction) const;
    // The frames one direction holds, oldest first.
    [[nodiscard]] QList<HeldFrame> heldFrames(capture::Direction direction) const;
    // On a held frame: forward it as it was, drop it (its receiver never gets it; the capture shows
    // it as dropped), or forward `edit` in its place. False if no such frame is held.
    bool forwardHeld(capture::Direction direction, quint64 heldId);
    bool dropHeld(capture::Direction direction, quint64 heldId);
    bool replaceHeld(capture::Direction direction, quint64 heldId, const FrameEdit &edit);
    // Sends a frame of the user's into a direction, valid or not, between two whole frames. False
    // before the upgrade, without intercept, or where the framing was given up.
    bool inject(capture::Direction direction, const FrameEdit &edit);

Q_SIGNALS:
    void finished(quint64 id);
    void frameHeld(quint64 connectionId, const wslab::proxy::HeldFrame &frame);
    void heldFrameGone(quint64 connectionId, wslab::capture::Direction direction, quint64 heldId);

private:
    enum class State : quint8 { Connecting, Relaying, Answering, Closing, Done };

    [[nodiscard]] QAbstractSocket *makeUpstream();
    [[nodiscard]] RelayEnd *adoptUpstream();
    void onUpstreamReady();
    void onClientReadable();
    void readEarly();
    void setUpRewriting();
    void setUpIntercept();
    [[nodiscard]] QByteArray watchResponse(QByteArray &&read);
    [[nodiscard]] FrameHold *holdOf(capture::Direction direction) const;
    [[nodiscard]] RelayLeg *legOf(capture::Direction direction) const;
    [[nodiscard]] QByteArray build(capture::Direction direction, const FrameEdit &edit) const;
    void afterRelease(capture::Direction direction);
    void onUpstreamError();
    void fail(UpstreamFailure failure);
    void collectRequest();
    void answerBadGateway();
    void onEndGone(bool clientSide);
    [[nodiscard]] bool bothEndsGone() const;
    void checkEnds();
    void finish();
    [[nodiscard]] capture::SocketAddress upstreamAddress() const;
    [[nodiscard]] capture::TlsInfo tlsInfo() const;

    quint64 m_id;
    net::SocketPoller *m_poller;
    RelayEnd *m_client = nullptr;
    QAbstractSocket *m_dialer = nullptr; // the upstream while it is being reached
    RelayEnd *m_upstream = nullptr;      // the upstream once it is ready
    ProxySettings m_settings;
    QSslConfiguration m_tls;
    capture::LiveRecorder *m_recorder;
    capture::SocketAddress m_clientAddress;
    capture::SocketAddress m_upstreamAddress;
    RelayLeg *m_toUpstream = nullptr;
    RelayLeg *m_toClient = nullptr;
    std::unique_ptr<RequestRewriter> m_rewriter; // only when something is to be rewritten
    // Intercept only: the upstream's answer read for the upgrade, and one hold per direction.
    std::unique_ptr<UpgradeResponseWatcher> m_watcher;
    std::unique_ptr<FrameHold> m_holds[2];
    QTimer m_timer; // connecting, waiting for the request to answer with 502, or closing
    State m_state = State::Connecting;
    std::optional<UpstreamFailure> m_failure;
    // What the browser sent before the upstream was ready (forwarded first), or to an upstream that
    // could not be reached (answered with 502).
    QByteArray m_request;
    bool m_opened = false;
    bool m_closerNoted = false;
    bool m_ended[2] = {false, false}; // per capture::Direction: that direction's source has ended
};

} // namespace wslab::proxy
