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
};

} // namespace wslab::proxy
