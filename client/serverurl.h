#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace wslab::client {

// What can be wrong with the URL of the server to connect to. One line of why each; the UI
// translates them (context wslab::client::ServerUrlError).
enum class ServerUrlError : quint8 {
    NotAUrl,           // empty, or not of the form scheme://host[:port][/path][?query]
    UnsupportedScheme, // RFC 6455 §3: only ws:// and wss:// name a WebSocket server
    MissingHost,       // RFC 6455 §3: the host is required
    HasUserInfo,       // RFC 6455 §3 URIs carry no user name or password
    HasFragment,       // RFC 6455 §3: fragment identifiers MUST NOT be used
};

[[nodiscard]] const char *serverUrlErrorReason(ServerUrlError error) noexcept;
inline constexpr const char serverUrlErrorContext[] = "wslab::client::ServerUrlError";

// A WebSocket URI as a client uses it (RFC 6455 §3): where to connect and the resource name to ask
// for. QUrl reads the syntax (ports above 65535 and bad brackets included); this adds the rules
// RFC 6455 §3 puts on top of it.
struct ServerUrl
{
    bool secure = false; // wss://: TLS first (RFC 6455 §3 "secure" flag)
    QString host;        // a name or an address, IPv6 without brackets
    quint16 port = 0;    // 80 / 443 when the URL gives none
    QByteArray resourceName = "/"; // path and query, as the request line carries it (§4.1 item 2)

    [[nodiscard]] static std::variant<ServerUrl, ServerUrlError> parse(const QString &text);

    // The Host header's value (RFC 6455 §4.1 item 4): the port only when it is not the default.
    [[nodiscard]] QByteArray hostHeader() const;
    // "ws://host:port/path?query", the port always written.
    [[nodiscard]] QString toString() const;
};

} // namespace wslab::client
