// MessageAssembler (RFC 6455 §5.4) with its UTF-8 validation (§8.1) over the frames a decoder reads
// from a stream, as a session drives it: every completed frame is pushed, then the frame still
// arriving is inspected (fail fast); messages that arrive with RSV1 are inflated (RFC 7692) within
// the message limit and validated again.
//   input: [options] [splits] stream of unmasked frames (client role, RSV1 allowed)
//   options: bits 0-1 message limit, bit 2 no context takeover, bits 4-6 window bits - 8
// Properties: every text message delivered is valid UTF-8, no message exceeds the limit, errors
// are sticky, the stream whole and in pieces delivers the same messages, and an observer's
// assembler (no payload kept, frames shared) takes the same steps with the same errors, keeping
// the payload of compressed messages only.

#include "fuzzinput.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/messageassembler.h"
#include "server/protocol/permessagedeflate.h"
#include "server/protocol/utf8validator.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

namespace {

struct Outcome
{
    QList<Message> messages;
    bool failed = false;
};

Outcome assemble(const QList<QByteArrayView> &pieces, quint64 maxSize, const DeflateParameters &parameters)
{
    FrameDecoder decoder(DecoderOptions{Role::Client, maxSize, true});
    MessageAssembler assembler(AssemblerOptions{maxSize});
    MessageAssembler observer(AssemblerOptions{maxSize, false});
    PerMessageDeflate deflate(parameters, Role::Server);
    Outcome out;
    QList<DecodedFrame> frames;
    for (const QByteArrayView piece : pieces) {
        frames.clear();
        const std::optional<DecodeError> decodeError = decoder.feed(piece, frames);
        for (DecodedFrame &frame : frames) {
            const AssemblyStep seen = observer.pushShared(frame);
            AssemblyStep step = assembler.push(std::move(frame));
            require(seen.kind == step.kind, "the observer takes the same step");
            if (step.kind == AssemblyStep::Kind::Failed)
                require(seen.error == step.error, "the observer fails with the same error");
            if (step.kind == AssemblyStep::Kind::MessageComplete) {
                require(seen.message.opcode == step.message.opcode && seen.message.frameCount == step.message.frameCount
                                && seen.message.compressed == step.message.compressed,
                        "the observer completes the same message");
                require(seen.message.payload == (step.message.compressed ? step.message.payload : QByteArray()),
                        "the observer keeps a compressed message's payload only");
            }
            if (step.kind == AssemblyStep::Kind::Failed) {
                require(assembler.error() == step.error, "the assembler keeps its error");
                require(assembler.push(DecodedFrame()).kind == AssemblyStep::Kind::Failed, "errors are sticky");
                out.failed = true;
                return out;
            }
            if (step.kind != AssemblyStep::Kind::MessageComplete)
                continue;
            Message &message = step.message;
            require(quint64(message.payload.size()) <= maxSize, "no message above the limit");
            if (message.compressed) {
                if (inflateMessage(deflate, message, qint64(maxSize))) {
                    out.failed = true;
                    return out;
                }
                require(quint64(message.payload.size()) <= maxSize, "no inflated message above the limit");
            }
            if (message.opcode == Opcode::Text)
                require(Utf8Validator::isValid(message.payload), "every text message delivered is UTF-8");
            out.messages.append(std::move(message));
        }
        if (decodeError) {
            out.failed = true;
            return out;
        }
        if (const auto partial = decoder.partialFrame()) {
            require(observer.inspectPartial(*partial) == assembler.inspectPartial(*partial),
                    "the observer inspects a partial frame alike");
            if (const auto error = assembler.error()) {
                require(*error == DecodeError::InvalidUtf8, "a partial frame fails only on UTF-8");
                out.failed = true;
                return out;
            }
        }
    }
    return out;
}

bool sameMessages(const QList<Message> &a, const QList<Message> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).opcode != b.at(i).opcode || a.at(i).payload != b.at(i).payload
            || a.at(i).frameCount != b.at(i).frameCount)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    const QByteArrayView splits = input.takeSplits();
    const QByteArrayView stream = input.rest();
    constexpr quint64 limits[] = {16 * 1024 * 1024, 0, 125, 4096};
    const quint64 maxSize = limits[options & 3];
    DeflateParameters parameters;
    parameters.clientNoContextTakeover = options & 4;
    parameters.clientMaxWindowBits = minWindowBits + ((options >> 4) & 7);

    const Outcome whole = assemble({stream}, maxSize, parameters);
    const Outcome pieces = assemble(wslab::fuzz::cut(stream, splits), maxSize, parameters);
    require(sameMessages(whole.messages, pieces.messages), "the same messages whole and in pieces");
    require(whole.failed == pieces.failed, "the stream fails whole exactly when it fails in pieces");
    return 0;
}
