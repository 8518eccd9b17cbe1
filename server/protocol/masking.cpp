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

// 32 bytes at a time, loaded and stored through memcpy so there are no alignment or aliasing
// assumptions (source may equal destination). Built twice, for AVX2 and for baseline x86-64, and
// picked at load time: glibc's memcpy does the same, and the benchmark compares against it.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
[[gnu::target_clones("avx2", "default")]]
#endif
int copyMasked(const char *source, char *destination, qsizetype size, const MaskKey &key, int phase) noexcept
{
    using Block = unsigned char __attribute__((vector_size(32)));
    phase &= 3;
    // The 32-byte key is four copies of the 8-byte one, and only built when a block is masked:
    // most frames are small, and building it byte by byte cost more than masking them.
    const quint64 keyWord = repeatedKey(key, phase);
    qsizetype i = 0;
    if (size >= 32) {
        Block keyBlock;
        for (int j = 0; j < 32; j += 8)
            std::memcpy(reinterpret_cast<unsigned char *>(&keyBlock) + j, &keyWord, sizeof keyWord);
        for (; i + 32 <= size; i += 32) {
            Block block;
            std::memcpy(&block, source + i, sizeof block);
            block ^= keyBlock;
            std::memcpy(destination + i, &block, sizeof block);
        }
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
