// Writes a large pcapng capture of one WebSocket conversation for the file-reading benchmark
// (scripts/bench-read): an upgrade on port 80 (so tshark dissects it without "decode as"), then
// FRAMES frames alternating between masked client frames and unmasked server frames, payloads of
// PAYLOAD bytes on average (varied, so all three length forms occur), through the app's own writer.
//   capture_generator FILE [FRAMES] [PAYLOAD]
#include "capture/capturefilewriter.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/framedecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace wslab::capture;
using namespace wslab::protocol;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: capture_generator FILE [FRAMES] [PAYLOAD]\n");
        return 2;
    }
    const qint64 frames = args.size() > 2 ? args[2].toLongLong() : 1'000'000;
    const qint64 payload = args.size() > 3 ? args[3].toLongLong() : 520;
    QFile file(args[1]);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args[1]));
        return 2;
    }
    CaptureFileWriter writer(&file, 0);
    writer.begin();
    qint64 time = 1'750'000'000'000'000'000;
    quint64 id = 0;
    const auto record = [&](RecordKind kind, Direction direction) {
        CaptureRecord r;
        r.id = ++id;
        r.kind = kind;
        r.direction = direction;
        r.connectionId = 1;
        r.timeNs = (time += 1000);
        return r;
    };
    CaptureRecord opened = record(RecordKind::ConnectionOpened, Direction::Inbound);
    opened.note = QStringLiteral("127.0.0.1:40000");
    opened.serverAddress = QStringLiteral("127.0.0.1:80");
    writer.write(opened);
    CaptureRecord request = record(RecordKind::HttpRequest, Direction::Inbound);
    request.wireBytes = "GET /bench HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    writer.write(request);
    CaptureRecord response = record(RecordKind::HttpResponse, Direction::Outbound);
    response.httpStatus = 101;
    response.wireBytes = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    writer.write(response);

    // Sizes cycle through a fixed pattern around the mean: mostly 7- and 16-bit lengths, some 64-bit.
    const qint64 pattern[] = {payload / 8, payload / 2, payload, payload, payload * 3 / 2, payload * 2 - payload / 8 - 1};
    QByteArray text(payload * 4, 'w');
    for (qint64 i = 0; i < frames; ++i) {
        const bool fromClient = i % 2 == 0;
        const qint64 size = i % 1000 == 999 ? 70000 : pattern[i % 6];
        if (text.size() < size)
            text.resize(size, 'w');
        FrameHeader header;
        header.opcode = Opcode::Text;
        header.masked = fromClient;
        header.maskKey = {quint8(i), 0x5a, 0xa5, quint8(i >> 8)};
        header.payloadLength = quint64(size);
        header.lengthForm = minimalLengthForm(header.payloadLength);
        CaptureRecord frame = record(RecordKind::Frame, fromClient ? Direction::Inbound : Direction::Outbound);
        frame.frame = FrameDecoder::readFrame(FrameEncoder::writeRaw(header, QByteArrayView(text).first(size)));
        writer.write(frame);
    }
    writer.write(record(RecordKind::ConnectionClosed, Direction::Inbound));
    file.close();
    std::printf("%s: %lld frames, %lld bytes\n", qPrintable(args[1]), frames, qint64(QFileInfo(file).size()));
    return 0;
}
