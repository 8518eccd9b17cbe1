#include "capture/capturestream.h"
#include "capture/liverecorder.h"

#include "server/protocol/frameencoder.h"

#include <QSignalSpy>
#include <QTest>

using namespace wslab::capture;
using namespace wslab::protocol;

namespace {

const QByteArray upgradeRequest = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                  "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Version: 13\r\n\r\n";
const QByteArray upgradeResponse = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
constexpr MaskKey key{1, 2, 3, 4};

QByteArray clientText(const QByteArray &text)
{
    return FrameEncoder::encode(Opcode::Text, text, true, key);
}

QByteArray serverText(const QByteArray &text)
{
    return FrameEncoder::encode(Opcode::Text, text);
}

// A proxy's view of one connection, opened and upgraded.
struct Recording
{
    explicit Recording(quint64 connection = 7)
        : recorder(&stream)
        , spy(&stream, &CaptureStream::batchReady)
        , id(connection)
    {
        recorder.connectionOpened(id, SocketAddress::ipv4(0x7f000001, 40000), SocketAddress::ipv4(0x7f000001, 8080),
                                  recorder.nowNs(), true);
        recorder.bytesReceived(id, Direction::Inbound, upgradeRequest, recorder.nowNs());
        recorder.bytesReceived(id, Direction::Outbound, upgradeResponse, recorder.nowNs());
    }

    CaptureBatch records()
    {
        stream.flush();
        CaptureBatch all;
        for (const QList<QVariant> &arguments : spy)
            all += arguments.at(0).value<CaptureBatch>();
        return all;
    }

    CaptureStream stream;
    LiveRecorder recorder;
    QSignalSpy spy;
    quint64 id;
};

QList<RecordKind> kindsOf(const CaptureBatch &records)
{
    QList<RecordKind> kinds;
    for (const CaptureRecord &record : records)
        kinds.append(record.kind);
    return kinds;
}

} // namespace

class tst_LiveRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<CaptureBatch>("wslab::capture::CaptureBatch"); }
    void conversationBecomesNumberedRecords();
    void annotationNamesTheNextRecordOfItsKind();
    void frameMarkNamesTheNextFrameOfItsDirection();
    void droppedFrameTakesItsPlaceInOrder();
    void nothingIsRecordedWhileCaptureIsOff();
};

void tst_LiveRecorder::conversationBecomesNumberedRecords()
{
    Recording recording;
    // Two frames in one read, one split across two.
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("one") + clientText("two"),
                                     recording.recorder.nowNs());
    const QByteArray split = serverText("three");
    recording.recorder.bytesReceived(recording.id, Direction::Outbound, split.first(3), recording.recorder.nowNs());
    recording.recorder.bytesReceived(recording.id, Direction::Outbound, split.sliced(3), recording.recorder.nowNs());
    recording.recorder.connectionClosed(recording.id, recording.recorder.nowNs());

    const CaptureBatch records = recording.records();
    QCOMPARE(kindsOf(records),
             (QList<RecordKind>{RecordKind::ConnectionOpened, RecordKind::HttpRequest, RecordKind::HttpResponse,
                                RecordKind::Frame, RecordKind::Frame, RecordKind::Frame,
                                RecordKind::ConnectionClosed}));
    for (qsizetype i = 0; i < records.size(); ++i) {
        QCOMPARE(records.at(i).id, quint64(i + 1));
        QCOMPARE(records.at(i).connectionId, recording.id);
        QVERIFY(records.at(i).timeNs > 0);
    }
    QCOMPARE(records.at(3).frame->payload, QByteArray("one"));
    QCOMPARE(records.at(4).frame->payload, QByteArray("two"));
    QCOMPARE(records.at(5).frame->payload, QByteArray("three"));
    QCOMPARE(records.at(5).direction, Direction::Outbound);
    QCOMPARE(recording.stream.lastId(), 7u);
}

void tst_LiveRecorder::annotationNamesTheNextRecordOfItsKind()
{
    CaptureStream stream;
    QSignalSpy spy(&stream, &CaptureStream::batchReady);
    LiveRecorder recorder(&stream);
    recorder.annotateNext(3, RecordKind::HttpRequest, QStringLiteral("Host rewritten"), true);
    recorder.connectionOpened(3, SocketAddress::ipv4(0x7f000001, 40000), SocketAddress::ipv4(0x7f000001, 8080),
                              recorder.nowNs(), true);
    recorder.bytesReceived(3, Direction::Inbound, upgradeRequest, recorder.nowNs());
    recorder.bytesReceived(3, Direction::Outbound, upgradeResponse, recorder.nowNs());
    stream.flush();
    const CaptureBatch records = spy.at(0).at(0).value<CaptureBatch>();
    QCOMPARE(records.size(), 3);
    QVERIFY(!records.at(0).modified); // the opening is not the request
    QCOMPARE(records.at(1).kind, RecordKind::HttpRequest);
    QVERIFY(records.at(1).modified);
    QCOMPARE(records.at(1).note, QStringLiteral("Host rewritten"));
    QVERIFY(!records.at(2).modified);
}

void tst_LiveRecorder::frameMarkNamesTheNextFrameOfItsDirection()
{
    Recording recording;
    auto edit = std::make_shared<const FrameIntervention>(
            FrameIntervention{FrameIntervention::Action::Edited, clientText("original")});
    recording.recorder.markNextFrame(recording.id, Direction::Inbound, edit, QStringLiteral("payload edited"));
    recording.recorder.bytesReceived(recording.id, Direction::Outbound, serverText("not this one"),
                                     recording.recorder.nowNs());
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("edited") + clientText("next"),
                                     recording.recorder.nowNs());
    const CaptureBatch records = recording.records();
    QCOMPARE(records.size(), 6);
    QVERIFY(!records.at(3).modified);
    QCOMPARE(records.at(4).frame->payload, QByteArray("edited"));
    QVERIFY(records.at(4).modified);
    QCOMPARE(records.at(4).note, QStringLiteral("payload edited"));
    QCOMPARE(records.at(4).intervention, edit);
    QVERIFY(!records.at(5).modified);
    QVERIFY(!records.at(5).intervention);
}

void tst_LiveRecorder::droppedFrameTakesItsPlaceInOrder()
{
    Recording recording;
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("before"), recording.recorder.nowNs());
    recording.recorder.recordDropped(recording.id, Direction::Inbound, clientText("dropped"),
                                     QStringLiteral("not forwarded"), recording.recorder.nowNs());
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("after"), recording.recorder.nowNs());
    const CaptureBatch records = recording.records();
    QCOMPARE(records.size(), 6);
    QCOMPARE(records.at(3).frame->payload, QByteArray("before"));
    QCOMPARE(records.at(4).frame->payload, QByteArray("dropped"));
    QCOMPARE(records.at(4).intervention->action, FrameIntervention::Action::Dropped);
    QCOMPARE(records.at(5).frame->payload, QByteArray("after"));
    for (qsizetype i = 0; i < records.size(); ++i)
        QCOMPARE(records.at(i).id, quint64(i + 1));
}

void tst_LiveRecorder::nothingIsRecordedWhileCaptureIsOff()
{
    Recording recording;
    recording.stream.setEnabled(false);
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("unseen"), recording.recorder.nowNs());
    QCOMPARE(recording.stream.pendingCount(), 0);
    recording.stream.setEnabled(true);
    recording.recorder.bytesReceived(recording.id, Direction::Inbound, clientText("seen"), recording.recorder.nowNs());
    const CaptureBatch records = recording.records();
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.last().frame->payload, QByteArray("seen"));
    QCOMPARE(records.last().id, 4u);
}

QTEST_GUILESS_MAIN(tst_LiveRecorder)
#include "tst_liverecorder.moc"
