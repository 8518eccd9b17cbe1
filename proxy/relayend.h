#pragma once

#include "net/tcpstream.h"

#include <QByteArrayView>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSslSocket;
QT_END_NAMESPACE

namespace wslab::proxy {

// One end of a relayed connection, connected: a plain TCP stream on the shared epoll set
// (net::TcpStream: reads go from the kernel straight into the reader's buffer, only bytes the
// kernel does not take yet wait in memory, so an idle end holds no buffer at all), or the TLS
// socket of a wss:// upstream (QSslSocket, with its own buffers). The relay sees one interface.
class RelayEnd : public QObject, private net::TcpStream::Reader
{
    Q_OBJECT
public:
    // Takes `stream` or `socket` over (as a child).
    explicit RelayEnd(net::TcpStream *stream, QObject *parent = nullptr);
    explicit RelayEnd(QSslSocket *socket, QObject *parent = nullptr);
    ~RelayEnd() override;

    // Bytes read (> 0), 0 if nothing is there now, -1 once the peer has closed its side or the
    // connection failed.
    qint64 read(char *data, qint64 maxSize);
    void write(QByteArrayView bytes);
    // Bytes written and still waiting to go out (TLS: before and after encryption).
    [[nodiscard]] qint64 bytesToWrite() const;
    // TLS only: bytes decrypted and not read yet (a plain stream keeps none).
    [[nodiscard]] qint64 bytesAvailable() const;
    // Nothing more is to come from the peer: it closed its side, or the connection is gone.
    [[nodiscard]] bool hasEnded() const;
    // Bytes can still be written.
    [[nodiscard]] bool isOpen() const;
    // Off: the kernel's receive buffer fills and TCP holds the sender back (RFC 9293 §3.8.6).
    // A TLS socket is bounded by its read buffer size instead (setReadBound).
    void setReadEnabled(bool enabled);
    void setReadBound(qint64 bound);
    // Our side is done: a FIN once everything waiting is written; closed() follows when the peer
    // has closed too.
    void close();
    // Cuts the connection now; emits nothing.
    void abort();

Q_SIGNALS:
    void readyRead();
    void bytesWritten(); // waiting bytes went out: there may be room again
    void closed();       // the connection is gone

private:
    // The stream's readiness, called directly rather than through a second signal.
    void streamReadable() override { Q_EMIT readyRead(); }
    void onStreamClosed();

    net::TcpStream *m_stream = nullptr;
    QSslSocket *m_socket = nullptr;
    bool m_ended = false;
    bool m_gone = false;
};

} // namespace wslab::proxy
