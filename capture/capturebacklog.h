#pragma once

#include "capturerecord.h"

#include <atomic>

namespace wslab::capture {

// How much capture has been handed to the receiver (the window, or the headless printer) and not
// taken yet, in bytes of memory. The server thread adds before it queues a record; the receiver's
// thread releases once a batch is dealt with. When a receiver falls behind (a flood of frames, a
// terminal that does not read), the capture stops queueing at the limit and counts what it
// missed, instead of growing without bound.
class CaptureBacklog
{
public:
    explicit CaptureBacklog(qint64 limitBytes) noexcept
        : m_limit(limitBytes)
    {
    }

    // Takes room for `bytes` if there is any; false when the backlog is full. One producer.
    [[nodiscard]] bool tryAdd(qint64 bytes) noexcept;
    void add(qint64 bytes) noexcept { m_bytes.fetch_add(bytes, std::memory_order_relaxed); }
    void release(qint64 bytes) noexcept { m_bytes.fetch_sub(bytes, std::memory_order_relaxed); }
    [[nodiscard]] qint64 bytes() const noexcept { return m_bytes.load(std::memory_order_relaxed); }
    [[nodiscard]] qint64 limit() const noexcept { return m_limit; }

    // What a record holds in memory, roughly: the struct and the bytes it owns.
    [[nodiscard]] static qint64 weightOf(const CaptureRecord &record) noexcept;
    [[nodiscard]] static qint64 weightOf(const CaptureBatch &batch) noexcept;

private:
    std::atomic<qint64> m_bytes{0};
    const qint64 m_limit;
};

} // namespace wslab::capture
