#pragma once

#include "clientoutcome.h"
#include "clientsettings.h"
#include "openinghandshake.h"

#include "capture/socketaddress.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/messageassembler.h"
#include "server/protocol/opcode.h"
#include "server/protocol/permessagedeflate.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAbstractSocket;
QT_END_NAMESPACE

namespace wslab::capture {
class LiveRecorder;
}

namespace wslab::client {

// wslab as a WebSocket client (RFC 6455 §4.1, §5, §7) on a QTcpSocket or, for wss://, a QSslSocket:
// the opening handshake with a random key, checked against §4.1; every frame it sends masked with a
// fresh random key (§5.3); server frames decoded in the client role (a masked one is an error),
// messages reassembled, UTF-8 checked and, with permessage-deflate, inflated by the protocol layer;
// pings answered with pongs, a close echoed, and a broken rule answered with the close code the RFC
// names for it (§7.1.7). Both byte streams go to the recorder as they cross the wire, so the capture
// shows this conversation as it shows any other. Every wait is bounded (settings' timeouts).
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Handshaking, Open, Closing, Closed };

    ClientConnection(quint64 id, const ClientSettings &settings, capture::LiveRecorder *recorder,
                     QObject *parent = nullptr);
    ~ClientConnection() override;

    // Connects and sends the opening handshake; opened() or finished() follows.
    void open();

    // Sending, only while open (false otherwise: nothing was sent). A message goes in `frames` frames
    // (RFC 6455 §5.4; at least one), compressed first when permessage-deflate was agreed.
    bool sendText(const QString &text, int frames = 1);
    bool sendBinary(const QByteArray &data, int frames = 1);
    bool sendMessage(protocol::Opcode opcode, QByteArrayView message, int frames = 1);
    // §5.5.2: at most 125 bytes.
    bool ping(QByteArrayView payload = {});
    // Starts the closing handshake (§7.1.2); no code sends an empty close body.
    bool close(std::optional<quint16> code = quint16(1000), const QString &reason = {});
    // Any bytes, rules or not, for deliberately broken frames; recorded like the rest.
    bool sendRaw(const QByteArray &bytes);
    // Cuts TCP now; finished() follows.
    void abort();

    [[nodiscard]] quint64 id() const noexcept { return m_id; }
    [[nodiscard]] State state() const noexcept { return m_state; }
    [[nodiscard]] const ClientSettings &settings() const noexcept { return m_settings; }
    [[nodiscard]] QByteArray subprotocol() const { return m_subprotocol; } // agreed, or empty
    [[nodiscard]] bool isDeflateAgreed() const noexcept { return m_deflate != nullptr; }
    [[nodiscard]] const ClientOutcome &outcome() const noexcept { return m_outcome; }
    // Bytes handed to the connection that the kernel has not taken yet: a sender holds back while
    // this is large and goes on at bytesWritten().
    [[nodiscard]] qint64 bytesToWrite() const;

Q_SIGNALS:
    void opened();
    void messageReceived(wslab::protocol::Opcode opcode, const QByteArray &payload);
    void pongReceived(const QByteArray &payload);
    void closeReceived(std::optional<quint16> code, const QString &reason);
    void finished(const wslab::client::ClientOutcome &outcome);
    void bytesWritten();

private:
    void onSocketReady();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void onTimeout();
    void readHandshake(const QByteArray &bytes);
    bool agreeOnExtensions(const protocol::HttpResponseHead &head);
    void readFrames(QByteArrayView bytes);
    void handleFrame(protocol::DecodedFrame &&frame);
    void handleControl(const protocol::DecodedFrame &frame);
    void handleClose(const protocol::DecodedFrame &frame);
    void failProtocol(protocol::DecodeError error);
    void writeClose(std::optional<quint16> code, QByteArrayView reasonUtf8);
    void write(const QByteArray &bytes);
    void fail(ClientFailure failure);
    void finish();

    quint64 m_id;
    ClientSettings m_settings;
    capture::LiveRecorder *m_recorder;
    QAbstractSocket *m_socket = nullptr;
    OpeningHandshake m_handshake;
    QByteArray m_responseBuffer; // the server's answer until its head is complete
    protocol::FrameDecoder m_decoder;
    protocol::MessageAssembler m_assembler;
    std::unique_ptr<protocol::PerMessageDeflate> m_deflate;
    QList<protocol::DecodedFrame> m_frames; // decoded by one read, reused
    QByteArray m_subprotocol;
    QTimer m_timer; // the handshake, then the closing handshake
    State m_state = State::Idle;
    ClientOutcome m_outcome;
    bool m_recorded = false; // the recorder knows this connection
    bool m_readingFrames = true; // false once the connection failed: the rest is only recorded
};

} // namespace wslab::client
