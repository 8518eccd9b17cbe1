#include "server/protocol/permessagedeflate.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <sys/resource.h>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::DecodeError)
Q_DECLARE_METATYPE(wslab::protocol::DeflateParameters)
Q_DECLARE_METATYPE(wslab::protocol::Role)
Q_DECLARE_METATYPE(wslab::protocol::Opcode)
Q_DECLARE_METATYPE(std::optional<wslab::protocol::DecodeError>)

namespace {

using Inflated = std::variant<QByteArray, DecodeError>;

constexpr qint64 generousLimit = 64 * 1024 * 1024;

QByteArray hex(const char *digits) { return QByteArray::fromHex(digits); }

// One comparable line for either outcome, so a failure prints what came out.
QByteArray describe(const Inflated &result)
{
    if (const auto *error = std::get_if<DecodeError>(&result))
        return QByteArray("error ") + decodeErrorName(*error);
    const QByteArray &bytes = std::get<QByteArray>(result);
    return "ok " + QByteArray::number(bytes.size()) + " bytes " + bytes.left(32).toHex(' ');
}

QByteArray describe(const QByteArray &plain) { return describe(Inflated(plain)); }
QByteArray describe(const char *plain) { return describe(QByteArray(plain)); }
QByteArray describe(DecodeError error) { return describe(Inflated(error)); }

DeflateParameters parameters(bool serverNoContextTakeover, bool clientNoContextTakeover, int serverBits = 15,
                             int clientBits = 15)
{
    return DeflateParameters{serverNoContextTakeover, clientNoContextTakeover, serverBits, clientBits};
}

// Both directions share the window bits and takeover in these tests.
DeflateParameters symmetric(int bits, bool takeover)
{
    return parameters(!takeover, !takeover, bits, bits);
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed); // fixed seed: a failure is reproducible
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

// Words, some of them multi-byte UTF-8, up to exactly `size` bytes (padded with ASCII).
QByteArray textBytes(qsizetype size, quint32 seed)
{
    static const QByteArrayList words = {"the", "frame", "opcode", "mask", "payload", "deflate", "window",
                                         "message", "chat", "héllo", "消息", "Grüße", "κόσμε", "→", "🙂"};
    QRandomGenerator random(seed);
    QByteArray text;
    text.reserve(size);
    for (;;) {
        const QByteArray &word = words.at(random.bounded(int(words.size())));
        if (text.size() + word.size() + 1 > size)
            break;
        text += word + ' ';
    }
    return text.leftJustified(size, '.');
}

// A payload that inflates to `copies` MiB of zeros: the second MiB compressed against the first is
// all back-references, so it can be repeated (each copy ends on a sync flush).
QByteArray zipBomb(int copies)
{
    PerMessageDeflate compressor(symmetric(15, true), Role::Client, DeflateOptions{9, 9});
    const QByteArray zeros(1024 * 1024, '\0');
    QByteArray bomb = compressor.compress(zeros);
    const QByteArray again = compressor.compress(zeros);
    for (int i = 1; i < copies; ++i)
        bomb += hex("0000ffff") + again;
    return bomb;
}

qint64 peakResidentKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class TestPerMessageDeflate : public QObject
{
    Q_OBJECT

private slots:
    void decompressesRfcExamples_data();
    void decompressesRfcExamples();
    void decodesRfcFramesEndToEnd_data();
    void decodesRfcFramesEndToEnd();
    void compressesLikeTheRfc_data();
    void compressesLikeTheRfc();
    void emptyMessage_data();
    void emptyMessage();
    void roundTrips_data();
    void roundTrips();
    void optionsChangeSizeNotFormat_data();
    void optionsChangeSizeNotFormat();
    void windowBitsLimitBackReferences_data();
    void windowBitsLimitBackReferences();
    void compressesWithinA256ByteWindow();
    void contextTakeoverDecidesTheSecondMessage_data();
    void contextTakeoverDecidesTheSecondMessage();
    void windowSurvivesAFinalBlock();
    void decompressorCopyRunsAheadWithoutDisturbing();
    void boundsOutput_data();
    void boundsOutput();
    void finalBlockOneByteOverTheLimitIsTooLarge_data();
    void finalBlockOneByteOverTheLimitIsTooLarge();
    void zipBombFailsFastWithBoundedMemory();
    void rejectsCorruptData_data();
    void rejectsCorruptData();
    void holdsMemoryOnlyWhenNeeded_data();
    void holdsMemoryOnlyWhenNeeded();
    void movedCodecKeepsItsContext();
    void inflateMessageValidatesText_data();
    void inflateMessageValidatesText();
};

// RFC 7692 §7.2.3: every example payload, fed as whole messages to one decompressor.
void TestPerMessageDeflate::decompressesRfcExamples_data()
{
    QTest::addColumn<QByteArrayList>("payloads");
    QTest::addColumn<QByteArrayList>("messages");

    QTest::addRow("7.2.3.1 one compressed block") << QByteArrayList{hex("f248cdc9c90700")} << QByteArrayList{"Hello"};
    // The two fragments 41 03 f2 48 cd / 80 04 c9 c9 07 00 form one message payload.
    QTest::addRow("7.2.3.1 fragments joined") << QByteArrayList{hex("f248cd") + hex("c9c90700")}
                                              << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.2 shared sliding window") << QByteArrayList{hex("f248cdc9c90700"), hex("f200110000")}
                                                   << QByteArrayList{"Hello", "Hello"};
    QTest::addRow("7.2.3.3 block with no compression") << QByteArrayList{hex("000500faff48656c6c6f00")}
                                                       << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.4 block with BFINAL set") << QByteArrayList{hex("f348cdc9c9070000")}
                                                   << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.5 two blocks in one message") << QByteArrayList{hex("f24805000000ffffcac9c90700")}
                                                       << QByteArrayList{"Hello"};
    // 41 0b f2 48 cd c9 c9 07 00 00 00 ff ff / 80 01 00: the sender flushed, then ended the message
    // with a fragment holding only the start of another empty block.
    QTest::addRow("7.2.3.6 empty last fragment") << QByteArrayList{hex("f248cdc9c907000000ffff") + hex("00")}
                                                 << QByteArrayList{"Hello"};
    // Leniency: a final block that ends the payload needs no tail.
    QTest::addRow("BFINAL without the extra byte") << QByteArrayList{hex("f348cdc9c90700"), hex("f200110000")}
                                                   << QByteArrayList{"Hello", "Hello"};
}

void TestPerMessageDeflate::decompressesRfcExamples()
{
    QFETCH(QByteArrayList, payloads);
    QFETCH(QByteArrayList, messages);

    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    for (qsizetype i = 0; i < payloads.size(); ++i)
        QCOMPARE(describe(client.decompress(payloads[i], generousLimit)), describe(messages[i]));
    QVERIFY(!client.error());
}

// The same examples as the server reads them off the wire: frame decoder (RSV1 allowed once
// negotiated), message assembler, then inflateMessage(). The RFC's frames are unmasked server
// frames, so the decoder sits at the client end.
void TestPerMessageDeflate::decodesRfcFramesEndToEnd_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArrayList>("messages");

    QTest::addRow("7.2.3.1 one frame") << hex("c107f248cdc9c90700") << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.1 two fragments") << hex("4103f248cd" "8004c9c90700") << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.2 two messages") << hex("c107f248cdc9c90700" "c105f200110000")
                                          << QByteArrayList{"Hello", "Hello"};
    QTest::addRow("7.2.3.3 stored block") << hex("c10b000500faff48656c6c6f00") << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.4 BFINAL") << hex("c108f348cdc9c9070000") << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.5 two blocks") << hex("c10df24805000000ffffcac9c90700") << QByteArrayList{"Hello"};
    QTest::addRow("7.2.3.6 empty fragment") << hex("410bf248cdc9c907000000ffff" "800100") << QByteArrayList{"Hello"};
    QTest::addRow("uncompressed message between") << hex("c107f248cdc9c90700" "810548656c6c6f" "c105f200110000")
                                                  << QByteArrayList{"Hello", "Hello", "Hello"};
}

void TestPerMessageDeflate::decodesRfcFramesEndToEnd()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArrayList, messages);

    // Without the extension RSV1 is a protocol error (RFC 6455 §5.2).
    {
        FrameDecoder decoder(DecoderOptions{Role::Client});
        QList<DecodedFrame> frames;
        QCOMPARE(decoder.feed(wire, frames), std::optional(DecodeError::ReservedBitsSet));
    }

    FrameDecoder decoder(DecoderOptions{Role::Client});
    decoder.setRsv1Allowed(true);
    MessageAssembler assembler;
    PerMessageDeflate deflate(DeflateParameters{}, Role::Client);
    QList<DecodedFrame> frames;
    QCOMPARE(decoder.feed(wire, frames), std::nullopt);

    QByteArrayList received;
    for (DecodedFrame &frame : frames) {
        AssemblyStep step = assembler.push(std::move(frame));
        QVERIFY(step.kind != AssemblyStep::Kind::Failed);
        if (step.kind != AssemblyStep::Kind::MessageComplete)
            continue;
        QCOMPARE(inflateMessage(deflate, step.message, generousLimit), std::nullopt);
        QVERIFY(!step.message.compressed);
        received.append(step.message.payload);
    }
    QCOMPARE(received, messages);
}

void TestPerMessageDeflate::compressesLikeTheRfc_data()
{
    QTest::addColumn<DeflateParameters>("agreed");
    QTest::addColumn<Role>("role");
    QTest::addColumn<QByteArray>("second");

    // §7.2.3.2: with the window shared, the second "Hello" is one back-reference.
    QTest::addRow("server, takeover") << parameters(false, false) << Role::Server << hex("f200110000");
    QTest::addRow("client, takeover") << parameters(false, false) << Role::Client << hex("f200110000");
    // §7.1.1: without it, every message starts afresh and compresses the same.
    QTest::addRow("server, server_no_context_takeover") << parameters(true, false) << Role::Server
                                                        << hex("f248cdc9c90700");
    QTest::addRow("client, client_no_context_takeover") << parameters(false, true) << Role::Client
                                                        << hex("f248cdc9c90700");
    // The other direction's parameter does not concern the compressor.
    QTest::addRow("server, client_no_context_takeover") << parameters(false, true) << Role::Server
                                                        << hex("f200110000");
    QTest::addRow("client, server_no_context_takeover") << parameters(true, false) << Role::Client
                                                        << hex("f200110000");
}

void TestPerMessageDeflate::compressesLikeTheRfc()
{
    QFETCH(DeflateParameters, agreed);
    QFETCH(Role, role);
    QFETCH(QByteArray, second);

    PerMessageDeflate deflate(agreed, role);
    QCOMPARE(deflate.compress("Hello").toHex(' '), hex("f248cdc9c90700").toHex(' ')); // §7.2.3.1
    QCOMPARE(deflate.compress("Hello").toHex(' '), second.toHex(' '));
}

void TestPerMessageDeflate::emptyMessage_data()
{
    QTest::addColumn<bool>("takeover");
    QTest::addRow("takeover") << true;
    QTest::addRow("no takeover") << false;
}

void TestPerMessageDeflate::emptyMessage()
{
    QFETCH(bool, takeover);

    PerMessageDeflate server(symmetric(15, takeover), Role::Server);
    PerMessageDeflate client(symmetric(15, takeover), Role::Client);
    // An empty stored block without its tail, first or between messages.
    const QByteArrayList sent = {"", "Hello", "", "Hello", ""};
    for (const QByteArray &message : sent) {
        const QByteArray payload = server.compress(message);
        if (message.isEmpty())
            QCOMPARE(payload.toHex(), QByteArray("00"));
        QCOMPARE(describe(client.decompress(payload, generousLimit)), describe(message));
    }
    // No DEFLATE data at all is read as the empty message and leaves the window alone.
    QCOMPARE(describe(client.decompress({}, generousLimit)), describe(QByteArray()));
    QCOMPARE(describe(client.decompress(server.compress("Hello"), generousLimit)), describe("Hello"));
    QCOMPARE(describe(client.decompress("", 0)), describe(QByteArray()));
}

// Every size class against every window the server can compress with, both directions, with and
// without context takeover. Three messages per connection: the data, the same again (the window
// now holds it) and a variation.
void TestPerMessageDeflate::roundTrips_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("takeover");
    QTest::addColumn<bool>("isText");

    const std::pair<const char *, qsizetype> sizes[] = {
            {"0", 0}, {"1", 1}, {"125", 125}, {"64KiB", 64 * 1024}, {"1MiB", 1024 * 1024}};
    for (const auto &[sizeName, size] : sizes) {
        const QByteArray random = randomBytes(size, quint32(size));
        const QByteArray text = textBytes(size, quint32(size));
        for (int bits = minCompressWindowBits; bits <= maxWindowBits; ++bits) {
            for (bool takeover : {true, false}) {
                const char *mode = takeover ? "takeover" : "no takeover";
                QTest::addRow("random %s w=%d %s", sizeName, bits, mode) << random << bits << takeover << false;
                QTest::addRow("text %s w=%d %s", sizeName, bits, mode) << text << bits << takeover << true;
            }
        }
    }
}

void TestPerMessageDeflate::roundTrips()
{
    QFETCH(QByteArray, data);
    QFETCH(int, bits);
    QFETCH(bool, takeover);
    QFETCH(bool, isText);

    PerMessageDeflate server(symmetric(bits, takeover), Role::Server);
    PerMessageDeflate client(symmetric(bits, takeover), Role::Client);
    QCOMPARE(server.compressWindowBits(), bits);
    QCOMPARE(client.decompressWindowBits(), bits);

    QByteArray variation = data;
    if (!variation.isEmpty())
        variation[variation.size() / 2] = char(variation[variation.size() / 2] ^ 0x5a);
    QList<QByteArray> payloads;
    for (const QByteArray &message : {data, data, variation}) {
        const QByteArray toClient = server.compress(message);
        QCOMPARE(describe(client.decompress(toClient, data.size())), describe(message));
        const QByteArray toServer = client.compress(message);
        QCOMPARE(describe(server.decompress(toServer, data.size())), describe(message));
        payloads.append(toClient);
    }

    if (isText && data.size() >= 125)
        QVERIFY2(payloads[0].size() < data.size(), "text must shrink");
    // Incompressible data barely grows: 5 bytes per stored block, or Huffman-coded literals (about
    // 0.2%) when a small window cannot hold a whole stored block.
    QVERIFY(payloads[0].size() <= data.size() + data.size() / 256 + 16);
    // A 125-byte message fits every window: the repeat is nearly free with the window kept, and
    // byte for byte the first payload again without it.
    if (data.size() == 125) {
        if (takeover)
            QVERIFY2(payloads[1].size() < 16, QByteArray::number(payloads[1].size()));
        else
            QCOMPARE(payloads[1], payloads[0]);
    }
}

void TestPerMessageDeflate::optionsChangeSizeNotFormat_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("memLevel");

    for (int level : {0, 1, 6, 9}) {
        for (int memLevel : {1, 8, 9})
            QTest::addRow("level %d memLevel %d", level, memLevel) << level << memLevel;
    }
    QTest::addRow("out of range is clamped") << 42 << -3;
}

void TestPerMessageDeflate::optionsChangeSizeNotFormat()
{
    QFETCH(int, level);
    QFETCH(int, memLevel);

    const QByteArray text = textBytes(64 * 1024, 7692);
    PerMessageDeflate server(symmetric(15, true), Role::Server, DeflateOptions{level, memLevel});
    PerMessageDeflate client(symmetric(15, true), Role::Client); // the reader knows nothing of them
    for (int i = 0; i < 3; ++i) {
        const QByteArray payload = server.compress(text);
        QCOMPARE(describe(client.decompress(payload, text.size())), describe(text));
        if (level == 0)
            QVERIFY(payload.size() > text.size()); // stored only
    }
}

// The window is a promise: the sender reaches back no further into earlier messages, and the
// receiver keeps no more of them. A second message that repeats the first refers back `distance`
// bytes into it: readable only if the receiver's window holds that much.
void TestPerMessageDeflate::windowBitsLimitBackReferences_data()
{
    QTest::addColumn<int>("compressBits");
    QTest::addColumn<int>("inflateBits");
    QTest::addColumn<int>("distance");
    QTest::addColumn<bool>("readable");

    QTest::addRow("w=10, read with 10, distance 600") << 10 << 10 << 600 << true;
    QTest::addRow("w=10, read with 15, distance 600") << 10 << 15 << 600 << true;
    QTest::addRow("w=10, read with 9, distance 600") << 10 << 9 << 600 << false;
    QTest::addRow("w=12, read with 12, distance 3000") << 12 << 12 << 3000 << true;
    QTest::addRow("w=12, read with 11, distance 3000") << 12 << 11 << 3000 << false;
    QTest::addRow("w=15, read with 15, distance 20000") << 15 << 15 << 20000 << true;
    QTest::addRow("w=15, read with 14, distance 20000") << 15 << 14 << 20000 << false;
}

void TestPerMessageDeflate::windowBitsLimitBackReferences()
{
    QFETCH(int, compressBits);
    QFETCH(int, inflateBits);
    QFETCH(int, distance);
    QFETCH(bool, readable);

    const QByteArray message = randomBytes(distance, quint32(distance));
    PerMessageDeflate server(parameters(false, false, compressBits, 15), Role::Server);
    PerMessageDeflate client(parameters(false, false, inflateBits, 15), Role::Client);
    QCOMPARE(describe(client.decompress(server.compress(message), message.size())), describe(message));
    const QByteArray repeat = server.compress(message);
    // Matches into the first message (at most 258 bytes each), no literals.
    QVERIFY2(repeat.size() < message.size() / 16, QByteArray::number(repeat.size()));
    const Inflated expected = readable ? Inflated(message) : Inflated(DecodeError::InflateFailed);
    QCOMPARE(describe(client.decompress(repeat, message.size())), describe(expected));
}

// A server may hold a client to client_max_window_bits=8 (§7.1.2.2). The codec keeps that promise
// with stored blocks; the proof is a 256-byte inflater reading it across messages.
void TestPerMessageDeflate::compressesWithinA256ByteWindow()
{
    const DeflateParameters agreed = parameters(false, false, 15, 8);
    PerMessageDeflate client(agreed, Role::Client);
    PerMessageDeflate server(agreed, Role::Server);
    QCOMPARE(client.compressWindowBits(), 8);
    QCOMPARE(server.decompressWindowBits(), 8);

    const QByteArray block = randomBytes(300, 256);
    for (const QByteArray &message : {block + block, block, textBytes(4000, 8) + block}) {
        const QByteArray payload = client.compress(message);
        QCOMPARE(describe(server.decompress(payload, message.size())), describe(message));
    }
}

void TestPerMessageDeflate::contextTakeoverDecidesTheSecondMessage_data()
{
    QTest::addColumn<bool>("clientNoContextTakeover");
    QTest::addColumn<QByteArray>("second");

    // §7.2.3.2's second message refers to the first. A server that agreed to
    // client_no_context_takeover starts each message with an empty window, so it cannot read it.
    QTest::addRow("takeover") << false << QByteArray("Hello");
    QTest::addRow("client_no_context_takeover") << true << QByteArray();
}

void TestPerMessageDeflate::contextTakeoverDecidesTheSecondMessage()
{
    QFETCH(bool, clientNoContextTakeover);
    QFETCH(QByteArray, second);

    PerMessageDeflate server(parameters(false, clientNoContextTakeover), Role::Server);
    QCOMPARE(server.keepsDecompressContext(), !clientNoContextTakeover);
    QCOMPARE(describe(server.decompress(hex("f248cdc9c90700"), 5)), describe("Hello"));
    const Inflated expected = second.isEmpty() ? Inflated(DecodeError::InflateFailed) : Inflated(second);
    QCOMPARE(describe(server.decompress(hex("f200110000"), 5)), describe(expected));
}

// §7.2.3.4: after a BFINAL block the data goes on as a new DEFLATE stream; the message's and the
// connection's window must survive the restart.
void TestPerMessageDeflate::windowSurvivesAFinalBlock()
{
    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    QCOMPARE(describe(client.decompress(hex("f348cdc9c9070000"), 5)), describe("Hello"));
    QCOMPARE(describe(client.decompress(hex("f200110000"), 5)), describe("Hello"));
    // Within one message: BFINAL "Hello", then a new stream that refers back to it.
    QCOMPARE(describe(client.decompress(hex("f348cdc9c90700") + hex("f200110000"), 10)), describe("HelloHello"));
}

// A copy of the decompressor reads the messages to come (RFC 7692 §7.2.3.2: the second refers to the
// first) and leaves the original where it was; the original then reads them the same.
void TestPerMessageDeflate::decompressorCopyRunsAheadWithoutDisturbing()
{
    PerMessageDeflate server(parameters(false, false), Role::Server);
    QCOMPARE(describe(server.decompress(hex("f248cdc9c90700"), 5)), describe("Hello"));
    const qint64 memory = server.zlibMemory();
    {
        PerMessageDeflate ahead = server.decompressorCopy();
        QCOMPARE(describe(ahead.decompress(hex("f200110000"), 5)), describe("Hello"));
        QCOMPARE(describe(ahead.decompress(hex("f200110000"), 5)), describe("Hello"));
        QVERIFY(ahead.zlibMemory() > 0);
        QCOMPARE(server.zlibMemory(), memory); // the copy's memory is its own
    }
    QCOMPARE(server.zlibMemory(), memory);
    QCOMPARE(describe(server.decompress(hex("f200110000"), 5)), describe("Hello"));
    // Without a window to carry (no context takeover) the copy starts empty, as the original does.
    PerMessageDeflate forgetful(parameters(false, true), Role::Server);
    QCOMPARE(describe(forgetful.decompress(hex("f248cdc9c90700"), 5)), describe("Hello"));
    PerMessageDeflate copy = forgetful.decompressorCopy();
    QCOMPARE(copy.zlibMemory(), 0);
    QCOMPARE(describe(copy.decompress(hex("f200110000"), 5)), describe(Inflated(DecodeError::InflateFailed)));
}

void TestPerMessageDeflate::boundsOutput_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<bool>("fits");

    const QByteArray mib(1024 * 1024, 'z');
    QTest::addRow("5 bytes, limit 5") << QByteArray("Hello") << qint64(5) << true;
    QTest::addRow("5 bytes, limit 4") << QByteArray("Hello") << qint64(4) << false;
    QTest::addRow("5 bytes, limit 0") << QByteArray("Hello") << qint64(0) << false;
    QTest::addRow("5 bytes, negative limit") << QByteArray("Hello") << qint64(-1) << false;
    QTest::addRow("empty, limit 0") << QByteArray() << qint64(0) << true;
    QTest::addRow("1 MiB, limit 1 MiB") << mib << qint64(mib.size()) << true;
    QTest::addRow("1 MiB, limit 1 MiB - 1") << mib << qint64(mib.size() - 1) << false;
    QTest::addRow("1 MiB, limit 64 KiB") << mib << qint64(64 * 1024) << false;
    QTest::addRow("1 MiB, limit max") << mib << std::numeric_limits<qint64>::max() << true;
}

void TestPerMessageDeflate::boundsOutput()
{
    QFETCH(QByteArray, message);
    QFETCH(qint64, maxSize);
    QFETCH(bool, fits);

    PerMessageDeflate server(DeflateParameters{}, Role::Server);
    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    const Inflated expected = fits ? Inflated(message) : Inflated(DecodeError::MessageTooLarge);
    QCOMPARE(describe(client.decompress(server.compress(message), maxSize)), describe(expected));
}

void TestPerMessageDeflate::finalBlockOneByteOverTheLimitIsTooLarge_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<QByteArray>("expected");

    // Both payloads are one fixed-Huffman block with BFINAL set (RFC 7692 §7.2.3.4).
    QTest::addRow("Hello, limit 5") << hex("f348cdc9c90700") << qint64(5) << describe("Hello");
    QTest::addRow("Hello, limit 4") << hex("f348cdc9c90700") << qint64(4) << describe(DecodeError::MessageTooLarge);
    QTest::addRow("2 bytes, limit 2") << hex("0b2d0000") << qint64(2) << describe("Up");
    QTest::addRow("2 bytes, limit 1") << hex("0b2d0000") << qint64(1) << describe(DecodeError::MessageTooLarge);
    QTest::addRow("2 bytes, limit 0") << hex("0b2d0000") << qint64(0) << describe(DecodeError::MessageTooLarge);
}

// Regression (found by fuzz_inflate): a message ending in a final block returned maxSize + 1 bytes,
// the one byte the output holds to notice "too large", because the end of the DEFLATE stream
// returned before more room was asked for.
void TestPerMessageDeflate::finalBlockOneByteOverTheLimitIsTooLarge()
{
    QFETCH(QByteArray, payload);
    QFETCH(qint64, maxSize);
    QFETCH(QByteArray, expected);

    PerMessageDeflate server(DeflateParameters{}, Role::Server);
    QCOMPARE(describe(server.decompress(payload, maxSize)), expected);
}

// About 1 MiB on the wire that inflates to 1 GiB. With a 16 MiB limit it must stop after 16 MiB:
// the process's peak memory grows by far less than the bomb's size, and quickly.
void TestPerMessageDeflate::zipBombFailsFastWithBoundedMemory()
{
    const QByteArray small = zipBomb(1); // 1 MiB from about 1 KiB: DEFLATE's ratio is ~1032:1
    QVERIFY2(small.size() < 1200, QByteArray::number(small.size()));
    {
        PerMessageDeflate client(DeflateParameters{}, Role::Client);
        QCOMPARE(describe(client.decompress(small, 64 * 1024)), describe(DecodeError::MessageTooLarge));
    }

    const QByteArray bomb = zipBomb(1024);
    QVERIFY2(bomb.size() < 2 * 1024 * 1024, QByteArray::number(bomb.size()));
    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    const qint64 peakBefore = peakResidentKiB();
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(describe(client.decompress(bomb, 16 * 1024 * 1024)), describe(DecodeError::MessageTooLarge));
    const qint64 elapsedMs = clock.elapsed();
    const qint64 growthKiB = peakResidentKiB() - peakBefore;
    QVERIFY2(growthKiB < 256 * 1024, QByteArray::number(growthKiB) + " KiB"); // 1 GiB had it inflated all
    QVERIFY2(elapsedMs < 10'000, QByteArray::number(elapsedMs) + " ms");

    // Sticky, and the inflater's memory is gone.
    QCOMPARE(client.error(), std::optional(DecodeError::MessageTooLarge));
    QCOMPARE(client.zlibMemory(), 0);
    QCOMPARE(describe(client.decompress(hex("f248cdc9c90700"), 5)), describe(DecodeError::MessageTooLarge));
}

void TestPerMessageDeflate::rejectsCorruptData_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::addRow("reserved block type 11") << hex("06");
    QTest::addRow("stored block, NLEN not the complement") << hex("0005000000" "48656c6c6f");
    QTest::addRow("distance before the start") << hex("f200110000"); // §7.2.3.2's second, alone
    QTest::addRow("truncated block") << hex("f248cd");
    QTest::addRow("zlib header instead of raw") << hex("789cf248cdc9c90700");
    QTest::addRow("tail not stripped") << hex("f248cdc9c907000000ffff");
    QTest::addRow("all ones") << hex("ffffffff");
    QTest::addRow("not DEFLATE after a final block") << hex("f348cdc9c90700" "06");
    QTest::addRow("ends inside a stored block") << hex("000500faff4865");
    QTest::addRow("ends mid-byte after a block") << hex("f248cdc9c90702");
}

void TestPerMessageDeflate::rejectsCorruptData()
{
    QFETCH(QByteArray, payload);

    PerMessageDeflate client(DeflateParameters{}, Role::Client);
    QCOMPARE(describe(client.decompress(payload, generousLimit)), describe(DecodeError::InflateFailed));
    QCOMPARE(client.error(), std::optional(DecodeError::InflateFailed));
    QCOMPARE(client.zlibMemory(), 0);
    // Sticky: the window is unknown now, so even a good message cannot be trusted.
    QCOMPARE(describe(client.decompress(hex("f248cdc9c90700"), generousLimit)), describe(DecodeError::InflateFailed));
    // The compressor is unaffected.
    QCOMPARE(client.compress("Hello").toHex(), QByteArray("f248cdc9c90700"));
}

void TestPerMessageDeflate::holdsMemoryOnlyWhenNeeded_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("memLevel");
    QTest::addColumn<bool>("takeover");

    for (int bits : {9, 12, 15}) {
        for (int memLevel : {1, 8}) {
            QTest::addRow("w=%d memLevel=%d takeover", bits, memLevel) << bits << memLevel << true;
            QTest::addRow("w=%d memLevel=%d no takeover", bits, memLevel) << bits << memLevel << false;
        }
    }
}

// The per-connection cost documented in permessagedeflate.h, measured through zlib's allocator.
void TestPerMessageDeflate::holdsMemoryOnlyWhenNeeded()
{
    QFETCH(int, bits);
    QFETCH(int, memLevel);
    QFETCH(bool, takeover);

    const qint64 slack = 16 * 1024; // zlib's state structures
    const qint64 compressorWindows = (qint64(1) << (bits + 2)) + (qint64(1) << (memLevel + 9));
    const qint64 decompressorWindow = qint64(1) << bits;
    const QByteArray text = textBytes(4096, 1);

    PerMessageDeflate sender(symmetric(bits, takeover), Role::Server, DeflateOptions{6, memLevel});
    QCOMPARE(sender.zlibMemory(), 0); // nothing before the first message
    const QByteArray payload = sender.compress(text);
    if (takeover) {
        QVERIFY2(sender.zlibMemory() >= compressorWindows, QByteArray::number(sender.zlibMemory()));
        QVERIFY2(sender.zlibMemory() <= compressorWindows + slack, QByteArray::number(sender.zlibMemory()));
    } else {
        QCOMPARE(sender.zlibMemory(), 0);
    }

    PerMessageDeflate receiver(symmetric(bits, takeover), Role::Client);
    QCOMPARE(receiver.zlibMemory(), 0);
    QCOMPARE(describe(receiver.decompress(payload, text.size())), describe(text));
    if (takeover) {
        QVERIFY2(receiver.zlibMemory() >= decompressorWindow, QByteArray::number(receiver.zlibMemory()));
        QVERIFY2(receiver.zlibMemory() <= decompressorWindow + slack, QByteArray::number(receiver.zlibMemory()));
    } else {
        QCOMPARE(receiver.zlibMemory(), 0);
    }
}

void TestPerMessageDeflate::movedCodecKeepsItsContext()
{
    PerMessageDeflate first(DeflateParameters{}, Role::Server);
    QCOMPARE(first.compress("Hello").toHex(), QByteArray("f248cdc9c90700"));
    PerMessageDeflate moved = std::move(first);
    QCOMPARE(moved.compress("Hello").toHex(), QByteArray("f200110000"));
    QVERIFY(moved.zlibMemory() > 0);
}

void TestPerMessageDeflate::inflateMessageValidatesText_data()
{
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("compressed");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<QByteArray>("expectedPayload");
    QTest::addColumn<std::optional<DecodeError>>("expectedError");

    // A fresh compressor per row: each row is the first message of its connection.
    auto deflated = [](const QByteArray &plain) {
        return PerMessageDeflate(DeflateParameters{}, Role::Client).compress(plain);
    };
    const std::optional<DecodeError> ok;
    const QByteArray text = "Grüße, 消息 🙂";

    QTest::addRow("compressed text") << Opcode::Text << deflated(text) << true << generousLimit << text << ok;
    QTest::addRow("compressed empty text") << Opcode::Text << deflated("") << true << generousLimit << QByteArray() << ok;
    QTest::addRow("compressed text, invalid UTF-8")
            << Opcode::Text << deflated("ab\xff") << true << generousLimit << QByteArray("ab\xff")
            << std::optional(DecodeError::InvalidUtf8);
    QTest::addRow("compressed text, truncated sequence")
            << Opcode::Text << deflated("\xe6\xb6") << true << generousLimit << QByteArray("\xe6\xb6")
            << std::optional(DecodeError::InvalidUtf8);
    QTest::addRow("compressed binary, any bytes")
            << Opcode::Binary << deflated("ab\xff") << true << generousLimit << QByteArray("ab\xff") << ok;
    QTest::addRow("uncompressed message is left alone")
            << Opcode::Binary << hex("f248cdc9c90700") << false << qint64(0) << hex("f248cdc9c90700") << ok;
    QTest::addRow("corrupt") << Opcode::Text << hex("06") << true << generousLimit << hex("06")
                             << std::optional(DecodeError::InflateFailed);
    QTest::addRow("too large") << Opcode::Text << deflated(text) << true << qint64(text.size() - 1)
                               << deflated(text) << std::optional(DecodeError::MessageTooLarge);
}

void TestPerMessageDeflate::inflateMessageValidatesText()
{
    QFETCH(Opcode, opcode);
    QFETCH(QByteArray, payload);
    QFETCH(bool, compressed);
    QFETCH(qint64, maxSize);
    QFETCH(QByteArray, expectedPayload);
    QFETCH(std::optional<DecodeError>, expectedError);

    PerMessageDeflate server(DeflateParameters{}, Role::Server);
    Message message{opcode, payload, 1, compressed};
    QCOMPARE(inflateMessage(server, message, maxSize), expectedError);
    QCOMPARE(message.payload, expectedPayload);
    // Inflated means no longer compressed; a failed inflate leaves the message as it came.
    const bool inflated = compressed && expectedError != DecodeError::InflateFailed
            && expectedError != DecodeError::MessageTooLarge;
    QCOMPARE(message.compressed, compressed && !inflated);
}

QTEST_GUILESS_MAIN(TestPerMessageDeflate)
#include "tst_permessagedeflate.moc"
