#include "openinghandshake.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/handshake.h"

#include <QRandomGenerator>

#include <array>

namespace wslab::client {

QByteArray OpeningHandshake::randomKey()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), 16).toBase64();
}

OpeningHandshake OpeningHandshake::build(const ClientSettings &settings, const QByteArray &key)
{
    OpeningHandshake handshake;
    handshake.key = key;
    handshake.subprotocols = settings.subprotocols;
    // RFC 7692 §7.1.2.2: client_max_window_bits without a value says the client could honour a
    // smaller window the server asks for.
    if (settings.offerDeflate)
        handshake.extensionOffers.append(QByteArray(protocol::permessageDeflateName) + "; client_max_window_bits");
    // RFC 6455 §4.1, items 1 to 12, in that order.
    QByteArray &out = handshake.request;
    out += "GET " + settings.url.resourceName + " HTTP/1.1\r\n";
    out += "Host: " + settings.url.hostHeader() + "\r\n";
    out += "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    out += "Sec-WebSocket-Key: " + key + "\r\n";
    out += "Sec-WebSocket-Version: " + QByteArray::number(protocol::websocketVersion) + "\r\n";
    if (!handshake.subprotocols.isEmpty())
        out += "Sec-WebSocket-Protocol: " + handshake.subprotocols.join(", ") + "\r\n";
    if (!handshake.extensionOffers.isEmpty())
        out += "Sec-WebSocket-Extensions: " + handshake.extensionOffers.join(", ") + "\r\n";
    for (const auto &[name, value] : settings.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    return handshake;
}

} // namespace wslab::client
