#include "clientconnection.h"
#include "clientsocket.h"

#include "capture/liverecorder.h"
#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/httpresponseparser.h"

#include <QHostAddress>
#include <QtEndian>
#include <QAbstractSocket>

#include <algorithm>

namespace wslab::client {

using capture::Direction;
using namespace protocol;

namespace {

DecoderOptions decoderOptions(const ClientSettings &settings)
{
    DecoderOptions options;
    options.role = Role::Client; // RFC 6455 §5.1: a server frame must not be masked
    options.maxFramePayload = quint64(settings.maxMessageSize);
    return options;
}

} // namespace

ClientConnection::ClientConnection(quint64 id, const ClientSettings &settings, capture::LiveRecorder *recorder,
                                   QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_settings(settings)
    , m_recorder(recorder)
    , m_decoder(decoderOptions(settings))
    , m_assembler(AssemblerOptions{quint64(settings.maxMessageSize)})
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClientConnection::onTimeout);
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::open()
{
    if (m_state != State::Idle)
        return;
    m_state = State::Connecting;
    m_socket = makeClientSocket(m_settings, this, [this] { onSocketReady(); });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &ClientConnection::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(m_socket, &QIODevice::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &ClientConnection::bytesWritten);
    m_timer.start(m_settings.handshakeTimeoutMs);
    startClientSocket(m_socket, m_settings.url);
}

void ClientConnection::onSocketReady()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::Handshaking;
    // Each frame leaves when it is sent (a ping, a broken frame after a message), not merged by Nagle.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    recordConnectionStart(*m_recorder, m_id, *m_socket);
    m_recorded = true;
    m_handshake = OpeningHandshake::build(m_settings, OpeningHandshake::randomKey());
    write(m_handshake.request);
}

void ClientConnection::write(const QByteArray &bytes)
{
    m_recorder->bytesReceived(m_id, Direction::Inbound, bytes, m_recorder->nowNs());
    m_socket->write(bytes);
}

void ClientConnection::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty() || m_state == State::Closed)
        return;
    m_recorder->bytesReceived(m_id, Direction::Outbound, bytes, m_recorder->nowNs());
    if (m_state == State::Handshaking)
        readHandshake(bytes);
    else if (m_readingFrames)
        readFrames(bytes);
}

// RFC 6455 §4.1: the answer's head, every check the client must make, then the extensions; the
// bytes after the head are already the server's first frames.
void ClientConnection::readHandshake(const QByteArray &bytes)
{
    m_responseBuffer += bytes;
    const HttpResponseParseResult parsed = HttpResponseParser::parse(m_responseBuffer, m_settings.maxResponseHead);
    if (parsed.status == HttpResponseParseResult::Status::Incomplete)
        return;
    if (parsed.status == HttpResponseParseResult::Status::Failed) {
        m_outcome.responseError = parsed.error;
        fail(ClientFailure::MalformedResponse);
        return;
    }
    m_outcome.httpStatus = parsed.head.status;
    m_outcome.handshakeErrors = validateUpgradeResponse(parsed.head, m_handshake.key, m_handshake.subprotocols,
                                                        m_handshake.extensionOffers);
    if (!m_outcome.handshakeErrors.isEmpty() || !agreeOnExtensions(parsed.head)) {
        fail(ClientFailure::HandshakeRejected);
        return;
    }
    m_subprotocol = parsed.head.value("Sec-WebSocket-Protocol").trimmed();
    m_timer.stop();
    m_state = State::Open;
    const QByteArray rest = m_responseBuffer.mid(parsed.head.size);
    m_responseBuffer.clear();
    Q_EMIT opened();
    if (!rest.isEmpty() && m_state == State::Open)
        readFrames(rest);
}

// RFC 7692 §5: the one extension this client offers; an answer with parameters that do not hold
// fails the connection.
bool ClientConnection::agreeOnExtensions(const HttpResponseHead &head)
{
    for (const QByteArray &field : head.values("Sec-WebSocket-Extensions")) {
        for (const QByteArray &element : field.split(',')) {
            if (element.trimmed().isEmpty())
                continue;
            const auto agreed = parseDeflateAgreement(element.trimmed());
            if (const auto *error = std::get_if<DeflateOfferError>(&agreed)) {
                m_outcome.deflateError = *error;
                return false;
            }
            m_deflate = std::make_unique<PerMessageDeflate>(std::get<DeflateParameters>(agreed), Role::Client);
            m_decoder.setRsv1Allowed(true); // RFC 7692 §6: RSV1 marks a compressed message
        }
    }
    return true;
}

void ClientConnection::readFrames(QByteArrayView bytes)
{
    m_frames.clear();
    const std::optional<DecodeError> error = m_decoder.feed(bytes, m_frames);
    for (DecodedFrame &frame : m_frames) {
        handleFrame(std::move(frame));
        if (!m_readingFrames)
            return;
    }
    if (error) {
        failProtocol(*error);
        return;
    }
    // §8.1: invalid UTF-8 fails the connection as soon as it is seen, not when the frame ends.
    if (const auto partial = m_decoder.partialFrame()) {
        if (const auto utf8Error = m_assembler.inspectPartial(*partial))
            failProtocol(*utf8Error);
    }
}

void ClientConnection::handleFrame(DecodedFrame &&frame)
{
    // §5.5.1: after the server's close frame, nothing more is read.
    if (m_outcome.closeReceived)
        return;
    AssemblyStep step = m_assembler.push(std::move(frame));
    switch (step.kind) {
    case AssemblyStep::Kind::FragmentBuffered: break;
    case AssemblyStep::Kind::Control: handleControl(*step.control); break;
    case AssemblyStep::Kind::Failed: failProtocol(step.error); break;
    case AssemblyStep::Kind::MessageComplete:
        // RFC 7692 §6.2: RSV1 says the message is deflated; once inflated, text is checked as UTF-8.
        if (m_deflate) {
            if (const auto error = inflateMessage(*m_deflate, step.message, m_settings.maxMessageSize)) {
                failProtocol(*error);
                return;
            }
        }
        Q_EMIT messageReceived(step.message.opcode, step.message.payload);
        break;
    }
}

void ClientConnection::handleControl(const DecodedFrame &frame)
{
    switch (frame.header.opcode) {
    case Opcode::Ping:
        // §5.5.2: answered with a pong carrying the same payload, unless this end is closing.
        if (!m_outcome.sentCloseCode && m_state == State::Open)
            write(FrameEncoder::encode(Opcode::Pong, frame.payload, true, FrameEncoder::randomMaskKey()));
        break;
    case Opcode::Pong: Q_EMIT pongReceived(frame.payload); break;
    case Opcode::Close: handleClose(frame); break;
    default: break;
    }
}

void ClientConnection::handleClose(const DecodedFrame &frame)
{
    const auto parsed = parseClosePayload(frame.payload);
    if (const auto *error = std::get_if<DecodeError>(&parsed)) {
        failProtocol(*error);
        return;
    }
    const ClosePayload &payload = std::get<ClosePayload>(parsed);
    m_outcome.closedFirst = m_outcome.sentCloseCode.has_value();
    m_outcome.closeReceived = true;
    m_outcome.serverCloseCode = payload.code;
    m_outcome.serverCloseReason = payload.reason;
    Q_EMIT closeReceived(payload.code, payload.reason);
    // §5.5.1: a close not yet answered is echoed; then the server closes TCP first (§7.1.1).
    const bool answered = m_outcome.sentCloseCode.has_value() || m_state == State::Closing;
    if (!answered)
        writeClose(payload.echoCode(), {});
    m_state = State::Closing;
    m_timer.start(m_settings.closeTimeoutMs);
}

// §7.1.7: _Fail the WebSocket Connection_ with the code the broken rule calls for; the rest of the
// server's bytes are only recorded.
void ClientConnection::failProtocol(DecodeError error)
{
    if (!m_readingFrames)
        return;
    m_readingFrames = false;
    if (!m_outcome.failure) {
        m_outcome.protocolError = error;
        m_outcome.failure = ClientFailure::ProtocolViolation;
    }
    if (!m_outcome.sentCloseCode && (m_state == State::Open || m_state == State::Closing) && !m_outcome.closeReceived)
        writeClose(closeCodeFor(error), decodeErrorName(error));
    m_state = State::Closing;
    m_timer.start(m_settings.closeTimeoutMs);
}

void ClientConnection::writeClose(std::optional<quint16> code, QByteArrayView reasonUtf8)
{
    m_outcome.sentCloseCode = code.value_or(quint16(CloseCode::NoStatusReceived));
    write(FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(code, reasonUtf8), true,
                               FrameEncoder::randomMaskKey()));
}

bool ClientConnection::sendText(const QString &text, int frames)
{
    return sendMessage(Opcode::Text, text.toUtf8(), frames);
}

bool ClientConnection::sendBinary(const QByteArray &data, int frames)
{
    return sendMessage(Opcode::Binary, data, frames);
}

bool ClientConnection::sendMessage(Opcode opcode, QByteArrayView message, int frames)
{
    if (m_state != State::Open || m_outcome.sentCloseCode)
        return false;
    // RFC 7692 §6.1: the whole message is compressed, then fragmented; RSV1 on its first frame only.
    const QByteArray payload = m_deflate ? m_deflate->compress(message) : message.toByteArray();
    const qsizetype count = std::clamp<qsizetype>(frames, 1, qMax<qsizetype>(1, payload.size()));
    const qsizetype chunk = (payload.size() + count - 1) / count;
    QByteArray out;
    out.reserve(payload.size() + count * maxHeaderSize);
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype from = qMin(i * chunk, payload.size());
        const QByteArrayView part = QByteArrayView(payload).sliced(from, qMin(chunk, payload.size() - from));
        // §5.3: a fresh, unpredictable key for every frame.
        FrameEncoder::encodeInto(out, i == 0 ? opcode : Opcode::Continuation, part, i == count - 1,
                                 FrameEncoder::randomMaskKey(), m_deflate && i == 0);
    }
    write(out);
    return true;
}

bool ClientConnection::ping(QByteArrayView payload)
{
    if (m_state != State::Open || m_outcome.sentCloseCode || quint64(payload.size()) > maxControlPayload)
        return false;
    write(FrameEncoder::encode(Opcode::Ping, payload, true, FrameEncoder::randomMaskKey()));
    return true;
}

bool ClientConnection::close(std::optional<quint16> code, const QString &reason)
{
    if (m_state != State::Open || m_outcome.sentCloseCode)
        return false;
    writeClose(code, reason.toUtf8());
    m_state = State::Closing;
    m_timer.start(m_settings.closeTimeoutMs);
    return true;
}

bool ClientConnection::sendRaw(const QByteArray &bytes)
{
    if (m_state != State::Open && m_state != State::Closing)
        return false;
    // A close among them counts as this end's close (§5.5.1: an endpoint sends one close frame).
    if (const auto frame = FrameDecoder::readFrame(bytes); frame && frame->header.opcode == Opcode::Close) {
        const QByteArray &body = frame->payload;
        m_outcome.sentCloseCode = body.size() >= 2 ? qFromBigEndian<quint16>(body.constData())
                                                   : quint16(CloseCode::NoStatusReceived);
        if (m_state == State::Open) {
            m_state = State::Closing;
            m_timer.start(m_settings.closeTimeoutMs);
        }
    }
    write(bytes);
    return true;
}

qint64 ClientConnection::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void ClientConnection::abort()
{
    if (m_state == State::Closed)
        return;
    if (!m_outcome.failure && !(m_outcome.closeReceived && m_outcome.sentCloseCode))
        m_outcome.failure = ClientFailure::ConnectionLost;
    finish();
}

void ClientConnection::onSocketError()
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        m_outcome.socketError = m_socket->errorString();
        fail(clientFailureFor(m_socket->error()));
    }
    // Later errors end in disconnected(), which judges what was exchanged.
}

void ClientConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    onReadyRead(); // what arrived with the FIN
    if (m_state == State::Closed)
        return;
    if (!m_outcome.failure)
        m_outcome.failure = m_outcome.closingVerdict();
    finish();
}

void ClientConnection::onTimeout()
{
    if (m_state == State::Connecting || m_state == State::Handshaking) {
        fail(ClientFailure::TimedOut);
        return;
    }
    // Closing: the server had its time to answer and to close TCP.
    if (!m_outcome.closeReceived && !m_outcome.failure)
        m_outcome.failure = ClientFailure::CloseNotAnswered;
    if (m_outcome.closeReceived) {
        onDisconnected(); // judged as if the server had closed TCP
        return;
    }
    finish();
}

void ClientConnection::fail(ClientFailure failure)
{
    if (m_state == State::Closed)
        return;
    if (!m_outcome.failure)
        m_outcome.failure = failure;
    finish();
}

void ClientConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    if (m_recorded)
        recordConnectionEnd(*m_recorder, m_id);
    Q_EMIT finished(m_outcome);
}

} // namespace wslab::client
