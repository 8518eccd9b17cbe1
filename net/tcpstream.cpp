#include "tcpstream.h"

#include <QEvent>

#include <cerrno>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace wslab::net {

namespace {

QString peerOf(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return QStringLiteral("?");
    char host[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&storage);
        ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        return QString::fromLatin1(host) + QLatin1Char(':') + QString::number(ntohs(in->sin_port));
    }
    if (storage.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&storage);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        return QLatin1Char('[') + QString::fromLatin1(host) + QStringLiteral("]:") + QString::number(ntohs(in6->sin6_port));
    }
    return QStringLiteral("?");
}

// Pieces gathered into one sendmsg(); more wait for the next round.
constexpr int maxPiecesPerSend = 16;
// Small pieces that wait are appended to the last one rather than queued on their own.
constexpr qsizetype coalesceLimit = 64 * 1024;

} // namespace

TcpStream::TcpStream(qintptr descriptor, SocketPoller &poller, QObject *parent)
    : QObject(parent)
    , m_fd(int(descriptor))
    , m_poller(&poller)
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
    // Small frames must leave at once, not wait for Nagle's algorithm.
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_peer = peerOf(m_fd);
    poller.watch(m_fd, this);
    updateInterest();
}

TcpStream::~TcpStream()
{
    abort();
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
    qint64 sent = 0;
    if (m_pending.isEmpty()) {
        sent = send(&bytes, 1);
        if (sent < 0 || sent == bytes.size())
            return;
    }
    keep(bytes.sliced(sent));
    updateInterest();
}

void TcpStream::write(QByteArrayView head, const QByteArray &body)
{
    if (m_fd < 0 || m_failed || m_writeShut)
        return;
    qint64 sent = 0;
    if (m_pending.isEmpty()) {
        const QByteArrayView pieces[] = {head, body};
        sent = send(pieces, 2);
        if (sent < 0 || sent == head.size() + body.size())
            return;
    }
    if (sent < head.size())
        keep(head.sliced(sent));
    keep(body, qMax<qint64>(0, sent - head.size()));
    updateInterest();
}

qint64 TcpStream::send(const QByteArrayView *pieces, int count)
{
    iovec vectors[maxPiecesPerSend];
    int used = 0;
    qint64 total = 0;
    for (int i = 0; i < count && used < maxPiecesPerSend; ++i) {
        if (pieces[i].isEmpty())
            continue;
        vectors[used].iov_base = const_cast<char *>(pieces[i].data());
        vectors[used].iov_len = size_t(pieces[i].size());
        total += pieces[i].size();
        ++used;
    }
    qint64 sent = 0;
    int first = 0;
    while (sent < total) {
        msghdr message{};
        message.msg_iov = vectors + first;
        message.msg_iovlen = size_t(used - first);
        const ssize_t n = ::sendmsg(m_fd, &message, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            m_failed = true;
            closeLater();
            return -1;
        }
        sent += n;
        // Step past what went out: whole vectors, then into the one the kernel stopped in.
        size_t left = size_t(n);
        while (first < used && left >= vectors[first].iov_len)
            left -= vectors[first++].iov_len;
        if (first < used) {
            vectors[first].iov_base = static_cast<char *>(vectors[first].iov_base) + left;
            vectors[first].iov_len -= left;
        }
    }
    return sent;
}

void TcpStream::keep(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_pendingBytes += bytes.size();
    // Appending to a piece of our own (not shared) keeps many small writes in one allocation.
    if (!m_pending.isEmpty() && m_pending.back().isDetached() && m_pending.back().size() < coalesceLimit) {
        m_pending.back().append(bytes.data(), bytes.size());
        return;
    }
    m_pending.emplaceBack(bytes.data(), bytes.size());
}

void TcpStream::keep(const QByteArray &bytes, qsizetype from)
{
    if (from >= bytes.size())
        return;
    if (from > 0 && !m_pending.isEmpty()) {
        keep(QByteArrayView(bytes).sliced(from)); // only the first piece has an offset
        return;
    }
    if (m_pending.isEmpty())
        m_pendingOffset = from;
    m_pendingBytes += bytes.size() - from;
    m_pending.append(bytes);
}

void TcpStream::updateInterest()
{
    if (m_fd < 0 || !m_poller)
        return;
    m_poller->setInterest(m_fd, m_readEnabled && !m_closeQueued, !m_pending.isEmpty() && !m_failed);
}

void TcpStream::socketWritable()
{
    sendPending();
}

void TcpStream::sendPending()
{
    while (m_fd >= 0 && !m_failed && !m_pending.isEmpty()) {
        QByteArrayView pieces[maxPiecesPerSend];
        int count = 0;
        for (auto it = m_pending.cbegin(); it != m_pending.cend() && count < maxPiecesPerSend; ++it, ++count)
            pieces[count] = count == 0 ? QByteArrayView(*it).sliced(m_pendingOffset) : QByteArrayView(*it);
        const qint64 sent = send(pieces, count);
        if (sent < 0)
            return;
        m_pendingBytes -= sent;
        // Drop what went out whole; the first piece left keeps its offset.
        qint64 left = sent + m_pendingOffset;
        while (!m_pending.isEmpty() && left >= m_pending.front().size()) {
            left -= m_pending.front().size();
            m_pending.removeFirst(); // O(1): QList keeps the room at its front
        }
        m_pendingOffset = qsizetype(left);
        if (sent == 0 || !m_pending.isEmpty())
            return; // the kernel is full: wait for the next notification
    }
    if (m_fd < 0 || m_failed)
        return;
    // Drained: give the memory back and stop watching for writability.
    m_pending = QList<QByteArray>();
    m_pendingOffset = 0;
    m_pendingBytes = 0;
    updateInterest();
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
    m_readEnabled = enabled;
    updateInterest();
}

void TcpStream::abort()
{
    if (m_fd < 0)
        return;
    if (m_poller)
        m_poller->unwatch(m_fd); // events already fetched for it are dropped
    ::close(m_fd);
    m_fd = -1;
    m_pending = QList<QByteArray>();
    m_pendingOffset = 0;
    m_pendingBytes = 0;
}

void TcpStream::socketReadable()
{
    if (m_reader)
        m_reader->streamReadable();
    else
        Q_EMIT readyRead();
}

void TcpStream::closeLater()
{
    // The reader is in the middle of its loop: it sees -1 now and closed() from the event loop.
    const bool first = !m_closeQueued;
    m_closeQueued = true;
    updateInterest();
    if (first)
        QMetaObject::invokeMethod(this, &TcpStream::closeAndNotify, Qt::QueuedConnection);
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

} // namespace wslab::net
