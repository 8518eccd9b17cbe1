#include "pcapfilereader.h"

#include "countingfile.h"
#include "packetdecoder.h"
#include "pcapngformat.h"
#include "pcapngreader.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <limits>

#include <pcap/pcap.h>

namespace wslab::capture {

namespace {

// A stamp past 2262 does not fit nanoseconds in 64 bits: it reads as the latest time there is, as
// the own pcapng reader reads it, rather than wrapping into the past.
qint64 nanosecondsSinceEpoch(const timeval &stamp)
{
    qint64 nanoseconds = 0;
    if (__builtin_mul_overflow(qint64(stamp.tv_sec), qint64(1000000000), &nanoseconds)
        || __builtin_add_overflow(nanoseconds, qint64(stamp.tv_usec), &nanoseconds))
        return stamp.tv_sec < 0 ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
    return nanoseconds;
}

// pcap file header magics (microsecond and nanosecond stamps, and Alexey Kuznetzov's modified
// format, which libpcap also reads), in the writer's byte order; pcapng's Section Header Block type.
constexpr quint32 pcapMagics[] = {0xa1b2c3d4, 0xa1b23c4d, 0xa1b2cd34};
constexpr quint32 pcapNgMagic = pcapng::sectionHeaderBlock;

// libpcap's words for a valid pcapng file it will not read (pcap-ng.c).
bool isLibpcapLimitation(const char *message)
{
    const QByteArrayView text(message);
    return text.contains("different from the type of the first interface")
        || text.contains("different from the snapshot length of the first interface")
        || text.contains("sections with different byte orders");
}

CaptureFileError errorFromMessage(const char *message)
{
    return QByteArrayView(message).contains("truncated") ? CaptureFileError::Truncated : CaptureFileError::Corrupt;
}

} // namespace

PcapFileReader::PcapFileReader() = default;

PcapFileReader::~PcapFileReader()
{
    closeLibpcap();
}

bool PcapFileReader::looksLikeCapture(QByteArrayView firstBytes)
{
    if (firstBytes.size() < 4)
        return false;
    const quint32 big = qFromBigEndian<quint32>(firstBytes.data());
    const quint32 little = qFromLittleEndian<quint32>(firstBytes.data());
    for (quint32 magic : pcapMagics) {
        if (big == magic || little == magic)
            return true;
    }
    return big == pcapNgMagic;
}

std::optional<CaptureFileFailure> PcapFileReader::open(const QString &path)
{
    closeLibpcap();
    m_fallback.reset();
    m_delivered = 0;
    m_path = path;
    QFile file(path);
    if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly))
        return CaptureFileFailure{CaptureFileError::CannotOpen, 0,
                                  QFileInfo(path).isDir() ? QStringLiteral("is a directory") : file.errorString()};
    m_fileSize = file.size();
    if (m_fileSize == 0)
        return CaptureFileFailure{CaptureFileError::Empty, 0, {}};
    const QByteArray head = file.read(4);
    if (!looksLikeCapture(head))
        return CaptureFileFailure{CaptureFileError::NotACaptureFile, 0, {}};
    m_format = qFromBigEndian<quint32>(head.constData()) == pcapNgMagic ? Format::PcapNg : Format::Pcap;
    file.close();

    char message[PCAP_ERRBUF_SIZE] = {};
    std::FILE *stream = openCountingFile(path);
    if (!stream)
        return CaptureFileFailure{CaptureFileError::CannotOpen, 0, QString::fromLocal8Bit(strerror(errno))};
    m_handle = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, message);
    if (m_handle)
        return std::nullopt;
    std::fclose(stream); // libpcap closes it only once it has taken it
    if (m_format == Format::PcapNg && isLibpcapLimitation(message)) {
        m_fallback = std::make_unique<PcapNgReader>();
        return m_fallback->open(path);
    }
    return CaptureFileFailure{errorFromMessage(message), 0, QString::fromLocal8Bit(message)};
}

ReadStatus PcapFileReader::next()
{
    if (m_fallback) {
        const ReadStatus status = m_fallback->next();
        if (status == ReadStatus::Packet)
            m_packet = m_fallback->packet();
        else if (status == ReadStatus::Failed)
            m_failure = m_fallback->failure();
        return status;
    }
    if (!m_handle) {
        m_failure = CaptureFileFailure{CaptureFileError::CannotOpen, 0, QStringLiteral("not open")};
        return ReadStatus::Failed;
    }
    return nextFromLibpcap();
}

ReadStatus PcapFileReader::nextFromLibpcap()
{
    const qint64 offset = m_nextOffset >= 0 ? m_nextOffset : qint64(ftell(pcap_file(m_handle)));
    m_nextOffset = -1;
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    const int result = pcap_next_ex(m_handle, &header, &data);
    if (result == 1) {
        ++m_delivered;
        m_nextOffset = nextRecordOffset(offset, header->caplen);
        // Opened with nanosecond precision: tv_usec holds nanoseconds for pcap and pcapng alike.
        m_packet = CapturedPacket{nanosecondsSinceEpoch(header->ts),
                                  linkType(),
                                  QByteArrayView(reinterpret_cast<const char *>(data), header->caplen),
                                  header->len, offset, {}};
        return ReadStatus::Packet;
    }
    if (result == PCAP_ERROR_BREAK)
        return ReadStatus::End;
    const char *message = pcap_geterr(m_handle);
    if (m_format == Format::PcapNg && isLibpcapLimitation(message))
        return switchToOwnReader();
    m_failure = CaptureFileFailure{errorFromMessage(message), offset, QString::fromLocal8Bit(message)};
    return ReadStatus::Failed;
}

// glibc's ftell() locks the stream and works out its position on every call: a tenth of the time
// a pcap takes to read. A pcap record is a header of one size (16 bytes, 24 in the "modified" format
// libpcap also reads) and the bytes captured, so once the first record has shown the header's size,
// the next offset is known. Not for a record libpcap cut to the snapshot length (it skipped bytes
// the caplen does not count) nor for pcapng, whose blocks vary: ftell() says where those end.
qint64 PcapFileReader::nextRecordOffset(qint64 offset, quint32 caplen)
{
    if (m_format != Format::Pcap || m_recordHeaderBytes < 0 || caplen >= quint32(pcap_snapshot(m_handle)))
        return -1;
    if (m_recordHeaderBytes > 0)
        return offset + m_recordHeaderBytes + qint64(caplen);
    const qint64 next = ftell(pcap_file(m_handle));
    const qint64 headerBytes = next - offset - qint64(caplen);
    m_recordHeaderBytes = headerBytes == 16 || headerBytes == 24 ? headerBytes : -1;
    return next;
}

// libpcap stopped at a later interface block it will not accept: read the file again with the own
// reader and pass over the packets already delivered.
ReadStatus PcapFileReader::switchToOwnReader()
{
    closeLibpcap();
    m_fallback = std::make_unique<PcapNgReader>();
    if (const auto failure = m_fallback->open(m_path)) {
        m_failure = *failure;
        return ReadStatus::Failed;
    }
    for (quint64 skipped = 0; skipped < m_delivered; ++skipped) {
        const ReadStatus status = m_fallback->next();
        if (status != ReadStatus::Packet) {
            m_failure = status == ReadStatus::Failed ? m_fallback->failure()
                                                     : CaptureFileFailure{CaptureFileError::Corrupt, m_fallback->position(),
                                                                          QStringLiteral("file changed while reading")};
            return ReadStatus::Failed;
        }
    }
    return next();
}

// libpcap reports DLT_ values; files (and PcapNgReader) speak LINKTYPE_ values. They differ only
// for raw IP (DLT_RAW is 12, or 14 on OpenBSD; LINKTYPE_RAW is 101).
int PcapFileReader::linkType() const
{
    const int dlt = pcap_datalink(m_handle);
    return dlt == DLT_RAW ? linktype::Raw : dlt;
}

qint64 PcapFileReader::position() const
{
    if (m_fallback)
        return m_fallback->position();
    return m_handle ? qint64(ftell(pcap_file(m_handle))) : 0;
}

void PcapFileReader::closeLibpcap()
{
    if (m_handle)
        pcap_close(m_handle);
    m_handle = nullptr;
}

} // namespace wslab::capture
