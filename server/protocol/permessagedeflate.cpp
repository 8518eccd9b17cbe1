#include "permessagedeflate.h"

#include "utf8validator.h"

#define ZLIB_CONST // next_in is const
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

namespace wslab::protocol {

namespace {

// RFC 7692 §7.2.1: the empty stored block a sync flush ends with; stripped by the sender, appended
// by the receiver (§7.2.2).
constexpr char syncFlushTail[] = {'\x00', '\x00', '\xff', '\xff'};
constexpr qsizetype syncFlushTailSize = sizeof(syncFlushTail);

// zlib counts in uInt; bigger buffers are handed over in pieces.
constexpr qsizetype maxZlibChunk = std::numeric_limits<uInt>::max();

// data_type after inflate(Z_BLOCK) returned right at a block boundary, with no bits of the last byte
// left over and not inside the final block: where a message's DEFLATE data must end (§7.2.2).
constexpr int atByteAlignedBlockBoundary = 128;

// zlib allocates through these so that zlibMemory() can report what the connection holds. Each
// block remembers its size in front of the address zlib sees.
voidpf countedAlloc(voidpf opaque, uInt items, uInt size)
{
    const quint64 bytes = quint64(items) * size; // both below 2^32: no overflow
    auto *block = static_cast<std::max_align_t *>(std::malloc(sizeof(std::max_align_t) + bytes));
    if (!block)
        return Z_NULL;
    std::memcpy(block, &bytes, sizeof bytes);
    *static_cast<qint64 *>(opaque) += qint64(bytes);
    return block + 1;
}

void countedFree(voidpf opaque, voidpf address)
{
    auto *block = static_cast<std::max_align_t *>(address) - 1;
    quint64 bytes = 0;
    std::memcpy(&bytes, block, sizeof bytes);
    *static_cast<qint64 *>(opaque) -= qint64(bytes);
    std::free(block);
}

int clampWindowBits(int bits)
{
    return std::clamp(bits, minWindowBits, maxWindowBits);
}

// Output for one inflated message: grows geometrically, never beyond maxSize + 1 bytes (the one
// extra byte is how "more than maxSize" is noticed without ever holding more).
class BoundedOutput
{
public:
    BoundedOutput(qint64 maxSize, qsizetype payloadSize)
        : m_limit(maxSize < std::numeric_limits<qsizetype>::max() ? qsizetype(maxSize) + 1 : maxSize)
        , m_initial(std::clamp<qsizetype>(payloadSize * 4, 1024, 64 * 1024))
    {
    }

    // Points zlib at free space; false once the output has reached maxSize + 1 bytes.
    [[nodiscard]] bool prepare(z_stream &z)
    {
        if (m_written == m_buffer.size()) {
            if (m_buffer.size() >= m_limit)
                return false;
            m_buffer.resize(std::min(m_limit, std::max(m_buffer.size() * 2, m_initial)));
        }
        z.next_out = reinterpret_cast<Bytef *>(m_buffer.data() + m_written);
        z.avail_out = uInt(std::min(m_buffer.size() - m_written, maxZlibChunk));
        m_offered = z.avail_out;
        return true;
    }

    // Accounts for what the last call wrote; returns the number of bytes.
    qsizetype commit(const z_stream &z)
    {
        const qsizetype produced = qsizetype(m_offered - z.avail_out);
        m_written += produced;
        return produced;
    }

    [[nodiscard]] bool isFull() const noexcept { return m_written == m_buffer.size(); }

    // The message, or MessageTooLarge if it holds the one byte beyond maxSize: inflation may end
    // (at a final block) right after writing it, before asking for more room.
    std::variant<QByteArray, DecodeError> take()
    {
        if (m_written >= m_limit)
            return DecodeError::MessageTooLarge;
        m_buffer.truncate(m_written);
        return std::move(m_buffer);
    }

private:
    const qsizetype m_limit;
    const qsizetype m_initial;
    QByteArray m_buffer;
    qsizetype m_written = 0;
    uInt m_offered = 0;
};

} // namespace

struct PerMessageDeflate::State
{
    DeflateParameters parameters;
    Role role = Role::Server;
    DeflateOptions options;
    qint64 allocated = 0; // bytes zlib holds (countedAlloc)
    z_stream deflater{};
    z_stream inflater{};
    bool hasDeflater = false;
    bool hasInflater = false;
    std::optional<DecodeError> error;

    State(DeflateParameters agreed, Role role, DeflateOptions options);
    ~State();
    State(const State &) = delete;
    State &operator=(const State &) = delete;

    [[nodiscard]] int compressWindowBits() const noexcept;
    [[nodiscard]] int decompressWindowBits() const noexcept;
    [[nodiscard]] bool keepsCompressContext() const noexcept;
    [[nodiscard]] bool keepsDecompressContext() const noexcept;

    z_stream &startDeflater();
    z_stream &startInflater();
    void releaseDeflater() noexcept;
    void releaseInflater() noexcept;
    void restartInflater();

    QByteArray deflateMessage(QByteArrayView message);
    std::variant<QByteArray, DecodeError> inflateMessage(QByteArrayView payload, qint64 maxSize);
};

PerMessageDeflate::State::State(DeflateParameters agreed, Role role, DeflateOptions options)
    : parameters(agreed)
    , role(role)
    , options(options)
{
    parameters.serverMaxWindowBits = clampWindowBits(parameters.serverMaxWindowBits);
    parameters.clientMaxWindowBits = clampWindowBits(parameters.clientMaxWindowBits);
    this->options.compressionLevel = std::clamp(options.compressionLevel, 0, 9);
    this->options.memLevel = std::clamp(options.memLevel, 1, 9);
}

PerMessageDeflate::State::~State()
{
    releaseDeflater();
    releaseInflater();
}

int PerMessageDeflate::State::compressWindowBits() const noexcept
{
    return role == Role::Server ? parameters.serverMaxWindowBits : parameters.clientMaxWindowBits;
}

int PerMessageDeflate::State::decompressWindowBits() const noexcept
{
    return role == Role::Server ? parameters.clientMaxWindowBits : parameters.serverMaxWindowBits;
}

bool PerMessageDeflate::State::keepsCompressContext() const noexcept
{
    return !(role == Role::Server ? parameters.serverNoContextTakeover : parameters.clientNoContextTakeover);
}

bool PerMessageDeflate::State::keepsDecompressContext() const noexcept
{
    return !(role == Role::Server ? parameters.clientNoContextTakeover : parameters.serverNoContextTakeover);
}

z_stream &PerMessageDeflate::State::startDeflater()
{
    if (hasDeflater)
        return deflater;
    deflater = z_stream{};
    deflater.zalloc = countedAlloc;
    deflater.zfree = countedFree;
    deflater.opaque = &allocated;
    // A 256-byte window (8 bits) is what a server may demand of a client (§7.1.2.2), but zlib's raw
    // deflate starts at 512 bytes. Stored blocks hold no back-references at all, so level 0 keeps
    // the promise whatever zlib's matcher would reach for.
    const bool storeOnly = compressWindowBits() < minCompressWindowBits;
    const int rc = deflateInit2(&deflater, storeOnly ? 0 : options.compressionLevel, Z_DEFLATED,
                                -std::max(compressWindowBits(), minCompressWindowBits), options.memLevel,
                                Z_DEFAULT_STRATEGY);
    if (rc == Z_MEM_ERROR)
        qBadAlloc();
    Q_ASSERT(rc == Z_OK); // every argument was clamped to what zlib accepts
    hasDeflater = true;
    return deflater;
}

z_stream &PerMessageDeflate::State::startInflater()
{
    if (hasInflater)
        return inflater;
    inflater = z_stream{};
    inflater.zalloc = countedAlloc;
    inflater.zfree = countedFree;
    inflater.opaque = &allocated;
    // Negative window bits: raw DEFLATE, no zlib header or checksum (§7.2). The window is exactly
    // the negotiated one, so data reaching further back fails, as the peer promised it would not.
    const int rc = inflateInit2(&inflater, -decompressWindowBits());
    if (rc == Z_MEM_ERROR)
        qBadAlloc();
    Q_ASSERT(rc == Z_OK);
    hasInflater = true;
    return inflater;
}

void PerMessageDeflate::State::releaseDeflater() noexcept
{
    if (hasDeflater)
        deflateEnd(&deflater);
    hasDeflater = false;
}

void PerMessageDeflate::State::releaseInflater() noexcept
{
    if (hasInflater)
        inflateEnd(&inflater);
    hasInflater = false;
}

// After a block with BFINAL set (RFC 7692 §7.2.3.4) the data goes on as a new DEFLATE stream; zlib
// needs a reset for that, and a reset forgets the window, so the window is carried over by hand.
void PerMessageDeflate::State::restartInflater()
{
    QByteArray window(qsizetype(1) << decompressWindowBits(), Qt::Uninitialized);
    uInt windowSize = 0;
    inflateGetDictionary(&inflater, reinterpret_cast<Bytef *>(window.data()), &windowSize);
    inflateReset(&inflater);
    inflateSetDictionary(&inflater, reinterpret_cast<const Bytef *>(window.constData()), windowSize);
}

QByteArray PerMessageDeflate::State::deflateMessage(QByteArrayView message)
{
    z_stream &z = startDeflater();
    QByteArray out(qsizetype(deflateBound(&z, uLong(std::min(message.size(), maxZlibChunk)))) + 8,
                   Qt::Uninitialized);
    qsizetype written = 0;
    for (;;) {
        const qsizetype chunk = std::min(message.size(), maxZlibChunk);
        const bool last = chunk == message.size();
        z.next_in = reinterpret_cast<const Bytef *>(message.data());
        z.avail_in = uInt(chunk);
        // §7.2.1: a sync flush ends the data on a byte boundary with an empty stored block, so the
        // peer can inflate the message without waiting for more.
        const int flush = last ? Z_SYNC_FLUSH : Z_NO_FLUSH;
        do {
            if (written == out.size())
                out.resize(out.size() + std::max<qsizetype>(out.size() / 2, 64));
            z.next_out = reinterpret_cast<Bytef *>(out.data() + written);
            z.avail_out = uInt(std::min(out.size() - written, maxZlibChunk));
            const uInt offered = z.avail_out;
            [[maybe_unused]] const int rc = deflate(&z, flush);
            Q_ASSERT(rc == Z_OK || rc == Z_BUF_ERROR);
            written += qsizetype(offered - z.avail_out);
        } while (z.avail_in > 0 || (last && z.avail_out == 0)); // zlib: call again until room is left
        message = message.sliced(chunk);
        if (last)
            break;
    }
    out.truncate(written);
    Q_ASSERT(out.endsWith(QByteArrayView(syncFlushTail, syncFlushTailSize)));
    out.chop(syncFlushTailSize);
    return out;
}

std::variant<QByteArray, DecodeError> PerMessageDeflate::State::inflateMessage(QByteArrayView payload, qint64 maxSize)
{
    // No DEFLATE data at all: not what §7.2.1 produces (an empty message is "00"), but it cannot
    // disturb the window either, so it is read as the empty message rather than refused.
    if (payload.isEmpty())
        return QByteArray();

    z_stream &z = startInflater();
    BoundedOutput out(maxSize, payload.size());
    // §7.2.2: the payload, then the tail. The tail's last byte goes in alone with Z_BLOCK, so inflate
    // stops right after the empty stored block that byte completes; data_type then tells whether
    // the message ended there, on a block boundary, as every conforming sender's data does.
    const QByteArrayView pieces[] = {payload, QByteArrayView(syncFlushTail, syncFlushTailSize - 1),
                                     QByteArrayView(syncFlushTail + syncFlushTailSize - 1, 1)};
    for (int piece = 0; piece < 3; ++piece) {
        QByteArrayView input = pieces[piece];
        const int flush = piece == 2 ? Z_BLOCK : Z_SYNC_FLUSH;
        while (!input.isEmpty() || out.isFull()) { // full: zlib may hold more output for this input
            if (!out.prepare(z))
                return DecodeError::MessageTooLarge;
            const qsizetype chunk = std::min(input.size(), maxZlibChunk);
            z.next_in = reinterpret_cast<const Bytef *>(input.data());
            z.avail_in = uInt(chunk);
            const int rc = inflate(&z, flush);
            const qsizetype consumed = chunk - qsizetype(z.avail_in);
            input = input.sliced(consumed);
            const qsizetype produced = out.commit(z);
            if (rc == Z_STREAM_END) {
                // §7.2.3.4: a block with BFINAL set ends the DEFLATE stream; whatever follows is a
                // new one. A payload that ends right there needs no tail: take it as complete.
                restartInflater();
                if (piece == 0 && input.isEmpty())
                    return out.take();
                continue;
            }
            if (rc == Z_MEM_ERROR)
                qBadAlloc();
            if (rc != Z_OK && rc != Z_BUF_ERROR)
                return DecodeError::InflateFailed; // not DEFLATE, or beyond the window
            if (consumed == 0 && produced == 0) {
                if (!input.isEmpty())
                    return DecodeError::InflateFailed; // stopped at a block boundary before the end
                break;
            }
        }
    }
    if (z.data_type != atByteAlignedBlockBoundary)
        return DecodeError::InflateFailed;
    return out.take();
}

PerMessageDeflate::PerMessageDeflate(DeflateParameters parameters, Role role, DeflateOptions options)
    : m_state(std::make_unique<State>(parameters, role, options))
{
}

PerMessageDeflate PerMessageDeflate::decompressorCopy()
{
    PerMessageDeflate copy(m_state->parameters, m_state->role, m_state->options);
    State &to = *copy.m_state;
    to.error = m_state->error;
    if (!m_state->hasInflater)
        return copy; // nothing kept between messages (or nothing inflated yet): a fresh one is the same
    // inflateCopy allocates the copy through the source's allocator and opaque: point that at the
    // copy's count while it does, so zlibMemory() stays right on both sides.
    z_stream &source = m_state->inflater;
    source.opaque = &to.allocated;
    const int rc = inflateCopy(&to.inflater, &source);
    source.opaque = &m_state->allocated;
    if (rc == Z_MEM_ERROR)
        qBadAlloc();
    Q_ASSERT(rc == Z_OK);
    to.inflater.opaque = &to.allocated;
    to.hasInflater = true;
    return copy;
}

PerMessageDeflate::~PerMessageDeflate() = default;
PerMessageDeflate::PerMessageDeflate(PerMessageDeflate &&) noexcept = default;
PerMessageDeflate &PerMessageDeflate::operator=(PerMessageDeflate &&) noexcept = default;

QByteArray PerMessageDeflate::compress(QByteArrayView message)
{
    // §7.2.1 applied to no bytes gives an empty stored block, 00 00 00 ff ff, so the payload is 00.
    // Written directly: zlib will not flush twice with no input in between, and the block leaves
    // the window as it was, with or without context takeover.
    if (message.isEmpty())
        return QByteArray(1, '\0');
    QByteArray payload = m_state->deflateMessage(message);
    // §7.1.1.1 / §7.1.1.2: no context takeover means the next message starts from an empty window;
    // nothing worth keeping is left, so the memory goes back until then.
    if (!m_state->keepsCompressContext())
        m_state->releaseDeflater();
    return payload;
}

std::variant<QByteArray, DecodeError> PerMessageDeflate::decompress(QByteArrayView payload, qint64 maxSize)
{
    if (m_state->error)
        return *m_state->error;
    auto result = m_state->inflateMessage(payload, std::max<qint64>(maxSize, 0));
    if (const auto *error = std::get_if<DecodeError>(&result)) {
        m_state->error = *error; // the window is now unknown: no later message can be trusted
        m_state->releaseInflater();
    } else if (!m_state->keepsDecompressContext()) {
        m_state->releaseInflater();
    }
    return result;
}

const DeflateParameters &PerMessageDeflate::parameters() const noexcept
{
    return m_state->parameters;
}

Role PerMessageDeflate::role() const noexcept
{
    return m_state->role;
}

int PerMessageDeflate::compressWindowBits() const noexcept
{
    return m_state->compressWindowBits();
}

int PerMessageDeflate::decompressWindowBits() const noexcept
{
    return m_state->decompressWindowBits();
}

bool PerMessageDeflate::keepsCompressContext() const noexcept
{
    return m_state->keepsCompressContext();
}

bool PerMessageDeflate::keepsDecompressContext() const noexcept
{
    return m_state->keepsDecompressContext();
}

std::optional<DecodeError> PerMessageDeflate::error() const noexcept
{
    return m_state->error;
}

qint64 PerMessageDeflate::zlibMemory() const noexcept
{
    return m_state->allocated;
}

std::optional<DecodeError> inflateMessage(PerMessageDeflate &deflate, Message &message, qint64 maxSize)
{
    if (!message.compressed)
        return std::nullopt;
    auto inflated = deflate.decompress(message.payload, maxSize);
    if (const auto *error = std::get_if<DecodeError>(&inflated))
        return *error;
    message.payload = std::move(std::get<QByteArray>(inflated));
    message.compressed = false;
    // RFC 6455 §8.1, deferred: only the inflated bytes are the text.
    if (message.opcode == Opcode::Text && !Utf8Validator::isValid(message.payload))
        return DecodeError::InvalidUtf8;
    return std::nullopt;
}

} // namespace wslab::protocol
