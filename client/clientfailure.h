#pragma once

#include <QtGlobal>

namespace wslab::client {

// Why a client connection did not end with a clean closing handshake (both close frames exchanged,
// the server's carrying 1000). One line of why each; the UI translates them (context
// wslab::client::ClientFailure) and adds the detail the connection gives (the check, the rule, the
// code).
enum class ClientFailure : quint8 {
    Refused,            // nothing listens on the server's port
    HostNotFound,       // the server's name does not resolve
    TimedOut,           // no connection, TLS session or 101 answer within the handshake timeout
    TlsFailed,          // the TLS handshake failed: the certificate is not trusted or does not match
    MalformedResponse,  // the answer to the upgrade request is not an HTTP response head (RFC 9112)
    HandshakeRejected,  // the answer fails a check of RFC 6455 §4.1: the client fails the connection
    ProtocolViolation,  // a server frame broke an RFC 6455 rule: the client closed with its code (§7.1.7)
    ClosedByServer,     // the server closed with a code other than 1000 Normal Closure
    CloseNotAnswered,   // the server did not answer this end's close within the close timeout
    ConnectionLost,     // TCP ended without a closing handshake (§7.1.5: 1006)
    NetworkError,       // anything else the socket reports
};

[[nodiscard]] const char *clientFailureReason(ClientFailure failure) noexcept;
inline constexpr const char clientFailureContext[] = "wslab::client::ClientFailure";

} // namespace wslab::client
