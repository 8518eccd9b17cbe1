#pragma once

#include "capture/capturerecord.h"
#include "server/protocol/decodedframe.h"
#include "server/protocol/headerlayout.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace wslab::inspector {

// One thing the parser read, in the order it read it.
struct NarrationStep
{
    QList<protocol::FieldId> fields; // what the step explains (the RSV step covers RSV1-3)
    qint64 firstBit = 0;             // its span on the wire
    qint64 bitCount = 0;
    QString heading;   // the bytes it sits in: "byte 0 = 0x81 (1000 0001)"
    QString brief;     // "FIN=1 (last fragment)"
    QString sentence;  // a plain-language sentence with its RFC section

    [[nodiscard]] qint64 firstByte() const noexcept { return firstBit / 8; }
    [[nodiscard]] qint64 lastByte() const noexcept { return (firstBit + bitCount - 1) / 8; }
};

// Plain-language narration of a frame as the parser reads it (RFC 6455 §5.2): byte 0 (FIN, RSV,
// opcode), byte 1 (MASK, length), the extended length, the masking key, the payload. Pure and
// translated; the explain panel, the bit diagram's tooltips and the stepping all read from here.
// `direction` says who sent the frame, when known: the MASK bit is right or wrong only for a sender
// (RFC 6455 §5.1: a client masks every frame, a server none).
class FrameNarrator
{
    Q_DECLARE_TR_FUNCTIONS(wslab::inspector::FrameNarrator)
public:
    using Sender = std::optional<capture::Direction>;

    // FIN, RSV, opcode, MASK, payload len, [extended length], [masking key], payload.
    [[nodiscard]] static QList<NarrationStep> steps(const protocol::DecodedFrame &frame, Sender sender = {});
    // The steps in one line: "byte 0 = 0x81: FIN=1 (last fragment), RSV=000, opcode=0x1 text; ..."
    [[nodiscard]] static QString summary(const protocol::DecodedFrame &frame, Sender sender = {});
    // The hover sentence for one field.
    [[nodiscard]] static QString fieldSentence(const protocol::DecodedFrame &frame, protocol::FieldId field,
                                               Sender sender = {});
    [[nodiscard]] static QString fieldTitle(protocol::FieldId field); // translated "FIN", "masking key"
    // The step index whose fields include `field`, or -1.
    [[nodiscard]] static int stepOf(const QList<NarrationStep> &steps, protocol::FieldId field);

private:
    [[nodiscard]] static QString byteHeading(const protocol::DecodedFrame &frame, qint64 first, qint64 last);
    [[nodiscard]] static QString opcodeMeaning(protocol::Opcode opcode);
    [[nodiscard]] static NarrationStep maskStep(const protocol::FrameHeader &header, const QString &heading, Sender sender);
    [[nodiscard]] static QString payloadMeaning(const protocol::DecodedFrame &frame);
    [[nodiscard]] static NarrationStep payloadStep(const protocol::DecodedFrame &frame, const protocol::HeaderField &field);
};

} // namespace wslab::inspector
