#include "app/transports/autodemo.h"
#include "app/transports/demoreport.h"
#include "app/transports/demoresult.h"
#include "app/transports/httpdemoreceiver.h"
#include "app/transports/httpresponsereader.h"
#include "app/transports/keepalivehttpclient.h"

#include "server/serverhost.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace wslab::app;
using wslab::server::ServerHost;
using wslab::server::ServerSettings;
using wslab::capture::Transport;

Q_DECLARE_METATYPE(wslab::app::HttpResponseReader::Error)

namespace {

constexpr int waitMs = 10'000;

DemoScript scriptWithMarker(const QString &marker, int count = 20)
{
    DemoScript script;
    script.marker = marker;
    script.messageCount = count;
    return script;
}

QByteArray okResponse(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

// A loopback HTTP peer that records each request it reads and answers with `answer` (or, for a
// request whose number is in `dropOn`, closes the connection without answering).
class FakeHttpServer : public QObject
{
public:
    FakeHttpServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRead(socket); });
            }
        });
    }

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    QByteArray answer = okResponse("{\"messages\":[],\"last\":0}");
    QList<int> dropOn;          // 1-based request numbers
    QList<QByteArray> requests; // as received, head and body
    int connections = 0;

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qsizetype length = 0;
            const qsizetype at = buffer.indexOf("Content-Length: ");
            if (at >= 0 && at < end)
                length = buffer.mid(at + 16, buffer.indexOf("\r\n", at) - at - 16).toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            requests.append(buffer.left(end + 4 + length));
            buffer.remove(0, end + 4 + length);
            if (dropOn.contains(int(requests.size()))) {
                m_buffers.remove(socket);
                socket->abort();
                socket->deleteLater();
                return;
            }
            socket->write(answer);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

ServerSettings anyPort()
{
    ServerSettings settings;
    settings.port = 0;
    return settings;
}

// Starts the real server; its port once it listens, 0 if it did not.
quint16 started(ServerHost &host)
{
    QSignalSpy listening(&host, &ServerHost::listening);
    host.start();
    return listening.wait(waitMs) ? listening.at(0).at(1).value<quint16>() : quint16(0);
}

DemoResult measuredResult()
{
    DemoScript script = scriptWithMarker(QStringLiteral("abcd"), 10);
    script.receiversPerTransport = 2;
    DemoResult result = DemoResult::planned(script);
    result.outcome = DemoResult::Outcome::Completed;
    result.measuredMs = 5000;
    DemoTally &ws = result.lane(Transport::WebSocket).tally;
    for (int i = 0; i < 20; ++i) {
        ws.countFrame(100);
        ws.countDelivery(i % 2);
    }
    DemoTally &longPoll = result.lane(Transport::LongPolling).tally;
    for (int i = 0; i < 20; ++i) {
        longPoll.countRequest(100, 0);
        longPoll.countAnswer(100, 150, 1);
        longPoll.countDelivery(3);
    }
    DemoTally &poll = result.lane(Transport::Polling).tally;
    for (int i = 0; i < 10; ++i) {
        poll.countRequest(100, 0);
        poll.countAnswer(100, i < 4 ? 300 : 30, i < 4 ? 5 : 0);
    }
    for (qint64 ms = 0; ms < 20; ++ms)
        poll.countDelivery(ms * 50);
    return result;
}

} // namespace

class tst_AutoDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // The script
    void linesReadBackAsTheirIndex_data();
    void linesReadBackAsTheirIndex();
    void otherTextsAreNotLines_data();
    void otherTextsAreNotLines();
    void plannedDurationIsBounded();
    void invalidScriptsAreRefused_data();
    void invalidScriptsAreRefused();

    // Counting
    void frameHeaderSizeFollowsPayloadLength_data();
    void frameHeaderSizeFollowsPayloadLength();
    void answersWithoutEntriesAreWasted();
    void resultRatesUseTheMeasuredWindow();

    // Reading responses
    void responsesSurviveAnySplit();
    void responsesWithoutBody();
    void malformedResponsesFail_data();
    void malformedResponsesFail();

    // The HTTP client, against a fake peer
    void requestHeadIsExact();
    void clientWritesExactlyWhatItCounts();
    void clientKeepsTheConnectionAlive();
    void getIsRetriedOnceWhenTheConnectionDrops();
    void postIsNotRetried();
    void pollerWaitsItsPhaseOffsetOnce();

    // The report
    void chartDataCarriesTheMeasuredFigures();
    void conclusionsStateTheNumbers();
    void noWasteIsSaidPlainly();
    void nothingMeasuredNothingConcluded();

    // Against the real server
    void demoRunsThroughTheThreeTransports();
    void demoLeavesNoClientsAndStaysOutOfTheUsersChat();
    void cancelEndsTheRunAtOnce();
    void noServerFailsWithinTheSetupTime();
};

void tst_AutoDemo::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::linesReadBackAsTheirIndex_data()
{
    QTest::addColumn<int>("index");
    for (int index : {1, 7, 19, 20})
        QTest::addRow("line %d of 20", index) << index;
}

void tst_AutoDemo::linesReadBackAsTheirIndex()
{
    QFETCH(int, index);
    const DemoScript script = scriptWithMarker(QStringLiteral("3f2a"));
    const QString text = script.messageText(index);
    QVERIFY(text.startsWith(QStringLiteral("[demo 3f2a] ")));
    QCOMPARE(script.messageIndex(text), std::optional<int>(index));
    QVERIFY(!script.isAnnouncement(text));
}

void tst_AutoDemo::otherTextsAreNotLines_data()
{
    QTest::addColumn<QString>("text");
    const DemoScript other = scriptWithMarker(QStringLiteral("beef"));
    QTest::addRow("another run's line") << other.messageText(3);
    QTest::addRow("the announcement") << scriptWithMarker(QStringLiteral("3f2a")).announcementText();
    QTest::addRow("plain chat") << QStringLiteral("hello 3/20");
    QTest::addRow("index 0") << QStringLiteral("[demo 3f2a] 0/20 Hello");
    QTest::addRow("index past the count") << QStringLiteral("[demo 3f2a] 21/20 Hello");
    QTest::addRow("no number") << QStringLiteral("[demo 3f2a] x/20 Hello");
    QTest::addRow("prefix only") << QStringLiteral("[demo 3f2a] ");
}

void tst_AutoDemo::otherTextsAreNotLines()
{
    QFETCH(QString, text);
    const DemoScript script = scriptWithMarker(QStringLiteral("3f2a"));
    QCOMPARE(script.messageIndex(text), std::nullopt);
}

void tst_AutoDemo::plannedDurationIsBounded()
{
    DemoScript script;
    QVERIFY(script.isValid());
    QCOMPARE(script.plannedDurationMs(), script.setupTimeoutMs + script.pollIntervalMs
                                             + (script.messageCount - 1) * script.messageIntervalMs
                                             + script.drainTimeoutMs);
    QVERIFY(script.plannedDurationMs() < DemoScript::hardLimitMs);
    script.messageCount = 100;
    script.messageIntervalMs = 290;
    QVERIFY(script.isValid());
    QCOMPARE(script.plannedDurationMs(), DemoScript::hardLimitMs);
}

void tst_AutoDemo::invalidScriptsAreRefused_data()
{
    QTest::addColumn<DemoScript>("script");
    DemoScript s;
    s.messageCount = 0;
    QTest::addRow("no lines") << s;
    s = {};
    s.receiversPerTransport = 0;
    QTest::addRow("no receivers") << s;
    s = {};
    s.receiversPerTransport = DemoScript::maxReceiversPerTransport + 1;
    QTest::addRow("too many receivers") << s;
    s = {};
    s.pollIntervalMs = 10;
    QTest::addRow("poll interval 10 ms") << s;
    s = {};
    s.messageCount = 200;
    s.messageIntervalMs = 1000;
    QTest::addRow("sending alone exceeds the limit") << s;
}

void tst_AutoDemo::invalidScriptsAreRefused()
{
    QFETCH(DemoScript, script);
    QVERIFY(!script.isValid());
    AutoDemo demo;
    demo.setServer(QStringLiteral("127.0.0.1"), 9); // never contacted
    QSignalSpy finished(&demo, &AutoDemo::finished);
    QVERIFY(demo.start(script));
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<DemoResult>();
    QCOMPARE(result.outcome, DemoResult::Outcome::Failed);
    QVERIFY(!result.failureReason.isEmpty());
    QVERIFY(!demo.isRunning());
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::frameHeaderSizeFollowsPayloadLength_data()
{
    QTest::addColumn<qint64>("payload");
    QTest::addColumn<quint64>("header");
    // RFC 6455 §5.2: 7-bit length up to 125, 16-bit extension up to 65535, then 64-bit; unmasked.
    QTest::addRow("len=0") << qint64(0) << quint64(2);
    QTest::addRow("len=125") << qint64(125) << quint64(2);
    QTest::addRow("len=126") << qint64(126) << quint64(4);
    QTest::addRow("len=65535") << qint64(65535) << quint64(4);
    QTest::addRow("len=65536") << qint64(65536) << quint64(10);
}

void tst_AutoDemo::frameHeaderSizeFollowsPayloadLength()
{
    QFETCH(qint64, payload);
    QFETCH(quint64, header);
    DemoTally tally;
    tally.countFrame(payload);
    QCOMPARE(tally.frames, quint64(1));
    QCOMPARE(tally.headerBytes, header);
    QCOMPARE(tally.payloadBytes, quint64(payload));
    QCOMPARE(tally.exchanges(), quint64(1));
}

void tst_AutoDemo::answersWithoutEntriesAreWasted()
{
    DemoTally tally;
    tally.countRequest(90, 0);
    tally.countAnswer(120, 24, 0);
    tally.countRequest(90, 0);
    tally.countAnswer(120, 200, 2);
    tally.countRequest(90, 12);
    QCOMPARE(tally.requests, quint64(3));
    QCOMPARE(tally.answers, quint64(2));
    QCOMPARE(tally.wasted, quint64(1));
    QCOMPARE(tally.headerBytes, quint64(3 * 90 + 2 * 120));
    QCOMPARE(tally.payloadBytes, quint64(24 + 200 + 12));
    QCOMPARE(tally.frames, quint64(0));
}

void tst_AutoDemo::resultRatesUseTheMeasuredWindow()
{
    const DemoResult result = measuredResult();
    QCOMPARE(result.exchangesPerSecond(Transport::WebSocket), 20 / 5.0);
    QCOMPARE(result.exchangesPerSecond(Transport::Polling), 10 / 5.0);
    QCOMPARE(result.bytesPerSecond(Transport::WebSocket), 20 * (2 + 100) / 5.0);
    QCOMPARE(result.latencyPercentileMs(Transport::Polling, 50), qint64(450));
    QCOMPARE(result.latencyPercentileMs(Transport::Polling, 95), qint64(900));
    QCOMPARE(result.meanLatencyMs(Transport::Polling), 475.0);
    QCOMPARE(result.meanLatencyMs(Transport::LongPolling), 3.0);
    QCOMPARE(result.expected(), quint64(3 * 2 * 10));
    QCOMPARE(result.delivered(), quint64(60));

    DemoResult nothing = DemoResult::planned(DemoScript{});
    QCOMPARE(nothing.exchangesPerSecond(Transport::WebSocket), -1.0);
    QCOMPARE(nothing.meanLatencyMs(Transport::WebSocket), -1.0);
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::responsesSurviveAnySplit()
{
    const QByteArray first = okResponse("{\"messages\":[],\"last\":3}");
    const QByteArray second = "HTTP/1.1 404 Not Found\r\ncontent-length: 5\r\nConnection: close\r\n\r\nnope\n";
    const QByteArray stream = first + second;
    for (qsizetype split = 0; split <= stream.size(); ++split) {
        HttpResponseReader reader;
        QList<HttpResponseReader::Response> responses = reader.feed(QByteArrayView(stream).first(split));
        responses += reader.feed(QByteArrayView(stream).sliced(split));
        QVERIFY2(!reader.hasFailed(), HttpResponseReader::errorReason(reader.error()));
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses.at(0).status, 200);
        QCOMPARE(responses.at(0).head.size() + responses.at(0).body.size(), first.size());
        QCOMPARE(responses.at(0).body, QByteArray("{\"messages\":[],\"last\":3}"));
        QCOMPARE(responses.at(0).header("content-type"), QByteArray("application/json"));
        QCOMPARE(responses.at(1).status, 404);
        QCOMPARE(responses.at(1).body, QByteArray("nope\n"));
        QCOMPARE(responses.at(1).header("Connection"), QByteArray("close"));
        QVERIFY(reader.isIdle());
    }
    // Byte by byte.
    HttpResponseReader reader;
    QList<HttpResponseReader::Response> responses;
    for (char c : stream)
        responses += reader.feed(QByteArrayView(&c, 1));
    QCOMPARE(responses.size(), 2);
}

void tst_AutoDemo::responsesWithoutBody()
{
    HttpResponseReader reader;
    // RFC 9110 §15.3.5: 204 has no content, whatever follows belongs to the next response.
    const auto responses = reader.feed("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n");
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).status, 204);
    QVERIFY(responses.at(0).body.isEmpty());
    QCOMPARE(responses.at(1).status, 304);
    QVERIFY(!reader.hasFailed());
}

void tst_AutoDemo::malformedResponsesFail_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<HttpResponseReader::Error>("error");
    using E = HttpResponseReader::Error;
    QTest::addRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << E::BadStatusLine;
    QTest::addRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n") << E::BadStatusLine;
    QTest::addRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                             << E::UnsupportedTransferCoding;
    QTest::addRow("no length") << QByteArray("HTTP/1.1 200 OK\r\n\r\nbody") << E::MissingContentLength;
    QTest::addRow("length not digits") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                       << E::BadContentLength;
    QTest::addRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                 << E::BadContentLength;
    QTest::addRow("head too large") << QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(20'000, 'a')
                                    << E::HeadTooLarge;
    QTest::addRow("body too large") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n")
                                    << E::BodyTooLarge;
}

void tst_AutoDemo::malformedResponsesFail()
{
    QFETCH(QByteArray, bytes);
    QFETCH(HttpResponseReader::Error, error);
    HttpResponseReader reader;
    QVERIFY(reader.feed(bytes).isEmpty());
    QCOMPARE(reader.error(), error);
    // Sticky: a valid response afterwards is not read.
    QVERIFY(reader.feed(okResponse("{}")).isEmpty());
    QCOMPARE(reader.error(), error);
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::requestHeadIsExact()
{
    QCOMPARE(KeepAliveHttpClient::requestHead("GET", "/poll?since=1", "127.0.0.1:8002", 0, {}),
             QByteArray("GET /poll?since=1 HTTP/1.1\r\nHost: 127.0.0.1:8002\r\nAccept: application/json\r\n\r\n"));
    QCOMPARE(KeepAliveHttpClient::requestHead("POST", "/send", "h:1", 5, "text/plain"),
             QByteArray("POST /send HTTP/1.1\r\nHost: h:1\r\nAccept: application/json\r\n"
                        "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\n"));
    // RFC 9110 §8.6: a POST without content says Content-Length: 0.
    QVERIFY(KeepAliveHttpClient::requestHead("POST", "/send", "h:1", 0, {}).contains("Content-Length: 0\r\n"));
}

void tst_AutoDemo::clientWritesExactlyWhatItCounts()
{
    FakeHttpServer peer;
    KeepAliveHttpClient client(QStringLiteral("127.0.0.1"), peer.port());
    QSignalSpy written(&client, &KeepAliveHttpClient::requestWritten);
    QSignalSpy answered(&client, &KeepAliveHttpClient::answered);
    QVERIFY(client.post("/send?nick=a", "héllo", "text/plain; charset=utf-8"));
    QVERIFY(client.isBusy());
    QVERIFY(!client.get("/poll")); // one at a time
    QVERIFY(answered.wait(waitMs));
    QCOMPARE(peer.requests.size(), 1);
    const QByteArray &request = peer.requests.first();
    QCOMPARE(written.size(), 1);
    const qint64 head = written.at(0).at(0).toLongLong();
    const qint64 body = written.at(0).at(1).toLongLong();
    QCOMPARE(head + body, request.size());
    QCOMPARE(body, qint64(QByteArray("héllo").size()));
    QVERIFY(request.endsWith("\r\n\r\nhéllo"));
    const auto response = answered.at(0).at(0).value<HttpResponseReader::Response>();
    QCOMPARE(response.head.size() + response.body.size(), peer.answer.size());
    QVERIFY(!client.isBusy());
}

void tst_AutoDemo::clientKeepsTheConnectionAlive()
{
    FakeHttpServer peer;
    KeepAliveHttpClient client(QStringLiteral("127.0.0.1"), peer.port());
    QSignalSpy answered(&client, &KeepAliveHttpClient::answered);
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(client.get("/poll?since=" + QByteArray::number(i)));
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), i, waitMs);
    }
    QCOMPARE(peer.requests.size(), 5);
    QCOMPARE(peer.connections, 1);
    QCOMPARE(client.connectionsOpened(), quint64(1));
}

void tst_AutoDemo::getIsRetriedOnceWhenTheConnectionDrops()
{
    FakeHttpServer peer;
    peer.dropOn = {2}; // the second request finds its kept-alive connection closed
    KeepAliveHttpClient client(QStringLiteral("127.0.0.1"), peer.port());
    QSignalSpy answered(&client, &KeepAliveHttpClient::answered);
    QSignalSpy failed(&client, &KeepAliveHttpClient::failed);
    QSignalSpy written(&client, &KeepAliveHttpClient::requestWritten);
    QVERIFY(client.get("/poll?since=0"));
    QVERIFY(answered.wait(waitMs));
    QVERIFY(client.get("/poll?since=1"));
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, waitMs);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(peer.requests.size(), 3);
    QCOMPARE(peer.requests.at(1), peer.requests.at(2)); // the same request again
    QCOMPARE(written.size(), 3);                      // and counted again: it crossed the wire twice
    QCOMPARE(peer.connections, 2);
}

void tst_AutoDemo::postIsNotRetried()
{
    FakeHttpServer peer;
    peer.dropOn = {2};
    KeepAliveHttpClient client(QStringLiteral("127.0.0.1"), peer.port());
    QSignalSpy answered(&client, &KeepAliveHttpClient::answered);
    QSignalSpy failed(&client, &KeepAliveHttpClient::failed);
    QVERIFY(client.post("/send", "one", "text/plain"));
    QVERIFY(answered.wait(waitMs));
    QVERIFY(client.post("/send", "two", "text/plain"));
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(peer.requests.size(), 2); // a chat line is not posted twice
    QVERIFY(!client.isBusy());
}

void tst_AutoDemo::pollerWaitsItsPhaseOffsetOnce()
{
    FakeHttpServer peer;
    DemoScript script = scriptWithMarker(QStringLiteral("abcd"));
    script.pollIntervalMs = 3000;
    DemoTally tally;
    HttpDemoReceiver receiver(Transport::Polling, QStringLiteral("127.0.0.1"), peer.port(), QStringLiteral("c1"),
                              QStringLiteral("demo-poll-1"), script, tally);
    receiver.setPhaseOffset(50);
    QSignalSpy ready(&receiver, &DemoReceiver::ready);
    QElapsedTimer clock;
    clock.start();
    receiver.start();
    QVERIFY(ready.wait(waitMs));
    // The second poll follows after the offset, not after a whole 3 s interval...
    QTRY_COMPARE_WITH_TIMEOUT(peer.requests.size(), 2, 2000);
    QVERIFY(clock.elapsed() < script.pollIntervalMs);
    QVERIFY(peer.requests.at(0).startsWith("GET /poll?since=0&client=c1&nick=demo-poll-1&room=demo-abcd HTTP/1.1\r\n"));
    // ...and the third a whole interval later.
    QTest::qWait(300);
    QCOMPARE(peer.requests.size(), 2);
    receiver.stop();
    QCOMPARE(tally.requests, quint64(0)); // not counting: the demo had not started measuring
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::chartDataCarriesTheMeasuredFigures()
{
    const DemoResult result = measuredResult();
    const TransportChartData data = DemoReport::chartData(result);
    QCOMPARE(data.metrics.size(), 4);
    for (int i = 0; i < TransportStyle::count; ++i) {
        const Transport transport = TransportStyle::order[size_t(i)];
        QCOMPARE(data.metrics.at(0).values[size_t(i)], result.exchangesPerSecond(transport));
        QCOMPARE(data.metrics.at(1).values[size_t(i)], result.bytesPerSecond(transport));
        QCOMPARE(data.metrics.at(2).values[size_t(i)], double(result.latencyPercentileMs(transport, 50)));
        QCOMPARE(data.metrics.at(3).values[size_t(i)], double(result.latencyPercentileMs(transport, 95)));
        for (const auto &metric : data.metrics)
            QVERIFY(!metric.texts[size_t(i)].isEmpty());
    }
    QCOMPARE(data.metrics.at(2).texts[2], QStringLiteral("450 ms"));
    QCOMPARE(data.metrics.at(0).texts[0], QStringLiteral("4.0 /s"));
}

void tst_AutoDemo::conclusionsStateTheNumbers()
{
    const DemoResult result = measuredResult();
    const QStringList lines = DemoReport::conclusions(result);
    QCOMPARE(lines.size(), 5);
    // Polling wasted 6 of its 10 answers, polled every 1000 ms.
    QVERIFY2(lines.at(0).contains(QStringLiteral("6 of 10")), qPrintable(lines.at(0)));
    QVERIFY(lines.at(0).contains(QStringLiteral("60 %")));
    QVERIFY(lines.at(0).contains(QStringLiteral("1,000 ms")));
    // Mean 475 ms, p95 900 ms, half the interval 500 ms.
    QVERIFY2(lines.at(1).contains(QStringLiteral("475 ms")), qPrintable(lines.at(1)));
    QVERIFY(lines.at(1).contains(QStringLiteral("900 ms")));
    QVERIFY(lines.at(1).contains(QStringLiteral("500 ms")));
    // Long polling: 200 header bytes per line (100 request + 100 answer).
    QVERIFY2(lines.at(2).contains(QStringLiteral("200 B")), qPrintable(lines.at(2)));
    // WebSocket: 2-byte headers, 98 % payload; polling 1380 of 3380 bytes payload: 41 %.
    QVERIFY2(lines.at(3).contains(QStringLiteral("2-byte")), qPrintable(lines.at(3)));
    QVERIFY(lines.at(3).contains(QStringLiteral("98 %")));
    QVERIFY(lines.at(3).contains(QStringLiteral("41 %")));
    // 3380 / 2040 bytes; 7000 / 2040.
    QVERIFY2(lines.at(4).contains(QStringLiteral("1.7 times")), qPrintable(lines.at(4)));
    QVERIFY(lines.at(4).contains(QStringLiteral("3.4 times")));
    QVERIFY(DemoReport::summary(result).contains(QStringLiteral("5.0 s")));
}

void tst_AutoDemo::noWasteIsSaidPlainly()
{
    DemoResult result = measuredResult();
    DemoTally &poll = result.lane(Transport::Polling).tally;
    poll.wasted = 0;
    const QString line = DemoReport::conclusions(result).first();
    QVERIFY2(line.startsWith(QStringLiteral("Polling wasted no request")), qPrintable(line));
    QVERIFY(line.contains(QStringLiteral("1,000 ms")));
}

void tst_AutoDemo::nothingMeasuredNothingConcluded()
{
    DemoResult result = DemoResult::planned(DemoScript{});
    result.outcome = DemoResult::Outcome::Failed;
    result.failureReason = QStringLiteral("connection refused");
    QVERIFY(DemoReport::conclusions(result).isEmpty());
    QVERIFY(DemoReport::chartData(result).isEmpty());
    QVERIFY(DemoReport::summary(result).contains(result.failureReason));
}

// ---------------------------------------------------------------------------------------------

void tst_AutoDemo::demoRunsThroughTheThreeTransports()
{
    ServerHost host(anyPort());
    const quint16 port = started(host);
    QVERIFY(port != 0);

    DemoScript script;
    script.messageCount = 6;
    script.messageIntervalMs = 100;
    script.receiversPerTransport = 2;
    script.pollIntervalMs = 200;
    AutoDemo demo;
    demo.setServer(QStringLiteral("0.0.0.0"), port); // a wildcard bind: the clients use loopback
    QCOMPARE(demo.host(), QStringLiteral("127.0.0.1"));
    QSignalSpy finished(&demo, &AutoDemo::finished);
    QSignalSpy phases(&demo, &AutoDemo::phaseChanged);
    QSignalSpy progress(&demo, &AutoDemo::progressChanged);
    QVERIFY(demo.start(script));
    QVERIFY(demo.isRunning());
    QVERIFY(!demo.start(script)); // one run at a time
    QVERIFY(finished.wait(script.plannedDurationMs() + 2000));
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<DemoResult>();
    QVERIFY2(result.outcome == DemoResult::Outcome::Completed, qPrintable(DemoReport::summary(result)));
    QVERIFY(!demo.isRunning());

    QList<AutoDemo::Phase> seen;
    for (const auto &args : phases)
        seen.append(args.at(0).value<AutoDemo::Phase>());
    QCOMPARE(seen, (QList<AutoDemo::Phase>{AutoDemo::Phase::Connecting, AutoDemo::Phase::Settling,
                                           AutoDemo::Phase::Sending, AutoDemo::Phase::Draining, AutoDemo::Phase::Idle}));
    QCOMPARE(progress.last().at(0).toInt(), 3 * 2 * 6);
    QCOMPARE(progress.last().at(1).toInt(), 3 * 2 * 6);

    QVERIFY(result.measuredMs >= 5 * script.messageIntervalMs);
    for (const auto &lane : result.lanes) {
        const QString name = TransportStyle::name(lane.transport);
        QCOMPARE(lane.receivers, 2);
        QCOMPARE(lane.expected, quint64(12));
        QVERIFY2(lane.tally.delivered == lane.expected, qPrintable(name));
        QCOMPARE(lane.tally.latenciesMs.size(), qsizetype(lane.expected));
        for (qint64 ms : lane.tally.latenciesMs)
            QVERIFY2(ms >= 0 && ms < script.pollIntervalMs + 5000, qPrintable(name));
    }
    // WebSocket: no request after the upgrade, one frame per line and receiver, 2-byte headers.
    const DemoTally &ws = result.lane(Transport::WebSocket).tally;
    QCOMPARE(ws.requests, quint64(0));
    QCOMPARE(ws.frames, quint64(12));
    QCOMPARE(ws.headerBytes, 2 * ws.frames);
    QVERIFY(ws.payloadBytes > 12 * quint64(script.messageText(1).size()));
    // HTTP: every answer follows a request, at most one per receiver still in flight at the end.
    for (const Transport transport : {Transport::LongPolling, Transport::Polling}) {
        const DemoTally &t = result.lane(transport).tally;
        QVERIFY(t.answers >= 1);
        QVERIFY(t.requests >= t.answers);
        QVERIFY(t.requests <= t.answers + 2);
        QVERIFY(t.wasted <= t.answers);
        QCOMPARE(t.frames, quint64(0));
        QVERIFY(t.headerBytes > t.requests * 60); // request heads alone are longer than that
    }
    // Polling asks on its own clock: at least one request per receiver per interval measured,
    // give or take the first and the last.
    const DemoTally &poll = result.lane(Transport::Polling).tally;
    QVERIFY2(poll.requests + 4 >= quint64(2 * result.measuredMs / (script.pollIntervalMs + 50)),
             qPrintable(QStringLiteral("%1 requests in %2 ms").arg(poll.requests).arg(result.measuredMs)));
    QVERIFY(!DemoReport::conclusions(result).isEmpty());
}

// Regression: after the demo its polling receivers stayed listed (and counted in the Transports
// table) for ~40 s, left as "disconnected: 1001 Going Away", and its lines showed up in the
// browsers' own chat.
void tst_AutoDemo::demoLeavesNoClientsAndStaysOutOfTheUsersChat()
{
    ServerHost host(anyPort());
    const quint16 port = started(host);
    QVERIFY(port != 0);

    // A user's browser in the main room.
    QWebSocket user;
    QSignalSpy userMessages(&user, &QWebSocket::textMessageReceived);
    QSignalSpy userConnected(&user, &QWebSocket::connected);
    user.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/chatsocket?nick=user").arg(port)));
    QVERIFY(userConnected.wait(waitMs));

    QSignalSpy connected(&host, &ServerHost::clientConnected);
    QSignalSpy disconnected(&host, &ServerHost::clientDisconnected);
    QSignalSpy left(&host, &ServerHost::pollingClientLeft);
    QSignalSpy entries(&host, &ServerHost::chatEntry);
    QSignalSpy stats(&host, &ServerHost::transportStats);

    DemoScript script;
    script.messageCount = 3;
    script.messageIntervalMs = 100;
    script.receiversPerTransport = 2;
    script.pollIntervalMs = 200;
    AutoDemo demo;
    demo.setServer(QStringLiteral("127.0.0.1"), port);
    QSignalSpy finished(&demo, &AutoDemo::finished);
    QVERIFY(demo.start(script));
    QVERIFY(finished.wait(script.plannedDurationMs() + 2000));
    const auto result = finished.at(0).at(0).value<DemoResult>();
    QVERIFY2(result.outcome == DemoResult::Outcome::Completed, qPrintable(DemoReport::summary(result)));

    // Every demo client says goodbye within the leave timeout: six receivers and the sender.
    const auto demoClients = [&connected] {
        QSet<quint64> ids;
        for (const auto &args : connected) {
            const auto info = args.at(0).value<wslab::server::ClientInfo>();
            if (info.nick.startsWith(QStringLiteral("demo-")))
                ids.insert(info.connectionId);
        }
        return ids;
    };
    QCOMPARE(demoClients().size(), 3 * 2 + 1);
    const auto gone = [&] {
        QSet<quint64> ids;
        for (const auto &args : disconnected)
            ids.insert(args.at(0).toULongLong());
        for (const auto &args : left)
            ids.insert(args.at(0).toULongLong());
        return ids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(gone().contains(demoClients()), AutoDemo::leaveTimeoutMs + 2000);
    for (const auto &args : left)
        QVERIFY(!args.at(1).toBool()); // said goodbye, not timed out
    for (const auto &args : disconnected)
        QCOMPARE(args.at(1).value<quint16>(), quint16(1000)); // WebSocket receivers close normally

    // The user's browser and the desk heard nothing of it.
    for (const auto &args : userMessages)
        QVERIFY2(!args.at(0).toString().contains(QStringLiteral("demo")), qPrintable(args.at(0).toString()));
    for (const auto &args : entries)
        QVERIFY(!args.at(0).value<wslab::server::ChatEntry>().text.contains(QStringLiteral("[demo")));
    // Nor do its clients or their traffic count in the user's Transports table.
    host.requestTransportStats();
    QVERIFY(stats.wait(waitMs));
    const auto totals = stats.last().at(0).value<wslab::server::TransportStats>();
    QCOMPARE(totals.polling.clients, 0);
    QCOMPARE(totals.longPolling.clients, 0);
    QCOMPARE(totals.webSocket.clients, 1); // the user
    QCOMPARE(totals.polling.requests, 0u);
    QCOMPARE(totals.longPolling.requests, 0u);
}

void tst_AutoDemo::cancelEndsTheRunAtOnce()
{
    ServerHost host(anyPort());
    const quint16 port = started(host);
    QVERIFY(port != 0);

    AutoDemo demo;
    demo.setServer(QStringLiteral("127.0.0.1"), port);
    QSignalSpy finished(&demo, &AutoDemo::finished);
    QSignalSpy phases(&demo, &AutoDemo::phaseChanged);
    QVERIFY(demo.start(DemoScript{}));
    QTRY_VERIFY_WITH_TIMEOUT(demo.phase() == AutoDemo::Phase::Sending, waitMs);
    demo.cancel();
    QCOMPARE(finished.size(), 1); // synchronously
    QCOMPARE(finished.at(0).at(0).value<DemoResult>().outcome, DemoResult::Outcome::Cancelled);
    QVERIFY(!demo.isRunning());
    demo.cancel(); // nothing left to cancel
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void tst_AutoDemo::noServerFailsWithinTheSetupTime()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    AutoDemo demo;
    demo.setServer(QStringLiteral("127.0.0.1"), port);
    QSignalSpy finished(&demo, &AutoDemo::finished);
    DemoScript script;
    script.setupTimeoutMs = 2000;
    QVERIFY(demo.start(script));
    QVERIFY(finished.wait(script.setupTimeoutMs + 2000));
    const auto result = finished.at(0).at(0).value<DemoResult>();
    QCOMPARE(result.outcome, DemoResult::Outcome::Failed);
    QVERIFY(!result.failureReason.isEmpty());
    QCOMPARE(result.measuredMs, qint64(0));
}

QTEST_MAIN(tst_AutoDemo)
#include "tst_autodemo.moc"
