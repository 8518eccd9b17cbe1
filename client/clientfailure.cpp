#include "clientfailure.h"

namespace wslab::client {

const char *clientFailureReason(ClientFailure failure) noexcept
{
    switch (failure) {
    case ClientFailure::Refused:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server refused the connection");
    case ClientFailure::HostNotFound:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server's host name was not found");
    case ClientFailure::TimedOut:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server did not complete the handshake in time");
    case ClientFailure::TlsFailed:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the TLS handshake with the server failed");
    case ClientFailure::MalformedResponse:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server's answer is not an HTTP response");
    case ClientFailure::HandshakeRejected:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure",
                                 "the server's answer fails the opening handshake (RFC 6455 §4.1)");
    case ClientFailure::ProtocolViolation:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server broke the protocol");
    case ClientFailure::ClosedByServer:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server closed the connection");
    case ClientFailure::CloseNotAnswered:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server did not answer the close in time");
    case ClientFailure::ConnectionLost:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure",
                                 "the connection ended without a closing handshake (1006)");
    case ClientFailure::NetworkError:
        return QT_TRANSLATE_NOOP("wslab::client::ClientFailure", "the server could not be reached");
    }
    return "";
}

} // namespace wslab::client
