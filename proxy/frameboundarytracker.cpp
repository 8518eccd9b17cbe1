#include "frameboundarytracker.h"

#include "server/protocol/framedecoder.h"

#include <algorithm>

namespace wslab::proxy {

using protocol::FrameDecoder;

void FrameBoundaryTracker::feed(QByteArrayView bytes)
{
    // Bounded: every turn consumes at least one byte.
    while (!bytes.isEmpty())
        bytes = bytes.sliced(advance(bytes));
}

qsizetype FrameBoundaryTracker::bytesToBoundary(QByteArrayView bytes) const
{
    return isAtBoundary() ? 0 : bytesToFrameEnd(bytes);
}

qsizetype FrameBoundaryTracker::bytesToFrameEnd(QByteArrayView bytes) const
{
    FrameBoundaryTracker copy = *this;
    qsizetype taken = 0;
    // Bounded: every turn takes at least one byte, and a frame ends after its header and payload.
    do {
        if (taken == bytes.size())
            break;
        taken += copy.advance(bytes.sliced(taken));
    } while (!copy.isAtBoundary());
    return taken;
}

qsizetype FrameBoundaryTracker::advance(QByteArrayView bytes)
{
    if (m_payloadLeft > 0) {
        const qsizetype take = qsizetype(std::min<quint64>(m_payloadLeft, quint64(bytes.size())));
        m_payloadLeft -= quint64(take);
        return take;
    }
    // A header: all of it from this piece when it is there, else gathered byte by byte.
    if (m_headerBuffered == 0) {
        if (const auto header = FrameDecoder::peekHeader(bytes)) {
            m_payloadLeft = header->payloadLength;
            return header->size();
        }
    }
    m_header[m_headerBuffered++] = bytes.front();
    const QByteArrayView gathered(m_header.data(), m_headerBuffered);
    if (const auto header = FrameDecoder::peekHeader(gathered)) {
        m_headerBuffered = 0;
        m_payloadLeft = header->payloadLength;
    }
    return 1;
}

} // namespace wslab::proxy
