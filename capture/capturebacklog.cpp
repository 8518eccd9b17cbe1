#include "capturebacklog.h"

namespace wslab::capture {

bool CaptureBacklog::tryAdd(qint64 bytes) noexcept
{
    // The receiver only ever lowers the count, so a check followed by an add cannot overshoot.
    if (m_bytes.load(std::memory_order_relaxed) + bytes > m_limit)
        return false;
    add(bytes);
    return true;
}

qint64 CaptureBacklog::weightOf(const CaptureRecord &record) noexcept
{
    qint64 weight = qint64(sizeof(CaptureRecord)) + record.wireBytes.size() + 2 * record.note.size();
    if (record.frame)
        weight += record.frame->payload.size();
    if (record.inflatedPayload)
        weight += record.inflatedPayload->size();
    return weight;
}

qint64 CaptureBacklog::weightOf(const CaptureBatch &batch) noexcept
{
    qint64 weight = 0;
    for (const CaptureRecord &record : batch)
        weight += weightOf(record);
    return weight;
}

} // namespace wslab::capture
