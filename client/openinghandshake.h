#pragma once

#include "clientsettings.h"

#include <QByteArray>
#include <QList>

namespace wslab::client {

// The client's opening handshake (RFC 6455 §4.1): the request it sends and what it offered, which
// the server's answer is then checked against (protocol::validateUpgradeResponse).
struct OpeningHandshake
{
    QByteArray key;                    // Sec-WebSocket-Key as sent
    QList<QByteArray> subprotocols;    // offered, in order
    QList<QByteArray> extensionOffers; // offered Sec-WebSocket-Extensions elements
    QByteArray request;                // the request head, ready for the wire

    // The request for `settings` with `key`.
    [[nodiscard]] static OpeningHandshake build(const ClientSettings &settings, const QByteArray &key);
    // RFC 6455 §4.1 item 7: base64 of 16 bytes "randomly selected" per connection.
    [[nodiscard]] static QByteArray randomKey();
};

} // namespace wslab::client
