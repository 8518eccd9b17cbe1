#include "proxyconnection.h"

#include "capture/hostsocketaddress.h"
#include "capture/liverecorder.h"
#include "capture/sockettlsinfo.h"
#include "net/tcpstream.h"
#include "server/protocol/permessagedeflate.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

namespace wslab::proxy {

using capture::Direction;
using capture::RecordKind;
using capture::SocketAddress;
using capture::socketAddressOf;

namespace {

int index(Direction direction)
{
    return direction == Direction::Inbound ? 0 : 1;
}

// What the record of an edited frame says was changed.
QString editNote(const protocol::DecodedFrame &original, const FrameEdit &edit, bool deflate)
{
    const protocol::FrameHeader &was = original.header;
    const protocol::FrameHeader &now = edit.header;
    QStringList changed;
    const auto note = [&changed](bool differs, const char *field) {
        if (differs)
            changed.append(QLatin1String(field));
    };
    note(was.fin != now.fin, "FIN");
    note(was.rsv1 != now.rsv1 && !(edit.compress && deflate), "RSV1");
    note(was.rsv2 != now.rsv2, "RSV2");
    note(was.rsv3 != now.rsv3, "RSV3");
    note(was.opcode != now.opcode, "opcode");
    note(was.masked != now.masked || (now.masked && was.maskKey != now.maskKey), "mask");
    note(was.lengthForm != now.lengthForm, "length form");
    note(edit.declaredLength.has_value() && *edit.declaredLength != quint64(original.payload.size()), "length");
    note(edit.compress || edit.payload != original.payload, "payload");
    QString text = QStringLiteral("changed: %1")
                           .arg(changed.isEmpty() ? QStringLiteral("nothing") : changed.join(QStringLiteral(", ")));
    if (edit.compress && deflate)
        text += QStringLiteral("; payload compressed by the proxy on its own (permessage-deflate)");
    return text;
}

// The browser's request is waited for this long after the upstream failed, so that the 502 answers
// it rather than arriving before it was sent.
constexpr int requestWaitMs = 2000;
constexpr qsizetype maxRequestHead = 64 * 1024;
// Both ends are given this long to take what was still on its way before the connection is cut.
constexpr int closeTimeoutMs = 10'000;

// A connected QTcpSocket's connection as a net::TcpStream on `poller`: the descriptor is duplicated
// and the socket closed (closing one of two descriptors of a connection ends nothing), with the
// bytes it had already read. Nothing of the QTcpSocket stays: no buffers, notifiers or engine.
net::TcpStream *streamOf(QAbstractSocket *socket, net::SocketPoller &poller, QObject *parent, QByteArray &alreadyRead)
{
    const int descriptor = ::dup(int(socket->socketDescriptor()));
    alreadyRead += socket->readAll();
    socket->abort();
    return descriptor < 0 ? nullptr : new net::TcpStream(descriptor, poller, parent);
}

} // namespace

ProxyConnection::ProxyConnection(quint64 id, QTcpSocket *client, net::SocketPoller &poller,
                                 const ProxySettings &settings, const QSslConfiguration &tls,
                                 capture::LiveRecorder *recorder, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_poller(&poller)
    , m_settings(settings)
    , m_tls(tls)
    , m_recorder(recorder)
    , m_clientAddress(socketAddressOf(client->peerAddress(), client->peerPort()))
{
    // Bytes go on as they came: Nagle's algorithm on either leg would merge what the sender wrote
    // apart (a frame sent byte by byte, a ping after a message) and change what the other end sees.
    // (A TcpStream sends with TCP_NODELAY; the TLS upstream is set so below.)
    net::TcpStream *stream = streamOf(client, poller, this, m_request);
    delete client;
    if (stream) // (no descriptor left: start() ends the connection at once)
        m_client = new RelayEnd(stream, this);
    m_timer.setSingleShot(true);
    if (m_settings.intercept)
        setUpIntercept();
}

ProxyConnection::~ProxyConnection() = default;

// The upstream is reached with a QTcpSocket (name lookup, errors, timeouts), then relayed as a
// TcpStream; a wss:// upstream stays a QSslSocket.
QAbstractSocket *ProxyConnection::makeUpstream()
{
    if (!m_settings.upstream.secure) {
        auto *socket = new QTcpSocket(this);
        connect(socket, &QAbstractSocket::connected, this, &ProxyConnection::onUpstreamReady);
        return socket;
    }
    // wss: relaying starts once the TLS handshake is done; a certificate that does not verify fails
    // the handshake (errorOccurred), and the browser gets 502 naming it.
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_tls);
    connect(socket, &QSslSocket::encrypted, this, &ProxyConnection::onUpstreamReady);
    return socket;
}

capture::TlsInfo ProxyConnection::tlsInfo() const
{
    return capture::tlsInfoOf(*qobject_cast<const QSslSocket *>(m_dialer));
}

void ProxyConnection::start()
{
    if (!m_client) {
        m_state = State::Done;
        Q_EMIT finished(m_id);
        deleteLater();
        return;
    }
    m_dialer = makeUpstream();
    connect(m_dialer, &QAbstractSocket::errorOccurred, this, &ProxyConnection::onUpstreamError);
    connect(m_client, &RelayEnd::closed, this, [this] { onEndGone(true); });
    connect(m_client, &RelayEnd::readyRead, this, &ProxyConnection::onClientReadable);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_state == State::Connecting)
            fail(UpstreamFailure::TimedOut);
        else if (m_state == State::Answering)
            answerBadGateway();
        else
            finish(); // an end did not take what was left in time
    });
    m_timer.start(m_settings.connectTimeoutMs);
    if (auto *ssl = qobject_cast<QSslSocket *>(m_dialer))
        ssl->connectToHostEncrypted(m_settings.upstream.host, m_settings.upstream.port);
    else
        m_dialer->connectToHost(m_settings.upstream.host, m_settings.upstream.port);
}

// Before the upstream is ready the browser's bytes are kept, up to the relay's bound, so that its
// leaving is seen; after a failure they make the request the 502 answers.
void ProxyConnection::onClientReadable()
{
    switch (m_state) {
    case State::Connecting:
        readEarly();
        break;
    case State::Answering:
        collectRequest();
        break;
    case State::Closing: {
        // Answered: what else the browser sends is read and dropped until it closes.
        char sink[4096];
        for (int i = 0; i < 64 && m_client->read(sink, sizeof sink) > 0; ++i) { }
        break;
    }
    case State::Relaying: // the leg reads
    case State::Done:
        break;
    }
}

void ProxyConnection::readEarly()
{
    const qint64 room = m_settings.maxBufferedBytes - m_request.size();
    char buffer[16 * 1024];
    const qint64 n = room > 0 ? m_client->read(buffer, qMin<qint64>(room, sizeof buffer)) : 0;
    if (n > 0)
        m_request.append(buffer, n);
    // Full (the kernel holds the rest), or the browser has gone (closed() follows).
    if (n < 0 || m_request.size() >= m_settings.maxBufferedBytes)
        m_client->setReadEnabled(false);
}

RelayEnd *ProxyConnection::adoptUpstream()
{
    QAbstractSocket *dialer = std::exchange(m_dialer, nullptr);
    dialer->disconnect(this);
    if (auto *ssl = qobject_cast<QSslSocket *>(dialer)) {
        ssl->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return new RelayEnd(ssl, this);
    }
    QByteArray alreadyRead; // (nothing: the upstream speaks only once asked)
    net::TcpStream *stream = streamOf(dialer, *m_poller, this, alreadyRead);
    dialer->deleteLater();
    return stream ? new RelayEnd(stream, this) : nullptr;
}

SocketAddress ProxyConnection::upstreamAddress() const
{
    if (m_dialer && !m_dialer->peerAddress().isNull())
        return socketAddressOf(m_dialer->peerAddress(), m_dialer->peerPort());
    if (m_upstream)
        return m_upstreamAddress;
    // Not connected: the URL's host, if it is an address.
    return socketAddressOf(QHostAddress(m_settings.upstream.host), m_settings.upstream.port);
}

void ProxyConnection::onUpstreamReady()
{
    if (m_state != State::Connecting)
        return;
    m_upstreamAddress = upstreamAddress();
    if (m_settings.upstream.secure)
        m_recorder->annotateTls(m_id, tlsInfo());
    m_upstream = adoptUpstream();
    if (!m_upstream) {
        fail(UpstreamFailure::NetworkError);
        return;
    }
    m_timer.stop();
    m_state = State::Relaying;
    connect(m_upstream, &RelayEnd::closed, this, [this] { onEndGone(false); });
    m_recorder->connectionOpened(m_id, m_clientAddress, m_upstreamAddress, m_recorder->nowNs(), true);
    m_opened = true;
    m_toUpstream = new RelayLeg(m_client, m_upstream, m_settings.maxBufferedBytes, this);
    m_toClient = new RelayLeg(m_upstream, m_client, m_settings.maxBufferedBytes, this);
    if (m_settings.intercept) {
        for (const Direction direction : {Direction::Inbound, Direction::Outbound}) {
            FrameHold *hold = holdOf(direction);
            legOf(direction)->setStage([hold](QByteArray &&read) { hold->take(read); }, [hold] { return hold->room(); });
        }
        m_toClient->setTransform([this](QByteArray &&read) { return watchResponse(std::move(read)); });
    }
    m_toUpstream->setObserver([this](QByteArrayView bytes) {
        m_recorder->bytesReceived(m_id, Direction::Inbound, bytes, m_recorder->nowNs());
    });
    m_toClient->setObserver([this](QByteArrayView bytes) {
        m_recorder->bytesReceived(m_id, Direction::Outbound, bytes, m_recorder->nowNs());
    });
    setUpRewriting();
    // After the legs' own connections, so that the ends are checked once the bytes have moved.
    m_toUpstream->start(std::exchange(m_request, QByteArray()));
    m_toClient->start();
    connect(m_client, &RelayEnd::bytesWritten, this, &ProxyConnection::checkEnds);
    connect(m_upstream, &RelayEnd::bytesWritten, this, &ProxyConnection::checkEnds);
    // A source's end is seen by its leg's read: the ends are checked after each pump.
    connect(m_client, &RelayEnd::readyRead, this, &ProxyConnection::checkEnds);
    connect(m_upstream, &RelayEnd::readyRead, this, &ProxyConnection::checkEnds);
    checkEnds();
}

// Only --rewrite-host and a path prefix change bytes; each request they change is marked.
void ProxyConnection::setUpRewriting()
{
    const QByteArray host = m_settings.rewriteHost ? m_settings.upstream.hostHeader().toLatin1() : QByteArray();
    auto rewriter = std::make_unique<RequestRewriter>(host, m_settings.upstream.pathPrefix.toUtf8(), m_settings.intercept);
    if (!rewriter->changesAnything())
        return;
    m_rewriter = std::move(rewriter);
    m_toUpstream->setTransform([this](QByteArray &&read) {
        QByteArray forwarded = m_rewriter->feed(read);
        for (const QString &note : m_rewriter->takeNotes())
            m_recorder->annotateNext(m_id, RecordKind::HttpRequest, note, true);
        return forwarded;
    });
}

// Intercept: a hold per direction, whose bytes go out through that direction's leg, the user's
// frames marked for the capture just before their bytes are fed to it.
void ProxyConnection::setUpIntercept()
{
    m_watcher = std::make_unique<UpgradeResponseWatcher>(true);
    const FrameHold::Limits limits{m_settings.maxHeldFrames, m_settings.maxHeldBytes, m_settings.maxHeldFramePayload};
    for (const Direction direction : {Direction::Inbound, Direction::Outbound}) {
        const auto forward = [this, direction](QByteArrayView bytes, const FrameHold::Mark *mark) {
            if (mark && mark->intervention)
                m_recorder->markNextFrame(m_id, direction, mark->intervention, mark->note);
            legOf(direction)->forward(bytes);
        };
        const auto held = [this](const HeldFrame &frame) { Q_EMIT frameHeld(m_id, frame); };
        const auto gone = [this, direction](quint64 heldId) { Q_EMIT heldFrameGone(m_id, direction, heldId); };
        m_holds[index(direction)] = std::make_unique<FrameHold>(direction, limits, forward, held, gone);
    }
}

// The upstream's first answer: a 101 starts the frames of both directions (RFC 6455 §4.1: the
// browser sends nothing after its upgrade request until it has the answer, so its frames start
// with its next byte) and names the permessage-deflate agreement.
QByteArray ProxyConnection::watchResponse(QByteArray &&read)
{
    if (m_watcher->isDone())
        return std::move(read);
    QByteArray forwarded = m_watcher->feed(read);
    if (!m_watcher->isDone())
        return forwarded;
    if (!m_watcher->note().isEmpty())
        m_recorder->annotateNext(m_id, RecordKind::HttpResponse, m_watcher->note(), m_watcher->isModified());
    if (m_watcher->isUpgraded()) {
        for (const Direction direction : {Direction::Inbound, Direction::Outbound})
            holdOf(direction)->setDeflate(m_watcher->deflate());
        holdOf(Direction::Outbound)->beginFrames(m_watcher->headSize());
        holdOf(Direction::Inbound)->beginFrames(0);
    }
    return forwarded;
}

FrameHold *ProxyConnection::holdOf(Direction direction) const
{
    return m_holds[index(direction)].get();
}

RelayLeg *ProxyConnection::legOf(Direction direction) const
{
    return direction == Direction::Inbound ? m_toUpstream : m_toClient;
}

void ProxyConnection::setIntercept(Direction direction, bool on)
{
    if (FrameHold *hold = holdOf(direction)) {
        hold->setHolding(on);
        afterRelease(direction);
    }
}

bool ProxyConnection::isIntercepting(Direction direction) const
{
    const FrameHold *hold = holdOf(direction);
    return hold && hold->isHolding();
}

QList<HeldFrame> ProxyConnection::heldFrames(Direction direction) const
{
    const FrameHold *hold = holdOf(direction);
    return hold ? hold->heldFrames() : QList<HeldFrame>();
}

// A frame left the queue: there may be room to read again, and an end that was waiting for the
// user may close now.
void ProxyConnection::afterRelease(Direction direction)
{
    if (m_state != State::Relaying)
        return;
    holdOf(direction)->resume();
    legOf(direction)->pump();
    checkEnds();
}

bool ProxyConnection::forwardHeld(Direction direction, quint64 heldId)
{
    FrameHold *hold = holdOf(direction);
    const auto frame = hold ? hold->release(heldId) : std::nullopt;
    if (!frame)
        return false;
    hold->send(frame->wireBytes(), {});
    afterRelease(direction);
    return true;
}

bool ProxyConnection::dropHeld(Direction direction, quint64 heldId)
{
    FrameHold *hold = holdOf(direction);
    const auto frame = hold ? hold->release(heldId) : std::nullopt;
    if (!frame)
        return false;
    m_recorder->recordDropped(m_id, direction, frame->wireBytes(),
                              QStringLiteral("not forwarded: its receiver never got it"), m_recorder->nowNs());
    afterRelease(direction);
    return true;
}

// The frame's bytes; a compressed payload is compressed on its own with this direction's agreed
// window (RFC 7692 §7.1.2), which any receiver can inflate whatever its context holds.
QByteArray ProxyConnection::build(Direction direction, const FrameEdit &edit) const
{
    const auto &agreed = holdOf(direction)->deflate();
    if (!edit.compress || !agreed)
        return edit.build(nullptr);
    protocol::PerMessageDeflate compressor(*agreed, direction == Direction::Inbound ? protocol::Role::Client
                                                                                     : protocol::Role::Server);
    return edit.build(&compressor);
}

bool ProxyConnection::replaceHeld(Direction direction, quint64 heldId, const FrameEdit &edit)
{
    FrameHold *hold = holdOf(direction);
    const auto frame = hold ? hold->release(heldId) : std::nullopt;
    if (!frame)
        return false;
    auto intervention = std::make_shared<const capture::FrameIntervention>(
            capture::FrameIntervention{capture::FrameIntervention::Action::Edited, frame->wireBytes()});
    hold->send(build(direction, edit), {std::move(intervention), editNote(*frame, edit, holdOf(direction)->deflate().has_value())});
    afterRelease(direction);
    return true;
}

bool ProxyConnection::inject(Direction direction, const FrameEdit &edit)
{
    FrameHold *hold = holdOf(direction);
    if (!hold || !hold->knowsFrames())
        return false;
    auto intervention = std::make_shared<const capture::FrameIntervention>(
            capture::FrameIntervention{capture::FrameIntervention::Action::Injected, {}});
    QString note = QStringLiteral("written by neither end");
    if (edit.compress && hold->deflate())
        note += QStringLiteral("; payload compressed by the proxy on its own (permessage-deflate)");
    hold->send(build(direction, edit), {std::move(intervention), note});
    afterRelease(direction);
    return true;
}

void ProxyConnection::onUpstreamError()
{
    if (m_state == State::Connecting)
        fail(upstreamFailureFor(m_dialer->error()));
}

void ProxyConnection::fail(UpstreamFailure failure)
{
    m_failure = failure;
    m_state = State::Answering;
    if (m_dialer) {
        m_dialer->disconnect(this);
        m_dialer->abort();
    }
    if (m_upstream)
        m_upstream->abort();
    m_client->setReadEnabled(true);
    m_timer.start(requestWaitMs);
    collectRequest();
}

// RFC 9112 §2.2: a request head ends with an empty line; the 502 goes once it has been read (or the
// browser has gone quiet, or sent more than any head should be).
void ProxyConnection::collectRequest()
{
    if (m_state != State::Answering)
        return;
    char buffer[4096];
    qint64 n = 0;
    for (int i = 0; i < 64 && m_request.size() < maxRequestHead; ++i) {
        n = m_client->read(buffer, qMin<qint64>(sizeof buffer, maxRequestHead - m_request.size()));
        if (n <= 0)
            break;
        m_request.append(buffer, n);
    }
    if (m_request.contains("\r\n\r\n") || m_request.size() >= maxRequestHead || n < 0 || m_client->hasEnded())
        answerBadGateway();
}

void ProxyConnection::answerBadGateway()
{
    if (m_state != State::Answering)
        return;
    m_state = State::Closing;
    const QString reason = QCoreApplication::translate(upstreamFailureContext, upstreamFailureReason(*m_failure));
    const QByteArray body = QStringLiteral("502 Bad Gateway: wslab could not relay to %1: %2\n")
                                    .arg(m_settings.upstream.toString(), reason)
                                    .toUtf8();
    const QByteArray response = "HTTP/1.1 502 Bad Gateway\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Length: "
            + QByteArray::number(body.size())
            + "\r\n"
              "Connection: close\r\n"
              "\r\n"
            + body;
    const qint64 now = m_recorder->nowNs();
    m_recorder->connectionOpened(m_id, m_clientAddress, upstreamAddress(), now, true);
    m_opened = true;
    m_recorder->bytesReceived(m_id, Direction::Inbound, m_request, now);
    m_recorder->annotateNext(m_id, RecordKind::HttpResponse, QStringLiteral("wslab's answer: %1").arg(reason));
    m_recorder->bytesReceived(m_id, Direction::Outbound, response, now);
    m_recorder->directionEnded(m_id, Direction::Outbound, false, now);
    m_ended[index(Direction::Outbound)] = true;
    m_client->write(response);
    m_timer.start(closeTimeoutMs);
    m_client->close();
    if (!m_client->isOpen())
        finish();
}

void ProxyConnection::onEndGone(bool clientSide)
{
    if (m_state == State::Done)
        return;
    if (m_state == State::Answering && clientSide) {
        collectRequest(); // answers what was read; the browser may have half-closed
        return;
    }
    if (m_state == State::Closing && clientSide) {
        finish();
        return;
    }
    if (m_state == State::Connecting && clientSide) {
        // The browser left before the upstream was ready: nothing was relayed, nothing to record.
        m_dialer->disconnect(this);
        m_dialer->abort();
        m_state = State::Done;
        Q_EMIT finished(m_id);
        deleteLater();
        return;
    }
    if (m_state != State::Relaying)
        return;
    (clientSide ? m_toUpstream : m_toClient)->pump();
    // The end that left first is the one that closed the connection; the other was closed by us.
    if (!m_closerNoted) {
        m_closerNoted = true;
        m_recorder->annotateNext(m_id, RecordKind::ConnectionClosed,
                                 clientSide ? QStringLiteral("the browser closed the connection")
                                            : QStringLiteral("the upstream closed the connection"));
    }
    checkEnds();
}

// A direction whose source has gone and whose bytes have all been forwarded has ended: its
// destination is closed once it has written them out. Both sockets closed: the connection is done.
void ProxyConnection::checkEnds()
{
    if (m_state != State::Relaying)
        return;
    const struct
    {
        RelayLeg *leg;
        RelayEnd *from;
        RelayEnd *to;
        Direction direction;
    } legs[] = {{m_toUpstream, m_client, m_upstream, Direction::Inbound},
                {m_toClient, m_upstream, m_client, Direction::Outbound}};
    for (const auto &leg : legs) {
        const int i = index(leg.direction);
        if (m_ended[i] || !leg.from->hasEnded())
            continue;
        // Frames still held wait for the user while their receiver is there; an unfinished frame
        // whose sender has gone passes as it came.
        if (FrameHold *hold = holdOf(leg.direction)) {
            if (hold->heldCount() > 0 && leg.to->isOpen())
                continue;
            hold->forwardPartial();
        }
        // The destination gone too: what is left cannot be delivered.
        if (leg.from->bytesAvailable() > 0 && leg.to->isOpen())
            continue;
        m_ended[i] = true;
        m_recorder->directionEnded(m_id, leg.direction, false, m_recorder->nowNs());
        if (leg.to->isOpen()) {
            m_timer.start(closeTimeoutMs);
            leg.to->close();
        }
    }
    if (bothEndsGone())
        finish();
}

bool ProxyConnection::bothEndsGone() const
{
    return !m_client->isOpen() && !m_upstream->isOpen();
}

void ProxyConnection::abort()
{
    if (m_state == State::Done)
        return;
    if (m_dialer) {
        m_dialer->disconnect(this);
        m_dialer->abort();
    }
    if (m_upstream)
        m_upstream->abort();
    if (m_client)
        m_client->abort();
    finish();
}

void ProxyConnection::finish()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timer.stop();
    if (m_dialer) {
        m_dialer->disconnect(this);
        m_dialer->abort();
    }
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
    }
    if (m_client) {
        m_client->disconnect(this);
        m_client->abort();
    }
    if (m_opened)
        m_recorder->connectionClosed(m_id, m_recorder->nowNs());
    Q_EMIT finished(m_id);
    deleteLater();
}

qint64 ProxyConnection::bufferedBytes() const
{
    qint64 total = m_request.size() + (m_rewriter ? m_rewriter->heldBytes() : 0);
    if (m_toUpstream)
        total += m_toUpstream->bufferedBytes();
    else if (m_client)
        total += m_client->bytesAvailable(); // (the early bytes are in m_request)
    if (m_toClient)
        total += m_toClient->bufferedBytes();
    for (const auto &hold : m_holds) {
        if (hold)
            total += hold->bufferedBytes();
    }
    if (m_watcher)
        total += m_watcher->heldBytes();
    return total;
}

} // namespace wslab::proxy
