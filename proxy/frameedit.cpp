#include "frameedit.h"

#include "server/protocol/frameencoder.h"
#include "server/protocol/permessagedeflate.h"

namespace wslab::proxy {

FrameEdit FrameEdit::of(const protocol::DecodedFrame &frame)
{
    FrameEdit edit;
    edit.header = frame.header;
    edit.payload = frame.payload;
    // A frame cut short by its own header keeps saying so when edited.
    if (quint64(frame.payload.size()) != frame.header.payloadLength)
        edit.declaredLength = frame.header.payloadLength;
    return edit;
}

bool FrameEdit::setPayloadHex(const QString &hex)
{
    QByteArray digits;
    digits.reserve(hex.size());
    for (const QChar c : hex) {
        if (c.isSpace() || c == QLatin1Char(':'))
            continue;
        const bool isHex = (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'));
        if (!isHex)
            return false;
        digits.append(c.toLatin1());
    }
    if (digits.size() % 2 != 0)
        return false;
    payload = QByteArray::fromHex(digits);
    return true;
}

QByteArray FrameEdit::build(protocol::PerMessageDeflate *compressor) const
{
    protocol::FrameHeader written = header;
    QByteArray bytes = payload;
    if (compress && compressor) {
        bytes = compressor->compress(payload);
        written.rsv1 = true; // RFC 7692 §6: RSV1 marks a compressed message
    }
    written.payloadLength = declaredLength.value_or(quint64(bytes.size()));
    return protocol::FrameEncoder::writeRaw(written, bytes);
}

} // namespace wslab::proxy
