#pragma once

#include "capture/capturerecord.h"

#include "protocol/httprequesthead.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QObject>

namespace wslab::net {
class TcpStream;
}

namespace wslab::server {

class WebSocketServer;

// One TCP connection while it speaks HTTP/1.1: reads a request head (bounded in size and time),
// then routes it. A valid upgrade on /chatsocket or /echo becomes a WebSocketSession (which takes
// the socket over); /poll, /longpoll, /send, /leave and /stats go to the polling endpoint; anything else is
// a static file or 404. Plain HTTP keeps the connection alive between requests.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 maxUnreadResponses = 4 * 1024 * 1024; // answers the client has not read
    // Takes the stream over (it becomes a child of the connection, then of the session).
    HttpConnection(WebSocketServer &server, net::TcpStream *stream, quint64 id);
    ~HttpConnection() override;

    void start();

    [[nodiscard]] quint64 id() const noexcept { return m_id; }
    [[nodiscard]] const QString &peer() const noexcept { return m_peer; }
    [[nodiscard]] bool isParked() const noexcept { return m_state == State::Parked; }
    [[nodiscard]] capture::Transport transport() const noexcept { return m_transport; }

    // Answers the request in progress and reads the next one (keep-alive) or closes.
    void respond(int status, QList<protocol::HttpHeader> headers, const QByteArray &body,
                 const QByteArray &contentType = "application/json");
    void respondText(int status, const QString &text, QList<protocol::HttpHeader> headers = {});
    // A long poll waits for news: no answer yet, the long-poll timeout runs instead of the head
    // timeout. The polling endpoint answers with respond().
    void park(int timeoutMs);
    // Server stopping: close once idle, or now.
    void closeWhenIdle();
    void closeNow();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    enum class State : quint8 { ReadingHead, ReadingBody, Handling, Parked, Closing, Closed };

    void onReadyRead();
    void processBuffer();
    void onHeadComplete(const protocol::HttpRequestHead &head);
    void dispatch();
    void handleUpgrade(bool echo);
    void serveStatic();
    void writeResponse(const QByteArray &response, int status, qsizetype bodySize, const QString &note);
    void rejectAndClose(const QByteArray &response, int status, const QString &note = {});
    void readNextRequest();
    void setReading(bool enabled);
    [[nodiscard]] qint64 bufferLimit() const;
    void captureRequest(const QByteArray &bytes);
    void closeAfterWrite();
    void finish();
    [[nodiscard]] capture::Transport transportFor(const protocol::HttpRequestHead &head) const;
    // Whether this exchange counts in its transport's TransportStats.
    [[nodiscard]] bool isTransportTraffic() const;
    [[nodiscard]] QByteArray faultyHandshakeResponse(int fault, const QByteArray &key, int *status) const;
    [[nodiscard]] bool wantsKeepAlive() const;

    WebSocketServer &m_server;
    net::TcpStream *m_stream;
    quint64 m_id;
    QString m_peer;
    QByteArray m_buffer;             // bytes of the request in progress (and any pipelined after it)
    protocol::HttpRequestHead m_head;
    QByteArray m_body;
    qint64 m_bodyLength = 0;
    capture::Transport m_transport = capture::Transport::Http;
    bool m_bookkeeping = false;      // the request in progress is the page's POST /stats
    QBasicTimer m_timer;             // head/idle timeout, or the long-poll timeout when parked
    State m_state = State::ReadingHead;
    bool m_finished = false;
    bool m_processQueued = false;
    bool m_readingPaused = false;
    bool m_waitingForDrain = false;
};

} // namespace wslab::server
