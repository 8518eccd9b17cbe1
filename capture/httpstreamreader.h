#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::capture {

// One HTTP/1.x message read off a byte stream: the head, and as much of the body as the reader
// keeps (`keptBody`; `bodySize` is the real size, so a long download costs no memory).
struct HttpStreamMessage
{
    QByteArray head;        // start line and fields, up to and including the empty line
    QByteArray keptBody;    // the first bytes of the body (RFC 9112 §6), chunk framing included
    qint64 bodySize = 0;
    int status = 0;         // responses: the status code
    bool endedByClose = false; // a response delimited by the connection's end (RFC 9112 §6.3 item 8)
};

// Reads the HTTP messages of one direction of a conversation it only watches, as a function of the
// bytes fed: requests (client to server) or responses (server to client). It finds where each
// message ends — Content-Length, chunked transfer coding, no body for 1xx / 204 / 304 and answers
// to HEAD, or the connection's end — so that the next head is found after it. Heads are bounded
// (a head that does not end within `maxHeadSize` fails); bodies are never held beyond `keepBody`.
class HttpStreamReader
{
public:
    enum class Side : quint8 { Requests, Responses };
    enum class Status : quint8 { NeedMore, Message, Failed };

    HttpStreamReader(Side side, qsizetype maxHeadSize, qsizetype keepBody);

    // Takes more bytes of the stream. Call next() until it says NeedMore.
    void append(QByteArrayView bytes);
    // The next complete message, if the bytes taken hold one.
    [[nodiscard]] Status next(HttpStreamMessage &message);
    // The stream ended: a response delimited by the close is complete now.
    [[nodiscard]] std::optional<HttpStreamMessage> finish();

    // Responses: the request each one answers decides whether it has a body (HEAD) — told in order.
    void expectResponseTo(QByteArrayView method);
    // After a 101 or a CONNECT: what follows the last message is no longer HTTP. Returns those bytes.
    [[nodiscard]] QByteArray takeRemainder();

    [[nodiscard]] bool hasFailed() const noexcept { return m_failed; }
    // What broke the rules, at most 256 bytes: the head or chunk-size line that is not HTTP, or the
    // first bytes of a head that does not end in time. Only those bytes, so the same whatever
    // pieces the stream arrived in.
    [[nodiscard]] QByteArray failedHead() const { return m_failedBytes.left(256); }
    [[nodiscard]] qsizetype bufferedBytes() const noexcept { return m_buffer.size(); }

private:
    enum class BodyMode : quint8 { None, Length, Chunked, UntilClose };
    Status readHead();
    Status readBody(HttpStreamMessage &message);
    Status readChunked();
    Status fail(qsizetype offendingBytes); // the first `offendingBytes` of the buffer broke a rule
    void keep(QByteArrayView bytes);
    void decideBody(const HttpStreamMessage &message, std::optional<qint64> contentLength, bool chunked,
                    QByteArrayView method);

    Side m_side;
    qsizetype m_maxHeadSize;
    qsizetype m_keepBody;
    QByteArray m_buffer;
    QByteArray m_failedBytes;
    bool m_failed = false;
    bool m_inBody = false;
    BodyMode m_mode = BodyMode::None;
    qint64 m_remaining = 0;      // Length: body bytes still to come; Chunked: of the current chunk
    enum class ChunkState : quint8 { SizeLine, Data, Trailer } m_chunkState = ChunkState::SizeLine;
    HttpStreamMessage m_current;
    QList<QByteArray> m_pendingMethods; // requests not yet answered, oldest first
};

} // namespace wslab::capture
