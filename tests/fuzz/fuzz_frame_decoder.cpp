// FrameDecoder (RFC 6455 §5.2) in either role, with RSV1 allowed or not, fed the same stream whole
// and cut into pieces.
//   input: [options] [splits] stream
//   options: bit 0 client role, bit 1 RSV1 allowed (permessage-deflate agreed), bits 2-3 frame limit,
//            bit 4 payloads shared (a capture's decoder)
// Properties: the pieces decode to the same frames and the same error as the whole; the frames'
// wire bytes are the stream, in order; readFrame() reads each frame back the same; shared payloads
// hold what unshared ones do, and stay so when one of them is changed.

#include "fuzzinput.h"

#include "server/protocol/framedecoder.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

namespace {

struct Decoded
{
    QList<DecodedFrame> frames;
    std::optional<DecodeError> error;
    QByteArray errorBytes;
};

bool sameFrame(const DecodedFrame &a, const DecodedFrame &b)
{
    return a.header == b.header && a.wireHeader() == b.wireHeader() && a.payload == b.payload;
}

Decoded decode(const DecoderOptions &options, const QList<QByteArrayView> &pieces)
{
    Decoded out;
    FrameDecoder decoder(options);
    for (const QByteArrayView piece : pieces) {
        out.error = decoder.feed(piece, out.frames);
        if (const auto partial = decoder.partialFrame()) {
            require(quint64(partial->payloadSoFar.size()) < partial->header->payloadLength,
                    "a partial frame holds less than its payload");
        }
        if (out.error)
            break;
    }
    require(out.error == decoder.error(), "feed() returns the decoder's error");
    out.errorBytes = decoder.errorBytes();
    if (out.error) {
        QList<DecodedFrame> more;
        require(decoder.feed("\x81\x80\0\0\0\0", more) == out.error && more.isEmpty(), "errors are sticky");
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    const QByteArrayView splits = input.takeSplits();
    const QByteArrayView stream = input.rest();
    constexpr quint64 limits[] = {16 * 1024 * 1024, 125, 126, 65536};
    DecoderOptions decoderOptions;
    decoderOptions.role = options & 1 ? Role::Client : Role::Server;
    decoderOptions.rsv1Allowed = options & 2;
    decoderOptions.maxFramePayload = limits[(options >> 2) & 3];
    decoderOptions.sharePayloads = options & 16;

    const Decoded whole = decode(decoderOptions, {stream});
    const Decoded pieces = decode(decoderOptions, wslab::fuzz::cut(stream, splits));
    require(whole.frames.size() == pieces.frames.size(), "the same number of frames whole and in pieces");
    for (qsizetype i = 0; i < whole.frames.size(); ++i)
        require(sameFrame(whole.frames.at(i), pieces.frames.at(i)), "the same frames whole and in pieces");
    require(whole.error == pieces.error && whole.errorBytes == pieces.errorBytes,
            "the same error whole and in pieces");

    qsizetype offset = 0;
    for (const DecodedFrame &frame : whole.frames) {
        const QByteArray wire = frame.wireBytes();
        require(stream.sliced(offset).startsWith(wire), "a frame's wire bytes are the stream's next bytes");
        offset += wire.size();
        const std::optional<DecodedFrame> again = FrameDecoder::readFrame(wire);
        require(again && sameFrame(*again, frame), "readFrame() reads a decoded frame back the same");
        require(frame.header.payloadLength <= decoderOptions.maxFramePayload, "no frame above the limit");
    }
    if (whole.error)
        require(stream.sliced(offset).startsWith(whole.errorBytes), "the error bytes follow the last frame");

    if (decoderOptions.sharePayloads) {
        DecoderOptions unshared = decoderOptions;
        unshared.sharePayloads = false;
        const Decoded plain = decode(unshared, {stream});
        require(plain.frames.size() == whole.frames.size() && plain.error == whole.error,
                "the same frames with payloads shared or not");
        for (qsizetype i = 0; i < whole.frames.size(); ++i)
            require(sameFrame(whole.frames.at(i), plain.frames.at(i)), "the same frames with payloads shared or not");
        // A changed payload detaches from its block: the others, and the original, stay as they were.
        QList<DecodedFrame> changed = whole.frames;
        for (DecodedFrame &frame : changed) {
            if (!frame.payload.isEmpty())
                frame.payload[0] = char(~frame.payload.at(0));
        }
        for (qsizetype i = 0; i < changed.size(); ++i) {
            QByteArray expected = plain.frames.at(i).payload;
            if (!expected.isEmpty())
                expected[0] = char(~expected.at(0));
            require(changed.at(i).payload == expected, "a changed payload holds the change");
            require(sameFrame(whole.frames.at(i), plain.frames.at(i)), "a change leaves the other payloads alone");
        }
    }
    return 0;
}
