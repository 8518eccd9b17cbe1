#pragma once

// Shared by the fuzz targets: the leading bytes of an input choose settings and split points, the
// rest is the stream under test; and a property that does not hold ends the run as a crash, so
// libFuzzer keeps the input that broke it.

#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace wslab::fuzz {

class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_bytes(reinterpret_cast<const char *>(data), qsizetype(size))
    {
    }

    // 0 once the input is used up, so every input is a valid one.
    quint8 takeByte()
    {
        if (m_bytes.isEmpty())
            return 0;
        const auto byte = quint8(m_bytes.front());
        m_bytes = m_bytes.sliced(1);
        return byte;
    }
    quint16 takeUint16()
    {
        const quint8 high = takeByte(); // two statements: the order of operands is unspecified
        return quint16(high << 8 | takeByte());
    }
    QByteArrayView take(qsizetype count)
    {
        const QByteArrayView taken = m_bytes.first(qMin(count, m_bytes.size()));
        m_bytes = m_bytes.sliced(taken.size());
        return taken;
    }
    // Piece sizes for cut(): a count byte (0..7), then that many sizes.
    QByteArrayView takeSplits() { return take(takeByte() & 7); }
    [[nodiscard]] QByteArrayView rest() const { return m_bytes; }

private:
    QByteArrayView m_bytes;
};

// `bytes` cut into pieces whose sizes (each byte + 1) are taken from `splits` in turn; one piece
// when there are no splits.
inline QList<QByteArrayView> cut(QByteArrayView bytes, QByteArrayView splits)
{
    if (splits.isEmpty())
        return {bytes};
    QList<QByteArrayView> pieces;
    for (qsizetype offset = 0, i = 0; offset < bytes.size(); ++i) {
        const qsizetype size = qMin<qsizetype>(quint8(splits[i % splits.size()]) + 1, bytes.size() - offset);
        pieces.append(bytes.sliced(offset, size));
        offset += size;
    }
    return pieces;
}

// A property that must hold for every input.
inline void require(bool holds, const char *property)
{
    if (holds)
        return;
    std::fprintf(stderr, "property broken: %s\n", property);
    std::abort();
}

} // namespace wslab::fuzz
