// The Sec-WebSocket-Extensions value a client sends: split into elements (RFC 9110 §5.6.1), each
// parsed as a permessage-deflate offer (RFC 7692 §7, RFC 6455 §9.1), and the server's negotiation
// over all of them with a policy chosen by the first byte.
//   input: [policy] header value
// Properties: the accepted offer is one that parses, every offer before it was declined, the agreed
// windows are ones zlib can serve, and the response element parses back to the agreed values.

#include "fuzzinput.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/httpheader.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    DeflatePolicy policy;
    policy.serverNoContextTakeover = options & 1;
    policy.clientNoContextTakeover = options & 2;
    policy.serverMaxWindowBits = 7 + ((options >> 2) & 7) * 2; // 7..21: clamped by the negotiation
    policy.clientMaxWindowBits = 7 + (options >> 5) * 2;
    const QList<QByteArray> offers = splitHeaderList(input.rest());

    for (const QByteArray &offer : offers) {
        const auto parsed = parseDeflateOffer(offer);
        if (const auto *error = std::get_if<DeflateOfferError>(&parsed))
            require(deflateOfferErrorReason(*error)[0] != '?', "every error has a reason");
    }
    const DeflateNegotiation negotiation = negotiatePerMessageDeflate(offers, policy);
    if (!negotiation.accepted) {
        require(negotiation.declined.size() == offers.size() && negotiation.responseValue.isEmpty(),
                "nothing accepted: every offer declined, no response");
        return 0;
    }
    const DeflateParameters &agreed = *negotiation.accepted;
    require(negotiation.acceptedIndex >= 0 && negotiation.acceptedIndex < offers.size()
                    && negotiation.declined.size() == negotiation.acceptedIndex,
            "every offer before the accepted one was declined");
    require(std::holds_alternative<DeflateOffer>(parseDeflateOffer(offers.at(negotiation.acceptedIndex))),
            "the accepted offer parses");
    require(agreed.serverMaxWindowBits >= minCompressWindowBits && agreed.serverMaxWindowBits <= maxWindowBits
                    && agreed.clientMaxWindowBits >= minWindowBits && agreed.clientMaxWindowBits <= maxWindowBits,
            "the agreed windows can be served");
    const auto answer = parseDeflateOffer(negotiation.responseValue);
    const auto *read = std::get_if<DeflateOffer>(&answer);
    require(read != nullptr, "the response element parses");
    require(read->serverNoContextTakeover == agreed.serverNoContextTakeover
                    && read->clientNoContextTakeover == agreed.clientNoContextTakeover
                    && read->serverMaxWindowBits.value_or(maxWindowBits) == agreed.serverMaxWindowBits
                    && read->clientMaxWindowBits.value_or(maxWindowBits) == agreed.clientMaxWindowBits,
            "the response element says what was agreed");
    return 0;
}
