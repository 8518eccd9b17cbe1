#pragma once

// Capture records for the inspector tests, built from exact wire bytes through the protocol layer
// (FrameDecoder::readFrame), the way the server builds them.

#include "capture/capturerecord.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/permessagedeflate.h"

#include <QByteArray>
#include <QTest>

namespace wslab::inspector::samples {

using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using capture::Transport;

// RFC 6455 §5.7 examples.
inline QByteArray maskedHelloWire() { return QByteArray::fromHex("818537fa213d7f9f4d5158"); }
inline QByteArray unmaskedHelloWire() { return QByteArray::fromHex("810548656c6c6f"); }
inline QByteArray pingHelloWire() { return QByteArray::fromHex("890548656c6c6f"); }
inline QByteArray firstFragmentWire() { return QByteArray::fromHex("010348656c"); }
inline QByteArray lastFragmentWire() { return QByteArray::fromHex("80026c6f"); }

inline constexpr char upgradeRequest[] =
        "GET /chat HTTP/1.1\r\n"
        "Host: 127.0.0.1:8080\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Origin: http://127.0.0.1:8080\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "\r\n";

inline constexpr char upgradeResponse[] =
        "HTTP/1.1 101 Switching Protocols\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
        "\r\n";

inline protocol::DecodedFrame frameFromWire(const QByteArray &wire)
{
    const auto frame = protocol::FrameDecoder::readFrame(wire);
    if (!frame)
        qFatal("not exactly one frame: %s", wire.toHex(' ').constData());
    return *frame;
}

inline CaptureRecord frameRecord(quint64 id, const QByteArray &wire, quint64 connection = 1,
                                 Direction direction = Direction::Inbound, qint64 timeNs = -1)
{
    CaptureRecord r;
    r.id = id;
    r.timeNs = timeNs >= 0 ? timeNs : qint64(id) * 1'000'000;
    r.connectionId = connection;
    r.direction = direction;
    r.transport = Transport::WebSocket;
    r.kind = RecordKind::Frame;
    r.frame = frameFromWire(wire);
    return r;
}

// A minimal frame as the server would capture it: masked from clients, unmasked from the server.
inline CaptureRecord encodedRecord(quint64 id, protocol::Opcode opcode, const QByteArray &payload,
                                   quint64 connection = 1, Direction direction = Direction::Inbound,
                                   bool fin = true)
{
    const auto key = direction == Direction::Inbound
            ? std::optional<protocol::MaskKey>(protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d})
            : std::nullopt;
    return frameRecord(id, protocol::FrameEncoder::encode(opcode, payload, fin, key), connection, direction);
}

inline CaptureRecord httpRecord(quint64 id, RecordKind kind, const QByteArray &bytes, quint64 connection = 1,
                                int status = 0)
{
    CaptureRecord r;
    r.id = id;
    r.timeNs = qint64(id) * 1'000'000;
    r.connectionId = connection;
    r.direction = kind == RecordKind::HttpRequest ? Direction::Inbound : Direction::Outbound;
    r.transport = Transport::Http;
    r.kind = kind;
    r.wireBytes = bytes;
    r.httpStatus = status;
    return r;
}

inline CaptureRecord eventRecord(quint64 id, RecordKind kind, quint64 connection = 1)
{
    CaptureRecord r;
    r.id = id;
    r.timeNs = qint64(id) * 1'000'000;
    r.connectionId = connection;
    r.kind = kind;
    r.transport = Transport::WebSocket;
    return r;
}

// `count` small text frames with ids first, first + 1, ...
inline capture::CaptureBatch textBatch(quint64 first, int count, quint64 connection = 1)
{
    capture::CaptureBatch batch;
    batch.reserve(count);
    const CaptureRecord prototype = frameRecord(first, maskedHelloWire(), connection);
    for (int i = 0; i < count; ++i) {
        CaptureRecord r = prototype;
        r.id = first + quint64(i);
        r.timeNs = qint64(r.id) * 1'000;
        batch.append(r);
    }
    return batch;
}

// RFC 7692 §7.2.1: a message compressed the way permessage-deflate sends it (no context takeover
// needed: a fresh compressor per call), the 00 00 ff ff tail already removed.
inline QByteArray deflated(QByteArrayView message)
{
    protocol::PerMessageDeflate deflate(protocol::DeflateParameters{}, protocol::Role::Client);
    return deflate.compress(message);
}

// The records of one compressed message as the server captures them: the DEFLATE data split over
// `frames` frames, RSV1 on the first (RFC 7692 §6), and the inflated message on the FIN frame
// (inbound) or on the first frame (outbound), as CaptureRecord::inflatedPayload says.
inline capture::CaptureBatch compressedMessage(quint64 firstId, protocol::Opcode opcode, const QByteArray &message,
                                              int frames = 1, quint64 connection = 1,
                                              Direction direction = Direction::Inbound)
{
    const QByteArray data = deflated(message);
    if (frames < 1 || frames > data.size())
        qFatal("cannot split %lld deflated bytes into %d frames", qlonglong(data.size()), frames);
    const auto key = direction == Direction::Inbound
            ? std::optional<protocol::MaskKey>(protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d})
            : std::nullopt;
    capture::CaptureBatch batch;
    const qsizetype piece = data.size() / frames;
    for (int i = 0; i < frames; ++i) {
        const bool first = i == 0;
        const bool last = i == frames - 1;
        const QByteArray part = data.mid(i * piece, last ? -1 : piece);
        CaptureRecord r = frameRecord(firstId + quint64(i),
                                      protocol::FrameEncoder::encode(first ? opcode : protocol::Opcode::Continuation,
                                                                     part, last, key, first),
                                      connection, direction);
        if ((direction == Direction::Inbound && last) || (direction == Direction::Outbound && first)) {
            r.inflatedPayload = message;
            r.inflatedSize = message.size();
        }
        batch.append(r);
    }
    return batch;
}

} // namespace wslab::inspector::samples
