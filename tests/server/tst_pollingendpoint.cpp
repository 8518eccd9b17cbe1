#include "server/servertestsupport.h"

#include "server/pollingendpoint.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace wslab::test;

namespace {

struct Answer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QList<quint64> seqs() const
    {
        QList<quint64> out;
        for (const QJsonValue &message : json().value("messages").toArray())
            out.append(quint64(message.toObject().value("seq").toInteger()));
        return out;
    }
};

QByteArray get(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

QByteArray post(const QByteArray &target, const QByteArray &body, const QByteArray &type = "text/plain",
                const QByteArray &extra = {})
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

Answer exchange(RawPeer &peer, const QByteArray &request, int timeoutMs = waitMs)
{
    peer.send(request);
    Answer answer;
    answer.head = peer.takeResponse(&answer.body, timeoutMs);
    answer.status = RawPeer::statusOf(answer.head);
    return answer;
}

} // namespace

class tst_PollingEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pollAnswersAtOnceInOrder();
    void pollJoinsTheRoomOnce();
    void laterRequestWithAnotherNickRenames_data();
    void laterRequestWithAnotherNickRenames();
    void renameToATakenNickIsRefused();
    void withoutClientIdAnotherNickIsAnotherMember();
    void sendPlainTextAndJson();
    void sendRejections_data();
    void sendRejections();
    void sendWithoutClientOrNickPostsAsAGuest();
    void crossSitePostIsRefused();
    void longPollWaitsForNews();
    void longPollAnswersAtOnceWhenBehind();
    void longPollTimesOut();
    void manyParkedRequestsAreAllAnswered();
    void parkedClientThatDisconnectsIsCleanedUp();
    void noLossNoDuplicateAcrossReconnects();
    void clientAheadOfTheRoomGetsEverything();
    void mixedTransportsChatTogether();
    void statsReportsLatencyPerTransport();
    void pollExchangesAreCountedAndCaptured();
    void leaveEndsTheMemberAtOnce();
    void switchingTransportUpdatesTheClientList();
    void sideRoomPollingStaysApart();
    void historyReplayIsCountedApart();
    void statsReportIsBookkeeping();
};

void tst_PollingEndpoint::pollAnswersAtOnceInOrder()
{
    TestServer t;
    QVERIFY(t.start());
    for (int i = 0; i < 3; ++i)
        t.server->postChatMessage(QStringLiteral("line %1").arg(i));
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    const Answer all = exchange(peer, get("/poll?since=0"));
    QCOMPARE(all.status, 200);
    QVERIFY(all.head.contains("\r\nContent-Type: application/json\r\n"));
    QCOMPARE(all.seqs(), (QList<quint64>{1, 2, 3, 4})); // Desk's join and three lines
    QCOMPARE(all.json().value("last").toInteger(), 4);
    const QJsonObject line = all.json().value("messages").toArray().at(3).toObject();
    QCOMPARE(line.value("type").toString(), QStringLiteral("message"));
    QCOMPARE(line.value("text").toString(), QStringLiteral("line 2"));
    const Answer later = exchange(peer, get("/poll?since=2"));
    QCOMPARE(later.seqs(), (QList<quint64>{3, 4}));
    const Answer none = exchange(peer, get("/poll?since=4"));
    QCOMPARE(none.seqs(), QList<quint64>());
    QCOMPARE(none.json().value("last").toInteger(), 4);
}

void tst_PollingEndpoint::pollJoinsTheRoomOnce()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy connected(t.server.get(), &WebSocketServer::clientConnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(t.server->chatRoom().memberCount(), 1);
    QCOMPARE(connected.size(), 1);
    const auto info = connected.at(0).at(0).value<ClientInfo>();
    QCOMPARE(info.nick, QStringLiteral("zed"));
    QCOMPARE(info.transport, Transport::Polling);
    QCOMPARE(t.server->transportStats().polling.clients, 1);
}

void tst_PollingEndpoint::laterRequestWithAnotherNickRenames_data()
{
    QTest::addColumn<QByteArray>("secondRequest");
    QTest::addColumn<Transport>("transport");
    QTest::addRow("poll") << get("/poll?since=0&client=c1&nick=ada") << Transport::Polling;
    QTest::addRow("long poll") << get("/longpoll?since=0&client=c1&nick=ada") << Transport::LongPolling;
    QTest::addRow("send") << post("/send?client=c1&nick=ada", "hello as ada") << Transport::Polling;
    QTest::addRow("padded name") << get("/poll?since=0&client=c1&nick=%20ada%20") << Transport::Polling;
}

// Regression: the nickname of a client's first request stuck, later nick= values were ignored.
void tst_PollingEndpoint::laterRequestWithAnotherNickRenames()
{
    QFETCH(QByteArray, secondRequest);
    QFETCH(Transport, transport);
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy updated(t.server.get(), &WebSocketServer::clientUpdated);
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=zed")).status, 200);
    const quint64 chatId = t.server->chatRoom().members().value(0);
    QCOMPARE(t.server->chatRoom().nick(chatId), QStringLiteral("zed"));

    QCOMPARE(exchange(peer, secondRequest).status, 200);
    QCOMPARE(t.server->chatRoom().memberCount(), 1); // the same member, renamed
    QCOMPARE(t.server->chatRoom().nick(chatId), QStringLiteral("ada"));
    // The usual notice, in the history every transport reads.
    const ChatEntry *notice = t.server->chatRoom().find(2);
    QVERIFY(notice);
    QCOMPARE(notice->kind, ChatEntry::Kind::Nick);
    QCOMPARE(notice->from, QStringLiteral("zed"));
    QCOMPARE(notice->text, QStringLiteral("ada"));
    const bool posts = secondRequest.startsWith("POST");
    QCOMPARE(entries.size(), posts ? 3 : 2); // join, rename (, the line)
    if (posts) {
        // The line is posted under the new name, after the rename.
        const ChatEntry *line = t.server->chatRoom().find(3);
        QVERIFY(line);
        QCOMPARE(line->from, QStringLiteral("ada"));
        QCOMPARE(line->text, QStringLiteral("hello as ada"));
    }
    // The client list hears of it.
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), waitMs);
    const auto info = updated.constLast().at(0).value<ClientInfo>();
    QCOMPARE(info.connectionId, chatId);
    QCOMPARE(info.nick, QStringLiteral("ada"));
    QCOMPARE(info.transport, transport);

    // The same name again is no rename.
    const quint64 last = t.server->chatRoom().lastSeq();
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=ada")).status, 200);
    QCOMPARE(t.server->chatRoom().lastSeq(), last);
}

void tst_PollingEndpoint::renameToATakenNickIsRefused()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy connected(t.server.get(), &WebSocketServer::clientConnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c2&nick=ada")).status, 200);
    QCOMPARE(connected.size(), 2);
    const quint64 zed = connected.at(0).at(0).value<ClientInfo>().connectionId;
    const quint64 ada = connected.at(1).at(0).value<ClientInfo>().connectionId;
    const quint64 last = t.server->chatRoom().lastSeq();

    // Nicknames are unique without regard to case: c1 stays zed and is told why.
    const Answer answer = exchange(peer, post("/send?client=c1&nick=ADA", "still zed"));
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.json().value("notice").toString().contains(QLatin1String("taken")), answer.body.constData());
    const ChatEntry *line = t.server->chatRoom().find(last + 1);
    QVERIFY(line);
    QCOMPARE(line->kind, ChatEntry::Kind::Message);
    QCOMPARE(line->from, QStringLiteral("zed"));
    QCOMPARE(t.server->chatRoom().lastSeq(), last + 1);

    QCOMPARE(t.server->chatRoom().nick(ada), QStringLiteral("ada"));

    // Once ada has left, c1's next request gets the name it keeps asking for.
    t.server->leaveChat(ada);
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=ADA")).status, 200);
    QCOMPARE(t.server->chatRoom().nick(zed), QStringLiteral("ADA"));
}

void tst_PollingEndpoint::withoutClientIdAnotherNickIsAnotherMember()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, post("/send?nick=zed", "one")).status, 200);
    QCOMPARE(exchange(peer, post("/send?nick=ada", "two")).status, 200);
    QCOMPARE(t.server->chatRoom().memberCount(), 2);
    QCOMPARE(t.server->chatRoom().find(2)->from, QStringLiteral("zed"));
    QCOMPARE(t.server->chatRoom().find(4)->from, QStringLiteral("ada"));
}

void tst_PollingEndpoint::sendPlainTextAndJson()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, post("/send?client=c1&nick=zed", "hello, plain")).status, 200);
    QCOMPARE(exchange(peer, post("/send?client=c1", R"({"text":"hello, json"})", "application/json")).status, 200);
    const Answer answer = exchange(peer, get("/poll?since=0"));
    const QJsonArray messages = answer.json().value("messages").toArray();
    QCOMPARE(messages.size(), 3); // join, two lines
    QCOMPARE(messages.at(1).toObject().value("text").toString(), QStringLiteral("hello, plain"));
    QCOMPARE(messages.at(1).toObject().value("from").toString(), QStringLiteral("zed"));
    QCOMPARE(messages.at(2).toObject().value("text").toString(), QStringLiteral("hello, json"));
}

void tst_PollingEndpoint::sendRejections_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addRow("no length") << QByteArray("POST /send?client=a HTTP/1.1\r\nHost: x\r\n\r\n") << 411;
    QTest::addRow("too big") << post("/send?client=a", QByteArray(64 * 1024 + 1, 'x')) << 413;
    QTest::addRow("bad json") << post("/send?client=a", "{text", "application/json") << 400;
    QTest::addRow("json without text") << post("/send?client=a", R"({"msg":"x"})", "application/json") << 400;
    QTest::addRow("not utf-8") << post("/send?client=a", "\xff\xfe") << 400;
}

void tst_PollingEndpoint::sendRejections()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, request).status, status);
    QCOMPARE(t.server->chatRoom().lastSeq(), 0u);
}

// What `curl -d hello http://127.0.0.1:8002/send` sends: no client id, no nickname. It was answered
// 400; it speaks as the guest of its address instead, under the same name on every request.
void tst_PollingEndpoint::sendWithoutClientOrNickPostsAsAGuest()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    const auto curl = [&t](const QByteArray &text) {
        return "POST /send HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(t.port())
               + "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Length: " + QByteArray::number(text.size())
               + "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n" + text;
    };
    const ChatRoom &room = t.server->chatRoom();

    RawPeer first;
    QVERIFY(first.connectTo(t.port()));
    const Answer answer = exchange(first, curl("hello"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(quint64(answer.json().value("last").toInteger()), room.lastSeq());
    QVERIFY(room.find(room.lastSeq()));
    const ChatEntry line = *room.find(room.lastSeq());
    QCOMPARE(line.kind, ChatEntry::Kind::Message);
    QCOMPARE(line.text, QStringLiteral("hello"));
    const QString guest = line.from;
    QVERIFY2(QRegularExpression(QStringLiteral("^guest-[0-9a-f]{6}$")).match(guest).hasMatch(), qPrintable(guest));
    QCOMPARE(entries.size(), 2); // the guest's join, then the line: the desktop hears both
    QCOMPARE(entries.at(0).at(0).value<ChatEntry>().kind, ChatEntry::Kind::Join);
    QCOMPARE(entries.at(1).at(0).value<ChatEntry>().from, guest);

    // The same address on another connection is the same guest.
    RawPeer second;
    QVERIFY(second.connectTo(t.port()));
    QCOMPARE(exchange(second, curl("again")).status, 200);
    QCOMPARE(room.find(room.lastSeq())->text, QStringLiteral("again"));
    QCOMPARE(room.find(room.lastSeq())->from, guest);
    QCOMPARE(room.memberCount(), 1);

    // Another loopback address is another guest.
    RawPeer other;
    QVERIFY(other.socket.bind(QHostAddress(QStringLiteral("127.0.0.2"))));
    QVERIFY(other.connectTo(t.port()));
    QCOMPARE(exchange(other, curl("from elsewhere")).status, 200);
    QCOMPARE(room.find(room.lastSeq())->text, QStringLiteral("from elsewhere"));
    QVERIFY(room.find(room.lastSeq())->from.startsWith(QStringLiteral("guest-")));
    QVERIFY(room.find(room.lastSeq())->from != guest);
    QCOMPARE(room.memberCount(), 2);
}

void tst_PollingEndpoint::crossSitePostIsRefused()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, post("/send?client=a", "spam", "text/plain", "Origin: https://evil.example\r\n")).status, 403);
    QCOMPARE(exchange(peer, post("/send?client=a", "ok", "text/plain", "Origin: " + t.origin() + "\r\n")).status, 200);
}

void tst_PollingEndpoint::longPollWaitsForNews()
{
    TestServer t;
    QVERIFY(t.start());
    t.server->postChatMessage(QStringLiteral("first")); // seq 1 join, 2 message
    RawPeer waiting;
    QVERIFY(waiting.connectTo(t.port()));
    waiting.send(get("/longpoll?since=2"));
    QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), 1, waitMs);
    QTest::qWait(50);
    QVERIFY(waiting.received.isEmpty()); // parked: no answer yet
    t.server->postChatMessage(QStringLiteral("news"));
    QByteArray body;
    const QByteArray head = waiting.takeResponse(&body);
    QCOMPARE(RawPeer::statusOf(head), 200);
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonArray messages = answer.value("messages").toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.last().toObject().value("text").toString(), QStringLiteral("news"));
    QCOMPARE(answer.value("last").toInteger(), qint64(t.server->chatRoom().lastSeq()));
    QCOMPARE(t.server->polling().parkedCount(), 0);
}

void tst_PollingEndpoint::longPollAnswersAtOnceWhenBehind()
{
    TestServer t;
    QVERIFY(t.start());
    t.server->postChatMessage(QStringLiteral("x"));
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    const Answer answer = exchange(peer, get("/longpoll?since=0"), 1000);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.seqs(), (QList<quint64>{1, 2}));
}

void tst_PollingEndpoint::longPollTimesOut()
{
    ServerSettings settings = testSettings();
    settings.longPollTimeoutMs = 200;
    TestServer t(settings);
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QElapsedTimer clock;
    clock.start();
    const Answer answer = exchange(peer, get("/longpoll?since=0"), 3000);
    QVERIFY(clock.elapsed() >= 150);
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.seqs().isEmpty());
    QCOMPARE(answer.json().value("last").toInteger(), 0);
    QCOMPARE(t.server->transportStats().longPolling.emptyResponses, 1u);
    // Keep-alive: the connection serves the next long poll.
    QCOMPARE(peer.socket.state(), QAbstractSocket::ConnectedState);
}

void tst_PollingEndpoint::manyParkedRequestsAreAllAnswered()
{
    TestServer t;
    QVERIFY(t.start());
    t.server->postChatMessage(QStringLiteral("before")); // seq 1 join, 2 message
    constexpr int count = 50;
    std::vector<std::unique_ptr<RawPeer>> peers;
    for (int i = 0; i < count; ++i) {
        peers.push_back(std::make_unique<RawPeer>());
        QVERIFY(peers.back()->connectTo(t.port()));
        peers.back()->send(get("/longpoll?since=2"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), count, waitMs);
    t.server->postChatMessage(QStringLiteral("to everyone"));
    for (auto &peer : peers) {
        QByteArray body;
        QCOMPARE(RawPeer::statusOf(peer->takeResponse(&body)), 200);
        QVERIFY(body.contains("to everyone"));
    }
}

void tst_PollingEndpoint::parkedClientThatDisconnectsIsCleanedUp()
{
    TestServer t;
    QVERIFY(t.start());
    {
        RawPeer peer;
        QVERIFY(peer.connectTo(t.port()));
        peer.send(get("/longpoll?since=0"));
        QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), 1, waitMs);
        peer.socket.abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), 0, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(t.server->connectionCount(), 0, waitMs);
    t.server->postChatMessage(QStringLiteral("nobody waits")); // must not touch the gone connection
    QCOMPARE(t.server->chatRoom().lastSeq(), 2u);
}

void tst_PollingEndpoint::noLossNoDuplicateAcrossReconnects()
{
    TestServer t;
    QVERIFY(t.start());
    QList<quint64> seen;
    quint64 since = 0;
    int posted = 0;
    // Each round: a new connection (a reconnect), a poll or a long poll, messages in between.
    for (int round = 0; round < 12; ++round) {
        for (int i = 0; i < round % 3; ++i)
            t.server->postChatMessage(QStringLiteral("m%1").arg(++posted));
        RawPeer peer;
        QVERIFY(peer.connectTo(t.port()));
        const bool longPoll = round % 2 == 1;
        const QByteArray target = (longPoll ? "/longpoll?since=" : "/poll?since=") + QByteArray::number(since);
        if (longPoll && since == t.server->chatRoom().lastSeq()) {
            peer.send(get(target));
            QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), 1, waitMs);
            t.server->postChatMessage(QStringLiteral("m%1").arg(++posted));
            QByteArray body;
            peer.takeResponse(&body);
            Answer answer;
            answer.body = body;
            seen += answer.seqs();
            since = quint64(answer.json().value("last").toInteger());
        } else {
            const Answer answer = exchange(peer, get(target));
            seen += answer.seqs();
            since = quint64(answer.json().value("last").toInteger());
        }
        peer.socket.abort();
    }
    QVERIFY(!seen.isEmpty());
    for (qsizetype i = 0; i < seen.size(); ++i)
        QCOMPARE(seen.at(i), quint64(i + 1)); // every sequence number once, in order
    QCOMPARE(seen.last(), t.server->chatRoom().lastSeq());
}

void tst_PollingEndpoint::clientAheadOfTheRoomGetsEverything()
{
    TestServer t;
    QVERIFY(t.start());
    t.server->postChatMessage(QStringLiteral("after a restart"));
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    // A page that polled a previous run of the server holds a sequence number from the future.
    QCOMPARE(exchange(peer, get("/poll?since=900")).seqs(), (QList<quint64>{1, 2}));
}

void tst_PollingEndpoint::mixedTransportsChatTogether()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer ws;
    QVERIFY(ws.upgrade(t.port(), "/chatsocket?nick=sock"));
    ws.nextFrame();
    ws.nextFrame();
    RawPeer poller;
    QVERIFY(poller.connectTo(t.port()));
    const quint64 start = quint64(exchange(poller, get("/poll?since=0&client=p&nick=poller")).json().value("last").toInteger());
    RawPeer longPoller;
    QVERIFY(longPoller.connectTo(t.port()));
    QCOMPARE(exchange(longPoller, get("/poll?since=0&client=lp&nick=waiter")).status, 200);
    const quint64 now = t.server->chatRoom().lastSeq();
    longPoller.send(get("/longpoll?client=lp&since=" + QByteArray::number(now)));
    QTRY_COMPARE_WITH_TIMEOUT(t.server->polling().parkedCount(), 1, waitMs);

    // Polling -> everyone.
    QCOMPARE(exchange(poller, post("/send?client=p", "from polling")).status, 200);
    QByteArray lpBody;
    longPoller.takeResponse(&lpBody);
    QVERIFY(lpBody.contains("from polling"));
    std::optional<DecodedFrame> frame;
    while ((frame = ws.nextFrame(1000)) && !frame->payload.contains("from polling")) { }
    QVERIFY(frame);
    // WebSocket -> polling.
    ws.sendFrame(Opcode::Text, "from websocket");
    QTRY_VERIFY_WITH_TIMEOUT(exchange(poller, get("/poll?since=" + QByteArray::number(start))).body.contains("from websocket"), waitMs);
}

void tst_PollingEndpoint::statsReportsLatencyPerTransport()
{
    TestServer t;
    QVERIFY(t.start());
    t.server->postChatMessage(QStringLiteral("timed")); // seq 2
    const qint64 entryTime = t.server->chatRoom().find(2)->timeMs;
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/poll?since=0&client=s1")).status, 200);
    // One latency as measured by the page, one as the receipt time (epoch ms).
    const QByteArray report = "{\"samples\":[[2,40],[2," + QByteArray::number(entryTime + 60)
                              + "]],\"requests\":7,\"bytesSent\":700,\"bytesReceived\":1400}";
    const Answer answer = exchange(peer, post("/stats?client=s1", report, "application/json"));
    QCOMPARE(answer.status, 204);
    const TransportCounters &polling = t.server->transportStats().polling;
    QCOMPARE(polling.latencySamplesMs, (QList<qint64>{40, 60}));
    QCOMPARE(polling.reportedRequests, 7u);
    QCOMPARE(polling.reportedBytesReceived, 1400u);
    // A second report from the same page replaces its totals rather than adding to them.
    exchange(peer, post("/stats?client=s1", "{\"requests\":9,\"bytesSent\":1,\"bytesReceived\":2,\"transport\":\"polling\"}",
                        "application/json"));
    QCOMPARE(t.server->transportStats().polling.reportedRequests, 9u);
    QCOMPARE(exchange(peer, post("/stats", "[1,2]", "application/json")).status, 400);
}

void tst_PollingEndpoint::pollExchangesAreCountedAndCaptured()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy stats(t.server.get(), &WebSocketServer::transportStatsChanged);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    const QByteArray request = get("/poll?since=0");
    const Answer answer = exchange(peer, request);
    const TransportCounters &polling = t.server->transportStats().polling;
    QCOMPARE(polling.requests, 1u);
    QCOMPARE(polling.emptyResponses, 1u);
    QCOMPARE(polling.headerBytes, quint64(request.size() + answer.head.size()));
    QCOMPARE(polling.payloadBytes, quint64(answer.body.size()));
    QVERIFY(stats.wait(2000)); // published by itself
    bool requestSeen = false, responseSeen = false;
    for (const CaptureRecord &record : t.allRecords()) {
        requestSeen |= record.kind == RecordKind::HttpRequest && record.transport == Transport::Polling;
        responseSeen |= record.kind == RecordKind::HttpResponse && record.transport == Transport::Polling
                && record.wireBytes == answer.head + answer.body;
    }
    QVERIFY(requestSeen && responseSeen);
}

// Regression: polling members stayed listed for ~40 s after their page or the auto demo was done
// with them, and were then reported as closed with "1001 Going Away", a WebSocket code.
void tst_PollingEndpoint::leaveEndsTheMemberAtOnce()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy connected(t.server.get(), &WebSocketServer::clientConnected);
    QSignalSpy left(t.server.get(), &WebSocketServer::pollingClientLeft);
    QSignalSpy disconnected(t.server.get(), &WebSocketServer::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/longpoll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(t.server->transportStats().longPolling.clients, 1);
    const quint64 chatId = connected.at(0).at(0).value<ClientInfo>().connectionId;

    QCOMPARE(exchange(peer, post("/leave?client=c1", {})).status, 204);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).at(0).toULongLong(), chatId);
    QCOMPARE(left.at(0).at(1).toBool(), false); // it said so; it did not time out
    QCOMPARE(disconnected.size(), 0);           // no close code: HTTP has none
    QCOMPARE(t.server->chatRoom().memberCount(), 0);
    QCOMPARE(t.server->chatRoom().history().back().kind, ChatEntry::Kind::Leave);
    QCOMPARE(t.server->transportStats().longPolling.clients, 0);
    // A second goodbye, or one from a stranger, is no error and changes nothing.
    QCOMPARE(exchange(peer, post("/leave?client=c1", {})).status, 204);
    QCOMPARE(exchange(peer, post("/leave?client=nobody", {})).status, 204);
    QCOMPARE(left.size(), 1);
    // Coming back is joining again.
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(t.server->chatRoom().memberCount(), 1);
}

// Regression: a page that went from long polling to polling was still listed as long polling.
void tst_PollingEndpoint::switchingTransportUpdatesTheClientList()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy updated(t.server.get(), &WebSocketServer::clientUpdated);
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/longpoll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(updated.size(), 0);
    QCOMPARE(exchange(peer, get("/poll?since=0&client=c1&nick=zed")).status, 200);
    QCOMPARE(updated.size(), 1);
    QCOMPARE(updated.at(0).at(0).value<ClientInfo>().transport, Transport::Polling);
    QCOMPARE(updated.at(0).at(0).value<ClientInfo>().path, QStringLiteral("/poll"));
    QCOMPARE(t.server->transportStats().polling.clients, 1);
    QCOMPARE(t.server->transportStats().longPolling.clients, 0);
}

void tst_PollingEndpoint::sideRoomPollingStaysApart()
{
    TestServer t;
    QVERIFY(t.start());
    QSignalSpy entries(t.server.get(), &WebSocketServer::chatEntry);
    RawPeer user, demo;
    QVERIFY(user.connectTo(t.port()));
    QVERIFY(demo.connectTo(t.port()));
    QCOMPARE(exchange(user, get("/poll?since=0&client=u&nick=user")).status, 200);
    const quint64 userSince = t.server->chatRoom().lastSeq();
    const Answer joined = exchange(demo, get("/poll?since=0&client=d&nick=demo-poll-1&room=demo-beef"));
    QCOMPARE(joined.status, 200);
    const TransportCounters before = t.server->transportStats().polling;
    QCOMPARE(before.clients, 1); // the user's poller only

    QCOMPARE(exchange(demo, post("/send?client=d&room=demo-beef", "[demo beef] 1/1 Hello")).status, 200);
    const Answer demoNews = exchange(demo, get("/poll?since=" + QByteArray::number(joined.json().value("last").toInteger())
                                               + "&client=d&room=demo-beef"));
    QVERIFY(demoNews.body.contains("[demo beef] 1/1 Hello"));
    // The user's room heard nothing of it, nor did the desk.
    const Answer userNews = exchange(user, get("/poll?since=" + QByteArray::number(userSince) + "&client=u"));
    QCOMPARE(userNews.seqs(), QList<quint64>());
    for (const auto &args : entries)
        QVERIFY(!args.at(0).value<ChatEntry>().text.contains(QStringLiteral("[demo")));
    // Nor do its requests count as the user's.
    const TransportCounters &after = t.server->transportStats().polling;
    QCOMPARE(after.requests, before.requests + 1); // the user's poll above
    QCOMPARE(after.clients, 1);
    QCOMPARE(exchange(demo, post("/leave?client=d&room=demo-beef", {})).status, 204);
    QCOMPARE(t.server->existingRoom(QStringLiteral("demo-beef")).memberCount(), 0);
}

// Regression: a page switching to polling got the room's history (1.1 MiB with the frames lab's
// big lines) in its first answer, counted as if it were the transport's cost of chatting.
void tst_PollingEndpoint::historyReplayIsCountedApart()
{
    TestServer t;
    QVERIFY(t.start());
    for (int i = 0; i < 3; ++i)
        t.server->postChatMessage(QString(1000, QLatin1Char('a' + i))); // seq 1 is Desk's join
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    const Answer first = exchange(peer, get("/poll?since=0&client=r&nick=late"));
    const QJsonArray messages = first.json().value("messages").toArray();
    QCOMPARE(messages.size(), 5); // the history, then its own join
    qsizetype historyBytes = 0;
    for (qsizetype i = 0; i < 4; ++i)
        historyBytes += QJsonDocument(messages.at(i).toObject()).toJson(QJsonDocument::Compact).size() + (i > 0 ? 1 : 0);
    const TransportCounters &polling = t.server->transportStats().polling;
    QCOMPARE(polling.replayMessages, 4u);
    QCOMPARE(polling.replayBytes, quint64(historyBytes));
    QCOMPARE(polling.messagesDelivered, 1u);
    QCOMPARE(polling.payloadBytes, quint64(first.body.size() - historyBytes));
    // Asking from 0 again (the page switched away and back) replays what it has had: all of it.
    QCOMPARE(exchange(peer, get("/poll?since=0&client=r&nick=late")).seqs().size(), 5);
    QCOMPARE(t.server->transportStats().polling.replayMessages, 9u);
    QCOMPARE(t.server->transportStats().polling.messagesDelivered, 1u);
    // A new line is news.
    t.server->postChatMessage(QStringLiteral("news"));
    QCOMPARE(exchange(peer, get("/poll?since=5&client=r")).seqs(), (QList<quint64>{6}));
    QCOMPARE(t.server->transportStats().polling.messagesDelivered, 2u);
    QCOMPARE(t.server->transportStats().polling.replayMessages, 9u);
}

// The page's POST /stats is about the transports, not part of one: it is marked as bookkeeping in
// the capture (the frames table hides it by default) and not counted as polling's cost.
void tst_PollingEndpoint::statsReportIsBookkeeping()
{
    TestServer t;
    QVERIFY(t.start());
    RawPeer peer;
    QVERIFY(peer.connectTo(t.port()));
    QCOMPARE(exchange(peer, get("/poll?since=0&client=s1")).status, 200);
    const TransportCounters before = t.server->transportStats().polling;
    const QByteArray report = "{\"samples\":[[1,40]],\"requests\":1,\"bytesSent\":10,\"bytesReceived\":20}";
    QCOMPARE(exchange(peer, post("/stats?client=s1", report, "application/json")).status, 204);
    const TransportCounters &after = t.server->transportStats().polling;
    QCOMPARE(after.requests, before.requests);
    QCOMPARE(after.headerBytes, before.headerBytes);
    QCOMPARE(after.payloadBytes, before.payloadBytes);
    QCOMPARE(after.latencySamplesMs, (QList<qint64>{40})); // what it reports still counts
    int bookkeeping = 0;
    for (const CaptureRecord &record : t.allRecords()) {
        const bool isStats = record.kind == RecordKind::HttpRequest ? record.wireBytes.startsWith("POST /stats")
                                                                    : record.httpStatus == 204;
        if (record.kind == RecordKind::HttpRequest || record.kind == RecordKind::HttpResponse) {
            QCOMPARE(record.bookkeeping, isStats);
            bookkeeping += record.bookkeeping ? 1 : 0;
        }
    }
    QCOMPARE(bookkeeping, 2); // the request and its answer
}

QTEST_GUILESS_MAIN(tst_PollingEndpoint)
#include "tst_pollingendpoint.moc"
