#pragma once

#include "frameheader.h"

#include <QByteArray>

namespace wslab::protocol {

// One frame as the decoder read it. The header bytes are kept exactly as they arrived; the payload is
// kept unmasked. The masked wire bytes are not stored a second time: masking is its own inverse, so
// wireBytes() gives back exactly what crossed the wire at half the memory a capture would need.
struct DecodedFrame
{
    FrameHeader header;
    std::array<char, maxHeaderSize> headerBytes{}; // the first header.size() bytes are valid
    QByteArray payload;                            // unmasked

    [[nodiscard]] qsizetype headerSize() const noexcept { return header.size(); }
    [[nodiscard]] qsizetype payloadOffset() const noexcept { return header.size(); }
    [[nodiscard]] qsizetype wireSize() const noexcept { return header.size() + payload.size(); }
    [[nodiscard]] QByteArray wireHeader() const { return QByteArray(headerBytes.data(), header.size()); }
    [[nodiscard]] QByteArray wireBytes() const;      // header + payload, masked again if MASK = 1
    [[nodiscard]] QByteArray maskedPayload() const;  // the payload as it was on the wire
};

} // namespace wslab::protocol
