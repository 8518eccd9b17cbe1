#include "app/mainwindow/ratemeter.h"

namespace wslab::app {

void RateMeter::add(quint64 frames, quint64 bytes) noexcept
{
    m_pendingFrames += frames;
    m_pendingBytes += bytes;
    m_totalFrames += frames;
    m_totalBytes += bytes;
}

void RateMeter::sample(qint64 nowMs) noexcept
{
    if (m_lastSampleMs < 0 || nowMs <= m_lastSampleMs) {
        // The first sample only starts the clock; counts so far belong to the first slot.
        if (m_lastSampleMs < 0)
            m_lastSampleMs = nowMs;
        return;
    }
    m_slots[m_next] = {m_pendingFrames, m_pendingBytes, nowMs - m_lastSampleMs};
    m_next = (m_next + 1) % windowSlots;
    m_pendingFrames = 0;
    m_pendingBytes = 0;
    m_lastSampleMs = nowMs;

    quint64 frames = 0;
    quint64 bytes = 0;
    qint64 durationMs = 0;
    for (const Slot &slot : m_slots) {
        frames += slot.frames;
        bytes += slot.bytes;
        durationMs += slot.durationMs;
    }
    m_framesPerSecond = durationMs > 0 ? double(frames) * 1000.0 / double(durationMs) : 0.0;
    m_bytesPerSecond = durationMs > 0 ? double(bytes) * 1000.0 / double(durationMs) : 0.0;
}

void RateMeter::reset() noexcept
{
    *this = RateMeter();
}

} // namespace wslab::app
