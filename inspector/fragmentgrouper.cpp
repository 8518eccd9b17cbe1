#include "fragmentgrouper.h"

#include "deflatepreview.h"
#include "framecapturemodel.h"

#include "server/protocol/messageassembler.h"

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::Opcode;
using capture::CaptureRecord;

namespace {

// A data frame of the same connection and direction as `origin` (control frames may sit between
// fragments, RFC 6455 §5.4, and other connections interleave freely).
bool isSameStream(const CaptureRecord &candidate, const CaptureRecord &origin)
{
    return candidate.frame && candidate.connectionId == origin.connectionId
            && candidate.direction == origin.direction && !protocol::isControl(candidate.frame->header.opcode);
}

} // namespace

FragmentGroup FragmentGrouper::find(const FrameCaptureModel &model, int row, int scanLimit)
{
    FragmentGroup group;
    if (row < 0 || row >= model.rowCount())
        return group;
    const CaptureRecord &origin = model.record(row);
    if (!origin.frame || protocol::isControl(origin.frame->header.opcode)) {
        if (origin.frame) { // a control frame is a message of its own (§5.5)
            group.rows = {row};
            group.ids = {origin.id};
            group.numbers = {model.number(row)};
            group.opcode = origin.frame->header.opcode;
            group.payload = origin.frame->payload;
            group.complete = true;
        }
        return group;
    }

    // Back to the frame that started the message.
    int start = row;
    bool foundStart = origin.frame->header.opcode != Opcode::Continuation;
    for (int r = row - 1, scanned = 0; !foundStart && r >= 0 && scanned < scanLimit; --r, ++scanned) {
        const CaptureRecord &candidate = model.record(r);
        if (!isSameStream(candidate, origin))
            continue;
        if (candidate.frame->header.fin)
            break; // the previous message ended here: the start is missing (evicted or never sent)
        start = r;
        foundStart = candidate.frame->header.opcode != Opcode::Continuation;
    }

    // Forward to the frame with FIN = 1.
    group.rows.append(start);
    bool foundEnd = model.record(start).frame->header.fin;
    for (int r = start + 1, scanned = 0; !foundEnd && r < model.rowCount() && scanned < scanLimit; ++r, ++scanned) {
        const CaptureRecord &candidate = model.record(r);
        if (!isSameStream(candidate, origin))
            continue;
        if (candidate.frame->header.opcode != Opcode::Continuation)
            break; // a new message began: this one never finished
        group.rows.append(r);
        foundEnd = candidate.frame->header.fin;
    }

    group.opcode = model.record(start).frame->header.opcode;
    group.complete = foundStart && foundEnd;
    protocol::MessageAssembler assembler;
    for (int r : std::as_const(group.rows)) {
        const protocol::AssemblyStep step = assembler.push(*model.record(r).frame);
        if (step.kind == protocol::AssemblyStep::Kind::Failed) {
            group.error = step.error;
            break;
        }
        if (step.kind == protocol::AssemblyStep::Kind::MessageComplete) {
            group.payload = step.message.payload;
            group.opcode = step.message.opcode;
        }
    }
    for (int r : std::as_const(group.rows)) {
        const CaptureRecord &part = model.record(r);
        group.ids.append(part.id);
        group.numbers.append(model.number(r));
        group.deflatedSize += qint64(part.frame->header.payloadLength);
        if (part.inflatedPayload) {
            group.inflated = part.inflatedPayload;
            group.inflatedSize = DeflatePreview::inflatedSize(part);
        }
    }
    const CaptureRecord &first = model.record(start);
    group.compressed = foundStart && !first.decodeError && DeflatePreview::startsCompressedMessage(first.frame->header);
    if (!group.complete || group.error) { // show what there is, even without the assembler's blessing
        group.payload.clear();
        for (int r : std::as_const(group.rows))
            group.payload += model.record(r).frame->payload;
    }
    return group;
}

} // namespace wslab::inspector
