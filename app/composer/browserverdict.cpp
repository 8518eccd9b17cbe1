#include "app/composer/browserverdict.h"

#include "server/protocol/closepayload.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/messageassembler.h"

#include <variant>

namespace wslab::app {

using namespace protocol;

std::optional<BrowserVerdict::Violation> BrowserVerdict::firstViolation(const QList<ComposedFrame> &frames)
{
    FrameDecoder decoder({Role::Client});
    MessageAssembler assembler;
    for (int index = 0; index < frames.size(); ++index) {
        QList<DecodedFrame> decoded;
        if (const auto error = decoder.feed(frames.at(index).wireBytes(), decoded))
            return Violation{index, *error};
        for (DecodedFrame &frame : decoded) {
            const AssemblyStep step = assembler.push(std::move(frame));
            if (step.kind == AssemblyStep::Kind::Failed)
                return Violation{index, step.error};
            if (step.kind == AssemblyStep::Kind::Control && step.control.header.opcode == Opcode::Close) {
                const auto close = parseClosePayload(step.control.payload); // RFC 6455 §5.5.1
                if (const auto *error = std::get_if<DecodeError>(&close))
                    return Violation{index, *error};
            }
        }
        // A text frame whose bytes already break UTF-8 fails as soon as they are seen (§8.1),
        // even when the message is not finished.
        if (const auto partial = decoder.partialFrame()) {
            if (const auto error = assembler.inspectPartial(*partial))
                return Violation{index, *error};
        }
    }
    return std::nullopt;
}

bool BrowserVerdict::leavesMessageOpen(const QList<ComposedFrame> &frames)
{
    FrameDecoder decoder({Role::Client});
    MessageAssembler assembler;
    for (const ComposedFrame &composed : frames) {
        QList<DecodedFrame> decoded;
        if (decoder.feed(composed.wireBytes(), decoded))
            return false;
        for (DecodedFrame &frame : decoded) {
            if (assembler.push(std::move(frame)).kind == AssemblyStep::Kind::Failed)
                return false;
        }
    }
    return assembler.isMessageInProgress();
}

} // namespace wslab::app
