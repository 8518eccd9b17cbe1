#pragma once

#include <QtGlobal>

namespace wslab::protocol {

// RFC 6455 §5.2: the opcode is four bits, so all sixteen values are modelled; the reserved ones
// must be nameable because the inspector shows them and the composer sends them on purpose.
enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    ReservedData3 = 0x3,
    ReservedData4 = 0x4,
    ReservedData5 = 0x5,
    ReservedData6 = 0x6,
    ReservedData7 = 0x7,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
    ReservedControlB = 0xB,
    ReservedControlC = 0xC,
    ReservedControlD = 0xD,
    ReservedControlE = 0xE,
    ReservedControlF = 0xF,
};

// RFC 6455 §5.5: control frames are those whose opcode has the most significant bit set.
[[nodiscard]] constexpr bool isControl(Opcode opcode) noexcept { return (quint8(opcode) & 0x8) != 0; }

[[nodiscard]] constexpr bool isReserved(Opcode opcode) noexcept
{
    const auto value = quint8(opcode);
    return (value >= 0x3 && value <= 0x7) || value >= 0xB;
}

[[nodiscard]] constexpr bool isData(Opcode opcode) noexcept { return !isControl(opcode) && !isReserved(opcode); }

[[nodiscard]] constexpr Opcode opcodeFromBits(quint8 bits) noexcept { return Opcode(bits & 0x0F); }

// Short English name ("text", "ping", "reserved 0x3"); not translated: it is protocol vocabulary.
[[nodiscard]] const char *opcodeName(Opcode opcode) noexcept;

} // namespace wslab::protocol
