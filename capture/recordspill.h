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

// Writes records to a temporary file of its own, in RecordStore's format, on the thread that reads
// a capture file: a store on the GUI thread then takes their places (RecordStore::appendSpilled)
// without serializing or writing a byte. Before, every payload of a big file went through the GUI
// thread twice (serialized into a block, then written); now that thread keeps a digest per row.
// Used by one thread at a time.
class RecordSpill
{
public:
    RecordSpill();
    ~RecordSpill();
    RecordSpill(const RecordSpill &) = delete;
    RecordSpill &operator=(const RecordSpill &) = delete;

    // Serializes and writes every record of `batch`; nullopt if the file cannot be created or
    // written (the records then go to the store the ordinary way).
    [[nodiscard]] std::optional<SpilledBatch> write(const CaptureBatch &batch);

private:
    [[nodiscard]] bool writeBlock();

    std::shared_ptr<QTemporaryFile> m_file;
    QByteArray m_block; // records not written yet
    qint64 m_size = 0;
    bool m_failed = false;
};

} // namespace wslab::capture
