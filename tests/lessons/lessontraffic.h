#pragma once

// Real traffic for the lesson checks: the real server in this thread, QWebSocket and raw peers
// talking to it, and every record it captured. One scenario per thing a lesson asks for.

#include "server/servertestsupport.h"

#include <QWebSocket>

#include <functional>

namespace wslab::test {

class LessonTraffic
{
public:
    // The records of one scenario, run on a fresh server; empty if it could not run.
    static CaptureBatch run(const QString &scenario)
    {
        const bool compressed = scenario == QLatin1String("compressed then plain");
        TestServer t(compressed ? deflateSettings() : testSettings());
        if (!t.start())
            return {};
        LessonTraffic traffic(t);
        if (!traffic.play(scenario))
            return {};
        return t.allRecords();
    }

    static QStringList scenarios()
    {
        return {QStringLiteral("client 100 B"),      QStringLiteral("client 1 KiB"),
                QStringLiteral("client 70 KiB"),     QStringLiteral("client fragments"),
                QStringLiteral("server fragments"),  QStringLiteral("control between fragments"),
                QStringLiteral("server ping"),       QStringLiteral("client ping"),
                QStringLiteral("client closes 4000"), QStringLiteral("server closes 4000"),
                QStringLiteral("masked server frame"), QStringLiteral("handshake 200"),
                QStringLiteral("handshake no upgrade"), QStringLiteral("handshake accept without guid"),
                QStringLiteral("compressed then plain"), QStringLiteral("polling"),
                QStringLiteral("long polling"),      QStringLiteral("side room")};
    }

private:
    explicit LessonTraffic(TestServer &t)
        : m_t(t)
    {
    }

    [[nodiscard]] QUrl url(const char *path = "/echo") const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_t.port()).arg(QLatin1String(path)));
    }

    bool waitFor(const std::function<bool(const CaptureRecord &)> &wanted)
    {
        return QTest::qWaitFor([&] {
            const CaptureBatch records = m_t.allRecords();
            return std::any_of(records.cbegin(), records.cend(), wanted);
        }, waitMs);
    }
    bool waitForClosed() { return waitFor([](const CaptureRecord &r) { return r.kind == RecordKind::ConnectionClosed; }); }
    bool waitForResponse() { return waitFor([](const CaptureRecord &r) { return r.kind == RecordKind::HttpResponse; }); }

    // The connection the last WebSocket upgrade opened.
    quint64 lastConnection()
    {
        const CaptureBatch records = m_t.allRecords();
        for (auto it = records.crbegin(); it != records.crend(); ++it) {
            if (it->kind == RecordKind::HttpResponse && it->httpStatus == 101)
                return it->connectionId;
        }
        return 0;
    }

    bool open(QWebSocket &client)
    {
        client.open(url());
        return QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, waitMs)
                && QTest::qWaitFor([&] { return lastConnection() != 0; }, waitMs);
    }

    bool echoThenClose(QWebSocket &client, const QString &text)
    {
        QSignalSpy echoed(&client, &QWebSocket::textMessageReceived);
        client.sendTextMessage(text);
        if (!QTest::qWaitFor([&] { return echoed.size() == 1; }, waitMs))
            return false;
        client.close();
        return waitForClosed();
    }

    bool play(const QString &scenario)
    {
        QWebSocket client;
        if (scenario.startsWith(QLatin1String("client")) && scenario.contains(QLatin1String("B"))) {
            // "aaa…", "bbb…", "ccc…": each size its own bytes, so a question about one frame has
            // an answer that no other frame gives.
            const bool small = scenario.endsWith(QLatin1String("100 B"));
            const bool kibibyte = scenario.endsWith(QLatin1String("1 KiB"));
            const qsizetype size = small ? 100 : kibibyte ? 1024 : 70 * 1024;
            const QLatin1Char fill(small ? 'a' : kibibyte ? 'b' : 'c');
            return open(client) && echoThenClose(client, QString(size, fill));
        }
        if (scenario == QLatin1String("client fragments")) {
            client.setOutgoingFrameSize(64); // RFC 6455 §5.4: the client splits the message itself
            return open(client) && echoThenClose(client, QString(200, QLatin1Char('f')));
        }
        if (scenario == QLatin1String("server fragments")) {
            QSignalSpy received(&client, &QWebSocket::binaryMessageReceived);
            if (!open(client))
                return false;
            m_t.server->sendMessage(lastConnection(), true, QByteArray(300, 'c'), 3);
            if (!QTest::qWaitFor([&] { return received.size() == 1; }, waitMs))
                return false;
            client.close();
            return waitForClosed();
        }
        if (scenario == QLatin1String("control between fragments")) {
            QSignalSpy received(&client, &QWebSocket::textMessageReceived);
            if (!open(client))
                return false;
            // RFC 6455 §5.7's fragments "Hel" + "lo" with an empty ping between them (§5.4).
            // The composer sends one frame at a time, as here.
            const quint64 connection = lastConnection();
            for (const char *frame : {"010348656c", "8900", "80026c6f"})
                m_t.server->sendRawFrame(connection, QByteArray::fromHex(frame));
            if (!QTest::qWaitFor([&] { return received.size() == 1; }, waitMs))
                return false;
            client.close();
            return waitForClosed();
        }
        if (scenario == QLatin1String("server ping")) {
            if (!open(client))
                return false;
            m_t.server->sendPing(lastConnection(), "lab");
            return waitFor([](const CaptureRecord &r) {
                return r.frame && r.direction == Direction::Inbound && r.frame->header.opcode == Opcode::Pong;
            });
        }
        if (scenario == QLatin1String("client ping")) {
            QSignalSpy pong(&client, &QWebSocket::pong);
            if (!open(client))
                return false;
            client.ping("lab");
            return QTest::qWaitFor([&] { return pong.size() == 1; }, waitMs)
                    && waitFor([](const CaptureRecord &r) { return r.frame && r.frame->header.opcode == Opcode::Pong; });
        }
        if (scenario == QLatin1String("client closes 4000")) {
            if (!open(client))
                return false;
            client.close(QWebSocketProtocol::CloseCode(4000), QStringLiteral("done"));
            return waitForClosed();
        }
        if (scenario == QLatin1String("server closes 4000")) {
            if (!open(client))
                return false;
            m_t.server->closeConnection(lastConnection(), 4000, QStringLiteral("bye"));
            return waitForClosed();
        }
        if (scenario == QLatin1String("masked server frame")) {
            // Qt WebSockets accepts a masked server frame; a browser does not. The raw peer reads
            // as a browser does (the protocol's decoder in the client role) and fails the
            // connection as Chromium does: close 1002, then the TCP connection ends.
            RawPeer peer;
            if (!peer.upgrade(m_t.port()))
                return false;
            // RFC 6455 §5.7: masked "Hello", which a client must refuse from a server (§5.1).
            m_t.server->sendRawFrame(lastConnection(), QByteArray::fromHex("818537fa213d7f9f4d5158"));
            if (peer.nextFrame() || !peer.decoder.hasFailed())
                return false;
            peer.send(RawPeer::clientFrame(Opcode::Close, QByteArray::fromHex("03ea")));
            peer.socket.disconnectFromHost();
            return waitForClosed();
        }
        if (scenario.startsWith(QLatin1String("handshake"))) {
            const HandshakeFault fault = scenario.endsWith(QLatin1String("200")) ? HandshakeFault::WrongStatus
                    : scenario.endsWith(QLatin1String("upgrade"))               ? HandshakeFault::MissingUpgradeHeader
                                                                                : HandshakeFault::AcceptWithoutGuid;
            m_t.server->setHandshakeFault(fault);
            client.open(url());
            const bool answered = waitForResponse();
            client.abort();
            return answered;
        }
        if (scenario == QLatin1String("compressed then plain")) {
            RawPeer peer;
            if (!peer.upgradeWithDeflate(m_t.port()))
                return false;
            peer.sendCompressed(Opcode::Text, "Hello, Hello, Hello, Hello");
            if (!peer.nextMessage())
                return false;
            return open(client); // Qt WebSockets offers no extension: a plain connection
        }
        if (scenario == QLatin1String("side room")) {
            // What the auto demo's WebSocket client asks for (its HTTP clients add room= too).
            QUrl room = url("/chatsocket");
            room.setQuery(QStringLiteral("nick=demo&room=demo-1"));
            client.open(room);
            return QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }, waitMs)
                    && waitForResponse();
        }
        if (scenario.endsWith(QLatin1String("polling"))) {
            RawPeer peer;
            if (!peer.connectTo(m_t.port()))
                return false;
            const QByteArray path = scenario == QLatin1String("polling") ? "/poll" : "/longpoll";
            peer.send("GET " + path + "?since=0&client=c1&nick=ada HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            return waitFor([](const CaptureRecord &r) { return r.kind == RecordKind::HttpRequest; });
        }
        return false;
    }

    TestServer &m_t;
};

} // namespace wslab::test
