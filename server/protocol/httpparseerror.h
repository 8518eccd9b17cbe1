#pragma once

#include <QtGlobal>

namespace wslab::protocol {

// Every rule of RFC 9112 (HTTP/1.1 message syntax) a request or response head can break, one value
// per rule; httpStatusFor() is the one place that maps them to response statuses. HttpRequestParser
// and HttpResponseParser share the values of the rules they share (version, field lines, limit).
enum class HttpParseError : quint8 {
    // Request line (RFC 9112 §3)
    MalformedRequestLine,        // not "method SP request-target SP HTTP-version"
    InvalidMethod,               // the method is not a token (also: TLS sent to a plain HTTP port)
    InvalidRequestTarget,        // control characters, spaces, non-ASCII bytes or '#' in the target
    InvalidHttpVersion,          // not "HTTP/" DIGIT "." DIGIT (§2.3)
    UnsupportedHttpVersion,      // well-formed but not HTTP/1.x: HTTP/2+, or an HTTP/0.9 request
    // Status line (RFC 9112 §4): only in responses
    MalformedStatusLine,         // not "HTTP-version SP status-code SP [reason-phrase]"
    InvalidStatusCode,           // not three digits from 100 to 599 (RFC 9110 §15)
    InvalidReasonPhrase,         // control characters (other than HTAB) in the reason phrase
    // Field lines (RFC 9112 §2.2, §5)
    WhitespaceAfterStartLine,    // the first field line starts with whitespace (§2.2)
    ObsoleteLineFolding,         // a field line continues the previous one (obs-fold, §5.2)
    MalformedHeaderLine,         // a field line without a colon
    WhitespaceBeforeColon,       // "Host : x" (§5.1)
    InvalidHeaderName,           // the field name is empty or not a token
    InvalidHeaderValue,          // control characters (other than HTAB) in a field value
    // Message body framing (RFC 9112 §6): only in requests
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
// and 431 for HeadTooLarge (RFC 6585 §5). The status-line errors come only from reading a response,
// which nobody answers; they map to 400 like the other syntax errors.
[[nodiscard]] int httpStatusFor(HttpParseError error) noexcept;

// Where a head parser stands after reading everything received so far.
enum class HttpParseStatus : quint8 {
    Incomplete, // no error so far, the empty line ending the head has not arrived yet
    Complete,   // the head is valid; head.size bytes of the buffer belong to it
    Failed,     // an HttpParseError says which rule broke; the connection cannot continue
};

} // namespace wslab::protocol
