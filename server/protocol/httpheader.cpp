#include "httpheader.h"

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

} // namespace

QList<QByteArray> headerValues(const QList<HttpHeader> &headers, QByteArrayView name)
{
    QList<QByteArray> result;
    for (const HttpHeader &header : headers) {
        if (sameName(header.name, name))
            result.append(header.value);
    }
    return result;
}

QByteArray headerValue(const QList<HttpHeader> &headers, QByteArrayView name)
{
    return headerValues(headers, name).join(", ");
}

qsizetype headerCount(const QList<HttpHeader> &headers, QByteArrayView name)
{
    qsizetype result = 0;
    for (const HttpHeader &header : headers) {
        if (sameName(header.name, name))
            ++result;
    }
    return result;
}

bool headerHasToken(const QList<HttpHeader> &headers, QByteArrayView name, QByteArrayView token)
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

bool isHttpTokenChar(char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
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
