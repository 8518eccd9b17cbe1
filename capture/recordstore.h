#pragma once

#include "capturerecord.h"
#include "chunkedarray.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QTemporaryFile>

#include <memory>

namespace wslab::capture {

struct SpilledBatch;
struct SpilledRecord;

// What a table row and its filters read of a record without the record: time, connection,
// direction, kind, opcode and the error facts. 40 bytes.
struct RecordDigest
{
    quint64 id = 0;
    qint64 timeNs = 0;
    quint64 connectionId = 0;
    quint16 httpStatus = 0;
    Direction direction = Direction::Inbound;
    Transport transport = Transport::Http;
    RecordKind kind = RecordKind::Frame;
    qint8 opcode = -1; // the frame's opcode (RFC 6455 §5.2), -1 for a record without a frame
    bool decodeError = false;
    bool bookkeeping = false;

    [[nodiscard]] static RecordDigest of(const CaptureRecord &record);
};

// Every record of a capture kept whole without holding it in memory: each record appended is
// written at once to an append-only temporary file (QTemporaryFile, deleted with the store), and
// only its digest stays in memory. A record is read back on demand; the last ones read are kept
// in a small cache bounded in records and bytes, so the rows on view cost one read each. A payload
// of any size thus lives on disk, never in the process, except while its row is looked at.
//
// Records a RecordSpill already wrote (a capture file read on another thread) are taken where they
// are (appendSpilled): the store keeps their digest and place and maps the spill's file to read
// them, so their bytes never pass through the store's thread.
//
// Shared pointers to a connection's TLS facts and to an intercept's intervention are kept beside
// the file (rare, and shared with other records). Not thread-safe: one thread appends and reads.
// If the temporary file cannot be created or written, records are kept in memory instead, so
// nothing is lost (spilling() says which).
class RecordStore
{
public:
    static constexpr int defaultCacheRecords = 512;
    static constexpr qint64 defaultCacheBytes = 32 * 1024 * 1024;

    explicit RecordStore(int cacheRecords = defaultCacheRecords, qint64 cacheBytes = defaultCacheBytes);
    ~RecordStore();
    RecordStore(const RecordStore &) = delete;
    RecordStore &operator=(const RecordStore &) = delete;

    [[nodiscard]] int size() const noexcept { return int(m_entries.size()); }
    [[nodiscard]] const RecordDigest &digest(int index) const { return m_entries[size_t(index)].digest; }
    // The whole record, from the cache or read back (and then cached). `index` must be valid.
    [[nodiscard]] std::shared_ptr<const CaptureRecord> record(int index) const;
    // The whole record read back without touching the cache: for walks over every record (search,
    // save), which would otherwise push the records on view out of it.
    [[nodiscard]] CaptureRecord readBack(int index) const;

    int append(const CaptureRecord &record); // the new record's index
    // Takes record `i` of a spilled batch, if its file can be read (else -1: append() it).
    int appendSpilled(const SpilledBatch &batch, size_t i);
    void replace(int index, const CaptureRecord &record); // appends the new version, drops the old
    void clear();

    [[nodiscard]] bool spilling() const noexcept { return !m_fileFailed && m_file.isOpen(); }
    [[nodiscard]] qint64 fileBytes() const noexcept { return m_fileSize + m_pending.size(); }
    [[nodiscard]] qint64 cachedBytes() const noexcept { return m_cachedBytes; }
    // Memory the store keeps per record, beside the cache: the digest and where the bytes are.
    [[nodiscard]] static constexpr qint64 entryBytes() noexcept { return qint64(sizeof(Entry)); }

    // The record as the store writes it, and back (nullopt when the bytes are not a record).
    [[nodiscard]] static QByteArray serialize(const CaptureRecord &record);
    [[nodiscard]] static std::optional<CaptureRecord> deserialize(QByteArrayView bytes);
    static void serializeInto(QByteArray &out, const CaptureRecord &record); // appends

private:
    struct Entry
    {
        RecordDigest digest;
        qint64 offset = -1; // in the file; -1: kept in m_inMemory
        quint32 size = 0;
        bool shared = false; // has TLS facts or an intervention in m_shared
        bool spilled = false; // in m_spill's file, not in m_file
    };
    // A file a RecordSpill wrote, mapped as far as its records taken so far reach.
    struct Spill
    {
        std::shared_ptr<void> owner; // the spill's temporary file: deleted with its last holder
        QString fileName;
        std::unique_ptr<QFile> file; // opened here to be mapped
        qint64 size = 0;
        uchar *mapped = nullptr;
        qint64 mappedSize = 0;
    };
    struct SharedParts
    {
        std::shared_ptr<const TlsInfo> tls;
        std::shared_ptr<const FrameIntervention> intervention;
    };
    struct CacheSlot
    {
        std::shared_ptr<const CaptureRecord> record;
        quint64 lastUse = 0;
    };

    [[nodiscard]] Entry write(const CaptureRecord &record, int index);
    // Valid until the next append or read.
    [[nodiscard]] QByteArrayView bytesAt(const Entry &entry) const;
    void unmapSpill();
    [[nodiscard]] bool flushPending();
    void remember(int index, std::shared_ptr<const CaptureRecord> record) const;
    void forget(int index) const;

    ChunkedArray<Entry> m_entries;
    QHash<int, SharedParts> m_shared;
    QHash<int, CaptureRecord> m_inMemory; // only when the temporary file failed
    mutable QTemporaryFile m_file;
    QByteArray m_pending; // written to the file in large blocks
    qint64 m_fileSize = 0;
    mutable uchar *m_mapped = nullptr; // the file's first m_mappedSize bytes
    mutable qint64 m_mappedSize = 0;
    mutable Spill m_spill;
    bool m_fileFailed = false;

    int m_cacheRecords;
    qint64 m_cacheBytes;
    mutable QHash<int, CacheSlot> m_cache;
    mutable qint64 m_cachedBytes = 0;
    mutable quint64 m_useClock = 0;
};

} // namespace wslab::capture
