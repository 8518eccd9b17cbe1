#pragma once

#include "capturerecord.h"
#include "recordstore.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QTemporaryFile;
QT_END_NAMESPACE

namespace wslab::capture {

// Where one record of a SpilledBatch went: what a RecordStore keeps of it.
struct SpilledRecord
{
    RecordDigest digest;
    qint64 offset = 0; // in the spill's file
    quint32 size = 0;
    std::shared_ptr<const TlsInfo> tls;
    std::shared_ptr<const FrameIntervention> intervention;
};

// A batch of records as a RecordSpill wrote them: one SpilledRecord per record of the batch, in
// the batch's order, and the file they are in (kept alive, and deleted, with the last holder).
// Cheap to copy: it shares its parts.
struct SpilledBatch
{
    std::shared_ptr<QTemporaryFile> file;
    QString fileName;
    std::shared_ptr<const std::vector<SpilledRecord>> records;
};

// Drops what a table row reads back from a spill instead of holding it: the frame payload and
// the inflated message, cut as a capped record's are (the real sizes are kept), so that a row left
// with only this record still tells the truth. A FrameDelivered record is kept whole: its inflated
// message goes onto the row it names.
void dropPayloads(CaptureRecord &record);

// Writes records to a temporary file of its own, in RecordStore's format, on the thread that reads
// a capture file: a store on the GUI thread then takes their places (RecordStore::appendSpilled)
// without serializing or writing a byte, and the reading thread can free each record's payloads
// as soon as they are serialized, while they are still in the processor's cache. Used by one
// thread at a time.
class RecordSpill
{
public:
    RecordSpill();
    ~RecordSpill();
    RecordSpill(const RecordSpill &) = delete;
    RecordSpill &operator=(const RecordSpill &) = delete;

    // What to flush at: the bytes are then still in the processor's cache when the kernel copies
    // them (a batch of 10 MB written at once took twice the system time).
    static constexpr qsizetype blockBytes = 512 * 1024;

    // Serializes `record` to be written by the next flush(); false, with nothing added, once the
    // spill has failed or for a record beyond what a store entry can say (4 GiB).
    [[nodiscard]] bool add(const CaptureRecord &record);
    // Serialized bytes and records waiting for flush().
    [[nodiscard]] qsizetype pendingBytes() const noexcept { return m_block.size(); }
    [[nodiscard]] int pendingRecords() const noexcept { return int(m_records.size() - m_written); }
    // Writes what was added since the last flush; false if the file cannot be created or written
    // (a full disk), and then the spill takes nothing more and takeUnwritten() gives those
    // records back.
    [[nodiscard]] bool flush();
    // Where the records written since the last take went (nullopt if none).
    [[nodiscard]] std::optional<SpilledBatch> takeWritten();
    // After a failed flush(): the records it could not write, whole.
    [[nodiscard]] CaptureBatch takeUnwritten();
    // add() of every record of `batch`, flush() and takeWritten(); nullopt if any could not be
    // added or written (the records then go to the store the ordinary way).
    [[nodiscard]] std::optional<SpilledBatch> write(const CaptureBatch &batch);

private:
    std::shared_ptr<QTemporaryFile> m_file;
    QByteArray m_block; // records not written yet
    std::vector<SpilledRecord> m_records; // since the last takeWritten(): where each is or will be
    size_t m_written = 0; // of m_records
    qint64 m_size = 0;
    bool m_failed = false;
};

} // namespace wslab::capture
