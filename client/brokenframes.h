#pragma once

#include "clientoutcome.h"

#include "server/protocol/decodeerror.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace wslab::client {

// Client frames broken on purpose, each breaking exactly one RFC 6455 rule a server must enforce,
// for poking a server: what it must do about each (fail the connection, with the close code the
// rule calls for, §7.1.7 and §7.4.1) and whether what it actually did met that.
enum class BrokenFrame : quint8 {
    Unmasked,          // §5.1: a client frame without MASK
    ReservedOpcode,    // §5.2: opcode 0x3
    ReservedBits,      // §5.2: RSV2 set with no extension that defines it
    InvalidUtf8,       // §8.1: a text message that is not UTF-8 (1007)
    FragmentedControl, // §5.5: a ping with FIN = 0
    ControlTooLong,    // §5.5: a ping with 126 bytes of payload
    NonMinimalLength,  // §5.2: 5 bytes of payload written in the 16-bit length form
    InvalidCloseCode,  // §7.4.1: close code 1005, which must never be on the wire
};

// What the server did after a broken frame, and how that measures up to RFC 6455.
enum class ServerVerdict : quint8 {
    Met,              // it failed the connection with the close code the rule calls for
    OtherCode,        // it closed, but with another code than the rule calls for
    DroppedWithoutClose, // it closed TCP without a close frame: §7.1.7 SHOULD send one first
    Ignored,          // it kept the connection open or closed normally: the rule was not enforced
};

class BrokenFrames
{
public:
    static constexpr char translationContext[] = "wslab::client::BrokenFrames";

    [[nodiscard]] static QList<BrokenFrame> all();
    // The bytes to send (masked with a fresh random key unless the preset is the unmasked one).
    [[nodiscard]] static QByteArray bytes(BrokenFrame preset);
    // The rule the server's parser must catch, and so the close code it must fail with.
    [[nodiscard]] static protocol::DecodeError brokenRule(BrokenFrame preset) noexcept;
    [[nodiscard]] static quint16 requiredCloseCode(BrokenFrame preset) noexcept;
    // English source strings (QT_TRANSLATE_NOOP in translationContext); translate for display.
    [[nodiscard]] static const char *title(BrokenFrame preset) noexcept;
    [[nodiscard]] static const char *requirement(BrokenFrame preset) noexcept;
    [[nodiscard]] static const char *verdictText(ServerVerdict verdict) noexcept;

    // Judges how the connection that sent `preset` ended.
    [[nodiscard]] static ServerVerdict judge(BrokenFrame preset, const ClientOutcome &outcome) noexcept;
};

} // namespace wslab::client
