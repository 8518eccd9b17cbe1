#pragma once

#include <QtGlobal>

namespace wslab::protocol {

// RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number Registry".
enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    Reserved1004 = 1004,
    NoStatusReceived = 1005, // never on the wire: "no code was present"
    AbnormalClosure = 1006,  // never on the wire: "the connection dropped without a close frame"
    InvalidPayloadData = 1007,
    PolicyViolation = 1008,
    MessageTooBig = 1009,
    MandatoryExtension = 1010,
    InternalError = 1011,
    ServiceRestart = 1012,
    TryAgainLater = 1013,
    BadGateway = 1014,
    TlsHandshakeFailure = 1015, // never on the wire
};

// RFC 6455 §7.4.1/§7.4.2: may an endpoint put this code in a close frame? 1000-1003, 1007-1014
// (1012-1014 registered with IANA after the RFC), 3000-4999 (registered and private use).
[[nodiscard]] constexpr bool isValidWireCloseCode(quint16 code) noexcept
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
            || (code >= 3000 && code <= 4999);
}

// The registered name ("Normal Closure", "Protocol Error"), "Private use" for 4000-4999,
// "Registered (library/framework)" for 3000-3999, "Reserved" otherwise; the UI translates it with
// QCoreApplication::translate(closeCodeContext, name).
[[nodiscard]] const char *closeCodeName(quint16 code) noexcept;
inline constexpr const char closeCodeContext[] = "wslab::protocol::CloseCode";

} // namespace wslab::protocol
