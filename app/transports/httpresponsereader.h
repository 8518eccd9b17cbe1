#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace wslab::app {

// Reads HTTP/1.1 responses from a byte stream, as a function of bytes: feed it what the socket
// delivered, get the responses it completed (several with keep-alive, none while one is partial).
// Enough HTTP for the demo's clients: a status line, header fields and a Content-Length body
// (RFC 9112 §6.3); chunked transfer coding is refused, since this server never uses it.
class HttpResponseReader
{
public:
    static constexpr qsizetype maxHeadSize = 16 * 1024;
    static constexpr qsizetype maxBodySize = 16 * 1024 * 1024;

    enum class Error : quint8 {
        None,
        HeadTooLarge,          // no empty line within maxHeadSize
        BadStatusLine,         // not "HTTP/1.x NNN reason"
        BadContentLength,      // not digits, or two different values (RFC 9112 §6.3 item 5)
        MissingContentLength,  // a body delimited by closing the connection: not supported here
        UnsupportedTransferCoding,
        BodyTooLarge,
    };

    struct Response
    {
        int status = 0;
        QByteArray head; // status line and fields, through the empty line: the bytes on the wire
        QByteArray body;
        // The field's value, trimmed; the first one if repeated; empty if absent.
        [[nodiscard]] QByteArray header(QByteArrayView name) const;
    };

    // Errors are sticky: once failed, feed() returns nothing.
    QList<Response> feed(QByteArrayView bytes);
    void reset();

    [[nodiscard]] Error error() const noexcept { return m_error; }
    [[nodiscard]] bool hasFailed() const noexcept { return m_error != Error::None; }
    // Nothing of a next response buffered: the connection may be reused or closed cleanly.
    [[nodiscard]] bool isIdle() const noexcept { return m_buffer.isEmpty() && !m_inBody; }
    [[nodiscard]] static const char *errorReason(Error error) noexcept;

private:
    bool parseHead(QByteArray head);

    QByteArray m_buffer;
    Response m_current;
    qint64 m_bodyLength = 0;
    bool m_inBody = false;
    Error m_error = Error::None;
};

} // namespace wslab::app
