#pragma once

#include <QString>

#include <variant>

namespace wslab::proxy {

// What can be wrong with the URL of an upstream. One line of why each; the UI translates them
// (context wslab::proxy::UpstreamUrlError).
enum class UpstreamUrlError : quint8 {
    Empty,             // nothing was given
    NotAUrl,           // not of the form scheme://host[:port][/path]
    UnsupportedScheme, // only ws:// and wss:// name a WebSocket server (RFC 6455 §3)
    MissingHost,       // the authority names no host
    InvalidPort,       // the port is not a number from 1 to 65535
    HasUserInfo,       // RFC 6455 §3 URIs carry no user name or password
    HasFragment,       // RFC 6455 §3: fragment identifiers MUST NOT be used in WebSocket URIs
};

[[nodiscard]] const char *upstreamUrlErrorReason(UpstreamUrlError error) noexcept;
inline constexpr const char upstreamUrlErrorContext[] = "wslab::proxy::UpstreamUrlError";

// The upstream a proxy forwards to: ws://host[:port][/prefix] or wss://... (RFC 6455 §3). The
// default ports are 80 and 443. A path prefix other than "/" is put in front of every request
// target the proxy forwards.
struct UpstreamUrl
{
    bool secure = false; // wss://
    QString host;        // a name, an IPv4 address or an IPv6 address without brackets
    quint16 port = 0;
    QString pathPrefix;  // "" or "/api" (never ends with '/')

    [[nodiscard]] static std::variant<UpstreamUrl, UpstreamUrlError> parse(const QString &text);

    // "host:port" as a Host header names it (RFC 9112 §3.2; IPv6 in brackets).
    [[nodiscard]] QString hostHeader() const;
    // "ws://host:port/prefix", the port always written.
    [[nodiscard]] QString toString() const;
};

} // namespace wslab::proxy
