#pragma once

#include "opcode.h"

#include <array>

namespace wslab::protocol {

// RFC 6455 §5.2: the three ways to write the payload length.
enum class LengthForm : quint8 {
    Short7,     // 0..125 in the 7-bit field
    Extended16, // 126 in the 7-bit field, the length in the next 16 bits
    Extended64, // 127 in the 7-bit field, the length in the next 64 bits (top bit zero)
};

using MaskKey = std::array<quint8, 4>;

inline constexpr int maxHeaderSize = 14;
inline constexpr quint64 maxControlPayload = 125; // RFC 6455 §5.5

// Every value the header carries, as read from (or to be written to) the wire. The MASK bit is kept
// apart from the key because an all-zero key is legal and still means "masked".
struct FrameHeader
{
    bool fin = true;
    bool rsv1 = false;
    bool rsv2 = false;
    bool rsv3 = false;
    Opcode opcode = Opcode::Text;
    bool masked = false;
    MaskKey maskKey{};
    quint64 payloadLength = 0;
    LengthForm lengthForm = LengthForm::Short7;

    [[nodiscard]] int size() const noexcept;
    [[nodiscard]] bool hasReservedBits() const noexcept { return rsv1 || rsv2 || rsv3; }

    friend bool operator==(const FrameHeader &, const FrameHeader &) = default;
};

// The form an encoder must use (RFC 6455 §5.2: "the minimal number of bytes MUST be used").
[[nodiscard]] constexpr LengthForm minimalLengthForm(quint64 payloadLength) noexcept
{
    if (payloadLength <= 125)
        return LengthForm::Short7;
    if (payloadLength <= 0xFFFF)
        return LengthForm::Extended16;
    return LengthForm::Extended64;
}

[[nodiscard]] constexpr int extendedLengthSize(LengthForm form) noexcept
{
    switch (form) {
    case LengthForm::Short7: return 0;
    case LengthForm::Extended16: return 2;
    case LengthForm::Extended64: return 8;
    }
    return 0;
}

[[nodiscard]] constexpr int headerSize(LengthForm form, bool masked) noexcept
{
    return 2 + extendedLengthSize(form) + (masked ? 4 : 0);
}

// Does the 7-bit field plus extension hold this length in this form at all?
[[nodiscard]] constexpr bool lengthFitsForm(quint64 payloadLength, LengthForm form) noexcept
{
    switch (form) {
    case LengthForm::Short7: return payloadLength <= 125;
    case LengthForm::Extended16: return payloadLength <= 0xFFFF;
    case LengthForm::Extended64: return payloadLength <= 0x7FFF'FFFF'FFFF'FFFFull;
    }
    return false;
}

[[nodiscard]] const char *lengthFormName(LengthForm form) noexcept; // "7-bit", "7+16-bit", "7+64-bit"

} // namespace wslab::protocol
