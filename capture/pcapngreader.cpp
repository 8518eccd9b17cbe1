#include "pcapngreader.h"

#include "pcapngformat.h"

#include <QtEndian>

#include <cstring>

namespace wslab::capture {

namespace {

using namespace pcapng;

// No real packet block comes near this; a larger length is corruption, not a reason to allocate.
constexpr quint32 maximumBlockLength = 16 << 20;
// Read from the file this much at a time (a block longer than that grows the buffer to fit it).
constexpr qsizetype readSize = 1 << 20;

__extension__ typedef __int128 Wide; // 64-bit stamps times 10^9 need more than 64 bits

qint64 clampToInt64(Wide value)
{
    if (value > Wide(std::numeric_limits<qint64>::max()))
        return std::numeric_limits<qint64>::max();
    if (value < Wide(std::numeric_limits<qint64>::min()))
        return std::numeric_limits<qint64>::min();
    return qint64(value);
}

} // namespace

std::optional<CaptureFileFailure> PcapNgReader::open(const QString &path)
{
    m_file.setFileName(path);
    // Unbuffered: the reader keeps a buffer of its own, and QFile's would only copy once more.
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return CaptureFileFailure{CaptureFileError::CannotOpen, 0, m_file.errorString()};
    m_interfaces.clear();
    m_buffer.resize(readSize);
    m_consumed = m_filled = 0;
    m_bufferOffset = 0;
    m_block = {};
    return std::nullopt;
}

qsizetype PcapNgReader::fill(qsizetype size)
{
    if (m_filled - m_consumed >= size)
        return size;
    // Keep only the current block's bytes, at the front, then read behind them.
    const qsizetype kept = m_filled - m_consumed;
    std::memmove(m_buffer.data(), m_buffer.constData() + m_consumed, size_t(kept));
    m_bufferOffset += m_consumed;
    m_consumed = 0;
    m_filled = kept;
    if (m_buffer.size() < size)
        m_buffer.resize(size);
    while (m_filled < size) {
        const qint64 got = m_file.read(m_buffer.data() + m_filled, m_buffer.size() - m_filled);
        if (got <= 0)
            break;
        m_filled += got;
    }
    return qMin(size, m_filled);
}

ReadStatus PcapNgReader::fail(CaptureFileError error, qint64 offset, const QString &detail)
{
    m_failure = CaptureFileFailure{error, offset, detail};
    return ReadStatus::Failed;
}

quint16 PcapNgReader::read16(qsizetype at) const
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_block.constData() + at);
    return m_bigEndian ? qFromBigEndian<quint16>(bytes) : qFromLittleEndian<quint16>(bytes);
}

quint32 PcapNgReader::read32(qsizetype at) const
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_block.constData() + at);
    return m_bigEndian ? qFromBigEndian<quint32>(bytes) : qFromLittleEndian<quint32>(bytes);
}

ReadStatus PcapNgReader::next()
{
    for (;;) {
        m_consumed += m_block.size(); // the previous block is done with
        m_block = {};
        const qint64 offset = position();
        const qsizetype header = fill(12);
        if (header == 0)
            return ReadStatus::End;
        if (header < 8)
            return fail(CaptureFileError::Truncated, offset, QStringLiteral("block header cut short"));
        m_block = QByteArrayView(m_buffer).sliced(m_consumed, header);
        // The SHB type reads the same in both byte orders; its byte-order magic sets the section's.
        const bool sectionStart = qFromLittleEndian<quint32>(m_block.data()) == sectionHeaderBlock;
        if (sectionStart) {
            if (header < 12)
                return fail(CaptureFileError::Truncated, offset, QStringLiteral("section header cut short"));
            const auto *magic = reinterpret_cast<const uchar *>(m_block.data() + 8);
            if (qFromLittleEndian<quint32>(magic) == byteOrderMagic)
                m_bigEndian = false;
            else if (qFromBigEndian<quint32>(magic) == byteOrderMagic)
                m_bigEndian = true;
            else
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("bad byte-order magic"));
        } else if (offset == 0) {
            return fail(CaptureFileError::Corrupt, offset, QStringLiteral("no section header block at the start"));
        }
        const quint32 type = read32(0);
        const quint32 length = read32(4);
        m_block = {};
        if (length < 12 + (sectionStart ? 16u : 0u) || length % 4 != 0 || length > maximumBlockLength)
            return fail(CaptureFileError::Corrupt, offset, QStringLiteral("bad block length %1").arg(length));
        if (fill(length) < qsizetype(length))
            return fail(CaptureFileError::Truncated, offset, QStringLiteral("block cut short"));
        m_block = QByteArrayView(m_buffer).sliced(m_consumed, length);
        if (read32(length - 4) != length)
            return fail(CaptureFileError::Corrupt, offset, QStringLiteral("block lengths disagree"));

        switch (type) {
        case sectionHeaderBlock:
            if (read16(12) != 1)
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("unsupported pcapng major version"));
            m_interfaces.clear(); // interface ids are per section
            continue;
        case interfaceDescriptionBlock:
            if (!readInterface(offset))
                return ReadStatus::Failed;
            continue;
        case enhancedPacketBlock:
        case obsoletePacketBlock: {
            if (length < 32)
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("packet block too short"));
            const quint32 interfaceId = type == enhancedPacketBlock ? read32(8) : read16(8);
            const quint32 captured = read32(20);
            if (interfaceId >= m_interfaces.size())
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("packet of an undeclared interface"));
            if (captured > length - 32)
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("captured length beyond its block"));
            const Interface &interface = m_interfaces[interfaceId];
            m_packet = CapturedPacket{timeOf(interface, read32(12), read32(16)), interface.linkType,
                                      m_block.sliced(28, captured), read32(24), offset, {}};
            readComments(28 + ((captured + 3) & ~3u), length - 4);
            return ReadStatus::Packet;
        }
        case simplePacketBlock: {
            if (length < 16)
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("packet block too short"));
            if (m_interfaces.empty())
                return fail(CaptureFileError::Corrupt, offset, QStringLiteral("packet of an undeclared interface"));
            const Interface &interface = m_interfaces.front();
            const quint32 original = read32(8);
            quint32 captured = qMin(original, length - 16);
            if (interface.snapLength != 0)
                captured = qMin(captured, interface.snapLength);
            m_packet = CapturedPacket{0, interface.linkType, m_block.sliced(12, captured), original, offset, {}};
            return ReadStatus::Packet;
        }
        default:
            continue; // name resolution, statistics, custom blocks ...
        }
    }
}

bool PcapNgReader::readInterface(qint64 offset)
{
    const qsizetype end = m_block.size() - 4;
    if (end < 16) {
        fail(CaptureFileError::Corrupt, offset, QStringLiteral("interface block too short"));
        return false;
    }
    Interface interface;
    interface.linkType = read16(8);
    interface.snapLength = read32(12);
    for (qsizetype at = 16; at + 4 <= end;) {
        const quint16 code = read16(at);
        const quint16 length = read16(at + 2);
        if (code == 0) // opt_endofopt
            break;
        if (at + 4 + length > end) {
            fail(CaptureFileError::Corrupt, offset, QStringLiteral("interface option beyond its block"));
            return false;
        }
        if (code == 9 && length >= 1) // if_tsresol
            interface.resolution = quint8(m_block[at + 4]);
        if (code == 14 && length >= 8) // if_tsoffset, seconds
            interface.offsetSeconds = qint64(quint64(read32(at + (m_bigEndian ? 4 : 8))) << 32
                                             | read32(at + (m_bigEndian ? 8 : 4)));
        at += 4 + ((length + 3) & ~3);
    }
    m_interfaces.push_back(interface);
    return true;
}

qint64 PcapNgReader::timeOf(const Interface &interface, quint32 high, quint32 low) const
{
    // if_tsresol: the high bit chooses a power of 2 instead of 10; the rest is the negative exponent.
    const Wide units = Wide(quint64(high) << 32 | low);
    const int exponent = interface.resolution & 0x7f;
    Wide nanoseconds = 0;
    if (interface.resolution & 0x80) {
        nanoseconds = (units * 1000000000) >> qMin(exponent, 100);
    } else if (exponent <= 9) {
        Wide scale = 1;
        for (int i = exponent; i < 9; ++i)
            scale *= 10;
        nanoseconds = units * scale;
    } else {
        Wide scale = 1;
        for (int i = 9; i < qMin(exponent, 30); ++i)
            scale *= 10;
        nanoseconds = units / scale;
    }
    return clampToInt64(nanoseconds + Wide(interface.offsetSeconds) * 1000000000);
}

// Options between `from` and `end`: code, length, value padded to 4 bytes, until opt_endofopt.
// Only comments (opt_comment, code 1) are kept; a malformed option list ends the search quietly,
// since options never change what the packet's bytes are.
void PcapNgReader::readComments(quint32 from, quint32 end)
{
    for (quint32 at = from; at + 4 <= end;) {
        const quint16 code = read16(at);
        const quint16 size = read16(at + 2);
        if (code == optionEnd || at + 4 + size > end)
            return;
        if (code == optionComment)
            m_packet.comments.append(m_block.sliced(at + 4, size));
        at += 4 + ((size + 3u) & ~3u);
    }
}

} // namespace wslab::capture
