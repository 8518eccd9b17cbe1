#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace wslab::protocol {

// RFC 6455 §1.3, §4.2.2: the GUID every server appends to the client's key.
inline constexpr char websocketGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Every step from Sec-WebSocket-Key to Sec-WebSocket-Accept, kept so the handshake view can show
// the derivation rather than only its result.
struct AcceptDerivation
{
    QByteArray key;         // as sent, base64 text (not decoded: the RFC hashes the text)
    QByteArray keyWithGuid; // key + websocketGuid
    QByteArray sha1;        // 20 raw bytes
    QByteArray sha1Hex;     // the same, 40 lowercase hex digits
    QByteArray accept;      // base64(sha1): the Sec-WebSocket-Accept value
};

// RFC 6455 §4.2.2 step 5.4: accept = base64(SHA-1(key + GUID)).
// §1.3: "dGhlIHNhbXBsZSBub25jZQ==" gives "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
[[nodiscard]] AcceptDerivation deriveAccept(QByteArrayView key);

} // namespace wslab::protocol
