#include "framehold.h"

#include "server/protocol/opcode.h"
#include "server/protocol/permessagedeflate.h"

#include <algorithm>

namespace wslab::proxy {

using capture::Direction;
using protocol::DecodedFrame;

namespace {

// Read at most this much at a time while nothing is held (the relay's own chunk).
constexpr qint64 maxChunk = 256 * 1024;

protocol::FrameDecoder framingDecoder(quint64 maxFramePayload)
{
    protocol::DecoderOptions options;
    options.framingOnly = true;
    options.maxFramePayload = maxFramePayload;
    return protocol::FrameDecoder(options);
}

} // namespace

FrameHold::FrameHold(Direction direction, Limits limits, Forward forward, Held held, Gone gone)
    : m_direction(direction)
    , m_limits(limits)
    , m_forward(std::move(forward))
    , m_onHeld(std::move(held))
    , m_onGone(std::move(gone))
    , m_decoder(framingDecoder(limits.maxFramePayload))
{
}

void FrameHold::beginFrames(qint64 httpBytes)
{
    if (m_state != State::Http)
        return;
    m_httpLeft = std::max<qint64>(0, httpBytes);
    if (m_httpLeft == 0)
        m_state = State::Passing;
}

void FrameHold::setHolding(bool on)
{
    if (on == m_holding)
        return;
    m_holding = on;
    if (!on && m_state == State::Holding)
        stopHolding();
    else if (on && m_state == State::Passing && m_tracker.isAtBoundary())
        startHolding();
}

void FrameHold::startHolding()
{
    flushOutgoing();
    m_state = State::Holding;
}

// Everything held goes out in the order it came, then the start of a frame still being read; the
// tracker picks the stream up from there.
void FrameHold::stopHolding()
{
    forwardAllHeld();
    m_state = State::Passing;
    m_tracker.reset();
    m_decoder.reset();
    m_fed = 0;
    pass(std::exchange(m_buffer, {}));
}

void FrameHold::forwardAllHeld()
{
    while (!m_held.empty()) {
        const HeldFrame frame = std::move(m_held.front());
        m_held.pop_front();
        m_heldBytes -= frame.frame.wireSize();
        m_forward(frame.frame.wireBytes(), nullptr);
        m_onGone(frame.id);
    }
}

void FrameHold::take(QByteArrayView bytes)
{
    // Bounded: every turn consumes bytes or changes state towards Passing/Holding/Lost.
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::Http: {
            const qsizetype n = m_httpLeft < 0 ? bytes.size() : qsizetype(std::min<qint64>(m_httpLeft, bytes.size()));
            m_forward(bytes.first(n), nullptr);
            bytes = bytes.sliced(n);
            if (m_httpLeft >= 0) {
                m_httpLeft -= n;
                if (m_httpLeft == 0)
                    m_state = State::Passing;
            }
            break;
        }
        case State::Lost:
            m_forward(bytes, nullptr);
            return;
        case State::Passing: {
            // The rest of a frame under way passes; at a boundary, what waits goes out first.
            const qsizetype n = m_tracker.bytesToBoundary(bytes);
            if (n > 0) {
                pass(bytes.first(n));
                bytes = bytes.sliced(n);
                break;
            }
            if (m_holding) {
                startHolding();
                break;
            }
            flushOutgoing();
            pass(bytes);
            return;
        }
        case State::Holding:
            hold(bytes);
            return;
        }
    }
}

void FrameHold::pass(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_tracker.feed(bytes);
    m_forward(bytes, nullptr);
    if (m_tracker.isAtBoundary())
        flushOutgoing();
}

// Frame by frame, so that the queue never holds more than its count: the decoder gets the bytes of
// one frame at a time, and what comes after the frame that filled the queue waits, unread by it.
void FrameHold::hold(QByteArrayView bytes)
{
    m_buffer.append(bytes);
    qsizetype done = 0; // the bytes at the front of m_buffer that are held frames now
    // Bounded: every turn feeds at least one byte, or stops.
    while (m_state == State::Holding && heldCount() < m_limits.maxFrames && m_fed < m_buffer.size()) {
        const QByteArrayView rest = QByteArrayView(m_buffer).sliced(m_fed);
        const QByteArrayView piece = rest.first(m_tracker.bytesToFrameEnd(rest));
        m_tracker.feed(piece);
        QList<DecodedFrame> frames;
        const auto error = m_decoder.feed(piece, frames);
        m_fed += piece.size();
        if (error) {
            m_buffer.remove(0, done);
            loseFraming();
            return;
        }
        if (frames.isEmpty())
            continue;
        done = m_fed; // the piece ended where the frame ends
        HeldFrame held;
        held.id = m_nextId++;
        held.direction = m_direction;
        held.inflated = inflated(frames.front());
        held.frame = std::move(frames.front());
        m_heldBytes += held.frame.wireSize();
        m_held.push_back(std::move(held));
        m_onHeld(m_held.back());
    }
    m_buffer.remove(0, done);
    m_fed -= done;
}

// A frame too long to hold, or a length no stream can have: the framing is given up, and the rest
// of the stream passes as it comes, after the frames held before it.
void FrameHold::loseFraming()
{
    m_state = State::Lost;
    forwardAllHeld();
    m_forward(std::exchange(m_buffer, {}), nullptr);
    m_fed = 0;
}

void FrameHold::resume()
{
    if (m_state == State::Holding)
        hold({});
}

bool FrameHold::send(QByteArray frameBytes, Mark mark)
{
    if (!knowsFrames())
        return false;
    m_outgoing.push_back(Outgoing{std::move(frameBytes), std::move(mark)});
    if (m_state == State::Holding || m_tracker.isAtBoundary())
        flushOutgoing();
    return true;
}

void FrameHold::flushOutgoing()
{
    while (!m_outgoing.empty()) {
        const Outgoing next = std::move(m_outgoing.front());
        m_outgoing.pop_front();
        m_forward(next.bytes, &next.mark);
    }
}

std::optional<DecodedFrame> FrameHold::release(quint64 id)
{
    const auto it = std::find_if(m_held.begin(), m_held.end(), [id](const HeldFrame &f) { return f.id == id; });
    if (it == m_held.end())
        return std::nullopt;
    DecodedFrame frame = std::move(it->frame);
    m_held.erase(it);
    m_heldBytes -= frame.wireSize();
    m_onGone(id);
    return frame;
}

void FrameHold::forwardPartial()
{
    if (m_state == State::Holding && m_held.empty() && !m_buffer.isEmpty())
        loseFraming();
}

qint64 FrameHold::room() const
{
    if (m_state != State::Holding)
        return maxChunk;
    if (heldCount() >= m_limits.maxFrames)
        return 0;
    const qint64 left = m_limits.maxBytes - m_heldBytes - m_buffer.size();
    if (left > 0 || !m_held.empty())
        return std::max<qint64>(left, 0);
    // Nothing held and the frame being read is longer than the limit: it is taken whole anyway
    // (the decoder refuses one over maxFramePayload), or no frame could ever be held.
    const auto partial = m_decoder.partialFrame();
    return partial ? std::min<qint64>(maxChunk, qint64(partial->header->payloadLength) - partial->payloadSoFar.size())
                   : qint64(protocol::maxHeaderSize);
}

QList<HeldFrame> FrameHold::heldFrames() const
{
    return QList<HeldFrame>(m_held.begin(), m_held.end());
}

qint64 FrameHold::bufferedBytes() const noexcept
{
    qint64 total = m_heldBytes + m_buffer.size();
    for (const Outgoing &outgoing : m_outgoing)
        total += outgoing.bytes.size();
    return total;
}

// RFC 7692 §7.1.1: when the sender compresses each message on its own, a whole compressed message
// inflates without the ones before it.
std::optional<QByteArray> FrameHold::inflated(const DecodedFrame &frame) const
{
    if (!m_deflate || !frame.header.rsv1 || !frame.header.fin || !protocol::isData(frame.header.opcode))
        return std::nullopt;
    const bool fromClient = m_direction == Direction::Inbound;
    if (!(fromClient ? m_deflate->clientNoContextTakeover : m_deflate->serverNoContextTakeover))
        return std::nullopt;
    // The receiver's decompressor: a server inflates with the client's window, and the other way.
    protocol::PerMessageDeflate deflate(*m_deflate, fromClient ? protocol::Role::Server : protocol::Role::Client);
    auto result = deflate.decompress(frame.payload, qint64(m_limits.maxFramePayload));
    if (auto *message = std::get_if<QByteArray>(&result))
        return std::move(*message);
    return std::nullopt;
}

} // namespace wslab::proxy
