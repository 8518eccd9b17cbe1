#pragma once

#include "httpresponsehead.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace wslab::protocol {

// Every check RFC 6455 §4.1 asks a client to make of the server's answer to its opening handshake;
// a browser fails the WebSocket connection when any of them breaks. The handshake view names the
// ones that broke, for instance when the handshake lab answers wrongly on purpose.
enum class UpgradeResponseError : quint8 {
    StatusNot101,             // any other status: the upgrade did not happen
    MissingUpgradeWebsocket,  // Upgrade absent, or not "websocket" (ASCII case-insensitive)
    MissingConnectionUpgrade, // Connection absent, or without the token "Upgrade"
    MissingAccept,            // no Sec-WebSocket-Accept
    WrongAccept,              // not base64(SHA-1(key + GUID)) of the key the client sent
    UnrequestedExtension,     // Sec-WebSocket-Extensions names an extension the client did not offer
    UnrequestedSubprotocol,   // Sec-WebSocket-Protocol is not exactly one subprotocol the client offered
};

[[nodiscard]] const char *upgradeResponseErrorReason(UpgradeResponseError error) noexcept; // one line, English
[[nodiscard]] const char *upgradeResponseErrorName(UpgradeResponseError error) noexcept;   // the enumerator's name
[[nodiscard]] const char *upgradeResponseErrorReference(UpgradeResponseError error) noexcept; // "RFC 6455 §4.1"
inline constexpr const char upgradeResponseErrorContext[] = "wslab::protocol::UpgradeResponseError";

// RFC 6455 §4.1: the checks `response` fails, in the order the RFC lists them; empty when a client
// may open the connection. `sentKey` is the Sec-WebSocket-Key of the request; the offers are the
// elements of its Sec-WebSocket-Protocol and Sec-WebSocket-Extensions (UpgradeRequest holds both,
// extension parameters included), so a client that offered nothing accepts neither field. All
// checks are made whatever the status, so a 200 with a wrong accept fails both.
[[nodiscard]] QList<UpgradeResponseError> validateUpgradeResponse(const HttpResponseHead &response,
                                                                  QByteArrayView sentKey,
                                                                  const QList<QByteArray> &offeredSubprotocols = {},
                                                                  const QList<QByteArray> &offeredExtensions = {});

} // namespace wslab::protocol
