// Autobahn section 3, reserved bits: RFC 6455 §5.2, "RSV1, RSV2, RSV3: MUST be 0 unless an extension
// is negotiated that defines meanings for non-zero values. If a nonzero value is received and none
// of the negotiated extensions defines the meaning of such a nonzero value, the receiving endpoint
// MUST _Fail the WebSocket Connection_." No extension is negotiated here, so every combination of
// the three bits, on every kind of frame, ends the connection with 1002; frames before the bad one
// are still answered and frames after it are not.

#include "conformancecase.h"

using namespace wslab::conformance;

class TestConformanceReservedBits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void reservedBits_data();
    void reservedBits();

private:
    EchoServer m_server;
};

namespace {

QString rsvName(int rsv)
{
    QStringList bits;
    if (rsv & 4)
        bits.append(QStringLiteral("RSV1"));
    if (rsv & 2)
        bits.append(QStringLiteral("RSV2"));
    if (rsv & 1)
        bits.append(QStringLiteral("RSV3"));
    return bits.join(QLatin1Char('+'));
}

} // namespace

void TestConformanceReservedBits::reservedBits_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    struct Kind { const char *name; Opcode opcode; QByteArray payload; };
    const Kind kinds[] = {
        {"text", Opcode::Text, "Hello"},
        {"binary", Opcode::Binary, QByteArray::fromHex("00ff7f80")},
        {"ping", Opcode::Ping, "ping"},
        {"pong", Opcode::Pong, "pong"},
        {"close", Opcode::Close, QByteArray::fromHex("03e8")},
    };

    int number = 1;
    for (const Kind &kind : kinds) {
        for (int rsv = 1; rsv <= 7; ++rsv) {
            QTest::addRow("3.%d %s with %s", number++, kind.name, qPrintable(rsvName(rsv)))
                    << closesWith({whole(rawFrame(kind.opcode, kind.payload, true, rsv))}, {}, {1002});
        }
    }
    // After a valid message the echo arrives first; the ping behind the bad frame gets no pong.
    for (int rsv = 1; rsv <= 7; ++rsv) {
        QTest::addRow("3.%d text, text with %s, ping", number++, qPrintable(rsvName(rsv)))
                << closesWith({whole(frame(Opcode::Text, "valid") + rawFrame(Opcode::Text, "Hello", true, rsv)
                                     + frame(Opcode::Ping, "no answer"))},
                              {text("valid")}, {1002});
    }
    // The same, one byte at a time: the server must not read the header differently when it arrives
    // in pieces.
    for (int rsv : {1, 4, 7}) {
        QTest::addRow("3.%d text, binary with %s, ping, 1 B chunks", number++, qPrintable(rsvName(rsv)))
                << closesWith({chunked(frame(Opcode::Text, "valid") + rawFrame(Opcode::Binary, "\x01\x02", true, rsv)
                                       + frame(Opcode::Ping, "no answer"), 1, 1)},
                              {text("valid")}, {1002});
    }
    // A continuation frame with a reserved bit, in the middle of a fragmented message.
    QTest::addRow("3.%d continuation with RSV1", number++)
            << closesWith({whole(frame(Opcode::Text, "frag", false) + rawFrame(Opcode::Continuation, "ment", true, 4))},
                          {}, {1002});
}

void TestConformanceReservedBits::reservedBits()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceReservedBits)
#include "tst_conformance_reservedbits.moc"
