// Protocol benchmark: decode + unmask throughput against memcpy and the textbook byte loop.
//   build/test/tests/bench/bench_protocol
// Prints Google Benchmark's table, then the ratios the README's performance section records.
#include "server/protocol/frameencoder.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/masking.h"

#include <benchmark/benchmark.h>

#include <cstring>
#include <map>
#include <string>

using namespace wslab::protocol;

namespace {

constexpr MaskKey benchKey{0x37, 0xfa, 0x21, 0x3d};

// Enough frames of `payloadSize` bytes to fill about `streamBytes`, masked as a browser sends them.
QByteArray maskedStream(qsizetype payloadSize, qsizetype streamBytes)
{
    const QByteArray payload(payloadSize, 'w');
    const QByteArray frame = FrameEncoder::encode(Opcode::Binary, payload, true, benchKey);
    QByteArray stream;
    const qsizetype count = std::max<qsizetype>(1, streamBytes / frame.size());
    stream.reserve(count * frame.size());
    for (qsizetype i = 0; i < count; ++i)
        stream.append(frame);
    return stream;
}

void decodeAndUnmask(benchmark::State &state)
{
    const qsizetype payloadSize = state.range(0);
    const QByteArray stream = maskedStream(payloadSize, std::max<qsizetype>(payloadSize, 1 << 20));
    QList<DecodedFrame> frames;
    for (auto _ : state) {
        FrameDecoder decoder({Role::Server, quint64(1) << 30});
        frames.clear();
        const auto error = decoder.feed(stream, frames);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(frames.data());
    }
    state.SetBytesProcessed(state.iterations() * stream.size());
    state.SetItemsProcessed(state.iterations() * frames.size());
}

void memcpyReference(benchmark::State &state)
{
    const qsizetype payloadSize = state.range(0);
    const QByteArray stream = maskedStream(payloadSize, std::max<qsizetype>(payloadSize, 1 << 20));
    QByteArray destination(stream.size(), Qt::Uninitialized);
    for (auto _ : state) {
        std::memcpy(destination.data(), stream.constData(), size_t(stream.size()));
        benchmark::DoNotOptimize(destination.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * stream.size());
}

void unmaskInPlace(benchmark::State &state)
{
    QByteArray buffer(state.range(0), 'w');
    for (auto _ : state) {
        applyMask(buffer.data(), buffer.size(), benchKey);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * buffer.size());
}

void unmaskBytewise(benchmark::State &state)
{
    QByteArray buffer(state.range(0), 'w');
    for (auto _ : state) {
        applyMaskBytewise(buffer.data(), buffer.size(), benchKey);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * buffer.size());
}

void decodeSmallFrames(benchmark::State &state)
{
    const QByteArray stream = maskedStream(16, 1 << 16); // 16-byte payloads, 22 bytes on the wire
    QList<DecodedFrame> frames;
    frames.reserve(stream.size() / 22 + 1);
    for (auto _ : state) {
        FrameDecoder decoder;
        frames.clear();
        const auto error = decoder.feed(stream, frames);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(frames.data());
    }
    state.SetItemsProcessed(state.iterations() * frames.size());
    state.SetBytesProcessed(state.iterations() * stream.size());
}

BENCHMARK(decodeAndUnmask)->Name("decode+unmask")->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(memcpyReference)->Name("memcpy")->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(unmaskInPlace)->Name("unmask in place")->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(unmaskBytewise)->Name("byte loop (ENCODED[i] ^ MASK[i % 4])")->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(decodeSmallFrames)->Name("decode 16-byte frames");

// Keeps each run's rates so the ratios can be printed after the table.
class RatioReporter : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            const auto bytes = run.counters.find("bytes_per_second");
            const auto items = run.counters.find("items_per_second");
            if (bytes != run.counters.end())
                bytesPerSecond[run.benchmark_name()] = bytes->second.value;
            if (items != run.counters.end())
                itemsPerSecond[run.benchmark_name()] = items->second.value;
        }
    }
    std::map<std::string, double> bytesPerSecond;
    std::map<std::string, double> itemsPerSecond;
};

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);

    std::printf("\n%-10s %14s %14s %14s %12s %12s\n", "frame", "decode GB/s", "memcpy GB/s",
                "byte loop GB/s", "vs memcpy", "vs byte loop");
    for (const char *size : {"1024", "65536", "1048576"}) {
        const double decode = reporter.bytesPerSecond["decode+unmask/" + std::string(size)];
        const double copy = reporter.bytesPerSecond["memcpy/" + std::string(size)];
        const double bytewise = reporter.bytesPerSecond["byte loop (ENCODED[i] ^ MASK[i % 4])/" + std::string(size)];
        if (decode <= 0 || copy <= 0 || bytewise <= 0)
            continue; // filtered out with --benchmark_filter
        std::printf("%-10s %14.2f %14.2f %14.2f %11.2fx %11.1fx\n", size, decode / 1e9, copy / 1e9,
                    bytewise / 1e9, decode / copy, decode / bytewise);
    }
    const double small = reporter.itemsPerSecond["decode 16-byte frames"];
    if (small > 0)
        std::printf("16-byte frames decoded: %.1f million/s\n", small / 1e6);
    benchmark::Shutdown();
    return 0;
}
