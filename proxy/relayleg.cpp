#include "relayleg.h"

#include "relayend.h"

#include <memory>

namespace wslab::proxy {

namespace {

// Read at most this much at a time, and at most this many times per wake, so one busy leg does not
// starve the event loop (the stream is level-triggered: what is left wakes it again). A chunk is
// written out and dissected right after it is read: at 32 KiB it is still in the core's L1 data
// cache then, at 64 KiB it is not (the README's proxy benchmark has what that costs).
constexpr qint64 maxChunk = 32 * 1024;
constexpr int maxReadsPerWake = 16;

// Where a leg that forwards what it reads as it is (no transform, no stage: the common case) reads
// into: one buffer for every leg of the thread, so a read costs no allocation and an idle leg no
// memory. What the destination does not take at once is copied by it.
char *scratchBuffer()
{
    thread_local std::unique_ptr<char[]> buffer(new char[maxChunk]);
    return buffer.get();
}

} // namespace

RelayLeg::RelayLeg(RelayEnd *from, RelayEnd *to, qint64 bound, QObject *parent)
    : QObject(parent)
    , m_from(from)
    , m_to(to)
    , m_bound(qMax<qint64>(bound, 1))
{
    // A TLS socket decrypts into its own buffer: capped, so that the backpressure reaches TCP.
    m_from->setReadBound(m_bound);
}

void RelayLeg::start(QByteArray early)
{
    if (m_started)
        return;
    m_started = true;
    connect(m_from, &RelayEnd::readyRead, this, &RelayLeg::pump);
    connect(m_to, &RelayEnd::bytesWritten, this, &RelayLeg::pump);
    if (!early.isEmpty())
        pass(std::move(early));
    pump();
}

qint64 RelayLeg::bufferedBytes() const
{
    return m_from->bytesAvailable() + m_to->bytesToWrite();
}

void RelayLeg::pass(QByteArray &&chunk)
{
    if (m_transform)
        chunk = m_transform(std::move(chunk));
    if (m_stage)
        m_stage(std::move(chunk));
    else
        forward(chunk);
}

void RelayLeg::pump()
{
    if (!m_started || m_sourceDone)
        return;
    // Bounded: each turn reads at least one byte or stops.
    // A TLS socket's buffer is drained whole (it says readyRead only for new bytes).
    for (int reads = 0; reads < maxReadsPerWake || m_from->bytesAvailable() > 0; ++reads) {
        const bool deliverable = m_to->isOpen();
        // The destination gone: what is left cannot be delivered, but is read (and dropped) so
        // that the source's end is seen.
        const qint64 room = deliverable ? qMin(m_bound - m_to->bytesToWrite(), m_room ? m_room() : maxChunk) : maxChunk;
        if (room <= 0) {
            m_heldBack = true;
            m_from->setReadEnabled(false);
            return;
        }
        const qint64 wanted = qMin(room, maxChunk);
        const qint64 moved = moveOnce(wanted, deliverable);
        // A read that did not fill its buffer emptied the socket: asking again would cost a
        // system call that says so (the poller wakes the leg when more arrives).
        if (moved < wanted && m_from->bytesAvailable() <= 0)
            break;
    }
    m_heldBack = false;
    if (!m_sourceDone)
        m_from->setReadEnabled(true);
}

qint64 RelayLeg::moveOnce(qint64 size, bool deliverable)
{
    const bool direct = !m_transform && !m_stage;
    QByteArray chunk;
    char *into = scratchBuffer();
    if (!direct) {
        chunk.resize(size);
        into = chunk.data();
    }
    const qint64 n = m_from->read(into, size);
    if (n < 0) {
        m_sourceDone = true;
        m_from->setReadEnabled(false);
    }
    if (n <= 0)
        return 0;
    if (!deliverable)
        return n;
    if (direct) {
        forward(QByteArrayView(into, n));
    } else {
        chunk.truncate(n);
        pass(std::move(chunk));
    }
    return n;
}

void RelayLeg::forward(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_forwarded += quint64(bytes.size());
    // Sent first, dissected after: the capture adds no time to the bytes' way through the proxy.
    // (Writing never calls back synchronously, so the observer still sees every piece in order.)
    m_to->write(bytes);
    if (m_observer)
        m_observer(bytes);
}

} // namespace wslab::proxy
