#include "relayleg.h"

#include <QAbstractSocket>
#include <QSslSocket>

namespace wslab::proxy {

namespace {

// Read at most this much at a time, so one busy leg does not starve the event loop.
constexpr qint64 maxChunk = 256 * 1024;

} // namespace

RelayLeg::RelayLeg(QAbstractSocket *from, QAbstractSocket *to, qint64 bound, QObject *parent)
    : QObject(parent)
    , m_from(from)
    , m_to(to)
    , m_bound(qMax<qint64>(bound, 1))
{
    // Qt stops reading the kernel once this much waits unread: the backpressure reaches TCP.
    m_from->setReadBufferSize(m_bound);
}

void RelayLeg::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(m_from, &QIODevice::readyRead, this, &RelayLeg::pump);
    connect(m_to, &QIODevice::bytesWritten, this, &RelayLeg::pump);
    pump();
}

qint64 RelayLeg::waitingInTo() const
{
    qint64 waiting = m_to->bytesToWrite();
    if (const auto *ssl = qobject_cast<const QSslSocket *>(m_to))
        waiting += ssl->encryptedBytesToWrite();
    return waiting;
}

qint64 RelayLeg::bufferedBytes() const
{
    return m_from->bytesAvailable() + waitingInTo();
}

void RelayLeg::pump()
{
    if (!m_started)
        return;
    // Bounded: each turn forwards at least one byte or stops.
    while (m_from->bytesAvailable() > 0) {
        const qint64 room = qMin(m_bound - waitingInTo(), m_room ? m_room() : maxChunk);
        if (room <= 0 || m_to->state() != QAbstractSocket::ConnectedState) {
            m_heldBack = m_to->state() == QAbstractSocket::ConnectedState;
            return;
        }
        // Asking for more than is buffered makes Qt read the kernel again, which re-enables the
        // read notifier a full read buffer had turned off.
        QByteArray chunk = m_from->read(qMin(room, maxChunk));
        if (chunk.isEmpty())
            break;
        if (m_transform)
            chunk = m_transform(std::move(chunk));
        if (m_stage)
            m_stage(std::move(chunk));
        else
            forward(chunk);
    }
    m_heldBack = false;
}

void RelayLeg::forward(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_forwarded += quint64(bytes.size());
    if (m_observer)
        m_observer(bytes);
    m_to->write(bytes.data(), bytes.size());
}

} // namespace wslab::proxy
