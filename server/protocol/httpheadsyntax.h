#pragma once

#include "httpheader.h"
#include "httpparseerror.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::protocol {

// The rules of RFC 9112 that request and response heads share, one implementation for
// HttpRequestParser and HttpResponseParser: only the start line differs (§3 and §4).

// RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. Sets both numbers when the
// text has that form. Anything with a major version other than 1 is a version we do not speak
// (HTTP/2.0 is what the HTTP/2 connection preface puts here, "HTTP/3" a guess at one).
[[nodiscard]] std::optional<HttpParseError> parseHttpVersion(QByteArrayView text, int &versionMajor,
                                                             int &versionMinor);

// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS, appended to `headers` when valid.
// `headers` holds the lines before this one: a first line starting with whitespace is
// WhitespaceAfterStartLine (§2.2), a later one ObsoleteLineFolding (§5.2).
[[nodiscard]] std::optional<HttpParseError> parseFieldLine(QByteArrayView line, QList<HttpHeader> &headers);

// Every byte is HTAB, SP, VCHAR or obs-text: what a field value (RFC 9110 §5.5) and a reason phrase
// (RFC 9112 §4) may hold. No other control byte, bare CR included.
[[nodiscard]] bool isHttpText(QByteArrayView text) noexcept;

} // namespace wslab::protocol
