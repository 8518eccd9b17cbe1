#pragma once

#include <QtGlobal>

#include <array>

namespace wslab::app {

// Frames per second and bytes per second over a sliding window, for the status bar. Pure: the
// caller adds counts as batches arrive and samples with its own clock, so a test drives it directly.
class RateMeter
{
public:
    static constexpr int windowSlots = 4; // samples averaged (one per status-bar tick)

    void add(quint64 frames, quint64 bytes) noexcept;
    // Closes the current slot at `nowMs` (monotonic) and returns nothing; read the rates after.
    void sample(qint64 nowMs) noexcept;
    void reset() noexcept;

    [[nodiscard]] double framesPerSecond() const noexcept { return m_framesPerSecond; }
    [[nodiscard]] double bytesPerSecond() const noexcept { return m_bytesPerSecond; }
    [[nodiscard]] quint64 totalFrames() const noexcept { return m_totalFrames; }
    [[nodiscard]] quint64 totalBytes() const noexcept { return m_totalBytes; }

private:
    struct Slot
    {
        quint64 frames = 0;
        quint64 bytes = 0;
        qint64 durationMs = 0;
    };

    std::array<Slot, windowSlots> m_slots{};
    int m_next = 0;
    quint64 m_pendingFrames = 0;
    quint64 m_pendingBytes = 0;
    qint64 m_lastSampleMs = -1;
    quint64 m_totalFrames = 0;
    quint64 m_totalBytes = 0;
    double m_framesPerSecond = 0;
    double m_bytesPerSecond = 0;
};

} // namespace wslab::app
