#pragma once

// Shared by the server tests: a server on an ephemeral loopback port, and a raw TCP peer that
// speaks exact bytes (so the tests see precisely what the server wrote).

#include "capture/capturerecord.h"
#include "server/serversettings.h"
#include "server/websocketserver.h"
#include "server/protocol/deflateoffer.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/messageassembler.h"
#include "server/protocol/permessagedeflate.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace wslab::test {

using namespace wslab::server;
using namespace wslab::capture;
using namespace wslab::protocol;

inline constexpr int waitMs = 5000; // every wait is bounded

inline ServerSettings testSettings()
{
    ServerSettings settings;
    settings.bindAddress = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.closeTimeoutMs = 1000;
    settings.handshakeTimeoutMs = 3000;
    return settings;
}

// A server that accepts permessage-deflate when a peer offers it (the product's default declines).
inline ServerSettings deflateSettings()
{
    ServerSettings settings = testSettings();
    settings.permessageDeflate = true;
    return settings;
}

// A server in the test's thread, with every captured record collected.
class TestServer
{
public:
    explicit TestServer(const ServerSettings &settings = testSettings())
        : server(std::make_unique<WebSocketServer>(settings))
    {
        QObject::connect(server.get(), &WebSocketServer::capturedBatch, server.get(),
                         [this](const CaptureBatch &batch) { records += batch; });
    }
    ~TestServer()
    {
        if (server)
            server->shutdownNow();
    }

    bool start() { return server->start(); }
    [[nodiscard]] quint16 port() const { return server->serverPort(); }
    [[nodiscard]] QByteArray origin() const { return "http://127.0.0.1:" + QByteArray::number(port()); }

    // Every record so far (pending ones flushed first).
    CaptureBatch allRecords()
    {
        server->flushCapture();
        return records;
    }
    QList<CaptureRecord> recordsOf(quint64 connectionId)
    {
        QList<CaptureRecord> out;
        for (const CaptureRecord &record : allRecords()) {
            if (record.connectionId == connectionId)
                out.append(record);
        }
        return out;
    }

    std::unique_ptr<WebSocketServer> server;
    CaptureBatch records;
};

class RawPeer
{
public:
    RawPeer()
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
    }

    bool connectTo(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(waitMs);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    bool waitForBytes(qsizetype n, int timeoutMs = waitMs)
    {
        return QTest::qWaitFor([&] { return received.size() >= n; }, timeoutMs);
    }
    bool waitForDisconnected(int timeoutMs = waitMs)
    {
        return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    // Waits for a whole response head and takes it (and nothing after it) out of `received`.
    QByteArray takeResponseHead(int timeoutMs = waitMs)
    {
        if (!QTest::qWaitFor([&] { return received.contains("\r\n\r\n"); }, timeoutMs))
            return {};
        const qsizetype end = received.indexOf("\r\n\r\n") + 4;
        const QByteArray head = received.left(end);
        received.remove(0, end);
        return head;
    }
    // A whole response: head plus Content-Length bytes of body.
    QByteArray takeResponse(QByteArray *body = nullptr, int timeoutMs = waitMs)
    {
        const QByteArray head = takeResponseHead(timeoutMs);
        const qsizetype at = head.toLower().indexOf("\r\ncontent-length: ");
        qsizetype length = 0;
        if (at >= 0) {
            const qsizetype start = at + 18;
            length = head.mid(start, head.indexOf("\r\n", start) - start).toLongLong();
        }
        if (!waitForBytes(length, timeoutMs))
            return {};
        if (body)
            *body = received.left(length);
        received.remove(0, length);
        return head;
    }
    static int statusOf(const QByteArray &responseHead)
    {
        return responseHead.startsWith("HTTP/1.1 ") ? responseHead.mid(9, 3).toInt() : 0;
    }

    static QByteArray upgradeRequest(const QByteArray &path = "/echo",
                                     const QByteArray &key = "dGhlIHNhbXBsZSBub25jZQ==",
                                     const QByteArray &extra = {})
    {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
    }
    // Performs the opening handshake; true on a 101.
    bool upgrade(quint16 port, const QByteArray &path = "/echo", const QByteArray &extra = {})
    {
        if (socket.state() != QAbstractSocket::ConnectedState && !connectTo(port))
            return false;
        send(upgradeRequest(path, "dGhlIHNhbXBsZSBub25jZQ==", extra));
        responseHead = takeResponseHead();
        return statusOf(responseHead) == 101;
    }

    // A client frame (masked, RFC 6455 §5.1).
    static QByteArray clientFrame(Opcode opcode, QByteArrayView payload, bool fin = true,
                                  MaskKey key = {0x37, 0xfa, 0x21, 0x3d})
    {
        return FrameEncoder::encode(opcode, payload, fin, key);
    }
    void sendFrame(Opcode opcode, QByteArrayView payload, bool fin = true)
    {
        send(clientFrame(opcode, payload, fin));
    }

    // The next frame the server sent, decoded as a client would.
    std::optional<DecodedFrame> nextFrame(int timeoutMs = waitMs)
    {
        std::optional<DecodedFrame> frame;
        const bool arrived = QTest::qWaitFor([&] {
            if (!frames.isEmpty())
                return true;
            if (!received.isEmpty()) {
                decoder.feed(received, frames);
                received.clear();
            }
            return !frames.isEmpty() || decoder.hasFailed();
        }, timeoutMs);
        if (arrived && !frames.isEmpty())
            frame = frames.takeFirst();
        return frame;
    }
    // The next frame's opcode and payload, skipping nothing.
    std::optional<DecodedFrame> nextFrameOf(Opcode opcode, int timeoutMs = waitMs)
    {
        auto frame = nextFrame(timeoutMs);
        if (frame && frame->header.opcode != opcode)
            return std::nullopt;
        return frame;
    }

    // The value of a response header field (names compare case-insensitively); empty if absent.
    [[nodiscard]] QByteArray responseHeader(QByteArrayView name) const
    {
        for (const QByteArray &line : responseHead.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

    // --- permessage-deflate (RFC 7692), client side ---

    // Upgrades with `offer` in Sec-WebSocket-Extensions; true if the server agreed to it, after
    // which sendCompressed() deflates and nextMessage() inflates with the agreed parameters.
    bool upgradeWithDeflate(quint16 port, const QByteArray &path = "/echo",
                            const QByteArray &offer = "permessage-deflate")
    {
        if (!upgrade(port, path, "Sec-WebSocket-Extensions: " + offer + "\r\n"))
            return false;
        const QByteArray answer = responseHeader("Sec-WebSocket-Extensions");
        // The response element has the offer's syntax; each parameter holds what was agreed.
        const auto parsed = parseDeflateOffer(answer);
        const auto *agreed = std::get_if<DeflateOffer>(&parsed);
        if (answer.isEmpty() || !agreed)
            return false;
        DeflateParameters parameters;
        parameters.serverNoContextTakeover = agreed->serverNoContextTakeover;
        parameters.clientNoContextTakeover = agreed->clientNoContextTakeover;
        parameters.serverMaxWindowBits = agreed->serverMaxWindowBits.value_or(maxWindowBits);
        parameters.clientMaxWindowBits = agreed->clientMaxWindowBits.value_or(maxWindowBits);
        deflate.emplace(parameters, Role::Client);
        decoder.setRsv1Allowed(true);
        return true;
    }
    // A compressed message, RSV1 on its first frame, in frames of `fragmentSize` payload bytes
    // (0: one frame).
    [[nodiscard]] QByteArray compressedFrames(Opcode opcode, QByteArrayView message, qsizetype fragmentSize = 0)
    {
        const QByteArray payload = deflate->compress(message);
        if (fragmentSize <= 0 || fragmentSize >= payload.size())
            return FrameEncoder::encode(opcode, payload, true, MaskKey{0x37, 0xfa, 0x21, 0x3d}, true);
        QByteArray wire;
        for (qsizetype offset = 0; offset < payload.size(); offset += fragmentSize) {
            const QByteArrayView piece = QByteArrayView(payload).sliced(offset, qMin(fragmentSize, payload.size() - offset));
            wire += FrameEncoder::encode(offset == 0 ? opcode : Opcode::Continuation, piece,
                                         offset + piece.size() >= payload.size(), MaskKey{1, 2, 3, 4}, offset == 0);
        }
        return wire;
    }
    void sendCompressed(Opcode opcode, QByteArrayView message, qsizetype fragmentSize = 0)
    {
        send(compressedFrames(opcode, message, fragmentSize));
    }
    // The next data message, reassembled and (if it came with RSV1) inflated; control frames on
    // the way are skipped. `compressed` tells whether the server compressed it.
    std::optional<Message> nextMessage(bool *compressed = nullptr, int timeoutMs = waitMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (auto frame = nextFrame(int(qMax<qint64>(0, deadline.remainingTime())))) {
            AssemblyStep step = assembler.push(std::move(*frame));
            if (step.kind == AssemblyStep::Kind::Failed)
                return std::nullopt;
            if (step.kind != AssemblyStep::Kind::MessageComplete)
                continue;
            if (compressed)
                *compressed = step.message.compressed;
            if (step.message.compressed && (!deflate || inflateMessage(*deflate, step.message, qint64(1) << 30)))
                return std::nullopt;
            return std::move(step.message);
        }
        return std::nullopt;
    }

    QTcpSocket socket;
    QByteArray received;
    QByteArray responseHead;
    FrameDecoder decoder{DecoderOptions{Role::Client, quint64(1) << 40, false}};
    MessageAssembler assembler{AssemblerOptions{quint64(1) << 40}};
    std::optional<PerMessageDeflate> deflate;
    QList<DecodedFrame> frames;
};

inline quint16 closeCodeOf(const DecodedFrame &frame)
{
    if (frame.payload.size() < 2)
        return 1005;
    return quint16(quint8(frame.payload[0]) << 8 | quint8(frame.payload[1]));
}

} // namespace wslab::test
