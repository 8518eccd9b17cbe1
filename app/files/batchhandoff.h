#pragma once

#include "capture/capturerecord.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace wslab::app {

// Batches of records passed from the thread that reads a capture file to the thread that spills
// and delivers them, so that the two run on two cores. Bounded: put() waits while `capacity`
// batches wait, so reading never runs far ahead of writing. The taking thread takes every batch
// until close(), cancelled or not, so a put() never waits for long.
class BatchHandoff
{
public:
    explicit BatchHandoff(int capacity);

    // Waits for room, then queues `batch`.
    void put(capture::CaptureBatch &&batch);
    // No batch follows: take() returns nullopt once the queued ones are taken.
    void close();
    // The next batch, waiting for it; nullopt after close().
    [[nodiscard]] std::optional<capture::CaptureBatch> take();

private:
    const size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<capture::CaptureBatch> m_batches;
    bool m_closed = false;
};

} // namespace wslab::app
