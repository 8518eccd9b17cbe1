#include "httpresponse.h"

#include <QDateTime>
#include <QLocale>

namespace wslab::protocol {

namespace {

// RFC 9110 §6.4.1: no content in 1xx, 204 and 304 responses.
bool statusAllowsBody(int status) noexcept
{
    return status >= 200 && status != 204 && status != 304;
}

void appendHeader(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
}

QByteArray rejectionBody(int status, const char *reason, const char *reference)
{
    return QByteArray::number(status) + ' ' + reasonPhrase(status) + ": " + reason + " (" + reference
            + ")\n";
}

QByteArray buildPlainTextRejection(int status, const QList<HttpHeader> &headers, const QByteArray &body)
{
    QList<HttpHeader> all = headers;
    all.append(HttpHeader{"Content-Type", "text/plain; charset=utf-8"});
    return buildResponse(status, all, body, false);
}

} // namespace

const char *reasonPhrase(int status) noexcept
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large"; // RFC 9110 §15.5.14, was "Payload Too Large"
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large"; // RFC 6585 §5
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "";
    }
}

QByteArray buildResponse(int status, const QList<HttpHeader> &headers, QByteArrayView body, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const HttpHeader &header : headers)
        appendHeader(out, header.name, header.value);
    const bool withBody = statusAllowsBody(status);
    if (withBody && headerCount(headers, "Content-Length") == 0)
        appendHeader(out, "Content-Length", QByteArray::number(body.size()));
    if (!keepAlive && headerCount(headers, "Connection") == 0)
        appendHeader(out, "Connection", "close");
    out += "\r\n";
    if (withBody)
        out += body;
    return out;
}

QByteArray buildSwitchingProtocols(QByteArrayView accept, const QList<HttpHeader> &extraHeaders)
{
    QList<HttpHeader> headers{
        {"Upgrade", "websocket"},
        {"Connection", "Upgrade"},
        {"Sec-WebSocket-Accept", accept.toByteArray()},
    };
    headers += extraHeaders;
    return buildResponse(101, headers, {}, true);
}

QList<HttpHeader> rejectionHeadersFor(HandshakeError error)
{
    switch (httpStatusFor(error)) {
    case 405:
        return {{"Allow", "GET"}};
    case 426:
        // A sender of Upgrade also lists it in Connection (RFC 9110 §7.8); the connection still
        // closes after the response.
        return {{"Upgrade", "websocket"},
                {"Connection", "Upgrade, close"},
                {"Sec-WebSocket-Version", QByteArray::number(websocketVersion)}};
    default:
        return {};
    }
}

QByteArray buildRejection(HandshakeError error)
{
    const int status = httpStatusFor(error);
    return buildPlainTextRejection(status, rejectionHeadersFor(error),
                                   rejectionBody(status, handshakeErrorReason(error), handshakeErrorReference(error)));
}

QByteArray buildRejection(HttpParseError error)
{
    const int status = httpStatusFor(error);
    return buildPlainTextRejection(status, {},
                                   rejectionBody(status, httpParseErrorReason(error), httpParseErrorReference(error)));
}

QByteArray httpDate(const QDateTime &time)
{
    // The C locale: day and month names are fixed English tokens, not the user's language.
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
}

} // namespace wslab::protocol
