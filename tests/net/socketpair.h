#pragma once

#include "net/socketpoller.h"

#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <functional>

// A connected pair of non-blocking local sockets: the test watches one end and writes to the other.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds); }
    ~SocketPair()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    [[nodiscard]] bool isValid() const { return fds[0] >= 0 && fds[1] >= 0; }
    int watched() const { return fds[0]; }
    void send(const char *text) const { QVERIFY(::write(fds[1], text, qstrlen(text)) > 0); }
    void closePeer()
    {
        ::close(fds[1]);
        fds[1] = -1;
    }
};

// A poller's client that counts what it is told.
struct CountingClient : wslab::net::SocketPoller::Client
{
    int readable = 0;
    int writable = 0;
    std::function<void()> onReadable; // by default: drain, so level-triggering stays quiet

    explicit CountingClient(int fd = -1)
        : fd(fd)
    {
    }
    void socketReadable() override
    {
        ++readable;
        if (onReadable) {
            onReadable();
            return;
        }
        char buffer[256];
        while (::read(fd, buffer, sizeof buffer) > 0) {
        }
    }
    void socketWritable() override { ++writable; }

    int fd;
};
