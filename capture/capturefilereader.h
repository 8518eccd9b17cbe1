#pragma once

#include "capturedpacket.h"
#include "capturerecord.h"
#include "tcpreassembler.h"
#include "trafficdissector.h"

#include <QSet>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace wslab::capture {

// Any capture file the app opens, as records: pcap and pcapng (tcpdump, Wireshark, and what the
// app saves) through TCP reassembly and the conversation dissector, HAR (Chrome DevTools) through
// the HAR reader. The format is recognised by the file's first bytes, never by its name. Records
// are handed over as they are made, so a file of any size is read in bounded memory; when the
// file goes bad part-way, everything before the bad byte has been handed over first.
class CaptureFileReader
{
public:
    enum class Format : quint8 { Unknown, Pcap, PcapNg, Har };

    struct Options
    {
        QSet<quint16> webSocketPorts; // "decode as": see TrafficDissector::Options
        ConversationDissector::Options conversation;
    };

    struct Result
    {
        Format format = Format::Unknown;
        std::optional<CaptureFileFailure> failure;
        bool cancelled = false;
        quint64 records = 0;
        quint64 packets = 0;
        TcpReassemblerStatistics statistics; // pcap and pcapng: the traffic that was not followed
    };

    using RecordHandler = std::function<void(CaptureRecord &&)>;
    using Progress = std::function<void(qint64 bytesRead, qint64 fileSize)>;

    [[nodiscard]] static Format detect(QByteArrayView firstBytes);
    [[nodiscard]] static Result read(const QString &path, const Options &options, const RecordHandler &handler,
                                     const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

private:
    static Result readHar(const QString &path, const RecordHandler &handler, const Progress &progress);
};

} // namespace wslab::capture
