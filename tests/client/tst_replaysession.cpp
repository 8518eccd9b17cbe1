#include "client/clientconnection.h"
#include "client/replaysession.h"

#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "server/protocol/framedecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace wslab;
using namespace wslab::client;
using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using protocol::Opcode;

namespace {

constexpr int waitMs = 15'000;
constexpr quint64 originalId = 1;
constexpr quint64 replayId = 2;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Python websockets (tests/client/tools/replay_peer.py), a server this project did not write, in its
// own process: it echoes, and says every byte each client sent it.
class Peer
{
public:
    explicit Peer(const QString &mode) : m_port(freePort())
    {
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        {QStringLiteral(WSLAB_CLIENT_TOOLS "/replay_peer.py"), QString::number(m_port), mode});
    }
    ~Peer()
    {
        m_process.kill();
        m_process.waitForFinished(waitMs);
    }
    [[nodiscard]] QString url() const { return QStringLiteral("ws://127.0.0.1:%1/recorded?x=1").arg(m_port); }
    // Reads events until `count` of `name` were seen (or the time is up).
    bool waitFor(const QString &name, int count)
    {
        QDeadlineTimer deadline(waitMs);
        while (this->count(name) < count && !deadline.hasExpired()) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                continue;
            while (m_process.canReadLine())
                events.append(QJsonDocument::fromJson(m_process.readLine()).object());
        }
        return this->count(name) >= count;
    }
    [[nodiscard]] int count(const QString &name) const
    {
        return int(std::count_if(events.begin(), events.end(), [&](const QJsonObject &e) {
            return e.value(QLatin1String("event")).toString() == name;
        }));
    }
    // The n-th event called `name`, and the index of it among all events.
    [[nodiscard]] std::pair<QJsonObject, qsizetype> nth(const QString &name, int n) const
    {
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (events.at(i).value(QLatin1String("event")).toString() == name && n-- == 0)
                return {events.at(i), i};
        }
        return {};
    }
    // What a client sent after its opening handshake, on the n-th connection.
    [[nodiscard]] QByteArray framesSent(int connection) const
    {
        const QByteArray raw = QByteArray::fromHex(nth(QStringLiteral("raw"), connection).first.value(QLatin1String("hex")).toString().toLatin1());
        return raw.mid(raw.indexOf("\r\n\r\n") + 4);
    }

    QList<QJsonObject> events;

private:
    quint16 m_port;
    QProcess m_process;
};

// The capture both connections go to, as the app and the CLI have it.
class Capture
{
public:
    Capture() : recorder(&stream)
    {
        QObject::connect(&stream, &capture::CaptureStream::batchReady,
                         [this](const capture::CaptureBatch &batch) { records += batch; });
    }
    // Copies: `records` grows (and moves) as more arrive.
    QList<CaptureRecord> clientFrames(quint64 connection)
    {
        stream.flush();
        QList<CaptureRecord> frames;
        for (const CaptureRecord &record : std::as_const(records)) {
            if (record.connectionId == connection && record.kind == RecordKind::Frame && record.direction == Direction::Inbound)
                frames.append(record);
        }
        return frames;
    }

    capture::CaptureStream stream;
    capture::LiveRecorder recorder;
    QList<CaptureRecord> records;
};

// The conversation to replay, with Python websockets: a text message in three fragments, a ping, a
// binary message, a text message in two fragments, and the close. With `gapMs`, that long between
// each.
bool record(Capture &capture, const Peer &peer, bool offerDeflate, int gapMs = 0)
{
    ClientSettings settings;
    settings.url = std::get<ServerUrl>(ServerUrl::parse(peer.url()));
    settings.offerDeflate = offerDeflate;
    settings.headers.append(std::pair<QByteArray, QByteArray>("Origin", "http://replay.test"));
    ClientConnection connection(originalId, settings, &capture.recorder);
    QSignalSpy opened(&connection, &ClientConnection::opened);
    QSignalSpy finished(&connection, &ClientConnection::finished);
    connection.open();
    if (!opened.wait(waitMs))
        return false;
    const QList<std::function<void()>> sends{
        [&] { connection.sendText(QStringLiteral("hello hello hello, fragmented"), 3); },
        [&] { connection.ping("p1"); },
        [&] { connection.sendBinary(QByteArray(300, '\x5a')); },
        [&] { connection.sendText(QStringLiteral("hello hello hello, again"), 2); },
        [&] { connection.close(1000); },
    };
    for (const auto &send : sends) {
        if (gapMs > 0)
            QTest::qWait(gapMs);
        send();
    }
    const bool clean = finished.wait(waitMs) && connection.outcome().isClean();
    capture.stream.flush(); // every record of the connection, for the plan
    return clean;
}

ReplayOutcome replay(Capture &capture, const ReplayPlan &plan, const Peer &peer, bool timing = false,
                     QList<QList<QVariant>> *scheduled = nullptr)
{
    ReplaySettings settings;
    settings.connection.url = std::get<ServerUrl>(ServerUrl::parse(peer.url()));
    settings.originalTiming = timing;
    settings.settleMs = 300;
    ReplaySession session(replayId, plan, settings, &capture.recorder);
    QSignalSpy finished(&session, &ReplaySession::finished);
    QSignalSpy steps(&session, &ReplaySession::stepScheduled);
    session.start();
    if (!finished.wait(waitMs))
        return {};
    if (scheduled)
        *scheduled = steps;
    return session.outcome();
}

QByteArray concatenated(const QList<ReplayStep> &steps)
{
    QByteArray bytes;
    for (const ReplayStep &step : steps)
        bytes += step.bytes;
    return bytes;
}

} // namespace

class tst_ReplaySession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void serverGetsTheRecordedFramesByteForByte_data();
    void serverGetsTheRecordedFramesByteForByte();
    void originalTimingSchedulesTheRecordedGapsInOrder();
    void deflateAnswerUnlikeTheRecordingIsRefused();
};

void tst_ReplaySession::initTestCase()
{
    qRegisterMetaType<ClientOutcome>();
    qRegisterMetaType<ReplayOutcome>();
}

void tst_ReplaySession::serverGetsTheRecordedFramesByteForByte_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<ReplayScope>("scope");
    QTest::addColumn<QList<int>>("selectedClientFrames");
    QTest::addColumn<bool>("expectRecompressed");

    // Client frames: 0-2 the fragmented text, 3 the ping, 4 the binary, 5-6 the second text, 7 the close.
    QTest::addRow("plain, whole connection") << "plain" << ReplayScope::Connection << QList<int>{} << false;
    QTest::addRow("deflate with context takeover, whole connection")
            << "deflate" << ReplayScope::Connection << QList<int>{} << false;
    QTest::addRow("deflate without context takeover, whole connection")
            << "deflate-nct" << ReplayScope::Connection << QList<int>{} << false;
    QTest::addRow("plain, two messages") << "plain" << ReplayScope::Messages << QList<int>{4, 6} << false;
    QTest::addRow("plain, the ping and a frame") << "plain" << ReplayScope::Frames << QList<int>{3, 4} << false;
    QTest::addRow("deflate with context takeover, the later messages: compressed anew")
            << "deflate" << ReplayScope::Messages << QList<int>{4, 5} << true;
    QTest::addRow("deflate without context takeover, the later messages: as recorded")
            << "deflate-nct" << ReplayScope::Messages << QList<int>{4, 5} << false;
}

void tst_ReplaySession::serverGetsTheRecordedFramesByteForByte()
{
    QFETCH(QString, mode);
    QFETCH(ReplayScope, scope);
    QFETCH(QList<int>, selectedClientFrames);
    QFETCH(bool, expectRecompressed);
    Peer peer(mode);
    QVERIFY(peer.waitFor(QStringLiteral("ready"), 1));
    Capture capture;
    QVERIFY(record(capture, peer, mode != QLatin1String("plain")));
    QVERIFY(peer.waitFor(QStringLiteral("raw"), 1));
    const QList<CaptureRecord> original = capture.clientFrames(originalId);
    QCOMPARE(original.size(), 8);
    QSet<quint64> selected;
    for (const int index : selectedClientFrames)
        selected.insert(original.at(index).id);
    const auto built = ReplayPlan::build(capture.records, originalId, scope, selected);
    QVERIFY(std::holds_alternative<ReplayPlan>(built));
    const ReplayPlan plan = std::get<ReplayPlan>(built);
    QCOMPARE(plan.recompressed, expectRecompressed);

    const ReplayOutcome outcome = replay(capture, plan, peer);
    QVERIFY2(outcome.isClean(), outcome.connection.failure ? clientFailureReason(*outcome.connection.failure) : "");
    QVERIFY(!outcome.extensionsDiffer);
    QCOMPARE(outcome.closedByWslab, scope != ReplayScope::Connection);
    QVERIFY(peer.waitFor(QStringLiteral("raw"), 2));
    const QByteArray received = peer.framesSent(1);
    if (scope == ReplayScope::Connection)
        QCOMPARE(received, peer.framesSent(0)); // the whole conversation, every byte as it was
    QVERIFY(received.startsWith(concatenated(plan.steps)));
    for (const ReplayStep &step : plan.steps) {
        const auto source = std::find_if(original.begin(), original.end(),
                                         [&](const CaptureRecord &r) { return r.id == step.sourceRecordId; });
        QVERIFY(source != original.end());
        QCOMPARE(step.recompressed ? step.originalBytes : step.bytes, source->bytes());
    }
    // The server read the selected messages as the client had sent them.
    QList<QByteArray> sentMessages;
    for (const CaptureRecord &frame : original) {
        if (frame.frame->header.fin && protocol::isData(frame.frame->header.opcode)
            && std::any_of(plan.steps.begin(), plan.steps.end(), [&](const ReplayStep &s) { return s.sourceRecordId == frame.id; }))
            sentMessages.append(frame.inflatedPayload.value_or(QByteArray()));
    }
    QList<QByteArray> readMessages;
    const qsizetype firstReplayEvent = peer.nth(QStringLiteral("raw"), 0).second;
    for (qsizetype i = firstReplayEvent + 1; i < peer.events.size(); ++i) {
        if (peer.events.at(i).value(QLatin1String("event")).toString() == QLatin1String("message"))
            readMessages.append(QByteArray::fromHex(peer.events.at(i).value(QLatin1String("hex")).toString().toLatin1()));
    }
    if (mode != QLatin1String("plain") && scope == ReplayScope::Messages)
        QCOMPARE(readMessages, sentMessages);
    // The replay's own records show what the server got.
    QByteArray recorded;
    for (const CaptureRecord &frame : capture.clientFrames(replayId))
        recorded += frame.bytes();
    QCOMPARE(recorded, received);
}

void tst_ReplaySession::originalTimingSchedulesTheRecordedGapsInOrder()
{
    Peer peer(QStringLiteral("plain"));
    QVERIFY(peer.waitFor(QStringLiteral("ready"), 1));
    Capture capture;
    constexpr int gapMs = 80;
    QVERIFY(record(capture, peer, false, gapMs));
    QVERIFY(peer.waitFor(QStringLiteral("raw"), 1));
    const ReplayPlan plan = std::get<ReplayPlan>(ReplayPlan::build(capture.records, originalId, ReplayScope::Connection));
    QList<QList<QVariant>> scheduled;
    const ReplayOutcome outcome = replay(capture, plan, peer, true, &scheduled);
    QVERIFY(outcome.isClean());
    QCOMPARE(scheduled.size(), plan.steps.size());
    for (qsizetype i = 0; i < scheduled.size(); ++i) {
        QCOMPARE(scheduled.at(i).at(0).value<qsizetype>(), i);
        QCOMPARE(scheduled.at(i).at(1).value<qint64>(), plan.steps.at(i).delayNs / 1'000'000);
    }
    // The frames of one send went together; each send waited at least its gap.
    int gaps = 0;
    for (const ReplayStep &step : plan.steps)
        gaps += step.delayNs >= qint64(gapMs) * 1'000'000 ? 1 : 0;
    QVERIFY(gaps >= 4);
    QVERIFY(peer.waitFor(QStringLiteral("raw"), 2));
    QCOMPARE(peer.framesSent(1), peer.framesSent(0));
}

// RFC 7692 §7.2.3.3: compressed frames need the recorded agreement; a server that declines
// permessage-deflate gets none of them.
void tst_ReplaySession::deflateAnswerUnlikeTheRecordingIsRefused()
{
    Peer recorded(QStringLiteral("deflate"));
    Peer plain(QStringLiteral("plain"));
    QVERIFY(recorded.waitFor(QStringLiteral("ready"), 1));
    QVERIFY(plain.waitFor(QStringLiteral("ready"), 1));
    Capture capture;
    QVERIFY(record(capture, recorded, true));
    const auto built = ReplayPlan::build(capture.records, originalId, ReplayScope::Connection);
    QVERIFY(std::holds_alternative<ReplayPlan>(built));
    const ReplayPlan plan = std::get<ReplayPlan>(built);
    QVERIFY(plan.hasCompressedSteps());
    const ReplayOutcome outcome = replay(capture, plan, plain);
    QCOMPARE(outcome.connection.failure, std::optional(ClientFailure::HandshakeRejected));
    QVERIFY(outcome.extensionsDiffer);
    QVERIFY(outcome.connection.handshakeErrors.isEmpty());
    QCOMPARE(outcome.stepsSent, 0);
}

QTEST_GUILESS_MAIN(tst_ReplaySession)
#include "tst_replaysession.moc"
