#pragma once

#include "httprequesthead.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

#include <variant>

namespace wslab::protocol {

// The only protocol version this server speaks (RFC 6455 §4.2.1 item 6).
inline constexpr int websocketVersion = 13;

// Every RFC 6455 §4.2.1 rule a client's opening handshake can break, plus the origin policy (§10.2).
// httpStatusFor() is the one place that maps them to statuses; buildRejection() (httpresponse.h)
// adds the header fields each status needs.
enum class HandshakeError : quint8 {
    MethodNotGet,             // 405, with Allow: GET
    HttpVersionTooOld,        // 400: HTTP/1.0 cannot upgrade
    MissingHost,              // 400: no Host, or an empty one
    DuplicateHost,            // 400: RFC 9112 §3.2
    MissingUpgradeWebsocket,  // 426: Upgrade lacks the token "websocket"
    MissingConnectionUpgrade, // 400: Connection lacks the token "Upgrade"
    MissingKey,               // 400
    DuplicateKey,             // 400: RFC 6455 §11.3.1
    InvalidKey,               // 400: not the canonical base64 of 16 bytes
    MissingVersion,           // 426, with Sec-WebSocket-Version: 13
    UnsupportedVersion,       // 426, with Sec-WebSocket-Version: 13 (§4.2.2, §4.4)
    OriginNotAllowed,         // 403 (§4.2.2 item 4, §10.2)
};

[[nodiscard]] const char *handshakeErrorReason(HandshakeError error) noexcept; // one line, English
[[nodiscard]] const char *handshakeErrorName(HandshakeError error) noexcept;   // the enumerator's name
[[nodiscard]] const char *handshakeErrorReference(HandshakeError error) noexcept; // "RFC 6455 §4.2.1"
inline constexpr const char handshakeErrorContext[] = "wslab::protocol::HandshakeError";

[[nodiscard]] int httpStatusFor(HandshakeError error) noexcept;

// What a valid opening handshake asks for; the server decides what to grant.
struct UpgradeRequest
{
    QByteArray key;     // Sec-WebSocket-Key as sent (the accept is derived from the text)
    int version = websocketVersion;
    QByteArray host;
    QByteArray path;    // the resource name without the query (RFC 6455 §3)
    QByteArray target;  // the request-target as sent, query included
    QByteArray origin;  // lowercased (§4.2.2 item 4); empty if the client sent none
    QList<QByteArray> subprotocols;    // Sec-WebSocket-Protocol, in the client's order of preference
    QList<QByteArray> extensionOffers; // Sec-WebSocket-Extensions elements, parameters included:
                                       // "permessage-deflate; client_max_window_bits"
};

// Which Origins may open a WebSocket (cross-site WebSocket hijacking, RFC 6455 §10.2).
struct OriginPolicy
{
    QByteArray ownOrigin;       // the served page's origin, "http://127.0.0.1:8002"
    QStringList allowedOrigins; // more origins the user allowed, "https://example.com"
    bool allowAnyOrigin = false;
};

// RFC 6455 §4.2.1, checked in the order the RFC lists the rules; the first broken rule wins. This
// overload applies no origin policy, so it never returns OriginNotAllowed.
[[nodiscard]] std::variant<UpgradeRequest, HandshakeError> validateUpgradeRequest(const HttpRequestHead &head);
// The same, then isOriginAllowed() with `policy`.
[[nodiscard]] std::variant<UpgradeRequest, HandshakeError> validateUpgradeRequest(const HttpRequestHead &head,
                                                                                const OriginPolicy &policy);

// RFC 4648: exactly the canonical base64 text of 16 bytes (24 characters ending in "==").
[[nodiscard]] bool isValidWebSocketKey(QByteArrayView key);

// The origin policy as a pure function. Allowed: anything if `allowAny`; a missing (empty) Origin,
// since only browsers send one (§4.2.1 item 7) and the attack needs a browser; the own page's
// origin, where 127.0.0.1, localhost and [::1] stand for one another; every listed origin.
// Scheme and host compare case-insensitively and default ports (80, 443) may be left out; the
// opaque origin "null" matches only if listed.
[[nodiscard]] bool isOriginAllowed(QByteArrayView origin, QByteArrayView ownOrigin, const QStringList &allowed,
                                   bool allowAny);

} // namespace wslab::protocol
