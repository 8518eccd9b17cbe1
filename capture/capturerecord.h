#pragma once

#include "server/protocol/decodedframe.h"
#include "server/protocol/decodeerror.h"
#include "frameintervention.h"
#include "streamerror.h"
#include "tlsinfo.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace wslab::capture {

enum class Direction : quint8 {
    Inbound,  // client -> server
    Outbound, // server -> client
};

enum class Transport : quint8 {
    WebSocket,
    Polling,     // GET /poll
    LongPolling, // GET /longpoll
    Http,        // static files, /send, anything else
};

enum class RecordKind : quint8 {
    ConnectionOpened,  // TCP accepted; `note` has the peer address
    HttpRequest,       // a request head (+ body), including WebSocket upgrade requests
    HttpResponse,      // a response, including 101 Switching Protocols and rejections
    Frame,             // one WebSocket frame; `frame` is set
    FrameDelivered,    // a held frame was released to the chat room; `relatedId` names it
    ProtocolError,     // the peer broke a rule; `wireBytes` has the offending bytes
    ConnectionClosed,  // TCP closed; `closeCode` holds the WebSocket close code (1006 if none)
    CaptureGap,        // `missed` records were not kept: their receiver had fallen behind
    StreamGap,         // `missed` bytes of one direction were never captured (a file's lost segment)
};

// One thing that crossed the wire (or happened to a connection), as the inspector and the headless
// printer see it. Value type, cheap to move; built in the server thread, delivered in batches.
struct CaptureRecord
{
    quint64 id = 0;              // 1, 2, 3 ... in capture order
    qint64 timeNs = 0;           // monotonic, from the server's start
    quint64 connectionId = 0;    // 0 for events not tied to a connection
    Direction direction = Direction::Inbound;
    Transport transport = Transport::Http;
    RecordKind kind = RecordKind::Frame;

    // Frames: the decoded frame; its wireBytes() are exactly the bytes on the wire. HTTP: the raw
    // request or response bytes in `wireBytes`. Payloads may be cut to the capture's per-record cap,
    // in which case `truncatedFrom` is the real size.
    std::optional<protocol::DecodedFrame> frame;
    QByteArray wireBytes;
    qint64 truncatedFrom = -1;

    // permessage-deflate (RFC 7692): a compressed message as the application sees it. `frame` keeps
    // what crossed the wire (RSV1 = 1 on the first frame, a deflated payload); this is the message
    // inflated, so a learner sees both sides of the transformation. Set on one record per
    // compressed message:
    //   inbound  - the frame that completed it (its FIN frame); when frames were held, that held
    //              frame as a preview (inflated ahead of the delivery) and the FrameDelivered
    //              record of that frame (inflated when delivered);
    //   outbound - its first frame (the one with RSV1), holding the message before compression.
    // Empty when the message was not compressed (or could not be inflated: a ProtocolError record
    // follows). Cut to the capture's payload cap like the frame payload; `inflatedSize` is the real
    // size.
    std::optional<QByteArray> inflatedPayload;
    qint64 inflatedSize = -1;

    bool held = false;           // captured while the session held incoming frames
    // Frames built from a message (a HAR file holds messages, not frames): FIN, the mask key and
    // the length form are not the wire's, and the views say so.
    bool reconstructed = false;
    // The chat page's own bookkeeping, not part of any conversation: its POST /stats (the figures
    // and latency samples the Transports panel shows) and the answer to it.
    bool bookkeeping = false;
    // A proxy changed these bytes before forwarding them (`--rewrite-host`, an upstream path
    // prefix, an offer for permessage-deflate, an intercepted frame edited, dropped or injected): the
    // record holds what was forwarded, and `note` says what was changed.
    bool modified = false;
    quint64 relatedId = 0;       // FrameDelivered: the held record
    // Inbound: the rule the frame broke for the server. Outbound: the rule a client's parser finds
    // broken in a frame the server wrote (crafted frames: RFC 6455 read in the client role).
    std::optional<protocol::DecodeError> decodeError;
    std::optional<StreamError> streamError; // ProtocolError from reading a stream (files, proxy)
    int httpStatus = 0;          // HttpResponse: the status code
    quint16 closeCode = 0;       // ConnectionClosed
    // ConnectionClosed of a WebSocket connection: the direction of the first close frame, the end
    // that started the closing handshake or failed the connection; empty if none crossed the wire.
    std::optional<Direction> firstCloseDirection;
    quint64 missed = 0;          // CaptureGap: records; StreamGap: bytes
    QString note;                // short human text: peer address, nickname, error reason
    QString serverAddress;       // ConnectionOpened: the server's end ("127.0.0.1:8002"); `note` has the client's
    // ConnectionOpened of a connection a proxy relayed to a wss:// upstream, or of the client's own
    // wss:// connection: the TLS session with that server. Shared: rare, and
    // records are copied into every batch and model.
    std::shared_ptr<const TlsInfo> tls;
    // A frame the proxy's intercept edited, dropped or injected (`modified` is set too): what it
    // did and the sender's original bytes. Empty on every other record.
    std::shared_ptr<const FrameIntervention> intervention;

    // The exact bytes this record stands for (frame bytes re-derived, HTTP bytes as stored).
    [[nodiscard]] QByteArray bytes() const { return frame ? frame->wireBytes() : wireBytes; }
    [[nodiscard]] bool isTruncated() const noexcept { return truncatedFrom >= 0; }
    [[nodiscard]] bool isInflatedTruncated() const noexcept
    {
        return inflatedPayload && inflatedSize > inflatedPayload->size();
    }
};

using CaptureBatch = QList<CaptureRecord>;

} // namespace wslab::capture

Q_DECLARE_METATYPE(wslab::capture::CaptureRecord)
