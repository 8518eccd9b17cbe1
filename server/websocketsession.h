#pragma once

#include "clientinfo.h"
#include "net/tcpstream.h"

#include "protocol/closepayload.h"
#include "protocol/deflateoffer.h"
#include "protocol/framedecoder.h"
#include "protocol/framestreamvalidator.h"
#include "protocol/messageassembler.h"
#include "protocol/permessagedeflate.h"

#include <QBasicTimer>
#include <QObject>

#include <deque>
#include <memory>
#include <optional>

namespace wslab::server {

class WebSocketServer;

// One WebSocket connection after the 101 (RFC 6455 §5-§7): incoming bytes go through the frame
// decoder and the message assembler; pings are answered, messages go to the chat room or are
// echoed, the closing handshake runs in both directions, and every frame in either direction is
// captured exactly as it crossed the wire. Outgoing frames of one event-loop turn are written with
// one write.
//
// With permessage-deflate agreed in the handshake (RFC 7692), messages that arrive with RSV1 are
// inflated (bounded by the message size limit) before they are used, and every data message the
// session sends is compressed, RSV1 on its first frame only; control frames never are (§6.1).
class WebSocketSession : public QObject, private net::TcpStream::Reader
{
    Q_OBJECT
public:
    enum class Mode : quint8 { Chat, Echo };
    enum class State : quint8 {
        Open,
        Closing, // a close frame has been sent: no more data frames either way (RFC 6455 §5.5.1)
        Closed,
    };

    static constexpr qsizetype maxHeldFrames = 10'000;   // beyond: stop reading (TCP back-pressure)
    static constexpr qsizetype maxPendingPings = 16;      // pings awaiting their pong, for the RTT
    static constexpr qsizetype keptWriteCapacity = 16 * 1024; // write buffer kept between turns
    // A payload this big goes to the stream as it is (shared) instead of being copied behind its
    // header: an echoed megabyte costs no memcpy here.
    static constexpr qsizetype directWriteSize = 64 * 1024;
    // Waiting to be sent beyond this, the session stops reading until the peer has caught up: a
    // client that sends faster than it reads its echoes is held back by TCP, not by our memory.
    static constexpr qint64 maxWriteBacklog = 4 * 1024 * 1024;

    // Takes the stream over (it becomes a child of the session). `deflate`: the permessage-deflate
    // parameters agreed in the handshake, if any.
    WebSocketSession(WebSocketServer &server, net::TcpStream *stream, ClientInfo info, Mode mode,
                     std::optional<protocol::DeflateParameters> deflate = std::nullopt);
    ~WebSocketSession() override;

    // Starts reading; `leftover` is what followed the request head in the same reads.
    void start(QByteArrayView leftover);

    [[nodiscard]] quint64 id() const noexcept { return m_info.connectionId; }
    [[nodiscard]] const ClientInfo &info() const noexcept { return m_info; }
    [[nodiscard]] Mode mode() const noexcept { return m_mode; }
    [[nodiscard]] State state() const noexcept { return m_state; }
    [[nodiscard]] qsizetype heldCount() const noexcept { return qsizetype(m_held.size()); }
    [[nodiscard]] bool isCompressing() const noexcept { return m_deflate.has_value(); }
    [[nodiscard]] const protocol::PerMessageDeflate *deflate() const noexcept
    {
        return m_deflate ? &*m_deflate : nullptr;
    }
    void setNick(const QString &nick) { m_info.nick = nick; }

    // A data message, in `fragments` frames (0: per the outgoing fragment size setting); compressed
    // first when permessage-deflate was agreed.
    void sendMessage(protocol::Opcode opcode, const QByteArray &message, int fragments = 0);
    void sendPing(const QByteArray &payload);
    // Bytes written as they are (the frame composer); captured as a frame if they are exactly one.
    // From then on every frame sent is checked as the client reads it (watchOutbound()).
    void sendRaw(const QByteArray &wireBytes);
    // Starts the closing handshake (RFC 6455 §7.1.2); the TCP connection is dropped after the
    // close timeout if the peer does not answer.
    void close(quint16 code, const QString &reason = {});
    // Writes what is queued, then closes the TCP connection at once (server shutting down).
    void closeNow();

    void setHold(bool hold);
    bool deliverOneHeld(); // false if nothing was held
    void pingIfIdle(qint64 nowNs, qint64 intervalNs);

    // Writes the frames queued since the last flush.
    void flush();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct HeldItem
    {
        quint64 recordId = 0;
        std::optional<protocol::DecodedFrame> frame;
        std::optional<protocol::DecodeError> error; // a decoder error, held in its place
    };
    struct PendingPing
    {
        QByteArray payload;
        qint64 sentNs = 0;
    };

    void streamReadable() override { onReadyRead(); }
    void onReadyRead();
    void onDisconnected();
    void markClientChanged();
    void consume(QByteArrayView bytes);
    void handleFrame(protocol::DecodedFrame &&frame);
    void process(protocol::DecodedFrame &&frame, capture::CaptureRecord *record);
    void handleControl(const protocol::DecodedFrame &frame);
    void handleClose(const protocol::DecodedFrame &frame);
    void handleMessage(protocol::Message &&message);
    void fail(protocol::DecodeError error, const QByteArray &offendingBytes, bool alreadyCaptured = false);
    void watchOutbound();
    [[nodiscard]] std::optional<protocol::DecodeError> checkOutbound(QByteArrayView header, QByteArrayView payload);
    void previewHeld(const protocol::DecodedFrame &frame, capture::CaptureRecord &record);
    quint64 captureError(protocol::DecodeError error, const QByteArray &offendingBytes, bool held);

    // `whole`: the payload as one array, shared by the capture; `inflated`: the message before
    // compression, on the first frame of a compressed message (which gets RSV1).
    void queueFrame(protocol::Opcode opcode, QByteArrayView payload, bool fin, const QByteArray *whole = nullptr,
                    const QByteArray *inflated = nullptr);
    void queueClose(std::optional<quint16> code, const QString &reason);
    void requestFlush();
    void writeOut(const QByteArray *body = nullptr); // `body` (shared) follows what is queued
    void onDrained();
    void updateReading();
    void shutdownTransport();
    void finish();
    [[nodiscard]] QByteArray partialFrameWireBytes() const;
    [[nodiscard]] qsizetype bytesOfCurrentFrameBefore() const;

    WebSocketServer &m_server;
    net::TcpStream *m_stream;
    ClientInfo m_info;
    protocol::FrameDecoder m_decoder;
    protocol::MessageAssembler m_assembler;
    std::optional<protocol::PerMessageDeflate> m_deflate; // RFC 7692, when agreed
    QList<protocol::DecodedFrame> m_frames; // decoded by one read, reused
    QByteArray m_out;                       // frames queued this turn
    std::deque<HeldItem> m_held;
    // While frames are held: copies of the assembler and the inflater that run ahead of the
    // delivery, so a held compressed message can be shown inflated before it is delivered.
    struct HeldPreview
    {
        protocol::MessageAssembler assembler;
        protocol::PerMessageDeflate inflater;
    };
    std::optional<HeldPreview> m_preview;
    std::deque<PendingPing> m_pings;
    QBasicTimer m_closeTimer;
    qint64 m_lastActivityNs = 0; // as of the last idle check that found the session active
    quint64 m_pingCounter = 0;
    std::optional<quint16> m_receivedCloseCode; // the peer's close (1005 for an empty one)
    std::optional<quint16> m_failCode;          // we failed the connection with this code
    std::optional<capture::Direction> m_firstClose; // who sent the first close frame
    // The frames this session writes, read as the client reads them; from the first crafted frame.
    std::unique_ptr<protocol::FrameStreamValidator> m_outboundCheck;
    Mode m_mode;
    State m_state = State::Open;
    bool m_holding = false;
    bool m_inRead = false;
    bool m_flushRequested = false;
    bool m_shutdownPending = false;
    bool m_readPaused = false; // too many held frames
    bool m_backlogged = false; // more than maxWriteBacklog waits to be sent
    bool m_inputDead = false; // failed: what still arrives is read and dropped
    bool m_finished = false;
    bool m_activeSinceIdleCheck = false; // frames arrived since pingIfIdle() last looked
    bool m_clientChanged = false;        // the server has this session in its client updates

    friend class WebSocketServer; // m_flushRequested, m_clientChanged
};

} // namespace wslab::server
