#pragma once

#include <QtGlobal>

#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

namespace wslab::capture {

// A growing array of plain values kept in chunks of 2 MiB: growing never moves what is there,
// and every chunk after the first is advised as a huge page (Linux, transparent huge pages in
// "madvise" mode), so a million entries cost a few dozen page faults instead of tens of
// thousands. A fault costs microseconds in a virtual machine; a file window's store takes one
// entry per record, on the GUI thread. The first chunk keeps ordinary pages, so a small store
// stays small.
template <typename T>
class ChunkedArray
{
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

public:
    static constexpr size_t chunkBytes = size_t(2) * 1024 * 1024;
    static constexpr size_t perChunk = chunkBytes / sizeof(T);

    [[nodiscard]] size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] T &operator[](size_t i) noexcept { return m_chunks[i / perChunk].get()[i % perChunk]; }
    [[nodiscard]] const T &operator[](size_t i) const noexcept { return m_chunks[i / perChunk].get()[i % perChunk]; }

    void push_back(const T &value)
    {
        if (m_size == m_chunks.size() * perChunk)
            m_chunks.push_back(allocateChunk(!m_chunks.empty()));
        new (&m_chunks.back().get()[m_size % perChunk]) T(value);
        ++m_size;
    }

    void clear() noexcept
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    struct Free
    {
        void operator()(T *chunk) const noexcept { std::free(chunk); }
    };
    using Chunk = std::unique_ptr<T, Free>;

    static Chunk allocateChunk(bool huge)
    {
        void *memory = std::aligned_alloc(chunkBytes, chunkBytes);
        if (!memory)
            throw std::bad_alloc();
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
        if (huge)
            madvise(memory, chunkBytes, MADV_HUGEPAGE); // advice only: ordinary pages if refused
#else
        Q_UNUSED(huge);
#endif
        return Chunk(static_cast<T *>(memory));
    }

    std::vector<Chunk> m_chunks;
    size_t m_size = 0;
};

} // namespace wslab::capture
