#include "conversationdissector.h"

#include "server/protocol/handshake.h"
#include "server/protocol/httpheader.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"
#include "server/protocol/upgraderesponse.h"

namespace wslab::capture {

using namespace protocol;

namespace {

int index(Direction direction)
{
    return direction == Direction::Inbound ? 0 : 1;
}

// Client bytes sent after an upgrade request before its answer is seen are held this long at most;
// a client that pipelines more than this before a 101 is not speaking WebSocket.
constexpr qsizetype maxWaitingClientBytes = 16 * 1024 * 1024;

} // namespace

ConversationDissector::ConversationDissector(quint64 connectionId, Options options)
    : m_connectionId(connectionId),
      m_options(options),
      m_requests(HttpStreamReader::Side::Requests, options.maxHeadSize, options.keptHttpBody),
      m_responses(HttpStreamReader::Side::Responses, options.maxHeadSize, options.keptHttpBody),
      m_clientFrames(connectionId, Direction::Inbound, options.frameLimits),
      m_serverFrames(connectionId, Direction::Outbound, options.frameLimits)
{
    if (options.startAsWebSocket)
        m_phase = Phase::WebSocket;
}

void ConversationDissector::open(const SocketAddress &client, const SocketAddress &server, qint64 timeNs,
                                 CaptureBatch &out)
{
    CaptureRecord record;
    record.timeNs = timeNs;
    record.connectionId = m_connectionId;
    record.kind = RecordKind::ConnectionOpened;
    record.transport = m_phase == Phase::WebSocket ? Transport::WebSocket : Transport::Http;
    record.note = client.toString();
    record.serverAddress = server.toString();
    out.append(std::move(record));
}

void ConversationDissector::feed(Direction direction, QByteArrayView bytes, qint64 timeNs, CaptureBatch &out)
{
    if (m_closed || bytes.isEmpty())
        return;
    if (m_phase == Phase::WebSocket) {
        FrameStreamReader &frames = framesOf(direction);
        frames.feed(bytes, timeNs, out);
        if (!m_firstCloseCode)
            m_firstCloseCode = frames.closeCode();
        return;
    }
    if (m_httpStopped[index(direction)])
        return;
    if (direction == Direction::Inbound && m_phase == Phase::AwaitingUpgrade) {
        if (m_waitingClientBytes.size() + bytes.size() > maxWaitingClientBytes) {
            recordStreamError(direction, StreamError::HttpHeadInvalid,
                              QStringLiteral("more than %1 bytes sent before the upgrade was answered")
                                      .arg(maxWaitingClientBytes),
                              timeNs, out);
            m_httpStopped[index(direction)] = true;
            return;
        }
        m_waitingClientBytes.append(bytes.data(), bytes.size());
        return;
    }
    httpOf(direction).append(bytes);
    feedHttp(direction, timeNs, out);
}

void ConversationDissector::feedHttp(Direction direction, qint64 timeNs, CaptureBatch &out)
{
    HttpStreamReader &reader = httpOf(direction);
    const Phase phase = m_phase;
    // Each message may change the phase (an upgrade request, a 101): stop reading HTTP then.
    while (m_phase == phase) {
        HttpStreamMessage message;
        switch (reader.next(message)) {
        case HttpStreamReader::Status::NeedMore:
            return;
        case HttpStreamReader::Status::Failed:
            recordStreamError(direction, StreamError::HttpHeadInvalid,
                              QString::fromLatin1(reader.failedHead().left(64)).simplified(), timeNs, out);
            m_httpStopped[index(direction)] = true;
            return;
        case HttpStreamReader::Status::Message:
            if (direction == Direction::Inbound)
                handleRequest(std::move(message), timeNs, out);
            else
                handleResponse(std::move(message), timeNs, out);
            break;
        }
    }
}

void ConversationDissector::handleRequest(HttpStreamMessage &&message, qint64 timeNs, CaptureBatch &out)
{
    const HttpParseResult parsed = HttpRequestParser::parse(message.head, m_options.maxHeadSize);
    m_responses.expectResponseTo(parsed.head.method);
    // RFC 6455 §4.1: a client asks for the upgrade with "Upgrade: websocket"; whether the request
    // is valid (§4.2.1) is the server's to judge, and the record carries the request for the views.
    if (!parsed.head.hasToken("Upgrade", "websocket")) {
        recordHttp(Direction::Inbound, message, Transport::Http, timeNs, out);
        return;
    }
    Upgrade upgrade;
    upgrade.key = parsed.head.value("Sec-WebSocket-Key").trimmed();
    const auto valid = validateUpgradeRequest(parsed.head);
    if (const auto *request = std::get_if<UpgradeRequest>(&valid)) {
        upgrade.subprotocols = request->subprotocols;
        upgrade.extensionOffers = request->extensionOffers;
    }
    m_upgrade = std::move(upgrade);
    recordHttp(Direction::Inbound, message, Transport::WebSocket, timeNs, out);
    m_phase = Phase::AwaitingUpgrade;
    m_waitingClientBytes = m_requests.takeRemainder();
}

void ConversationDissector::handleResponse(HttpStreamMessage &&message, qint64 timeNs, CaptureBatch &out)
{
    recordHttp(Direction::Outbound, message, m_upgrade ? Transport::WebSocket : Transport::Http, timeNs, out);
    if (!m_upgrade || (message.status >= 100 && message.status < 200 && message.status != 101))
        return;
    if (message.status == 101) {
        switchToWebSocket(message.head, timeNs, out);
        return;
    }
    // Refused: the client's later bytes are HTTP again.
    m_upgrade.reset();
    m_phase = Phase::Http;
    m_requests.append(std::exchange(m_waitingClientBytes, {}));
    feedHttp(Direction::Inbound, timeNs, out);
}

void ConversationDissector::switchToWebSocket(const QByteArray &responseHead, qint64 timeNs, CaptureBatch &out)
{
    const HttpResponseParseResult parsed = HttpResponseParser::parse(responseHead, m_options.maxHeadSize);
    const QList<UpgradeResponseError> broken =
            validateUpgradeResponse(parsed.head, m_upgrade->key, m_upgrade->subprotocols, m_upgrade->extensionOffers);
    if (!broken.isEmpty()) {
        QStringList names;
        for (const UpgradeResponseError error : broken)
            names.append(QString::fromLatin1(upgradeResponseErrorName(error)));
        recordStreamError(Direction::Outbound, StreamError::UpgradeResponseInvalid, names.join(QStringLiteral(", ")),
                          timeNs, out);
    }
    for (const QByteArray &element : splitHeaderList(parsed.head.value("Sec-WebSocket-Extensions"))) {
        if (!element.startsWith(permessageDeflateName))
            continue;
        const auto agreed = parseDeflateAgreement(element);
        if (const auto *parameters = std::get_if<DeflateParameters>(&agreed)) {
            m_clientFrames.enableDeflate(*parameters);
            m_serverFrames.enableDeflate(*parameters);
        } else {
            recordStreamError(Direction::Outbound, StreamError::ExtensionAgreementInvalid,
                              QString::fromLatin1(deflateOfferErrorName(std::get<DeflateOfferError>(agreed))), timeNs,
                              out);
        }
        break;
    }
    m_upgrade.reset();
    m_phase = Phase::WebSocket;
    // What the client sent after its request, and what followed the 101 in the server's stream, are
    // the first frames of each direction; the client's were seen first (before the 101), whatever
    // pieces the 101 itself came in.
    feed(Direction::Inbound, std::exchange(m_waitingClientBytes, {}), timeNs, out);
    feed(Direction::Outbound, m_responses.takeRemainder(), timeNs, out);
}

void ConversationDissector::skip(Direction direction, quint64 length, qint64 timeNs, CaptureBatch &out)
{
    if (m_closed)
        return;
    if (m_phase == Phase::WebSocket) {
        framesOf(direction).skip(length, timeNs, out);
        return;
    }
    CaptureRecord gap;
    gap.timeNs = timeNs;
    gap.connectionId = m_connectionId;
    gap.direction = direction;
    gap.kind = RecordKind::StreamGap;
    gap.missed = length;
    out.append(std::move(gap));
    if (!m_httpStopped[index(direction)]) {
        recordStreamError(direction, StreamError::BytesMissing, QStringLiteral("%1 bytes").arg(length), timeNs, out);
        m_httpStopped[index(direction)] = true;
    }
}

void ConversationDissector::endDirection(Direction direction, qint64 timeNs, CaptureBatch &out)
{
    if (m_closed)
        return;
    if (m_phase == Phase::WebSocket) {
        framesOf(direction).finish(timeNs, out);
        return;
    }
    // RFC 9112 §6.3 item 8: a response without a length ends with the connection.
    if (direction == Direction::Outbound && !m_httpStopped[1]) {
        if (auto message = m_responses.finish())
            handleResponse(std::move(*message), timeNs, out);
    }
}

void ConversationDissector::close(qint64 timeNs, CaptureBatch &out)
{
    if (m_closed)
        return;
    endDirection(Direction::Inbound, timeNs, out);
    endDirection(Direction::Outbound, timeNs, out);
    m_closed = true;
    CaptureRecord record;
    record.timeNs = timeNs;
    record.connectionId = m_connectionId;
    record.kind = RecordKind::ConnectionClosed;
    record.transport = m_phase == Phase::WebSocket ? Transport::WebSocket : Transport::Http;
    // As the server records it: the close code of the closing handshake, 1006 when the connection
    // ended without one (RFC 6455 §7.1.5), 0 for a connection that never was WebSocket.
    if (m_phase == Phase::WebSocket)
        record.closeCode = m_firstCloseCode.value_or(quint16(1006));
    out.append(std::move(record));
}

void ConversationDissector::recordHttp(Direction direction, const HttpStreamMessage &message, Transport transport,
                                       qint64 timeNs, CaptureBatch &out) const
{
    CaptureRecord record;
    record.timeNs = timeNs;
    record.connectionId = m_connectionId;
    record.direction = direction;
    record.transport = transport;
    record.kind = direction == Direction::Inbound ? RecordKind::HttpRequest : RecordKind::HttpResponse;
    record.httpStatus = message.status;
    record.wireBytes = message.head + message.keptBody;
    if (message.bodySize > message.keptBody.size())
        record.truncatedFrom = message.head.size() + message.bodySize;
    out.append(std::move(record));
}

void ConversationDissector::recordStreamError(Direction direction, StreamError error, const QString &detail,
                                              qint64 timeNs, CaptureBatch &out) const
{
    CaptureRecord record;
    record.timeNs = timeNs;
    record.connectionId = m_connectionId;
    record.direction = direction;
    record.transport = m_phase == Phase::WebSocket ? Transport::WebSocket : Transport::Http;
    record.kind = RecordKind::ProtocolError;
    record.streamError = error;
    record.note = detail;
    out.append(std::move(record));
}

HttpStreamReader &ConversationDissector::httpOf(Direction direction)
{
    return direction == Direction::Inbound ? m_requests : m_responses;
}

FrameStreamReader &ConversationDissector::framesOf(Direction direction)
{
    return direction == Direction::Inbound ? m_clientFrames : m_serverFrames;
}

} // namespace wslab::capture
