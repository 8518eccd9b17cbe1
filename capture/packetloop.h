#pragma once

#include "capturedpacket.h"

#include <atomic>
#include <optional>

namespace wslab::capture {

// How a walk over a capture file's packets ended.
struct PacketLoopEnd
{
    std::optional<CaptureFileFailure> failure; // the reader's first error; the packets before it were handed over
    bool cancelled = false;
};

// Hands every packet of an opened reader (PcapFileReader, PcapNgReader) to onPacket. Every `interval`
// packets it calls onInterval (progress) and then looks at `cancel`, so a reader of a large file
// neither reports nor polls per packet. `packets` counts what was handed over.
template <typename Reader, typename OnPacket, typename OnInterval>
PacketLoopEnd forEachPacket(Reader &reader, int interval, const std::atomic_bool *cancel, quint64 &packets,
                            OnPacket &&onPacket, OnInterval &&onInterval)
{
    const quint64 every = quint64(qMax(1, interval));
    for (;;) {
        const ReadStatus status = reader.next();
        if (status == ReadStatus::End)
            return {};
        if (status == ReadStatus::Failed)
            return {reader.failure(), false};
        onPacket(reader.packet());
        if (++packets % every != 0)
            continue;
        onInterval();
        if (cancel && cancel->load(std::memory_order_relaxed))
            return {std::nullopt, true};
    }
}

} // namespace wslab::capture
