#pragma once

#include "capture/capturefilereader.h"
#include "capture/capturerecord.h"
#include "capture/recordspill.h"

#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace wslab::app {

// Reads a capture file off the GUI thread: records arrive in batches (rows appear while the file
// is read), progress in bytes, and the outcome at the end. At most a few batches wait for the GUI
// at any time, so a huge file does not pile up in the event queue faster than the table takes it.
//
// With setSpilling(), the reading thread also does what would otherwise cost the GUI thread per
// record: it writes each record to a capture::RecordSpill (recordsSpilled comes right before the
// batch's recordsRead) and frees its payloads at once; the GUI gets the records without them
// (capture::dropPayloads), and its rows read them back from the spill. The thread then reuses the
// same few megabytes, as the command line does, and the GUI thread has the other core.
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
    [[nodiscard]] capture::CaptureFileReader::Result readRecords(const QString &path,
                                                                 const capture::CaptureFileReader::Options &options,
                                                                 bool spilling, quint64 generation);
    // On the reading thread: writes the rows added since the last flush to the spill; if it cannot
    // (a full disk), those rows are made whole again.
    static void flushSpill(capture::RecordSpill &spill, capture::CaptureBatch &rows);
    // On the reading thread: hands the rows, and where the spill has them, to the GUI.
    void post(capture::CaptureBatch &rows, capture::RecordSpill *spill, quint64 generation);
    // On the reading thread: tells the GUI thread how far the read has come.
    void postProgress(qint64 bytesRead, qint64 fileSize, quint64 generation);

    QThread *m_thread = nullptr;
    quint64 m_generation = 0; // which start() the queued batches belong to
    std::atomic_bool m_cancel{false};
    std::atomic_int m_recordsInFlight{0};
    bool m_spilling = false;
};

} // namespace wslab::app
