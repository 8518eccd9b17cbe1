#include "messageassembler.h"

#include <algorithm>
#include <utility>

namespace wslab::protocol {

namespace {

// RFC 6455 §5.4: "Control frames MAY be injected in the middle of a fragmented message." They are
// handed back as they are; a reserved control opcode fails like any other reserved opcode.
bool isHandedBack(const FrameHeader &header)
{
    return isControl(header.opcode) && !isReserved(header.opcode);
}

} // namespace

MessageAssembler::MessageAssembler(AssemblerOptions options)
    : m_options(options)
{
}

AssemblyStep MessageAssembler::push(DecodedFrame frame)
{
    if (!m_error && isHandedBack(frame.header)) {
        AssemblyStep step;
        step.kind = AssemblyStep::Kind::Control;
        step.control = std::move(frame);
        return step;
    }
    return pushData(frame.header, frame.payload, &frame.payload);
}

AssemblyStep MessageAssembler::pushShared(const DecodedFrame &frame)
{
    if (!m_error && isHandedBack(frame.header)) {
        AssemblyStep step;
        step.kind = AssemblyStep::Kind::Control;
        step.control = frame;
        return step;
    }
    return pushData(frame.header, frame.payload, nullptr);
}

AssemblyStep MessageAssembler::pushData(const FrameHeader &header, const QByteArray &payload, QByteArray *movable)
{
    if (m_error)
        return failed(*m_error);
    // The frame decoder already rejects these (RFC 6455 §5.2); nothing can be assembled from them.
    if (isReserved(header.opcode))
        return failed(DecodeError::ReservedOpcode);

    const bool validate = isValidatedText(header);
    if (header.opcode == Opcode::Continuation) {
        if (!m_inProgress)
            return failed(DecodeError::ContinuationWithoutStart);
    } else {
        // RFC 6455 §5.4: fragments of one message are not interleaved with another message.
        if (m_inProgress)
            return failed(DecodeError::DataFrameInsideFragmentedMessage);
        m_inProgress = true;
        m_message.opcode = header.opcode;
        m_message.compressed = header.rsv1; // RFC 7692 §6: RSV1 on the first frame only
    }

    // RFC 6455 §10.4: decided on the running total, before a byte of the frame is appended.
    const quint64 total = m_messageSize + quint64(payload.size());
    if (total > m_options.maxMessageSize)
        return failed(DecodeError::MessageTooLarge);

    // RFC 6455 §8.1, fail fast: each fragment is checked as it arrives, skipping the prefix that
    // inspectPartial() already checked while this frame was still arriving.
    if (validate) {
        const qsizetype skip = std::min(m_partialValidated, payload.size());
        if (m_utf8.feed(QByteArrayView(payload).sliced(skip)) == Utf8Validator::State::Invalid)
            return failed(DecodeError::InvalidUtf8);
    }
    m_partialValidated = 0;
    ++m_message.frameCount;
    m_messageSize = total;
    const bool fin = header.fin;
    if (m_options.keepPayload || m_message.compressed)
        append(movable ? std::move(*movable) : QByteArray(payload));

    AssemblyStep step;
    if (!fin)
        return step; // FragmentBuffered
    // The message may not end inside a multi-byte sequence.
    if (validate && !m_utf8.isCompleteAndValid())
        return failed(DecodeError::InvalidUtf8);
    step.kind = AssemblyStep::Kind::MessageComplete;
    step.message = std::exchange(m_message, Message{});
    m_messageSize = 0;
    m_inProgress = false;
    m_utf8.reset();
    return step;
}

std::optional<DecodeError> MessageAssembler::inspectPartial(const PartialFrame &partial)
{
    if (m_error)
        return m_error;
    if (!partial.header || !isValidatedText(*partial.header))
        return std::nullopt;
    const qsizetype seen = partial.payloadSoFar.size();
    if (seen <= m_partialValidated)
        return std::nullopt;
    const QByteArrayView fresh = partial.payloadSoFar.sliced(m_partialValidated);
    if (m_utf8.feed(fresh) == Utf8Validator::State::Invalid) {
        failed(DecodeError::InvalidUtf8);
        return m_error;
    }
    m_partialValidated = seen;
    return std::nullopt;
}

void MessageAssembler::reset()
{
    m_error.reset();
    m_inProgress = false;
    m_message = {};
    m_messageSize = 0;
    m_utf8.reset();
    m_partialValidated = 0;
}

AssemblyStep MessageAssembler::failed(DecodeError error)
{
    // Sticky (the connection is failed, RFC 6455 §7.1.7); the buffered fragments are dropped. The
    // validator keeps its error offset for utf8ErrorOffset().
    m_error = error;
    m_inProgress = false;
    m_message = {};
    m_messageSize = 0;
    m_partialValidated = 0;
    AssemblyStep step;
    step.kind = AssemblyStep::Kind::Failed;
    step.error = error;
    return step;
}

// Does this data frame's payload go through the UTF-8 check? Text messages do, unless the first
// frame had RSV1: permessage-deflate data is validated after inflating it (RFC 7692 §6).
bool MessageAssembler::isValidatedText(const FrameHeader &header) const noexcept
{
    if (header.opcode == Opcode::Text)
        return !m_inProgress && !header.rsv1;
    if (header.opcode == Opcode::Continuation)
        return m_inProgress && m_message.opcode == Opcode::Text && !m_message.compressed;
    return false;
}

void MessageAssembler::append(QByteArray &&fragment)
{
    QByteArray &payload = m_message.payload;
    if (payload.isEmpty()) {
        // The first bytes of the message: take the frame's buffer. A single-frame message is
        // never copied.
        payload = std::move(fragment);
        return;
    }
    if (fragment.isEmpty())
        return;
    const qsizetype needed = payload.size() + fragment.size();
    if (payload.capacity() < needed) {
        // Geometric growth keeps n fragments at O(total) copying; never past the limit, which the
        // message cannot exceed (checked before appending).
        const quint64 doubled = quint64(payload.size()) * 2;
        const quint64 target = std::min(std::max(quint64(needed), doubled), m_options.maxMessageSize);
        payload.reserve(qsizetype(target));
    }
    payload.append(fragment);
}

} // namespace wslab::protocol
