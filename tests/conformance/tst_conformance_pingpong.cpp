// Autobahn section 2, pings and pongs (RFC 6455 §5.5.2, §5.5.3): a ping is answered by exactly one
// pong with the same payload, an unsolicited pong is ignored, a control payload above 125 bytes
// (§5.5) is a protocol error.

#include "conformancecase.h"

using namespace wslab::conformance;

class TestConformancePingPong : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void pingPong_data();
    void pingPong();

private:
    EchoServer m_server;
};

void TestConformancePingPong::pingPong_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    const QByteArray hello = "Hello, world!";
    const QByteArray binaryBytes = QByteArray::fromHex("00fffefdfcfb00ff");

    QTest::addRow("2.1 ping, no payload") << staysOpen({whole(frame(Opcode::Ping, {}))}, {pong({})});
    QTest::addRow("2.2 ping, text payload") << staysOpen({whole(frame(Opcode::Ping, hello))}, {pong(hello)});
    QTest::addRow("2.3 ping, binary payload")
            << staysOpen({whole(frame(Opcode::Ping, binaryBytes))}, {pong(binaryBytes)});
    QTest::addRow("2.4 ping, 125 bytes") << staysOpen({whole(frame(Opcode::Ping, binaryPayload(125)))},
                                                      {pong(binaryPayload(125))});
    // §5.5: "All control frames MUST have a payload length of 125 bytes or less".
    QTest::addRow("2.5 ping, 126 bytes")
            << closesWith({whole(rawFrame(Opcode::Ping, binaryPayload(126)))}, {}, {1002});
    QTest::addRow("2.6 ping, 125 bytes, 1 B chunks")
            << staysOpen({chunked(frame(Opcode::Ping, binaryPayload(125)), 1, 1)}, {pong(binaryPayload(125))});

    // §5.5.3: "A Pong frame MAY be sent unsolicited. [...] A response to an unsolicited Pong frame is
    // not expected."
    QTest::addRow("2.7 unsolicited pong, no payload") << staysOpen({whole(frame(Opcode::Pong, {}))});
    QTest::addRow("2.8 unsolicited pong, payload") << staysOpen({whole(frame(Opcode::Pong, "unsolicited"))});
    QTest::addRow("2.9 unsolicited pong, then ping")
            << staysOpen({whole(frame(Opcode::Pong, "unsolicited") + frame(Opcode::Ping, "ping"))}, {pong("ping")});

    // Each ping answered, in order (§5.5.2, §5.4: control frames are not reordered).
    QByteArray tenPings;
    QList<Received> tenPongs;
    for (int i = 0; i < 10; ++i) {
        const QByteArray payload = "ping " + QByteArray::number(i);
        tenPings += frame(Opcode::Ping, payload);
        tenPongs.append(pong(payload));
    }
    QTest::addRow("2.10 ten pings in one write") << staysOpen({whole(tenPings)}, tenPongs);
    QTest::addRow("2.11 ten pings, 1 B chunks") << staysOpen({chunked(tenPings, 1, 1)}, tenPongs);

    // A ping among data messages is answered where it stands in the stream.
    QTest::addRow("2.12 text, ping, binary")
            << staysOpen({whole(frame(Opcode::Text, "before") + frame(Opcode::Ping, "middle")
                                + frame(Opcode::Binary, binaryBytes))},
                         {text("before"), pong("middle"), binary(binaryBytes)});
    QTest::addRow("2.13 pong with 126 bytes")
            << closesWith({whole(rawFrame(Opcode::Pong, binaryPayload(126)))}, {}, {1002});
}

void TestConformancePingPong::pingPong()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformancePingPong)
#include "tst_conformance_pingpong.moc"
