#include "recordspill.h"

#include <QDir>
#include <QTemporaryFile>

#include <limits>

namespace wslab::capture {

void dropPayloads(CaptureRecord &record)
{
    if (record.kind == RecordKind::FrameDelivered)
        return;
    if (record.frame && !record.frame->payload.isEmpty()) {
        if (!record.isTruncated())
            record.truncatedFrom = record.frame->payload.size();
        record.frame->payload = QByteArray();
    }
    if (record.inflatedPayload && !record.inflatedPayload->isEmpty()) {
        if (record.inflatedSize < 0)
            record.inflatedSize = record.inflatedPayload->size();
        record.inflatedPayload = QByteArray();
    }
}

RecordSpill::RecordSpill() = default;

RecordSpill::~RecordSpill() = default;

bool RecordSpill::add(const CaptureRecord &record)
{
    if (m_failed)
        return false;
    const qsizetype start = m_block.size();
    RecordStore::serializeInto(m_block, record);
    const qsizetype size = m_block.size() - start;
    if (size > qsizetype(std::numeric_limits<quint32>::max())) {
        m_block.resize(start);
        return false;
    }
    m_records.push_back({RecordDigest::of(record), m_size + start, quint32(size), record.tls, record.intervention});
    return true;
}

bool RecordSpill::flush()
{
    if (!m_failed && !m_file) {
        m_file = std::make_shared<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/wslab-records-XXXXXX"));
        m_failed = !m_file->open();
    }
    // Everything handed over must be on file before the store maps it.
    if (m_failed || m_file->write(m_block) != m_block.size() || !m_file->flush()) {
        m_failed = true; // a full disk: these records go to the store the ordinary way
        return false;
    }
    m_size += m_block.size();
    if (m_block.capacity() > 4 * blockBytes)
        m_block = QByteArray(); // a huge record grew it: give that back
    else
        m_block.resize(0); // keeps the allocation: no page faults on the next block
    m_written = m_records.size();
    return true;
}

std::optional<SpilledBatch> RecordSpill::takeWritten()
{
    if (m_written == 0)
        return std::nullopt;
    std::vector<SpilledRecord> unwritten(m_records.begin() + qsizetype(m_written), m_records.end());
    m_records.resize(m_written);
    auto written = std::make_shared<const std::vector<SpilledRecord>>(std::exchange(m_records, std::move(unwritten)));
    m_written = 0;
    m_records.reserve(written->size()); // the next take is much like this one: no regrowing
    return SpilledBatch{m_file, m_file->fileName(), std::move(written)};
}

CaptureBatch RecordSpill::takeUnwritten()
{
    CaptureBatch records;
    records.reserve(pendingRecords());
    const auto first = m_records.begin() + qsizetype(m_written);
    const qint64 base = first == m_records.end() ? 0 : first->offset;
    for (auto spilled = first; spilled != m_records.end(); ++spilled) {
        auto record = RecordStore::deserialize(QByteArrayView(m_block).sliced(spilled->offset - base, spilled->size));
        if (!record)
            continue; // cannot happen: these bytes were serialized here
        record->tls = spilled->tls;
        record->intervention = spilled->intervention;
        records.append(std::move(*record));
    }
    m_records.resize(m_written);
    m_block = QByteArray();
    return records;
}

std::optional<SpilledBatch> RecordSpill::write(const CaptureBatch &batch)
{
    for (const CaptureRecord &r : batch) {
        if (!add(r)) {
            m_failed = true; // a record beyond what an entry can say: the store keeps it whole
            return std::nullopt;
        }
    }
    if (!flush())
        return std::nullopt;
    return takeWritten();
}

} // namespace wslab::capture
