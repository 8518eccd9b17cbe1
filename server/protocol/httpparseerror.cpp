#include "httpparseerror.h"

#include <QtCore/qcoreapplication.h>

namespace wslab::protocol {

const char *httpParseErrorReason(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request line must be: method, space, target, space, HTTP version");
    case HttpParseError::InvalidMethod:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request method must be a token (is this TLS sent to a plain HTTP port?)");
    case HttpParseError::InvalidRequestTarget:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request target must be printable ASCII without spaces or '#'");
    case HttpParseError::InvalidHttpVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "HTTP version must look like HTTP/1.1");
    case HttpParseError::UnsupportedHttpVersion:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Only HTTP/1.x is supported, not HTTP/0.9 or HTTP/2 and later");
    case HttpParseError::MalformedStatusLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Status line must be: HTTP version, space, status code, space, reason phrase (may be empty)");
    case HttpParseError::InvalidStatusCode:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Status code must be three digits from 100 to 599");
    case HttpParseError::InvalidReasonPhrase:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Control character in the reason phrase");
    case HttpParseError::WhitespaceAfterStartLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Whitespace between the request line and the first header field");
    case HttpParseError::ObsoleteLineFolding:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header field continued on a new line (obsolete line folding)");
    case HttpParseError::MalformedHeaderLine:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header line without a colon");
    case HttpParseError::WhitespaceBeforeColon:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Whitespace between a header field name and the colon");
    case HttpParseError::InvalidHeaderName:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Header field name must be a non-empty token");
    case HttpParseError::InvalidHeaderValue:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Control character in a header field value");
    case HttpParseError::InvalidContentLength:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Content-Length must be one decimal number");
    case HttpParseError::UnsupportedTransferEncoding:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Transfer-Encoding is not supported; send Content-Length");
    case HttpParseError::HeadTooLarge:
        return QT_TRANSLATE_NOOP("wslab::protocol::HttpParseError", "Request head larger than the configured limit");
    }
    return "?";
}

const char *httpParseErrorName(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine: return "MalformedRequestLine";
    case HttpParseError::InvalidMethod: return "InvalidMethod";
    case HttpParseError::InvalidRequestTarget: return "InvalidRequestTarget";
    case HttpParseError::InvalidHttpVersion: return "InvalidHttpVersion";
    case HttpParseError::UnsupportedHttpVersion: return "UnsupportedHttpVersion";
    case HttpParseError::MalformedStatusLine: return "MalformedStatusLine";
    case HttpParseError::InvalidStatusCode: return "InvalidStatusCode";
    case HttpParseError::InvalidReasonPhrase: return "InvalidReasonPhrase";
    case HttpParseError::WhitespaceAfterStartLine: return "WhitespaceAfterStartLine";
    case HttpParseError::ObsoleteLineFolding: return "ObsoleteLineFolding";
    case HttpParseError::MalformedHeaderLine: return "MalformedHeaderLine";
    case HttpParseError::WhitespaceBeforeColon: return "WhitespaceBeforeColon";
    case HttpParseError::InvalidHeaderName: return "InvalidHeaderName";
    case HttpParseError::InvalidHeaderValue: return "InvalidHeaderValue";
    case HttpParseError::InvalidContentLength: return "InvalidContentLength";
    case HttpParseError::UnsupportedTransferEncoding: return "UnsupportedTransferEncoding";
    case HttpParseError::HeadTooLarge: return "HeadTooLarge";
    }
    return "?";
}

const char *httpParseErrorReference(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::MalformedRequestLine:
    case HttpParseError::InvalidMethod:
        return "RFC 9112 §3";
    case HttpParseError::InvalidRequestTarget:
        return "RFC 9112 §3.2";
    case HttpParseError::InvalidHttpVersion:
        return "RFC 9112 §2.3";
    case HttpParseError::UnsupportedHttpVersion:
        return "RFC 9110 §15.6.6";
    case HttpParseError::MalformedStatusLine:
    case HttpParseError::InvalidReasonPhrase:
        return "RFC 9112 §4";
    case HttpParseError::InvalidStatusCode:
        return "RFC 9110 §15";
    case HttpParseError::WhitespaceAfterStartLine:
        return "RFC 9112 §2.2";
    case HttpParseError::ObsoleteLineFolding:
        return "RFC 9112 §5.2";
    case HttpParseError::MalformedHeaderLine:
    case HttpParseError::WhitespaceBeforeColon:
    case HttpParseError::InvalidHeaderName:
        return "RFC 9112 §5.1";
    case HttpParseError::InvalidHeaderValue:
        return "RFC 9110 §5.5";
    case HttpParseError::InvalidContentLength:
        return "RFC 9112 §6.3";
    case HttpParseError::UnsupportedTransferEncoding:
        return "RFC 9110 §15.5.12";
    case HttpParseError::HeadTooLarge:
        return "RFC 6585 §5";
    }
    return "?";
}

int httpStatusFor(HttpParseError error) noexcept
{
    switch (error) {
    case HttpParseError::UnsupportedHttpVersion:
        return 505;
    case HttpParseError::UnsupportedTransferEncoding:
        return 411; // Length Required: what to send instead (RFC 9110 §15.5.12)
    case HttpParseError::HeadTooLarge:
        return 431;
    default:
        return 400;
    }
}

} // namespace wslab::protocol
