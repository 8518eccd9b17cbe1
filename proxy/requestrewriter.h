#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace wslab::proxy {

// Where the proxy changes the browser's request heads: it writes the upstream's host into the Host
// header (`--rewrite-host`, RFC 9110 §7.2), puts the upstream URL's path prefix in front of the
// request target (RFC 9112 §3.2) and, for intercept, asks for permessage-deflate without context
// takeover (contexttakeover.h). A function of the client-to-server byte
// stream: heads are found and rewritten, bodies with a Content-Length pass untouched, and from an
// upgrade request on (frames follow, RFC 6455 §4.1) or a chunked body, or a head that does not end
// within 64 KiB, everything passes as it is.
class RequestRewriter
{
public:
    // `host`: the new Host value, empty to keep the browser's; `pathPrefix`: "" or "/api";
    // `noContextTakeover`: add client_ and server_no_context_takeover to permessage-deflate offers.
    RequestRewriter(QByteArray host, QByteArray pathPrefix, bool noContextTakeover = false);

    [[nodiscard]] bool changesAnything() const noexcept
    {
        return !m_host.isEmpty() || !m_pathPrefix.isEmpty() || m_noContextTakeover;
    }

    // The bytes to forward for the bytes read (a head is held until it is whole).
    [[nodiscard]] QByteArray feed(QByteArrayView bytes);
    // One line per head rewritten since the last call, saying what changed, in stream order.
    [[nodiscard]] QStringList takeNotes();
    [[nodiscard]] qsizetype heldBytes() const noexcept { return m_head.size(); }

private:
    enum class State : quint8 { Head, Body, PassThrough };

    [[nodiscard]] QByteArray rewriteHead(const QByteArray &head);

    QByteArray m_host;
    QByteArray m_pathPrefix;
    bool m_noContextTakeover;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    QStringList m_notes;
};

} // namespace wslab::proxy
