#include "replaysession.h"

#include "clientsocket.h"
#include "openinghandshake.h"

#include "capture/liverecorder.h"
#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/httpresponseparser.h"
#include "server/protocol/upgraderesponse.h"

#include <QtEndian>

namespace wslab::client {

using capture::Direction;
using namespace protocol;

namespace {

DecoderOptions serverFrameOptions(const ClientSettings &settings)
{
    DecoderOptions options;
    options.role = Role::Client; // RFC 6455 §5.1: a server frame must not be masked
    options.maxFramePayload = quint64(settings.maxMessageSize);
    return options;
}

// The close code a close frame's bytes carry (1005 for an empty body), if they are a close frame.
std::optional<quint16> closeCodeIn(const QByteArray &bytes)
{
    const auto frame = FrameDecoder::readFrame(bytes);
    if (!frame || frame->header.opcode != Opcode::Close)
        return std::nullopt;
    return frame->payload.size() >= 2 ? qFromBigEndian<quint16>(frame->payload.constData())
                                      : quint16(CloseCode::NoStatusReceived);
}

} // namespace

ReplaySession::ReplaySession(quint64 id, ReplayPlan plan, const ReplaySettings &settings,
                             capture::LiveRecorder *recorder, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_plan(std::move(plan))
    , m_settings(settings)
    , m_recorder(recorder)
    , m_decoder(serverFrameOptions(settings.connection))
{
    m_outcome.stepsPlanned = m_plan.steps.size();
    m_timer.setSingleShot(true);
    m_stepTimer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReplaySession::onTimeout);
    connect(&m_stepTimer, &QTimer::timeout, this, &ReplaySession::sendStep);
}

ReplaySession::~ReplaySession() = default;

void ReplaySession::start()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Connecting;
    m_socket = makeClientSocket(m_settings.connection, this, [this] { onSocketReady(); });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &ReplaySession::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &ReplaySession::onDisconnected);
    connect(m_socket, &QIODevice::readyRead, this, &ReplaySession::onReadyRead);
    m_timer.start(m_settings.connection.handshakeTimeoutMs);
    startClientSocket(m_socket, m_settings.connection.url);
}

void ReplaySession::onSocketReady()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Handshaking;
    // Each step leaves when its time comes, not merged with the next by Nagle, as ClientConnection.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    recordConnectionStart(*m_recorder, m_id, *m_socket);
    m_recorded = true;
    m_key = OpeningHandshake::randomKey();
    m_recorder->annotateNext(m_id, capture::RecordKind::HttpRequest,
                             QStringLiteral("replay of connection %1: the recorded request with a new Host and "
                                            "Sec-WebSocket-Key")
                                     .arg(m_plan.connectionId),
                             true);
    write(m_plan.requestFor(m_settings.connection.url, m_key));
}

void ReplaySession::write(const QByteArray &bytes)
{
    m_recorder->bytesReceived(m_id, Direction::Inbound, bytes, m_recorder->nowNs());
    m_socket->write(bytes);
}

void ReplaySession::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty() || m_state == State::Closed)
        return;
    m_recorder->bytesReceived(m_id, Direction::Outbound, bytes, m_recorder->nowNs());
    if (m_state == State::Handshaking)
        readHandshake(bytes);
    else
        readFrames(bytes);
}

// RFC 6455 §4.1: the answer is checked against what the recorded request offered.
void ReplaySession::readHandshake(const QByteArray &bytes)
{
    m_responseBuffer += bytes;
    const auto parsed = HttpResponseParser::parse(m_responseBuffer, m_settings.connection.maxResponseHead);
    if (parsed.status == HttpResponseParseResult::Status::Incomplete)
        return;
    if (parsed.status == HttpResponseParseResult::Status::Failed) {
        m_outcome.connection.responseError = parsed.error;
        fail(ClientFailure::MalformedResponse);
        return;
    }
    m_outcome.connection.httpStatus = parsed.head.status;
    m_outcome.connection.handshakeErrors = validateUpgradeResponse(parsed.head, m_key, m_plan.offeredSubprotocols(),
                                                                   m_plan.offeredExtensions());
    if (!m_outcome.connection.handshakeErrors.isEmpty() || !agreesWithRecording(parsed.head)) {
        fail(ClientFailure::HandshakeRejected);
        return;
    }
    m_timer.stop();
    m_state = State::Sending;
    const QByteArray rest = m_responseBuffer.mid(parsed.head.size);
    m_responseBuffer.clear();
    Q_EMIT opened();
    if (!rest.isEmpty())
        readFrames(rest);
    if (m_state == State::Sending)
        scheduleNext();
}

// RFC 7692 §7.2.3.3: compressed bytes are valid only with the window and context they were made
// with, so a plan holding compressed frames needs the recorded agreement; one without them goes on
// and says what differs.
bool ReplaySession::agreesWithRecording(const HttpResponseHead &head)
{
    m_outcome.extensions = head.value("Sec-WebSocket-Extensions");
    m_outcome.subprotocol = head.value("Sec-WebSocket-Protocol").trimmed();
    const auto agreed = deflateAgreementOf(head);
    m_outcome.extensionsDiffer = agreed != m_plan.deflate;
    m_outcome.subprotocolDiffers = m_outcome.subprotocol != m_plan.recordedSubprotocol;
    m_decoder.setRsv1Allowed(agreed.has_value());
    return !(m_outcome.extensionsDiffer && m_plan.hasCompressedSteps());
}

// The server's frames are read only to follow the closing handshake; the capture decodes them all.
void ReplaySession::readFrames(QByteArrayView bytes)
{
    m_frames.clear();
    const std::optional<DecodeError> error = m_decoder.feed(bytes, m_frames);
    for (const DecodedFrame &frame : std::as_const(m_frames)) {
        if (frame.header.opcode == Opcode::Close && !m_outcome.connection.closeReceived)
            onServerClose(frame);
    }
    if (error && !m_outcome.connection.failure) {
        m_outcome.connection.protocolError = *error;
        m_outcome.connection.failure = ClientFailure::ProtocolViolation;
    }
}

void ReplaySession::onServerClose(const DecodedFrame &frame)
{
    const auto parsed = parseClosePayload(frame.payload);
    const ClosePayload payload = std::holds_alternative<ClosePayload>(parsed) ? std::get<ClosePayload>(parsed)
                                                                             : ClosePayload{};
    ClientOutcome &outcome = m_outcome.connection;
    outcome.closeReceived = true;
    outcome.closedFirst = outcome.sentCloseCode.has_value();
    outcome.serverCloseCode = payload.code;
    outcome.serverCloseReason = payload.reason;
    // While the plan runs, its own close (if it holds one) is the answer. After it, §5.5.1: a close
    // not yet answered is echoed.
    if (m_state == State::Settling)
        closeOwn(payload.echoCode());
}

void ReplaySession::scheduleNext()
{
    if (!m_settings.originalTiming) {
        while (m_state == State::Sending && m_next < m_plan.steps.size())
            sendStep();
        return;
    }
    if (m_next >= m_plan.steps.size())
        return;
    const qint64 delayMs = qMin(m_plan.steps.at(m_next).delayNs / 1'000'000, m_settings.maxDelayMs);
    Q_EMIT stepScheduled(m_next, delayMs);
    m_stepTimer.start(std::chrono::milliseconds(delayMs));
}

void ReplaySession::sendStep()
{
    if (m_state != State::Sending || m_next >= m_plan.steps.size())
        return;
    const qsizetype index = m_next++;
    const ReplayStep &step = m_plan.steps.at(index);
    // The capture shows what the server got, beside the recorded bytes when they differ.
    if (step.recompressed || step.rebuilt) {
        auto intervention = std::make_shared<capture::FrameIntervention>(
                capture::FrameIntervention{capture::FrameIntervention::Action::Edited, step.originalBytes});
        m_recorder->markNextFrame(m_id, Direction::Inbound, std::move(intervention),
                                  step.recompressed ? QStringLiteral("replayed: compressed anew on the new connection")
                                                    : QStringLiteral("replayed: encoded from a message of the file"));
    }
    if (const auto code = closeCodeIn(step.bytes); code && !m_outcome.connection.sentCloseCode)
        m_outcome.connection.sentCloseCode = code;
    write(step.bytes);
    ++m_outcome.stepsSent;
    Q_EMIT stepSent(index);
    if (m_next == m_plan.steps.size())
        planDone();
    else if (m_settings.originalTiming)
        scheduleNext();
}

void ReplaySession::planDone()
{
    if (m_outcome.connection.sentCloseCode) {
        m_state = State::Closing; // §7.1.1: the server answers and closes TCP first
        m_timer.start(m_settings.connection.closeTimeoutMs);
    } else if (m_outcome.connection.closeReceived) {
        closeOwn(m_outcome.connection.serverCloseCode);
    } else {
        m_state = State::Settling;
        m_timer.start(m_settings.settleMs);
    }
}

void ReplaySession::closeOwn(std::optional<quint16> code)
{
    m_outcome.closedByWslab = true;
    m_outcome.connection.sentCloseCode = code.value_or(quint16(CloseCode::NoStatusReceived));
    write(FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(code), true, FrameEncoder::randomMaskKey()));
    m_state = State::Closing;
    m_timer.start(m_settings.connection.closeTimeoutMs);
}

void ReplaySession::onTimeout()
{
    switch (m_state) {
    case State::Connecting:
    case State::Handshaking: fail(ClientFailure::TimedOut); return;
    case State::Settling: closeOwn(quint16(CloseCode::Normal)); return;
    case State::Closing:
        if (!m_outcome.connection.closeReceived) {
            fail(ClientFailure::CloseNotAnswered);
            return;
        }
        onDisconnected(); // judged as if the server had closed TCP
        return;
    default: return;
    }
}

void ReplaySession::onSocketError()
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        m_outcome.connection.socketError = m_socket->errorString();
        fail(clientFailureFor(m_socket->error()));
    }
}

// Clean: every step went out, both close frames crossed, and the server's carried 1000 or echoed
// the code sent (RFC 6455 §5.5.1, as ClientConnection judges it).
void ReplaySession::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    onReadyRead();
    if (m_state == State::Closed)
        return;
    ClientOutcome &outcome = m_outcome.connection;
    if (!outcome.failure)
        outcome.failure = m_outcome.stepsSent < m_outcome.stepsPlanned ? ClientFailure::ConnectionLost
                                                                       : outcome.closingVerdict(true);
    finish();
}

void ReplaySession::abort()
{
    if (m_state == State::Closed)
        return;
    if (!m_outcome.connection.failure && !(m_outcome.connection.closeReceived && m_outcome.connection.sentCloseCode))
        m_outcome.connection.failure = ClientFailure::ConnectionLost;
    finish();
}

void ReplaySession::fail(ClientFailure failure)
{
    if (!m_outcome.connection.failure)
        m_outcome.connection.failure = failure;
    finish();
}

void ReplaySession::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    m_stepTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    if (m_recorded)
        recordConnectionEnd(*m_recorder, m_id);
    Q_EMIT finished(m_outcome);
}

} // namespace wslab::client
