#pragma once

#include "capturedpacket.h"

#include <QByteArray>
#include <QFile>

#include <optional>
#include <vector>

namespace wslab::capture {

// A small pcapng reader (draft-ietf-opsawg-pcapng) for the files libpcap refuses although they are
// valid: interfaces of different link types or snaplens, sections of different byte orders.
// Reads Section Header, Interface Description (with if_tsresol and if_tsoffset), Enhanced, Simple
// and obsolete Packet blocks, and skips every other block.
class PcapNgReader
{
public:
    [[nodiscard]] std::optional<CaptureFileFailure> open(const QString &path);
    [[nodiscard]] ReadStatus next();

    [[nodiscard]] const CapturedPacket &packet() const noexcept { return m_packet; }
    [[nodiscard]] const CaptureFileFailure &failure() const noexcept { return m_failure; }
    [[nodiscard]] qint64 position() const { return m_bufferOffset + m_consumed; }

private:
    struct Interface
    {
        int linkType = 0;
        quint32 snapLength = 0;
        quint8 resolution = 6;   // if_tsresol: 10^-6 s unless the IDB says otherwise
        qint64 offsetSeconds = 0; // if_tsoffset
    };

    ReadStatus fail(CaptureFileError error, qint64 offset, const QString &detail);
    [[nodiscard]] quint16 read16(qsizetype at) const;
    [[nodiscard]] quint32 read32(qsizetype at) const;
    [[nodiscard]] bool readInterface(qint64 offset);
    void readComments(quint32 from, quint32 end);
    // Makes `size` bytes from the current block's start available in the buffer (fewer at the end of
    // the file); returns how many there are. The previous block's bytes may move.
    [[nodiscard]] qsizetype fill(qsizetype size);
    [[nodiscard]] qint64 timeOf(const Interface &interface, quint32 high, quint32 low) const;

    // The file is read a large piece at a time into m_buffer, and blocks are views into it, so a
    // packet costs no allocation and no system call of its own.
    QFile m_file;
    QByteArray m_buffer;
    qsizetype m_consumed = 0;  // bytes of m_buffer before the current block
    qsizetype m_filled = 0;    // bytes of m_buffer read from the file
    qint64 m_bufferOffset = 0; // the file offset of m_buffer's first byte
    QByteArrayView m_block;    // the current block, in m_buffer
    bool m_bigEndian = false;
    std::vector<Interface> m_interfaces;
    CapturedPacket m_packet;
    CaptureFileFailure m_failure;
};

} // namespace wslab::capture
