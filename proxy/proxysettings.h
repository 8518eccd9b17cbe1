#pragma once

#include "upstreamurl.h"

#include <QString>

namespace wslab::proxy {

// One run of the proxy: where it listens, where it forwards, and its bounds.
struct ProxySettings
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = 8002; // 0: any free port
    UpstreamUrl upstream;
    // Write the upstream's host:port into each request's Host header (the only option that changes
    // bytes; such records are marked). Off: the browser's Host goes through as it was.
    bool rewriteHost = false;
    // Connecting (and, for wss, the TLS handshake) may take this long before the browser gets 502.
    int connectTimeoutMs = 10'000;
    // Bytes waiting to be written to one side before the proxy stops reading the other side: the
    // read side's kernel buffer fills and TCP holds its sender back.
    qint64 maxBufferedBytes = 1024 * 1024;
    // wss: extra CA certificates (PEM) trusted beside the system's; `insecure` checks nothing.
    QString caFile;
    bool insecure = false;
    // Intercept (FrameHold): connections are set up so that their frames can be held, edited,
    // dropped and injected at any time after the upgrade: frame boundaries are followed, and
    // permessage-deflate is negotiated without context takeover (the request and, where needed,
    // the 101 are changed, and marked). Off: every byte passes as it came, and nothing is followed.
    bool intercept = false;
    // What one direction may hold before the proxy stops reading its sender (TCP backpressure).
    qsizetype maxHeldFrames = 256;
    qint64 maxHeldBytes = 4 * 1024 * 1024;
    // A frame longer than this is not held: that direction's framing is given up and it passes.
    quint64 maxHeldFramePayload = 16 * 1024 * 1024;
};

} // namespace wslab::proxy
