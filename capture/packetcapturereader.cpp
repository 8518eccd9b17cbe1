#include "packetcapturereader.h"

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
    const int interval = qMax(1, m_options.checkInterval);
    for (;;) {
        const ReadStatus status = reader.next();
        if (status == ReadStatus::End)
            break;
        if (status == ReadStatus::Failed) {
            result.failure = reader.failure();
            break;
        }
        const CapturedPacket &packet = reader.packet();
        if (result.packets == 0)
            result.firstTimeNs = packet.timeNs;
        result.lastTimeNs = qMax(result.lastTimeNs, packet.timeNs);
        reassembler.addPacket(packet.linkType, packet.bytes, packet.originalLength, packet.timeNs);
        if (++result.packets % interval != 0)
            continue;
        if (progress)
            progress(reader.position(), reader.fileSize());
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            break;
        }
    }
    reassembler.finish(result.lastTimeNs);
    if (progress)
        progress(result.cancelled || result.failure ? reader.position() : reader.fileSize(), reader.fileSize());
    result.statistics = reassembler.statistics();
    return result;
}

} // namespace wslab::capture
