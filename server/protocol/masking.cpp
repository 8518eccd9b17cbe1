#include "masking.h"

#include <cstring>

namespace wslab::protocol {

namespace {

// The key repeated so that byte j of the word masks payload byte (phase + j): eight bytes span two
// whole periods of the key, so the same word serves every aligned step of the loop.
quint64 repeatedKey(const MaskKey &key, int phase) noexcept
{
    unsigned char bytes[8];
    for (int j = 0; j < 8; ++j)
        bytes[j] = key[(phase + j) & 3];
    quint64 word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

} // namespace

int copyMasked(const char *source, char *destination, qsizetype size, const MaskKey &key, int phase) noexcept
{
    phase &= 3;
    const quint64 keyWord = repeatedKey(key, phase);
    qsizetype i = 0;
    // memcpy in and out keeps this free of alignment and aliasing assumptions (source may equal
    // destination); the compiler turns the word loop into vector loads, XORs and stores.
    for (; i + 32 <= size; i += 32) {
        quint64 words[4];
        std::memcpy(words, source + i, sizeof words);
        words[0] ^= keyWord;
        words[1] ^= keyWord;
        words[2] ^= keyWord;
        words[3] ^= keyWord;
        std::memcpy(destination + i, words, sizeof words);
    }
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, source + i, sizeof word);
        word ^= keyWord;
        std::memcpy(destination + i, &word, sizeof word);
    }
    for (; i < size; ++i)
        destination[i] = char(quint8(source[i]) ^ key[(phase + i) & 3]);
    return int((phase + size) & 3);
}

int applyMask(char *data, qsizetype size, const MaskKey &key, int phase) noexcept
{
    return copyMasked(data, data, size, key, phase);
}

int applyMaskBytewise(char *data, qsizetype size, const MaskKey &key, int phase) noexcept
{
    phase &= 3;
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(quint8(data[i]) ^ key[(phase + i) % 4]);
    return int((phase + size) % 4);
}

} // namespace wslab::protocol
