// The HTTP side of the real server with the polling transports in mind: /poll, /longpoll, /send
// and /stats requests (PollingEndpoint) and whatever else a client sends over HTTP/1.1 keep-alive,
// on up to four connections at once, so a /send on one wakes a long poll parked on another
// (ServerFeeder: over socketpairs, no network).
//   input: [clients - 1: bits 0-1] [splits] requests, one client's bytes after another, separated
//   by "\n--\n"
// Property (with ASan/UBSan): the server survives and lets go of every connection the clients closed.

#include "fuzzinput.h"
#include "serverfeeder.h"

using namespace wslab;

namespace {

fuzz::ServerFeeder *feeder = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::makeApplication();
    server::ServerSettings settings;
    settings.port = 0;
    settings.longPollTimeoutMs = 100; // absent polling members leave the room after 15 s
    static fuzz::ServerFeeder instance(settings);
    feeder = &instance;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput input(data, size);
    const int clients = 1 + (input.takeByte() & 3);
    const QByteArrayView splits = input.takeSplits();
    QByteArrayView rest = input.rest();

    QList<QList<QByteArrayView>> streams;
    for (int i = 0; i < clients && (i == 0 || !rest.isEmpty()); ++i) {
        const qsizetype separator = i + 1 < clients ? rest.indexOf("\n--\n") : -1;
        const QByteArrayView bytes = separator < 0 ? rest : rest.first(separator);
        rest = separator < 0 ? QByteArrayView() : rest.sliced(separator + 4);
        streams.append(fuzz::cut(bytes, splits));
    }
    feeder->run(streams, [] {});
    return 0;
}
