#include "lessons/lessontraffic.h"

#include "app/lessons/taskcheck.h"

using namespace wslab;
using namespace wslab::test;
using wslab::app::CheckKind;
using wslab::app::TaskCheck;

Q_DECLARE_METATYPE(wslab::app::CheckKind)

// Every traffic check kind, fed the records of real exchanges with the real server: the check that
// the traffic completes must fire, exactly once; the one it does not complete must stay silent.
class tst_TaskCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firesOnTheTrafficThatCompletesIt_data();
    void firesOnTheTrafficThatCompletesIt();
    void answerKindsIgnoreTraffic();

private:
    const CaptureBatch &records(const QString &scenario);
    QHash<QString, CaptureBatch> m_records; // each scenario runs once for all its rows
};

const CaptureBatch &tst_TaskCheck::records(const QString &scenario)
{
    if (!m_records.contains(scenario))
        m_records.insert(scenario, LessonTraffic::run(scenario));
    return m_records[scenario];
}

void tst_TaskCheck::firesOnTheTrafficThatCompletesIt_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<CheckKind>("kind");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<bool>("fires");

    const auto row = [](const char *scenario, const char *what, CheckKind kind, bool fires, int code = 0) {
        QTest::addRow("%s: %s %s", scenario, what, fires ? "fires" : "stays silent")
                << QString::fromLatin1(scenario) << kind << code << fires;
    };
    // RFC 6455 §5.2: the three length forms, and no other form for the same frame.
    row("client 100 B", "client frame", CheckKind::ClientFrame, true);
    row("client 100 B", "7-bit length", CheckKind::ClientLength7, true);
    row("client 100 B", "16-bit length", CheckKind::ClientLength16, false);
    row("client 100 B", "64-bit length", CheckKind::ClientLength64, false);
    row("client 1 KiB", "16-bit length", CheckKind::ClientLength16, true);
    row("client 1 KiB", "7-bit length", CheckKind::ClientLength7, false);
    row("client 1 KiB", "64-bit length", CheckKind::ClientLength64, false);
    row("client 70 KiB", "64-bit length", CheckKind::ClientLength64, true);
    row("client 70 KiB", "16-bit length", CheckKind::ClientLength16, false);
    // §4.2.2 and §4.1: a good upgrade opens, a faulty one is refused.
    row("client 100 B", "websocket opened", CheckKind::WebSocketOpened, true);
    row("client 100 B", "handshake refused", CheckKind::HandshakeRefused, false);
    row("handshake 200", "handshake refused", CheckKind::HandshakeRefused, true);
    row("handshake 200", "websocket opened", CheckKind::WebSocketOpened, false);
    row("handshake no upgrade", "handshake refused", CheckKind::HandshakeRefused, true);
    row("handshake accept without guid", "handshake refused", CheckKind::HandshakeRefused, true);
    row("handshake accept without guid", "websocket opened", CheckKind::WebSocketOpened, false);
    // §5.1: the server's own frames.
    row("client 100 B", "server data frame", CheckKind::ServerDataFrame, true);
    row("client closes 4000", "server data frame", CheckKind::ServerDataFrame, false);
    row("masked server frame", "masked server frame failed", CheckKind::MaskedServerFrameFailed, true);
    row("server fragments", "masked server frame failed", CheckKind::MaskedServerFrameFailed, false);
    // §5.4: fragments, in each direction, and control frames between them.
    row("server fragments", "fragmented message sent", CheckKind::FragmentedMessageSent, true);
    row("server fragments", "fragmented message received", CheckKind::FragmentedMessageReceived, false);
    row("server fragments", "control between fragments", CheckKind::ControlBetweenFragments, false);
    row("client fragments", "fragmented message received", CheckKind::FragmentedMessageReceived, true);
    row("client fragments", "fragmented message sent", CheckKind::FragmentedMessageSent, false);
    row("client 100 B", "fragmented message received", CheckKind::FragmentedMessageReceived, false);
    row("control between fragments", "control between fragments", CheckKind::ControlBetweenFragments, true);
    row("control between fragments", "fragmented message sent", CheckKind::FragmentedMessageSent, true);
    // §5.5.2, §5.5.3: a ping and its pong, from either side.
    row("server ping", "ping answered", CheckKind::PingAnswered, true);
    row("client ping", "ping answered", CheckKind::PingAnswered, true);
    row("client 100 B", "ping answered", CheckKind::PingAnswered, false);
    // §5.5.1, §7.1.2: close codes and who started.
    row("client closes 4000", "close 4000 received", CheckKind::CloseReceived, true, 4000);
    row("client closes 4000", "close of any code received", CheckKind::CloseReceived, true, 0);
    row("client closes 4000", "close 4001 received", CheckKind::CloseReceived, false, 4001);
    row("client closes 4000", "client closed first", CheckKind::ClientClosedFirst, true);
    row("client closes 4000", "server closed first", CheckKind::ServerClosedFirst, false);
    row("server closes 4000", "close 4000 sent", CheckKind::CloseSent, true, 4000);
    row("server closes 4000", "close 1000 sent", CheckKind::CloseSent, false, 1000);
    row("server closes 4000", "server closed first", CheckKind::ServerClosedFirst, true);
    row("server closes 4000", "client closed first", CheckKind::ClientClosedFirst, false);
    row("client 100 B", "close 4000 received", CheckKind::CloseReceived, false, 4000);
    // RFC 7692 §6: RSV1, then a connection without the extension.
    row("compressed then plain", "compressed frame", CheckKind::CompressedFrame, true);
    row("compressed then plain", "plain after compressed", CheckKind::PlainAfterCompressed, true);
    row("client 100 B", "compressed frame", CheckKind::CompressedFrame, false);
    row("client 100 B", "plain after compressed", CheckKind::PlainAfterCompressed, false);
    // §1.2: the HTTP transports.
    row("polling", "polling request", CheckKind::PollingRequest, true);
    row("polling", "long polling request", CheckKind::LongPollingRequest, false);
    row("long polling", "long polling request", CheckKind::LongPollingRequest, true);
    row("long polling", "polling request", CheckKind::PollingRequest, false);
    row("client 100 B", "polling request", CheckKind::PollingRequest, false);
    row("side room", "side room request", CheckKind::SideRoomRequest, true);
    row("polling", "side room request", CheckKind::SideRoomRequest, false);
    row("client 100 B", "side room request", CheckKind::SideRoomRequest, false);
}

void tst_TaskCheck::firesOnTheTrafficThatCompletesIt()
{
    QFETCH(QString, scenario);
    QFETCH(CheckKind, kind);
    QFETCH(int, closeCode);
    QFETCH(bool, fires);

    const CaptureBatch &batch = records(scenario);
    QVERIFY2(!batch.isEmpty(), "the scenario's traffic did not happen");
    TaskCheck check(kind, quint16(closeCode));
    int firings = 0;
    for (const CaptureRecord &record : batch)
        firings += check.observe(record) ? 1 : 0;
    QCOMPARE(check.isSatisfied(), fires);
    QCOMPARE(firings, fires ? 1 : 0);
}

void tst_TaskCheck::answerKindsIgnoreTraffic()
{
    const CaptureBatch &batch = records(QStringLiteral("client 100 B"));
    QVERIFY(!batch.isEmpty());
    for (CheckKind kind : {CheckKind::FieldClicked, CheckKind::StepThroughFrame, CheckKind::XorAnswer,
                           CheckKind::AcceptAnswer}) {
        TaskCheck check(kind);
        for (const CaptureRecord &record : batch)
            QVERIFY(!check.observe(record));
        QVERIFY(!check.isSatisfied());
    }
}

QTEST_GUILESS_MAIN(tst_TaskCheck)
#include "tst_taskcheck.moc"
