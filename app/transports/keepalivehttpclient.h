#pragma once

#include "app/transports/httpresponsereader.h"

#include <QByteArray>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace wslab::app {

// A minimal HTTP/1.1 client over one kept-alive TCP connection, one request at a time, that
// knows every byte it wrote and read: the auto demo counts header and body bytes from what
// really crossed the wire. (QNetworkAccessManager hides its request head, runs a thread per
// manager and opens at most six connections per host, too few for a hundred pollers.)
class KeepAliveHttpClient : public QObject
{
    Q_OBJECT
public:
    KeepAliveHttpClient(const QString &host, quint16 port, QObject *parent = nullptr);
    ~KeepAliveHttpClient() override;

    // false (and nothing sent) while a request is in flight. `target` is the origin-form:
    // "/poll?since=3&client=ab12".
    bool get(const QByteArray &target);
    bool post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType);
    // Drops the connection and any request in flight; no signal follows.
    void abort();

    [[nodiscard]] bool isBusy() const noexcept { return m_busy; }
    [[nodiscard]] quint64 connectionsOpened() const noexcept { return m_connectionsOpened; }

    // The exact request head this client writes (RFC 9112 §3: request line, Host, then fields).
    [[nodiscard]] static QByteArray requestHead(QByteArrayView method, QByteArrayView target, QByteArrayView host,
                                                qint64 bodySize, QByteArrayView contentType);

Q_SIGNALS:
    // The request went to the socket: its head and body sizes.
    void requestWritten(qint64 headBytes, qint64 bodyBytes);
    void answered(const wslab::app::HttpResponseReader::Response &response);
    void failed(const QString &reason);

private:
    bool send(QByteArray request, qint64 headBytes, qint64 bodyBytes);
    void writePending();
    void onReadyRead();
    void onDisconnected();
    void fail(const QString &reason);

    QTcpSocket *m_socket;
    QString m_host;
    quint16 m_port;
    QByteArray m_hostHeader;
    HttpResponseReader m_reader;
    QByteArray m_request;       // the request in flight, kept for one retry
    qint64 m_headBytes = 0;
    qint64 m_bodyBytes = 0;
    quint64 m_connectionsOpened = 0;
    bool m_busy = false;
    bool m_idempotent = false;  // GET: may be retried once on a fresh connection
    bool m_written = false;     // the request in flight reached the socket
    bool m_reusedConnection = false;
    bool m_answerStarted = false;
    bool m_retried = false;
};

} // namespace wslab::app
