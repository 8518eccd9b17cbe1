#pragma once

#include "httprequesthead.h"

#include <QByteArrayView>

namespace wslab::protocol {

// Every rule of RFC 9112 (HTTP/1.1 message syntax) a request head can break, one value per rule;
// httpStatusFor() is the one place that maps them to response statuses.
enum class HttpParseError : quint8 {
    // Request line (RFC 9112 §3)
    MalformedRequestLine,        // not "method SP request-target SP HTTP-version"
    InvalidMethod,               // the method is not a token (also: TLS sent to a plain HTTP port)
    InvalidRequestTarget,        // control characters, spaces, non-ASCII bytes or '#' in the target
    InvalidHttpVersion,          // not "HTTP/" DIGIT "." DIGIT (§2.3)
    UnsupportedHttpVersion,      // well-formed but not HTTP/1.x: HTTP/2+, or an HTTP/0.9 request
    // Field lines (RFC 9112 §2.2, §5)
    WhitespaceAfterStartLine,    // the first field line starts with whitespace (§2.2)
    ObsoleteLineFolding,         // a field line continues the previous one (obs-fold, §5.2)
    MalformedHeaderLine,         // a field line without a colon
    WhitespaceBeforeColon,       // "Host : x" (§5.1)
    InvalidHeaderName,           // the field name is empty or not a token
    InvalidHeaderValue,          // control characters (other than HTAB) in a field value
    // Message body framing (RFC 9112 §6)
    InvalidContentLength,        // not digits, or repeats that disagree (§6.3)
    UnsupportedTransferEncoding, // chunked or other coded request bodies; this server wants a length
    // Limits
    HeadTooLarge,                // no end of the head within the configured size
};

[[nodiscard]] const char *httpParseErrorReason(HttpParseError error) noexcept; // one line, English
[[nodiscard]] const char *httpParseErrorName(HttpParseError error) noexcept;   // the enumerator's name
[[nodiscard]] const char *httpParseErrorReference(HttpParseError error) noexcept; // "RFC 9112 §5.2"
inline constexpr const char httpParseErrorContext[] = "wslab::protocol::HttpParseError";

// 400, except 505 for UnsupportedHttpVersion, 411 Length Required for UnsupportedTransferEncoding
// and 431 for HeadTooLarge (RFC 6585 §5).
[[nodiscard]] int httpStatusFor(HttpParseError error) noexcept;

struct HttpParseResult
{
    enum class Status : quint8 {
        Incomplete, // no error so far, the empty line ending the head has not arrived yet
        Complete,   // `head` is valid; head.size bytes of the buffer belong to it
        Failed,     // `error` says which rule broke; the connection cannot continue
    };

    Status status = Status::Incomplete;
    HttpRequestHead head;
    HttpParseError error = HttpParseError::MalformedRequestLine; // meaningful only when Failed
    qsizetype errorOffset = -1; // Failed: where the offending line starts in the buffer
};

// Parses an HTTP/1.x request head from everything received so far. A pure function of its input:
// the caller keeps the bytes and passes them again, longer, until the result is not Incomplete.
// Lines may end in CRLF or a bare LF (RFC 9112 §2.2 lets recipients accept both); empty lines
// before the request line are skipped (§2.2). Complete lines are checked as soon as they arrive,
// so a bad request fails before its end, and every prefix of a buffer gives Incomplete or the same
// result as the whole. A head that has not ended within `maxHeadSize` bytes fails with HeadTooLarge;
// one that ends exactly at the limit is accepted.
class HttpRequestParser
{
public:
    [[nodiscard]] static HttpParseResult parse(QByteArrayView buffer, qsizetype maxHeadSize);
};

} // namespace wslab::protocol
