#include "httprequesthead.h"

#include <limits>

namespace wslab::protocol {

namespace {

bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

// RFC 9112 §6.3 / RFC 9110 §8.6: Content-Length = 1*DIGIT; nullopt if not that or if it overflows.
std::optional<qint64> parseDecimal(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 result = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return std::nullopt;
        const int digit = c - '0';
        if (result > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        result = result * 10 + digit;
    }
    return result;
}

// Nullopt for "absent", -1 for "invalid", the length otherwise.
std::optional<qint64> scanContentLength(const HttpRequestHead &head)
{
    const QList<QByteArray> lines = head.values("Content-Length");
    if (lines.isEmpty())
        return std::nullopt;
    std::optional<qint64> length;
    for (const QByteArray &line : lines) {
        // An empty list element still counts: "Content-Length: ," is not a length.
        for (const QByteArray &element : line.split(',')) {
            const std::optional<qint64> parsed = parseDecimal(trimmedOws(element));
            if (!parsed || (length && *length != *parsed))
                return -1;
            length = parsed;
        }
    }
    return length;
}

QByteArray decodeFormComponent(QByteArrayView text)
{
    QByteArray bytes = text.toByteArray();
    bytes.replace('+', ' ');
    return QByteArray::fromPercentEncoding(bytes);
}

} // namespace

QByteArray HttpRequestHead::value(QByteArrayView name) const
{
    return headerValue(headers, name);
}

QList<QByteArray> HttpRequestHead::values(QByteArrayView name) const
{
    return headerValues(headers, name);
}

qsizetype HttpRequestHead::count(QByteArrayView name) const
{
    return headerCount(headers, name);
}

bool HttpRequestHead::hasToken(QByteArrayView name, QByteArrayView token) const
{
    return headerHasToken(headers, name, token);
}

QByteArray HttpRequestHead::path() const
{
    QByteArrayView rest = target;
    // Absolute-form (RFC 9112 §3.2.2): skip "scheme://authority".
    if (const qsizetype scheme = rest.indexOf("://"); scheme > 0 && !rest.startsWith('/')) {
        rest = rest.sliced(scheme + 3);
        const qsizetype slash = rest.indexOf('/');
        const qsizetype question = rest.indexOf('?');
        if (slash < 0 || (question >= 0 && question < slash))
            return QByteArrayLiteral("/");
        rest = rest.sliced(slash);
    }
    const qsizetype question = rest.indexOf('?');
    return (question < 0 ? rest : rest.first(question)).toByteArray();
}

QByteArray HttpRequestHead::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.sliced(question + 1);
}

std::optional<QString> HttpRequestHead::queryValue(QByteArrayView key) const
{
    const QByteArray all = query();
    for (const QByteArray &pair : all.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView rawKey = equals < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(equals);
        if (rawKey.isEmpty() || decodeFormComponent(rawKey) != key)
            continue;
        if (equals < 0)
            return QString();
        return QString::fromUtf8(decodeFormComponent(QByteArrayView(pair).sliced(equals + 1)));
    }
    return std::nullopt;
}

std::optional<qint64> HttpRequestHead::contentLength() const
{
    const std::optional<qint64> length = scanContentLength(*this);
    if (length && *length < 0)
        return std::nullopt;
    return length;
}

bool HttpRequestHead::hasInvalidContentLength() const
{
    const std::optional<qint64> length = scanContentLength(*this);
    return length && *length < 0;
}

} // namespace wslab::protocol
