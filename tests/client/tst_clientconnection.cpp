#include "client/peerprocess.h"

#include "client/clientconnection.h"

#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "server/protocol/acceptderivation.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/frameencoder.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/httprequestparser.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>

using namespace wslab;
using namespace wslab::client;
using protocol::DecodeError;
using protocol::Opcode;

namespace {

constexpr int waitMs = 10'000;

// QWebSocketServer, an implementation this project did not write: echoes every message; the text
// "close:N" closes with code N and reason "bye".
class EchoPeer : public QObject
{
public:
    EchoPeer() : m_server(QStringLiteral("peer"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *socket = m_server.nextPendingConnection();
            socket->setParent(this);
            connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &text) {
                if (text.startsWith(QLatin1String("close:")))
                    socket->close(QWebSocketProtocol::CloseCode(text.mid(6).toInt()), QStringLiteral("bye"));
                else
                    socket->sendTextMessage(text);
            });
            connect(socket, &QWebSocket::binaryMessageReceived, socket,
                    [socket](const QByteArray &data) { socket->sendBinaryMessage(data); });
        });
    }
    [[nodiscard]] QString url() const { return QStringLiteral("ws://127.0.0.1:%1/echo").arg(m_server.serverPort()); }

private:
    QWebSocketServer m_server;
};

// A server speaking exact bytes: after the request head it writes answer(key) and then reads the
// client's frames as a server does (protocol::FrameDecoder, server role). The client's close ends
// the TCP connection from this side, as RFC 6455 §7.1.1 has the server do.
class RawPeer : public QObject
{
public:
    explicit RawPeer(std::function<QByteArray(const QByteArray &key)> answer) : m_answer(std::move(answer))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_socket = m_server.nextPendingConnection();
            connect(m_socket, &QIODevice::readyRead, this, [this] { read(); });
        });
    }
    [[nodiscard]] QString url() const { return QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort()); }
    QList<protocol::DecodedFrame> frames; // what the client sent after the handshake
    QByteArray request;

    static QByteArray accepting(const QByteArray &key, const QByteArray &extra = {})
    {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Accept: "
                + protocol::deriveAccept(key).accept + "\r\n" + extra + "\r\n";
    }

private:
    void read()
    {
        const QByteArray bytes = m_socket->readAll();
        if (!m_answered) {
            request += bytes;
            const auto parsed = protocol::HttpRequestParser::parse(request, 16 * 1024);
            if (parsed.status != protocol::HttpParseStatus::Complete)
                return;
            m_answered = true;
            m_socket->write(m_answer(parsed.head.value("Sec-WebSocket-Key")));
            return;
        }
        const qsizetype before = frames.size();
        m_decoder.feed(bytes, frames);
        for (qsizetype i = before; i < frames.size(); ++i) {
            if (frames.at(i).header.opcode == Opcode::Close)
                m_socket->disconnectFromHost();
        }
    }

    std::function<QByteArray(const QByteArray &)> m_answer;
    QTcpServer m_server;
    QTcpSocket *m_socket = nullptr;
    // RSV1 allowed: the deflate test reads compressed frames here.
    protocol::FrameDecoder m_decoder{protocol::DecoderOptions{protocol::Role::Server, 1 << 24, true}};
    bool m_answered = false;
};

ClientSettings settingsFor(const QString &url, bool offerDeflate = false)
{
    ClientSettings settings;
    settings.url = std::get<ServerUrl>(ServerUrl::parse(url));
    settings.offerDeflate = offerDeflate;
    settings.handshakeTimeoutMs = waitMs;
    settings.closeTimeoutMs = waitMs;
    return settings;
}

// The connection, its capture and what it reported.
struct Run
{
    explicit Run(const ClientSettings &settings)
        : recorder(&stream)
        , connection(1, settings, &recorder)
        , finished(&connection, &ClientConnection::finished)
        , messages(&connection, &ClientConnection::messageReceived)
    {
        QObject::connect(&stream, &capture::CaptureStream::batchReady, &stream,
                         [this](const capture::CaptureBatch &batch) { records += batch; });
        connection.open();
    }
    [[nodiscard]] bool waitOpen()
    {
        QSignalSpy opened(&connection, &ClientConnection::opened);
        return opened.wait(waitMs);
    }
    [[nodiscard]] bool waitFinished()
    {
        const bool done = !finished.isEmpty() || finished.wait(waitMs);
        stream.flush();
        return done;
    }
    [[nodiscard]] QList<capture::CaptureRecord> clientFrames() const
    {
        QList<capture::CaptureRecord> out;
        for (const capture::CaptureRecord &record : records)
            if (record.kind == capture::RecordKind::Frame && record.direction == capture::Direction::Inbound)
                out.append(record);
        return out;
    }

    capture::CaptureStream stream;
    capture::LiveRecorder recorder;
    ClientConnection connection;
    QSignalSpy finished;
    QSignalSpy messages;
    QList<capture::CaptureRecord> records;
};

ClientOutcome outcomeOf(const QSignalSpy &finished)
{
    return finished.constFirst().constFirst().value<ClientOutcome>();
}

} // namespace

class tst_ClientConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sendsMessagesAndReadsTheEchoes_data();
    void sendsMessagesAndReadsTheEchoes();
    void pingIsAnsweredWithTheSamePayload();
    void endsCleanlyAfterTheClosingHandshake();
    void serverCloseCodeIsEchoedAndNamed();
    void refusedPortFails();
    void serverPingGetsAMaskedPong();
    void brokenServerFramesFailWithTheirCloseCode_data();
    void brokenServerFramesFailWithTheirCloseCode();
    void tooLargeIsClosedWith1009_data();
    void tooLargeIsClosedWith1009();
    void answersFailingSection41AreRejected_data();
    void answersFailingSection41AreRejected();
    void agreedDeflateCompressesAndInflates();
    void wssRecordsTheTlsSession_data();
    void wssRecordsTheTlsSession();
};

void tst_ClientConnection::initTestCase()
{
    qRegisterMetaType<ClientOutcome>();
}

void tst_ClientConnection::sendsMessagesAndReadsTheEchoes_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("frames");

    QTest::addRow("text one frame") << false << QByteArray("Hello") << 1;
    QTest::addRow("text in 3 frames") << false << QStringLiteral("你好, WebSocket").toUtf8() << 3;
    QTest::addRow("empty text") << false << QByteArray() << 1;
    QTest::addRow("binary 300 bytes in 4 frames") << true << QByteArray(300, '\x7f') << 4;
    // RFC 6455 §5.2: above 65535 bytes the 64-bit length form.
    QTest::addRow("binary 70000 bytes") << true << QByteArray(70000, '\x01') << 1;
}

void tst_ClientConnection::sendsMessagesAndReadsTheEchoes()
{
    QFETCH(bool, binary);
    QFETCH(QByteArray, message);
    QFETCH(int, frames);
    EchoPeer peer;
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitOpen());
    QVERIFY(binary ? run.connection.sendBinary(message, frames)
                   : run.connection.sendText(QString::fromUtf8(message), frames));
    QVERIFY(run.messages.wait(waitMs));
    QCOMPARE(run.messages.constFirst().at(0).value<Opcode>(), binary ? Opcode::Binary : Opcode::Text);
    QCOMPARE(run.messages.constFirst().at(1).toByteArray(), message);
    QVERIFY(run.connection.close());
    QVERIFY(run.waitFinished());
    QVERIFY(outcomeOf(run.finished).isClean());

    // The capture holds the frames as sent: masked (§5.3), each with a key of its own, the message
    // split as asked, the first frame carrying the opcode.
    const QList<capture::CaptureRecord> sent = run.clientFrames();
    QCOMPARE(sent.size(), frames + 1); // and the close
    QSet<QByteArray> keys;
    for (const capture::CaptureRecord &record : sent) {
        QVERIFY(record.frame->header.masked);
        keys.insert(QByteArray(reinterpret_cast<const char *>(record.frame->header.maskKey.data()), 4));
    }
    QCOMPARE(keys.size(), sent.size());
    QCOMPARE(sent.constFirst().frame->header.opcode, binary ? Opcode::Binary : Opcode::Text);
    QCOMPARE(sent.at(frames - 1).frame->header.fin, true);
    QCOMPARE(sent.constLast().frame->header.opcode, Opcode::Close);
}

void tst_ClientConnection::pingIsAnsweredWithTheSamePayload()
{
    EchoPeer peer;
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitOpen());
    QSignalSpy pongs(&run.connection, &ClientConnection::pongReceived);
    QVERIFY(!run.connection.ping(QByteArray(126, 'x'))); // §5.5: at most 125 bytes
    QVERIFY(run.connection.ping("are you there"));
    QVERIFY(pongs.wait(waitMs));
    QCOMPARE(pongs.constFirst().constFirst().toByteArray(), QByteArray("are you there"));
}

void tst_ClientConnection::endsCleanlyAfterTheClosingHandshake()
{
    EchoPeer peer;
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitOpen());
    QVERIFY(run.connection.close(1000, QStringLiteral("done")));
    QVERIFY(!run.connection.sendText(QStringLiteral("too late"))); // §5.5.1: nothing after a close
    QVERIFY(run.waitFinished());
    const ClientOutcome outcome = outcomeOf(run.finished);
    QVERIFY(outcome.isClean());
    QVERIFY(outcome.closeReceived);
    QCOMPARE(outcome.serverCloseCode, std::optional<quint16>(1000));
    QCOMPARE(outcome.sentCloseCode, std::optional<quint16>(1000));
    QCOMPARE(run.records.constLast().kind, capture::RecordKind::ConnectionClosed);

    // A close this end starts with another code, echoed by the server, is a clean close too.
    Run going(settingsFor(peer.url()));
    QVERIFY(going.waitOpen());
    QVERIFY(going.connection.close(1001));
    QVERIFY(going.waitFinished());
    const ClientOutcome echoed = outcomeOf(going.finished);
    QCOMPARE(echoed.serverCloseCode, std::optional<quint16>(1001));
    QVERIFY(echoed.closedFirst);
    QVERIFY(echoed.isClean());
}

void tst_ClientConnection::serverCloseCodeIsEchoedAndNamed()
{
    EchoPeer peer;
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitOpen());
    QVERIFY(run.connection.sendText(QStringLiteral("close:4001")));
    QVERIFY(run.waitFinished());
    const ClientOutcome outcome = outcomeOf(run.finished);
    QCOMPARE(outcome.failure, std::optional<ClientFailure>(ClientFailure::ClosedByServer));
    QCOMPARE(outcome.serverCloseCode, std::optional<quint16>(4001));
    QCOMPARE(outcome.serverCloseReason, QStringLiteral("bye"));
    QCOMPARE(outcome.sentCloseCode, std::optional<quint16>(4001)); // §5.5.1: the code echoed
}

void tst_ClientConnection::refusedPortFails()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nobody listens there now
    Run run(settingsFor(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
    QVERIFY(run.waitFinished());
    QCOMPARE(outcomeOf(run.finished).failure, std::optional<ClientFailure>(ClientFailure::Refused));
    QVERIFY(run.records.isEmpty()); // no TCP connection, nothing crossed a wire
}

// §5.5.2, §5.5.3: the server's ping gets a pong with the same payload, masked like every client
// frame; the server's close 1000 is echoed and ends the connection cleanly.
void tst_ClientConnection::serverPingGetsAMaskedPong()
{
    RawPeer peer([](const QByteArray &key) {
        return RawPeer::accepting(key) + protocol::FrameEncoder::encode(Opcode::Ping, "ping!")
                + protocol::FrameEncoder::encode(Opcode::Close, protocol::FrameEncoder::closePayload(1000, "bye"));
    });
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitFinished());
    QVERIFY(outcomeOf(run.finished).isClean());
    QCOMPARE(peer.frames.size(), 2);
    QCOMPARE(peer.frames.at(0).header.opcode, Opcode::Pong);
    QVERIFY(peer.frames.at(0).header.masked);
    QCOMPARE(peer.frames.at(0).payload, QByteArray("ping!"));
    QCOMPARE(peer.frames.at(1).header.opcode, Opcode::Close);
    QCOMPARE(std::get<protocol::ClosePayload>(protocol::parseClosePayload(peer.frames.at(1).payload)).code,
             std::optional<quint16>(1000));
}

void tst_ClientConnection::brokenServerFramesFailWithTheirCloseCode_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<DecodeError>("error");
    QTest::addColumn<int>("closeCode");

    using protocol::FrameEncoder;
    QTest::addRow("masked server frame") << FrameEncoder::encode(Opcode::Text, "Hello", true, protocol::MaskKey{1, 2, 3, 4})
                                         << DecodeError::MaskedServerFrame << 1002;
    QTest::addRow("reserved opcode") << QByteArray::fromHex("8300") << DecodeError::ReservedOpcode << 1002;
    QTest::addRow("RSV2 without an extension") << QByteArray::fromHex("a100") << DecodeError::ReservedBitsSet << 1002;
    QTest::addRow("fragmented ping") << QByteArray::fromHex("0900") << DecodeError::FragmentedControlFrame << 1002;
    QTest::addRow("invalid UTF-8") << FrameEncoder::encode(Opcode::Text, "\xc3\x28") << DecodeError::InvalidUtf8 << 1007;
    QTest::addRow("continuation first") << QByteArray::fromHex("8001") + "x" << DecodeError::ContinuationWithoutStart
                                        << 1002;
    QTest::addRow("close code 1005 on the wire") << FrameEncoder::encode(Opcode::Close, QByteArray::fromHex("03ed"))
                                                 << DecodeError::InvalidCloseCode << 1002;
}

// §7.1.7: the client fails the connection with the code the broken rule calls for, names the rule,
// and reads nothing more.
void tst_ClientConnection::brokenServerFramesFailWithTheirCloseCode()
{
    QFETCH(QByteArray, frame);
    QFETCH(DecodeError, error);
    QFETCH(int, closeCode);
    RawPeer peer([frame](const QByteArray &key) {
        return RawPeer::accepting(key) + frame + protocol::FrameEncoder::encode(Opcode::Text, "after");
    });
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitFinished());
    const ClientOutcome outcome = outcomeOf(run.finished);
    QCOMPARE(outcome.failure, std::optional<ClientFailure>(ClientFailure::ProtocolViolation));
    QCOMPARE(outcome.protocolError, std::optional<DecodeError>(error));
    QCOMPARE(outcome.sentCloseCode, std::optional<quint16>(quint16(closeCode)));
    QVERIFY(run.messages.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(peer.frames.size(), 1, waitMs);
    QCOMPARE(peer.frames.constFirst().header.opcode, Opcode::Close);
    QCOMPARE(std::get<protocol::ClosePayload>(protocol::parseClosePayload(peer.frames.constFirst().payload)).code,
             std::optional<quint16>(quint16(closeCode)));
}

void tst_ClientConnection::tooLargeIsClosedWith1009_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<DecodeError>("error");

    using protocol::FrameEncoder;
    // §10.4: a frame above the limit is refused from its header alone, a message when its fragments
    // add up to more than the limit.
    QTest::addRow("one frame of 2000 bytes") << FrameEncoder::encode(Opcode::Binary, QByteArray(2000, 'a'))
                                             << DecodeError::FrameTooLarge;
    QTest::addRow("two fragments of 600 bytes")
            << FrameEncoder::encode(Opcode::Binary, QByteArray(600, 'a'), false)
                    + FrameEncoder::encode(Opcode::Continuation, QByteArray(600, 'b'))
            << DecodeError::MessageTooLarge;
}

void tst_ClientConnection::tooLargeIsClosedWith1009()
{
    QFETCH(QByteArray, frames);
    QFETCH(DecodeError, error);
    RawPeer peer([frames](const QByteArray &key) { return RawPeer::accepting(key) + frames; });
    ClientSettings settings = settingsFor(peer.url());
    settings.maxMessageSize = 1000;
    Run run(settings);
    QVERIFY(run.waitFinished());
    const ClientOutcome outcome = outcomeOf(run.finished);
    QCOMPARE(outcome.protocolError, std::optional<DecodeError>(error));
    QCOMPARE(outcome.sentCloseCode, std::optional<quint16>(1009));
    QVERIFY(run.messages.isEmpty());
}

void tst_ClientConnection::answersFailingSection41AreRejected_data()
{
    using protocol::UpgradeResponseError;
    QTest::addColumn<QByteArray>("answer"); // %ACCEPT% stands for the right accept value
    QTest::addColumn<QList<UpgradeResponseError>>("errors");

    const QByteArray head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    QTest::addRow("wrong accept") << head + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"
                                  << QList<UpgradeResponseError>{UpgradeResponseError::WrongAccept};
    QTest::addRow("no accept") << head + "\r\n" << QList<UpgradeResponseError>{UpgradeResponseError::MissingAccept};
    QTest::addRow("200 OK") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                            << QList<UpgradeResponseError>{UpgradeResponseError::StatusNot101,
                                                           UpgradeResponseError::MissingUpgradeWebsocket,
                                                           UpgradeResponseError::MissingConnectionUpgrade,
                                                           UpgradeResponseError::MissingAccept};
    QTest::addRow("subprotocol not offered") << head + "Sec-WebSocket-Accept: %ACCEPT%\r\nSec-WebSocket-Protocol: chat\r\n\r\n"
                                             << QList<UpgradeResponseError>{UpgradeResponseError::UnrequestedSubprotocol};
    QTest::addRow("extension not offered") << head + "Sec-WebSocket-Accept: %ACCEPT%\r\nSec-WebSocket-Extensions: x-foo\r\n\r\n"
                                           << QList<UpgradeResponseError>{UpgradeResponseError::UnrequestedExtension};
}

void tst_ClientConnection::answersFailingSection41AreRejected()
{
    QFETCH(QByteArray, answer);
    QFETCH(QList<protocol::UpgradeResponseError>, errors);
    RawPeer peer([answer](const QByteArray &key) {
        return QByteArray(answer).replace("%ACCEPT%", protocol::deriveAccept(key).accept);
    });
    Run run(settingsFor(peer.url()));
    QVERIFY(run.waitFinished());
    const ClientOutcome outcome = outcomeOf(run.finished);
    QCOMPARE(outcome.failure, std::optional<ClientFailure>(ClientFailure::HandshakeRejected));
    QCOMPARE(outcome.handshakeErrors, errors);
    QCOMPARE(run.connection.state(), ClientConnection::State::Closed);
}

// RFC 7692: offered by the client, agreed by the server's answer; messages go compressed (RSV1 on
// the first frame only) and come back inflated.
void tst_ClientConnection::agreedDeflateCompressesAndInflates()
{
    protocol::PerMessageDeflate serverSide(protocol::DeflateParameters{}, protocol::Role::Server);
    const QByteArray compressedHello = serverSide.compress("Hello, Hello, Hello");
    RawPeer peer([compressedHello](const QByteArray &key) {
        return RawPeer::accepting(key, "Sec-WebSocket-Extensions: permessage-deflate\r\n")
                + protocol::FrameEncoder::encode(Opcode::Text, compressedHello, true, std::nullopt, true);
    });
    Run run(settingsFor(peer.url(), true));
    QVERIFY(run.waitOpen());
    QVERIFY(peer.request.contains("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
    QVERIFY(run.connection.isDeflateAgreed());
    QTRY_COMPARE_WITH_TIMEOUT(run.messages.size(), 1, waitMs);
    QCOMPARE(run.messages.constFirst().at(1).toByteArray(), QByteArray("Hello, Hello, Hello"));
    QVERIFY(run.connection.sendText(QStringLiteral("abcabcabcabcabcabc"), 2));
    QTRY_COMPARE_WITH_TIMEOUT(peer.frames.size(), 2, waitMs);
    QVERIFY(peer.frames.at(0).header.rsv1);
    QVERIFY(!peer.frames.at(1).header.rsv1);
    protocol::PerMessageDeflate inflater(protocol::DeflateParameters{}, protocol::Role::Server);
    const auto inflated = inflater.decompress(peer.frames.at(0).payload + peer.frames.at(1).payload, 1 << 20);
    QCOMPARE(std::get<QByteArray>(inflated), QByteArray("abcabcabcabcabcabc"));
}

void tst_ClientConnection::wssRecordsTheTlsSession_data()
{
    QTest::addColumn<bool>("insecure");
    QTest::addRow("certificate checked against the test CA") << false;
    QTest::addRow("insecure: nothing checked") << true;
}

// wss:// to Python websockets behind TLS with a CA made by openssl (tests/tools/testca.py): the
// ConnectionOpened record names the session as the proxy's does for a wss upstream, so the
// handshake view shows the version, the cipher and the chain the server sent.
void tst_ClientConnection::wssRecordsTheTlsSession()
{
    QFETCH(bool, insecure);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList ca = test::PeerProcess::makeTestCa(dir.path()); // CA, certificate, key
    QCOMPARE(ca.size(), 3);
    const quint16 port = test::PeerProcess::freePort();
    test::PeerProcess peer(QStringLiteral("python"), port, {ca.at(1), ca.at(2)});
    QVERIFY(peer.waitReady());

    ClientSettings settings = settingsFor(QStringLiteral("wss://127.0.0.1:%1/").arg(port));
    settings.insecure = insecure;
    if (!insecure)
        settings.caFile = ca.at(0);
    Run run(settings);
    QVERIFY(run.waitOpen());
    QVERIFY(run.connection.close());
    QVERIFY(run.waitFinished());
    QVERIFY(outcomeOf(run.finished).isClean());

    const auto opened = std::find_if(run.records.cbegin(), run.records.cend(), [](const capture::CaptureRecord &record) {
        return record.kind == capture::RecordKind::ConnectionOpened;
    });
    QVERIFY(opened != run.records.cend());
    QVERIFY(opened->tls);
    // Both ends named: what the handshake view needs before it shows a connection's TLS session.
    QVERIFY(!opened->note.isEmpty());
    QCOMPARE(opened->serverAddress, QStringLiteral("127.0.0.1:%1").arg(port));
    const capture::TlsInfo &tls = *opened->tls;
    QVERIFY2(tls.version.startsWith(QLatin1String("TLSv1.")), qPrintable(tls.version));
    QVERIFY(!tls.cipher.isEmpty());
    QCOMPARE(tls.verified, !insecure);
    QVERIFY(!tls.chain.isEmpty());
    QCOMPARE(tls.chain.constFirst().subject, QStringLiteral("CN=127.0.0.1"));
    QCOMPARE(tls.chain.constFirst().issuer, QStringLiteral("CN=wslab test CA"));
    // A plain ws:// connection has no TLS session to name.
    EchoPeer plain;
    Run plainRun(settingsFor(plain.url()));
    QVERIFY(plainRun.waitOpen());
    plainRun.stream.flush();
    QVERIFY(!plainRun.records.isEmpty());
    QCOMPARE(plainRun.records.constFirst().kind, capture::RecordKind::ConnectionOpened);
    QVERIFY(!plainRun.records.constFirst().tls);
}

QTEST_GUILESS_MAIN(tst_ClientConnection)
#include "tst_clientconnection.moc"
