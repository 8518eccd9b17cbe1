#include "capturestream.h"

#include "capturebacklog.h"

#include <QTimerEvent>

namespace wslab::capture {

namespace {

qsizetype payloadBytesOf(const CaptureRecord &record)
{
    return (record.frame ? record.frame->payload.size() : 0) + record.wireBytes.size()
            + (record.inflatedPayload ? record.inflatedPayload->size() : 0);
}

} // namespace

CaptureStream::CaptureStream(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

void CaptureStream::setEnabled(bool enabled)
{
    if (!enabled)
        flush();
    m_enabled = enabled;
}

void CaptureStream::setBacklog(std::shared_ptr<CaptureBacklog> backlog)
{
    m_backlog = std::move(backlog);
}

quint64 CaptureStream::append(CaptureRecord &&record)
{
    applyPayloadCap(record, m_payloadCap);
    if (!admit(record)) {
        ++m_missed;
        if (!m_timer.isActive())
            m_timer.start(m_intervalMs, Qt::PreciseTimer, this); // to report the gap once there is room
        return ++m_lastId;
    }
    stamp(record);
    queue(std::move(record));
    return m_lastId;
}

void CaptureStream::stamp(CaptureRecord &record)
{
    record.id = ++m_lastId;
    if (record.timeNs == 0)
        record.timeNs = nowNs();
}

void CaptureStream::adoptAppended(qsizetype first)
{
    const qsizetype end = m_pending.size();
    if (first >= end)
        return;
    if (!m_enabled) {
        m_pending.resize(first);
        return;
    }
    if (m_backlog) {
        // A record may be refused, and a gap record goes before the first one kept after it: the
        // records go through append() one by one.
        CaptureBatch appended;
        appended.reserve(end - first);
        for (qsizetype i = first; i < end; ++i)
            appended.append(std::move(m_pending[i]));
        m_pending.resize(first);
        for (CaptureRecord &record : appended)
            append(std::move(record));
        return;
    }
    for (qsizetype i = first; i < end; ++i) {
        CaptureRecord &record = m_pending[i];
        applyPayloadCap(record, m_payloadCap);
        stamp(record);
        m_pendingBytes += payloadBytesOf(record);
    }
    scheduleFlush();
}

void CaptureStream::queue(CaptureRecord &&record)
{
    m_pendingBytes += payloadBytesOf(record);
    m_pending.append(std::move(record));
    scheduleFlush();
}

void CaptureStream::scheduleFlush()
{
    if (m_pending.size() >= m_maxBatchSize || m_pendingBytes >= m_maxBatchBytes)
        flush();
    else if (!m_timer.isActive())
        m_timer.start(m_intervalMs, Qt::PreciseTimer, this);
}

bool CaptureStream::admit(const CaptureRecord &record)
{
    if (!m_backlog)
        return true;
    // A gap goes before the first record kept after it, so the ids stay in capture order.
    if (m_missed > 0 && !noteGap())
        return false;
    return m_backlog->tryAdd(CaptureBacklog::weightOf(record));
}

bool CaptureStream::noteGap()
{
    CaptureRecord gap;
    gap.kind = RecordKind::CaptureGap;
    gap.missed = m_missed;
    if (!m_backlog->tryAdd(CaptureBacklog::weightOf(gap)))
        return false;
    stamp(gap);
    m_missed = 0;
    queue(std::move(gap));
    return true;
}

void CaptureStream::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    CaptureBatch batch;
    batch.swap(m_pending);
    m_pendingBytes = 0;
    Q_EMIT batchReady(batch);
    // When no receiver kept the batch (the headless printer reads it during the emit), its
    // storage takes the next records: it is still in the cache, and allocating a batch afresh and
    // freeing it made the heap consolidate its small free blocks on every flush (measured with
    // bench_live_capture). A receiver that keeps it (a queued connection, a model) shares it.
    if (batch.isDetached() && m_pending.isEmpty()) {
        batch.clear(); // keeps the storage
        m_pending.swap(batch);
    } else if (m_pending.isEmpty()) {
        m_pending.reserve(qMin<qsizetype>(batch.size(), m_maxBatchSize));
    }
}

void CaptureStream::applyPayloadCap(CaptureRecord &record, qint64 cap)
{
    if (cap < 0)
        return;
    if (record.frame) {
        QByteArray &payload = record.frame->payload;
        if (payload.size() > cap) {
            record.truncatedFrom = payload.size();
            payload.truncate(cap);
        }
    } else if (record.wireBytes.size() > cap) {
        record.truncatedFrom = record.wireBytes.size();
        record.wireBytes.truncate(cap);
    }
    if (record.inflatedPayload) {
        if (record.inflatedSize < 0)
            record.inflatedSize = record.inflatedPayload->size();
        if (record.inflatedPayload->size() > cap)
            record.inflatedPayload->truncate(cap);
    }
}

void CaptureStream::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_timer.timerId()) {
        if (m_missed > 0 && m_backlog)
            noteGap();
        flush();
        if (m_missed > 0) // still no room: look again next interval
            m_timer.start(m_intervalMs, Qt::PreciseTimer, this);
    } else {
        QObject::timerEvent(event);
    }
}

} // namespace wslab::capture
