#include "httpresponseparser.h"

#include "httpheadsyntax.h"

#include <optional>

namespace wslab::protocol {

namespace {

constexpr QByteArrayView versionPrefix = "HTTP/";

// RFC 9112 §4: status-code = 3DIGIT; RFC 9110 §15: valid codes are 100 to 599.
std::optional<int> parseStatusCode(QByteArrayView text) noexcept
{
    if (text.size() != 3)
        return std::nullopt;
    int code = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        code = code * 10 + (c - '0');
    }
    if (code < 100 || code > 599)
        return std::nullopt;
    return code;
}

// RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ], single spaces; the
// second space is there even when the reason phrase is empty. The version is checked first so that
// the early check on an unfinished line agrees with this one.
std::optional<HttpParseError> parseStatusLine(QByteArrayView line, HttpResponseHead &head)
{
    if (line.isEmpty())
        return HttpParseError::MalformedStatusLine;
    const qsizetype firstSpace = line.indexOf(' ');
    const QByteArrayView version = firstSpace < 0 ? line : line.first(firstSpace);
    if (const auto error = parseHttpVersion(version, head.versionMajor, head.versionMinor))
        return error;
    if (firstSpace < 0)
        return HttpParseError::MalformedStatusLine;
    const QByteArrayView rest = line.sliced(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    const QByteArrayView code = secondSpace < 0 ? rest : rest.first(secondSpace);
    if (code.isEmpty())
        return HttpParseError::MalformedStatusLine;
    const std::optional<int> status = parseStatusCode(code);
    if (!status)
        return HttpParseError::InvalidStatusCode;
    if (secondSpace < 0)
        return HttpParseError::MalformedStatusLine;
    const QByteArrayView reason = rest.sliced(secondSpace + 1);
    if (!isHttpText(reason))
        return HttpParseError::InvalidReasonPhrase;
    head.status = *status;
    head.reasonPhrase = reason.toByteArray();
    return std::nullopt;
}

// Only "HTTP/" can be judged before the status line ends: anything else (an HTML page, a TLS
// alert, a server speaking another protocol) fails now instead of when the line ends. CR is left
// to the full check, since it may start the line's end.
std::optional<HttpParseError> checkUnfinishedStatusLine(QByteArrayView partial)
{
    const qsizetype judged = qMin(partial.size(), versionPrefix.size());
    for (qsizetype i = 0; i < judged && partial[i] != '\r'; ++i) {
        if (partial[i] != versionPrefix[i])
            return HttpParseError::InvalidHttpVersion;
    }
    return std::nullopt;
}

} // namespace

HttpResponseParseResult HttpResponseParser::parse(QByteArrayView buffer, qsizetype maxHeadSize)
{
    // Unlike a server, a client skips no empty lines before the status line.
    return parseHttpHead<HttpResponseParseResult>(
            buffer, maxHeadSize, false, parseStatusLine,
            [](QByteArrayView line, HttpResponseHead &head) { return parseFieldLine(line, head.headers); },
            checkUnfinishedStatusLine);
}

} // namespace wslab::protocol
