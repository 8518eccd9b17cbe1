#pragma once

#include "capturerecord.h"
#include "framestreamreader.h"
#include "httpstreamreader.h"
#include "socketaddress.h"

#include <optional>

namespace wslab::capture {

// The passive dissector of one TCP connection: fed the two byte streams in the order they were seen,
// with times, it produces the records the embedded server produces for its own connections — the
// opening, HTTP request and response heads, the upgrade and its RFC 6455 §4.1 checks, every frame of
// both directions decoded with the role of its receiver, messages inflated with the agreed
// permessage-deflate parameters, the close handshake, the TCP close — and errors as records. It
// takes no part in the conversation: nothing it reads is answered, and a broken rule is recorded,
// not acted on. Records are appended to `out` with id 0: the caller numbers them.
//
// Used by the capture-file reader (through TrafficDissector) and by anything else that sees both
// directions of a connection, such as a relay.
class ConversationDissector
{
public:
    struct Options
    {
        qsizetype maxHeadSize = 64 * 1024; // an HTTP head longer than this is not HTTP
        qsizetype keptHttpBody = 64 * 1024; // body bytes kept in a record; the size is always known
        FrameStreamReader::Limits frameLimits;
        // The capture began after the upgrade: read both directions as WebSocket from the first byte
        // ("decode as"). permessage-deflate cannot be known then; RSV1 frames are shown undecoded.
        bool startAsWebSocket = false;
    };

    ConversationDissector(quint64 connectionId, Options options);

    void open(const SocketAddress &client, const SocketAddress &server, qint64 timeNs, CaptureBatch &out);
    void feed(Direction direction, QByteArrayView bytes, qint64 timeNs, CaptureBatch &out);
    void skip(Direction direction, quint64 length, qint64 timeNs, CaptureBatch &out);
    void endDirection(Direction direction, qint64 timeNs, CaptureBatch &out);
    void close(qint64 timeNs, CaptureBatch &out);

    [[nodiscard]] bool isWebSocket() const noexcept { return m_phase == Phase::WebSocket; }

private:
    enum class Phase : quint8 {
        Http,             // requests and responses
        AwaitingUpgrade,  // an upgrade request was sent: client bytes wait for the server's answer
        WebSocket,        // frames both ways
    };
    struct Upgrade
    {
        QByteArray key;
        QList<QByteArray> subprotocols;
        QList<QByteArray> extensionOffers;
    };

    void feedHttp(Direction direction, qint64 timeNs, CaptureBatch &out);
    void handleRequest(HttpStreamMessage &&message, qint64 timeNs, CaptureBatch &out);
    void handleResponse(HttpStreamMessage &&message, qint64 timeNs, CaptureBatch &out);
    void switchToWebSocket(const QByteArray &responseHead, qint64 timeNs, CaptureBatch &out);
    void recordHttp(Direction direction, const HttpStreamMessage &message, Transport transport, qint64 timeNs,
                    CaptureBatch &out) const;
    void recordStreamError(Direction direction, StreamError error, const QString &detail, qint64 timeNs,
                           CaptureBatch &out) const;
    [[nodiscard]] HttpStreamReader &httpOf(Direction direction);
    [[nodiscard]] FrameStreamReader &framesOf(Direction direction);

    quint64 m_connectionId;
    Options m_options;
    Phase m_phase = Phase::Http;
    HttpStreamReader m_requests;
    HttpStreamReader m_responses;
    FrameStreamReader m_clientFrames; // client to server
    FrameStreamReader m_serverFrames; // server to client
    std::optional<Upgrade> m_upgrade;  // the upgrade request waiting for its answer
    QByteArray m_waitingClientBytes;   // sent after the upgrade request, before the answer was seen
    bool m_httpStopped[2] = {false, false};
    std::optional<quint16> m_firstCloseCode;
    bool m_closed = false;
};

} // namespace wslab::capture
