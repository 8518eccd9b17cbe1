// PerMessageDeflate::decompress (RFC 7692 §7.2.2) on arbitrary payloads, message after message on
// one connection, with its output bound: never more than the limit is returned, and whatever it
// does return is what zlib's own raw inflate makes of the same bytes.
//   input: [window bits - 8, no context takeover: bit 3] [limit: 2 bytes] then messages, each
//   [length: 2 bytes] payload
// Properties: output <= limit; MessageTooLarge only when zlib gives more than the limit; an
// accepted message inflates to zlib's bytes; errors are sticky.

#include "fuzzinput.h"
#include "zlibreference.h"

#include "server/protocol/permessagedeflate.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    const qint64 limit = input.takeUint16();
    DeflateParameters parameters;
    parameters.clientMaxWindowBits = minWindowBits + (options & 7);
    parameters.clientNoContextTakeover = options & 8;
    PerMessageDeflate ours(parameters, Role::Server); // a server inflates with the client's window
    wslab::fuzz::ZlibInflater zlib(parameters.clientMaxWindowBits);

    while (!input.rest().isEmpty()) {
        const QByteArrayView payload = input.take(input.takeUint16());
        const auto result = ours.decompress(payload, limit);
        if (const auto *error = std::get_if<DecodeError>(&result)) {
            require(*error == DecodeError::InflateFailed || *error == DecodeError::MessageTooLarge,
                    "decompress fails only with InflateFailed or MessageTooLarge");
            require(ours.error() == *error, "the error is kept");
            const auto again = ours.decompress(QByteArrayView("\x00", 1), limit);
            require(std::get_if<DecodeError>(&again) && std::get<DecodeError>(again) == *error, "errors are sticky");
            if (*error == DecodeError::MessageTooLarge) {
                const auto reference = zlib.inflate(payload, limit);
                require(reference.output.size() > limit || reference.streamEnded,
                        "MessageTooLarge only when the message inflates beyond the limit");
            }
            return 0;
        }
        const QByteArray &inflated = std::get<QByteArray>(result);
        require(inflated.size() <= limit, "never more output than the limit");
        if (payload.isEmpty())
            continue; // read as the empty message without touching the window
        const auto reference = zlib.inflate(payload, limit);
        if (reference.streamEnded)
            return 0; // ours goes on with a new DEFLATE stream (§7.2.3.4); zlib alone stops here
        require(!reference.failed && reference.output == inflated, "an accepted message inflates as zlib inflates it");
        if (parameters.clientNoContextTakeover)
            zlib.reset();
    }
    return 0;
}
