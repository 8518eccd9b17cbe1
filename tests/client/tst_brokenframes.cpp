#include "client/peerprocess.h"

#include "client/brokenframes.h"
#include "client/clientconnection.h"

#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "server/protocol/framestreamvalidator.h"

#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::client;
using protocol::DecodeError;
using test::PeerProcess;

namespace {

constexpr int waitMs = 10'000;

ClientOutcome closedBy(std::optional<quint16> code)
{
    ClientOutcome outcome;
    outcome.closeReceived = true;
    outcome.serverCloseCode = code;
    return outcome;
}

} // namespace

class tst_BrokenFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eachPresetBreaksExactlyItsRule_data();
    void eachPresetBreaksExactlyItsRule();
    void everyMaskedPresetHasAFreshKey();
    void verdictFollowsTheServersClose_data();
    void verdictFollowsTheServersClose();
    void realServersReactToEachPreset_data();
    void realServersReactToEachPreset();
};

void tst_BrokenFrames::initTestCase()
{
    qRegisterMetaType<ClientOutcome>();
}

void tst_BrokenFrames::eachPresetBreaksExactlyItsRule_data()
{
    QTest::addColumn<BrokenFrame>("preset");
    for (const BrokenFrame preset : BrokenFrames::all())
        QTest::addRow("%s", BrokenFrames::title(preset)) << preset;
}

// Read by the server side's own validator (the rules a server reads a client with), each preset
// breaks the one rule it names, and the required close code is the one that rule maps to.
void tst_BrokenFrames::eachPresetBreaksExactlyItsRule()
{
    QFETCH(BrokenFrame, preset);
    protocol::FrameStreamValidator server(protocol::DecoderOptions{protocol::Role::Server});
    QCOMPARE(server.feed(BrokenFrames::bytes(preset)), std::optional<DecodeError>(BrokenFrames::brokenRule(preset)));
    QCOMPARE(BrokenFrames::requiredCloseCode(preset), protocol::closeCodeFor(BrokenFrames::brokenRule(preset)));
    QVERIFY(*BrokenFrames::requirement(preset) != '\0');
}

void tst_BrokenFrames::everyMaskedPresetHasAFreshKey()
{
    for (const BrokenFrame preset : BrokenFrames::all()) {
        const QByteArray first = BrokenFrames::bytes(preset);
        const bool masked = (quint8(first.at(1)) & 0x80) != 0;
        QCOMPARE(masked, preset != BrokenFrame::Unmasked);
        if (masked) // §5.3: unpredictable keys; two draws of 32 bits agreeing is a 1 in 2^32 event
            QVERIFY(first != BrokenFrames::bytes(preset));
    }
}

void tst_BrokenFrames::verdictFollowsTheServersClose_data()
{
    QTest::addColumn<BrokenFrame>("preset");
    QTest::addColumn<ClientOutcome>("outcome");
    QTest::addColumn<ServerVerdict>("verdict");

    ClientOutcome dropped;
    dropped.failure = ClientFailure::ConnectionLost;
    ClientOutcome stillOpen;
    stillOpen.failure = ClientFailure::CloseNotAnswered;
    QTest::addRow("1002 for unmasked") << BrokenFrame::Unmasked << closedBy(1002) << ServerVerdict::Met;
    QTest::addRow("1007 for bad UTF-8") << BrokenFrame::InvalidUtf8 << closedBy(1007) << ServerVerdict::Met;
    QTest::addRow("1002 for bad UTF-8") << BrokenFrame::InvalidUtf8 << closedBy(1002) << ServerVerdict::OtherCode;
    QTest::addRow("no code for reserved bits") << BrokenFrame::ReservedBits << closedBy(std::nullopt)
                                               << ServerVerdict::OtherCode;
    QTest::addRow("1000 for reserved opcode") << BrokenFrame::ReservedOpcode << closedBy(1000) << ServerVerdict::Ignored;
    QTest::addRow("TCP dropped") << BrokenFrame::ControlTooLong << dropped << ServerVerdict::DroppedWithoutClose;
    QTest::addRow("no answer") << BrokenFrame::NonMinimalLength << stillOpen << ServerVerdict::Ignored;
}

void tst_BrokenFrames::verdictFollowsTheServersClose()
{
    QFETCH(BrokenFrame, preset);
    QFETCH(ClientOutcome, outcome);
    QTEST(BrokenFrames::judge(preset, outcome), "verdict");
}

void tst_BrokenFrames::realServersReactToEachPreset_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<BrokenFrame>("preset");
    for (const char *peer : {"python", "node"}) {
        for (const BrokenFrame preset : BrokenFrames::all())
            QTest::addRow("%s: %s", peer, BrokenFrames::title(preset)) << QString::fromLatin1(peer) << preset;
    }
}

// Python websockets and Node's ws sent each preset: what they did, judged. Every rule here is one
// RFC 6455 says a server MUST enforce, except the minimal length form, which only says the
// sender MUST use it; a server that lets it pass is still within the RFC, so for that one the
// reaction is only reported.
void tst_BrokenFrames::realServersReactToEachPreset()
{
    QFETCH(QString, peer);
    QFETCH(BrokenFrame, preset);
    const quint16 port = PeerProcess::freePort();
    PeerProcess process(peer, port);
    QVERIFY(process.waitReady());

    ClientSettings settings;
    settings.url = std::get<ServerUrl>(ServerUrl::parse(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
    settings.offerDeflate = false;
    settings.closeTimeoutMs = 3000;
    capture::CaptureStream stream;
    capture::LiveRecorder recorder(&stream);
    ClientConnection connection(1, settings, &recorder);
    QSignalSpy opened(&connection, &ClientConnection::opened);
    QSignalSpy finished(&connection, &ClientConnection::finished);
    connection.open();
    QVERIFY(opened.wait(waitMs));
    QVERIFY(connection.sendRaw(BrokenFrames::bytes(preset)));
    // A server that lets the frame pass is asked to close after a while.
    if (!finished.wait(2000) && connection.state() == ClientConnection::State::Open)
        connection.close();
    QVERIFY(!finished.isEmpty() || finished.wait(waitMs));
    const ClientOutcome outcome = finished.constFirst().constFirst().value<ClientOutcome>();
    const ServerVerdict verdict = BrokenFrames::judge(preset, outcome);
    qInfo("%s: %s -> close %d: %s", qPrintable(peer), BrokenFrames::title(preset),
          int(outcome.serverCloseCode.value_or(0)), BrokenFrames::verdictText(verdict));
    if (preset != BrokenFrame::NonMinimalLength)
        QVERIFY2(verdict != ServerVerdict::Ignored, BrokenFrames::verdictText(verdict));
}

QTEST_GUILESS_MAIN(tst_BrokenFrames)
#include "tst_brokenframes.moc"
