#pragma once

#include "frameboundarytracker.h"
#include "heldframe.h"

#include "capture/frameintervention.h"
#include "server/protocol/deflateoffer.h"
#include "server/protocol/framedecoder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace wslab::proxy {

// The intercept of one direction of a relayed connection. Before the upgrade every byte passes.
// After it the stream's frame boundaries are followed (FrameBoundaryTracker) and bytes still pass
// as they come, unless holding is on: then, from the next boundary, the stream is cut into whole
// frames by the protocol's FrameDecoder (framing only: invalid frames are held like any other) and
// each frame waits in a queue until it is released, and the user's frames (edited or injected) go
// out between whole frames. No sockets: bytes in through take(), bytes out through `Forward`, so
// the relay and the tests drive it the same way.
//
// Bounded: room() says how much more may be read. While frames are held it is what is left of the
// byte limit, and nothing at the frame limit, so the relay stops reading and TCP holds the sender
// back; an empty queue always takes the next frame whole (up to maxFramePayload, beyond which the
// framing is given up and the rest of the stream passes as it comes).
class FrameHold
{
public:
    struct Limits
    {
        qsizetype maxFrames = 256;
        qint64 maxBytes = 4 * 1024 * 1024;
        quint64 maxFramePayload = 16 * 1024 * 1024;
    };
    // What the capture is told about forwarded bytes the sender did not write as they are.
    struct Mark
    {
        std::shared_ptr<const capture::FrameIntervention> intervention;
        QString note;
    };
    // Writes bytes to the receiver; `mark` is set for a frame the proxy built.
    using Forward = std::function<void(QByteArrayView bytes, const Mark *mark)>;
    // A frame has just been held.
    using Held = std::function<void(const HeldFrame &frame)>;
    // A frame has left the queue: released, or forwarded because holding stopped.
    using Gone = std::function<void(quint64 id)>;

    FrameHold(capture::Direction direction, Limits limits, Forward forward, Held held, Gone gone);

    // The upgrade: after `httpBytes` more bytes (the rest of the handshake) the stream is frames.
    void beginFrames(qint64 httpBytes);
    // The agreed permessage-deflate parameters, for showing held messages inflated.
    void setDeflate(std::optional<protocol::DeflateParameters> parameters) { m_deflate = parameters; }
    [[nodiscard]] const std::optional<protocol::DeflateParameters> &deflate() const noexcept { return m_deflate; }
    // Frames are known: the stream has been upgraded and its framing not lost.
    [[nodiscard]] bool knowsFrames() const noexcept { return m_state == State::Passing || m_state == State::Holding; }

    // On: frames are held from the next boundary. Off: what is held is forwarded, in order.
    void setHolding(bool on);
    [[nodiscard]] bool isHolding() const noexcept { return m_holding; }

    // The next bytes read from the sender.
    void take(QByteArrayView bytes);
    // How many more bytes may be read now (0: stop reading).
    [[nodiscard]] qint64 room() const;

    // Writes a frame the proxy's user built, marked for the capture, at the next frame boundary:
    // at once unless a frame is half forwarded. False before the upgrade or once the framing is
    // lost (boundaries unknown).
    bool send(QByteArray frameBytes, Mark mark);
    // Takes a held frame out of the queue (to forward, drop or replace it); empty if not held.
    [[nodiscard]] std::optional<protocol::DecodedFrame> release(quint64 id);
    // After a release: frames read while the queue was full are held now, as far as it has room.
    void resume();
    // The sender is gone and nothing is held: the start of an unfinished frame passes as it came.
    void forwardPartial();

    [[nodiscard]] QList<HeldFrame> heldFrames() const;
    [[nodiscard]] qsizetype heldCount() const noexcept { return qsizetype(m_held.size()); }
    // Bytes in memory: held frames, an unfinished frame, frames waiting for a boundary.
    [[nodiscard]] qint64 bufferedBytes() const noexcept;

private:
    enum class State : quint8 {
        Http,    // before the upgrade: bytes pass
        Passing, // frames followed, bytes pass
        Holding, // frames held
        Lost,    // framing given up: bytes pass, boundaries unknown
    };
    struct Outgoing
    {
        QByteArray bytes;
        Mark mark;
    };

    void pass(QByteArrayView bytes);
    void hold(QByteArrayView bytes);
    void loseFraming();
    void startHolding();
    void stopHolding();
    void forwardAllHeld();
    void flushOutgoing();
    [[nodiscard]] std::optional<QByteArray> inflated(const protocol::DecodedFrame &frame) const;

    capture::Direction m_direction;
    Limits m_limits;
    Forward m_forward;
    Held m_onHeld;
    Gone m_onGone;
    State m_state = State::Http;
    bool m_holding = false;
    qint64 m_httpLeft = -1; // Http: bytes of handshake still to pass once the upgrade is known
    FrameBoundaryTracker m_tracker;
    protocol::FrameDecoder m_decoder;
    // Holding: bytes read and not yet held, from the start of the frame being read. The first
    // m_fed of them went to the decoder; the rest wait for room in the queue.
    QByteArray m_buffer;
    qsizetype m_fed = 0;
    std::deque<HeldFrame> m_held;
    qint64 m_heldBytes = 0;
    quint64 m_nextId = 1;
    std::deque<Outgoing> m_outgoing;
    std::optional<protocol::DeflateParameters> m_deflate;
};

} // namespace wslab::proxy
