#include "packetcapturereader.h"

#include "packetloop.h"
#include "pcapfilereader.h"

namespace wslab::capture {

PacketCaptureReader::PacketCaptureReader(ConversationSink &sink)
    : PacketCaptureReader(sink, Options{})
{
}

PacketCaptureReader::PacketCaptureReader(ConversationSink &sink, Options options)
    : m_sink(sink)
    , m_options(std::move(options))
{
}

PacketCaptureReader::Result PacketCaptureReader::read(const QString &path, const std::atomic_bool *cancel,
                                                      const Progress &progress)
{
    Result result;
    PcapFileReader reader;
    if (auto failure = reader.open(path)) {
        result.failure = std::move(failure);
        return result;
    }
    TcpReassembler reassembler(m_sink, m_options.reassembly);
    const auto addPacket = [&](const CapturedPacket &packet) {
        if (result.packets == 0)
            result.firstTimeNs = packet.timeNs;
        result.lastTimeNs = qMax(result.lastTimeNs, packet.timeNs);
        reassembler.addPacket(packet.linkType, packet.bytes, packet.originalLength, packet.timeNs);
    };
    const auto reportProgress = [&] {
        if (progress)
            progress(reader.position(), reader.fileSize());
    };
    PacketLoopEnd end = forEachPacket(reader, m_options.checkInterval, cancel, result.packets, addPacket, reportProgress);
    result.failure = std::move(end.failure);
    result.cancelled = end.cancelled;
    reassembler.finish(result.lastTimeNs);
    if (progress)
        progress(result.cancelled || result.failure ? reader.position() : reader.fileSize(), reader.fileSize());
    result.statistics = reassembler.statistics();
    return result;
}

} // namespace wslab::capture
