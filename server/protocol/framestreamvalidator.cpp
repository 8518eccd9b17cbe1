#include "framestreamvalidator.h"

#include "closepayload.h"

#include <variant>

namespace wslab::protocol {

FrameStreamValidator::FrameStreamValidator(DecoderOptions decoder, AssemblerOptions assembler)
    : m_decoder(decoder)
    , m_assembler(assembler)
{
}

std::optional<DecodeError> FrameStreamValidator::feed(QByteArrayView bytes)
{
    if (m_error)
        return std::nullopt;
    m_frames.clear();
    const std::optional<DecodeError> decodeError = m_decoder.feed(bytes, m_frames);
    // In wire order: the frames completed before a bad header are read first.
    for (DecodedFrame &frame : m_frames) {
        if (const auto error = check(std::move(frame)))
            return fail(*error);
    }
    m_frames.clear();
    if (decodeError)
        return fail(*decodeError);
    // RFC 6455 §8.1: a text frame whose bytes already break UTF-8 fails as soon as they are seen,
    // before the frame (or the message) is finished.
    if (const auto partial = m_decoder.partialFrame()) {
        if (const auto error = m_assembler.inspectPartial(*partial))
            return fail(*error);
    }
    return std::nullopt;
}

std::optional<DecodeError> FrameStreamValidator::check(DecodedFrame &&frame)
{
    const AssemblyStep step = m_assembler.push(std::move(frame));
    if (step.kind == AssemblyStep::Kind::Failed)
        return step.error;
    if (step.kind == AssemblyStep::Kind::Control && step.control->header.opcode == Opcode::Close) {
        const auto close = parseClosePayload(step.control->payload); // RFC 6455 §5.5.1, §7.4
        if (const auto *error = std::get_if<DecodeError>(&close))
            return *error;
    }
    return std::nullopt;
}

std::optional<DecodeError> FrameStreamValidator::fail(DecodeError error)
{
    m_error = error;
    return error;
}

} // namespace wslab::protocol
