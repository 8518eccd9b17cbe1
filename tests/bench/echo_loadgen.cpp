// Echo load generator: raw sockets, one epoll thread, pre-masked frames, every echoed byte verified.
//   echo_loadgen --port 8002 [--path /echo] --size 1024 --connections 100 --pipeline 16 --seconds 3
//   echo_loadgen --port 8002 --idle 5000 --hold 5      (opens idle connections and holds them)
// Prints one line: messages, msgs/s, MB/s (payload echoed), latency p50/p99 in microseconds, its own
// CPU use in percent of one core, errors.
// Deliberately independent of Qt and of the project's codec, so it measures a server from outside.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options
{
    int port = 8002;
    std::string path = "/echo";
    size_t size = 16;
    int connections = 1;
    int pipeline = 1;
    double seconds = 3;
    int idle = 0;
    double hold = 5;
};

struct Connection
{
    int fd = -1;
    bool upgraded = false;
    std::string handshakeReply;
    std::string out;        // bytes still to write
    size_t outOffset = 0;
    // Incoming frames: an echo may split a message into several frames (RFC 6455 §5.4), so the
    // payload bytes are verified, not the framing.
    std::string header;
    uint64_t frameRemaining = 0;
    bool inPayload = false;
    bool frameFin = false;
    size_t messageOffset = 0;
    std::deque<Clock::time_point> inFlight;
};

[[noreturn]] void die(const char *what)
{
    std::perror(what);
    std::exit(2);
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
        die("socket");
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // loopback only
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0 && errno != EINPROGRESS)
        die("connect");
    return fd;
}

std::string upgradeRequest(const Options &options)
{
    // A fixed key is fine for a load test; the server's accept value is not what is measured.
    return "GET " + options.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(options.port)
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              "Sec-WebSocket-Version: 13\r\n\r\n";
}

std::string frameHeader(size_t length, bool masked)
{
    std::string header;
    header.push_back(char(0x82)); // FIN + binary
    const char maskBit = masked ? char(0x80) : 0;
    if (length <= 125) {
        header.push_back(char(maskBit | char(length)));
    } else if (length <= 0xFFFF) {
        header.push_back(char(maskBit | 126));
        header.push_back(char(length >> 8));
        header.push_back(char(length & 0xFF));
    } else {
        header.push_back(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            header.push_back(char((uint64_t(length) >> (8 * i)) & 0xFF));
    }
    return header;
}

std::string payloadPattern(size_t size)
{
    std::string payload(size, '\0');
    for (size_t i = 0; i < size; ++i)
        payload[i] = char((i * 131 + 7) & 0xFF);
    return payload;
}

std::string maskedFrame(const std::string &payload)
{
    const unsigned char key[4] = {0x37, 0xfa, 0x21, 0x3d};
    std::string frame = frameHeader(payload.size(), true);
    frame.append(reinterpret_cast<const char *>(key), 4);
    for (size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ key[i % 4]));
    return frame;
}

bool flush(Connection &connection)
{
    while (connection.outOffset < connection.out.size()) {
        const ssize_t written = ::send(connection.fd, connection.out.data() + connection.outOffset,
                                       connection.out.size() - connection.outOffset, MSG_NOSIGNAL);
        if (written < 0)
            return errno == EAGAIN;
        connection.outOffset += size_t(written);
    }
    connection.out.clear();
    connection.outOffset = 0;
    return true;
}

void queueMessage(Connection &connection, const std::string &frame, Clock::time_point now)
{
    // Drop what was sent once it is most of the buffer, so a server that reads slowly does not
    // make this buffer grow (and be copied) without bound.
    if (connection.outOffset > 0 && connection.outOffset * 2 >= connection.out.size()) {
        connection.out.erase(0, connection.outOffset);
        connection.outOffset = 0;
    }
    connection.out += frame;
    connection.inFlight.push_back(now);
}

// Puts `pipeline` messages in flight on every connection at once.
void startLoad(std::vector<Connection> &connections, int pipeline, const std::string &frame)
{
    const auto now = Clock::now();
    for (Connection &connection : connections) {
        if (connection.fd < 0)
            continue;
        for (int p = 0; p < pipeline; ++p)
            queueMessage(connection, frame, now);
        flush(connection); // what the socket does not take now goes on its next EPOLLOUT
    }
}

// Walks the echoed bytes frame by frame; calls onMessage for every complete message. False when a
// byte differs from what was sent or a frame is not a data frame of this message.
template<typename OnMessage>
bool consume(Connection &connection, const char *data, size_t size, const std::string &payload, OnMessage onMessage)
{
    size_t i = 0;
    while (i < size) {
        if (!connection.inPayload) {
            // Header bytes are taken as many at a time as are here: two, then the extended length.
            const auto takeHeader = [&](size_t upTo) {
                const size_t take = std::min(upTo - connection.header.size(), size - i);
                connection.header.append(data + i, take);
                i += take;
                return connection.header.size() == upTo;
            };
            if (connection.header.size() < 2 && !takeHeader(2))
                continue;
            const uint8_t length7 = uint8_t(connection.header[1]) & 0x7F;
            const size_t needed = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
            if (!takeHeader(needed))
                continue;
            if (uint8_t(connection.header[1]) & 0x80)
                return false; // a server must not mask
            uint64_t length = length7;
            if (length7 >= 126) {
                length = 0;
                for (size_t b = 2; b < needed; ++b)
                    length = length << 8 | uint8_t(connection.header[b]);
            }
            const uint8_t opcode = uint8_t(connection.header[0]) & 0x0F;
            if (opcode != (connection.messageOffset == 0 ? 0x2 : 0x0))
                return false;
            connection.frameFin = uint8_t(connection.header[0]) & 0x80;
            connection.frameRemaining = length;
            connection.inPayload = true;
            connection.header.clear();
        }
        const size_t take = size_t(std::min<uint64_t>(connection.frameRemaining, size - i));
        if (connection.messageOffset + take > payload.size()
            || std::memcmp(data + i, payload.data() + connection.messageOffset, take) != 0)
            return false;
        i += take;
        connection.messageOffset += take;
        connection.frameRemaining -= take;
        if (connection.frameRemaining == 0) {
            connection.inPayload = false;
            if (connection.frameFin) {
                if (connection.messageOffset != payload.size())
                    return false;
                connection.messageOffset = 0;
                onMessage();
            }
        }
    }
    return true;
}

int runIdle(const Options &options)
{
    const std::string request = upgradeRequest(options);
    std::vector<int> fds;
    int upgraded = 0;
    char buffer[4096];
    for (int i = 0; i < options.idle; ++i) {
        const int fd = connectTo(options.port);
        fds.push_back(fd);
        int flags = ::fcntl(fd, F_GETFL);
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); // blocking: simple and still bounded by the server
        timeval timeout{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
            continue;
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got > 12 && std::memcmp(buffer, "HTTP/1.1 101", 12) == 0)
            ++upgraded;
    }
    std::printf("idle connections upgraded: %d of %d\n", upgraded, options.idle);
    std::fflush(stdout);
    ::usleep(useconds_t(options.hold * 1e6));
    for (int fd : fds)
        ::close(fd);
    return upgraded == options.idle ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const char *value = argv[i + 1];
        if (name == "--port") options.port = std::atoi(value);
        else if (name == "--path") options.path = value;
        else if (name == "--size") options.size = size_t(std::atoll(value));
        else if (name == "--connections") options.connections = std::max(1, std::atoi(value));
        else if (name == "--pipeline") options.pipeline = std::max(1, std::atoi(value));
        else if (name == "--seconds") options.seconds = std::min(60.0, std::atof(value));
        else if (name == "--idle") options.idle = std::min(20000, std::atoi(value));
        else if (name == "--hold") options.hold = std::min(60.0, std::atof(value));
        else { std::fprintf(stderr, "unknown option %s\n", name.c_str()); return 2; }
    }
    if (options.idle > 0)
        return runIdle(options);

    const std::string payload = payloadPattern(options.size);
    const std::string request = maskedFrame(payload);
    const std::string upgrade = upgradeRequest(options);

    const int epoll = ::epoll_create1(0);
    if (epoll < 0)
        die("epoll_create1");
    std::vector<Connection> connections(size_t(options.connections));
    for (size_t i = 0; i < connections.size(); ++i) {
        connections[i].fd = connectTo(options.port);
        connections[i].out = upgrade;
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT | EPOLLET;
        event.data.u64 = i;
        if (::epoll_ctl(epoll, EPOLL_CTL_ADD, connections[i].fd, &event) < 0)
            die("epoll_ctl");
    }

    std::vector<double> latenciesUs;
    latenciesUs.reserve(1 << 20);
    uint64_t messages = 0;
    uint64_t errors = 0;
    std::vector<char> buffer(1 << 20);
    const auto start = Clock::now();
    const auto measured = std::chrono::duration<double>(options.seconds);
    // Every connection is upgraded before any message is sent, so that the rate measured is the
    // steady state of all of them at once: a proxy that is slow to open the last connections while
    // the first ones already stream would otherwise be measured on a tail of the run, or not at all.
    auto deadline = start + std::chrono::seconds(30);
    auto measuredFrom = start;
    int upgradedCount = 0;
    std::vector<epoll_event> events(256);

    while (Clock::now() < deadline) {
        const int ready = ::epoll_wait(epoll, events.data(), int(events.size()), 100);
        for (int e = 0; e < ready; ++e) {
            Connection &connection = connections[events[e].data.u64];
            if (connection.fd < 0)
                continue;
            for (;;) {
                const ssize_t got = ::recv(connection.fd, buffer.data(), buffer.size(), 0);
                if (got == 0 || (got < 0 && errno != EAGAIN)) {
                    ++errors;
                    ::close(connection.fd);
                    connection.fd = -1;
                    break;
                }
                if (got < 0)
                    break;
                size_t offset = 0;
                if (!connection.upgraded) {
                    connection.handshakeReply.append(buffer.data(), size_t(got));
                    const auto end = connection.handshakeReply.find("\r\n\r\n");
                    if (end == std::string::npos)
                        continue;
                    if (connection.handshakeReply.compare(0, 12, "HTTP/1.1 101") != 0) {
                        std::fprintf(stderr, "upgrade refused: %.60s\n", connection.handshakeReply.c_str());
                        return 1;
                    }
                    connection.upgraded = true;
                    if (++upgradedCount == options.connections) {
                        measuredFrom = Clock::now();
                        deadline = measuredFrom + std::chrono::duration_cast<Clock::duration>(measured);
                        startLoad(connections, options.pipeline, request);
                    }
                    offset = size_t(got);
                    // Anything after the head would be echo bytes; the server sends none before we do.
                }
                // One clock reading per read: the messages in it arrived together.
                const auto now = Clock::now();
                if (!consume(connection, buffer.data() + offset, size_t(got) - offset, payload, [&] {
                        if (!connection.inFlight.empty()) {
                            latenciesUs.push_back(std::chrono::duration<double, std::micro>(now - connection.inFlight.front()).count());
                            connection.inFlight.pop_front();
                        }
                        ++messages;
                        queueMessage(connection, request, now);
                    })) {
                    std::fprintf(stderr, "echo mismatch on connection %zu\n", size_t(events[e].data.u64));
                    return 1;
                }
            }
            if (connection.fd >= 0 && !flush(connection)) {
                ++errors;
                ::close(connection.fd);
                connection.fd = -1;
            }
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - measuredFrom).count();
    std::sort(latenciesUs.begin(), latenciesUs.end());
    const auto percentile = [&](double p) {
        return latenciesUs.empty() ? 0.0 : latenciesUs[std::min(latenciesUs.size() - 1, size_t(p * double(latenciesUs.size())))];
    };
    // The generator's own CPU share: near 100% means the row measures the generator, not the server.
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const double cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const double wallSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("size=%zu connections=%d pipeline=%d messages=%llu msgs/s=%.0f MB/s=%.1f p50_us=%.0f p99_us=%.0f "
                "client_cpu=%.0f errors=%llu\n",
                options.size, options.connections, options.pipeline, static_cast<unsigned long long>(messages),
                double(messages) / elapsed, double(messages) * double(options.size) / elapsed / 1e6,
                percentile(0.50), percentile(0.99), 100.0 * cpuSeconds / wallSeconds,
                static_cast<unsigned long long>(errors));
    for (auto &connection : connections)
        if (connection.fd >= 0)
            ::close(connection.fd);
    ::close(epoll);
    return errors == 0 ? 0 : 1;
}
