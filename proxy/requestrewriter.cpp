#include "requestrewriter.h"

#include "contexttakeover.h"

namespace wslab::proxy {

namespace {

constexpr qsizetype maxHeadSize = 64 * 1024;

bool isField(QByteArrayView line, QByteArrayView name)
{
    return line.size() > name.size() && line.at(name.size()) == ':'
            && line.first(name.size()).compare(name, Qt::CaseInsensitive) == 0;
}

QByteArray valueOf(QByteArrayView line)
{
    return line.sliced(line.indexOf(':') + 1).trimmed().toByteArray();
}

} // namespace

RequestRewriter::RequestRewriter(QByteArray host, QByteArray pathPrefix, bool noContextTakeover)
    : m_host(std::move(host))
    , m_pathPrefix(std::move(pathPrefix))
    , m_noContextTakeover(noContextTakeover)
{
}

QByteArray RequestRewriter::feed(QByteArrayView bytes)
{
    QByteArray out;
    // Bounded: each turn consumes bytes or returns.
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::PassThrough:
            out.append(bytes.data(), bytes.size());
            return out;
        case State::Body: {
            const qsizetype take = qsizetype(qMin<qint64>(m_bodyLeft, bytes.size()));
            out.append(bytes.data(), take);
            bytes = bytes.sliced(take);
            m_bodyLeft -= take;
            if (m_bodyLeft == 0)
                m_state = State::Head;
            break;
        }
        case State::Head: {
            const qsizetype before = m_head.size();
            m_head.append(bytes.data(), bytes.size());
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_head.size() > maxHeadSize) { // not HTTP as we know it: leave it alone
                    m_state = State::PassThrough;
                    out += std::exchange(m_head, {});
                }
                return out;
            }
            const qsizetype headEnd = end + 4;
            out += rewriteHead(m_head.left(headEnd));
            bytes = bytes.sliced(headEnd - before);
            m_head.clear();
            break;
        }
        }
    }
    return out;
}

// The request line and fields, one per CRLF line (RFC 9112 §2.1); the body mode is decided from the
// original fields.
QByteArray RequestRewriter::rewriteHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.left(head.size() - 4).split('\n');
    QStringList changes;
    bool upgrade = false;
    bool chunked = false;
    qint64 contentLength = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray &line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == 0) {
            QList<QByteArray> parts = line.split(' ');
            if (!m_pathPrefix.isEmpty() && parts.size() == 3 && parts[1].startsWith('/')) {
                changes.append(QStringLiteral("target %1 → %2")
                                       .arg(QString::fromLatin1(parts[1]), QString::fromLatin1(m_pathPrefix + parts[1])));
                parts[1].prepend(m_pathPrefix);
                line = parts.join(' ');
            }
        } else if (isField(line, "Host") && !m_host.isEmpty()) {
            const QByteArray old = valueOf(line);
            if (old != m_host) {
                changes.append(QStringLiteral("Host %1 → %2").arg(QString::fromLatin1(old), QString::fromLatin1(m_host)));
                line = "Host: " + m_host;
            }
        } else if (isField(line, "Sec-WebSocket-Extensions") && m_noContextTakeover) {
            const QByteArray offer = withoutContextTakeover(valueOf(line), true, true);
            if (!offer.isEmpty()) {
                changes.append(QStringLiteral("Sec-WebSocket-Extensions %1 → %2 (intercept: each message compressed on "
                                              "its own, so a held message can be edited or dropped)")
                                       .arg(QString::fromLatin1(valueOf(line)), QString::fromLatin1(offer)));
                line = "Sec-WebSocket-Extensions: " + offer;
            }
        } else if (isField(line, "Upgrade")) {
            upgrade = true;
        } else if (isField(line, "Transfer-Encoding")) {
            chunked = valueOf(line).toLower().contains("chunked");
        } else if (isField(line, "Content-Length")) {
            contentLength = qMax<qint64>(0, valueOf(line).toLongLong());
        }
        line.append('\r');
    }
    if (!changes.isEmpty())
        m_notes.append(changes.join(QStringLiteral(", ")));
    if (upgrade || chunked)
        m_state = State::PassThrough;
    else if (contentLength > 0) {
        m_state = State::Body;
        m_bodyLeft = contentLength;
    }
    return lines.join('\n') + "\n\r\n";
}

QStringList RequestRewriter::takeNotes()
{
    return std::exchange(m_notes, {});
}

} // namespace wslab::proxy
