#pragma once

#include "server/protocol/decodedframe.h"
#include "server/protocol/frameheader.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <optional>

namespace wslab::protocol {
class PerMessageDeflate;
}

namespace wslab::proxy {

// A frame as the intercept's user writes it, field by field, to replace a held frame or to inject
// one: every header field of RFC 6455 §5.2 as given, valid or not. The bytes are written by the
// protocol's FrameEncoder::writeRaw, so what is built is exactly what was asked for.
struct FrameEdit
{
    // FIN, RSV1-3, opcode, the MASK bit and key, and the length form (7 / 7+16 / 7+64 bits, even
    // when not minimal, RFC 6455 §5.2) as written. `header.payloadLength` is not used: see below.
    protocol::FrameHeader header;
    // Unmasked; masked with the key when `header.masked`. With `compress`, the plain message.
    QByteArray payload;
    // Written in place of the payload's real length: a wrong length on purpose. Empty: the real one.
    std::optional<quint64> declaredLength;
    // permessage-deflate (RFC 7692 §7.2.1): compress `payload` with the connection's agreed
    // parameters for this direction before writing it, and set RSV1. Ignored where nothing was
    // agreed.
    bool compress = false;

    // The fields of a frame as it was (its payload as it was on the wire, unmasked).
    [[nodiscard]] static FrameEdit of(const protocol::DecodedFrame &frame);
    // The payload from text (UTF-8) or from hex digits (spaces and colons between bytes allowed).
    void setPayloadText(const QString &text) { payload = text.toUtf8(); }
    [[nodiscard]] bool setPayloadHex(const QString &hex);

    // The frame's bytes. `compressor`: this direction's, for `compress` (null: none agreed).
    [[nodiscard]] QByteArray build(protocol::PerMessageDeflate *compressor) const;
};

} // namespace wslab::proxy

Q_DECLARE_METATYPE(wslab::proxy::FrameEdit)
