#pragma once

#include "socketaddress.h"

#include <QHostAddress>

namespace wslab::capture {

// A socket's end as a SocketAddress, for the live sources (proxy, client) that hold Qt sockets.
// Header-only on purpose: the capture library itself links no Qt Network.
[[nodiscard]] inline SocketAddress socketAddressOf(const QHostAddress &address, quint16 port)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return SocketAddress::ipv4(v4, port);
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return SocketAddress::ipv6(address.toIPv6Address().c, port);
    return {};
}

} // namespace wslab::capture
