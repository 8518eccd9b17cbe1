#pragma once

#include "serverurl.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace wslab::client {

// One client connection: where to, what the opening handshake asks for, and the bounds.
struct ClientSettings
{
    ServerUrl url;
    // Extra request header fields ("Origin", "Authorization", ...), sent after the handshake's own.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QList<QByteArray> subprotocols; // Sec-WebSocket-Protocol, in order of preference
    bool offerDeflate = true;       // RFC 7692: offer permessage-deflate
    // wss: extra CA certificates (PEM) trusted beside the system's; `insecure` checks nothing.
    QString caFile;
    bool insecure = false;
    // Connecting, TLS and the server's 101 together may take this long.
    int handshakeTimeoutMs = 10'000;
    // After this end's close frame, the server has this long to answer it and close TCP (RFC 6455
    // §7.1.1: the server closes the TCP connection first).
    int closeTimeoutMs = 10'000;
    qint64 maxMessageSize = 64 * 1024 * 1024; // RFC 6455 §10.4: larger messages are closed with 1009
    qint64 maxResponseHead = 16 * 1024;
};

} // namespace wslab::client
