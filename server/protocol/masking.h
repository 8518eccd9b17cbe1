#pragma once

#include "frameheader.h"

namespace wslab::protocol {

// RFC 6455 §5.3: transformed[i] = original[i] XOR key[i mod 4]. The phase is (i mod 4) of the first
// byte, so a payload that arrives in pieces is unmasked piece by piece; each call returns the
// phase for the next piece. Touches exactly [data, data + size).
int applyMask(char *data, qsizetype size, const MaskKey &key, int phase = 0) noexcept;

// The same transform while copying: one pass over memory instead of a copy and then a pass.
int copyMasked(const char *source, char *destination, qsizetype size, const MaskKey &key,
               int phase = 0) noexcept;

// The textbook loop, DECODED[i] = ENCODED[i] ^ MASK[i % 4]: kept as the reference the tests and the
// benchmark compare the fast path with.
int applyMaskBytewise(char *data, qsizetype size, const MaskKey &key, int phase = 0) noexcept;

} // namespace wslab::protocol
