#include "framedecoder.h"

#include "masking.h"

#include <algorithm>
#include <cstring>

namespace wslab::protocol {

namespace {

// A frame's payload up to this size is reserved whole when its header arrives (pages the frame never
// fills are not touched, so they cost no memory).
constexpr qsizetype eagerPayloadReserve = 256 * 1024;

// DecoderOptions::sharePayloads: payloads up to this size share a block of at most this many bytes.
constexpr qsizetype maxSharedPayload = 1024;
constexpr qsizetype sharedPayloadBlock = 16 * 1024;

// The header size announced by its first two bytes (RFC 6455 §5.2); 2 when fewer are known.
int announcedHeaderSize(const char *bytes, qsizetype available) noexcept
{
    if (available < 2)
        return 2;
    const quint8 second = quint8(bytes[1]);
    const quint8 length7 = second & 0x7F;
    const auto form = length7 == 126 ? LengthForm::Extended16
                      : length7 == 127 ? LengthForm::Extended64
                                       : LengthForm::Short7;
    return headerSize(form, (second & 0x80) != 0);
}

quint64 readBigEndian(const char *bytes, int count) noexcept
{
    quint64 value = 0;
    for (int i = 0; i < count; ++i)
        value = value << 8 | quint8(bytes[i]);
    return value;
}

// Reads the values of a complete header into `header` without judging them. Written field by field
// where the header stays: a header built aside and then copied whole is read back in wider pieces
// than it was written, and such a load waits for the stores to drain (6 % of a live capture's CPU
// time, measured with bench_live_capture).
void readHeader(const char *bytes, FrameHeader &header) noexcept
{
    const quint8 first = quint8(bytes[0]);
    const quint8 second = quint8(bytes[1]);
    header.fin = first & 0x80;
    header.rsv1 = first & 0x40;
    header.rsv2 = first & 0x20;
    header.rsv3 = first & 0x10;
    header.opcode = opcodeFromBits(first);
    header.masked = second & 0x80;
    const quint8 length7 = second & 0x7F;
    int offset = 2;
    if (length7 == 126) {
        header.lengthForm = LengthForm::Extended16;
        header.payloadLength = readBigEndian(bytes + 2, 2);
        offset += 2;
    } else if (length7 == 127) {
        header.lengthForm = LengthForm::Extended64;
        header.payloadLength = readBigEndian(bytes + 2, 8);
        offset += 8;
    } else {
        header.lengthForm = LengthForm::Short7;
        header.payloadLength = length7;
    }
    if (header.masked)
        std::memcpy(header.maskKey.data(), bytes + offset, 4);
    else
        header.maskKey = MaskKey{};
}

// A payload of `length` bytes in `block`, which the small payloads of one piece share: one
// allocation instead of one a frame (a tenth of a live capture's work). `available` bytes of the
// piece are left: they bound the payloads still to come. Returns the payload and, in
// `destination`, where its bytes go, written before any other holder of the block can see them.
QByteArray carvePayload(QByteArray &block, qsizetype &used, qsizetype length, qsizetype available, char *&destination)
{
    if (block.size() - used < length) {
        block = QByteArray(std::clamp(available, length, sharedPayloadBlock), Qt::Uninitialized);
        used = 0;
    }
    QByteArray::DataPointer slice = block.data_ptr(); // one more reference to the block
    slice.ptr += used;
    slice.size = length;
    used += length;
    destination = slice.data(); // written through the view, not data(): the block is shared
    return QByteArray(std::move(slice));
}

} // namespace

FrameDecoder::FrameDecoder(DecoderOptions options)
    : m_options(options)
{
}

void FrameDecoder::reset()
{
    *this = FrameDecoder(m_options);
}

qsizetype FrameDecoder::bufferedBytes() const noexcept
{
    return m_headerBuffered + (m_inPayload ? m_payloadFilled : 0);
}

std::optional<PartialFrame> FrameDecoder::partialFrame() const
{
    if (!m_inPayload)
        return std::nullopt;
    return PartialFrame{&m_current.header, QByteArrayView(m_current.payload.constData(), m_payloadFilled)};
}

std::optional<FrameHeader> FrameDecoder::peekHeader(QByteArrayView bytes) noexcept
{
    if (bytes.size() < 2 || bytes.size() < announcedHeaderSize(bytes.data(), bytes.size()))
        return std::nullopt;
    FrameHeader header;
    readHeader(bytes.data(), header);
    return header;
}

int FrameDecoder::headerSizeNeeded(QByteArrayView bytes) noexcept
{
    return announcedHeaderSize(bytes.data(), bytes.size());
}

std::optional<DecodeError> FrameDecoder::checkHeader(const FrameHeader &header) const
{
    if (m_options.framingOnly)
        return checkFraming(header);
    // RFC 6455 §5.2: RSV bits MUST be 0 unless an extension defines them.
    if (header.rsv2 || header.rsv3 || (header.rsv1 && !m_options.rsv1Allowed))
        return DecodeError::ReservedBitsSet;
    if (isReserved(header.opcode))
        return DecodeError::ReservedOpcode;
    if (isControl(header.opcode)) {
        // §5.5: control frames MUST NOT be fragmented and carry at most 125 bytes. RSV1 on a control
        // frame is never defined by permessage-deflate (RFC 7692 §6.1).
        if (!header.fin)
            return DecodeError::FragmentedControlFrame;
        if (header.payloadLength > maxControlPayload)
            return DecodeError::ControlFrameTooLong;
        if (header.rsv1)
            return DecodeError::ReservedBitsSet;
    }
    if (header.opcode == Opcode::Continuation && header.rsv1)
        return DecodeError::ReservedBitsSet; // RFC 7692 §6.1: RSV1 only on the first frame
    // §5.2: "the minimal number of bytes MUST be used to encode the length". (A length with its top
    // bit set is only ever written in 64 bits, so this never hides LengthTopBitSet.)
    if (header.lengthForm != minimalLengthForm(header.payloadLength))
        return DecodeError::NonMinimalLength;
    if (const auto error = checkFraming(header))
        return error;
    // §5.1: a server MUST close on an unmasked client frame; a client on a masked server frame.
    if (m_options.role == Role::Server && !header.masked)
        return DecodeError::UnmaskedClientFrame;
    if (m_options.role == Role::Client && header.masked)
        return DecodeError::MaskedServerFrame;
    return std::nullopt;
}

// What cutting the stream into frames needs, whatever the other rules say.
std::optional<DecodeError> FrameDecoder::checkFraming(const FrameHeader &header) const
{
    // RFC 6455 §5.2: "the most significant bit MUST be 0".
    if (header.lengthForm == LengthForm::Extended64 && (header.payloadLength >> 63) != 0)
        return DecodeError::LengthTopBitSet;
    // §10.4: refuse from the header alone, before any payload is buffered.
    if (header.payloadLength > m_options.maxFramePayload)
        return DecodeError::FrameTooLarge;
    return std::nullopt;
}

void FrameDecoder::fail(DecodeError error, QByteArrayView offendingBytes)
{
    m_error = error;
    m_errorBytes = offendingBytes.toByteArray();
    m_inPayload = false;
    m_current = DecodedFrame();
}

std::optional<DecodeError> FrameDecoder::feed(QByteArrayView bytes, QList<DecodedFrame> &frames)
{
    const char *input = bytes.data();
    qsizetype remaining = bytes.size();
    if (m_error)
        return m_error;
    if (m_headerBuffered > 0 || m_inPayload) {
        resumeFrame(input, remaining, frames);
        if (m_error || m_headerBuffered > 0 || m_inPayload)
            return m_error;
    }
    QByteArray block; // DecoderOptions::sharePayloads: the small payloads of this piece
    qsizetype blockUsed = 0;
    while (remaining > 0) {
        const int size = announcedHeaderSize(input, remaining);
        if (remaining < size) {
            // Header: all or nothing. The bytes of a header split across feeds wait in a 14-byte buffer.
            std::memcpy(m_headerBuffer.data(), input, size_t(remaining));
            m_headerBuffered = int(remaining);
            return std::nullopt;
        }
        // The frame is decoded where it is handed over, in place at the end of `frames`.
        DecodedFrame &frame = frames.emplaceBack();
        if (!startFrame(input, frame)) {
            frames.removeLast();
            return m_error;
        }
        input += size;
        remaining -= size;
        const qsizetype length = qsizetype(frame.header.payloadLength);
        if (remaining < length) {
            // The payload goes on in later pieces: it is filled in m_current until it is whole.
            m_current = std::move(frame);
            frames.removeLast();
            beginPayload(remaining);
            fillPayload(input, remaining);
            return std::nullopt;
        }
        char *destination = nullptr;
        if (m_options.sharePayloads && length > 0 && length <= maxSharedPayload) {
            frame.payload = carvePayload(block, blockUsed, length, remaining, destination);
        } else {
            frame.payload = QByteArray(length, Qt::Uninitialized);
            destination = frame.payload.data();
        }
        copyPayload(frame.header, input, destination, length, 0);
        input += length;
        remaining -= length;
    }
    return std::nullopt;
}

bool FrameDecoder::startFrame(const char *headerStart, DecodedFrame &frame)
{
    readHeader(headerStart, frame.header);
    const int size = frame.header.size();
    if (const auto error = checkHeader(frame.header)) {
        fail(*error, QByteArrayView(headerStart, size));
        return false;
    }
    std::memcpy(frame.headerBytes.data(), headerStart, size_t(size));
    return true;
}

// A frame that an earlier piece began: the rest of its header, then its payload.
void FrameDecoder::resumeFrame(const char *&input, qsizetype &remaining, QList<DecodedFrame> &frames)
{
    if (m_headerBuffered > 0) {
        int needed = announcedHeaderSize(m_headerBuffer.data(), m_headerBuffered);
        while (m_headerBuffered < needed && remaining > 0) {
            m_headerBuffer[m_headerBuffered++] = *input++;
            --remaining;
            needed = announcedHeaderSize(m_headerBuffer.data(), m_headerBuffered);
        }
        if (m_headerBuffered < needed)
            return;
        m_headerBuffered = 0;
        if (!startFrame(m_headerBuffer.data(), m_current))
            return;
        beginPayload(remaining);
    }
    fillPayload(input, remaining);
    if (m_payloadFilled == qsizetype(m_current.header.payloadLength))
        handOverCurrent(frames);
}

// The frame gathered across pieces is whole: it joins the others.
void FrameDecoder::handOverCurrent(QList<DecodedFrame> &frames)
{
    frames.append(std::move(m_current)); // leaves m_current's payload empty
    m_inPayload = false;
    m_payloadFilled = 0;
}

void FrameDecoder::beginPayload(qsizetype available)
{
    m_inPayload = true;
    m_payloadFilled = 0;
    const qsizetype length = qsizetype(m_current.header.payloadLength);
    // Whole payload present: size it exactly. Otherwise grow as bytes arrive, so a header that
    // announces 16 MiB costs nothing until the bytes are really sent; a frame of up to a few TCP
    // reads is sized at once, since growing it by doubling copied it four times.
    if (available >= length)
        m_current.payload = QByteArray(length, Qt::Uninitialized);
    else
        m_current.payload.reserve(std::min<qsizetype>(length, std::max<qsizetype>(available, eagerPayloadReserve)));
}

void FrameDecoder::fillPayload(const char *&input, qsizetype &remaining)
{
    const qsizetype length = qsizetype(m_current.header.payloadLength);
    const qsizetype take = std::min(length - m_payloadFilled, remaining);
    if (take <= 0)
        return;
    if (m_current.payload.size() < m_payloadFilled + take) {
        const qsizetype grown = std::min(length, std::max(m_payloadFilled + take, m_current.payload.capacity() * 2));
        m_current.payload.reserve(grown);
        m_current.payload.resize(m_payloadFilled + take);
    }
    copyPayload(m_current.header, input, m_current.payload.data() + m_payloadFilled, take, m_payloadFilled);
    m_payloadFilled += take;
    input += take;
    remaining -= take;
}

// `count` payload bytes from the wire to `destination`, unmasked; `offset` is where they start in
// the payload (the mask's phase).
void FrameDecoder::copyPayload(const FrameHeader &header, const char *input, char *destination, qsizetype count,
                               qsizetype offset)
{
    if (count == 0)
        return;
    if (header.masked)
        copyMasked(input, destination, count, header.maskKey, int(offset & 3));
    else
        std::memcpy(destination, input, size_t(count));
}

std::optional<DecodedFrame> FrameDecoder::readFrame(QByteArrayView wire)
{
    auto frame = readFramePrefix(wire);
    if (frame && quint64(frame->payload.size()) != frame->header.payloadLength)
        return std::nullopt;
    return frame;
}

std::optional<DecodedFrame> FrameDecoder::readFramePrefix(QByteArrayView wire)
{
    if (wire.size() < 2 || wire.size() < announcedHeaderSize(wire.data(), wire.size()))
        return std::nullopt;
    DecodedFrame frame;
    readHeader(wire.data(), frame.header);
    const int size = frame.header.size();
    if (quint64(wire.size() - size) > frame.header.payloadLength)
        return std::nullopt;
    std::memcpy(frame.headerBytes.data(), wire.data(), size_t(size));
    frame.payload = wire.sliced(size).toByteArray();
    if (frame.header.masked)
        applyMask(frame.payload.data(), frame.payload.size(), frame.header.maskKey);
    return frame;
}

bool FrameDecoder::skipPayload(qint64 length, QList<DecodedFrame> &frames)
{
    if (m_error || !m_inPayload || length < 0)
        return false;
    const qsizetype payloadLength = qsizetype(m_current.header.payloadLength);
    if (length > payloadLength - m_payloadFilled)
        return false;
    m_current.payload.resize(m_payloadFilled + length);
    std::memset(m_current.payload.data() + m_payloadFilled, 0, size_t(length));
    m_payloadFilled += length;
    if (m_payloadFilled == payloadLength)
        handOverCurrent(frames);
    return true;
}

} // namespace wslab::protocol
