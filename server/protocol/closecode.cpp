#include "closecode.h"

namespace wslab::protocol {

// The names are marked for translation (QtCore's QT_TRANSLATE_NOOP, a no-op here); the UI
// translates them with QCoreApplication::translate("wslab::protocol::CloseCode", name).
const char *closeCodeName(quint16 code) noexcept
{
    switch (code) {
    case 1000: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Normal Closure");
    case 1001: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Going Away");
    case 1002: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Protocol Error");
    case 1003: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Unsupported Data");
    case 1004: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Reserved");
    case 1005: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "No Status Received");
    case 1006: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Abnormal Closure");
    case 1007: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Invalid Frame Payload Data");
    case 1008: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Policy Violation");
    case 1009: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Message Too Big");
    case 1010: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Mandatory Extension");
    case 1011: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Internal Error");
    case 1012: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Service Restart");
    case 1013: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Try Again Later");
    case 1014: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Bad Gateway");
    case 1015: return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "TLS Handshake");
    default: break;
    }
    if (code >= 3000 && code <= 3999)
        return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Registered (library/framework)");
    if (code >= 4000 && code <= 4999)
        return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Private use");
    return QT_TRANSLATE_NOOP("wslab::protocol::CloseCode", "Reserved");
}

} // namespace wslab::protocol
