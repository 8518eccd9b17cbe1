#pragma once

#include <QByteArrayView>

#include <array>

namespace wslab::proxy {

// Where the frames of a WebSocket byte stream end, known without copying a byte: it reads each
// header (RFC 6455 §5.2, through the protocol's header reader) and counts the payload past. This is
// what lets a relay that forwards bytes as they come start holding frames at any moment: holding
// begins at the next boundary. A few integer operations per frame, nothing per payload byte.
class FrameBoundaryTracker
{
public:
    // Follows these bytes (the next ones of the stream).
    void feed(QByteArrayView bytes);
    // How many of `bytes` (the next ones of the stream) still belong to the frame under way: 0 at a
    // boundary, at most bytes.size().
    [[nodiscard]] qsizetype bytesToBoundary(QByteArrayView bytes) const;
    // How many of `bytes` make up the rest of the frame under way or, at a boundary, the next
    // frame: at most bytes.size().
    [[nodiscard]] qsizetype bytesToFrameEnd(QByteArrayView bytes) const;
    [[nodiscard]] bool isAtBoundary() const noexcept { return m_headerBuffered == 0 && m_payloadLeft == 0; }
    void reset() noexcept { *this = FrameBoundaryTracker(); }

private:
    // Consumes at most `bytes` up to the end of the current frame; returns how many it took.
    qsizetype advance(QByteArrayView bytes);

    std::array<char, 14> m_header{}; // a header split across reads
    int m_headerBuffered = 0;
    quint64 m_payloadLeft = 0;
};

} // namespace wslab::proxy
