// Client mode in the window: ClientHost connects to a server this project did not write (Python
// websockets, tests/client/tools/peer_python.py, which echoes every message), the Chat pane talks
// to it, the Composer sends client frames and broken ones, and the inspector shows the
// conversation (client frames masked). The mode and its server are saved for the next start.

#include "app/teststartupoptions.h"
#include "client/peerprocess.h"

#include "app/chat/chatpane.h"
#include "app/client/brokenframepanel.h"
#include "app/client/clienthost.h"
#include "app/composer/framecomposer.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontaskview.h"
#include "app/lessons/lessontracker.h"
#include "app/mainwindow/captureview.h"
#include "app/mainwindow/statuspanel.h"
#include "app/mainwindow/mainwindow.h"
#include "app/mainwindow/modegate.h"

#include "client/clientconnection.h"
#include "inspector/explainpanel.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "server/protocol/closepayload.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace wslab;
using namespace wslab::app;
using capture::Direction;
using capture::RecordKind;
using client::BrokenFrame;
using protocol::Opcode;
using test::PeerProcess;

namespace {

constexpr int waitMs = 10'000;

} // namespace

class tst_ClientHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chatPaneTalksToTheServer_data();
    void chatPaneTalksToTheServer();
    void pingShowsTheServersPong();
    void closeWithCodeAndReasonEndsCleanly();
    void composerSendsMaskedClientFrames();
    void brokenFrameVerdictMatchesTheServersReaction_data();
    void brokenFrameVerdictMatchesTheServersReaction();
    void clientModeIsSavedAndRestored();
    void lessonTasksAreCheckedByTheClientsOwnTraffic();
    void statusSaysConnectingConnectedAndClosedWithCode();
    void explanationNamesWslabAsTheClient();
    void serverChosenInSettingsIsConnectedTo();

private:
    void connectToPeer();
    [[nodiscard]] QList<capture::CaptureRecord> clientFrames() const; // wslab -> server
    [[nodiscard]] QList<capture::CaptureRecord> clientDataFrames() const; // without control frames
    // The last client frame with this opcode: the peer pings once on its own, and wslab's pong
    // may come at any point.
    [[nodiscard]] capture::CaptureRecord lastClientFrame(Opcode opcode) const;
    template<typename T>
    [[nodiscard]] T *child(QObject *parent, const char *name) const
    {
        return parent->findChild<T *>(QLatin1String(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PeerProcess> m_peer;
    quint16 m_peerPort = 0;
    std::unique_ptr<MainWindow> m_window;
};

void tst_ClientHost::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_peerPort = PeerProcess::freePort();
    m_peer = std::make_unique<PeerProcess>(QStringLiteral("python"), m_peerPort);
    QVERIFY2(m_peer->waitReady(), "the Python websockets peer did not start (scripts/install-deps --test)");
    m_window = std::make_unique<MainWindow>(test::testStartupOptions(m_dir->filePath(QStringLiteral("wslab.ini"))));
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0, waitMs);
    connectToPeer();
}

void tst_ClientHost::cleanup()
{
    m_window.reset();
    m_peer.reset();
    m_dir.reset();
}

// As the dialog's Connect does it.
void tst_ClientHost::connectToPeer()
{
    ClientPreferences client;
    client.url = QStringLiteral("ws://127.0.0.1:%1/chat").arg(m_peerPort);
    client.offerDeflate = false; // the frames on the wire carry the text as typed
    m_window->connectAsClient(client);
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Client);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->clientHost()->isOpen(), waitMs);
    // The panes talk to the server; the transports rest and say why.
    const QList<ModeGate *> gates = m_window->modeGates();
    QVERIFY(!gates.at(0)->isClosed());
    QVERIFY(!gates.at(1)->isClosed());
    QVERIFY(gates.at(2)->isClosed());
    QVERIFY(m_window->modeButton()->text().contains(client.url));
    QVERIFY(m_window->modeLabel()->text().contains(client.url));
}

QList<capture::CaptureRecord> tst_ClientHost::clientFrames() const
{
    QList<capture::CaptureRecord> frames;
    const inspector::FrameCaptureModel *model = m_window->captureModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const capture::CaptureRecord &record = model->record(row);
        if (record.kind == RecordKind::Frame && record.direction == Direction::Inbound && record.frame)
            frames.append(record);
    }
    return frames;
}

QList<capture::CaptureRecord> tst_ClientHost::clientDataFrames() const
{
    QList<capture::CaptureRecord> frames = clientFrames();
    frames.removeIf([](const capture::CaptureRecord &record) {
        return protocol::isControl(record.frame->header.opcode);
    });
    return frames;
}

capture::CaptureRecord tst_ClientHost::lastClientFrame(Opcode opcode) const
{
    const QList<capture::CaptureRecord> frames = clientFrames();
    const auto found = std::find_if(frames.crbegin(), frames.crend(), [opcode](const capture::CaptureRecord &record) {
        return record.frame->header.opcode == opcode;
    });
    return found == frames.crend() ? capture::CaptureRecord{} : *found;
}

void tst_ClientHost::chatPaneTalksToTheServer_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("fragments");
    QTest::addColumn<QString>("echo"); // what the conversation shows of the server's answer
    QTest::addColumn<int>("frames");   // client frames of the message on the wire
    QTest::addRow("text") << QStringLiteral("text") << 1 << QStringLiteral("Server: hello server") << 1;
    QTest::addRow("text in 3 frames") << QStringLiteral("text") << 3 << QStringLiteral("Server: hello server") << 3;
    QTest::addRow("binary") << QStringLiteral("binary") << 1
                            << QStringLiteral("Server: binary message of 4 B: de ad be ef") << 1;
    QTest::addRow("large, 70 KiB") << QStringLiteral("large") << 1 << QStringLiteral("Server: 0000000 0000008") << 1;
}

void tst_ClientHost::chatPaneTalksToTheServer()
{
    QFETCH(QString, kind);
    QFETCH(int, fragments);
    QFETCH(QString, echo);
    QFETCH(int, frames);
    ChatPane *chat = m_window->chatPane();
    child<QSpinBox>(chat, "fragments")->setValue(fragments);
    const qsizetype before = clientDataFrames().size();
    if (kind == QLatin1String("text")) {
        chat->sendText(QStringLiteral("hello server"));
    } else if (kind == QLatin1String("binary")) {
        child<QLineEdit>(chat, "hexPayload")->setText(QStringLiteral("de ad be ef"));
        QVERIFY(child<QPushButton>(chat, "sendHex")->isEnabled());
        child<QPushButton>(chat, "sendHex")->click();
    } else {
        auto *size = child<QComboBox>(chat, "generatedSize");
        size->setCurrentIndex(size->findData(qint64(70 * 1024)));
        child<QPushButton>(chat, "sendGenerated")->click();
    }
    QTRY_VERIFY_WITH_TIMEOUT(chat->conversationText().contains(echo), waitMs);

    // On the wire: the message in `frames` client frames, every one masked (RFC 6455 §5.3), the
    // first with the opcode, the last with FIN.
    QTRY_VERIFY_WITH_TIMEOUT(clientDataFrames().size() >= before + frames, waitMs);
    const QList<capture::CaptureRecord> sent = clientDataFrames().mid(before, frames);
    const Opcode opcode = kind == QLatin1String("binary") ? Opcode::Binary : Opcode::Text;
    for (int i = 0; i < frames; ++i) {
        const protocol::FrameHeader &header = sent.at(i).frame->header;
        QVERIFY(header.masked);
        QCOMPARE(header.opcode, i == 0 ? opcode : Opcode::Continuation);
        QCOMPARE(header.fin, i == frames - 1);
    }
    if (kind == QLatin1String("large"))
        QCOMPARE(sent.constFirst().frame->header.lengthForm, protocol::LengthForm::Extended64);
}

void tst_ClientHost::pingShowsTheServersPong()
{
    ChatPane *chat = m_window->chatPane();
    chat->sendPing(QByteArrayLiteral("are you there"));
    QTRY_VERIFY_WITH_TIMEOUT(chat->lastRoundTripText().contains(QLatin1String("are you there")), waitMs);
    QVERIFY(chat->lastRoundTripText().contains(m_window->clientHost()->serverUrl()));
    // The capture's batch may come a moment after the pong itself.
    QTRY_VERIFY_WITH_TIMEOUT(lastClientFrame(Opcode::Ping).frame, waitMs);
    const capture::CaptureRecord ping = lastClientFrame(Opcode::Ping);
    QCOMPARE(ping.frame->payload, QByteArrayLiteral("are you there"));
    QVERIFY(ping.frame->header.masked);
}

void tst_ClientHost::closeWithCodeAndReasonEndsCleanly()
{
    ChatPane *chat = m_window->chatPane();
    QSignalSpy finished(m_window->clientHost(), &ClientHost::finished);
    child<QComboBox>(chat, "closeCode")->setCurrentText(QStringLiteral("4000"));
    child<QLineEdit>(chat, "closeReason")->setText(QStringLiteral("done here"));
    child<QPushButton>(chat, "close")->click();
    QVERIFY(finished.wait(waitMs));
    QVERIFY(finished.constFirst().constFirst().value<client::ClientOutcome>().isClean());
    QTRY_VERIFY_WITH_TIMEOUT(chat->conversationText().contains(QLatin1String("Closed cleanly")), waitMs);
    QVERIFY(!m_window->clientHost()->isOpen());
    QVERIFY(!child<QPushButton>(chat, "ping")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(lastClientFrame(Opcode::Close).frame, waitMs);
    const capture::CaptureRecord close = lastClientFrame(Opcode::Close);
    QVERIFY(close.frame->header.masked);
    const auto body = protocol::parseClosePayload(close.frame->payload);
    QVERIFY(std::holds_alternative<protocol::ClosePayload>(body));
    QCOMPARE(std::get<protocol::ClosePayload>(body).code, std::optional<quint16>(4000));
    QCOMPARE(std::get<protocol::ClosePayload>(body).reason, QStringLiteral("done here"));
}

void tst_ClientHost::composerSendsMaskedClientFrames()
{
    FrameComposer *composer = m_window->composer();
    QVERIFY(composer->isClientMode());
    composer->loadPreset(ComposerPreset::Text);
    QVERIFY(composer->currentFrame().header.masked);
    // A key of the user's choosing.
    auto *key = child<QLineEdit>(composer, "maskKey");
    key->setText(QStringLiteral("37 fa 21 3d"));
    QTest::keyClick(key, Qt::Key_End); // textEdited, as typing does
    QTest::keyClick(key, Qt::Key_Backspace);
    QTest::keyClicks(key, QStringLiteral("d"));
    QCOMPARE(composer->currentFrame().header.maskKey, (protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d}));
    QVERIFY(composer->violation().isEmpty());
    auto *send = child<QPushButton>(composer, "sendFrames");
    QVERIFY(send->isEnabled());
    send->click();
    QTRY_VERIFY_WITH_TIMEOUT(lastClientFrame(Opcode::Text).frame, waitMs);
    QCOMPARE(lastClientFrame(Opcode::Text).frame->header.maskKey, (protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d}));
    // The server echoes what it got: the payload, unmasked.
    const QString payload = QString::fromUtf8(composer->currentFrame().payload);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->chatPane()->conversationText().contains(QStringLiteral("Server: ") + payload),
                             waitMs);
    // Unmasked, the frame breaks a rule a server must enforce, and the note says so.
    child<QCheckBox>(composer, "mask")->setChecked(false);
    QVERIFY(composer->violation().contains(QLatin1String("server must fail")));
}

void tst_ClientHost::brokenFrameVerdictMatchesTheServersReaction_data()
{
    QTest::addColumn<BrokenFrame>("preset");
    for (const BrokenFrame preset : client::BrokenFrames::all())
        QTest::addRow("%s", client::BrokenFrames::title(preset)) << preset;
}

// The verdict on show is BrokenFrames' judgement of what the server really did, read here from the
// capture: its close frame's code, or none.
void tst_ClientHost::brokenFrameVerdictMatchesTheServersReaction()
{
    QFETCH(BrokenFrame, preset);
    BrokenFramePanel *panel = m_window->composer()->brokenFramePanel();
    QVERIFY(panel->isVisible());
    panel->setCurrentPreset(preset);
    QVERIFY(panel->requirementText().contains(QString::number(client::BrokenFrames::requiredCloseCode(preset))));
    QSignalSpy judged(m_window->clientHost(), &ClientHost::brokenFrameJudged);
    child<QPushButton>(panel, "sendBroken")->click();
    QVERIFY(judged.wait(ClientHost::brokenFrameWaitMs + waitMs));
    const auto verdict = judged.constFirst().at(1).value<client::ServerVerdict>();
    const auto outcome = judged.constFirst().at(2).value<client::ClientOutcome>();
    QVERIFY(panel->verdictText().contains(QString::fromUtf8(client::BrokenFrames::verdictText(verdict))));

    // What the server sent, from the capture: its close frame, if any.
    m_window->clientHost()->stop();
    std::optional<quint16> serverClose;
    bool closeSeen = false;
    const inspector::FrameCaptureModel *model = m_window->captureModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const capture::CaptureRecord &record = model->record(row);
        if (record.kind == RecordKind::Frame && record.direction == Direction::Outbound && record.frame
            && record.frame->header.opcode == Opcode::Close) {
            closeSeen = true;
            const auto body = protocol::parseClosePayload(record.frame->payload);
            if (const auto *payload = std::get_if<protocol::ClosePayload>(&body))
                serverClose = payload->code;
        }
    }
    QCOMPARE(outcome.closeReceived, closeSeen);
    QCOMPARE(outcome.serverCloseCode, serverClose);
    if (closeSeen) {
        QVERIFY(panel->verdictText().contains(QString::number(serverClose.value_or(1005))));
        QCOMPARE(verdict == client::ServerVerdict::Met, serverClose == client::BrokenFrames::requiredCloseCode(preset));
    }
    // Python websockets enforces every rule a server MUST (the minimal length form is the sender's duty).
    if (preset != BrokenFrame::NonMinimalLength)
        QVERIFY(verdict != client::ServerVerdict::Ignored);
}

void tst_ClientHost::clientModeIsSavedAndRestored()
{
    const QString url = m_window->clientHost()->serverUrl();
    m_window.reset();
    m_window = std::make_unique<MainWindow>(test::testStartupOptions(m_dir->filePath(QStringLiteral("wslab.ini"))));
    m_window->show();
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Client);
    QCOMPARE(m_window->preferences().client.url, QStringLiteral("ws://127.0.0.1:%1/chat").arg(m_peerPort));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->clientHost()->isOpen(), waitMs);
    QCOMPARE(m_window->clientHost()->serverUrl(), url);
    // Back to the embedded server: it listens again, and that is what the next start restores.
    m_window->setConnectionMode(ConnectionMode::EmbeddedServer, m_window->preferences().proxy);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listeningPort() != 0 && !m_window->listeningUrl().isEmpty(), waitMs);
    QVERIFY(!m_window->clientHost()->isRunning());
    QVERIFY(!m_window->composer()->isClientMode());
}

// Client mode feeds the lessons too: wslab's own masked frames are a client's frames, the server's
// pong answers wslab's ping, and the task views say how to do a task here, or that it needs the
// embedded server.
void tst_ClientHost::lessonTasksAreCheckedByTheClientsOwnTraffic()
{
    LessonTracker *lessons = m_window->lessonTracker();
    QCOMPARE(lessons->connectionMode(), ConnectionMode::Client);
    const QStringList tasks{QStringLiteral("handshake.opened"), QStringLiteral("header.frame"),
                            QStringLiteral("fragments.ping")};
    // The upgrade happened on connecting (and the peer's own ping may have been answered already).
    QTRY_VERIFY_WITH_TIMEOUT(lessons->isDone(QStringLiteral("handshake.opened")), waitMs);
    QVERIFY(!lessons->isDone(QStringLiteral("header.frame")));
    QVERIFY(!lessons->isDone(QStringLiteral("closing.received")));
    m_window->chatPane()->sendText(QStringLiteral("a task done as a client"));
    m_window->chatPane()->sendPing(QByteArrayLiteral("lesson ping"));
    for (const QString &task : tasks)
        QTRY_VERIFY2_WITH_TIMEOUT(lessons->isDone(task), qPrintable(task), waitMs);
    // "Close from the page with code 4000": here wslab is the client that sends it.
    QVERIFY(m_window->clientHost()->close(4000, QStringLiteral("lesson")));
    QTRY_VERIFY_WITH_TIMEOUT(lessons->isDone(QStringLiteral("closing.received")), waitMs);
    QVERIFY(!lessons->isDone(QStringLiteral("server.masked"))); // nothing here can do that

    // The task views: how in client mode, or that it needs the embedded server.
    LessonsPane *pane = m_window->lessonsPane();
    const auto note = [pane](const QString &taskId) {
        for (LessonTaskView *view : pane->taskViews()) {
            if (view->taskId() == taskId)
                return view->findChild<QLabel *>(QStringLiteral("modeNote"))->text();
        }
        return QStringLiteral("(no view)");
    };
    pane->setCurrentLesson(2); // the frame header: "Send a text message from the page."
    QVERIFY2(note(QStringLiteral("header.frame")).contains(QLatin1String("Chat pane")),
             qPrintable(note(QStringLiteral("header.frame"))));
    pane->setCurrentLesson(1); // the handshake: its Handshake Lab task
    QVERIFY2(note(QStringLiteral("handshake.refused")).contains(QLatin1String("Needs the embedded server")),
             qPrintable(note(QStringLiteral("handshake.refused"))));
}

void tst_ClientHost::statusSaysConnectingConnectedAndClosedWithCode()
{
    StatusPanel *status = m_window->statusPanel();
    const QString server = m_window->clientHost()->serverUrl();
    QCOMPARE(status->addressText(), QStringLiteral("Connected to %1").arg(server));
    QCOMPARE(status->url(), server);
    QSignalSpy finished(m_window->clientHost(), &ClientHost::finished);
    QVERIFY(m_window->clientHost()->close(4000, QStringLiteral("bye")));
    QVERIFY(finished.wait(waitMs));
    const auto outcome = finished.constFirst().constFirst().value<client::ClientOutcome>();
    QVERIFY(outcome.serverCloseCode.has_value());
    QVERIFY2(status->addressText().contains(QString::number(*outcome.serverCloseCode))
                     && status->addressText().contains(server),
             qPrintable(status->addressText()));
    QVERIFY(!status->addressText().contains(QLatin1String("Not listening")));
}

void tst_ClientHost::explanationNamesWslabAsTheClient()
{
    m_window->chatPane()->sendText(QStringLiteral("who sent this"));
    QTRY_VERIFY_WITH_TIMEOUT(!clientDataFrames().isEmpty(), waitMs);
    const quint64 sent = clientDataFrames().constLast().id;
    m_window->captureView()->selectRecord(sent);
    const QString text = m_window->detailPane()->explainPanel()->plainText();
    QVERIFY2(text.contains(QLatin1String("sent by wslab (the client)")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("sent by the browser")), qPrintable(text));
}

// Settings shows the client's server and may choose another: OK connects to it.
void tst_ClientHost::serverChosenInSettingsIsConnectedTo()
{
    AppPreferences preferences = m_window->preferences();
    QCOMPARE(preferences.mode, ConnectionMode::Client);
    preferences.client.url = QStringLiteral("ws://127.0.0.1:%1/other").arg(m_peerPort);
    m_window->applyPreferences(preferences);
    QCOMPARE(m_window->connectionMode(), ConnectionMode::Client);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->clientHost()->isOpen()
                                     && m_window->clientHost()->serverUrl() == preferences.client.url,
                             waitMs);
    QVERIFY(m_window->modeButton()->text().contains(preferences.client.url));
    QCOMPARE(m_window->statusPanel()->addressText(), QStringLiteral("Connected to %1").arg(preferences.client.url));
}

QTEST_MAIN(tst_ClientHost)
#include "tst_clienthost.moc"
