#pragma once

#include "frameheader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::protocol {

// Writes frames. The ordinary path always uses the minimal length form (RFC 6455 §5.2) and masks
// exactly when told to (a client must, a server must not: §5.1). writeRaw() writes whatever header it
// is given, rules or not, so the frame composer can send the invalid frames a learner asks for.
class FrameEncoder
{
public:
    // A single frame. `maskKey` set means MASK = 1 with that key.
    [[nodiscard]] static QByteArray encode(Opcode opcode, QByteArrayView payload, bool fin = true,
                                           std::optional<MaskKey> maskKey = std::nullopt,
                                           bool rsv1 = false);

    // Appends a frame to `out` (no temporary; the server's write path).
    static void encodeInto(QByteArray &out, Opcode opcode, QByteArrayView payload, bool fin = true,
                           std::optional<MaskKey> maskKey = std::nullopt, bool rsv1 = false);

    // A message as frames of at most `fragmentSize` payload bytes each (RFC 6455 §5.4): the first
    // frame carries the opcode, the rest are continuations, the last has FIN. An empty message is
    // one empty frame. `maskKeys` (client role) supplies a key per frame.
    [[nodiscard]] static QList<QByteArray> fragment(Opcode opcode, QByteArrayView message,
                                                    qsizetype fragmentSize,
                                                    const QList<MaskKey> &maskKeys = {});

    // The header exactly as described: any RSV bits, any opcode, the MASK bit and key as given, and
    // the length in `header.lengthForm` even when it is not minimal. `header.payloadLength` is
    // written as-is (it may disagree with payload.size() on purpose). The payload is masked with the
    // key when `header.masked` is set.
    [[nodiscard]] static QByteArray writeRaw(const FrameHeader &header, QByteArrayView payload);

    // Only the header bytes (2..14).
    [[nodiscard]] static QByteArray writeHeader(const FrameHeader &header);

    // A close frame payload: code (network order) + UTF-8 reason; no code means an empty payload.
    [[nodiscard]] static QByteArray closePayload(std::optional<quint16> code, QByteArrayView reasonUtf8 = {});

    // A fresh masking key from the system's random source (client-side tools, RFC 6455 §5.3).
    [[nodiscard]] static MaskKey randomMaskKey();
};

} // namespace wslab::protocol
