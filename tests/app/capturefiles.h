#pragma once

// Capture files for the app's file tests, made the way the app saves them: a conversation read by
// the capture layer's dissector from exact wire bytes, written by CaptureFileWriter.

#include "capture/capturefilewriter.h"
#include "capture/conversationdissector.h"
#include "capture/socketaddress.h"
#include "server/protocol/frameencoder.h"

#include <QFile>
#include <QString>

namespace wslab::app::testing {

// An upgrade, `frames` masked "Hello" frames from the client (RFC 6455 §5.7), an unmasked answer,
// then a binary frame of `bigPayload` varied bytes from the server if asked for, a close from each
// side, numbered from 1. Returns the records the file holds.
inline capture::CaptureBatch sampleConversation(int frames, qsizetype bigPayload = 0)
{
    using capture::Direction;
    capture::CaptureBatch records;
    capture::ConversationDissector dissector(1, {});
    const qint64 t0 = 1'700'000'000'000'000'000;
    dissector.open(capture::SocketAddress::fromString(u"127.0.0.1:50000"),
                   capture::SocketAddress::fromString(u"127.0.0.1:9000"), t0, records);
    dissector.feed(Direction::Inbound,
                   "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                   t0 + 1000, records);
    dissector.feed(Direction::Outbound,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
                   t0 + 2000, records);
    const QByteArray hello = QByteArray::fromHex("818537fa213d7f9f4d5158");
    for (int i = 0; i < frames; ++i)
        dissector.feed(Direction::Inbound, hello, t0 + 3000 + i, records);
    dissector.feed(Direction::Outbound, QByteArray::fromHex("810548656c6c6f"), t0 + 4000 + frames, records);
    if (bigPayload > 0) {
        QByteArray payload(bigPayload, Qt::Uninitialized);
        for (qsizetype at = 0; at < bigPayload; ++at)
            payload[at] = char((at * 131 + at / 251) & 0xFF);
        dissector.feed(Direction::Outbound, protocol::FrameEncoder::encode(protocol::Opcode::Binary, payload),
                       t0 + 4500 + frames, records);
    }
    dissector.feed(Direction::Outbound, QByteArray::fromHex("880203e8"), t0 + 5000 + frames, records);
    dissector.feed(Direction::Inbound, QByteArray::fromHex("888237fa213d3412"), t0 + 6000 + frames, records);
    dissector.close(t0 + 7000 + frames, records);
    // Numbered 1, 2, 3 ... as TrafficDissector numbers what its dissectors make.
    for (qsizetype i = 0; i < records.size(); ++i)
        records[i].id = quint64(i + 1);
    return records;
}

inline bool writeCaptureFile(const QString &path, const capture::CaptureBatch &records)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    capture::CaptureFileWriter writer(&file, 0);
    if (!writer.begin())
        return false;
    for (const capture::CaptureRecord &record : records) {
        if (!writer.write(record))
            return false;
    }
    return true;
}

} // namespace wslab::app::testing
