#include "opcode.h"

namespace wslab::protocol {

const char *opcodeName(Opcode opcode) noexcept
{
    static constexpr const char *names[16] = {
        "continuation", "text", "binary", "reserved 0x3", "reserved 0x4", "reserved 0x5",
        "reserved 0x6", "reserved 0x7", "close", "ping", "pong", "reserved 0xB",
        "reserved 0xC", "reserved 0xD", "reserved 0xE", "reserved 0xF",
    };
    return names[quint8(opcode) & 0x0F];
}

} // namespace wslab::protocol
