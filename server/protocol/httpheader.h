#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace wslab::protocol {

// One field line as it arrived: the name with its original case, the value without the optional
// whitespace around it (RFC 9112 §5.1).
struct HttpHeader
{
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

// Queries over the field lines of a request or response head, in order and with repeats. Field
// names compare case-insensitively (RFC 9110 §5.1). HttpRequestHead and HttpResponseHead answer
// their value(), values(), count() and hasToken() with these.

// The value of each line of `name`, in order, not split on commas.
[[nodiscard]] QList<QByteArray> headerValues(const QList<HttpHeader> &headers, QByteArrayView name);
// Every line of `name` combined into one value, joined by ", " (RFC 9110 §5.3); empty if absent.
[[nodiscard]] QByteArray headerValue(const QList<HttpHeader> &headers, QByteArrayView name);
[[nodiscard]] qsizetype headerCount(const QList<HttpHeader> &headers, QByteArrayView name);
// Does the comma-separated list in `name` hold `token` (case-insensitive)? "Connection:
// keep-alive, Upgrade" holds "upgrade"; "upgradefoo" does not.
[[nodiscard]] bool headerHasToken(const QList<HttpHeader> &headers, QByteArrayView name, QByteArrayView token);

// RFC 9110 §5.6.2: token = 1*tchar.
[[nodiscard]] bool isHttpTokenChar(char c) noexcept;
[[nodiscard]] bool isHttpToken(QByteArrayView text) noexcept;

// RFC 9110 §5.6.1: the elements of a comma-separated list, without the whitespace around them and
// without empty elements. Commas inside quoted strings do not split
// ("permessage-deflate; x=\"a,b\"" stays one element).
[[nodiscard]] QList<QByteArray> splitHeaderList(QByteArrayView value);

// RFC 9110 §5.6.3: strips SP and HTAB only (QByteArray::trimmed() would also eat CR, LF, VT, FF).
[[nodiscard]] QByteArrayView trimmedOws(QByteArrayView text) noexcept;

} // namespace wslab::protocol
