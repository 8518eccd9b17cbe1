#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace wslab::capture {

// One packet record of a capture file. `bytes` points into the reader's buffer and stays valid
// until the reader's next call.
struct CapturedPacket
{
    qint64 timeNs = 0;          // nanoseconds since the Unix epoch
    int linkType = 0;           // a LINKTYPE_ value (see linktype:: in packetdecoder.h)
    QByteArrayView bytes;       // what was captured (at most the snaplen)
    quint32 originalLength = 0; // the packet's length on the wire
    qint64 fileOffset = 0;      // where the packet's record (pcapng: the block before it) starts
    QList<QByteArrayView> comments; // pcapng opt_comment values (UTF-8), when the reader keeps them
};

// Why a capture file cannot be read, or stopped being readable.
enum class CaptureFileError : quint8 {
    CannotOpen,      // missing, unreadable, a directory ...
    Empty,           // zero bytes
    NotACaptureFile, // neither pcap nor pcapng magic at the start
    Truncated,       // the file ends inside a record
    Corrupt,         // a record or header that makes no sense
};

[[nodiscard]] const char *captureFileErrorReason(CaptureFileError error) noexcept;
[[nodiscard]] const char *captureFileErrorName(CaptureFileError error) noexcept;
inline constexpr const char captureFileErrorContext[] = "wslab::capture::CaptureFileError";

struct CaptureFileFailure
{
    CaptureFileError error = CaptureFileError::Corrupt;
    qint64 offset = 0; // the byte where the bad record starts
    QString detail;    // the system's or libpcap's own message, untranslated
};

enum class ReadStatus : quint8 { Packet, End, Failed };

} // namespace wslab::capture
