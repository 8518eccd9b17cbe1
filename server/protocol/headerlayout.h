#pragma once

#include "decodeerror.h"
#include "frameheader.h"

#include <QList>

namespace wslab::protocol {

// The fields of the RFC 6455 §5.2 diagram, in wire order.
enum class FieldId : quint8 {
    Fin,
    Rsv1,
    Rsv2,
    Rsv3,
    Opcode,
    Mask,
    PayloadLength,           // the 7-bit field
    ExtendedPayloadLength16, // present when the 7-bit field says 126
    ExtendedPayloadLength64, // present when the 7-bit field says 127
    MaskingKey,
    Payload,
};

struct HeaderField
{
    FieldId id = FieldId::Fin;
    qint64 bitOffset = 0; // from the first bit of the frame, most significant bit first
    qint64 bitLength = 0;
    quint64 value = 0; // the field's value as an unsigned number (key: big-endian 32 bits)

    [[nodiscard]] qint64 firstByte() const noexcept { return bitOffset / 8; }
    [[nodiscard]] qint64 lastByte() const noexcept { return (bitOffset + bitLength - 1) / 8; }
    [[nodiscard]] bool contains(qint64 bit) const noexcept
    {
        return bit >= bitOffset && bit < bitOffset + bitLength;
    }

    friend bool operator==(const HeaderField &, const HeaderField &) = default;
};

// RFC 6455 §5.2 as data: every field the header has, with its bit position and value, followed by
// the payload (value = payload length in bytes). The bit diagram and the hex view both draw from
// this; neither re-derives the layout.
[[nodiscard]] QList<HeaderField> headerLayout(const FrameHeader &header);

// The value the 7-bit length field holds on the wire (the length itself, 126 or 127).
[[nodiscard]] quint8 sevenBitLengthValue(const FrameHeader &header) noexcept;

[[nodiscard]] const char *fieldName(FieldId id) noexcept; // "FIN", "RSV1", "opcode", ...

// The header fields a broken rule is about: MASK for an unmasked client frame (§5.1), RSV1-3 for
// reserved bits, the opcode, FIN of a control frame, the length fields. Empty for the rules of the
// payload (UTF-8, the close payload, inflating).
[[nodiscard]] QList<FieldId> fieldsAtFault(DecodeError error);

} // namespace wslab::protocol
