#include "server/serverhost.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QWebSocket>

using namespace wslab::server;
using namespace wslab::capture;

namespace {

ServerSettings hostSettings()
{
    ServerSettings settings;
    settings.bindAddress = QStringLiteral("127.0.0.1");
    settings.port = 0;
    settings.closeTimeoutMs = 1000;
    return settings;
}

constexpr int waitMs = 5000;

} // namespace

class tst_ServerHost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsInItsOwnThreadAndReportsTheUrl();
    void capturedRecordsArriveInBatches();
    void commandsReachTheServer();
    void handshakeFaultThroughTheHost();
    void clientSignals();
    void stopClosesClientsWith1001();
    void destructorClosesClientsAndJoins();
};

void tst_ServerHost::startsInItsOwnThreadAndReportsTheUrl()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    QVERIFY(port != 0);
    QCOMPARE(listening.at(0).at(0).toString(), QStringLiteral("http://127.0.0.1:%1/").arg(port));
}

void tst_ServerHost::capturedRecordsArriveInBatches()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    QSignalSpy batches(&host, &ServerHost::capturedBatch);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    QWebSocket client;
    QSignalSpy echoed(&client, &QWebSocket::textMessageReceived);
    QObject::connect(&client, &QWebSocket::connected, &client, [&] {
        for (int i = 0; i < 500; ++i)
            client.sendTextMessage(QStringLiteral("m%1").arg(i));
    });
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(port)));
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), 500, waitMs);
    // open + request + 101 + 500 in + 500 out
    qsizetype records = 0;
    QTRY_VERIFY_WITH_TIMEOUT((records = [&] {
                                  qsizetype n = 0;
                                  for (const auto &args : batches)
                                      n += args.at(0).value<CaptureBatch>().size();
                                  return n;
                              }()) >= 1003,
                             waitMs);
    QCOMPARE(records, 1003);
    QVERIFY(batches.size() < 100); // coalesced, not one event per record
    quint64 previous = 0;
    for (const auto &args : batches) {
        for (const CaptureRecord &record : args.at(0).value<CaptureBatch>()) {
            QCOMPARE(record.id, previous + 1);
            previous = record.id;
        }
    }
    // Every batch dealt with: nothing is left counted against the capture's backlog.
    QTRY_COMPARE_WITH_TIMEOUT(host.captureBacklogBytes(), 0, waitMs);
}

void tst_ServerHost::commandsReachTheServer()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    QSignalSpy entries(&host, &ServerHost::chatEntry);
    QSignalSpy pongs(&host, &ServerHost::pongReceived);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy binaries(&client, &QWebSocket::binaryMessageReceived);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket?nick=q").arg(port)));
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2, waitMs); // welcome, join
    host.postChatMessage(QStringLiteral("from the desk"));
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 4, waitMs); // Desk's join, the line
    QVERIFY(texts.at(3).at(0).toString().contains(QStringLiteral("from the desk")));
    QTRY_COMPARE_WITH_TIMEOUT(entries.size(), 3, waitMs);
    host.sendMessage(0, true, QByteArray("\x01\x02\x03"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(binaries.size(), 1, waitMs);
    QCOMPARE(binaries.at(0).at(0).toByteArray(), QByteArray("\x01\x02\x03"));
    host.sendPing(0, "host ping");
    QTRY_COMPARE_WITH_TIMEOUT(pongs.size(), 1, waitMs);
    QCOMPARE(pongs.at(0).at(1).toByteArray(), QByteArray("host ping"));
    QVERIFY(pongs.at(0).at(2).toLongLong() > 0);
    host.closeConnection(0, 4004, QStringLiteral("bye"));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, waitMs);
    QCOMPARE(int(client.closeCode()), 4004);
}

void tst_ServerHost::handshakeFaultThroughTheHost()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    host.setHandshakeFault(HandshakeFault::AcceptWithoutGuid);
    QWebSocket first;
    QSignalSpy firstError(&first, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error)); // errorOccurred is Qt 6.5
    first.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(port)));
    QVERIFY(firstError.wait(waitMs)); // the reference client refuses the wrong accept
    QVERIFY(first.state() != QAbstractSocket::ConnectedState);
    QWebSocket second;
    second.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QAbstractSocket::ConnectedState, waitMs);
}

void tst_ServerHost::clientSignals()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    QSignalSpy connected(&host, &ServerHost::clientConnected);
    QSignalSpy updated(&host, &ServerHost::clientUpdated);
    QSignalSpy disconnected(&host, &ServerHost::clientDisconnected);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    {
        QWebSocket client;
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket?nick=sig").arg(port)));
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, waitMs);
        const auto info = connected.at(0).at(0).value<ClientInfo>();
        QCOMPARE(info.nick, QStringLiteral("sig"));
        QCOMPARE(info.path, QStringLiteral("/chatsocket"));
        QVERIFY(info.peerAddress.startsWith(QStringLiteral("127.0.0.1:")));
        client.sendTextMessage(QStringLiteral("count me"));
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && updated.last().at(0).value<ClientInfo>().framesIn >= 1, waitMs);
        client.close(QWebSocketProtocol::CloseCodeNormal);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, waitMs);
    }
    QCOMPARE(disconnected.at(0).at(0).value<quint64>(), connected.at(0).at(0).value<ClientInfo>().connectionId);
    QCOMPARE(disconnected.at(0).at(1).value<quint16>(), quint16(1000));
}

void tst_ServerHost::stopClosesClientsWith1001()
{
    ServerHost host(hostSettings());
    QSignalSpy listening(&host, &ServerHost::listening);
    QSignalSpy stopped(&host, &ServerHost::stopped);
    host.start();
    QVERIFY(listening.wait(waitMs));
    const quint16 port = listening.at(0).at(1).value<quint16>();
    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
    host.stop();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, waitMs);
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, waitMs);
}

void tst_ServerHost::destructorClosesClientsAndJoins()
{
    QWebSocket client;
    QPointer<QThread> thread;
    {
        ServerHost host(hostSettings());
        QSignalSpy listening(&host, &ServerHost::listening);
        host.start();
        QVERIFY(listening.wait(waitMs));
        thread = host.findChild<QThread *>();
        QVERIFY(thread);
        client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(listening.at(0).at(1).value<quint16>())));
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, waitMs);
        QTest::qWait(20);
    }
    QVERIFY(!thread); // joined and gone with the host
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, waitMs);
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
}

QTEST_GUILESS_MAIN(tst_ServerHost)
#include "tst_serverhost.moc"
