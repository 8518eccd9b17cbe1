#include "httprequesthead.h"

#include <limits>

namespace wslab::protocol {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b) noexcept
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isOws(char c) noexcept
{
    return c == ' ' || c == '\t';
}

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
    return values(name).join(", ");
}

QList<QByteArray> HttpRequestHead::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const HttpHeader &header : headers) {
        if (sameName(header.name, name))
            result.append(header.value);
    }
    return result;
}

qsizetype HttpRequestHead::count(QByteArrayView name) const
{
    qsizetype result = 0;
    for (const HttpHeader &header : headers) {
        if (sameName(header.name, name))
            ++result;
    }
    return result;
}

bool HttpRequestHead::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const HttpHeader &header : headers) {
        if (!sameName(header.name, name))
            continue;
        for (const QByteArray &element : splitHeaderList(header.value)) {
            if (sameName(element, token))
                return true;
        }
    }
    return false;
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

bool isHttpTokenChar(char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isHttpToken(QByteArrayView text) noexcept
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isHttpTokenChar(c))
            return false;
    }
    return true;
}

QList<QByteArray> splitHeaderList(QByteArrayView value)
{
    QList<QByteArray> elements;
    bool quoted = false;
    bool escaped = false;
    qsizetype start = 0;
    const auto flush = [&](qsizetype end) {
        const QByteArrayView element = trimmedOws(value.sliced(start, end - start));
        if (!element.isEmpty())
            elements.append(element.toByteArray());
        start = end + 1;
    };
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (escaped) {
            escaped = false;
        } else if (quoted && c == '\\') {
            escaped = true; // RFC 9110 §5.6.4: quoted-pair
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            flush(i);
        }
    }
    flush(value.size());
    return elements;
}

QByteArrayView trimmedOws(QByteArrayView text) noexcept
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isOws(text[begin]))
        ++begin;
    while (end > begin && isOws(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin);
}

} // namespace wslab::protocol
