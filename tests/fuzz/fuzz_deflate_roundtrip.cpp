// permessage-deflate against zlib on valid data: messages compressed by zlib itself (any level,
// memory level and strategy, with or without context takeover) inflate with PerMessageDeflate to
// the original bytes, and what PerMessageDeflate compresses, zlib inflates to the original bytes.
//   input: [window bits - 9: bits 0-2, no context takeover: bit 3, strategy: bits 4-6]
//          [level] [memory level] then messages, each [length: 2 bytes] bytes

#include "fuzzinput.h"
#include "zlibreference.h"

#include "server/protocol/permessagedeflate.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    const quint8 options = input.takeByte();
    const int level = input.takeByte() % 10;
    const int memLevel = 1 + input.takeByte() % 9;
    constexpr int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED};
    const int strategy = strategies[((options >> 4) & 7) % 5];
    DeflateParameters parameters;
    parameters.clientMaxWindowBits = minCompressWindowBits + (options & 7) % 7; // zlib compresses in 9..15
    parameters.clientNoContextTakeover = options & 8;
    parameters.serverMaxWindowBits = parameters.clientMaxWindowBits;
    parameters.serverNoContextTakeover = parameters.clientNoContextTakeover;

    // The client compresses with zlib, the server inflates with ours; the server answers with ours,
    // the client inflates with zlib.
    wslab::fuzz::ZlibDeflater clientDeflater(parameters.clientMaxWindowBits, level, memLevel, strategy);
    wslab::fuzz::ZlibInflater clientInflater(parameters.serverMaxWindowBits);
    PerMessageDeflate server(parameters, Role::Server, DeflateOptions{level, memLevel});
    constexpr qint64 limit = 1 << 20;
    while (!input.rest().isEmpty()) {
        const QByteArrayView message = input.take(input.takeUint16());

        const QByteArray compressed = clientDeflater.compress(message);
        const auto inflated = server.decompress(compressed, limit);
        require(std::holds_alternative<QByteArray>(inflated) && std::get<QByteArray>(inflated) == message,
                "what zlib compressed inflates to the message");

        const QByteArray answer = server.compress(message);
        const auto reference = clientInflater.inflate(answer, limit);
        require(!reference.failed && !reference.streamEnded && reference.output == message,
                "what we compressed, zlib inflates to the message");

        if (parameters.clientNoContextTakeover) {
            clientDeflater.reset();
            clientInflater.reset();
        }
    }
    return 0;
}
