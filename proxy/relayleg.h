#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

#include <functional>

QT_BEGIN_NAMESPACE
class QAbstractSocket;
QT_END_NAMESPACE

namespace wslab::proxy {

// One direction of a relayed connection: what `from` reads is written to `to`, byte for byte.
// Never more than `bound` bytes wait in `to`'s write buffer: past it the leg stops reading, `from`'s
// read buffer (capped at the same bound) fills, Qt stops reading that socket, and TCP's flow control
// holds the sender back (RFC 9293 §3.8.6). `to` writing its bytes out resumes the leg.
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

    RelayLeg(QAbstractSocket *from, QAbstractSocket *to, qint64 bound, QObject *parent = nullptr);

    void setObserver(Observer observer) { m_observer = std::move(observer); }
    void setTransform(Transform transform) { m_transform = std::move(transform); }
    void setStage(Stage stage, Room room)
    {
        m_stage = std::move(stage);
        m_room = std::move(room);
    }
    // Writes bytes to `to` as forwarded: the observer sees them.
    void forward(QByteArrayView bytes);

    // Starts forwarding (what `from` already holds, and everything after).
    void start();
    // Moves what it can now; called on `from`'s readyRead and `to`'s bytesWritten.
    void pump();

    // Bytes this leg holds in memory: read and not forwarded, forwarded and not yet written out.
    [[nodiscard]] qint64 bufferedBytes() const;
    // The last pump left bytes unread because `to` had `bound` bytes waiting.
    [[nodiscard]] bool isHeldBack() const noexcept { return m_heldBack; }
    [[nodiscard]] quint64 forwardedBytes() const noexcept { return m_forwarded; }

private:
    [[nodiscard]] qint64 waitingInTo() const;

    QAbstractSocket *m_from;
    QAbstractSocket *m_to;
    qint64 m_bound;
    Observer m_observer;
    Transform m_transform;
    Stage m_stage;
    Room m_room;
    quint64 m_forwarded = 0;
    bool m_started = false;
    bool m_heldBack = false;
};

} // namespace wslab::proxy
