#include "decodeerror.h"

#include "closecode.h"

#include <QtCore/qcoreapplication.h>

namespace wslab::protocol {

const char *decodeErrorReason(DecodeError error) noexcept
{
    switch (error) {
    case DecodeError::ReservedBitsSet:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "RSV bit set but no extension defines it");
    case DecodeError::ReservedOpcode:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Reserved opcode");
    case DecodeError::FragmentedControlFrame:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Control frame with FIN = 0 (control frames cannot be fragmented)");
    case DecodeError::ControlFrameTooLong:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Control frame payload longer than 125 bytes");
    case DecodeError::NonMinimalLength:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Payload length not encoded in the minimal number of bytes");
    case DecodeError::LengthTopBitSet:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "64-bit payload length with the most significant bit set");
    case DecodeError::FrameTooLarge:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Frame payload larger than the configured limit");
    case DecodeError::UnmaskedClientFrame:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Client frame is not masked");
    case DecodeError::MaskedServerFrame:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Server frame is masked");
    case DecodeError::ContinuationWithoutStart:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Continuation frame without a message in progress");
    case DecodeError::DataFrameInsideFragmentedMessage:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "New data frame before the fragmented message finished");
    case DecodeError::MessageTooLarge:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Message larger than the configured limit");
    case DecodeError::InvalidUtf8:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Text message is not valid UTF-8");
    case DecodeError::CloseFrameLengthOne:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Close frame payload of one byte");
    case DecodeError::InvalidCloseCode:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Close code not allowed on the wire");
    case DecodeError::InvalidCloseReasonUtf8:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Close reason is not valid UTF-8");
    case DecodeError::InflateFailed:
        return QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", "Compressed message does not inflate");
    }
    return "?";
}

const char *decodeErrorName(DecodeError error) noexcept
{
    switch (error) {
    case DecodeError::ReservedBitsSet: return "ReservedBitsSet";
    case DecodeError::ReservedOpcode: return "ReservedOpcode";
    case DecodeError::FragmentedControlFrame: return "FragmentedControlFrame";
    case DecodeError::ControlFrameTooLong: return "ControlFrameTooLong";
    case DecodeError::NonMinimalLength: return "NonMinimalLength";
    case DecodeError::LengthTopBitSet: return "LengthTopBitSet";
    case DecodeError::FrameTooLarge: return "FrameTooLarge";
    case DecodeError::UnmaskedClientFrame: return "UnmaskedClientFrame";
    case DecodeError::MaskedServerFrame: return "MaskedServerFrame";
    case DecodeError::ContinuationWithoutStart: return "ContinuationWithoutStart";
    case DecodeError::DataFrameInsideFragmentedMessage: return "DataFrameInsideFragmentedMessage";
    case DecodeError::MessageTooLarge: return "MessageTooLarge";
    case DecodeError::InvalidUtf8: return "InvalidUtf8";
    case DecodeError::CloseFrameLengthOne: return "CloseFrameLengthOne";
    case DecodeError::InvalidCloseCode: return "InvalidCloseCode";
    case DecodeError::InvalidCloseReasonUtf8: return "InvalidCloseReasonUtf8";
    case DecodeError::InflateFailed: return "InflateFailed";
    }
    return "?";
}

quint16 closeCodeFor(DecodeError error) noexcept
{
    switch (error) {
    case DecodeError::InvalidUtf8:
    case DecodeError::InvalidCloseReasonUtf8:
    case DecodeError::InflateFailed:
        return quint16(CloseCode::InvalidPayloadData);
    case DecodeError::FrameTooLarge:
    case DecodeError::MessageTooLarge:
        return quint16(CloseCode::MessageTooBig);
    default:
        return quint16(CloseCode::ProtocolError);
    }
}

} // namespace wslab::protocol
