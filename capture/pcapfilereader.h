#pragma once

#include "capturedpacket.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

struct pcap;

namespace wslab::capture {

class PcapNgReader;

// Reads the packets of a pcap or pcapng file, with nanosecond times, through libpcap; falls back to
// PcapNgReader for valid pcapng files libpcap refuses (interfaces of different link types). The
// format is told by the file's first bytes, never by its name. Everything before a bad record is
// delivered first; then next() says Failed and failure() names the record's byte offset.
class PcapFileReader
{
public:
    enum class Format : quint8 { Pcap, PcapNg };

    PcapFileReader();
    ~PcapFileReader();
    PcapFileReader(const PcapFileReader &) = delete;
    PcapFileReader &operator=(const PcapFileReader &) = delete;

    // True when `firstBytes` (at least 4) start like a pcap (µs or ns, either byte order) or a
    // pcapng file: what a caller needs to choose this reader among other file formats.
    [[nodiscard]] static bool looksLikeCapture(QByteArrayView firstBytes);

    [[nodiscard]] std::optional<CaptureFileFailure> open(const QString &path);
    [[nodiscard]] ReadStatus next();

    [[nodiscard]] const CapturedPacket &packet() const noexcept { return m_packet; }
    [[nodiscard]] const CaptureFileFailure &failure() const noexcept { return m_failure; }
    [[nodiscard]] Format format() const noexcept { return m_format; }
    [[nodiscard]] qint64 fileSize() const noexcept { return m_fileSize; }
    [[nodiscard]] qint64 position() const; // bytes consumed so far, for progress
    [[nodiscard]] bool usesOwnPcapNgReader() const noexcept { return m_fallback != nullptr; }

private:
    ReadStatus nextFromLibpcap();
    ReadStatus switchToOwnReader();
    // Where the record after one at `offset` with `caplen` bytes starts; -1 when ftell() must say.
    [[nodiscard]] qint64 nextRecordOffset(qint64 offset, quint32 caplen);
    void closeLibpcap();
    [[nodiscard]] int linkType() const;

    pcap *m_handle = nullptr;
    std::unique_ptr<PcapNgReader> m_fallback;
    QString m_path;
    Format m_format = Format::Pcap;
    qint64 m_fileSize = 0;
    quint64 m_delivered = 0;
    qint64 m_nextOffset = -1; // of the next record, when known without ftell()
    qint64 m_recordHeaderBytes = 0; // of a pcap's records, once seen; -1: not one size
    CapturedPacket m_packet;
    CaptureFileFailure m_failure;
};

} // namespace wslab::capture
