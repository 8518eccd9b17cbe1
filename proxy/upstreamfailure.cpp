#include "upstreamfailure.h"

#include <QtGlobal>

namespace wslab::proxy {

const char *upstreamFailureReason(UpstreamFailure failure) noexcept
{
    switch (failure) {
    case UpstreamFailure::Refused:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the upstream refused the connection");
    case UpstreamFailure::HostNotFound:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the upstream's host name was not found");
    case UpstreamFailure::TimedOut:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the upstream did not answer in time");
    case UpstreamFailure::TlsFailed:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the TLS handshake with the upstream failed");
    case UpstreamFailure::ClosedEarly:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the upstream closed the connection at once");
    case UpstreamFailure::NetworkError:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamFailure", "the upstream could not be reached");
    }
    return "";
}

UpstreamFailure upstreamFailureFor(QAbstractSocket::SocketError error) noexcept
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return UpstreamFailure::Refused;
    case QAbstractSocket::HostNotFoundError: return UpstreamFailure::HostNotFound;
    case QAbstractSocket::SocketTimeoutError: return UpstreamFailure::TimedOut;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return UpstreamFailure::TlsFailed;
    case QAbstractSocket::RemoteHostClosedError: return UpstreamFailure::ClosedEarly;
    default: return UpstreamFailure::NetworkError;
    }
}

} // namespace wslab::proxy
