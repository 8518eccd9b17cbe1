#include "closepayload.h"

#include "closecode.h"
#include "utf8validator.h"

namespace wslab::protocol {

std::variant<ClosePayload, DecodeError> parseClosePayload(QByteArrayView payload)
{
    // RFC 6455 §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte
    // unsigned integer (in network byte order)"; an empty body simply has no code.
    if (payload.isEmpty())
        return ClosePayload{};
    if (payload.size() == 1)
        return DecodeError::CloseFrameLengthOne;

    const auto high = quint8(payload[0]);
    const auto low = quint8(payload[1]);
    const auto code = quint16((high << 8) | low);
    // RFC 6455 §7.4.1/§7.4.2: 1005, 1006, 1015 and the unassigned ranges never appear on the wire.
    if (!isValidWireCloseCode(code))
        return DecodeError::InvalidCloseCode;

    // RFC 6455 §5.5.1: the reason is UTF-8, and §8.1 applies to it like to a text message.
    const QByteArrayView reason = payload.sliced(2);
    if (!Utf8Validator::isValid(reason))
        return DecodeError::InvalidCloseReasonUtf8;
    return ClosePayload{code, QString::fromUtf8(reason)};
}

} // namespace wslab::protocol
