#include "streamerror.h"

#include <QCoreApplication>

namespace wslab::capture {

const char *streamErrorName(StreamError error) noexcept
{
    switch (error) {
    case StreamError::BytesMissing: return "BytesMissing";
    case StreamError::HttpHeadInvalid: return "HttpHeadInvalid";
    case StreamError::HttpBodyInvalid: return "HttpBodyInvalid";
    case StreamError::UpgradeResponseInvalid: return "UpgradeResponseInvalid";
    case StreamError::ExtensionAgreementInvalid: return "ExtensionAgreementInvalid";
    case StreamError::UndecodableAfterError: return "UndecodableAfterError";
    case StreamError::InflateFailed: return "InflateFailed";
    }
    return "?";
}

const char *streamErrorReason(StreamError error) noexcept
{
    switch (error) {
    case StreamError::BytesMissing:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "Bytes of this direction were not captured; the rest of it cannot be decoded");
    case StreamError::HttpHeadInvalid:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "Not an HTTP/1.x message head (RFC 9112)");
    case StreamError::HttpBodyInvalid:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "A chunked body that breaks RFC 9112 §7.1");
    case StreamError::UpgradeResponseInvalid:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "The 101 response breaks RFC 6455 §4.1: a browser fails the connection");
    case StreamError::ExtensionAgreementInvalid:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "The permessage-deflate agreement in the 101 response cannot be read (RFC 7692 §7.1)");
    case StreamError::UndecodableAfterError:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "Bytes after a broken rule: counted, not decoded");
    case StreamError::InflateFailed:
        return QT_TRANSLATE_NOOP("wslab::capture::StreamError", "A compressed message could not be inflated (RFC 7692 §7.2.2)");
    }
    return "?";
}

} // namespace wslab::capture
