// Autobahn section 4, opcodes: RFC 6455 §5.2, "If an unknown opcode is received, the receiving
// endpoint MUST _Fail the WebSocket Connection_." 0x3-0x7 are reserved data opcodes, 0xB-0xF
// reserved control opcodes: alone, with a payload, and after a valid message (whose echo must come
// first), each ends the connection with 1002 and nothing behind it is answered.

#include "conformancecase.h"

using namespace wslab;
using namespace wslab::conformance;

class TestConformanceOpcodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void reservedOpcodes_data();
    void reservedOpcodes();

private:
    EchoServer m_server;
};

void TestConformanceOpcodes::reservedOpcodes_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    const int opcodes[] = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF};
    for (int value : opcodes) {
        const auto opcode = protocol::opcodeFromBits(quint8(value));
        const int group = protocol::isControl(opcode) ? 2 : 1;
        QTest::addRow("4.%d opcode 0x%X, empty", group, value)
                << closesWith({whole(rawFrame(opcode, {}))}, {}, {1002});
        QTest::addRow("4.%d opcode 0x%X, payload", group, value)
                << closesWith({whole(rawFrame(opcode, "reserved opcode payload"))}, {}, {1002});
        QTest::addRow("4.%d text, opcode 0x%X, ping", group, value)
                << closesWith({whole(frame(Opcode::Text, "valid") + rawFrame(opcode, "x")
                                     + frame(Opcode::Ping, "no answer"))},
                              {text("valid")}, {1002});
        QTest::addRow("4.%d text, opcode 0x%X, ping, 1 B chunks", group, value)
                << closesWith({chunked(frame(Opcode::Text, "valid") + rawFrame(opcode, "x")
                                       + frame(Opcode::Ping, "no answer"), 1, 1)},
                              {text("valid")}, {1002});
    }
}

void TestConformanceOpcodes::reservedOpcodes()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceOpcodes)
#include "tst_conformance_opcodes.moc"
