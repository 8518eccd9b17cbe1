#include "httpconnection.h"

#include "pollingendpoint.h"
#include "net/tcpstream.h"
#include "websocketserver.h"
#include "websocketsession.h"

#include "protocol/acceptderivation.h"
#include "protocol/deflateoffer.h"
#include "protocol/handshake.h"
#include "protocol/httprequestparser.h"
#include "protocol/httpresponse.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTimerEvent>

#include <utility>

namespace wslab::server {

using namespace protocol;

namespace {

bool isPollPath(QByteArrayView path)
{
    return path == "/poll" || path == "/longpoll";
}

bool isPostPath(QByteArrayView path)
{
    return path == "/send" || path == "/stats" || path == "/leave";
}

// What became of the client's Sec-WebSocket-Extensions offers, for the capture's note on the 101.
QString extensionsNote(const QList<QByteArray> &offers, const DeflateNegotiation &negotiation, bool enabled)
{
    if (offers.isEmpty())
        return {};
    if (!enabled)
        return QStringLiteral("extensions declined (permessage-deflate is off)");
    QStringList parts;
    if (negotiation.accepted)
        parts << QStringLiteral("accepted: ") + QString::fromLatin1(negotiation.responseValue);
    for (const DeclinedDeflateOffer &declined : negotiation.declined) {
        parts << QStringLiteral("declined \"%1\": %2")
                         .arg(QString::fromLatin1(offers.value(declined.index)),
                              QString::fromLatin1(deflateOfferErrorReason(declined.error)));
    }
    if (!negotiation.accepted)
        parts << QStringLiteral("no extension agreed");
    return parts.join(QStringLiteral("; "));
}

} // namespace

HttpConnection::HttpConnection(WebSocketServer &server, net::TcpStream *stream, quint64 id)
    : m_server(server)
    , m_stream(stream)
    , m_id(id)
    , m_peer(stream->peer())
{
    m_stream->setParent(this);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::start()
{
    connect(m_stream, &net::TcpStream::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_stream, &net::TcpStream::closed, this, &HttpConnection::finish);
    connect(m_stream, &net::TcpStream::drained, this, [this] {
        if (std::exchange(m_waitingForDrain, false))
            processBuffer();
    });
    // The request head must arrive within the handshake timeout (a slow or silent client is
    // dropped, not kept forever).
    m_timer.start(qMax(1, m_server.settings().handshakeTimeoutMs), Qt::CoarseTimer, this);
}

// ---------------------------------------------------------------------------------------------
// Reading and parsing

qint64 HttpConnection::bufferLimit() const
{
    // A head, a body and some pipelining: the most this connection holds of unanswered input.
    return m_server.settings().maxHeadSize + m_server.settings().maxPostBody + 64 * 1024;
}

void HttpConnection::onReadyRead()
{
    if (m_finished)
        return;
    QByteArray &scratch = m_server.readBuffer();
    while (true) {
        const bool lingering = m_state == State::Closing || m_state == State::Closed;
        if (!lingering && m_buffer.size() >= bufferLimit()) {
            // Back-pressure: the client waits in TCP until its requests have been answered.
            setReading(false);
            break;
        }
        const qint64 n = m_stream->read(scratch.data(), scratch.size());
        if (n <= 0)
            break;
        if (lingering)
            continue; // lingering close: read and drop, so our response is not reset
        m_buffer.append(scratch.constData(), n);
    }
    processBuffer();
}

void HttpConnection::setReading(bool enabled)
{
    if (m_readingPaused == !enabled)
        return;
    m_readingPaused = !enabled;
    m_stream->setReadEnabled(enabled);
}

void HttpConnection::processBuffer()
{
    m_processQueued = false;
    while (!m_finished) {
        if (m_state == State::ReadingHead) {
            if (m_readingPaused && m_buffer.size() < bufferLimit())
                setReading(true);
            if (m_buffer.isEmpty())
                return;
            // A client that pipelines requests but does not read the answers waits until it does.
            if (m_stream->bytesToWrite() > maxUnreadResponses) {
                m_waitingForDrain = true;
                setReading(false);
                return;
            }
            const HttpParseResult result = HttpRequestParser::parse(m_buffer, m_server.settings().maxHeadSize);
            if (result.status == HttpParseResult::Status::Incomplete)
                return;
            if (result.status == HttpParseResult::Status::Failed) {
                m_transport = capture::Transport::Http;
                captureRequest(m_buffer);
                rejectAndClose(buildRejection(result.error), httpStatusFor(result.error),
                               QString::fromLatin1(httpParseErrorReason(result.error)));
                return;
            }
            onHeadComplete(result.head);
            continue;
        }
        if (m_state == State::ReadingBody) {
            if (m_buffer.size() < m_head.size + m_bodyLength)
                return;
            m_body = m_buffer.mid(m_head.size, m_bodyLength);
            dispatch();
            continue;
        }
        return; // handling, parked or closing: the rest waits
    }
}

void HttpConnection::onHeadComplete(const HttpRequestHead &head)
{
    m_head = head;
    m_transport = transportFor(head);
    const QByteArray path = head.path();
    m_bookkeeping = path == "/stats";
    const std::optional<qint64> length = head.contentLength();
    const qint64 maxBody = m_server.settings().maxPostBody;
    if (head.method == "POST" && isPostPath(path) && !length) {
        captureRequest(m_buffer.left(head.size));
        rejectAndClose(buildResponse(411, {{"Content-Type", "text/plain; charset=utf-8"}},
                                     "411 Length Required: POST needs Content-Length\n", false),
                       411);
        return;
    }
    if (length.value_or(0) > maxBody) {
        // Decided from the head: the body is never read (RFC 9110 §15.5.14).
        captureRequest(m_buffer.left(head.size));
        rejectAndClose(buildResponse(413, {{"Content-Type", "text/plain; charset=utf-8"}},
                                     QByteArray("413 Content Too Large: at most ") + QByteArray::number(maxBody)
                                             + " bytes\n",
                                     false),
                       413);
        return;
    }
    m_bodyLength = length.value_or(0);
    m_state = State::ReadingBody;
}

capture::Transport HttpConnection::transportFor(const HttpRequestHead &head) const
{
    const QByteArray path = head.path();
    if (path == "/chatsocket" || path == "/echo")
        return capture::Transport::WebSocket;
    if (path == "/poll")
        return capture::Transport::Polling;
    if (path == "/longpoll")
        return capture::Transport::LongPolling;
    if (isPostPath(path))
        return m_server.polling().transportOf(head);
    return capture::Transport::Http;
}

void HttpConnection::captureRequest(const QByteArray &bytes)
{
    if (!m_server.isCapturing() || bytes.isEmpty())
        return;
    capture::CaptureRecord record;
    record.connectionId = m_id;
    record.direction = capture::Direction::Inbound;
    record.transport = m_transport;
    record.kind = capture::RecordKind::HttpRequest;
    record.wireBytes = bytes;
    record.bookkeeping = m_bookkeeping;
    m_server.record(std::move(record));
}

// ---------------------------------------------------------------------------------------------
// Routing

void HttpConnection::dispatch()
{
    m_state = State::Handling;
    captureRequest(m_buffer.left(m_head.size + m_bodyLength));
    if (isTransportTraffic()) {
        TransportCounters &counters = m_server.statsFor(WebSocketServer::requestedRoom(m_head)).of(m_transport);
        ++counters.requests;
        counters.headerBytes += quint64(m_head.size);
        counters.payloadBytes += quint64(m_bodyLength);
    }
    const QByteArray path = m_head.path();
    const QByteArray &method = m_head.method;
    if (path == "/chatsocket" || path == "/echo") {
        handleUpgrade(path == "/echo");
        return;
    }
    if (m_head.hasToken("Upgrade", "websocket")) {
        respondText(404, QStringLiteral("404 Not Found: no WebSocket endpoint here; try /chatsocket or /echo"));
        return;
    }
    if (isPollPath(path)) {
        if (method != "GET") {
            respondText(405, QStringLiteral("405 Method Not Allowed"), {{"Allow", "GET"}});
            return;
        }
        m_server.polling().handlePoll(*this, m_head, path == "/longpoll");
        return;
    }
    if (isPostPath(path)) {
        if (method != "POST") {
            respondText(405, QStringLiteral("405 Method Not Allowed"), {{"Allow", "POST"}});
            return;
        }
        // A cross-site page may POST text/plain without a preflight: the Origin says who it is.
        if (!m_server.isOriginAllowed(m_head.value("Origin"))) {
            respondText(403, QStringLiteral("403 Forbidden: origin not allowed"));
            return;
        }
        if (path == "/send")
            m_server.polling().handleSend(*this, m_head, m_body);
        else if (path == "/leave")
            m_server.polling().handleLeave(*this, m_head);
        else
            m_server.polling().handleStats(*this, m_head, m_body);
        return;
    }
    serveStatic();
}

void HttpConnection::serveStatic()
{
    const bool head = m_head.method == "HEAD";
    if (m_head.method != "GET" && !head) {
        respondText(405, QStringLiteral("405 Method Not Allowed"), {{"Allow", "GET, HEAD"}});
        return;
    }
    const StaticFiles::Lookup lookup = m_server.staticFiles().lookup(m_head.path());
    QFile file(lookup.filePath);
    if (lookup.status != StaticFiles::Status::Found || !file.open(QIODevice::ReadOnly)) {
        respondText(404, QStringLiteral("404 Not Found"));
        return;
    }
    const QByteArray content = file.readAll();
    QList<HttpHeader> headers{
        {"Cache-Control", "no-cache"},
        {"X-Content-Type-Options", "nosniff"},
    };
    if (head) {
        // RFC 9110 §9.3.2: the same fields as GET, no content.
        headers.append({"Content-Type", lookup.contentType});
        headers.append({"Content-Length", QByteArray::number(content.size())});
        respond(200, headers, {}, {});
        return;
    }
    respond(200, headers, content, lookup.contentType);
}

void HttpConnection::handleUpgrade(bool echo)
{
    const auto validated = validateUpgradeRequest(m_head, m_server.originPolicy());
    if (const auto *error = std::get_if<HandshakeError>(&validated)) {
        rejectAndClose(buildRejection(*error), httpStatusFor(*error),
                       QString::fromLatin1(handshakeErrorReason(*error)));
        return;
    }
    const UpgradeRequest &request = std::get<UpgradeRequest>(validated);
    const HandshakeFault fault = m_server.takeHandshakeFault();
    if (fault != HandshakeFault::None) {
        int status = 0;
        const QByteArray response = faultyHandshakeResponse(int(fault), request.key, &status);
        rejectAndClose(response, status, QStringLiteral("handshake lab: deliberately wrong answer"));
        return;
    }
    // RFC 6455 §4.2.2: accept = base64(SHA-1(key + GUID)). RFC 7692 §5: the first permessage-deflate
    // offer the server can serve is answered in Sec-WebSocket-Extensions; without that header field
    // every offer is declined (RFC 6455 §9.1) and the connection sends plain frames.
    const bool deflateEnabled = m_server.settings().permessageDeflate;
    DeflateNegotiation negotiation;
    if (deflateEnabled && !request.extensionOffers.isEmpty())
        negotiation = negotiatePerMessageDeflate(request.extensionOffers);
    QList<HttpHeader> extraHeaders;
    if (negotiation.accepted)
        extraHeaders.append({"Sec-WebSocket-Extensions", negotiation.responseValue});
    const QByteArray response = buildSwitchingProtocols(deriveAccept(request.key).accept, extraHeaders);
    writeResponse(response, 101, 0, extensionsNote(request.extensionOffers, negotiation, deflateEnabled));

    m_timer.stop();
    const QByteArray leftover = m_buffer.mid(m_head.size + m_bodyLength);
    ClientInfo info;
    info.connectionId = m_id;
    info.nick = m_head.queryValue("nick").value_or(QString());
    info.peerAddress = m_peer;
    info.path = QString::fromLatin1(request.path);
    info.transport = capture::Transport::WebSocket;
    info.room = WebSocketServer::requestedRoom(m_head);
    info.connectedSince = QDateTime::currentDateTime();
    m_stream->disconnect(this);
    auto *session = new WebSocketSession(m_server, m_stream, info,
                                         echo ? WebSocketSession::Mode::Echo : WebSocketSession::Mode::Chat,
                                         negotiation.accepted);
    m_stream = nullptr;
    m_finished = true;
    m_state = State::Closed;
    m_buffer.clear();
    m_server.adoptSession(m_id, session);
    session->start(leftover);
    deleteLater();
}

QByteArray HttpConnection::faultyHandshakeResponse(int fault, const QByteArray &key, int *status) const
{
    const QByteArray accept = deriveAccept(key).accept;
    switch (HandshakeFault(fault)) {
    case HandshakeFault::AcceptWithoutGuid:
        *status = 101;
        return buildSwitchingProtocols(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toBase64());
    case HandshakeFault::MissingUpgradeHeader:
        *status = 101;
        return buildResponse(101, {{"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}}, {}, true);
    case HandshakeFault::WrongStatus:
    case HandshakeFault::None:
        break;
    }
    *status = 200;
    return buildResponse(200, {{"Upgrade", "websocket"}, {"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}},
                         {}, false);
}

// ---------------------------------------------------------------------------------------------
// Answering

bool HttpConnection::wantsKeepAlive() const
{
    if (m_head.hasToken("Connection", "close"))
        return false;
    if (m_head.isVersionAtLeast(1, 1))
        return true;
    return m_head.hasToken("Connection", "keep-alive");
}

void HttpConnection::respondText(int status, const QString &text, QList<HttpHeader> headers)
{
    respond(status, std::move(headers), text.toUtf8() + '\n', "text/plain; charset=utf-8");
}

void HttpConnection::respond(int status, QList<HttpHeader> headers, const QByteArray &body,
                             const QByteArray &contentType)
{
    if (m_state != State::Handling && m_state != State::Parked)
        return; // answered already, or closing
    if (!contentType.isEmpty() && !body.isEmpty())
        headers.append({"Content-Type", contentType});
    const bool keepAlive = wantsKeepAlive() && !m_server.isStopping();
    writeResponse(buildResponse(status, headers, body, keepAlive), status, body.size(), {});
    if (keepAlive)
        readNextRequest();
    else
        closeAfterWrite();
}

void HttpConnection::writeResponse(const QByteArray &response, int status, qsizetype bodySize, const QString &note)
{
    m_stream->write(response);
    if (isTransportTraffic()) {
        TransportCounters &counters = m_server.statsFor(WebSocketServer::requestedRoom(m_head)).of(m_transport);
        counters.headerBytes += quint64(response.size() - bodySize);
        counters.payloadBytes += quint64(bodySize);
    }
    if (!m_server.isCapturing())
        return;
    capture::CaptureRecord record;
    record.connectionId = m_id;
    record.direction = capture::Direction::Outbound;
    record.transport = m_transport;
    record.kind = capture::RecordKind::HttpResponse;
    record.wireBytes = response;
    record.httpStatus = status;
    record.note = note;
    record.bookkeeping = m_bookkeeping;
    m_server.record(std::move(record));
}

bool HttpConnection::isTransportTraffic() const
{
    // A poll, or a POST of a polling client; not the page's /stats report, which is about the
    // transports rather than part of one (it would make polling look dearer with every report).
    return (m_transport == capture::Transport::Polling || m_transport == capture::Transport::LongPolling)
            && !m_bookkeeping;
}

void HttpConnection::rejectAndClose(const QByteArray &response, int status, const QString &note)
{
    writeResponse(response, status, 0, note);
    closeAfterWrite();
}

void HttpConnection::readNextRequest()
{
    m_buffer.remove(0, m_head.size + m_bodyLength);
    m_head = HttpRequestHead();
    m_bookkeeping = false;
    m_body.clear();
    m_bodyLength = 0;
    m_state = State::ReadingHead;
    // Idle keep-alive connections are bounded by the same timeout as a head.
    m_timer.start(qMax(1, m_server.settings().handshakeTimeoutMs), Qt::CoarseTimer, this);
    if (!m_buffer.isEmpty() && !m_processQueued) {
        // Pipelined requests: continue from the event loop, not from inside the caller.
        m_processQueued = true;
        QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
    }
}

void HttpConnection::park(int timeoutMs)
{
    m_state = State::Parked;
    m_timer.start(qMax(1, timeoutMs), Qt::CoarseTimer, this);
}

// ---------------------------------------------------------------------------------------------
// Closing

void HttpConnection::closeAfterWrite()
{
    if (m_state == State::Closing || m_finished)
        return;
    m_state = State::Closing;
    m_buffer.clear();
    m_timer.start(qMax(1, m_server.settings().closeTimeoutMs), Qt::CoarseTimer, this);
    // FIN after the response, but keep reading (and dropping) what the client still sends, so
    // that unread data does not turn our close into a reset that could destroy the response.
    m_stream->shutdownWrite();
}

void HttpConnection::closeWhenIdle()
{
    if (m_state == State::ReadingHead && m_buffer.isEmpty())
        closeAfterWrite();
}

void HttpConnection::closeNow()
{
    if (m_finished)
        return;
    m_stream->abort();
    finish();
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    switch (m_state) {
    case State::ReadingHead:
    case State::ReadingBody:
        if (m_state == State::ReadingHead && m_buffer.isEmpty()) {
            closeAfterWrite(); // an idle keep-alive connection: nothing to answer
            return;
        }
        // RFC 9110 §15.5.9: the request did not arrive in time.
        captureRequest(m_buffer);
        rejectAndClose(buildResponse(408, {{"Content-Type", "text/plain; charset=utf-8"}},
                                     "408 Request Timeout\n", false),
                       408, QStringLiteral("request head not complete in time"));
        return;
    case State::Parked:
        m_server.polling().onParkTimeout(*this);
        return;
    case State::Handling:
        return;
    case State::Closing:
    case State::Closed:
        closeNow();
        return;
    }
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closed;
    m_timer.stop();
    if (m_server.isCapturing()) {
        capture::CaptureRecord record;
        record.connectionId = m_id;
        record.transport = m_transport;
        record.kind = capture::RecordKind::ConnectionClosed;
        record.note = m_peer;
        m_server.record(std::move(record));
    }
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
    }
    m_server.connectionFinished(m_id);
    deleteLater();
}

} // namespace wslab::server
