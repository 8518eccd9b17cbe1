#pragma once

// A WebSocket client written byte by byte for the conformance cases: it performs the opening
// handshake by hand, sends exactly the bytes a case gives it (valid or not, whole or in chunks) and
// reads the server's frames back with the project's decoder in the client role, so every frame the
// server writes is checked against RFC 6455 too. Header-only: each tst_conformance_*.cpp is its own
// executable and includes it.
//
// Every wait runs the event loop (the server may live in this thread or in another one) and is
// bounded by a deadline; nothing here can hang a test.

#include "server/protocol/closepayload.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/messageassembler.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <optional>

namespace wslab::conformance {

// What the server sent, as the cases compare it: a whole data message (RFC 6455 §5.6, fragments
// reassembled, so a server may fragment its echo) or one control frame other than close.
struct Received
{
    protocol::Opcode opcode = protocol::Opcode::Text;
    QByteArray payload;

    friend bool operator==(const Received &, const Received &) = default;
};

class RawClient
{
public:
    static constexpr int defaultTimeoutMs = 5000;

    RawClient()
        : m_decoder(protocol::DecoderOptions{protocol::Role::Client, 64ull * 1024 * 1024, false})
        , m_assembler(protocol::AssemblerOptions{64ull * 1024 * 1024})
    {
    }

    // --- opening handshake (RFC 6455 §4.1) ---

    // Connects, sends the upgrade request with a fresh key and checks the response as a client
    // must (§4.1, "the client MUST validate the server's response"): status 101, Upgrade:
    // websocket, Connection: Upgrade, and the accept value derived from our key (§4.2.2 step 5.4)
    // computed here independently of the project's own derivation.
    bool upgrade(quint16 port, const QByteArray &path = "/echo", const QList<QByteArray> &extraHeaderLines = {},
                 int timeoutMs = defaultTimeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!waitUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, deadline))
            return fail(QStringLiteral("TCP connect to port %1 failed: %2").arg(port).arg(m_socket.errorString()));
        // Chunked sends must leave as separate segments, not be coalesced by Nagle's algorithm.
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);

        QByteArray nonce(16, Qt::Uninitialized);
        for (char &byte : nonce)
            byte = char(QRandomGenerator::global()->bounded(256));
        m_key = nonce.toBase64();
        QByteArray request = "GET " + path + " HTTP/1.1\r\n"
                "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                "Sec-WebSocket-Key: " + m_key + "\r\n"
                "Sec-WebSocket-Version: 13\r\n";
        for (const QByteArray &line : extraHeaderLines)
            request += line + "\r\n";
        request += "\r\n";
        m_socket.write(request);

        if (!waitUntil([this] { return m_headComplete; }, deadline))
            return fail(QStringLiteral("no complete response head within %1 ms (got %2 bytes: %3)")
                                .arg(timeoutMs).arg(m_head.size()).arg(QString::fromLatin1(m_head.left(200))));
        return checkResponse();
    }

    [[nodiscard]] int status() const noexcept { return m_status; }
    // A response header's value (name case-insensitive; repeated headers joined with ", ").
    [[nodiscard]] std::optional<QByteArray> responseHeader(const QByteArray &name) const
    {
        for (const auto &[key, value] : m_headers) {
            if (key == name.toLower())
                return value;
        }
        return std::nullopt;
    }
    [[nodiscard]] QString errorString() const { return m_error; }

    // --- sending ---

    // Writes `bytes` in pieces of `chunkSize` (0: at once), pausing `delayMs` after each piece, and
    // stops early once the server has sent a close frame or dropped TCP. Returns how many bytes
    // were written: fewer than bytes.size() is exactly what "fail fast" means (RFC 6455 §10.4).
    qsizetype send(QByteArrayView bytes, qsizetype chunkSize = 0, int delayMs = 0)
    {
        const qsizetype step = chunkSize > 0 ? chunkSize : std::max<qsizetype>(bytes.size(), 1);
        qsizetype sent = 0;
        while (sent < bytes.size() && !serverHasEnded()) {
            const qsizetype n = std::min(step, bytes.size() - sent);
            m_socket.write(bytes.data() + sent, n);
            sent += n;
            m_sentBytes.append(bytes.data() + sent - n, n);
            flushWrites();
            if (delayMs > 0)
                waitUntil([this] { return serverHasEnded(); }, QDeadlineTimer(delayMs, Qt::PreciseTimer));
            else
                drain();
        }
        return sent;
    }

    // A close frame from the client (masked, RFC 6455 §5.3); no code means an empty body.
    void sendClose(std::optional<quint16> code, QByteArrayView reason = {})
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray frame = protocol::FrameEncoder::encode(protocol::Opcode::Close,
                                                                protocol::FrameEncoder::closePayload(code, reason),
                                                                true, protocol::FrameEncoder::randomMaskKey());
        m_socket.write(frame);
        m_sentBytes.append(frame);
        flushWrites();
    }

    // Every byte the client has written after the handshake.
    [[nodiscard]] const QByteArray &sentBytes() const noexcept { return m_sentBytes; }

    // --- receiving ---

    // Runs the event loop until `done()` holds, the deadline passes or the connection is gone.
    bool waitUntil(const std::function<bool()> &done, QDeadlineTimer deadline)
    {
        for (;;) {
            drain();
            if (done())
                return true;
            if (deadline.hasExpired() || m_socket.state() == QAbstractSocket::UnconnectedState)
                return done();
            waitForActivity(deadline);
        }
    }
    bool waitUntil(const std::function<bool()> &done, int timeoutMs = defaultTimeoutMs)
    {
        return waitUntil(done, QDeadlineTimer(timeoutMs));
    }

    // Messages and control frames (close excepted) in the order they arrived, up to the close frame.
    [[nodiscard]] const QList<Received> &received() const noexcept { return m_received; }
    [[nodiscard]] bool hasCloseFrame() const noexcept { return m_close.has_value(); }
    [[nodiscard]] const std::optional<protocol::ClosePayload> &closePayload() const noexcept { return m_close; }
    [[nodiscard]] bool isTcpClosed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    // The server has sent its close frame or dropped the connection: it will read nothing more.
    [[nodiscard]] bool serverHasEnded() const { return hasCloseFrame() || isTcpClosed(); }
    // A rule the server's own frames broke (masking, reserved bits, fragmentation, UTF-8 in text,
    // close payload, a frame after its close): empty if none.
    [[nodiscard]] QString serverViolation() const { return m_violation; }

    bool waitForTcpClose(int timeoutMs) { return waitUntil([this] { return isTcpClosed(); }, timeoutMs); }

private:
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }

    void flushWrites()
    {
        const QDeadlineTimer deadline(defaultTimeoutMs);
        while (m_socket.bytesToWrite() > 0 && m_socket.state() == QAbstractSocket::ConnectedState
               && !deadline.hasExpired()) {
            if (!m_socket.flush())
                waitForActivity(deadline);
        }
    }

    // One turn of the event loop: returns at the first socket event or at the deadline.
    void waitForActivity(QDeadlineTimer deadline)
    {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QIODevice::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QIODevice::bytesWritten, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QAbstractSocket::stateChanged, &loop, &QEventLoop::quit);
        QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &loop, &QEventLoop::quit);
        timer.start(std::max<qint64>(deadline.remainingTime(), 0));
        loop.exec();
    }

    // Everything the socket has buffered goes to the response head or the frame decoder.
    void drain()
    {
        if (m_socket.bytesAvailable() <= 0)
            return;
        QByteArray bytes = m_socket.readAll();
        if (!m_headComplete) {
            m_head += bytes;
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            bytes = m_head.mid(end + 4); // frames the server sent right behind its 101
            m_head.truncate(end + 4);
            m_headComplete = true;
        }
        feed(bytes);
    }

    void feed(QByteArrayView bytes)
    {
        if (bytes.isEmpty() || !m_violation.isEmpty())
            return;
        QList<protocol::DecodedFrame> frames;
        const auto error = m_decoder.feed(bytes, frames);
        for (protocol::DecodedFrame &frame : frames)
            accept(std::move(frame));
        if (error && m_violation.isEmpty())
            m_violation = QStringLiteral("server frame broke a rule: %1").arg(QLatin1String(protocol::decodeErrorName(*error)));
    }

    void accept(protocol::DecodedFrame &&frame)
    {
        if (!m_violation.isEmpty())
            return;
        if (m_close) {
            // RFC 6455 §5.5.1: after sending a Close frame an endpoint sends no further frames.
            m_violation = QStringLiteral("server sent a %1 frame after its close frame")
                                  .arg(QLatin1String(protocol::opcodeName(frame.header.opcode)));
            return;
        }
        protocol::AssemblyStep step = m_assembler.push(std::move(frame));
        switch (step.kind) {
        case protocol::AssemblyStep::Kind::FragmentBuffered:
            return;
        case protocol::AssemblyStep::Kind::MessageComplete:
            m_received.append({step.message.opcode, step.message.payload});
            return;
        case protocol::AssemblyStep::Kind::Failed:
            m_violation = QStringLiteral("server message broke a rule: %1")
                                  .arg(QLatin1String(protocol::decodeErrorName(step.error)));
            return;
        case protocol::AssemblyStep::Kind::Control:
            break;
        }
        if (step.control->header.opcode != protocol::Opcode::Close) {
            m_received.append({step.control->header.opcode, step.control->payload});
            return;
        }
        auto parsed = protocol::parseClosePayload(step.control->payload);
        if (auto *error = std::get_if<protocol::DecodeError>(&parsed)) {
            m_violation = QStringLiteral("server close payload broke a rule: %1 (payload %2)")
                                  .arg(QLatin1String(protocol::decodeErrorName(*error)),
                                       QString::fromLatin1(step.control->payload.toHex(' ')));
            m_close = protocol::ClosePayload{};
            return;
        }
        m_close = std::get<protocol::ClosePayload>(std::move(parsed));
    }

    bool checkResponse()
    {
        const QList<QByteArray> lines = m_head.trimmed().split('\n');
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        m_status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            auto existing = std::find_if(m_headers.begin(), m_headers.end(),
                                         [&](const auto &header) { return header.first == name; });
            if (existing != m_headers.end())
                existing->second += ", " + value;
            else
                m_headers.append({name, value});
        }
        if (statusLine.value(0) != "HTTP/1.1" || m_status != 101)
            return fail(QStringLiteral("expected HTTP/1.1 101, got: %1").arg(QString::fromLatin1(lines.value(0).trimmed())));
        if (responseHeader("upgrade").value_or(QByteArray()).toLower() != "websocket")
            return fail(QStringLiteral("101 without Upgrade: websocket"));
        const QList<QByteArray> connectionTokens = responseHeader("connection").value_or(QByteArray()).toLower().split(',');
        if (std::none_of(connectionTokens.begin(), connectionTokens.end(),
                         [](const QByteArray &token) { return token.trimmed() == "upgrade"; }))
            return fail(QStringLiteral("101 without Connection: Upgrade"));
        const QByteArray expectedAccept =
                QCryptographicHash::hash(m_key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1).toBase64();
        const QByteArray accept = responseHeader("sec-websocket-accept").value_or(QByteArray());
        if (accept != expectedAccept)
            return fail(QStringLiteral("Sec-WebSocket-Accept is '%1', expected '%2'")
                                .arg(QString::fromLatin1(accept), QString::fromLatin1(expectedAccept)));
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_key;
    QByteArray m_head;
    bool m_headComplete = false;
    int m_status = 0;
    QList<std::pair<QByteArray, QByteArray>> m_headers;
    QString m_error;

    QByteArray m_sentBytes;
    protocol::FrameDecoder m_decoder;
    protocol::MessageAssembler m_assembler;
    QList<Received> m_received;
    std::optional<protocol::ClosePayload> m_close;
    QString m_violation;
};

} // namespace wslab::conformance
