#pragma once

#include "decodeerror.h"
#include "deflateoffer.h"
#include "framedecoder.h"
#include "messageassembler.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>
#include <variant>

namespace wslab::protocol {

// Compressor settings that are not negotiated: they change speed and memory, never the wire format.
struct DeflateOptions
{
    int compressionLevel = 6; // zlib 1..9 (6 is its default); 0 only stores
    int memLevel = 8;         // zlib 1..9: the hash table behind the compressor's matching
};

// The RFC 7692 §7.2 payload transformation for one connection: a compressor for the messages this
// end sends and a decompressor for the ones it receives, each with its own LZ77 window. Pure bytes
// in and out, like the rest of the protocol layer; zlib stays inside the .cpp.
//
// Memory, per connection and direction, in zlib's own terms (w = window bits):
//   compressor   2^(w+2) + 2^(memLevel+9) + ~6 KiB   (w = 15, memLevel 8: ~262 KiB)
//   decompressor 2^w + ~7 KiB                         (w = 15: ~39 KiB)
// A direction is allocated at its first message. With context takeover it is kept for the
// connection's life (its window is the context); with no context takeover it is released after
// every message, so between messages it costs nothing: that is what a server buys by asking for
// server_no_context_takeover / client_no_context_takeover (DeflatePolicy).
class PerMessageDeflate
{
public:
    // `role` says which window and takeover rule apply to which direction: a server compresses with
    // the server_* parameters and decompresses with the client_* ones.
    explicit PerMessageDeflate(DeflateParameters parameters, Role role = Role::Server, DeflateOptions options = {});
    ~PerMessageDeflate();
    PerMessageDeflate(PerMessageDeflate &&) noexcept;
    PerMessageDeflate &operator=(PerMessageDeflate &&) noexcept;

    // RFC 7692 §7.2.1: DEFLATE with a sync flush, minus the 00 00 ff ff that ends it. The result is
    // the payload of a message sent with RSV1 set on its first frame. An empty message becomes the
    // one byte 00 (an empty stored block without its tail).
    [[nodiscard]] QByteArray compress(QByteArrayView message);

    // RFC 7692 §7.2.2: inflates a whole message's payload with 00 00 ff ff appended. Output is
    // bounded: MessageTooLarge as soon as it would exceed `maxSize` bytes, whatever the payload claims,
    // so no more than maxSize + 1 bytes of output are ever allocated. InflateFailed for data that is
    // not DEFLATE, refers back beyond what the decompressor holds (the previous messages' last
    // 2^window bytes, with context takeover), or does not end on a block boundary. Errors are
    // sticky: the context is lost, so every later call returns the same error.
    [[nodiscard]] std::variant<QByteArray, DecodeError> decompress(QByteArrayView payload, qint64 maxSize);

    // A second decompressor in this one's exact state (its window, its error), with no compressor:
    // it can inflate messages ahead of this one, for a preview, and this one then inflates the same
    // messages to the same bytes.
    [[nodiscard]] PerMessageDeflate decompressorCopy();

    [[nodiscard]] const DeflateParameters &parameters() const noexcept;
    [[nodiscard]] Role role() const noexcept;
    // Window bits of each direction as negotiated.
    [[nodiscard]] int compressWindowBits() const noexcept;
    [[nodiscard]] int decompressWindowBits() const noexcept;
    [[nodiscard]] bool keepsCompressContext() const noexcept;
    [[nodiscard]] bool keepsDecompressContext() const noexcept;
    [[nodiscard]] std::optional<DecodeError> error() const noexcept;
    // Bytes zlib holds right now for this connection (both directions).
    [[nodiscard]] qint64 zlibMemory() const noexcept;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The step between MessageAssembler and the application on a connection with permessage-deflate:
// a message that arrived with RSV1 (`message.compressed`) is inflated (RFC 7692 §6.2) and, if it is
// text, validated as UTF-8 now, since the assembler could not validate deflated bytes (RFC 6455
// §8.1). On success the payload is the plain message and `compressed` is false. Uncompressed
// messages are left alone: the assembler already validated them.
[[nodiscard]] std::optional<DecodeError> inflateMessage(PerMessageDeflate &deflate, Message &message, qint64 maxSize);

} // namespace wslab::protocol
