#include "capturestream.h"

#include <QTimerEvent>

namespace wslab::server {

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

quint64 CaptureStream::append(CaptureRecord record)
{
    record.id = ++m_lastId;
    if (record.timeNs == 0)
        record.timeNs = nowNs();
    applyPayloadCap(record, m_payloadCap);
    m_pending.append(std::move(record));
    if (m_pending.size() >= m_maxBatchSize)
        flush();
    else if (!m_timer.isActive())
        m_timer.start(m_intervalMs, Qt::PreciseTimer, this);
    return m_lastId;
}

void CaptureStream::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    CaptureBatch batch;
    batch.swap(m_pending);
    m_pending.reserve(qMin<qsizetype>(batch.size(), m_maxBatchSize));
    Q_EMIT batchReady(batch);
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
    if (event->timerId() == m_timer.timerId())
        flush();
    else
        QObject::timerEvent(event);
}

} // namespace wslab::server
