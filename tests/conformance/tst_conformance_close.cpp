// Autobahn section 7, the closing handshake (RFC 6455 §5.5.1, §7): a close is answered with a close
// that echoes its code, the body is empty or a valid wire code (§7.4) plus a UTF-8 reason (§5.5.1)
// of at most 123 bytes (§5.5), nothing the client sends after its close is processed, and the server
// closes the TCP connection first once the handshake is done (§7.1.1). runCase() checks that last
// part for every case.

#include "conformancecase.h"

using namespace wslab;
using namespace wslab::conformance;

namespace {
constexpr int closeTimeoutMs = 1500;
} // namespace

class TestConformanceClose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // A short close timeout, so that "closes TCP promptly" and "gives up on a silent peer" can
        // be told apart within the test's time.
        auto settings = EchoServer::defaultSettings();
        settings.closeTimeoutMs = closeTimeoutMs;
        QVERIFY(m_server.start(settings));
    }
    void cleanupTestCase() { m_server.stop(); }
    void closing_data();
    void closing() { run(); }
    void closeCodes_data();
    void closeCodes() { run(); }
    void serverClosesTcpFirst();
    void serverDropsSilentPeer();

private:
    void run()
    {
        QFETCH(ConformanceCase, testCase);
        runCase(m_server.port(), testCase);
    }
    EchoServer m_server;
};

void TestConformanceClose::closing_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned
    // integer"; an empty body is answered with an empty body (nothing to echo, §7.1.5: 1005).
    QTest::addRow("7.1.1 text echoed, then close 1000")
            << closesWith({whole(frame(Opcode::Text, "Hello") + closeFrame(1000))}, {text("Hello")}, {1000});
    QTest::addRow("7.1.2 close twice")
            << closesWith({whole(closeFrame(1000) + closeFrame(1000))}, {}, {1000});
    QTest::addRow("7.1.3 ping after close is not answered")
            << closesWith({whole(closeFrame(1000) + frame(Opcode::Ping, "late"))}, {}, {1000});
    QTest::addRow("7.1.4 text after close is not echoed")
            << closesWith({whole(closeFrame(1000) + frame(Opcode::Text, "late"))}, {}, {1000});
    QTest::addRow("7.1.5 fragment, close, last fragment")
            << closesWith({whole(frame(Opcode::Text, "frag", false) + closeFrame(1000)
                                 + frame(Opcode::Continuation, "ment"))},
                          {}, {1000});
    QTest::addRow("7.1.6 256 KiB text, close, ping")
            << closesWith({whole(frame(Opcode::Text, asciiPayload(256 * 1024)) + closeFrame(1000)
                                 + frame(Opcode::Ping, "late"))},
                          {text(asciiPayload(256 * 1024))}, {1000});
    QTest::addRow("7.1.7 invalid frame after close is not judged")
            << closesWith({whole(closeFrame(1000) + rawFrame(Opcode::ReservedData3, "late", true, 7))}, {}, {1000});

    QTest::addRow("7.3.1 close, empty body") << closesWith({whole(closeFrame(std::nullopt))}, {}, {noStatusCode});
    QTest::addRow("7.3.2 close, 1-byte body")
            << closesWith({whole(frame(Opcode::Close, QByteArray::fromHex("03")))}, {}, {1002});
    QTest::addRow("7.3.3 close 1000, no reason") << closesWith({whole(closeFrame(1000))}, {}, {1000});
    QTest::addRow("7.3.4 close 1000 with reason")
            << closesWith({whole(closeFrame(1000, "Normal close, bye"))}, {}, {1000});
    QTest::addRow("7.3.5 close, 125-byte body")
            << closesWith({whole(closeFrame(1000, asciiPayload(123)))}, {}, {1000});
    // §5.5: a control frame body above 125 bytes is a protocol error, wherever it is.
    QTest::addRow("7.3.6 close, 126-byte body")
            << closesWith({whole(rawFrame(Opcode::Close, protocol::FrameEncoder::closePayload(1000, asciiPayload(124))))},
                          {}, {1002});
    QTest::addRow("7.3.7 close 1000, UTF-8 reason")
            << closesWith({whole(closeFrame(1000, QByteArrayLiteral("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5")))},
                          {}, {1000});
    QTest::addRow("7.3.8 close, 1 B chunks") << closesWith({chunked(closeFrame(1000, "slow"), 1, 1)}, {}, {1000});
    // §5.5.1 + §8.1: the reason is UTF-8; invalid bytes fail the connection with 1007.
    QTest::addRow("7.5.1 close reason with invalid UTF-8")
            << closesWith({whole(closeFrame(1000, QByteArrayLiteral("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64\x69\x74\x65\x64")))},
                          {}, {1007});
    QTest::addRow("7.5.2 close reason, truncated sequence")
            << closesWith({whole(closeFrame(1000, QByteArray("bye") + QByteArray::fromHex("e2")))}, {}, {1007});
}

void TestConformanceClose::closeCodes_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // §7.4.1, §7.4.2: the codes an endpoint may send, each echoed in the reply (§5.5.1).
    const quint16 valid[] = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    for (quint16 code : valid)
        QTest::addRow("7.7 close %d echoed", code) << closesWith({whole(closeFrame(code, "reason"))}, {}, {code});

    // 0-999 unused, 1004 reserved, 1005/1006 never on the wire, 1016-2999 reserved for this
    // protocol, 5000 and up outside the registry: each a protocol error.
    const quint16 invalid[] = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535};
    for (quint16 code : invalid)
        QTest::addRow("7.9 close %d rejected", code) << closesWith({whole(closeFrame(code))}, {}, {1002});
}

// The server closes TCP after the closing handshake on its own (§7.1.1: "the server SHOULD close
// it first"), well before its close timeout; the client never closes its side.
void TestConformanceClose::serverClosesTcpFirst()
{
    RawClient client;
    QVERIFY2(client.upgrade(m_server.port()), qPrintable(client.errorString()));
    QElapsedTimer elapsed;
    elapsed.start();
    client.sendClose(1000, "done");
    QVERIFY(client.waitUntil([&] { return client.hasCloseFrame(); }, 5000));
    QCOMPARE(client.closePayload()->code, std::optional<quint16>(1000));
    QVERIFY2(client.waitForTcpClose(3000), "TCP still open 3 s after the closing handshake");
    QVERIFY2(client.serverViolation().isEmpty(), qPrintable(client.serverViolation()));
    QCOMPARE_LT(elapsed.elapsed(), closeTimeoutMs);
}

// The server started the closing handshake (a protocol error) and the client never answers: the
// server must not wait forever, it drops TCP after its close timeout (§7.1.1, §7.1.7).
void TestConformanceClose::serverDropsSilentPeer()
{
    RawClient client;
    QVERIFY2(client.upgrade(m_server.port()), qPrintable(client.errorString()));
    client.send(rawFrame(Opcode::Text, "Hello", true, 7));
    QVERIFY(client.waitUntil([&] { return client.hasCloseFrame(); }, 5000));
    QCOMPARE(client.closePayload()->code, std::optional<quint16>(1002));
    QVERIFY2(client.waitForTcpClose(closeTimeoutMs + 3000), "TCP still open well after the close timeout");
    QVERIFY2(client.serverViolation().isEmpty(), qPrintable(client.serverViolation()));
}

QTEST_GUILESS_MAIN(TestConformanceClose)
#include "tst_conformance_close.moc"
