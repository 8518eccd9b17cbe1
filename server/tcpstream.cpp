#include "tcpstream.h"

#include <QEvent>
#include <QHostAddress>
#include <QSocketNotifier>

#include <cerrno>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wslab::server {

namespace {

QString peerOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return QStringLiteral("?");
    const QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    quint16 port = 0;
    if (storage.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    else if (storage.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    QString host = address.toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(port);
}

} // namespace

// Calls the stream when the descriptor is ready, without the activated() signals QSocketNotifier
// would emit (two signal activations per notification, nobody else listens).
class TcpStream::Notifier final : public QSocketNotifier
{
public:
    Notifier(int fd, Type type, TcpStream *stream, void (TcpStream::*handler)())
        : QSocketNotifier(fd, type, stream)
        , m_stream(stream)
        , m_handler(handler)
    {
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::SockAct || event->type() == QEvent::SockClose) {
            (m_stream->*m_handler)();
            return true;
        }
        return QSocketNotifier::event(event);
    }

private:
    TcpStream *m_stream;
    void (TcpStream::*m_handler)();
};

TcpStream::TcpStream(qintptr descriptor, QObject *parent)
    : QObject(parent)
    , m_fd(int(descriptor))
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    // Small frames must leave at once, not wait for Nagle's algorithm.
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_peer = peerOf(m_fd);
    m_readNotifier = new Notifier(m_fd, QSocketNotifier::Read, this, &TcpStream::onReadable);
}

TcpStream::~TcpStream()
{
    if (m_fd >= 0)
        ::close(m_fd); // the notifiers go with their parent
}

qint64 TcpStream::read(char *data, qint64 maxSize)
{
    if (m_fd < 0 || m_failed || m_closeQueued)
        return -1;
    while (true) {
        const ssize_t n = ::recv(m_fd, data, size_t(maxSize), 0);
        if (n > 0)
            return n;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        // 0: the peer closed its side (FIN): what we still write this turn goes out before the
        // close. < 0: reset or another error: nothing more goes out.
        if (n < 0)
            m_failed = true;
        closeLater();
        return -1;
    }
}

void TcpStream::write(QByteArrayView bytes)
{
    if (m_fd < 0 || m_failed || m_writeShut || bytes.isEmpty())
        return;
    qsizetype sent = 0;
    if (bytesToWrite() == 0) {
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            m_failed = true;
            closeLater();
            return;
        }
        if (sent == bytes.size())
            return;
    }
    // Keep the rest, in order, until the kernel takes it.
    if (m_pendingOffset > 0 && m_pendingOffset == m_pending.size()) {
        m_pending.clear();
        m_pendingOffset = 0;
    }
    m_pending.append(bytes.data() + sent, bytes.size() - sent);
    if (!m_writeNotifier)
        m_writeNotifier = new Notifier(m_fd, QSocketNotifier::Write, this, &TcpStream::onWritable);
    m_writeNotifier->setEnabled(true);
}

void TcpStream::onWritable()
{
    sendPending();
}

void TcpStream::sendPending()
{
    while (m_fd >= 0 && !m_failed && bytesToWrite() > 0) {
        const ssize_t n = ::send(m_fd, m_pending.constData() + m_pendingOffset, size_t(bytesToWrite()), MSG_NOSIGNAL);
        if (n > 0) {
            m_pendingOffset += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return; // still full: wait for the next notification
        m_failed = true;
        closeLater();
        return;
    }
    if (m_fd < 0 || m_failed)
        return;
    // Drained: give the memory back and stop watching for writability.
    m_pending = QByteArray();
    m_pendingOffset = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_shutdownRequested)
        finishShutdown();
    Q_EMIT drained();
}

void TcpStream::shutdownWrite()
{
    if (m_fd < 0 || m_writeShut)
        return;
    m_shutdownRequested = true;
    if (bytesToWrite() == 0)
        finishShutdown();
}

void TcpStream::finishShutdown()
{
    if (m_writeShut || m_fd < 0)
        return;
    m_writeShut = true;
    ::shutdown(m_fd, SHUT_WR);
}

void TcpStream::setReadEnabled(bool enabled)
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(enabled);
}

void TcpStream::abort()
{
    if (m_fd < 0)
        return;
    // Notifiers may be the very senders whose signal is being handled: disabled now, deleted later.
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_pending = QByteArray();
    m_pendingOffset = 0;
}

void TcpStream::onReadable()
{
    if (m_reader)
        m_reader->streamReadable();
    else
        Q_EMIT readyRead();
}

void TcpStream::closeLater()
{
    // The reader is in the middle of its loop: it sees -1 now and closed() from the event loop.
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_failed && m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (!m_closeQueued) {
        m_closeQueued = true;
        QMetaObject::invokeMethod(this, &TcpStream::closeAndNotify, Qt::QueuedConnection);
    }
}

void TcpStream::closeAndNotify()
{
    if (m_fd < 0)
        return; // aborted meanwhile: abort() emits nothing
    if (!m_failed)
        sendPending(); // a last try for what this turn wrote after the peer's FIN
    abort();
    Q_EMIT closed();
}

} // namespace wslab::server
