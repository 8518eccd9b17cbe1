#pragma once

#include "httpheader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace wslab::protocol {

// An HTTP/1.x status line plus its field lines, in order and with repeats (RFC 9112 §4, §5): what a
// client reads, such as the server's answer to an upgrade request. Field names are looked up
// case-insensitively (RFC 9110 §5.1).
struct HttpResponseHead
{
    int versionMajor = 1;
    int versionMinor = 1;
    int status = 0;          // 100..599 (RFC 9110 §15)
    QByteArray reasonPhrase; // as sent, possibly empty; a client does not act on it (RFC 9112 §4)
    QList<HttpHeader> headers;
    qsizetype size = 0;      // bytes of the head on the wire, including the empty line ending it

    // headerValue(), headerValues(), headerCount() and headerHasToken() (httpheader.h) over `headers`,
    // as HttpRequestHead answers them.
    [[nodiscard]] QByteArray value(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> values(QByteArrayView name) const;
    [[nodiscard]] qsizetype count(QByteArrayView name) const;
    [[nodiscard]] bool has(QByteArrayView name) const { return count(name) > 0; }
    [[nodiscard]] bool hasToken(QByteArrayView name, QByteArrayView token) const;
};

} // namespace wslab::protocol
