#include "recordstore.h"

#include "recordspill.h"

#include <QDir>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <type_traits>

namespace wslab::capture {

namespace {

// Bytes collected before one write to the temporary file: few system calls for many records.
constexpr qsizetype pendingBlock = 1024 * 1024;

// Which optional parts a serialized record has (one byte of flags).
enum Part : quint16 {
    HasFrame = 0x001,
    HasInflated = 0x002,
    HasDecodeError = 0x004,
    HasStreamError = 0x008,
    HasFirstClose = 0x010,
    Held = 0x020,
    Reconstructed = 0x040,
    Bookkeeping = 0x080,
    Modified = 0x100,
};

// Header bits of a frame, one byte (RFC 6455 §5.2).
enum HeaderBit : quint8 { Fin = 0x1, Rsv1 = 0x2, Rsv2 = 0x4, Rsv3 = 0x8, Masked = 0x10 };

// Small fields are gathered in a buffer of its own and appended in one go: a million records of
// two dozen fields each would otherwise be fifty million appends.
class Writer
{
public:
    explicit Writer(QByteArray &out) : m_out(out) {}
    ~Writer() { flush(); }
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    template<typename T>
    void put(T value)
    {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 64);
        if (m_used + sizeof value > m_small.size())
            flush();
        std::memcpy(m_small.data() + m_used, &value, sizeof value);
        m_used += sizeof value;
    }
    void bytes(const QByteArray &value)
    {
        put(qint64(value.size()));
        if (value.isEmpty())
            return; // most records have no HTTP bytes, note or address: no append of their own
        flush();
        m_out.append(value);
    }
    void text(const QString &value) { bytes(value.isEmpty() ? QByteArray() : value.toUtf8()); }

private:
    void flush()
    {
        m_out.append(m_small.data(), qsizetype(m_used));
        m_used = 0;
    }

    QByteArray &m_out;
    std::array<char, 128> m_small{};
    size_t m_used = 0;
};

class Reader
{
public:
    explicit Reader(QByteArrayView in) : m_in(in) {}

    template<typename T>
    [[nodiscard]] T get()
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T value{};
        if (m_in.size() - m_pos < qsizetype(sizeof value)) {
            m_ok = false;
            return value;
        }
        std::memcpy(&value, m_in.constData() + m_pos, sizeof value);
        m_pos += qsizetype(sizeof value);
        return value;
    }
    [[nodiscard]] QByteArray bytes()
    {
        const auto size = get<qint64>();
        if (size < 0 || size > m_in.size() - m_pos) {
            m_ok = false;
            return {};
        }
        // A view would keep the whole serialized record alive; the payload gets its own copy.
        QByteArray value(m_in.constData() + m_pos, qsizetype(size));
        m_pos += qsizetype(size);
        return value;
    }
    [[nodiscard]] QString text() { return QString::fromUtf8(bytes()); }
    [[nodiscard]] bool ok() const noexcept { return m_ok && m_pos == m_in.size(); }

private:
    QByteArrayView m_in;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

quint16 partsOf(const CaptureRecord &r)
{
    quint16 parts = 0;
    const auto set = [&parts](bool on, Part part) {
        if (on)
            parts |= part;
    };
    set(r.frame.has_value(), HasFrame);
    set(r.inflatedPayload.has_value(), HasInflated);
    set(r.decodeError.has_value(), HasDecodeError);
    set(r.streamError.has_value(), HasStreamError);
    set(r.firstCloseDirection.has_value(), HasFirstClose);
    set(r.held, Held);
    set(r.reconstructed, Reconstructed);
    set(r.bookkeeping, Bookkeeping);
    set(r.modified, Modified);
    return parts;
}

void putFrame(Writer &out, const protocol::DecodedFrame &frame)
{
    const protocol::FrameHeader &h = frame.header;
    out.put(quint8((h.fin ? Fin : 0) | (h.rsv1 ? Rsv1 : 0) | (h.rsv2 ? Rsv2 : 0) | (h.rsv3 ? Rsv3 : 0)
                   | (h.masked ? Masked : 0)));
    out.put(h.opcode);
    out.put(h.maskKey);
    out.put(h.payloadLength);
    out.put(h.lengthForm);
    out.put(frame.headerBytes);
    out.bytes(frame.payload);
}

protocol::DecodedFrame getFrame(Reader &in)
{
    protocol::DecodedFrame frame;
    protocol::FrameHeader &h = frame.header;
    const auto bits = in.get<quint8>();
    h.fin = bits & Fin;
    h.rsv1 = bits & Rsv1;
    h.rsv2 = bits & Rsv2;
    h.rsv3 = bits & Rsv3;
    h.masked = bits & Masked;
    h.opcode = in.get<protocol::Opcode>();
    h.maskKey = in.get<protocol::MaskKey>();
    h.payloadLength = in.get<quint64>();
    h.lengthForm = in.get<protocol::LengthForm>();
    frame.headerBytes = in.get<decltype(frame.headerBytes)>();
    frame.payload = in.bytes();
    return frame;
}

// `size` bytes at `offset` of a file read through a mapping from its start: a search reads back every
// record, and a system call per record would cost more than the record. The file grows as records
// are written, so it is mapped again, as far as `available` bytes, when the range lies past the
// mapping. Empty if it cannot be mapped.
QByteArrayView mappedRange(QFileDevice &file, uchar *&mapped, qint64 &mappedSize, qint64 available, qint64 offset,
                           quint32 size)
{
    const qint64 end = offset + size;
    if (end > mappedSize) {
        if (mapped)
            file.unmap(mapped);
        mapped = file.map(0, available);
        mappedSize = mapped ? available : 0;
    }
    if (!mapped || end > mappedSize)
        return {};
    return QByteArrayView(reinterpret_cast<const char *>(mapped) + offset, qsizetype(size));
}

} // namespace

RecordDigest RecordDigest::of(const CaptureRecord &r)
{
    RecordDigest d;
    d.id = r.id;
    d.timeNs = r.timeNs;
    d.connectionId = r.connectionId;
    d.httpStatus = quint16(qBound(0, r.httpStatus, 0xFFFF));
    d.direction = r.direction;
    d.transport = r.transport;
    d.kind = r.kind;
    d.opcode = r.frame ? qint8(r.frame->header.opcode) : qint8(-1);
    d.decodeError = r.decodeError.has_value();
    d.bookkeeping = r.bookkeeping;
    return d;
}

RecordStore::RecordStore(int cacheRecords, qint64 cacheBytes)
    : m_file(QDir::tempPath() + QStringLiteral("/wslab-records-XXXXXX"))
    , m_cacheRecords(std::max(1, cacheRecords))
    , m_cacheBytes(cacheBytes)
{
}

QByteArray RecordStore::serialize(const CaptureRecord &record)
{
    QByteArray bytes;
    serializeInto(bytes, record);
    return bytes;
}

void RecordStore::serializeInto(QByteArray &bytes, const CaptureRecord &r)
{
    Writer out(bytes);
    const quint16 parts = partsOf(r);
    out.put(parts);
    out.put(r.id);
    out.put(r.timeNs);
    out.put(r.connectionId);
    out.put(r.direction);
    out.put(r.transport);
    out.put(r.kind);
    out.put(r.truncatedFrom);
    out.put(r.inflatedSize);
    out.put(r.relatedId);
    out.put(qint32(r.httpStatus));
    out.put(r.closeCode);
    out.put(r.missed);
    if (r.frame)
        putFrame(out, *r.frame);
    out.bytes(r.wireBytes);
    if (r.inflatedPayload)
        out.bytes(*r.inflatedPayload);
    if (r.decodeError)
        out.put(*r.decodeError);
    if (r.streamError)
        out.put(*r.streamError);
    if (r.firstCloseDirection)
        out.put(*r.firstCloseDirection);
    out.text(r.note);
    out.text(r.serverAddress);
}

std::optional<CaptureRecord> RecordStore::deserialize(QByteArrayView bytes)
{
    Reader in(bytes);
    CaptureRecord r;
    const auto parts = in.get<quint16>();
    r.id = in.get<quint64>();
    r.timeNs = in.get<qint64>();
    r.connectionId = in.get<quint64>();
    r.direction = in.get<Direction>();
    r.transport = in.get<Transport>();
    r.kind = in.get<RecordKind>();
    r.truncatedFrom = in.get<qint64>();
    r.inflatedSize = in.get<qint64>();
    r.relatedId = in.get<quint64>();
    r.httpStatus = in.get<qint32>();
    r.closeCode = in.get<quint16>();
    r.missed = in.get<quint64>();
    if (parts & HasFrame)
        r.frame = getFrame(in);
    r.wireBytes = in.bytes();
    if (parts & HasInflated)
        r.inflatedPayload = in.bytes();
    if (parts & HasDecodeError)
        r.decodeError = in.get<protocol::DecodeError>();
    if (parts & HasStreamError)
        r.streamError = in.get<StreamError>();
    if (parts & HasFirstClose)
        r.firstCloseDirection = in.get<Direction>();
    r.note = in.text();
    r.serverAddress = in.text();
    r.held = parts & Held;
    r.reconstructed = parts & Reconstructed;
    r.bookkeeping = parts & Bookkeeping;
    r.modified = parts & Modified;
    if (!in.ok())
        return std::nullopt;
    return r;
}

int RecordStore::append(const CaptureRecord &record)
{
    const int index = size();
    m_entries.push_back(write(record, index));
    return index;
}

int RecordStore::appendSpilled(const SpilledBatch &batch, size_t i)
{
    if (batch.fileName != m_spill.fileName) {
        // One spill at a time (a file is read once per clear()); another one's records are appended.
        if (m_spill.file)
            return -1;
        m_spill.file = std::make_unique<QFile>(batch.fileName);
        if (!m_spill.file->open(QIODevice::ReadOnly)) {
            m_spill.file.reset();
            return -1;
        }
        m_spill.fileName = batch.fileName;
        m_spill.owner = batch.file;
    }
    const SpilledRecord &spilled = (*batch.records)[i];
    const int index = size();
    Entry entry;
    entry.digest = spilled.digest;
    entry.offset = spilled.offset;
    entry.size = spilled.size;
    entry.spilled = true;
    if (spilled.tls || spilled.intervention) {
        m_shared.insert(index, {spilled.tls, spilled.intervention});
        entry.shared = true;
    }
    m_spill.size = std::max(m_spill.size, spilled.offset + spilled.size);
    m_entries.push_back(entry);
    return index;
}

void RecordStore::replace(int index, const CaptureRecord &record)
{
    // The file is append-only: the old bytes stay where they are, unreferenced.
    m_inMemory.remove(index);
    m_shared.remove(index);
    m_entries[size_t(index)] = write(record, index);
    forget(index);
}

RecordStore::Entry RecordStore::write(const CaptureRecord &record, int index)
{
    Entry entry;
    entry.digest = RecordDigest::of(record);
    if (record.tls || record.intervention) {
        m_shared.insert(index, {record.tls, record.intervention});
        entry.shared = true;
    }
    if (!m_fileFailed && !m_file.isOpen() && !m_file.open())
        m_fileFailed = true;
    if (m_fileFailed) {
        m_inMemory.insert(index, record);
        return entry;
    }
    // Straight into the block: no buffer per record, and the block keeps its allocation between
    // writes (a fresh one per block would cost a page fault per page).
    if (m_pending.capacity() < 2 * pendingBlock)
        m_pending.reserve(2 * pendingBlock);
    const qsizetype start = m_pending.size();
    serializeInto(m_pending, record);
    if (m_pending.size() - start > qsizetype(std::numeric_limits<quint32>::max())) {
        m_pending.resize(start);
        m_inMemory.insert(index, record);
        return entry;
    }
    entry.offset = m_fileSize + start;
    entry.size = quint32(m_pending.size() - start);
    if (m_pending.size() >= pendingBlock && !flushPending())
        m_fileFailed = true; // the records pending are read from m_pending from now on, newer ones kept whole
    return entry;
}

bool RecordStore::flushPending()
{
    if (m_pending.isEmpty())
        return true;
    if (!m_file.seek(m_fileSize) || m_file.write(m_pending) != m_pending.size()) {
        // A full disk: what is pending cannot be trusted on file, so it stays in m_pending.
        return false;
    }
    m_fileSize += m_pending.size();
    if (m_pending.capacity() > 4 * pendingBlock)
        m_pending = QByteArray(); // a huge record grew it: give that back
    else
        m_pending.resize(0); // keeps the allocation
    return true;
}


void RecordStore::unmapSpill()
{
    if (m_spill.mapped)
        m_spill.file->unmap(m_spill.mapped);
    m_spill = Spill();
}

QByteArrayView RecordStore::bytesAt(const Entry &entry) const
{
    // A spill's file is mapped as far as the records taken from it reach: it wrote them before
    // handing them over, and goes on writing beyond them.
    if (entry.spilled)
        return mappedRange(*m_spill.file, m_spill.mapped, m_spill.mappedSize, m_spill.size, entry.offset, entry.size);
    if (entry.offset >= m_fileSize) // still in the block not written yet
        return QByteArrayView(m_pending).sliced(qsizetype(entry.offset - m_fileSize), qsizetype(entry.size));
    return mappedRange(m_file, m_mapped, m_mappedSize, m_fileSize, entry.offset, entry.size);
}

CaptureRecord RecordStore::readBack(int index) const
{
    const Entry &entry = m_entries[size_t(index)];
    CaptureRecord record;
    if (entry.offset < 0) {
        record = m_inMemory.value(index);
    } else if (auto read = deserialize(bytesAt(entry))) {
        record = std::move(*read);
    } else {
        // The temporary file was damaged under us: the row still says what the digest knows.
        record.id = entry.digest.id;
        record.timeNs = entry.digest.timeNs;
        record.connectionId = entry.digest.connectionId;
        record.direction = entry.digest.direction;
        record.transport = entry.digest.transport;
        record.kind = entry.digest.kind;
        record.httpStatus = entry.digest.httpStatus;
        record.bookkeeping = entry.digest.bookkeeping;
    }
    if (entry.shared) {
        const SharedParts parts = m_shared.value(index);
        record.tls = parts.tls;
        record.intervention = parts.intervention;
    }
    return record;
}

std::shared_ptr<const CaptureRecord> RecordStore::record(int index) const
{
    const auto cached = m_cache.find(index);
    if (cached != m_cache.end()) {
        cached->lastUse = ++m_useClock;
        return cached->record;
    }
    auto record = std::make_shared<const CaptureRecord>(readBack(index));
    remember(index, record);
    return record;
}

namespace {

qint64 heldBytes(const CaptureRecord &r)
{
    return qint64(sizeof(CaptureRecord)) + r.wireBytes.size() + (r.frame ? r.frame->payload.size() : 0)
            + (r.inflatedPayload ? r.inflatedPayload->size() : 0);
}

} // namespace

void RecordStore::remember(int index, std::shared_ptr<const CaptureRecord> record) const
{
    // Evict the least recently used until the new one fits. A linear scan, on a miss only, over a
    // few hundred slots: cheaper than the read it follows.
    const qint64 bytes = heldBytes(*record);
    while (!m_cache.isEmpty() && (m_cache.size() >= m_cacheRecords || m_cachedBytes + bytes > m_cacheBytes)) {
        auto oldest = m_cache.begin();
        for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_cachedBytes -= heldBytes(*oldest->record);
        m_cache.erase(oldest);
    }
    m_cachedBytes += bytes;
    m_cache.insert(index, {std::move(record), ++m_useClock});
}

void RecordStore::forget(int index) const
{
    const auto cached = m_cache.find(index);
    if (cached == m_cache.end())
        return;
    m_cachedBytes -= heldBytes(*cached->record);
    m_cache.erase(cached);
}

void RecordStore::clear()
{
    m_entries.clear();
    m_shared.clear();
    m_inMemory.clear();
    m_cache.clear();
    m_cachedBytes = 0;
    m_pending.clear();
    m_fileSize = 0;
    if (m_mapped)
        m_file.unmap(m_mapped);
    m_mapped = nullptr;
    m_mappedSize = 0;
    unmapSpill();
    if (m_file.isOpen())
        m_file.resize(0);
}

RecordStore::~RecordStore()
{
    unmapSpill();
}

} // namespace wslab::capture
