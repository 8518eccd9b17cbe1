#pragma once

#include "capturerecord.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace wslab::capture {

class CaptureBacklog;

// Collects CaptureRecords in the server thread and hands them on in batches: at most one batch per
// interval (~16 ms, a display frame) unless `maxBatchSize` records or `maxBatchBytes` bytes of
// payload pile up first, so a flood of frames costs the receiver a bounded number of events per
// second, and a flood of large frames does not hold 16 ms of a gigabyte-a-second link in memory
// (payloads handed on a few megabytes at a time are freed while still in cache, and reused).
// When capture is off the callers ask isEnabled() first and build no records at all.
//
// With a backlog set, a record that would take it over its limit is not kept: it is counted, and
// once there is room again a CaptureGap record says how many were missed (their ids are skipped).
class CaptureStream : public QObject
{
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 16;
    static constexpr qsizetype defaultMaxBatchSize = 2048;
    static constexpr qsizetype defaultMaxBatchBytes = 8 * 1024 * 1024;

    explicit CaptureStream(QObject *parent = nullptr);

    [[nodiscard]] bool isEnabled() const noexcept { return m_enabled; }
    void setEnabled(bool enabled);
    [[nodiscard]] qint64 payloadCap() const noexcept { return m_payloadCap; }
    void setPayloadCap(qint64 cap) noexcept { m_payloadCap = cap; }
    void setInterval(int ms) noexcept { m_intervalMs = ms; }
    void setMaxBatchSize(qsizetype size) noexcept { m_maxBatchSize = qMax<qsizetype>(1, size); }
    void setMaxBatchBytes(qsizetype bytes) noexcept { m_maxBatchBytes = qMax<qsizetype>(1, bytes); }
    // Shared with the receiver, which releases what it has dealt with; none: no bound.
    void setBacklog(std::shared_ptr<CaptureBacklog> backlog);
    [[nodiscard]] quint64 missedSinceLastGap() const noexcept { return m_missed; }

    // Nanoseconds on the stream's monotonic clock (started with the stream); inside a TimeScope,
    // the scope's instant.
    [[nodiscard]] qint64 nowNs() const { return m_scopeNs >= 0 ? m_scopeNs : m_clock.nsecsElapsed(); }

    // One instant for everything that happens while handling one read: the frames that arrived
    // together and the answers written with them carry the same time, and the clock is read once
    // per read rather than once per record.
    class TimeScope
    {
    public:
        explicit TimeScope(CaptureStream &stream)
            : m_stream(stream)
            , m_outer(stream.m_scopeNs)
        {
            if (m_outer < 0)
                stream.m_scopeNs = stream.m_clock.nsecsElapsed();
        }
        ~TimeScope() { m_stream.m_scopeNs = m_outer; }
        TimeScope(const TimeScope &) = delete;
        TimeScope &operator=(const TimeScope &) = delete;

    private:
        CaptureStream &m_stream;
        qint64 m_outer;
    };

    // Stamps the record (id, and the time unless already set), cuts its payload to the cap and
    // queues it. Returns the id given. Records are numbered even while nobody listens. Taken by
    // rvalue: a record is a few hundred bytes, and a live capture appends a million a second.
    quint64 append(CaptureRecord &&record);
    quint64 append(const CaptureRecord &record) { return append(CaptureRecord(record)); }

    // For a source that builds its records in place (a live capture: a record is a few hundred bytes,
    // and moving each from the batch it was made in to this one was a tenth of the capture's work):
    // records appended to appendTarget() are then taken in with adoptAppended(first), which does to
    // each, from index `first` on, what append() does. Nothing else may touch the target between.
    // A batch may then outgrow the maximum size by the records of one call.
    [[nodiscard]] CaptureBatch &appendTarget() noexcept { return m_pending; }
    void adoptAppended(qsizetype first);

    [[nodiscard]] qsizetype pendingCount() const noexcept { return m_pending.size(); }
    [[nodiscard]] quint64 lastId() const noexcept { return m_lastId; }

    // Hands on what is pending at once (before the server stops, and in tests).
    void flush();

    // Cuts a record's payload (frame payload or HTTP bytes, and an inflated message) to `cap`
    // bytes, noting the real sizes.
    static void applyPayloadCap(CaptureRecord &record, qint64 cap);

Q_SIGNALS:
    void batchReady(const wslab::capture::CaptureBatch &records);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void queue(CaptureRecord &&record);
    // Gives a kept record its id and, unless it has one, the time.
    void stamp(CaptureRecord &record);
    // After records were queued: hands them on if the batch is full, or starts the interval.
    void scheduleFlush();
    // Room in the backlog for `record` (after the gap record, if one is owed); always without one.
    [[nodiscard]] bool admit(const CaptureRecord &record);
    // Queues the CaptureGap record for what was missed, if the backlog has room for it.
    bool noteGap();

    QElapsedTimer m_clock;
    qint64 m_scopeNs = -1;
    QBasicTimer m_timer;
    CaptureBatch m_pending;
    quint64 m_lastId = 0;
    qint64 m_payloadCap = 1024 * 1024;
    qsizetype m_maxBatchSize = defaultMaxBatchSize;
    qsizetype m_maxBatchBytes = defaultMaxBatchBytes;
    qsizetype m_pendingBytes = 0; // payload bytes of the pending records
    int m_intervalMs = defaultIntervalMs;
    bool m_enabled = true;
    std::shared_ptr<CaptureBacklog> m_backlog;
    quint64 m_missed = 0;
};

} // namespace wslab::capture
