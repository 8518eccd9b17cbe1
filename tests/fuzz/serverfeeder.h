#pragma once

// The real server (HttpConnection, WebSocketSession, PollingEndpoint, ChatRoom, the capture) fed
// over socketpair() ends instead of accepted TCP connections: WebSocketServer::addConnection()
// takes one end, the target writes what a client would send into the other, a piece per turn of
// the event loop, and reads and drops what the server answers. Then it closes its sending side and
// turns the loop until the server has let go of every connection. No network, no listening
// socket, and the server code runs exactly as it does for a browser.

#include "fuzzinput.h"

#include "server/serversettings.h"
#include "server/websocketserver.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace wslab::fuzz {

class ServerFeeder
{
public:
    // Turns of the event loop a run may take once every client has sent everything; a server that
    // still holds a connection then has lost track of it (in a long-running server, a leaked
    // descriptor). Its timers are seconds long, so no timer is what ends a connection here.
    static constexpr int maxIdleTurns = 2000;

    explicit ServerFeeder(const server::ServerSettings &settings)
        : m_server(settings)
    {
    }

    [[nodiscard]] server::WebSocketServer &server() { return m_server; }

    // One client per stream, each stream a list of pieces; `beforeClosing` runs once everything is
    // written (to release held frames, for one).
    template<typename BeforeClosing>
    void run(const QList<QList<QByteArrayView>> &streams, BeforeClosing beforeClosing)
    {
        QList<Client> clients;
        for (const QList<QByteArrayView> &pieces : streams) {
            int ends[2];
            require(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends) == 0, "socketpair");
            m_server.addConnection(ends[0]);
            clients.append(Client{ends[1], pieces});
        }
        bool written = false;
        for (int idle = 0; idle < maxIdleTurns; ++idle) {
            bool busy = false;
            for (Client &client : clients)
                busy = client.writeNextPiece() || busy;
            if (!busy && !written) {
                written = true;
                beforeClosing();
                for (Client &client : clients)
                    ::shutdown(client.fd, SHUT_WR);
            }
            turn();
            bool closed = true;
            for (Client &client : clients)
                closed = client.drain() && closed;
            if (written && closed && m_server.connectionCount() == 0)
                break;
            if (busy)
                idle = 0;
        }
        for (const Client &client : clients)
            ::close(client.fd);
        if (m_server.connectionCount() != 0) {
            std::fprintf(stderr, "%lld connection(s) still open after every client closed\n",
                         static_cast<long long>(m_server.connectionCount()));
            std::abort();
        }
        // Records are handed over in batches; nobody receives them here, so let them go now.
        m_server.flushCapture();
    }

    // One turn of the event loop, and the objects deleted later are deleted now (no exec() runs).
    static void turn()
    {
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

private:
    struct Client
    {
        int fd = -1;
        QList<QByteArrayView> pieces;
        qsizetype next = 0;   // piece being written
        qsizetype offset = 0; // bytes of it written
        bool atEnd = false;   // the server closed its side

        // False once every piece is written.
        bool writeNextPiece()
        {
            if (next == pieces.size())
                return false;
            const QByteArrayView piece = pieces.at(next).sliced(offset);
            const ssize_t n = ::send(fd, piece.data(), size_t(piece.size()), MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                next = pieces.size(); // the server closed: the rest cannot be sent
                return false;
            }
            offset += qMax<ssize_t>(n, 0);
            if (offset == pieces.at(next).size()) {
                ++next;
                offset = 0;
            }
            return true;
        }
        // Reads what the server wrote; true once it has closed its side.
        bool drain()
        {
            char buffer[64 * 1024];
            while (!atEnd) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n > 0)
                    continue;
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    break;
                atEnd = true; // 0: the server's FIN; < 0: reset
            }
            return atEnd;
        }
    };

    server::WebSocketServer m_server;
};

// libFuzzer calls LLVMFuzzerInitialize once, before the first input: the application object the
// server's event loop needs.
inline void makeApplication()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication application(argc, argv);
}

} // namespace wslab::fuzz
