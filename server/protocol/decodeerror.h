#pragma once

#include <QtGlobal>

namespace wslab::protocol {

// Every RFC 6455 rule an incoming stream can break, from the frame header up to the message and the
// close payload. One value per rule, so a test, a log line and the inspector can name exactly what
// went wrong; closeCodeFor() is the one place that maps them to close codes.
enum class DecodeError : quint8 {
    // Frame header (RFC 6455 §5.2)
    ReservedBitsSet,       // RSV1-3 set with no extension negotiated that defines them
    ReservedOpcode,        // opcode 0x3-0x7 or 0xB-0xF
    FragmentedControlFrame, // control frame with FIN = 0 (§5.5)
    ControlFrameTooLong,   // control frame payload > 125 bytes (§5.5)
    NonMinimalLength,      // length not in the minimal form (§5.2)
    LengthTopBitSet,       // 64-bit length with the most significant bit set (§5.2)
    FrameTooLarge,         // payload length above the configured limit (§10.4)
    UnmaskedClientFrame,   // a client frame without MASK (§5.1)
    MaskedServerFrame,     // a server frame with MASK (§5.1)
    // Message (RFC 6455 §5.4, §8.1)
    ContinuationWithoutStart,        // continuation frame with no message in progress
    DataFrameInsideFragmentedMessage, // text/binary frame before the previous message finished
    MessageTooLarge,                 // reassembled message above the configured limit (§10.4)
    InvalidUtf8,                     // text message that is not valid UTF-8 (§8.1)
    // Close frame payload (RFC 6455 §5.5.1, §7.4)
    CloseFrameLengthOne,   // a close payload of exactly one byte cannot hold a code
    InvalidCloseCode,      // a code that must not appear on the wire
    InvalidCloseReasonUtf8, // the close reason is not valid UTF-8
    // Extensions (RFC 7692)
    InflateFailed,         // permessage-deflate data that does not inflate
};

// One line of why, in English; marked with QT_TRANSLATE_NOOP("wslab::protocol::DecodeError", ...) so
// the UI translates it with QCoreApplication::translate(decodeErrorContext, reason).
[[nodiscard]] const char *decodeErrorReason(DecodeError error) noexcept;
[[nodiscard]] const char *decodeErrorName(DecodeError error) noexcept; // the enumerator's name
inline constexpr const char decodeErrorContext[] = "wslab::protocol::DecodeError";

// RFC 6455 §7.4.1: 1002 for protocol violations, 1007 for bad payload data, 1009 for too big.
[[nodiscard]] quint16 closeCodeFor(DecodeError error) noexcept;

} // namespace wslab::protocol
