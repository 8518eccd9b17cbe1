#pragma once

#include "capturedpacket.h"
#include "tcpreassembler.h"

#include <atomic>
#include <functional>
#include <optional>

namespace wslab::capture {

// Reads a pcap or pcapng file into a ConversationSink: PcapFileReader -> TcpReassembler (which
// decodes each packet) -> sink. Synchronous; a GUI runs it in a worker thread and cancels through
// the flag. Every connection the sink was told of is closed before read() returns, whatever the
// outcome.
class PacketCaptureReader
{
public:
    struct Options
    {
        TcpReassembler::Options reassembly;
        int checkInterval = 4096; // packets between progress reports and looks at the cancel flag
    };

    struct Result
    {
        std::optional<CaptureFileFailure> failure; // the first error; packets before it were read
        bool cancelled = false;
        quint64 packets = 0;
        qint64 firstTimeNs = 0;
        qint64 lastTimeNs = 0;
        TcpReassemblerStatistics statistics;
    };

    // (bytes of the file read so far, file size)
    using Progress = std::function<void(qint64 bytesRead, qint64 fileSize)>;

    explicit PacketCaptureReader(ConversationSink &sink);
    PacketCaptureReader(ConversationSink &sink, Options options);

    [[nodiscard]] Result read(const QString &path, const std::atomic_bool *cancel = nullptr,
                              const Progress &progress = {});

private:
    ConversationSink &m_sink;
    Options m_options;
};

} // namespace wslab::capture
