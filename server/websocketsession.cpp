#include "websocketsession.h"

#include "capture/capturerecord.h"
#include "capture/capturestream.h"
#include "chatroom.h"
#include "net/tcpstream.h"
#include "websocketserver.h"

#include "protocol/closecode.h"
#include "protocol/frameencoder.h"
#include "protocol/masking.h"

#include <QTimerEvent>

#include <cstring>
#include <limits>

namespace wslab::server {

using namespace protocol;

namespace {

DecoderOptions decoderOptions(const ServerSettings &settings)
{
    DecoderOptions options;
    options.role = Role::Server;
    // A frame bigger than a whole message may be is refused from its header (RFC 6455 §10.4).
    options.maxFramePayload = quint64(qMax<qint64>(0, qMin(settings.maxFramePayload, settings.maxMessageSize)));
    return options;
}

AssemblerOptions assemblerOptions(const ServerSettings &settings)
{
    return AssemblerOptions{quint64(qMax<qint64>(0, settings.maxMessageSize))};
}

// RFC 6455 §5.5: a control frame carries at most 125 bytes, so a close reason at most 123.
QByteArray closeReasonUtf8(const QString &reason)
{
    QByteArray utf8 = reason.toUtf8();
    if (utf8.size() <= 123)
        return utf8;
    utf8.truncate(123);
    // Do not cut a multi-byte sequence in half: drop continuation bytes and their lead byte.
    while (!utf8.isEmpty() && (quint8(utf8.back()) & 0xC0) == 0x80)
        utf8.chop(1);
    if (!utf8.isEmpty() && quint8(utf8.back()) >= 0xC0)
        utf8.chop(1);
    return utf8;
}

} // namespace

WebSocketSession::WebSocketSession(WebSocketServer &server, net::TcpStream *stream, ClientInfo info, Mode mode,
                                   std::optional<DeflateParameters> deflate)
    : m_server(server)
    , m_stream(stream)
    , m_info(std::move(info))
    , m_decoder(decoderOptions(server.settings()))
    , m_assembler(assemblerOptions(server.settings()))
    , m_mode(mode)
{
    m_stream->setParent(this);
    if (deflate) {
        // RFC 7692 §6: the extension gives RSV1 its meaning ("this message is compressed").
        m_deflate.emplace(*deflate, Role::Server);
        m_decoder.setRsv1Allowed(true);
    }
    m_holding = server.isHolding();
    m_lastActivityNs = server.captureTimeNs();
}

WebSocketSession::~WebSocketSession()
{
    m_stream->setReader(nullptr); // the stream is a child: it outlives this destructor's body
}

void WebSocketSession::start(QByteArrayView leftover)
{
    m_stream->setReader(this); // called directly on every readable notification, no signal
    connect(m_stream, &net::TcpStream::closed, this, &WebSocketSession::onDisconnected);
    connect(m_stream, &net::TcpStream::drained, this, &WebSocketSession::onDrained);
    if (!leftover.isEmpty()) {
        m_inRead = true;
        consume(leftover);
        m_inRead = false;
        flush();
    }
    if (!m_stream->isOpen())
        finish();
}

// ---------------------------------------------------------------------------------------------
// Reading

void WebSocketSession::onReadyRead()
{
    if (m_state == State::Closed || m_readPaused || m_backlogged)
        return;
    QByteArray &buffer = m_server.readBuffer();
    std::optional<capture::CaptureStream::TimeScope> sameInstant; // the clock is read only for the capture
    if (m_server.isCapturing())
        sameInstant.emplace(m_server.captureStream());
    m_inRead = true;
    while (m_state != State::Closed && !m_readPaused && !m_backlogged) {
        const qint64 n = m_stream->read(buffer.data(), buffer.size());
        if (n <= 0)
            break;
        if (!m_inputDead) // after a failure the rest is read and dropped (RFC 6455 §7.1.7)
            consume(QByteArrayView(buffer.constData(), n));
        if (n < buffer.size())
            break; // drained for now; the notifier is level-triggered, so nothing is missed
    }
    m_inRead = false;
    flush();
    markClientChanged();
}

// The client list learns of new frame counts a few times a second; noting it costs one flag test
// per read, not a hash insertion.
void WebSocketSession::markClientChanged()
{
    if (m_clientChanged)
        return;
    m_clientChanged = true;
    m_server.noteClientChanged(id());
}

void WebSocketSession::consume(QByteArrayView bytes)
{
    m_activeSinceIdleCheck = true; // no clock reading per read: pingIfIdle() looks at the flag
    const qsizetype before = bytesOfCurrentFrameBefore();
    m_frames.clear();
    const std::optional<DecodeError> error = m_decoder.feed(bytes, m_frames);
    for (DecodedFrame &frame : m_frames)
        handleFrame(std::move(frame));
    if (error && !m_inputDead) { // (a frame before the bad one may have failed the connection)
        // The offending header plus whatever followed it in this read: those bytes are never
        // processed, and the capture keeps them so nothing that crossed the wire goes missing.
        // (A frame moved from keeps its header, which is all its size needs.)
        qsizetype frameBytes = 0;
        for (const DecodedFrame &frame : std::as_const(m_frames))
            frameBytes += frame.header.size() + qsizetype(frame.header.payloadLength);
        m_frames.clear();
        const QByteArray header = m_decoder.errorBytes();
        const qsizetype headerEnd = qBound<qsizetype>(0, frameBytes - before + header.size(), bytes.size());
        const QByteArray offending = header + bytes.sliced(headerEnd).toByteArray();
        if (m_holding && m_state == State::Open) {
            HeldItem item;
            item.error = *error;
            if (m_server.isCapturing())
                item.recordId = captureError(*error, offending, true);
            m_inputDead = true;
            m_held.push_back(std::move(item));
            m_server.noteHeldFrame(id());
        } else {
            fail(*error, offending);
        }
        return;
    }
    m_frames.clear();
    if (m_inputDead)
        return;
    // RFC 6455 §8.1, fail fast: a text frame still arriving is validated as its bytes come.
    if (!m_holding && m_state == State::Open) {
        if (const auto partial = m_decoder.partialFrame()) {
            if (const auto utf8Error = m_assembler.inspectPartial(*partial))
                fail(*utf8Error, partialFrameWireBytes());
        }
    }
    if (qsizetype(m_held.size()) >= maxHeldFrames && !m_readPaused) {
        m_readPaused = true; // resumed when frames are released: TCP back-pressure meanwhile
        updateReading();
    }
}

qsizetype WebSocketSession::bytesOfCurrentFrameBefore() const
{
    if (const auto partial = m_decoder.partialFrame())
        return partial->header->size() + partial->payloadSoFar.size();
    return m_decoder.bufferedBytes();
}

QByteArray WebSocketSession::partialFrameWireBytes() const
{
    const auto partial = m_decoder.partialFrame();
    if (!partial)
        return {};
    QByteArray wire = FrameEncoder::writeHeader(*partial->header);
    const qsizetype headerSize = wire.size();
    wire.append(partial->payloadSoFar.data(), partial->payloadSoFar.size());
    if (partial->header->masked)
        applyMask(wire.data() + headerSize, partial->payloadSoFar.size(), partial->header->maskKey);
    return wire;
}

void WebSocketSession::handleFrame(DecodedFrame &&frame)
{
    if (m_state == State::Closed)
        return;
    ++m_info.framesIn;
    TransportCounters &counters = m_server.statsFor(m_info.room).webSocket;
    counters.headerBytes += quint64(frame.headerSize());
    counters.payloadBytes += quint64(frame.payload.size());
    if (isData(frame.header.opcode))
        ++counters.requests;

    const bool hold = m_holding && m_state == State::Open;
    if (!m_server.isCapturing()) {
        if (hold) {
            m_held.push_back(HeldItem{0, std::move(frame), std::nullopt});
            m_server.noteHeldFrame(id());
        } else {
            process(std::move(frame), nullptr);
        }
        return;
    }
    capture::CaptureRecord record;
    record.connectionId = id();
    record.direction = capture::Direction::Inbound;
    record.transport = capture::Transport::WebSocket;
    record.kind = capture::RecordKind::Frame;
    record.frame = frame; // shares the payload
    record.held = hold;
    if (hold) {
        previewHeld(frame, record);
        const quint64 recordId = m_server.record(std::move(record));
        m_held.push_back(HeldItem{recordId, std::move(frame), std::nullopt});
        m_server.noteHeldFrame(id());
        return;
    }
    process(std::move(frame), &record);
}

// `record` (the frame's own record, or the FrameDelivered record of a held frame) goes to the
// capture before anything the frame causes, so an answer is never recorded ahead of its question;
// when the frame completes a compressed message it carries the message inflated.
void WebSocketSession::process(DecodedFrame &&frame, capture::CaptureRecord *record)
{
    const auto capture = [&] {
        if (record)
            m_server.record(std::move(*std::exchange(record, nullptr)));
    };
    // RFC 6455 §5.5.1: after a close frame has been sent, data frames are not processed.
    if (m_state == State::Closed || (!isControl(frame.header.opcode) && m_state != State::Open)) {
        capture();
        return;
    }
    if (isControl(frame.header.opcode)) {
        capture();
        handleControl(frame);
        return;
    }
    AssemblyStep step = m_assembler.push(std::move(frame));
    switch (step.kind) {
    case AssemblyStep::Kind::MessageComplete: {
        // RFC 7692 §6.2: RSV1 on the first frame says the payload is deflated (the decoder lets RSV1
        // through only when the extension was agreed). Inflated within the message limit (1009
        // beyond); data that does not inflate, or text that is not UTF-8 once inflated, is 1007.
        std::optional<DecodeError> error;
        if (step.message.compressed) {
            error = m_deflate ? inflateMessage(*m_deflate, step.message, m_server.settings().maxMessageSize)
                              : std::optional(DecodeError::ReservedBitsSet);
            if (!error && record)
                record->inflatedPayload = step.message.payload; // shared, not copied
        }
        capture();
        if (error)
            fail(*error, {});
        else
            handleMessage(std::move(step.message));
        break;
    }
    case AssemblyStep::Kind::Failed:
        capture();
        fail(step.error, {});
        break;
    case AssemblyStep::Kind::FragmentBuffered:
    case AssemblyStep::Kind::Control:
        capture();
        break;
    }
}

// A held compressed message is inflated for the capture as soon as its last frame is in, so the
// learner can read it before delivering it. The session's own assembler and inflater must not run
// ahead of the delivery (with context takeover each message inflates against the ones before it,
// RFC 7692 §7.2.3), so copies of them, taken when the first frame of this held run came, run ahead
// instead: they see the same frames in the same order as the delivery will, and end up with the
// same bytes. Anything they cannot inflate is left to the delivery, which reports it.
void WebSocketSession::previewHeld(const DecodedFrame &frame, capture::CaptureRecord &record)
{
    if (!m_deflate || m_inputDead)
        return;
    if (m_held.empty())
        m_preview.emplace(HeldPreview{m_assembler, m_deflate->decompressorCopy()});
    if (!m_preview || isControl(frame.header.opcode))
        return;
    AssemblyStep step = m_preview->assembler.push(frame);
    if (step.kind == AssemblyStep::Kind::Failed) {
        m_preview.reset();
        return;
    }
    if (step.kind != AssemblyStep::Kind::MessageComplete || !step.message.compressed)
        return;
    if (inflateMessage(m_preview->inflater, step.message, m_server.settings().maxMessageSize)) {
        m_preview.reset();
        return;
    }
    record.inflatedPayload = step.message.payload;
}

void WebSocketSession::handleControl(const DecodedFrame &frame)
{
    switch (frame.header.opcode) {
    case Opcode::Ping:
        // RFC 6455 §5.5.3: the pong carries the ping's payload. Not sent once we are closing.
        if (m_state == State::Open)
            queueFrame(Opcode::Pong, frame.payload, true, &frame.payload);
        break;
    case Opcode::Pong: {
        // §5.5.3: a pong may answer an earlier ping or be unsolicited; match by payload.
        qint64 roundTripNs = -1;
        for (auto it = m_pings.begin(); it != m_pings.end(); ++it) {
            if (it->payload == frame.payload) {
                roundTripNs = m_server.captureTimeNs() - it->sentNs;
                m_pings.erase(m_pings.begin(), it + 1); // older pings are answered by this one
                break;
            }
        }
        m_server.notePong(id(), frame.payload, roundTripNs);
        break;
    }
    case Opcode::Close:
        handleClose(frame);
        break;
    default:
        break;
    }
}

void WebSocketSession::handleClose(const DecodedFrame &frame)
{
    if (!m_firstClose)
        m_firstClose = capture::Direction::Inbound;
    if (m_receivedCloseCode)
        return; // a second close: nothing more to do
    const auto parsed = parseClosePayload(frame.payload);
    if (const auto *error = std::get_if<DecodeError>(&parsed)) {
        fail(*error, {});
        return;
    }
    const ClosePayload &close = std::get<ClosePayload>(parsed);
    m_receivedCloseCode = close.code.value_or(quint16(CloseCode::NoStatusReceived));
    if (m_state == State::Open) {
        // RFC 6455 §5.5.1: answer with a close, echoing the code; an empty close gets an empty one.
        queueClose(close.code, {});
        m_state = State::Closing;
    }
    // §7.1.1: the server closes the TCP connection first.
    shutdownTransport();
}

void WebSocketSession::handleMessage(Message &&message)
{
    if (m_mode == Mode::Echo || m_server.settings().echoEverywhere) {
        sendMessage(message.opcode, message.payload);
        return;
    }
    const QString text = message.opcode == Opcode::Text
            ? QString::fromUtf8(message.payload)
            : QStringLiteral("[binary message, %1 bytes]").arg(message.payload.size());
    const QString rejection = m_server.postChat(id(), text);
    if (!rejection.isEmpty())
        sendMessage(Opcode::Text, ChatRoom::noticeJson(rejection));
}

quint64 WebSocketSession::captureError(DecodeError error, const QByteArray &offendingBytes, bool held)
{
    capture::CaptureRecord record;
    record.connectionId = id();
    record.direction = capture::Direction::Inbound;
    record.transport = capture::Transport::WebSocket;
    record.kind = capture::RecordKind::ProtocolError;
    record.decodeError = error;
    record.wireBytes = offendingBytes;
    record.held = held;
    record.note = QString::fromLatin1(decodeErrorReason(error));
    return m_server.record(std::move(record));
}

void WebSocketSession::fail(DecodeError error, const QByteArray &offendingBytes, bool alreadyCaptured)
{
    if (m_state == State::Closed)
        return;
    if (!alreadyCaptured && m_server.isCapturing())
        captureError(error, offendingBytes, false);
    m_inputDead = true;
    const quint16 code = closeCodeFor(error);
    // RFC 6455 §7.1.7: fail the connection: a close frame with the code (if none was sent yet),
    // then close the TCP connection.
    if (m_state == State::Open) {
        m_failCode = code;
        queueClose(code, QString::fromLatin1(decodeErrorReason(error)));
    }
    m_state = State::Closing;
    m_held.clear();
    m_preview.reset();
    shutdownTransport();
}

// Frames the session encodes itself follow the rules by construction; crafted ones (the composer's
// raw bytes, a close code chosen in the chat pane) need not. From the first of those on, every frame
// the session writes is read the way its client reads it: the protocol's decoder and assembler in
// the client role (RFC 6455 §5.1: a server frame must not be masked), and the record of a frame that
// breaks a rule names it. A session that is never sent a crafted frame (every echo) pays nothing.
// permessage-deflate data is not inflated here: the client's inflater state cannot be mirrored
// for raw bytes, so an RSV1 frame passes when the extension was agreed (RFC 7692 §6).
void WebSocketSession::watchOutbound()
{
    if (m_outboundCheck)
        return;
    DecoderOptions options;
    options.role = Role::Client;
    options.maxFramePayload = std::numeric_limits<quint64>::max(); // the client's limits are its own
    options.rsv1Allowed = m_deflate.has_value();
    m_outboundCheck = std::make_unique<FrameStreamValidator>(options,
                                                             AssemblerOptions{std::numeric_limits<quint64>::max()});
}

std::optional<DecodeError> WebSocketSession::checkOutbound(QByteArrayView header, QByteArrayView payload)
{
    if (!m_outboundCheck)
        return std::nullopt;
    if (const auto violation = m_outboundCheck->feed(header))
        return violation;
    return m_outboundCheck->feed(payload);
}

// ---------------------------------------------------------------------------------------------
// Writing

void WebSocketSession::queueFrame(Opcode opcode, QByteArrayView payload, bool fin, const QByteArray *whole,
                                  const QByteArray *inflated)
{
    const qsizetype start = m_out.size();
    const bool rsv1 = inflated != nullptr; // RFC 7692 §6.1: the first frame of a compressed message
    const bool direct = whole && whole->size() == payload.size() && payload.size() >= directWriteSize;
    if (direct) {
        FrameHeader header;
        header.fin = fin;
        header.rsv1 = rsv1;
        header.opcode = opcode;
        header.payloadLength = quint64(payload.size());
        header.lengthForm = minimalLengthForm(header.payloadLength);
        m_out += FrameEncoder::writeHeader(header); // the payload follows in writeOut()
    } else {
        FrameEncoder::encodeInto(m_out, opcode, payload, fin, std::nullopt, rsv1);
    }
    ++m_info.framesOut;
    const int headerSize = int(m_out.size() - start - (direct ? 0 : payload.size()));
    TransportCounters &counters = m_server.statsFor(m_info.room).webSocket;
    counters.headerBytes += quint64(headerSize);
    counters.payloadBytes += quint64(payload.size());
    const std::optional<DecodeError> violation = checkOutbound(QByteArrayView(m_out).sliced(start, headerSize), payload);

    if (m_server.isCapturing()) {
        // The frame exactly as written: its header bytes from the buffer, the payload shared when
        // the caller has it as a whole array (the capture cuts it to its cap).
        DecodedFrame frame;
        frame.header.fin = fin;
        frame.header.rsv1 = rsv1;
        frame.header.opcode = opcode;
        frame.header.payloadLength = quint64(payload.size());
        frame.header.lengthForm = minimalLengthForm(frame.header.payloadLength);
        std::memcpy(frame.headerBytes.data(), m_out.constData() + start, size_t(headerSize));
        const qint64 cap = m_server.settings().capturePayloadCap;
        capture::CaptureRecord record;
        if (whole && whole->size() == payload.size()) {
            frame.payload = *whole;
        } else if (cap >= 0 && payload.size() > cap) {
            frame.payload = payload.first(cap).toByteArray();
            record.truncatedFrom = payload.size();
        } else {
            frame.payload = payload.toByteArray();
        }
        record.connectionId = id();
        record.direction = capture::Direction::Outbound;
        record.transport = capture::Transport::WebSocket;
        record.kind = capture::RecordKind::Frame;
        record.frame = std::move(frame);
        record.decodeError = violation;
        if (inflated)
            record.inflatedPayload = *inflated;
        m_server.record(std::move(record));
    }
    if (direct)
        writeOut(whole); // what is queued, this header, then the payload itself
    else
        requestFlush();
}

void WebSocketSession::queueClose(std::optional<quint16> code, const QString &reason)
{
    if (!m_firstClose)
        m_firstClose = capture::Direction::Outbound;
    const QByteArray payload = FrameEncoder::closePayload(code, closeReasonUtf8(reason));
    queueFrame(Opcode::Close, payload, true, &payload);
}

void WebSocketSession::sendMessage(Opcode opcode, const QByteArray &message, int fragments)
{
    if (m_state != State::Open)
        return;
    // RFC 7692 §7.2.1: the whole message is compressed, then the compressed bytes are framed, so a
    // fragmented message is deflated once and split afterwards.
    const QByteArray compressed = m_deflate ? m_deflate->compress(message) : QByteArray();
    const QByteArray &payload = m_deflate ? compressed : message;
    const QByteArray *inflated = m_deflate ? &message : nullptr;
    qsizetype fragmentSize = payload.size();
    if (fragments > 1)
        fragmentSize = (payload.size() + fragments - 1) / fragments;
    else if (fragments == 0 && m_server.settings().outgoingFragmentSize > 0)
        fragmentSize = qsizetype(m_server.settings().outgoingFragmentSize);
    if (fragmentSize <= 0 || fragmentSize >= payload.size()) {
        queueFrame(opcode, payload, true, &payload, inflated);
        return;
    }
    // RFC 6455 §5.4: the first frame carries the opcode (and RSV1, RFC 7692 §6.1), the others are
    // continuations; FIN on the last.
    for (qsizetype offset = 0; offset < payload.size(); offset += fragmentSize) {
        const qsizetype length = qMin(fragmentSize, payload.size() - offset);
        const bool last = offset + length >= payload.size();
        queueFrame(offset == 0 ? opcode : Opcode::Continuation, QByteArrayView(payload).sliced(offset, length), last,
                   nullptr, offset == 0 ? inflated : nullptr);
    }
}

void WebSocketSession::sendPing(const QByteArray &payload)
{
    if (m_state != State::Open)
        return;
    const QByteArray cut = payload.left(qsizetype(maxControlPayload)); // RFC 6455 §5.5
    if (qsizetype(m_pings.size()) >= maxPendingPings)
        m_pings.pop_front();
    m_pings.push_back(PendingPing{cut, m_server.captureTimeNs()});
    queueFrame(Opcode::Ping, cut, true, &cut);
}

void WebSocketSession::sendRaw(const QByteArray &wireBytes)
{
    if (m_state == State::Closed || wireBytes.isEmpty())
        return;
    m_out.append(wireBytes);
    ++m_info.framesOut;
    watchOutbound();
    const std::optional<DecodeError> violation = m_outboundCheck->feed(wireBytes);
    std::optional<DecodedFrame> frame = FrameDecoder::readFrame(wireBytes);
    if (frame && frame->header.opcode == Opcode::Close && !m_firstClose)
        m_firstClose = capture::Direction::Outbound;
    if (m_server.isCapturing()) {
        capture::CaptureRecord record;
        record.connectionId = id();
        record.direction = capture::Direction::Outbound;
        record.transport = capture::Transport::WebSocket;
        record.kind = capture::RecordKind::Frame;
        record.frame = std::move(frame);
        record.decodeError = violation;
        if (!record.frame) {
            record.wireBytes = wireBytes;
            record.note = QStringLiteral("raw bytes, not exactly one frame");
        }
        m_server.record(std::move(record));
    }
    requestFlush();
}

void WebSocketSession::close(quint16 code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    watchOutbound(); // the code may be any number the user typed
    queueClose(code, reason);
    m_state = State::Closing;
    m_held.clear();
    m_preview.reset();
    // RFC 6455 §7.1.2: wait for the peer's close, but not forever.
    m_closeTimer.start(qMax(1, m_server.settings().closeTimeoutMs), Qt::CoarseTimer, this);
    requestFlush();
}

void WebSocketSession::closeNow()
{
    if (m_state == State::Closed)
        return;
    flush();
    m_stream->abort();
    finish();
}

void WebSocketSession::requestFlush()
{
    if (m_inRead || m_flushRequested)
        return;
    m_flushRequested = true;
    m_server.scheduleFlush(this);
}

void WebSocketSession::flush()
{
    m_flushRequested = false;
    if (m_state == State::Closed)
        return;
    if (!m_out.isEmpty())
        writeOut();
    // The FIN goes after everything queued (the stream sends it once its own queue is empty).
    if (m_shutdownPending && m_state != State::Closed)
        m_stream->shutdownWrite();
}

void WebSocketSession::writeOut(const QByteArray *body)
{
    // A peer that does not read must not make the server buffer without bound.
    const qint64 outgoing = m_out.size() + (body ? body->size() : 0);
    if (m_stream->bytesToWrite() + outgoing > m_server.settings().maxWriteBuffer) {
        m_out.clear();
        if (m_server.isCapturing()) {
            capture::CaptureRecord record;
            record.connectionId = id();
            record.kind = capture::RecordKind::ProtocolError;
            record.direction = capture::Direction::Outbound;
            record.transport = capture::Transport::WebSocket;
            record.note = QStringLiteral("peer is not reading: write buffer limit reached, connection dropped");
            m_server.record(std::move(record));
        }
        m_stream->abort();
        finish();
        return;
    }
    if (body)
        m_stream->write(m_out, *body);
    else
        m_stream->write(m_out);
    // Keep a small buffer for the next turn; give a big one back (idle connections stay small).
    if (m_out.capacity() > keptWriteCapacity)
        m_out = QByteArray();
    else
        m_out.truncate(0);
    markClientChanged();
    if (!m_backlogged && m_stream->bytesToWrite() > maxWriteBacklog) {
        m_backlogged = true; // until the stream has sent it all (onDrained)
        updateReading();
    }
}

void WebSocketSession::onDrained()
{
    if (!m_backlogged)
        return;
    m_backlogged = false;
    updateReading();
    // What arrived meanwhile is read now (the notifier reports it too, but not before the next turn).
    if (m_state != State::Closed && !m_readPaused)
        onReadyRead();
}

void WebSocketSession::updateReading()
{
    m_stream->setReadEnabled(!m_readPaused && !m_backlogged);
}

// ---------------------------------------------------------------------------------------------
// Hold (step mode)

void WebSocketSession::setHold(bool hold)
{
    m_holding = hold;
}

bool WebSocketSession::deliverOneHeld()
{
    if (m_held.empty())
        return false;
    HeldItem item = std::move(m_held.front());
    m_held.pop_front();
    if (m_held.empty())
        m_preview.reset(); // the delivery has caught up with it
    std::optional<capture::CaptureRecord> record;
    if (m_server.isCapturing()) {
        record.emplace();
        record->connectionId = id();
        record->direction = capture::Direction::Inbound;
        record->transport = capture::Transport::WebSocket;
        record->kind = capture::RecordKind::FrameDelivered;
        record->relatedId = item.recordId;
    }
    if (item.frame) {
        process(std::move(*item.frame), record ? &*record : nullptr);
    } else {
        if (record)
            m_server.record(std::move(*record));
        if (item.error)
            fail(*item.error, {}, true);
    }
    if (m_readPaused && qsizetype(m_held.size()) < maxHeldFrames / 2) {
        m_readPaused = false;
        updateReading();
    }
    requestFlush();
    return true;
}

// ---------------------------------------------------------------------------------------------
// Idle pings, closing

void WebSocketSession::pingIfIdle(qint64 nowNs, qint64 intervalNs)
{
    // Activity is dated by the check that first sees it (the checks come a few times per
    // interval), so the ping may come up to one check period late; reads stay free of clock calls.
    if (std::exchange(m_activeSinceIdleCheck, false))
        m_lastActivityNs = nowNs;
    if (m_state != State::Open || nowNs - m_lastActivityNs < intervalNs)
        return;
    m_lastActivityNs = nowNs;
    sendPing(QByteArrayLiteral("wslab-") + QByteArray::number(++m_pingCounter));
}

void WebSocketSession::shutdownTransport()
{
    if (m_shutdownPending || m_state == State::Closed)
        return;
    m_shutdownPending = true;
    m_closeTimer.start(qMax(1, m_server.settings().closeTimeoutMs), Qt::CoarseTimer, this);
    // The FIN follows what is queued (flush() sends it); reading goes on until the peer closes too
    // (or the timeout). Inside a read, the flush at its end does it.
    if (!m_inRead)
        flush();
}

void WebSocketSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_closeTimer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_closeTimer.stop();
    // The peer did not complete the closing handshake in time (RFC 6455 §7.1.1): drop TCP.
    m_stream->abort();
    finish();
}

void WebSocketSession::onDisconnected()
{
    finish();
}

void WebSocketSession::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closed;
    m_closeTimer.stop();
    m_held.clear();
    m_preview.reset();
    m_out.clear();
    // RFC 6455 §7.1.5: the code of the close frame received; 1006 if the connection dropped without
    // one. When we failed the connection, our code says more than 1006.
    const quint16 code = m_receivedCloseCode ? *m_receivedCloseCode
                       : m_failCode          ? *m_failCode
                                             : quint16(CloseCode::AbnormalClosure);
    if (m_server.isCapturing()) {
        capture::CaptureRecord record;
        record.connectionId = id();
        record.direction = capture::Direction::Inbound;
        record.transport = capture::Transport::WebSocket;
        record.kind = capture::RecordKind::ConnectionClosed;
        record.closeCode = code;
        record.firstCloseDirection = m_firstClose;
        record.note = m_info.peerAddress;
        m_server.record(std::move(record));
    }
    m_stream->setReader(nullptr);
    m_stream->disconnect(this);
    m_stream->abort();
    m_server.sessionClosed(this, code);
    deleteLater();
}

} // namespace wslab::server
