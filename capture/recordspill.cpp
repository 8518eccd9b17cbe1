#include "recordspill.h"

#include <QDir>
#include <QTemporaryFile>

#include <limits>

namespace wslab::capture {

namespace {

// Written whenever a block reaches this: the bytes are still in the processor's cache when the
// kernel copies them (a batch of 10 MB written at once took twice the system time).
constexpr qsizetype blockBytes = 512 * 1024;

} // namespace

RecordSpill::RecordSpill() = default;

RecordSpill::~RecordSpill() = default;

std::optional<SpilledBatch> RecordSpill::write(const CaptureBatch &batch)
{
    if (!m_failed && !m_file) {
        m_file = std::make_shared<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/wslab-records-XXXXXX"));
        m_failed = !m_file->open();
    }
    if (m_failed)
        return std::nullopt;
    auto records = std::make_shared<std::vector<SpilledRecord>>();
    records->reserve(size_t(batch.size()));
    for (const CaptureRecord &r : batch) {
        const qsizetype start = m_block.size();
        RecordStore::serializeInto(m_block, r);
        const qsizetype size = m_block.size() - start;
        if (size > qsizetype(std::numeric_limits<quint32>::max())) {
            m_failed = true; // a record beyond what an entry can say: the store keeps it whole
            return std::nullopt;
        }
        records->push_back({RecordDigest::of(r), m_size + start, quint32(size), r.tls, r.intervention});
        if (m_block.size() >= blockBytes && !writeBlock())
            return std::nullopt;
    }
    // Everything handed over must be on file before the store maps it.
    if (!writeBlock())
        return std::nullopt;
    return SpilledBatch{m_file, m_file->fileName(), std::move(records)};
}

bool RecordSpill::writeBlock()
{
    if (m_file->write(m_block) != m_block.size() || !m_file->flush()) {
        m_failed = true; // a full disk: these records go to the store the ordinary way
        return false;
    }
    m_size += m_block.size();
    if (m_block.capacity() > 4 * blockBytes)
        m_block = QByteArray(); // a huge record grew it: give that back
    else
        m_block.resize(0); // keeps the allocation: no page faults on the next block
    return true;
}

} // namespace wslab::capture
