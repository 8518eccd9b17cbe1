#pragma once

#include "clientfailure.h"

#include "server/protocol/closecode.h"
#include "server/protocol/decodeerror.h"
#include "server/protocol/deflateoffer.h"
#include "server/protocol/httpparseerror.h"
#include "server/protocol/upgraderesponse.h"

#include <QList>
#include <QString>

#include <optional>

namespace wslab::client {

// How a client connection ended, as values: the UI turns them into translated text.
struct ClientOutcome
{
    // None: a clean close, both close frames exchanged and the server's carrying 1000 or, when this
    // end closed first, echoing this end's code (or empty).
    std::optional<ClientFailure> failure;
    // The server's close frame, if one came: its code (none: an empty body, 1005) and reason.
    bool closeReceived = false;
    std::optional<quint16> serverCloseCode;
    QString serverCloseReason;
    // The close frame this end sent, if it sent one, and whether it went before the server's.
    std::optional<quint16> sentCloseCode;
    bool closedFirst = false;
    // The specifics of the failure, whichever applies.
    QList<protocol::UpgradeResponseError> handshakeErrors; // HandshakeRejected: every §4.1 check that broke
    std::optional<protocol::DeflateOfferError> deflateError; // HandshakeRejected: RFC 7692 §5, a bad answer
    std::optional<protocol::HttpParseError> responseError;  // MalformedResponse
    std::optional<protocol::DecodeError> protocolError;     // ProtocolViolation
    int httpStatus = 0;                                     // the status of the server's answer, if any
    QString socketError;                                    // the socket's own words, for network failures

    [[nodiscard]] bool isClean() const noexcept { return !failure.has_value(); }

    // The verdict when TCP ends with no failure so far: clean if the server closed with 1000, or
    // answered this end's close with its code or an empty body (RFC 6455 §5.5.1: "typically echoes
    // the status code it received"); ConnectionLost without a close from the server or, when this
    // end `mustHaveClosed`, without one from this end; ClosedByServer for any other code.
    [[nodiscard]] std::optional<ClientFailure> closingVerdict(bool mustHaveClosed = false) const noexcept
    {
        if (!closeReceived || (mustHaveClosed && !sentCloseCode))
            return ClientFailure::ConnectionLost;
        const bool echoed = closedFirst && (!serverCloseCode || serverCloseCode == sentCloseCode);
        if (serverCloseCode == quint16(protocol::CloseCode::Normal) || echoed)
            return std::nullopt;
        return ClientFailure::ClosedByServer;
    }
};

} // namespace wslab::client
