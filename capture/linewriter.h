#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace wslab::capture {

// Appends the pieces of one line to a QByteArray through a pointer into its storage. A frame's
// line is two dozen pieces and a live capture prints a few hundred thousand lines a second;
// QByteArray::append checks sharing and capacity, out of line, for each piece, which was half of
// the printing. Here a piece costs one comparison; the array grows, rarely, when a line outruns
// the room reserved. The array has its final size once the writer is gone.
class LineWriter
{
public:
    explicit LineWriter(QByteArray &out, qsizetype expectedBytes = 256)
        : m_out(out)
    {
        const qsizetype start = out.size();
        out.resize(start + expectedBytes);
        m_at = out.data() + start;
        m_end = out.data() + out.size();
    }
    ~LineWriter() { m_out.resize(m_at - m_out.constData()); }
    LineWriter(const LineWriter &) = delete;
    LineWriter &operator=(const LineWriter &) = delete;

    void put(char c)
    {
        makeRoom(1);
        *m_at++ = c;
    }
    // A string literal: its length is known without strlen.
    template <size_t N>
    void put(const char (&literal)[N])
    {
        makeRoom(qsizetype(N - 1));
        std::memcpy(m_at, literal, N - 1); // a fixed size: a few moves, not a call
        m_at += N - 1;
    }
    void put(QByteArrayView bytes)
    {
        if (bytes.isEmpty())
            return; // an empty array's data may be null, which memcpy may not be given
        makeRoom(bytes.size());
        copy(m_at, bytes.data(), bytes.size());
        m_at += bytes.size();
    }
    // A NUL-terminated name (an opcode's, a close code's).
    void putName(const char *name) { put(QByteArrayView(name, qsizetype(std::strlen(name)))); }
    void putRepeated(char c, qsizetype count)
    {
        if (count <= 0)
            return;
        makeRoom(count);
        std::memset(m_at, c, size_t(count));
        m_at += count;
    }
    // `text` padded with `fill` to `width` characters, on the left (right-aligned) or on the right.
    void putPadded(QByteArrayView text, qsizetype width, char fill, bool alignLeft)
    {
        const qsizetype padding = width - text.size();
        if (!alignLeft)
            putRepeated(fill, padding);
        put(text);
        if (alignLeft)
            putRepeated(fill, padding);
    }
    // Decimal, as QString::number writes it, padded as putPadded() does.
    void putNumber(qint64 value, qsizetype width = 0, char fill = ' ', bool alignLeft = false)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        putPadded(QByteArrayView(digits, end - digits), width, fill, alignLeft);
    }
    // Room for `count` bytes written straight to the returned pointer; commit(count) then keeps them.
    [[nodiscard]] char *reserve(qsizetype count)
    {
        makeRoom(count);
        return m_at;
    }
    void commit(qsizetype count) { m_at += count; }

    // Where the next byte goes, as an index into the array.
    [[nodiscard]] qsizetype position() const { return m_at - m_out.constData(); }
    // Takes back the last `count` bytes written.
    void chop(qsizetype count) { m_at -= count; }

private:
    // Most pieces are a few bytes (a number, a name, the time): copied in two overlapping fixed-size
    // moves instead of a call to memcpy, which was a tenth of the printing.
    static void copy(char *to, const char *from, qsizetype count)
    {
        if (count > 16) {
            std::memcpy(to, from, size_t(count));
        } else if (count >= 8) {
            copyEnds<8>(to, from, count);
        } else if (count >= 4) {
            copyEnds<4>(to, from, count);
        } else {
            to[0] = from[0];
            to[count / 2] = from[count / 2];
            to[count - 1] = from[count - 1];
        }
    }
    // The first and the last `N` of `count` bytes (N <= count <= 2N), which together are all of them.
    template <size_t N>
    static void copyEnds(char *to, const char *from, qsizetype count)
    {
        char head[N];
        char tail[N];
        std::memcpy(head, from, N);
        std::memcpy(tail, from + count - qsizetype(N), N);
        std::memcpy(to, head, N);
        std::memcpy(to + count - qsizetype(N), tail, N);
    }

    void makeRoom(qsizetype count)
    {
        if (m_end - m_at < count)
            grow(count);
    }
    void grow(qsizetype count)
    {
        const qsizetype used = m_at - m_out.constData();
        m_out.resize(std::max(used + count, 2 * m_out.size()));
        m_at = m_out.data() + used;
        m_end = m_out.data() + m_out.size();
    }

    QByteArray &m_out;
    char *m_at = nullptr;
    char *m_end = nullptr;
};

} // namespace wslab::capture
