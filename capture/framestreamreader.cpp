#include "framestreamreader.h"

#include "server/protocol/closepayload.h"
#include "server/protocol/decodeerror.h"
#include "server/protocol/opcode.h"

namespace wslab::capture {

using namespace protocol;

namespace {

Role receivingRole(Direction direction)
{
    // Client-to-server bytes are read as the server reads them, and the other way round.
    return direction == Direction::Inbound ? Role::Server : Role::Client;
}

} // namespace

FrameStreamReader::FrameStreamReader(quint64 connectionId, Direction direction, Limits limits)
    : m_connectionId(connectionId),
      m_direction(direction),
      m_limits(limits),
      // Every frame becomes a record, so the small payloads of a read can share one allocation.
      m_decoder(DecoderOptions{.role = receivingRole(direction),
                               .maxFramePayload = limits.maxFramePayload,
                               .sharePayloads = true}),
      // The records keep the frames: of a message only a compressed one's payload is needed.
      m_assembler(AssemblerOptions{quint64(limits.maxMessageSize), false})
{
}

void FrameStreamReader::enableDeflate(const DeflateParameters &agreed)
{
    m_deflate = std::make_unique<PerMessageDeflate>(agreed, receivingRole(m_direction));
    m_decoder.setRsv1Allowed(true);
}

void FrameStreamReader::feed(QByteArrayView bytes, qint64 timeNs, CaptureBatch &out)
{
    if (m_stopped) {
        m_undecodedBytes += bytes.size();
        return;
    }
    // Bytes of the frame (or header) in progress that earlier pieces brought.
    const auto partial = m_decoder.partialFrame();
    const qsizetype before = partial ? partial->header->size() + partial->payloadSoFar.size() : m_decoder.bufferedBytes();
    m_frames.clear();
    const auto error = m_decoder.feed(bytes, m_frames);
    qsizetype used = -before;
    for (const DecodedFrame &frame : std::as_const(m_frames))
        used += frame.wireSize();
    decodeFrames(m_frames, timeNs, out);
    if (error) {
        addDecodeError(*error, m_decoder.errorBytes(), timeNs, out);
        m_stopped = true;
        // What followed the bad header in this piece is not decodable either, as later pieces are not.
        used += m_decoder.errorBytes().size();
        m_undecodedBytes += bytes.size() - used;
    }
}

void FrameStreamReader::decodeFrames(QList<DecodedFrame> &frames, qint64 timeNs, CaptureBatch &out)
{
    for (DecodedFrame &frame : frames)
        handleFrame(std::move(frame), timeNs, out);
    frames.clear();
}

void FrameStreamReader::skip(quint64 length, qint64 timeNs, CaptureBatch &out)
{
    addRecord(RecordKind::StreamGap, timeNs, out).missed = length;
    if (m_stopped) {
        m_undecodedBytes += qint64(length);
        return;
    }
    m_frames.clear();
    if (m_decoder.skipPayload(qint64(length), m_frames)) {
        decodeFrames(m_frames, timeNs, out);
        return;
    }
    addStreamError(StreamError::BytesMissing,
                   QStringLiteral("%1 bytes missing outside a frame's payload").arg(length), timeNs, out);
    m_stopped = true;
}

void FrameStreamReader::finish(qint64 timeNs, CaptureBatch &out)
{
    if (m_undecodedBytes > 0) {
        addStreamError(StreamError::UndecodableAfterError, QStringLiteral("%1 bytes").arg(m_undecodedBytes), timeNs,
                       out);
        m_undecodedBytes = 0;
    }
}

void FrameStreamReader::handleFrame(DecodedFrame &&frame, qint64 timeNs, CaptureBatch &out)
{
    if (isControl(frame.header.opcode)) {
        addRecord(RecordKind::Frame, timeNs, out).frame = frame; // shares the payload
        if (frame.header.opcode == Opcode::Close)
            noteClose(frame, timeNs, out);
        return;
    }
    const qsizetype frameRecord = out.size();
    CaptureRecord &record = addRecord(RecordKind::Frame, timeNs, out);
    record.frame = std::move(frame);
    AssemblyStep step = m_assembler.pushShared(*record.frame);
    switch (step.kind) {
    case AssemblyStep::Kind::MessageComplete:
        completeMessage(std::move(step.message), frameRecord, out);
        return;
    case AssemblyStep::Kind::Failed:
        addDecodeError(step.error, {}, timeNs, out);
        // An observer goes on: the frames are still whole, the next message may be fine.
        m_assembler.reset();
        return;
    case AssemblyStep::Kind::FragmentBuffered:
    case AssemblyStep::Kind::Control:
        return;
    }
}

// RFC 7692 §6.2: RSV1 on the first frame says the message is deflated; it is inflated here with
// this direction's context, so a learner sees both the wire bytes and the message. The message's
// last frame is already the record at `frameRecord` in `out`.
void FrameStreamReader::completeMessage(Message &&message, qsizetype frameRecord, CaptureBatch &out)
{
    if (!message.compressed)
        return;
    const qint64 timeNs = out.at(frameRecord).timeNs;
    if (!m_deflate || m_inflateBroken) {
        if (!m_deflate)
            addDecodeError(DecodeError::ReservedBitsSet, {}, timeNs, out);
        return;
    }
    const auto error = inflateMessage(*m_deflate, message, m_limits.maxMessageSize);
    if (error) {
        addDecodeError(*error, {}, timeNs, out);
        // The decompressor's window is lost with it: later messages of this direction cannot be read.
        m_inflateBroken = *error != DecodeError::InvalidUtf8;
        return;
    }
    CaptureRecord &record = out[frameRecord];
    record.inflatedSize = message.payload.size();
    record.inflatedPayload = std::move(message.payload);
}

void FrameStreamReader::noteClose(const DecodedFrame &frame, qint64 timeNs, CaptureBatch &out)
{
    const auto parsed = parseClosePayload(frame.payload);
    if (const auto *error = std::get_if<DecodeError>(&parsed)) {
        addDecodeError(*error, {}, timeNs, out);
        return;
    }
    if (!m_closeCode)
        m_closeCode = std::get<ClosePayload>(parsed).code.value_or(quint16(1005));
}

// Built where it stays: a record is a few hundred bytes, and a live capture makes a million a second.
// The reference holds until the next record is added.
CaptureRecord &FrameStreamReader::addRecord(RecordKind kind, qint64 timeNs, CaptureBatch &out) const
{
    CaptureRecord &record = out.emplaceBack();
    record.timeNs = timeNs;
    record.connectionId = m_connectionId;
    record.direction = m_direction;
    record.transport = Transport::WebSocket;
    record.kind = kind;
    return record;
}

void FrameStreamReader::addDecodeError(DecodeError error, QByteArray bytes, qint64 timeNs, CaptureBatch &out) const
{
    CaptureRecord &record = addRecord(RecordKind::ProtocolError, timeNs, out);
    record.decodeError = error;
    record.wireBytes = std::move(bytes);
    record.note = QString::fromLatin1(decodeErrorReason(error));
}

void FrameStreamReader::addStreamError(StreamError error, const QString &detail, qint64 timeNs,
                                       CaptureBatch &out) const
{
    CaptureRecord &record = addRecord(RecordKind::ProtocolError, timeNs, out);
    record.streamError = error;
    record.note = detail;
}

} // namespace wslab::capture
