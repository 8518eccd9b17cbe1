#pragma once

#include <QAbstractSocket>

namespace wslab::proxy {

// Why the upstream could not be reached before anything was relayed; the browser gets 502 Bad
// Gateway (RFC 9110 §15.6.3) with this reason. One line of why each; the UI translates them
// (context wslab::proxy::UpstreamFailure).
enum class UpstreamFailure : quint8 {
    Refused,        // nothing listens on the upstream's port
    HostNotFound,   // the upstream's name does not resolve
    TimedOut,       // no connection (or no TLS handshake) within the proxy's connect timeout
    TlsFailed,      // the TLS handshake failed: the certificate is not trusted or does not match
    ClosedEarly,    // the upstream accepted and closed before the connection was ready
    NetworkError,   // anything else the socket reports
};

[[nodiscard]] const char *upstreamFailureReason(UpstreamFailure failure) noexcept;
[[nodiscard]] UpstreamFailure upstreamFailureFor(QAbstractSocket::SocketError error) noexcept;
inline constexpr const char upstreamFailureContext[] = "wslab::proxy::UpstreamFailure";

} // namespace wslab::proxy
