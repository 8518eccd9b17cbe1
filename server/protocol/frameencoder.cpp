#include "frameencoder.h"

#include "masking.h"

#include <QRandomGenerator>

#include <algorithm>

namespace wslab::protocol {

namespace {

// Writes the header into `out` (at least maxHeaderSize bytes) and returns its size.
int writeHeaderBytes(char *out, const FrameHeader &header) noexcept
{
    out[0] = char((header.fin ? 0x80 : 0) | (header.rsv1 ? 0x40 : 0) | (header.rsv2 ? 0x20 : 0)
                  | (header.rsv3 ? 0x10 : 0) | (quint8(header.opcode) & 0x0F));
    const char maskBit = header.masked ? char(0x80) : char(0);
    int size = 2;
    switch (header.lengthForm) {
    case LengthForm::Short7:
        out[1] = char(maskBit | char(header.payloadLength & 0x7F));
        break;
    case LengthForm::Extended16:
        out[1] = char(maskBit | 126);
        out[2] = char((header.payloadLength >> 8) & 0xFF);
        out[3] = char(header.payloadLength & 0xFF);
        size += 2;
        break;
    case LengthForm::Extended64:
        out[1] = char(maskBit | 127);
        for (int i = 0; i < 8; ++i)
            out[2 + i] = char((header.payloadLength >> (56 - 8 * i)) & 0xFF);
        size += 8;
        break;
    }
    if (header.masked) {
        std::copy(header.maskKey.begin(), header.maskKey.end(), out + size);
        size += 4;
    }
    return size;
}

FrameHeader minimalHeader(Opcode opcode, qsizetype payloadSize, bool fin, std::optional<MaskKey> maskKey, bool rsv1)
{
    FrameHeader header;
    header.fin = fin;
    header.rsv1 = rsv1;
    header.opcode = opcode;
    header.masked = maskKey.has_value();
    header.maskKey = maskKey.value_or(MaskKey{});
    header.payloadLength = quint64(payloadSize);
    header.lengthForm = minimalLengthForm(header.payloadLength);
    return header;
}

void appendFrame(QByteArray &out, const FrameHeader &header, QByteArrayView payload)
{
    char headerBytes[maxHeaderSize];
    const int headerSize = writeHeaderBytes(headerBytes, header);
    const qsizetype start = out.size();
    out.resize(start + headerSize + payload.size());
    char *destination = out.data() + start;
    std::copy_n(headerBytes, headerSize, destination);
    if (header.masked)
        copyMasked(payload.data(), destination + headerSize, payload.size(), header.maskKey);
    else if (!payload.isEmpty())
        std::copy_n(payload.data(), payload.size(), destination + headerSize);
}

} // namespace

QByteArray FrameEncoder::encode(Opcode opcode, QByteArrayView payload, bool fin, std::optional<MaskKey> maskKey, bool rsv1)
{
    QByteArray out;
    out.reserve(maxHeaderSize + payload.size());
    encodeInto(out, opcode, payload, fin, maskKey, rsv1);
    return out;
}

void FrameEncoder::encodeInto(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin,
                              std::optional<MaskKey> maskKey, bool rsv1)
{
    appendFrame(out, minimalHeader(opcode, payload.size(), fin, maskKey, rsv1), payload);
}

QList<QByteArray> FrameEncoder::fragment(Opcode opcode, QByteArrayView message, qsizetype fragmentSize,
                                         const QList<MaskKey> &maskKeys)
{
    fragmentSize = std::max<qsizetype>(fragmentSize, 1);
    const qsizetype count = std::max<qsizetype>(1, (message.size() + fragmentSize - 1) / fragmentSize);
    QList<QByteArray> frames;
    frames.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype offset = i * fragmentSize;
        const QByteArrayView piece = message.sliced(offset, std::min(fragmentSize, message.size() - offset));
        std::optional<MaskKey> key;
        if (!maskKeys.isEmpty())
            key = maskKeys.at(i % maskKeys.size());
        // RFC 6455 §5.4: the first frame names the type, the rest are continuations, the last has FIN.
        frames.append(encode(i == 0 ? opcode : Opcode::Continuation, piece, i == count - 1, key));
    }
    return frames;
}

QByteArray FrameEncoder::writeRaw(const FrameHeader &header, QByteArrayView payload)
{
    QByteArray out;
    out.reserve(maxHeaderSize + payload.size());
    appendFrame(out, header, payload);
    return out;
}

QByteArray FrameEncoder::writeHeader(const FrameHeader &header)
{
    char headerBytes[maxHeaderSize];
    const int size = writeHeaderBytes(headerBytes, header);
    return QByteArray(headerBytes, size);
}

QByteArray FrameEncoder::closePayload(std::optional<quint16> code, QByteArrayView reasonUtf8)
{
    QByteArray payload;
    if (!code)
        return payload;
    payload.reserve(2 + reasonUtf8.size());
    payload.append(char(*code >> 8));
    payload.append(char(*code & 0xFF));
    payload.append(reasonUtf8);
    return payload;
}

MaskKey FrameEncoder::randomMaskKey()
{
    const quint32 value = QRandomGenerator::system()->generate();
    return MaskKey{quint8(value >> 24), quint8(value >> 16), quint8(value >> 8), quint8(value)};
}

} // namespace wslab::protocol
