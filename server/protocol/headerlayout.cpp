#include "headerlayout.h"

namespace wslab::protocol {

quint8 sevenBitLengthValue(const FrameHeader &header) noexcept
{
    switch (header.lengthForm) {
    case LengthForm::Short7: return quint8(header.payloadLength & 0x7F);
    case LengthForm::Extended16: return 126;
    case LengthForm::Extended64: return 127;
    }
    return 0;
}

QList<HeaderField> headerLayout(const FrameHeader &header)
{
    QList<HeaderField> fields;
    fields.reserve(11);
    qint64 bit = 0;
    auto add = [&](FieldId id, qint64 bits, quint64 value) {
        fields.append(HeaderField{id, bit, bits, value});
        bit += bits;
    };
    // RFC 6455 §5.2, left to right, most significant bit first.
    add(FieldId::Fin, 1, header.fin);
    add(FieldId::Rsv1, 1, header.rsv1);
    add(FieldId::Rsv2, 1, header.rsv2);
    add(FieldId::Rsv3, 1, header.rsv3);
    add(FieldId::Opcode, 4, quint8(header.opcode));
    add(FieldId::Mask, 1, header.masked);
    add(FieldId::PayloadLength, 7, sevenBitLengthValue(header));
    if (header.lengthForm == LengthForm::Extended16)
        add(FieldId::ExtendedPayloadLength16, 16, header.payloadLength & 0xFFFF);
    else if (header.lengthForm == LengthForm::Extended64)
        add(FieldId::ExtendedPayloadLength64, 64, header.payloadLength);
    if (header.masked) {
        const auto &k = header.maskKey;
        add(FieldId::MaskingKey, 32, quint64(k[0]) << 24 | quint64(k[1]) << 16 | quint64(k[2]) << 8 | k[3]);
    }
    // Bits, so a payload near 2^63 bytes would not fit: cap the span, the value keeps the length.
    const quint64 payloadBits = header.payloadLength > (quint64(1) << 59) ? (quint64(1) << 62)
                                                                          : header.payloadLength * 8;
    add(FieldId::Payload, qint64(payloadBits), header.payloadLength);
    return fields;
}

const char *fieldName(FieldId id) noexcept
{
    switch (id) {
    case FieldId::Fin: return "FIN";
    case FieldId::Rsv1: return "RSV1";
    case FieldId::Rsv2: return "RSV2";
    case FieldId::Rsv3: return "RSV3";
    case FieldId::Opcode: return "opcode";
    case FieldId::Mask: return "MASK";
    case FieldId::PayloadLength: return "payload len";
    case FieldId::ExtendedPayloadLength16: return "extended payload length (16)";
    case FieldId::ExtendedPayloadLength64: return "extended payload length (64)";
    case FieldId::MaskingKey: return "masking key";
    case FieldId::Payload: return "payload";
    }
    return "?";
}

QList<FieldId> fieldsAtFault(DecodeError error)
{
    switch (error) {
    case DecodeError::ReservedBitsSet:
        return {FieldId::Rsv1, FieldId::Rsv2, FieldId::Rsv3};
    case DecodeError::ReservedOpcode:
    case DecodeError::ContinuationWithoutStart:
    case DecodeError::DataFrameInsideFragmentedMessage:
        return {FieldId::Opcode};
    case DecodeError::FragmentedControlFrame:
        return {FieldId::Fin};
    case DecodeError::ControlFrameTooLong:
    case DecodeError::NonMinimalLength:
    case DecodeError::LengthTopBitSet:
    case DecodeError::FrameTooLarge:
    case DecodeError::MessageTooLarge:
        return {FieldId::PayloadLength, FieldId::ExtendedPayloadLength16, FieldId::ExtendedPayloadLength64};
    case DecodeError::UnmaskedClientFrame:
    case DecodeError::MaskedServerFrame:
        return {FieldId::Mask};
    case DecodeError::InvalidUtf8:
    case DecodeError::CloseFrameLengthOne:
    case DecodeError::InvalidCloseCode:
    case DecodeError::InvalidCloseReasonUtf8:
    case DecodeError::InflateFailed:
        break;
    }
    return {};
}

} // namespace wslab::protocol
