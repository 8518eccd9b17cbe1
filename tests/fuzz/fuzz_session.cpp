// A whole WebSocket connection on the real server: the bytes a client sends, from the request head
// on or after a valid upgrade, go through HttpConnection, WebSocketSession, the chat room or the
// echo, permessage-deflate and the capture (ServerFeeder: over a socketpair, no network).
//   input: [mode] [splits] client bytes
//   mode: bits 0-1 what comes first: nothing (the input is the whole conversation), an upgrade to
//   /echo, to /chatsocket, or to /echo offering permessage-deflate; bit 2 hold incoming frames
//   (step mode) until the client has sent everything; bit 3 a second client in the chat room
// Property (with ASan/UBSan): the server survives and lets go of every connection the client closed.

#include "fuzzinput.h"
#include "serverfeeder.h"

using namespace wslab;

namespace {

fuzz::ServerFeeder *feeder = nullptr;

constexpr char upgradeHead[] = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

QByteArray upgrade(const char *target, const char *extra = "")
{
    return QByteArray("GET ") + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgradeHead + extra + "\r\n";
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::makeApplication();
    server::ServerSettings settings;
    settings.port = 0;
    settings.maxMessageSize = 1024 * 1024; // a bound the fuzzer reaches often, and runs stay quick
    settings.maxFramePayload = 1024 * 1024;
    settings.longPollTimeoutMs = 100;
    static fuzz::ServerFeeder instance(settings);
    feeder = &instance;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput input(data, size);
    const quint8 mode = input.takeByte();
    const QByteArrayView splits = input.takeSplits();
    static const QByteArray prefixes[] = {
        QByteArray(),
        upgrade("/echo"),
        upgrade("/chatsocket?nick=fuzz"),
        upgrade("/echo", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"),
    };
    const QByteArray &prefix = prefixes[mode & 3];
    const bool hold = mode & 4;

    QList<QByteArrayView> client{prefix};
    client.append(fuzz::cut(input.rest(), splits));
    QList<QList<QByteArrayView>> streams;
    streams.append(client);
    static const QByteArray listener = upgrade("/chatsocket?nick=listener");
    if (mode & 8)
        streams.append({listener});

    server::WebSocketServer &server = feeder->server();
    server.setHoldIncoming(hold);
    feeder->run(streams, [&server, hold] {
        if (hold) {
            server.deliverNextHeld();
            server.setHoldIncoming(false); // and everything else
        }
    });
    return 0;
}
