#include "app/files/batchhandoff.h"

#include <algorithm>

namespace wslab::app {

BatchHandoff::BatchHandoff(int capacity)
    : m_capacity(size_t(std::max(capacity, 1)))
{
}

void BatchHandoff::put(capture::CaptureBatch &&batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_batches.size() < m_capacity; });
    m_batches.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
}

void BatchHandoff::close()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

std::optional<capture::CaptureBatch> BatchHandoff::take()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_batches.empty() || m_closed; });
    if (m_batches.empty())
        return std::nullopt;
    capture::CaptureBatch batch = std::move(m_batches.front());
    m_batches.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return batch;
}

} // namespace wslab::app
