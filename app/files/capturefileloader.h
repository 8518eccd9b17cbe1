#pragma once

#include "capture/capturefilereader.h"
#include "capture/capturerecord.h"
#include "capture/recordspill.h"

#include <QObject>
#include <QSet>

#include <atomic>
#include <deque>
#include <optional>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace wslab::app {

class BatchHandoff;

// Reads a capture file off the GUI thread: records arrive in batches (rows appear while the file
// is read), progress in bytes, and the outcome at the end. At most a few batches wait for the GUI
// at any time, so a huge file does not pile up in the event queue faster than the table takes it.
//
// A second thread, beside the reading one, delivers the batches and does what would otherwise cost
// the GUI thread per record: with setSpilling(), it writes each batch to a capture::RecordSpill
// (recordsSpilled comes right before the batch's recordsRead), and it keeps each batch until the
// GUI has taken it, so that the records' memory is given back off the GUI thread. Reading and
// writing then take a core each.
class CaptureFileLoader : public QObject
{
    Q_OBJECT
public:
    explicit CaptureFileLoader(QObject *parent = nullptr);
    ~CaptureFileLoader() override;

    // Reads `path` from the start; a read already going is cancelled first, and nothing of it
    // arrives after this call.
    void start(const QString &path, const QSet<quint16> &webSocketPorts = {});
    // Stops the read soon; finished() then reports it cancelled, after the records read so far.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_thread != nullptr; }
    // Whether reads started from now on write their records to a spill (off by default).
    void setSpilling(bool spilling) { m_spilling = spilling; }

    // The failure of a read as a sentence for the user: what went wrong and where.
    [[nodiscard]] static QString failureText(const capture::CaptureFileFailure &failure);

Q_SIGNALS:
    void recordsSpilled(const wslab::capture::SpilledBatch &spilled);
    void recordsRead(const wslab::capture::CaptureBatch &batch);
    void progressed(qint64 bytesRead, qint64 fileSize);
    void finished(const wslab::capture::CaptureFileReader::Result &result);

private:
    void stop();
    [[nodiscard]] capture::CaptureFileReader::Result readBatches(const QString &path,
                                                                 const capture::CaptureFileReader::Options &options,
                                                                 quint64 generation, BatchHandoff &handoff);
    void deliverBatches(BatchHandoff &handoff, bool spilling, quint64 generation);
    // On the reading thread: hands a batch to the delivering thread; `handedOver` keeps it (and
    // frees it) until the GUI has taken it.
    void handOver(capture::CaptureBatch &&batch, BatchHandoff &handoff, std::deque<capture::CaptureBatch> &handedOver);
    // On the reading thread: tells the GUI thread how far the read has come.
    void postProgress(qint64 bytesRead, qint64 fileSize, quint64 generation);
    // On the delivering thread: hands a batch, and where it was spilled, to the GUI thread.
    void post(capture::CaptureBatch &&batch, std::optional<capture::SpilledBatch> &&spilled, quint64 generation);

    QThread *m_thread = nullptr; // reads
    QThread *m_deliveryThread = nullptr; // spills and posts
    quint64 m_generation = 0; // which start() the queued batches belong to
    std::atomic_bool m_cancel{false};
    std::atomic_int m_batchesInFlight{0};
    std::atomic_int m_recordsInFlight{0};
    bool m_spilling = false;
};

} // namespace wslab::app
