#include "decodedframe.h"

#include "masking.h"

namespace wslab::protocol {

QByteArray DecodedFrame::wireBytes() const
{
    QByteArray wire(wireSize(), Qt::Uninitialized);
    std::copy_n(headerBytes.data(), header.size(), wire.data());
    char *payloadStart = wire.data() + header.size();
    if (header.masked)
        copyMasked(payload.constData(), payloadStart, payload.size(), header.maskKey);
    else
        std::copy_n(payload.constData(), payload.size(), payloadStart);
    return wire;
}

QByteArray DecodedFrame::maskedPayload() const
{
    if (!header.masked)
        return payload;
    QByteArray masked(payload.size(), Qt::Uninitialized);
    copyMasked(payload.constData(), masked.data(), payload.size(), header.maskKey);
    return masked;
}

} // namespace wslab::protocol
