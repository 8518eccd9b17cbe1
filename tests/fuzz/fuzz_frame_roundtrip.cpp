// Encode -> decode: every frame FrameEncoder writes is read back by FrameDecoder as the same frame,
// and a message cut into frames by fragment() is put together again by MessageAssembler.
// writeRaw() writes any header at all, and readFrame() reads it back as written.
//   input: [flags] [mask key: 4 bytes] [fragment size] payload
//   flags: bits 0-3 opcode, bit 4 FIN, bit 5 RSV1, bit 6 masked, bit 7 RSV2 for writeRaw

#include "fuzzinput.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/messageassembler.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

namespace {

QList<DecodedFrame> decodeAll(QByteArrayView wire, bool masked, std::optional<DecodeError> *error)
{
    FrameDecoder decoder(DecoderOptions{masked ? Role::Server : Role::Client, quint64(1) << 40, true});
    QList<DecodedFrame> frames;
    *error = decoder.feed(wire, frames);
    return frames;
}

void checkEncode(Opcode opcode, QByteArrayView payload, bool fin, bool rsv1, std::optional<MaskKey> key)
{
    const QByteArray wire = FrameEncoder::encode(opcode, payload, fin, key, rsv1);
    QByteArray into("prefix");
    FrameEncoder::encodeInto(into, opcode, payload, fin, key, rsv1);
    require(into == "prefix" + wire, "encodeInto() appends what encode() returns");

    std::optional<DecodeError> error;
    const QList<DecodedFrame> frames = decodeAll(wire, key.has_value(), &error);
    // The decoder refuses what RFC 6455 forbids; everything else must come back as written.
    const bool legal = !isReserved(opcode) && !(isControl(opcode) && (!fin || rsv1 || payload.size() > 125))
            && !(opcode == Opcode::Continuation && rsv1);
    require(legal == !error.has_value(), "the decoder refuses exactly the frames RFC 6455 forbids");
    if (!legal)
        return;
    require(frames.size() == 1, "one frame encoded, one frame decoded");
    const DecodedFrame &frame = frames.constFirst();
    require(frame.header.opcode == opcode && frame.header.fin == fin && frame.header.rsv1 == rsv1
                    && frame.header.masked == key.has_value() && frame.payload == payload
                    && frame.header.lengthForm == minimalLengthForm(quint64(payload.size())),
            "the decoded frame is the encoded one");
    if (key)
        require(frame.header.maskKey == *key, "the key comes back");
    require(frame.wireBytes() == wire, "the decoded frame's wire bytes are the encoded bytes");
}

void checkFragments(Opcode opcode, QByteArrayView message, qsizetype fragmentSize, MaskKey key)
{
    const QList<QByteArray> frames = FrameEncoder::fragment(opcode, message, fragmentSize, {key});
    MessageAssembler assembler;
    std::optional<Message> result;
    for (const QByteArray &wire : frames) {
        std::optional<DecodeError> error;
        QList<DecodedFrame> decoded = decodeAll(wire, true, &error);
        require(!error && decoded.size() == 1, "each fragment is one valid frame");
        AssemblyStep step = assembler.push(std::move(decoded.first()));
        if (step.kind == AssemblyStep::Kind::Failed) {
            require(step.error == DecodeError::InvalidUtf8 && opcode == Opcode::Text,
                    "only invalid text fails to assemble");
            return;
        }
        if (step.kind == AssemblyStep::Kind::MessageComplete) {
            require(!result, "one message");
            result = std::move(step.message);
        }
    }
    require(result && result->payload == message && result->opcode == opcode
                    && result->frameCount == frames.size(),
            "the fragments assemble to the message");
}

void checkRaw(FrameHeader header, QByteArrayView payload)
{
    header.payloadLength = quint64(payload.size());
    if (!lengthFitsForm(header.payloadLength, header.lengthForm))
        header.lengthForm = minimalLengthForm(header.payloadLength);
    const QByteArray wire = FrameEncoder::writeRaw(header, payload);
    require(FrameEncoder::writeHeader(header) == wire.first(header.size()), "writeHeader() is writeRaw()'s header");
    FrameHeader expected = header;
    if (!expected.masked)
        expected.maskKey = {}; // not written, so not read
    const std::optional<DecodedFrame> frame = FrameDecoder::readFrame(wire);
    require(frame && frame->header == expected && frame->payload == payload,
            "readFrame() reads back any header writeRaw() wrote");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 flags = input.takeByte();
    MaskKey key{};
    for (quint8 &byte : key)
        byte = input.takeByte();
    const qsizetype fragmentSize = input.takeByte() + 1;
    const QByteArrayView payload = input.rest();
    const auto opcode = Opcode(flags & 0x0F);
    const bool fin = flags & 0x10;
    const bool rsv1 = flags & 0x20;
    const bool masked = flags & 0x40;

    checkEncode(opcode, payload, fin, rsv1, masked ? std::optional(key) : std::nullopt);
    if (opcode == Opcode::Text || opcode == Opcode::Binary)
        checkFragments(opcode, payload, fragmentSize, key);

    FrameHeader header;
    header.fin = fin;
    header.rsv1 = rsv1;
    header.rsv2 = flags & 0x80;
    header.rsv3 = key[0] & 1;
    header.opcode = opcode;
    header.masked = masked;
    header.maskKey = key;
    constexpr LengthForm forms[] = {LengthForm::Short7, LengthForm::Extended16, LengthForm::Extended64};
    header.lengthForm = forms[key[1] % 3]; // not necessarily the minimal one
    checkRaw(header, payload);
    return 0;
}
