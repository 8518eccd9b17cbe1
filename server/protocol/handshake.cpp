#include "handshake.h"

#include <QtCore/qcoreapplication.h>

#include <algorithm>
#include <optional>

namespace wslab::protocol {

namespace {

std::optional<HandshakeError> checkRequestLineAndHost(const HttpRequestHead &head)
{
    if (head.method != "GET") // RFC 9110 §9.1: methods are case-sensitive
        return HandshakeError::MethodNotGet;
    if (!head.isVersionAtLeast(1, 1))
        return HandshakeError::HttpVersionTooOld;
    const QList<QByteArray> hosts = head.values("Host");
    if (hosts.size() > 1)
        return HandshakeError::DuplicateHost;
    if (hosts.isEmpty() || hosts.constFirst().isEmpty())
        return HandshakeError::MissingHost;
    return std::nullopt;
}

std::optional<HandshakeError> checkUpgradeFields(const HttpRequestHead &head)
{
    if (!head.hasToken("Upgrade", "websocket"))
        return HandshakeError::MissingUpgradeWebsocket;
    if (!head.hasToken("Connection", "Upgrade"))
        return HandshakeError::MissingConnectionUpgrade;
    const QList<QByteArray> keys = head.values("Sec-WebSocket-Key");
    if (keys.isEmpty())
        return HandshakeError::MissingKey;
    if (keys.size() > 1)
        return HandshakeError::DuplicateKey;
    if (!isValidWebSocketKey(keys.constFirst()))
        return HandshakeError::InvalidKey;
    if (!head.has("Sec-WebSocket-Version"))
        return HandshakeError::MissingVersion;
    // Repeated lines join to "13, 13", which is not "13" either (§11.3.5: at most once).
    if (head.value("Sec-WebSocket-Version") != QByteArray::number(websocketVersion))
        return HandshakeError::UnsupportedVersion;
    return std::nullopt;
}

UpgradeRequest describeRequest(const HttpRequestHead &head)
{
    UpgradeRequest request;
    request.key = head.value("Sec-WebSocket-Key");
    request.host = head.value("Host");
    request.path = head.path();
    request.target = head.target;
    request.origin = head.value("Origin").toLower();
    request.subprotocols = splitHeaderList(head.value("Sec-WebSocket-Protocol"));
    request.extensionOffers = splitHeaderList(head.value("Sec-WebSocket-Extensions"));
    return request;
}

// RFC 6454 §6.2: an origin serializes as scheme "://" host [ ":" port ].
struct Origin
{
    QByteArray scheme;
    QByteArray host;
    QByteArray port; // empty for the scheme's default

    friend bool operator==(const Origin &, const Origin &) = default;
};

QByteArrayView defaultPort(QByteArrayView scheme)
{
    if (scheme == "http" || scheme == "ws")
        return "80";
    if (scheme == "https" || scheme == "wss")
        return "443";
    return {};
}

std::optional<Origin> parseOrigin(QByteArrayView text)
{
    text = trimmedOws(text);
    if (text.endsWith('/'))
        text.chop(1); // "https://example.com/" as typed into a settings field
    const qsizetype separator = text.indexOf("://");
    if (separator <= 0)
        return std::nullopt;
    Origin origin;
    origin.scheme = text.first(separator).toByteArray().toLower();
    QByteArrayView authority = text.sliced(separator + 3);
    if (authority.contains('/') || authority.contains('@'))
        return std::nullopt;
    // An IPv6 literal keeps its brackets; a port can only follow the closing one.
    qsizetype hostEnd = 0;
    if (authority.startsWith('[')) {
        hostEnd = authority.indexOf(']');
        if (hostEnd < 0)
            return std::nullopt;
    }
    if (const qsizetype colon = authority.indexOf(':', hostEnd); colon >= 0) {
        origin.port = authority.sliced(colon + 1).toByteArray();
        authority = authority.first(colon);
        if (origin.port.isEmpty() || !std::all_of(origin.port.cbegin(), origin.port.cend(),
                                                  [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        if (origin.port == defaultPort(origin.scheme))
            origin.port.clear();
    }
    origin.host = authority.toByteArray().toLower();
    if (origin.host.isEmpty())
        return std::nullopt;
    return origin;
}

bool isLoopbackName(QByteArrayView host)
{
    return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

// The page the app serves is reachable as 127.0.0.1, localhost or [::1]; all of them are "us".
bool isOwnOrigin(const Origin &origin, QByteArrayView ownOrigin)
{
    const std::optional<Origin> own = parseOrigin(ownOrigin);
    if (!own || own->scheme != origin.scheme || own->port != origin.port)
        return false;
    return own->host == origin.host || (isLoopbackName(own->host) && isLoopbackName(origin.host));
}

bool isListed(QByteArrayView origin, const std::optional<Origin> &parsed, const QStringList &allowed)
{
    for (const QString &entry : allowed) {
        const QByteArray text = entry.trimmed().toUtf8();
        if (text.compare(origin, Qt::CaseInsensitive) == 0)
            return true; // also covers the opaque origin "null", which does not parse
        if (parsed && parseOrigin(text) == parsed)
            return true;
    }
    return false;
}

} // namespace

std::variant<UpgradeRequest, HandshakeError> validateUpgradeRequest(const HttpRequestHead &head)
{
    if (const auto error = checkRequestLineAndHost(head))
        return *error;
    if (const auto error = checkUpgradeFields(head))
        return *error;
    return describeRequest(head);
}

std::variant<UpgradeRequest, HandshakeError> validateUpgradeRequest(const HttpRequestHead &head,
                                                                   const OriginPolicy &policy)
{
    auto result = validateUpgradeRequest(head);
    if (std::holds_alternative<UpgradeRequest>(result)
        && !isOriginAllowed(head.value("Origin"), policy.ownOrigin, policy.allowedOrigins, policy.allowAnyOrigin))
        return HandshakeError::OriginNotAllowed;
    return result;
}

bool isValidWebSocketKey(QByteArrayView key)
{
    const QByteArray text = key.toByteArray();
    const auto decoded = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    // Re-encoding rejects what a lenient decoder lets through: missing padding, non-zero pad bits.
    return decoded && decoded.decoded.size() == 16 && decoded.decoded.toBase64() == text;
}

bool isOriginAllowed(QByteArrayView origin, QByteArrayView ownOrigin, const QStringList &allowed, bool allowAny)
{
    origin = trimmedOws(origin);
    if (allowAny || origin.isEmpty())
        return true;
    const std::optional<Origin> parsed = parseOrigin(origin);
    if (parsed && isOwnOrigin(*parsed, ownOrigin))
        return true;
    return isListed(origin, parsed, allowed);
}

const char *handshakeErrorReason(HandshakeError error) noexcept
{
    switch (error) {
    case HandshakeError::MethodNotGet:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "The opening handshake must be a GET request");
    case HandshakeError::HttpVersionTooOld:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "The opening handshake needs HTTP/1.1 or later");
    case HandshakeError::MissingHost:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Host header field missing or empty");
    case HandshakeError::DuplicateHost:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "More than one Host header field");
    case HandshakeError::MissingUpgradeWebsocket:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Upgrade header field must contain the token \"websocket\"");
    case HandshakeError::MissingConnectionUpgrade:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Connection header field must contain the token \"Upgrade\"");
    case HandshakeError::MissingKey:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Sec-WebSocket-Key header field missing");
    case HandshakeError::DuplicateKey:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "More than one Sec-WebSocket-Key header field");
    case HandshakeError::InvalidKey:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Sec-WebSocket-Key must be base64 of 16 bytes");
    case HandshakeError::MissingVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Sec-WebSocket-Version header field missing (this server speaks 13)");
    case HandshakeError::UnsupportedVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Sec-WebSocket-Version must be 13");
    case HandshakeError::OriginNotAllowed:
        return QT_TRANSLATE_NOOP("wslab::protocol::HandshakeError", "Origin not allowed to open a WebSocket here");
    }
    return "?";
}

const char *handshakeErrorName(HandshakeError error) noexcept
{
    switch (error) {
    case HandshakeError::MethodNotGet: return "MethodNotGet";
    case HandshakeError::HttpVersionTooOld: return "HttpVersionTooOld";
    case HandshakeError::MissingHost: return "MissingHost";
    case HandshakeError::DuplicateHost: return "DuplicateHost";
    case HandshakeError::MissingUpgradeWebsocket: return "MissingUpgradeWebsocket";
    case HandshakeError::MissingConnectionUpgrade: return "MissingConnectionUpgrade";
    case HandshakeError::MissingKey: return "MissingKey";
    case HandshakeError::DuplicateKey: return "DuplicateKey";
    case HandshakeError::InvalidKey: return "InvalidKey";
    case HandshakeError::MissingVersion: return "MissingVersion";
    case HandshakeError::UnsupportedVersion: return "UnsupportedVersion";
    case HandshakeError::OriginNotAllowed: return "OriginNotAllowed";
    }
    return "?";
}

const char *handshakeErrorReference(HandshakeError error) noexcept
{
    switch (error) {
    case HandshakeError::DuplicateHost:
        return "RFC 9112 §3.2";
    case HandshakeError::DuplicateKey:
        return "RFC 6455 §11.3.1";
    case HandshakeError::UnsupportedVersion:
        return "RFC 6455 §4.2.2";
    case HandshakeError::OriginNotAllowed:
        return "RFC 6455 §10.2";
    default:
        return "RFC 6455 §4.2.1";
    }
}

int httpStatusFor(HandshakeError error) noexcept
{
    switch (error) {
    case HandshakeError::MethodNotGet:
        return 405;
    case HandshakeError::MissingUpgradeWebsocket: // RFC 9110 §15.5.22: "Upgrade Required"
    case HandshakeError::MissingVersion:
    case HandshakeError::UnsupportedVersion:      // RFC 6455 §4.2.2 /version/
        return 426;
    case HandshakeError::OriginNotAllowed:
        return 403;
    default:
        return 400;
    }
}

} // namespace wslab::protocol
