#include "httprequestparser.h"

#include <QtCore/qcoreapplication.h>

#include <algorithm>
#include <optional>

namespace wslab::protocol {

namespace {

bool isOws(char c) noexcept
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

bool isControl(char c) noexcept
{
    const auto byte = uchar(c);
    return byte < 0x20 || byte == 0x7f;
}

// RFC 9112 §3.2 / RFC 3986: a target is printable ASCII without spaces; a fragment is never sent.
bool isValidTarget(QByteArrayView target) noexcept
{
    for (const char c : target) {
        const auto byte = uchar(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '#')
            return false;
    }
    return true;
}

// RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. Anything with a number
// other than 1 as its major version is understood as a version we do not speak (HTTP/2.0 is what
// the HTTP/2 connection preface puts here, "HTTP/3" a guess at one).
std::optional<HttpParseError> parseVersion(QByteArrayView version, HttpRequestHead &head)
{
    if (!version.startsWith("HTTP/"))
        return HttpParseError::InvalidHttpVersion;
    const QByteArrayView number = version.sliced(5);
    if (number.size() == 3 && isDigit(number[0]) && number[1] == '.' && isDigit(number[2])) {
        head.versionMajor = number[0] - '0';
        head.versionMinor = number[2] - '0';
        if (head.versionMajor != 1)
            return HttpParseError::UnsupportedHttpVersion;
        return std::nullopt;
    }
    const bool majorOnly = !number.isEmpty()
            && std::all_of(number.begin(), number.end(), [](char c) { return isDigit(c); });
    if (majorOnly && number != "1")
        return HttpParseError::UnsupportedHttpVersion;
    return HttpParseError::InvalidHttpVersion;
}

// RFC 9112 §3: request-line = method SP request-target SP HTTP-version, single spaces. The method
// is checked first so that the early check on an unfinished line agrees with this one.
std::optional<HttpParseError> parseRequestLine(QByteArrayView line, HttpRequestHead &head)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const QByteArrayView method = firstSpace < 0 ? line : line.first(firstSpace);
    if (!isHttpToken(method))
        return HttpParseError::InvalidMethod;
    if (firstSpace < 0)
        return HttpParseError::MalformedRequestLine;
    const QByteArrayView rest = line.sliced(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    const QByteArrayView target = secondSpace < 0 ? rest : rest.first(secondSpace);
    if (target.isEmpty())
        return HttpParseError::MalformedRequestLine;
    if (!isValidTarget(target))
        return HttpParseError::InvalidRequestTarget;
    if (secondSpace < 0)
        return HttpParseError::UnsupportedHttpVersion; // "GET /path": an HTTP/0.9 simple request
    const QByteArrayView version = rest.sliced(secondSpace + 1);
    if (version.contains(' '))
        return HttpParseError::MalformedRequestLine;
    head.method = method.toByteArray();
    head.target = target.toByteArray();
    return parseVersion(version, head);
}

// Only the method can be judged before the request line ends: a byte that is neither a token
// character nor the space after it fails now (the first bytes of a TLS ClientHello, for one)
// instead of after a timeout. CR is left to the full check, since it may start the line's end.
std::optional<HttpParseError> checkUnfinishedRequestLine(QByteArrayView partial)
{
    for (const char c : partial) {
        if (c == ' ')
            break;
        if (c != '\r' && !isHttpTokenChar(c))
            return HttpParseError::InvalidMethod;
    }
    return std::nullopt;
}

// RFC 9112 §6.1, §6.3: the body framing this server understands is Content-Length alone. Each line
// is judged with the lines before it, so the verdict does not depend on where the buffer ends.
std::optional<HttpParseError> checkFraming(const HttpHeader &header, const HttpRequestHead &head)
{
    if (header.name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
        return HttpParseError::UnsupportedTransferEncoding;
    if (header.name.compare("Content-Length", Qt::CaseInsensitive) == 0 && head.hasInvalidContentLength())
        return HttpParseError::InvalidContentLength;
    return std::nullopt;
}

// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS.
std::optional<HttpParseError> parseHeaderLine(QByteArrayView line, HttpRequestHead &head)
{
    if (isOws(line.front())) {
        return head.headers.isEmpty() ? HttpParseError::WhitespaceAfterStartLine
                                      : HttpParseError::ObsoleteLineFolding;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return HttpParseError::MalformedHeaderLine;
    const QByteArrayView name = line.first(colon);
    if (!name.isEmpty() && isOws(name.back()))
        return HttpParseError::WhitespaceBeforeColon;
    if (!isHttpToken(name))
        return HttpParseError::InvalidHeaderName;
    // RFC 9110 §5.5: field-vchar and obs-text are allowed, HTAB inside, no other control byte.
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    for (const char c : value) {
        if (isControl(c) && c != '\t')
            return HttpParseError::InvalidHeaderValue;
    }
    head.headers.append({name.toByteArray(), value.toByteArray()});
    return checkFraming(head.headers.constLast(), head);
}

HttpParseResult failed(HttpParseError error, qsizetype offset)
{
    HttpParseResult result;
    result.status = HttpParseResult::Status::Failed;
    result.error = error;
    result.errorOffset = offset;
    return result;
}

} // namespace

HttpParseResult HttpRequestParser::parse(QByteArrayView buffer, qsizetype maxHeadSize)
{
    // Only the first maxHeadSize bytes can belong to an acceptable head.
    const QByteArrayView window = buffer.first(qBound(qsizetype(0), maxHeadSize, buffer.size()));
    HttpRequestHead head;
    bool haveRequestLine = false;
    qsizetype lineStart = 0;
    for (qsizetype lineFeed = window.indexOf('\n'); lineFeed >= 0;
         lineStart = lineFeed + 1, lineFeed = window.indexOf('\n', lineStart)) {
        QByteArrayView line = window.sliced(lineStart, lineFeed - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!haveRequestLine) {
            if (line.isEmpty())
                continue; // RFC 9112 §2.2: empty lines before the request line are ignored
            if (const auto error = parseRequestLine(line, head))
                return failed(*error, lineStart);
            haveRequestLine = true;
        } else if (line.isEmpty()) {
            head.size = lineFeed + 1;
            HttpParseResult result;
            result.status = HttpParseResult::Status::Complete;
            result.head = std::move(head);
            return result;
        } else if (const auto error = parseHeaderLine(line, head)) {
            return failed(*error, lineStart);
        }
    }
    if (!haveRequestLine) {
        if (const auto error = checkUnfinishedRequestLine(window.sliced(lineStart)))
            return failed(*error, lineStart);
    }
    if (buffer.size() >= maxHeadSize)
        return failed(HttpParseError::HeadTooLarge, 0);
    return {};
}

const char *httpParseErrorReason(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request line must be: method, space, target, space, HTTP version");
    case HttpParseError::InvalidMethod:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request method must be a token (is this TLS sent to a plain HTTP port?)");
    case HttpParseError::InvalidRequestTarget:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request target must be printable ASCII without spaces or '#'");
    case HttpParseError::InvalidHttpVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "HTTP version must look like HTTP/1.1");
    case HttpParseError::UnsupportedHttpVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Only HTTP/1.x is supported, not HTTP/0.9 or HTTP/2 and later");
    case HttpParseError::WhitespaceAfterStartLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Whitespace between the request line and the first header field");
    case HttpParseError::ObsoleteLineFolding:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header field continued on a new line (obsolete line folding)");
    case HttpParseError::MalformedHeaderLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header line without a colon");
    case HttpParseError::WhitespaceBeforeColon:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Whitespace between a header field name and the colon");
    case HttpParseError::InvalidHeaderName:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header field name must be a non-empty token");
    case HttpParseError::InvalidHeaderValue:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Control character in a header field value");
    case HttpParseError::InvalidContentLength:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Content-Length must be one decimal number");
    case HttpParseError::UnsupportedTransferEncoding:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Transfer-Encoding is not supported; send Content-Length");
    case HttpParseError::HeadTooLarge:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request head larger than the configured limit");
    }
    return "?";
}

const char *httpParseErrorName(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine: return "MalformedRequestLine";
    case HttpParseError::InvalidMethod: return "InvalidMethod";
    case HttpParseError::InvalidRequestTarget: return "InvalidRequestTarget";
    case HttpParseError::InvalidHttpVersion: return "InvalidHttpVersion";
    case HttpParseError::UnsupportedHttpVersion: return "UnsupportedHttpVersion";
    case HttpParseError::WhitespaceAfterStartLine: return "WhitespaceAfterStartLine";
    case HttpParseError::ObsoleteLineFolding: return "ObsoleteLineFolding";
    case HttpParseError::MalformedHeaderLine: return "MalformedHeaderLine";
    case HttpParseError::WhitespaceBeforeColon: return "WhitespaceBeforeColon";
    case HttpParseError::InvalidHeaderName: return "InvalidHeaderName";
    case HttpParseError::InvalidHeaderValue: return "InvalidHeaderValue";
    case HttpParseError::InvalidContentLength: return "InvalidContentLength";
    case HttpParseError::UnsupportedTransferEncoding: return "UnsupportedTransferEncoding";
    case HttpParseError::HeadTooLarge: return "HeadTooLarge";
    }
    return "?";
}

const char *httpParseErrorReference(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine:
    case HttpParseError::InvalidMethod:
        return "RFC 9112 §3";
    case HttpParseError::InvalidRequestTarget:
        return "RFC 9112 §3.2";
    case HttpParseError::InvalidHttpVersion:
        return "RFC 9112 §2.3";
    case HttpParseError::UnsupportedHttpVersion:
        return "RFC 9110 §15.6.6";
    case HttpParseError::WhitespaceAfterStartLine:
        return "RFC 9112 §2.2";
    case HttpParseError::ObsoleteLineFolding:
        return "RFC 9112 §5.2";
    case HttpParseError::MalformedHeaderLine:
    case HttpParseError::WhitespaceBeforeColon:
    case HttpParseError::InvalidHeaderName:
        return "RFC 9112 §5.1";
    case HttpParseError::InvalidHeaderValue:
        return "RFC 9110 §5.5";
    case HttpParseError::InvalidContentLength:
        return "RFC 9112 §6.3";
    case HttpParseError::UnsupportedTransferEncoding:
        return "RFC 9110 §15.5.12";
    case HttpParseError::HeadTooLarge:
        return "RFC 6585 §5";
    }
    return "?";
}

int httpStatusFor(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::UnsupportedHttpVersion:
        return 505;
    case HttpParseError::UnsupportedTransferEncoding:
        return 411; // Length Required: what to send instead (RFC 9110 §15.5.12)
    case HttpParseError::HeadTooLarge:
        return 431;
    default:
        return 400;
    }
}

} // namespace wslab::protocol
