#include "capturefilereader.h"

#include "harreader.h"
#include "packetcapturereader.h"
#include "pcapfilereader.h"
#include "savedsessionreader.h"

#include <QFile>

namespace wslab::capture {

CaptureFileReader::Format CaptureFileReader::detect(QByteArrayView firstBytes)
{
    if (firstBytes.startsWith("\x0A\x0D\x0D\x0A"))
        return Format::PcapNg;
    if (PcapFileReader::looksLikeCapture(firstBytes))
        return Format::Pcap;
    if (HarReader::looksLikeHar(firstBytes))
        return Format::Har;
    return Format::Unknown;
}

CaptureFileReader::Result CaptureFileReader::read(const QString &path, const Options &options,
                                                  const RecordHandler &handler, const std::atomic_bool *cancel,
                                                  const Progress &progress)
{
    QFile file(path);
    Result result;
    if (file.open(QIODevice::ReadOnly))
        result.format = detect(file.peek(64));
    if (result.format == Format::Har)
        return readHar(path, handler, progress);
    if (result.format == Format::PcapNg && SavedSessionReader::isSavedSession(file.peek(256))) {
        const SavedSessionReader::Result saved = SavedSessionReader::read(path, handler, cancel, progress);
        result.failure = saved.failure;
        result.cancelled = saved.cancelled;
        result.records = saved.records;
        result.packets = saved.packets;
        return result;
    }

    // pcap, pcapng, and whatever is neither: the packet reader names the error (missing, empty,
    // not a capture file) with its offset.
    quint64 records = 0;
    TrafficDissector::Options dissection;
    dissection.conversation = options.conversation;
    dissection.webSocketPorts = options.webSocketPorts;
    TrafficDissector dissector(dissection, [&](CaptureRecord &&record) {
        ++records;
        handler(std::move(record));
    });
    PacketCaptureReader::Options reading;
    reading.reassembly.serverPorts = options.webSocketPorts;
    PacketCaptureReader reader(dissector, reading);
    const PacketCaptureReader::Result packets = reader.read(path, cancel, progress);
    result.failure = packets.failure;
    result.cancelled = packets.cancelled;
    result.packets = packets.packets;
    result.statistics = packets.statistics;
    result.records = records;
    return result;
}

CaptureFileReader::Result CaptureFileReader::readHar(const QString &path, const RecordHandler &handler,
                                                     const Progress &progress)
{
    Result result;
    result.format = Format::Har;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.failure = CaptureFileFailure{CaptureFileError::CannotOpen, 0, file.errorString()};
        return result;
    }
    const QByteArray json = file.readAll();
    if (progress)
        progress(json.size(), json.size());
    const HarReader::Result har = HarReader::read(json, handler);
    result.records = har.records;
    if (har.error) {
        const CaptureFileError error =
                *har.error == HarError::NotHar ? CaptureFileError::NotACaptureFile : CaptureFileError::Corrupt;
        result.failure = CaptureFileFailure{error, qMax<qint64>(har.errorOffset, 0),
                                            QStringLiteral("%1: %2").arg(QLatin1String(harErrorReason(*har.error)),
                                                                         har.detail)};
    }
    return result;
}

} // namespace wslab::capture
