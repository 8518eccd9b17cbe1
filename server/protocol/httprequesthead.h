#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace wslab::protocol {

// One field line as it arrived: the name with its original case, the value without the optional
// whitespace around it (RFC 9112 §5.1).
struct HttpHeader
{
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

// An HTTP/1.x request line plus its field lines, in order and with repeats (RFC 9112 §3, §5).
// Queries look field names up case-insensitively (RFC 9110 §5.1).
struct HttpRequestHead
{
    QByteArray method;
    QByteArray target;        // the request-target as sent, not percent-decoded
    int versionMajor = 1;
    int versionMinor = 1;
    QList<HttpHeader> headers;
    qsizetype size = 0;       // bytes of the head on the wire, including the empty line ending it

    // Every line of `name` combined into one value, joined by ", " (RFC 9110 §5.3); empty if absent.
    [[nodiscard]] QByteArray value(QByteArrayView name) const;
    // The value of each line of `name`, in order, not split on commas.
    [[nodiscard]] QList<QByteArray> values(QByteArrayView name) const;
    [[nodiscard]] qsizetype count(QByteArrayView name) const;
    [[nodiscard]] bool has(QByteArrayView name) const { return count(name) > 0; }
    // Does the comma-separated list in `name` hold `token` (case-insensitive)? "Connection:
    // keep-alive, Upgrade" holds "upgrade"; "upgradefoo" does not.
    [[nodiscard]] bool hasToken(QByteArrayView name, QByteArrayView token) const;

    // "/chat" for "/chat?room=1" and for "http://host/chat?room=1" (absolute-form, RFC 9112 §3.2.2).
    [[nodiscard]] QByteArray path() const;
    [[nodiscard]] QByteArray query() const; // after the first '?', still encoded; empty if none
    // The first value for `key` in the query, with %XX and '+' decoded (form encoding, as the
    // page's URLSearchParams writes it); nullopt if the key is absent.
    [[nodiscard]] std::optional<QString> queryValue(QByteArrayView key) const;

    // RFC 9112 §6.3: nullopt if absent or invalid. Repeats are accepted only if all are the same
    // number ("42, 42"); anything else is invalid, which hasInvalidContentLength() tells apart.
    [[nodiscard]] std::optional<qint64> contentLength() const;
    [[nodiscard]] bool hasInvalidContentLength() const;

    [[nodiscard]] bool isVersionAtLeast(int major, int minor) const noexcept
    {
        return versionMajor > major || (versionMajor == major && versionMinor >= minor);
    }
};

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
