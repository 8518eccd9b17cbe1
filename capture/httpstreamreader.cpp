#include "httpstreamreader.h"

#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"

#include <algorithm>

namespace wslab::capture {

using namespace protocol;

namespace {

// Where the head ends (just past its empty line), or -1. Only a complete head is parsed, so a head
// arriving in many small pieces is parsed once, not once per piece.
qsizetype headEnd(QByteArrayView buffer)
{
    for (qsizetype i = buffer.indexOf('\n'); i >= 0 && i + 1 < buffer.size(); i = buffer.indexOf('\n', i + 1)) {
        if (buffer[i + 1] == '\n')
            return i + 2;
        if (buffer[i + 1] == '\r' && i + 2 < buffer.size() && buffer[i + 2] == '\n')
            return i + 3;
    }
    return -1;
}

std::optional<qint64> parseLength(QByteArrayView text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok && value >= 0 ? std::optional(value) : std::nullopt;
}

} // namespace

HttpStreamReader::HttpStreamReader(Side side, qsizetype maxHeadSize, qsizetype keepBody)
    : m_side(side), m_maxHeadSize(maxHeadSize), m_keepBody(keepBody)
{
}

void HttpStreamReader::append(QByteArrayView bytes)
{
    if (!m_failed)
        m_buffer.append(bytes.data(), bytes.size());
}

void HttpStreamReader::expectResponseTo(QByteArrayView method)
{
    m_pendingMethods.append(method.toByteArray());
}

HttpStreamReader::Status HttpStreamReader::next(HttpStreamMessage &message)
{
    if (m_failed)
        return Status::Failed;
    if (!m_inBody) {
        const Status head = readHead();
        if (head != Status::Message)
            return head;
    }
    return readBody(message);
}

HttpStreamReader::Status HttpStreamReader::readHead()
{
    // RFC 9112 §2.2: a server may skip empty lines before a request line.
    if (m_side == Side::Requests) {
        qsizetype blank = 0;
        while (blank < m_buffer.size() && (m_buffer[blank] == '\r' || m_buffer[blank] == '\n'))
            ++blank;
        m_buffer.remove(0, blank);
    }
    const qsizetype end = headEnd(m_buffer);
    if (end < 0)
        return m_buffer.size() > m_maxHeadSize ? fail(m_maxHeadSize + 1) : Status::NeedMore;
    const QByteArrayView head(m_buffer.constData(), end);
    m_current = {};
    m_current.head = m_buffer.left(end);
    std::optional<qint64> length;
    bool chunked = false;
    QByteArray method;
    if (m_side == Side::Requests) {
        const HttpParseResult parsed = HttpRequestParser::parse(head, m_maxHeadSize);
        if (parsed.status != HttpParseStatus::Complete)
            return fail(end);
        length = parsed.head.contentLength();
        chunked = parsed.head.hasToken("Transfer-Encoding", "chunked");
        method = parsed.head.method;
    } else {
        const HttpResponseParseResult parsed = HttpResponseParser::parse(head, m_maxHeadSize);
        if (parsed.status != HttpParseStatus::Complete)
            return fail(end);
        m_current.status = parsed.head.status;
        if (parsed.head.has("Content-Length"))
            length = parseLength(parsed.head.value("Content-Length"));
        chunked = parsed.head.hasToken("Transfer-Encoding", "chunked");
        // A 1xx other than 101 is interim: the final response to the same request follows.
        const bool interim = m_current.status >= 100 && m_current.status < 200 && m_current.status != 101;
        if (!m_pendingMethods.isEmpty())
            method = interim ? m_pendingMethods.constFirst() : m_pendingMethods.takeFirst();
    }
    m_buffer.remove(0, end);
    decideBody(m_current, length, chunked, method);
    m_inBody = true;
    return Status::Message;
}

// RFC 9112 §6.3, in its order of precedence.
void HttpStreamReader::decideBody(const HttpStreamMessage &message, std::optional<qint64> contentLength,
                                  bool chunked, QByteArrayView method)
{
    m_remaining = 0;
    m_chunkState = ChunkState::SizeLine;
    if (m_side == Side::Responses
        && (method == "HEAD" || (message.status >= 100 && message.status < 200) || message.status == 204
            || message.status == 304 || (method == "CONNECT" && message.status / 100 == 2))) {
        m_mode = BodyMode::None;
    } else if (chunked) {
        m_mode = BodyMode::Chunked;
    } else if (contentLength) {
        m_mode = BodyMode::Length;
        m_remaining = *contentLength;
    } else {
        m_mode = m_side == Side::Responses ? BodyMode::UntilClose : BodyMode::None;
    }
}

HttpStreamReader::Status HttpStreamReader::readBody(HttpStreamMessage &message)
{
    switch (m_mode) {
    case BodyMode::None:
        break;
    case BodyMode::Length: {
        const qint64 take = std::min<qint64>(m_remaining, m_buffer.size());
        keep(QByteArrayView(m_buffer.constData(), take));
        m_buffer.remove(0, take);
        m_remaining -= take;
        if (m_remaining > 0)
            return Status::NeedMore;
        break;
    }
    case BodyMode::Chunked: {
        const Status chunked = readChunked();
        if (chunked != Status::Message)
            return chunked;
        break;
    }
    case BodyMode::UntilClose:
        keep(m_buffer);
        m_buffer.clear();
        return Status::NeedMore;
    }
    m_inBody = false;
    message = std::move(m_current);
    m_current = {};
    return Status::Message;
}

// RFC 9112 §7.1: chunk-size [ext] CRLF data CRLF ... 0 CRLF trailers CRLF. The framing is kept as
// part of the body, as it crossed the wire.
HttpStreamReader::Status HttpStreamReader::readChunked()
{
    for (;;) {
        if (m_chunkState == ChunkState::Data) {
            const qint64 take = std::min<qint64>(m_remaining, m_buffer.size());
            keep(QByteArrayView(m_buffer.constData(), take));
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return Status::NeedMore;
            m_chunkState = ChunkState::SizeLine;
            continue;
        }
        const qsizetype lineEnd = m_buffer.indexOf('\n');
        if (lineEnd < 0)
            return m_buffer.size() > m_maxHeadSize ? fail(m_maxHeadSize + 1) : Status::NeedMore;
        const QByteArrayView line(m_buffer.constData(), lineEnd);
        if (m_chunkState == ChunkState::Trailer) {
            const bool last = line.trimmed().isEmpty();
            keep(QByteArrayView(m_buffer.constData(), lineEnd + 1));
            m_buffer.remove(0, lineEnd + 1);
            if (last)
                return Status::Message;
            continue;
        }
        QByteArrayView sizeText = line;
        if (const qsizetype extension = sizeText.indexOf(';'); extension >= 0)
            sizeText = sizeText.first(extension);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return fail(lineEnd + 1);
        keep(QByteArrayView(m_buffer.constData(), lineEnd + 1));
        m_buffer.remove(0, lineEnd + 1);
        if (size == 0) {
            m_chunkState = ChunkState::Trailer;
        } else {
            m_remaining = size + 2; // the data and the CRLF that ends it
            m_chunkState = ChunkState::Data;
        }
    }
}

HttpStreamReader::Status HttpStreamReader::fail(qsizetype offendingBytes)
{
    m_failed = true;
    m_failedBytes = m_buffer.left(offendingBytes);
    return Status::Failed;
}

void HttpStreamReader::keep(QByteArrayView bytes)
{
    m_current.bodySize += bytes.size();
    const qsizetype room = m_keepBody - m_current.keptBody.size();
    if (room > 0)
        m_current.keptBody.append(bytes.data(), std::min<qsizetype>(room, bytes.size()));
}

std::optional<HttpStreamMessage> HttpStreamReader::finish()
{
    if (m_failed || !m_inBody || m_mode != BodyMode::UntilClose)
        return std::nullopt;
    m_inBody = false;
    m_current.endedByClose = true;
    return std::exchange(m_current, {});
}

QByteArray HttpStreamReader::takeRemainder()
{
    m_inBody = false;
    return std::exchange(m_buffer, {});
}

} // namespace wslab::capture
