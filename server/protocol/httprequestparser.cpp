#include "httprequestparser.h"

#include "httpheadsyntax.h"

#include <optional>

namespace wslab::protocol {

namespace {

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
    return parseHttpVersion(version, head.versionMajor, head.versionMinor);
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

// RFC 9112 §5, then the framing rules this server adds for requests.
std::optional<HttpParseError> parseHeaderLine(QByteArrayView line, HttpRequestHead &head)
{
    if (const auto error = parseFieldLine(line, head.headers))
        return error;
    return checkFraming(head.headers.constLast(), head);
}

} // namespace

HttpParseResult HttpRequestParser::parse(QByteArrayView buffer, qsizetype maxHeadSize)
{
    // RFC 9112 §2.2: empty lines before the request line are ignored.
    return parseHttpHead<HttpParseResult>(buffer, maxHeadSize, true, parseRequestLine, parseHeaderLine,
                                          checkUnfinishedRequestLine);
}

} // namespace wslab::protocol
