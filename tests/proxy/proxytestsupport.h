#pragma once

// Shared by the proxy tests: a proxy on an ephemeral loopback port in front of a given upstream,
// with every record it captured collected.

#include "server/servertestsupport.h"

#include "capture/capturestream.h"
#include "proxy/proxyserver.h"

#include <QTcpServer>

#include <memory>

namespace wslab::test {

using namespace wslab::proxy;

inline ProxySettings proxySettings(quint16 upstreamPort, const QString &host = QStringLiteral("127.0.0.1"))
{
    ProxySettings settings;
    settings.port = 0;
    settings.upstream.host = host;
    settings.upstream.port = upstreamPort;
    settings.connectTimeoutMs = 3000;
    return settings;
}

class TestProxy
{
public:
    explicit TestProxy(const ProxySettings &settings)
        : capture(std::make_unique<CaptureStream>())
        , proxy(std::make_unique<ProxyServer>(settings, capture.get()))
    {
        QObject::connect(capture.get(), &CaptureStream::batchReady, capture.get(),
                         [this](const CaptureBatch &batch) { records += batch; });
    }

    bool start() { return proxy->start(); }
    [[nodiscard]] quint16 port() const { return proxy->serverPort(); }

    CaptureBatch allRecords()
    {
        capture->flush();
        return records;
    }
    QList<CaptureRecord> ofKind(RecordKind kind)
    {
        QList<CaptureRecord> out;
        for (const CaptureRecord &record : allRecords()) {
            if (record.kind == kind)
                out.append(record);
        }
        return out;
    }
    // Waits until a connection's ConnectionClosed record has been made.
    bool waitForClosed(qsizetype count = 1, int timeoutMs = waitMs)
    {
        return QTest::qWaitFor([&] { return ofKind(RecordKind::ConnectionClosed).size() >= count; }, timeoutMs);
    }

    std::unique_ptr<CaptureStream> capture;
    std::unique_ptr<ProxyServer> proxy;
    CaptureBatch records;
};

// An upstream that speaks exact bytes: the first connection it accepts, read into `received`.
class RawUpstream
{
public:
    RawUpstream()
    {
        listener.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&listener, &QTcpServer::newConnection, &listener, [this] {
            if (socket)
                return;
            socket = listener.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this] { received += socket->readAll(); });
        });
    }
    [[nodiscard]] quint16 port() const { return listener.serverPort(); }
    bool waitForConnection() { return QTest::qWaitFor([&] { return socket != nullptr; }, waitMs); }
    bool waitForBytes(qsizetype n) { return QTest::qWaitFor([&] { return received.size() >= n; }, waitMs); }

    QTcpServer listener;
    QTcpSocket *socket = nullptr; // owned by the listener
    QByteArray received;
};

} // namespace wslab::test
