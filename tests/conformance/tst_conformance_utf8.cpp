// Autobahn section 6, UTF-8 handling: RFC 6455 §8.1, "When an endpoint is to interpret a byte stream
// as UTF-8 but finds that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST
// _Fail the WebSocket Connection_" (close 1007, §7.4.1). Valid text of every sequence length is
// echoed whole, fragmented at every byte boundary and in 1-byte pieces; invalid text (RFC 3629:
// overlongs, surrogates, code points above U+10FFFF, truncated and stray bytes) ends the connection
// with 1007, and the server fails fast: it closes as soon as the first impossible byte arrives,
// before the rest of the frame or message has been sent.

#include "conformancecase.h"

using namespace wslab::conformance;

class TestConformanceUtf8 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { m_server.stop(); }
    void validText_data();
    void validText() { run(); }
    void invalidText_data();
    void invalidText() { run(); }
    void failFast_data();
    void failFast() { run(); }

private:
    void run()
    {
        QFETCH(ConformanceCase, testCase);
        runCase(m_server.port(), testCase);
    }
    EchoServer m_server;
};

namespace {

struct Vector
{
    const char *name;
    QByteArray bytes;
};

// "Hello-µ@ßöäüàá-UTF-8!!" and "κόσμε", the two texts the Autobahn suite splits everywhere.
const QByteArray autobahnHello = QByteArrayLiteral("Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1-UTF-8!!");
const QByteArray kosme = QByteArrayLiteral("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5");
// κόσμε, then U+D800 (a UTF-16 surrogate, never valid UTF-8), then "edited".
const QByteArray kosmeSurrogate = kosme + QByteArrayLiteral("\xed\xa0\x80") + "edited";

QList<Vector> validVectors()
{
    QByteArray ascii;
    for (int c = 0; c < 0x80; ++c)
        ascii.append(char(c));
    return {
        {"empty", {}},
        {"Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1-UTF-8!!", autobahnHello},
        {"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5", kosme},
        {"all of ASCII, NUL included", ascii},
        {"U+0080, first 2-byte", QByteArray::fromHex("c280")},
        {"U+07FF, last 2-byte", QByteArray::fromHex("dfbf")},
        {"U+0800, first 3-byte", QByteArray::fromHex("e0a080")},
        {"U+D7FF, last before the surrogates", QByteArray::fromHex("ed9fbf")},
        {"U+E000, first after the surrogates", QByteArray::fromHex("ee8080")},
        {"U+FFFD, replacement character", QByteArray::fromHex("efbfbd")},
        {"U+FFFE, noncharacter", QByteArray::fromHex("efbfbe")},
        {"U+FFFF, last 3-byte", QByteArray::fromHex("efbfbf")},
        {"U+10000, first 4-byte", QByteArray::fromHex("f0908080")},
        {"U+1F600, emoji", QByteArray::fromHex("f09f9880")},
        {"U+10FFFF, last code point", QByteArray::fromHex("f48fbfbf")},
        {"mixed 1- to 4-byte", QByteArray("a") + QByteArray::fromHex("c2b5e282acf09f9880") + "z"},
    };
}

QList<Vector> invalidVectors()
{
    return {
        {"stray continuation 0x80", QByteArray::fromHex("80")},
        {"stray continuation 0xBF after ASCII", QByteArray("abc") + QByteArray::fromHex("bf")},
        {"three continuations", QByteArray::fromHex("80bf80")},
        {"0xFE", QByteArray::fromHex("fe")},
        {"0xFF", QByteArray::fromHex("ff")},
        {"0xFE 0xFE 0xFF 0xFF", QByteArray::fromHex("fefeffff")},
        {"overlong '/' in 2 bytes", QByteArray::fromHex("c0af")},
        {"overlong '/' in 3 bytes", QByteArray::fromHex("e080af")},
        {"overlong '/' in 4 bytes", QByteArray::fromHex("f08080af")},
        {"overlong '/' in 5 bytes", QByteArray::fromHex("f8808080af")},
        {"overlong NUL in 2 bytes", QByteArray::fromHex("c080")},
        {"overlong NUL in 3 bytes", QByteArray::fromHex("e08080")},
        {"largest overlong 2-byte", QByteArray::fromHex("c1bf")},
        {"largest overlong 3-byte", QByteArray::fromHex("e09fbf")},
        {"largest overlong 4-byte", QByteArray::fromHex("f08fbfbf")},
        {"surrogate U+D800", QByteArray::fromHex("eda080")},
        {"surrogate U+DB7F", QByteArray::fromHex("edadbf")},
        {"surrogate U+DC00", QByteArray::fromHex("edb080")},
        {"surrogate U+DFFF", QByteArray::fromHex("edbfbf")},
        {"surrogate pair U+D800 U+DC00", QByteArray::fromHex("eda080edb080")},
        {"U+110000, above the last code point", QByteArray::fromHex("f4908080")},
        {"0xF5 lead byte", QByteArray::fromHex("f5808080")},
        {"0xF7 BF BF BF", QByteArray::fromHex("f7bfbfbf")},
        {"2-byte lead then space", QByteArray::fromHex("c020")},
        {"3-byte lead then space", QByteArray::fromHex("e020")},
        {"truncated 2-byte at the end", QByteArray("abc") + QByteArray::fromHex("c2")},
        {"truncated 3-byte at the end", kosme.left(3)},
        {"truncated 4-byte at the end", QByteArray::fromHex("f09080")},
        {"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5 + surrogate + edited", kosmeSurrogate},
    };
}

} // namespace

void TestConformanceUtf8::validText_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    int number = 1;
    for (const Vector &vector : validVectors()) {
        QTest::addRow("6.1.%d valid %s", number++, vector.name)
                << staysOpen({whole(frame(Opcode::Text, vector.bytes))}, {text(vector.bytes)});
        if (vector.bytes.size() > 1) {
            QTest::addRow("6.1.%d valid %s, 1-byte fragments", number++, vector.name)
                    << staysOpen({whole(fragmented(Opcode::Text, vector.bytes, 1))}, {text(vector.bytes)});
        }
    }
    // Every split of the message into two fragments: a sequence cut between frames is still whole.
    for (const QByteArray &vector : {autobahnHello, kosme}) {
        for (qsizetype split = 1; split < vector.size(); ++split) {
            QTest::addRow("6.2.%d %s split at byte %lld", number++, vector.constData(), qlonglong(split))
                    << staysOpen({whole(frame(Opcode::Text, vector.left(split), false)
                                        + frame(Opcode::Continuation, vector.mid(split)))},
                                 {text(vector)});
        }
    }
    // One frame, one byte per TCP segment: a sequence cut between reads is still whole.
    QTest::addRow("6.2.%d %s, 1 B chunks", number++, kosme.constData())
            << staysOpen({chunked(frame(Opcode::Text, kosme), 1, 1)}, {text(kosme)});
    QTest::addRow("6.2.%d %s, 1 B chunks", number++, autobahnHello.constData())
            << staysOpen({chunked(frame(Opcode::Text, autobahnHello), 1, 1)}, {text(autobahnHello)});
    // Binary messages are not UTF-8 and must not be judged as such.
    QTest::addRow("6.2.%d binary with invalid UTF-8 bytes", number++)
            << staysOpen({whole(frame(Opcode::Binary, kosmeSurrogate))}, {binary(kosmeSurrogate)});
}

void TestConformanceUtf8::invalidText_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    int number = 1;
    for (const Vector &vector : invalidVectors()) {
        QTest::addRow("6.3.%d invalid %s", number++, vector.name)
                << closesWith({whole(frame(Opcode::Text, vector.bytes))}, {}, {1007});
        if (vector.bytes.size() > 1) {
            QTest::addRow("6.3.%d invalid %s, 1-byte fragments", number++, vector.name)
                    << closesWith({whole(fragmented(Opcode::Text, vector.bytes, 1))}, {}, {1007});
        }
    }
    for (qsizetype split = 1; split < kosmeSurrogate.size(); ++split) {
        QTest::addRow("6.4.%d invalid kosme+surrogate split at byte %lld", number++, qlonglong(split))
                << closesWith({whole(frame(Opcode::Text, kosmeSurrogate.left(split), false)
                                     + frame(Opcode::Continuation, kosmeSurrogate.mid(split)))},
                              {}, {1007});
    }
    // A valid message first is echoed; the invalid one after it closes; the ping after that is not
    // answered.
    QTest::addRow("6.4.%d valid text, invalid text, ping", number++)
            << closesWith({whole(frame(Opcode::Text, kosme) + frame(Opcode::Text, QByteArray::fromHex("c0af"))
                                 + frame(Opcode::Ping, "no answer"))},
                          {text(kosme)}, {1007});
}

void TestConformanceUtf8::failFast_data()
{
    QTest::addColumn<ConformanceCase>("testCase");

    // §8.1 with §10.4 in mind: the server knows the text is invalid at the first impossible byte
    // and must not buffer the rest of a long frame first. The frame is 64 KiB; the bad byte is in
    // the first 512-byte piece and the pieces leave 20 ms apart, so a server that waits for the
    // end of the frame closes only after the client has sent every byte (2.5 s later).
    const QByteArray filler = asciiPayload(64 * 1024);
    struct Bad { const char *name; QByteArray bytes; };
    const Bad bads[] = {
        {"0xFF", QByteArray::fromHex("ff")},
        {"surrogate U+D800", QByteArray::fromHex("eda080")},
        {"U+110000", QByteArray::fromHex("f4908080")},
        {"overlong '/'", QByteArray::fromHex("c0af")},
    };
    int number = 1;
    for (const Bad &bad : bads) {
        const QByteArray payload = (kosme + bad.bytes + filler).left(filler.size());
        QTest::addRow("6.5.%d %s at byte 11 of a 64 KiB frame sent slowly", number++, bad.name)
                << failsFastWith({chunked(frame(Opcode::Text, payload), 512, 20)}, {}, {1007});
    }
    // The same across frames: the bad byte ends the first fragment; the continuations follow only
    // after a pause in which the close must arrive.
    const QByteArray badFirstFragment = frame(Opcode::Text, kosme + QByteArray::fromHex("eda080"), false);
    const QByteArray rest = frame(Opcode::Continuation, "edited", false) + frame(Opcode::Continuation, "!", true);
    QTest::addRow("6.5.%d invalid first fragment, continuations later", number++)
            << failsFastWith({chunked(badFirstFragment, 0, 2000), whole(rest)}, {}, {1007});
    // A sequence that opens in one fragment and turns impossible in the next (E0 80 is overlong).
    const QByteArray opens = frame(Opcode::Text, "ab" + QByteArray::fromHex("e0"), false);
    const QByteArray breaks = frame(Opcode::Continuation, QByteArray::fromHex("80") + "cd", false);
    QTest::addRow("6.5.%d sequence broken across fragments, continuations later", number++)
            << failsFastWith({chunked(opens + breaks, 0, 2000), whole(frame(Opcode::Continuation, "ef", true))},
                             {}, {1007});
}

QTEST_GUILESS_MAIN(TestConformanceUtf8)
#include "tst_conformance_utf8.moc"
