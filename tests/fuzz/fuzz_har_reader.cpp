// HarReader: a HAR file (JSON, as Chrome DevTools saves it) turned into records.
//   input: the file
// Properties: every record it hands over is counted in the result, the frames it reconstructs
// read back as frames, and an error says where.

#include "fuzzinput.h"

#include "capture/harreader.h"

#include "server/protocol/framedecoder.h"

using namespace wslab::capture;
using wslab::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    quint64 handed = 0;
    const HarReader::Result result = HarReader::read(json, [&handed](CaptureRecord &&record) {
        ++handed;
        if (record.kind == RecordKind::Frame) {
            require(record.frame.has_value(), "a frame record holds a frame");
            const auto again = wslab::protocol::FrameDecoder::readFrame(record.frame->wireBytes());
            require(again && again->header == record.frame->header, "a reconstructed frame reads back as itself");
        }
    });
    require(result.records == handed, "the result counts the records handed over");
    if (result.error)
        require(harErrorReason(*result.error)[0] != '?' && result.errorOffset <= qint64(size),
                "an error has a reason and a place in the file");
    (void)HarReader::looksLikeHar(json);
    return 0;
}
