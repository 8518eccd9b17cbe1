// The proxy's FrameBoundaryTracker (where frames end while a relay forwards bytes as they come)
// against FrameDecoder in its framing-only mode (how the relay cuts frames while holding), fed the
// same stream: the tracker in pieces, the decoder whole.
//   input: [splits] stream
// Properties: between pieces, the tracker is at a boundary exactly where a decoded frame ends;
// bytesToBoundary() and bytesToFrameEnd() stay within the bytes given and, for a frame the decoder
// completed, reach exactly its end.

#include "fuzzinput.h"

#include "proxy/frameboundarytracker.h"
#include "server/protocol/framedecoder.h"

#include <algorithm>
#include <limits>

using namespace wslab::protocol;
using wslab::fuzz::require;
using wslab::proxy::FrameBoundaryTracker;

namespace {

// Where each frame the framing-only decoder completes ends in the stream, in order.
QList<qsizetype> frameEnds(QByteArrayView stream)
{
    DecoderOptions options;
    options.framingOnly = true;
    options.maxFramePayload = std::numeric_limits<qint32>::max();
    FrameDecoder decoder(options);
    QList<DecodedFrame> frames;
    (void)decoder.feed(stream, frames);
    QList<qsizetype> ends;
    qsizetype offset = 0;
    for (const DecodedFrame &frame : std::as_const(frames)) {
        offset += frame.wireHeader().size() + frame.payload.size();
        ends.append(offset);
    }
    return ends;
}

// The first frame end after `position`, or -1 when the decoder completed no frame ending there.
qsizetype nextEnd(const QList<qsizetype> &ends, qsizetype position)
{
    const auto it = std::upper_bound(ends.begin(), ends.end(), position);
    return it == ends.end() ? -1 : *it;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const QByteArrayView splits = input.takeSplits();
    const QByteArrayView stream = input.rest();
    const QList<qsizetype> ends = frameEnds(stream);
    const qsizetype decoded = ends.isEmpty() ? 0 : ends.last();

    FrameBoundaryTracker tracker;
    qsizetype position = 0;
    for (const QByteArrayView piece : wslab::fuzz::cut(stream, splits)) {
        const QByteArrayView rest = stream.sliced(position);
        const qsizetype toBoundary = tracker.bytesToBoundary(rest);
        const qsizetype toEnd = tracker.bytesToFrameEnd(rest);
        require(toBoundary >= 0 && toBoundary <= rest.size() && toEnd >= 0 && toEnd <= rest.size(),
                "the distances stay within the bytes given");
        require((toBoundary == 0) == tracker.isAtBoundary(), "no distance to a boundary exactly at one");
        const qsizetype next = nextEnd(ends, position);
        if (next >= 0) {
            require(position + toEnd == next, "bytesToFrameEnd() reaches the decoded frame's end");
            if (!tracker.isAtBoundary())
                require(position + toBoundary == next, "bytesToBoundary() reaches the decoded frame's end");
        }
        tracker.feed(piece);
        position += piece.size();
        if (position <= decoded)
            require(tracker.isAtBoundary() == (position == 0 || ends.contains(position)),
                    "at a boundary exactly where a decoded frame ends");
    }
    return 0;
}
