#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include "socketpoller.h"

namespace wslab::net {

// One accepted TCP connection, as thin as the server needs it: reads go straight from the kernel
// into the caller's buffer, writes straight to the kernel (only what the kernel does not take yet
// waits here, and only then is the socket watched for writability). QTcpSocket would copy every
// byte through two ring buffers and toggle its notifiers on every write; for thousands of mostly
// idle connections it also costs several times the memory. What waits is a queue of pieces, so a
// big payload handed over as a QByteArray waits as that array (shared, not copied).
//
// readyRead() is level-triggered: a reader that stops before draining the socket must turn
// reading off with setReadEnabled(false), or it is called again at once.
//
// A busy connection is told that it can read many thousand times a second, so the path from the
// kernel's readiness to the reader is kept short: the poller calls the stream directly (no event,
// no signal), and a Reader, when set, is called directly instead of readyRead().
class TcpStream : public QObject, private SocketPoller::Client
{
    Q_OBJECT
public:
    class Reader
    {
    public:
        virtual void streamReadable() = 0; // what readyRead() would have said
    protected:
        ~Reader() = default;
    };

    // Takes the descriptor over (made non-blocking, TCP_NODELAY); closes it when destroyed.
    // `poller` tells it when the socket is ready; it must live in this thread.
    TcpStream(qintptr descriptor, SocketPoller &poller, QObject *parent = nullptr);
    ~TcpStream() override;

    [[nodiscard]] bool isOpen() const noexcept { return m_fd >= 0; }
    [[nodiscard]] const QString &peer() const noexcept { return m_peer; } // "127.0.0.1:53412"

    // Bytes read (> 0), 0 if nothing is there now, -1 once the peer has closed or the connection
    // failed (closed() follows from the event loop).
    qint64 read(char *data, qint64 maxSize);
    // Sends now what the kernel takes; the rest is kept, in order, and sent when possible.
    void write(QByteArrayView bytes);
    // `head`, then `body`, in one system call; of what has to wait, the rest of `head` is copied and
    // `body` is kept as it is (implicitly shared): a big payload is never copied here.
    void write(QByteArrayView head, const QByteArray &body);
    [[nodiscard]] qint64 bytesToWrite() const noexcept { return m_pendingBytes; }

    // Our side is done: FIN once everything pending is sent. Reading goes on (a lingering close,
    // so unread input cannot turn the close into a reset that destroys our last bytes).
    void shutdownWrite();
    // Closes the descriptor now; pending bytes are dropped. Emits nothing.
    void abort();
    void setReadEnabled(bool enabled);
    // Called instead of emitting readyRead() while set; nullptr goes back to the signal.
    void setReader(Reader *reader) noexcept { m_reader = reader; }

Q_SIGNALS:
    void readyRead();
    void drained(); // everything pending has been sent
    void closed();  // the peer closed, or the connection failed; the descriptor is closed

private:
    void socketReadable() override;
    void socketWritable() override;
    void updateInterest();
    // Sends from `pieces` (gathered, one system call per round); returns the bytes sent, or -1
    // once the connection failed.
    qint64 send(const QByteArrayView *pieces, int count);
    void keep(QByteArrayView bytes);
    void keep(const QByteArray &bytes, qsizetype from);
    void sendPending();
    void closeLater();
    void closeAndNotify();
    void finishShutdown();

    int m_fd = -1;
    QString m_peer;
    QPointer<SocketPoller> m_poller; // (the server may destroy it before its last streams)
    bool m_readEnabled = true;
    Reader *m_reader = nullptr;
    QList<QByteArray> m_pending;       // waiting to be sent, in order (empty: no allocation)
    qsizetype m_pendingOffset = 0;     // bytes of the first piece already sent
    qint64 m_pendingBytes = 0;
    bool m_shutdownRequested = false;
    bool m_writeShut = false;
    bool m_failed = false;
    bool m_closeQueued = false;
};

} // namespace wslab::net
