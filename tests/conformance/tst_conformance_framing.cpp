// Autobahn section 1, framing: text and binary messages at every payload length boundary of
// RFC 6455 §5.2 (7-bit, 16-bit and 64-bit length forms), sent whole and in pieces, echoed unchanged.

#include "conformancecase.h"

using namespace wslab;
using namespace wslab::conformance;

namespace {

// A header alone, with or without a mask key, in the minimal length form; the payload bytes (if
// any) follow as given, so they are on the wire unmasked whatever the header claims.
QByteArray header(Opcode opcode, quint64 length, std::optional<protocol::MaskKey> key)
{
    protocol::FrameHeader header;
    header.opcode = opcode;
    header.masked = key.has_value();
    header.maskKey = key.value_or(protocol::MaskKey{});
    header.payloadLength = length;
    header.lengthForm = protocol::minimalLengthForm(length);
    return protocol::FrameEncoder::writeHeader(header);
}

} // namespace

class TestConformanceFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void framing_data();
    void framing();

private:
    EchoServer m_server;
};

void TestConformanceFraming::framing_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // §5.2: 125 is the last 7-bit length, 126 and 65535 bound the 16-bit form, 65536 needs 64 bits.
    const QList<qsizetype> sizes = {0, 125, 126, 127, 128, 65535, 65536};
    struct Kind { const char *name; Opcode opcode; QByteArray (*payload)(qsizetype); };
    const Kind kinds[] = {{"text", Opcode::Text, asciiPayload}, {"binary", Opcode::Binary, binaryPayload}};

    for (int k = 0; k < 2; ++k) {
        const Kind &kind = kinds[k];
        int number = 1;
        for (qsizetype size : sizes) {
            const QByteArray payload = kind.payload(size);
            QTest::addRow("1.%d.%d %s, %lld bytes", k + 1, number++, kind.name, qlonglong(size))
                    << staysOpen({whole(frame(kind.opcode, payload))}, {{kind.opcode, payload}});
        }
        // The same frames in pieces: byte by byte (every header split included) for the short
        // ones, 997-byte pieces (a prime, so pieces straddle the header and payload at odd offsets)
        // for the long ones. The server must wait for the rest, not treat a piece as a frame.
        for (qsizetype size : sizes) {
            const QByteArray payload = kind.payload(size);
            const bool small = size <= 128;
            const qsizetype chunk = small ? 1 : 997;
            QTest::addRow("1.%d.%d %s, %lld bytes, %lld B chunks", k + 1, number++, kind.name, qlonglong(size),
                          qlonglong(chunk))
                    << staysOpen({chunked(frame(kind.opcode, payload), chunk, small ? 1 : 0)}, {{kind.opcode, payload}});
        }
    }

    // Several messages in one write: the server must find every frame boundary in one read.
    QByteArray burst;
    QList<Received> echoes;
    for (qsizetype size : sizes) {
        burst += frame(Opcode::Binary, binaryPayload(size));
        echoes.append(binary(binaryPayload(size)));
        burst += frame(Opcode::Text, asciiPayload(size));
        echoes.append(text(asciiPayload(size)));
    }
    QTest::addRow("1.3.1 every length, text and binary, one write") << staysOpen({whole(burst)}, echoes);
    QTest::addRow("1.3.2 every length, text and binary, 997 B chunks")
            << staysOpen({chunked(burst, 997)}, echoes);

    // §5.1: "The server MUST close the connection upon receiving a frame that is not masked" (and
    // may say 1002 first, §7.4.1). The MASK bit is what counts: an all-zero key is still a key.
    QTest::addRow("1.4.1 unmasked text") << closesOrDrops({whole(header(Opcode::Text, 5, std::nullopt) + "Hello")}, {}, {1002});
    QTest::addRow("1.4.2 text, unmasked ping, ping")
            << closesOrDrops({whole(frame(Opcode::Text, "valid") + header(Opcode::Ping, 4, std::nullopt) + "ping"
                                 + frame(Opcode::Ping, "no answer"))},
                          {text("valid")}, {1002});
    QTest::addRow("1.4.3 text masked with an all-zero key")
            << staysOpen({whole(header(Opcode::Text, 5, protocol::MaskKey{}) + "Hello")}, {text("Hello")});
    // §5.2: "the most significant bit MUST be 0" in the 64-bit length; such a length is also far
    // beyond any frame limit, so 1009 is as right an answer as 1002.
    QTest::addRow("1.4.4 64-bit length with the top bit set")
            << closesWith({whole(header(Opcode::Binary, 0x8000'0000'0000'0001ull, protocol::FrameEncoder::randomMaskKey()))},
                          {}, {1002, 1009});
}

void TestConformanceFraming::framing()
{
    QFETCH(ConformanceCase, testCase);
    runCase(m_server.port(), testCase);
}

QTEST_GUILESS_MAIN(TestConformanceFraming)
#include "tst_conformance_framing.moc"
