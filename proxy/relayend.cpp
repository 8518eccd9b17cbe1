#include "relayend.h"

#include "net/tcpstream.h"

#include <QSslSocket>

namespace wslab::proxy {

RelayEnd::RelayEnd(net::TcpStream *stream, QObject *parent)
    : QObject(parent)
    , m_stream(stream)
{
    m_stream->setParent(this);
    m_stream->setReader(this);
    connect(m_stream, &net::TcpStream::drained, this, &RelayEnd::bytesWritten);
    connect(m_stream, &net::TcpStream::closed, this, &RelayEnd::onStreamClosed);
}

RelayEnd::RelayEnd(QSslSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QIODevice::readyRead, this, &RelayEnd::readyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &RelayEnd::bytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &RelayEnd::bytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        m_ended = true;
        m_gone = true;
        Q_EMIT closed();
    });
}

RelayEnd::~RelayEnd()
{
    if (m_stream)
        m_stream->setReader(nullptr); // the stream is a child: it outlives this destructor's body
}

void RelayEnd::onStreamClosed()
{
    m_ended = true;
    m_gone = true;
    Q_EMIT closed();
}

qint64 RelayEnd::read(char *data, qint64 maxSize)
{
    if (m_stream) {
        if (m_ended)
            return -1;
        const qint64 n = m_stream->read(data, maxSize);
        if (n < 0)
            m_ended = true;
        return n;
    }
    const qint64 n = m_socket->read(data, maxSize);
    if (n > 0)
        return n;
    return m_socket->state() == QAbstractSocket::ConnectedState ? 0 : -1;
}

void RelayEnd::write(QByteArrayView bytes)
{
    if (m_stream)
        m_stream->write(bytes);
    else
        m_socket->write(bytes.data(), bytes.size());
}

qint64 RelayEnd::bytesToWrite() const
{
    if (m_stream)
        return m_stream->bytesToWrite();
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

qint64 RelayEnd::bytesAvailable() const
{
    return m_socket ? m_socket->bytesAvailable() : 0;
}

bool RelayEnd::hasEnded() const
{
    if (m_stream)
        return m_ended || !m_stream->isOpen();
    return m_socket->state() != QAbstractSocket::ConnectedState;
}

bool RelayEnd::isOpen() const
{
    if (m_stream)
        return !m_gone && m_stream->isOpen();
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void RelayEnd::setReadEnabled(bool enabled)
{
    if (m_stream)
        m_stream->setReadEnabled(enabled);
}

void RelayEnd::setReadBound(qint64 bound)
{
    if (m_socket)
        m_socket->setReadBufferSize(bound);
}

void RelayEnd::close()
{
    if (m_stream)
        m_stream->shutdownWrite();
    else
        m_socket->disconnectFromHost();
}

void RelayEnd::abort()
{
    m_gone = true;
    m_ended = true;
    if (m_stream) {
        m_stream->abort();
    } else {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

} // namespace wslab::proxy
