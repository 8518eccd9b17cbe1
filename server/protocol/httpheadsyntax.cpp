#include "httpheadsyntax.h"

#include <algorithm>

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

} // namespace

std::optional<HttpParseError> parseHttpVersion(QByteArrayView text, int &versionMajor, int &versionMinor)
{
    if (!text.startsWith("HTTP/"))
        return HttpParseError::InvalidHttpVersion;
    const QByteArrayView number = text.sliced(5);
    if (number.size() == 3 && isDigit(number[0]) && number[1] == '.' && isDigit(number[2])) {
        versionMajor = number[0] - '0';
        versionMinor = number[2] - '0';
        if (versionMajor != 1)
            return HttpParseError::UnsupportedHttpVersion;
        return std::nullopt;
    }
    const bool majorOnly = !number.isEmpty()
            && std::all_of(number.begin(), number.end(), [](char c) { return isDigit(c); });
    if (majorOnly && number != "1")
        return HttpParseError::UnsupportedHttpVersion;
    return HttpParseError::InvalidHttpVersion;
}

std::optional<HttpParseError> parseFieldLine(QByteArrayView line, QList<HttpHeader> &headers)
{
    if (!line.isEmpty() && isOws(line.front())) {
        return headers.isEmpty() ? HttpParseError::WhitespaceAfterStartLine
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
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (!isHttpText(value))
        return HttpParseError::InvalidHeaderValue;
    headers.append({name.toByteArray(), value.toByteArray()});
    return std::nullopt;
}

bool isHttpText(QByteArrayView text) noexcept
{
    return std::none_of(text.begin(), text.end(), [](char c) {
        const auto byte = uchar(c);
        return (byte < 0x20 && c != '\t') || byte == 0x7f;
    });
}

} // namespace wslab::protocol
