// The live capture's own cost, without sockets: what a relay adds per frame when capture is on.
// Bytes as the proxy hands them over (LiveRecorder: dissected, numbered, batched by the
// CaptureStream) and printed as --headless prints them (RecordPrinter, to stdout). CONNECTIONS
// WebSocket connections each get PIPELINE masked client frames of SIZE bytes in one read, then the
// same unmasked from the server, ROUNDS times; CPU time per frame is reported on stderr, REPEAT times.
//   bench_live_capture [--size N] [--connections N] [--pipeline N] [--rounds N] [--repeat N] >/dev/null
#include "app/cli/commandline.h"
#include "app/cli/heaptuning.h"
#include "app/cli/recordprinter.h"
#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "server/protocol/frameencoder.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace wslab;
using namespace wslab::capture;
using namespace wslab::protocol;

namespace {

struct Options
{
    int size = 16;
    int connections = 100;
    int pipeline = 16;
    int rounds = 2000;
    int repeat = 5;
};

Options parse(const QStringList &args)
{
    Options options;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const int value = args.at(i + 1).toInt();
        if (args.at(i) == QLatin1String("--size"))
            options.size = value;
        else if (args.at(i) == QLatin1String("--connections"))
            options.connections = value;
        else if (args.at(i) == QLatin1String("--pipeline"))
            options.pipeline = value;
        else if (args.at(i) == QLatin1String("--rounds"))
            options.rounds = value;
        else if (args.at(i) == QLatin1String("--repeat"))
            options.repeat = value;
    }
    return options;
}

double cpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// One read's worth of frames in each direction, as a pipelining client and an echo server write them.
struct Reads
{
    QByteArray inbound;
    QByteArray outbound;
};

Reads makeReads(const Options &options)
{
    QByteArray payload(options.size, Qt::Uninitialized);
    for (int i = 0; i < options.size; ++i)
        payload[i] = char('a' + i % 26);
    Reads reads;
    for (int i = 0; i < options.pipeline; ++i) {
        FrameEncoder::encodeInto(reads.inbound, Opcode::Binary, payload, true, MaskKey{0x12, 0x34, 0x56, 0x78});
        FrameEncoder::encodeInto(reads.outbound, Opcode::Binary, payload);
    }
    return reads;
}

void openConnections(LiveRecorder &recorder, int connections)
{
    const QByteArray request = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n\r\n";
    const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    for (int c = 1; c <= connections; ++c) {
        const qint64 now = recorder.nowNs();
        recorder.connectionOpened(quint64(c), SocketAddress::ipv4(0x7f000001, quint16(40000 + c)),
                                  SocketAddress::ipv4(0x7f000001, 8080), now, true);
        recorder.bytesReceived(quint64(c), Direction::Inbound, request, now);
        recorder.bytesReceived(quint64(c), Direction::Outbound, response, now);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    app::tuneHeapForPayloads(); // as the app does
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    app::CommandLineOptions printing;
    app::RecordPrinter printer(printing, 0);
    CaptureStream stream;
    QObject::connect(&stream, &CaptureStream::batchReady, [&](const CaptureBatch &batch) { printer.print(batch); });
    LiveRecorder recorder(&stream);
    openConnections(recorder, options.connections);
    const Reads reads = makeReads(options);

    std::vector<double> perFrameNs;
    const double frames = 2.0 * options.pipeline * options.connections * options.rounds;
    for (int r = 0; r < options.repeat; ++r) {
        const double start = cpuSeconds();
        for (int round = 0; round < options.rounds; ++round) {
            for (int c = 1; c <= options.connections; ++c) {
                recorder.bytesReceived(quint64(c), Direction::Inbound, reads.inbound, recorder.nowNs());
                recorder.bytesReceived(quint64(c), Direction::Outbound, reads.outbound, recorder.nowNs());
            }
        }
        stream.flush();
        perFrameNs.push_back((cpuSeconds() - start) * 1e9 / frames);
        std::fprintf(stderr, "run %d: %.1f ns of CPU per frame\n", r + 1, perFrameNs.back());
    }
    std::sort(perFrameNs.begin(), perFrameNs.end());
    std::fprintf(stderr, "size=%d connections=%d pipeline=%d frames/run=%.0f best_ns=%.1f median_ns=%.1f\n",
                 options.size, options.connections, options.pipeline, frames, perFrameNs.front(),
                 perFrameNs[perFrameNs.size() / 2]);
    return 0;
}
