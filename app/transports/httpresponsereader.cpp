#include "app/transports/httpresponsereader.h"

#include <QList>

namespace wslab::app {

namespace {

// RFC 9110 §15: no content for 1xx, 204 and 304, whatever the fields say.
bool statusForbidsBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 15)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

QByteArray HttpResponseReader::Response::header(QByteArrayView name) const
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

const char *HttpResponseReader::errorReason(Error error) noexcept
{
    switch (error) {
    case Error::None: return "no error";
    case Error::HeadTooLarge: return "response head larger than 16 KiB";
    case Error::BadStatusLine: return "status line is not HTTP/1.x NNN (RFC 9112 §4)";
    case Error::BadContentLength: return "invalid Content-Length (RFC 9112 §6.3)";
    case Error::MissingContentLength: return "body without Content-Length";
    case Error::UnsupportedTransferCoding: return "Transfer-Encoding not supported";
    case Error::BodyTooLarge: return "response body larger than 16 MiB";
    }
    return "unknown error";
}

void HttpResponseReader::reset()
{
    m_buffer.clear();
    m_current = {};
    m_bodyLength = 0;
    m_inBody = false;
    m_error = Error::None;
}

bool HttpResponseReader::parseHead(QByteArray head)
{
    // "HTTP/1.1 200 OK": version, one space, three digits, then a space or the end of the line.
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView statusLine = QByteArrayView(head).first(lineEnd < 0 ? head.size() : lineEnd);
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine.at(8) != ' '
        || !isDigits(statusLine.sliced(9, 3)) || (statusLine.size() > 12 && statusLine.at(12) != ' ')) {
        m_error = Error::BadStatusLine;
        return false;
    }
    m_current = {};
    m_current.status = statusLine.sliced(9, 3).toInt();
    m_current.head = std::move(head);

    if (!m_current.header("Transfer-Encoding").isEmpty()) {
        m_error = Error::UnsupportedTransferCoding;
        return false;
    }
    m_bodyLength = 0;
    if (statusForbidsBody(m_current.status))
        return true;
    // Every Content-Length field must agree (RFC 9112 §6.3 item 5).
    QByteArray length;
    const QList<QByteArray> lines = m_current.head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0 || QByteArrayView(lines.at(i)).first(colon).trimmed().compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        if (!isDigits(value) || (!length.isNull() && value != length)) {
            m_error = Error::BadContentLength;
            return false;
        }
        length = value;
    }
    if (length.isNull()) {
        m_error = Error::MissingContentLength;
        return false;
    }
    m_bodyLength = length.toLongLong();
    if (m_bodyLength > maxBodySize) {
        m_error = Error::BodyTooLarge;
        return false;
    }
    return true;
}

QList<HttpResponseReader::Response> HttpResponseReader::feed(QByteArrayView bytes)
{
    QList<Response> done;
    if (hasFailed())
        return done;
    m_buffer.append(bytes);
    for (;;) {
        if (!m_inBody) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > maxHeadSize)
                    m_error = Error::HeadTooLarge;
                return done;
            }
            if (end + 4 > maxHeadSize) {
                m_error = Error::HeadTooLarge;
                return done;
            }
            if (!parseHead(m_buffer.left(end + 4)))
                return done;
            m_buffer.remove(0, end + 4);
            m_inBody = true;
        }
        if (m_buffer.size() < m_bodyLength)
            return done;
        m_current.body = m_buffer.left(m_bodyLength);
        m_buffer.remove(0, m_bodyLength);
        m_inBody = false;
        done.append(std::move(m_current));
        m_current = {};
    }
}

} // namespace wslab::app
