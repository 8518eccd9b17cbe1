#pragma once

#include <QString>
#include <QStringList>

namespace wslab::server {

// Everything the user can tune, with safe defaults (DESIGN.md, "Limits"). A plain value: the GUI
// edits a copy and hands it to the server thread.
struct ServerSettings
{
    QString bindAddress = QStringLiteral("127.0.0.1"); // anything else is an explicit choice
    quint16 port = 8002;

    // Cross-site WebSocket hijacking: only the app's own page may upgrade unless the user allows more.
    QStringList allowedOrigins;
    bool allowAnyOrigin = false;

    qint64 maxHeadSize = 16 * 1024;            // 431 beyond
    int handshakeTimeoutMs = 10'000;           // request head must arrive within this
    qint64 maxFramePayload = 16 * 1024 * 1024; // close 1009 beyond
    qint64 maxMessageSize = 16 * 1024 * 1024;  // close 1009 beyond (also after inflation)
    qint64 outgoingFragmentSize = 0;           // 0: every message in one frame
    int pingIntervalMs = 0;                    // 0: no idle pings
    int closeTimeoutMs = 5'000;                // closing handshake: drop TCP after this
    int maxConnections = 10'000;
    int longPollTimeoutMs = 25'000;
    qint64 maxPostBody = 64 * 1024;            // POST /send: 413 beyond
    // A peer that stops reading is dropped once this much is waiting to be written to it, rather
    // than letting its queue grow without bound. Must exceed the largest message echoed at once.
    qint64 maxWriteBuffer = 64 * 1024 * 1024;
    int chatHistoryLimit = 1000;               // chat entries kept for polling clients...
    qint64 chatHistoryBytes = 8 * 1024 * 1024; // ...and the most memory they may hold (ChatRoom)

    // Where the page comes from: the compiled-in resources, or a folder (while editing the page).
    QString staticRoot = QStringLiteral(":/web");

    bool captureEnabled = true;
    qint64 capturePayloadCap = 1024 * 1024;    // bytes of a payload kept per record

    bool echoEverywhere = false; // every WebSocket endpoint echoes (conformance runs)

    // RFC 7692: accept a client's permessage-deflate offer. Off by default: every browser offers it,
    // and compressed, a browser's message reaches the wire as DEFLATE bytes - the XOR of the masking
    // key no longer gives back the text, and a large message no longer shows the 16- and 64-bit
    // length forms. The lab teaches the plain frames first; on, the inspector shows what compression
    // does (RSV1, deflated payloads, the message inflated). Off, offers are declined (no
    // Sec-WebSocket-Extensions in the 101) and nothing is compressed. Read at each upgrade, so a
    // change applies to the connections opened after it.
    bool permessageDeflate = false;

    friend bool operator==(const ServerSettings &, const ServerSettings &) = default;
};

} // namespace wslab::server
