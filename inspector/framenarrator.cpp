#include "framenarrator.h"

#include "deflatepreview.h"
#include "payloadpreview.h"
#include "sentences.h"

#include "server/protocol/masking.h"
#include "server/protocol/opcode.h"

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;
using protocol::HeaderField;
using protocol::LengthForm;
using protocol::Opcode;

namespace {

constexpr int payloadHexShown = 16;

QString binaryByte(quint8 byte)
{
    const QString bits = QStringLiteral("%1").arg(byte, 8, 2, QLatin1Char('0'));
    return bits.left(4) + QLatin1Char(' ') + bits.mid(4);
}

QString hexKey(const protocol::MaskKey &key)
{
    return PayloadPreview::hexBytes(QByteArrayView(reinterpret_cast<const char *>(key.data()), qsizetype(key.size())));
}

const HeaderField *findField(const QList<HeaderField> &fields, FieldId id)
{
    for (const HeaderField &field : fields) {
        if (field.id == id)
            return &field;
    }
    return nullptr;
}

} // namespace

QString FrameNarrator::fieldTitle(FieldId field)
{
    switch (field) {
    case FieldId::Fin: return tr("FIN");
    case FieldId::Rsv1: return tr("RSV1");
    case FieldId::Rsv2: return tr("RSV2");
    case FieldId::Rsv3: return tr("RSV3");
    case FieldId::Opcode: return tr("opcode");
    case FieldId::Mask: return tr("MASK");
    case FieldId::PayloadLength: return tr("payload len");
    case FieldId::ExtendedPayloadLength16: return tr("extended payload length (16 bits)");
    case FieldId::ExtendedPayloadLength64: return tr("extended payload length (64 bits)");
    case FieldId::MaskingKey: return tr("masking key");
    case FieldId::Payload: return tr("payload");
    }
    return {};
}

QString FrameNarrator::byteHeading(const protocol::DecodedFrame &frame, qint64 first, qint64 last)
{
    const auto headerByte = [&](qint64 i) { return quint8(frame.headerBytes[size_t(i)]); };
    if (first == last && first < frame.headerSize())
        return tr("byte %1 = 0x%2 (%3)")
                .arg(first)
                .arg(headerByte(first), 2, 16, QLatin1Char('0'))
                .arg(binaryByte(headerByte(first)));
    if (last < frame.headerSize()) {
        const QByteArrayView bytes(frame.headerBytes.data() + first, last - first + 1);
        return tr("bytes %1-%2 = %3").arg(first).arg(last).arg(PayloadPreview::hexBytes(bytes));
    }
    if (first == last)
        return tr("byte %1").arg(first);
    return tr("bytes %1-%2").arg(first).arg(last);
}

QString FrameNarrator::opcodeMeaning(Opcode opcode)
{
    switch (opcode) {
    case Opcode::Continuation: return tr("continues a fragmented message (RFC 6455 §5.4)");
    case Opcode::Text: return tr("a text frame: the payload is UTF-8 text (RFC 6455 §5.6)");
    case Opcode::Binary: return tr("a binary frame: the application decides what the bytes mean (RFC 6455 §5.6)");
    case Opcode::Close: return tr("a close frame: starts or answers the closing handshake (RFC 6455 §5.5.1)");
    case Opcode::Ping: return tr("a ping: the other end must answer with a pong carrying the same payload (RFC 6455 §5.5.2)");
    case Opcode::Pong: return tr("a pong: the answer to a ping, or an unsolicited heartbeat (RFC 6455 §5.5.3)");
    default:
        return protocol::isControl(opcode)
                ? tr("a reserved control opcode: a receiver must fail the connection (RFC 6455 §5.2)")
                : tr("a reserved data opcode: a receiver must fail the connection (RFC 6455 §5.2)");
    }
}

NarrationStep FrameNarrator::maskStep(const protocol::FrameHeader &h, const QString &heading, Sender sender)
{
    NarrationStep step{{FieldId::Mask}, 8, 1, heading, h.masked ? tr("MASK=1") : tr("MASK=0"), {}};
    // RFC 6455 §5.1: the MASK bit is wrong for its sender when a server masks or a client does not;
    // the receiver then fails the connection (§7.1.7), with 1002 (closeCodeFor).
    if (h.masked && sender == capture::Direction::Outbound) {
        step.brief = tr("MASK=1 (a server must not mask)");
        step.sentence = tr("MASK = 1 on a frame from the server: this breaks RFC 6455 §5.1, a server must not "
                           "mask the frames it sends. A client that receives it fails the connection with close "
                           "code 1002 (protocol error, §7.1.7); a browser's JavaScript then sees 1006.");
    } else if (!h.masked && sender == capture::Direction::Inbound) {
        step.brief = tr("MASK=0 (a client must mask)");
        step.sentence = tr("MASK = 0 on a frame from the client: this breaks RFC 6455 §5.1, every frame a client "
                           "sends must be masked. The server fails the connection with close code 1002 (protocol "
                           "error, §7.1.7).");
    } else if (h.masked) {
        step.sentence = tr("MASK = 1: a 4-byte masking key follows the length and the payload is "
                           "masked with it; every frame a client sends must be masked (RFC 6455 §5.1, §5.3).");
    } else {
        step.sentence = tr("MASK = 0: no masking key, the payload is sent as it is; a server never "
                           "masks its frames (RFC 6455 §5.1).");
    }
    return step;
}

QList<NarrationStep> FrameNarrator::steps(const protocol::DecodedFrame &frame, Sender sender)
{
    const protocol::FrameHeader &h = frame.header;
    const QList<HeaderField> fields = protocol::headerLayout(h);
    QList<NarrationStep> steps;
    const QString byte0 = byteHeading(frame, 0, 0);
    const QString byte1 = byteHeading(frame, 1, 1);

    steps.append({{FieldId::Fin}, 0, 1, byte0,
                  h.fin ? tr("FIN=1 (last fragment)") : tr("FIN=0 (more fragments follow)"),
                  h.fin ? tr("FIN = 1: this frame ends its message; a message in one frame has FIN = 1 on "
                             "that frame (RFC 6455 §5.2).")
                        : tr("FIN = 0: the message continues in the next frames, the last of which has "
                             "FIN = 1 (RFC 6455 §5.4).")});

    const QString rsv = QStringLiteral("%1%2%3").arg(int(h.rsv1)).arg(int(h.rsv2)).arg(int(h.rsv3));
    QString rsvSentence;
    if (DeflatePreview::startsCompressedMessage(h) && !h.rsv2 && !h.rsv3)
        rsvSentence = tr("RSV1-3 = 100: RSV1 means \"compressed\" when permessage-deflate was negotiated in the "
                         "handshake: this message is compressed with permessage-deflate, its payload is DEFLATE "
                         "data the receiver inflates (RFC 7692 §6). Without a negotiated extension the receiver "
                         "must fail the connection (RFC 6455 §5.2).");
    else if (h.hasReservedBits())
        rsvSentence = tr("RSV1-3 = %1: a reserved bit is set. Only a negotiated extension may set "
                         "one (RSV1 means \"compressed\" with permessage-deflate, RFC 7692); "
                         "otherwise the receiver must fail the connection (RFC 6455 §5.2).").arg(rsv);
    else
        rsvSentence = tr("RSV1-3 = 000: no extension uses these bits in this frame (RFC 6455 §5.2).");
    steps.append({{FieldId::Rsv1, FieldId::Rsv2, FieldId::Rsv3}, 1, 3, byte0,
                  DeflatePreview::startsCompressedMessage(h) ? tr("RSV=%1 (compressed)").arg(rsv) : tr("RSV=%1").arg(rsv),
                  rsvSentence});

    const QString opcodeText = QStringLiteral("0x%1 %2").arg(quint8(h.opcode), 0, 16)
                                       .arg(QLatin1StringView(protocol::opcodeName(h.opcode)));
    steps.append({{FieldId::Opcode}, 4, 4, byte0, tr("opcode=%1").arg(opcodeText),
                  tr("opcode = %1: %2.").arg(opcodeText, opcodeMeaning(h.opcode))});

    steps.append(maskStep(h, byte1, sender));

    const quint8 seven = protocol::sevenBitLengthValue(h);
    QString lengthBrief;
    QString lengthSentence;
    switch (h.lengthForm) {
    case LengthForm::Short7:
        lengthBrief = tr("length %1 (7-bit form)").arg(seven);
        lengthSentence = tr("payload len = %1: a value of 0-125 is the payload length itself "
                            "(len ≤ 125, the 7-bit form, RFC 6455 §5.2).").arg(seven);
        break;
    case LengthForm::Extended16:
        lengthBrief = tr("length 126 → next 16 bits");
        lengthSentence = tr("payload len = 126: the real length is in the next 16 bits "
                            "(126 → next 16 bits, for 126-65535 bytes, RFC 6455 §5.2).");
        break;
    case LengthForm::Extended64:
        lengthBrief = tr("length 127 → next 64 bits");
        lengthSentence = tr("payload len = 127: the real length is in the next 64 bits "
                            "(127 → next 64 bits, for more than 65535 bytes, RFC 6455 §5.2).");
        break;
    }
    steps.append({{FieldId::PayloadLength}, 9, 7, byte1, lengthBrief, lengthSentence});

    for (const FieldId id : {FieldId::ExtendedPayloadLength16, FieldId::ExtendedPayloadLength64}) {
        const HeaderField *field = findField(fields, id);
        if (!field)
            continue;
        const bool is16 = id == FieldId::ExtendedPayloadLength16;
        const QString minimal = protocol::minimalLengthForm(h.payloadLength) == h.lengthForm
                ? QString()
                : tr("This is not the shortest form for this length: the RFC requires the "
                     "minimal number of bytes, so a receiver fails the connection.");
        const QString meaning = (is16 ? tr("extended payload length = %1: an unsigned 16-bit number in network byte "
                                           "order (big-endian) (RFC 6455 §5.2).")
                                      : tr("extended payload length = %1: an unsigned 64-bit number in network byte "
                                           "order whose most significant bit must be 0 (RFC 6455 §5.2)."))
                                        .arg(h.payloadLength);
        steps.append({{id}, field->bitOffset, field->bitLength,
                      byteHeading(frame, field->firstByte(), field->lastByte()),
                      tr("extended length %1").arg(h.payloadLength), Sentences::joined({meaning, minimal})});
    }

    if (const HeaderField *key = findField(fields, FieldId::MaskingKey)) {
        steps.append({{FieldId::MaskingKey}, key->bitOffset, key->bitLength,
                      byteHeading(frame, key->firstByte(), key->lastByte()),
                      tr("masking key %1").arg(hexKey(h.maskKey)),
                      tr("masking key = %1: payload byte i is XORed with key byte i mod 4 to unmask it "
                         "(RFC 6455 §5.3). The key is chosen at random for every frame so that a browser "
                         "page cannot choose the bytes on the wire (§10.3).").arg(hexKey(h.maskKey))});
    }

    if (const HeaderField *payload = findField(fields, FieldId::Payload))
        steps.append(payloadStep(frame, *payload));
    return steps;
}

NarrationStep FrameNarrator::payloadStep(const protocol::DecodedFrame &frame, const HeaderField &field)
{
    const protocol::FrameHeader &h = frame.header;
    const qint64 first = field.firstByte();
    const QString heading = h.payloadLength == 0 ? tr("no payload bytes")
                                                  : byteHeading(frame, first, first + qint64(h.payloadLength) - 1);
    const QByteArray &payload = frame.payload;

    const QString meaning = payloadMeaning(frame);

    QString brief;
    QString sentence;
    if (h.payloadLength == 0) {
        brief = tr("empty payload");
        sentence = tr("The frame ends here: its payload is empty.");
    } else if (h.masked) {
        // Only the bytes shown are masked again (a payload can be 16 MiB).
        QByteArray wire(std::min<qsizetype>(payload.size(), payloadHexShown), Qt::Uninitialized);
        protocol::copyMasked(payload.constData(), wire.data(), wire.size(), h.maskKey);
        brief = tr("payload %1").arg(meaning);
        sentence = tr("payload, %1 bytes, masked on the wire (%2); XOR with the key gives %3: %4 (RFC 6455 §5.3).")
                           .arg(h.payloadLength)
                           .arg(PayloadPreview::hexBytes(wire) + (payload.size() > wire.size() ? QStringLiteral(" …") : QString()),
                                PayloadPreview::hexPreview(payload, payloadHexShown), meaning);
    } else {
        brief = tr("payload %1").arg(meaning);
        sentence = tr("payload, %1 bytes, as sent (no mask): %2.").arg(h.payloadLength).arg(meaning);
    }
    if (quint64(payload.size()) < h.payloadLength)
        sentence = Sentences::joined({sentence, tr("Only the first %1 bytes were kept by the capture.").arg(payload.size())});
    return {{FieldId::Payload}, field.bitOffset, field.bitLength, heading, brief, sentence};
}

QString FrameNarrator::payloadMeaning(const protocol::DecodedFrame &frame)
{
    const QByteArray &payload = frame.payload;
    // RFC 7692 §6: DEFLATE data is not text, whatever the opcode says.
    if (DeflatePreview::startsCompressedMessage(frame.header))
        return tr("DEFLATE data %1").arg(PayloadPreview::hexPreview(payload, payloadHexShown));
    switch (frame.header.opcode) {
    case Opcode::Text:
    case Opcode::Ping:
    case Opcode::Pong:
    case Opcode::Continuation: return PayloadPreview::textOrHex(payload);
    case Opcode::Close: return PayloadPreview::closeSummary(payload);
    default: return PayloadPreview::hexPreview(payload, payloadHexShown);
    }
}

QString FrameNarrator::summary(const protocol::DecodedFrame &frame, Sender sender)
{
    QStringList groups;
    QString heading;
    QStringList briefs;
    for (const NarrationStep &step : steps(frame, sender)) {
        if (step.heading != heading && !briefs.isEmpty()) {
            groups.append(QStringLiteral("%1: %2").arg(heading, briefs.join(QStringLiteral(", "))));
            briefs.clear();
        }
        heading = step.heading;
        briefs.append(step.brief);
    }
    if (!briefs.isEmpty())
        groups.append(QStringLiteral("%1: %2").arg(heading, briefs.join(QStringLiteral(", "))));
    return groups.join(QStringLiteral("; "));
}

QString FrameNarrator::fieldSentence(const protocol::DecodedFrame &frame, FieldId field, Sender sender)
{
    const auto all = steps(frame, sender);
    const int index = stepOf(all, field);
    return index >= 0 ? all.at(index).sentence : QString();
}

int FrameNarrator::stepOf(const QList<NarrationStep> &steps, FieldId field)
{
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (steps.at(i).fields.contains(field))
            return int(i);
    }
    return -1;
}

} // namespace wslab::inspector
