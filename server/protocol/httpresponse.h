#pragma once

#include "handshake.h"
#include "httprequesthead.h"
#include "httprequestparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

QT_BEGIN_NAMESPACE
class QDateTime;
QT_END_NAMESPACE

namespace wslab::protocol {

// RFC 9110 §15: "OK", "Switching Protocols", "Upgrade Required" ... for the statuses this server
// sends (101, 200, 204, 301, 304, 400, 403, 404, 405, 408, 411, 413, 426, 431, 500, 501, 503,
// 505); an empty string otherwise, which RFC 9112 §4 allows.
[[nodiscard]] const char *reasonPhrase(int status) noexcept;

// "HTTP/1.1 <status> <reason>", the header fields in order, Content-Length (unless given in
// `headers`, as a HEAD response does, or the status forbids a body: 1xx, 204, 304, RFC 9110 §8.6),
// "Connection: close" unless `keepAlive` (or given), the empty line, then `body` (dropped for the
// statuses without one).
[[nodiscard]] QByteArray buildResponse(int status, const QList<HttpHeader> &headers, QByteArrayView body,
                                       bool keepAlive);

// RFC 6455 §4.2.2 step 5: the 101 response accepting an upgrade; `extraHeaders` carry the chosen
// Sec-WebSocket-Protocol and Sec-WebSocket-Extensions.
[[nodiscard]] QByteArray buildSwitchingProtocols(QByteArrayView accept, const QList<HttpHeader> &extraHeaders = {});

// The header fields a rejection needs beyond the generic ones: Allow: GET for 405 (RFC 9110
// §15.5.6); Upgrade, Connection and Sec-WebSocket-Version: 13 for 426 (RFC 9110 §15.5.22,
// RFC 6455 §4.2.2).
[[nodiscard]] QList<HttpHeader> rejectionHeadersFor(HandshakeError error);

// Complete responses that end the connection: status line, rejectionHeadersFor(), a UTF-8 plain
// text body naming the rule ("400 Bad Request: Sec-WebSocket-Key must be base64 of 16 bytes
// (RFC 6455 §4.2.1)"), Content-Length and "Connection: close".
[[nodiscard]] QByteArray buildRejection(HandshakeError error);
[[nodiscard]] QByteArray buildRejection(HttpParseError error);

// RFC 9110 §5.6.7 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT", for Date and Last-Modified.
[[nodiscard]] QByteArray httpDate(const QDateTime &time);

} // namespace wslab::protocol
