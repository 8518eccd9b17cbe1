#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

#include <functional>

namespace wslab::proxy {

class RelayEnd;

// One direction of a relayed connection: what `from` reads is written to `to`, byte for byte.
// Never more than `bound` bytes wait to be written to `to`: past it the leg stops reading `from`,
// the kernel's receive buffer fills, and TCP's flow control holds the sender back (RFC 9293
// §3.8.6). `to` writing its bytes out resumes the leg. Nothing is held between reads: an idle leg
// costs no buffer.
class RelayLeg : public QObject
{
    Q_OBJECT
public:
    // Sees every piece as it is forwarded (after the transform), in order.
    using Observer = std::function<void(QByteArrayView forwarded)>;
    // May change what is forwarded (a rewritten Host header); identity when unset.
    using Transform = std::function<QByteArray(QByteArray &&read)>;
    // Takes what is read (after the transform) instead of forwarding it, and forwards through
    // forward() as it sees fit (the intercept); `Room` bounds each read, 0 stops reading.
    using Stage = std::function<void(QByteArray &&read)>;
    using Room = std::function<qint64()>;

    RelayLeg(RelayEnd *from, RelayEnd *to, qint64 bound, QObject *parent = nullptr);

    void setObserver(Observer observer) { m_observer = std::move(observer); }
    void setTransform(Transform transform) { m_transform = std::move(transform); }
    void setStage(Stage stage, Room room)
    {
        m_stage = std::move(stage);
        m_room = std::move(room);
    }
    // Writes bytes to `to` as forwarded: the observer sees them.
    void forward(QByteArrayView bytes);

    // Starts forwarding: `early` (what was read from `from` before), then everything after.
    void start(QByteArray early = {});
    // Moves what it can now; called on `from`'s readyRead and `to`'s bytesWritten.
    void pump();

    // `from` has nothing more to give: it ended, and everything it sent has been read.
    [[nodiscard]] bool isSourceDone() const noexcept { return m_sourceDone; }
    // Bytes this leg holds in memory: read and not forwarded, forwarded and not yet written out.
    [[nodiscard]] qint64 bufferedBytes() const;
    // The last pump left bytes unread because `to` had `bound` bytes waiting.
    [[nodiscard]] bool isHeldBack() const noexcept { return m_heldBack; }
    [[nodiscard]] quint64 forwardedBytes() const noexcept { return m_forwarded; }

private:
    void pass(QByteArray &&chunk);
    // Reads up to `size` bytes once and passes them on (drops them if not `deliverable`); the bytes
    // read, 0 when there is nothing to read now or any more.
    qint64 moveOnce(qint64 size, bool deliverable);

    RelayEnd *m_from;
    RelayEnd *m_to;
    qint64 m_bound;
    Observer m_observer;
    Transform m_transform;
    Stage m_stage;
    Room m_room;
    quint64 m_forwarded = 0;
    bool m_started = false;
    bool m_heldBack = false;
    bool m_sourceDone = false;
};

} // namespace wslab::proxy
