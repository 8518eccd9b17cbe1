#pragma once

#include "httpheader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace wslab::protocol {

// An HTTP/1.x request line plus its field lines, in order and with repeats (RFC 9112 §3, §5).
// Field names are looked up case-insensitively (RFC 9110 §5.1).
struct HttpRequestHead
{
    QByteArray method;
    QByteArray target;        // the request-target as sent, not percent-decoded
    int versionMajor = 1;
    int versionMinor = 1;
    QList<HttpHeader> headers;
    qsizetype size = 0;       // bytes of the head on the wire, including the empty line ending it

    // headerValue(), headerValues(), headerCount() and headerHasToken() (httpheader.h) over `headers`:
    // "a, b" for two lines of `name`, every line apart, how many, and whether a list holds a token.
    [[nodiscard]] QByteArray value(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> values(QByteArrayView name) const;
    [[nodiscard]] qsizetype count(QByteArrayView name) const;
    [[nodiscard]] bool has(QByteArrayView name) const { return count(name) > 0; }
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

} // namespace wslab::protocol
