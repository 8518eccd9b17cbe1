#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QRandomGenerator>
#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::DecodeError)

namespace {

QByteArray hex(const char *text) { return QByteArray::fromHex(text); }

QList<DecodedFrame> decodeAll(QByteArrayView stream, DecoderOptions options, std::optional<DecodeError> *error = nullptr)
{
    FrameDecoder decoder(options);
    QList<DecodedFrame> frames;
    const auto result = decoder.feed(stream, frames);
    if (error)
        *error = result;
    return frames;
}

// Feeds the stream in the given pieces and returns what came out.
QList<DecodedFrame> decodeInPieces(const QByteArray &stream, const QList<qsizetype> &cuts, DecoderOptions options)
{
    FrameDecoder decoder(options);
    QList<DecodedFrame> frames;
    qsizetype start = 0;
    for (qsizetype cut : cuts) {
        [[maybe_unused]] auto error = decoder.feed(QByteArrayView(stream).sliced(start, cut - start), frames);
        start = cut;
    }
    [[maybe_unused]] auto error = decoder.feed(QByteArrayView(stream).sliced(start), frames);
    return frames;
}

bool sameFrames(const QList<DecodedFrame> &a, const QList<DecodedFrame> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!(a[i].header == b[i].header) || a[i].payload != b[i].payload || a[i].wireBytes() != b[i].wireBytes())
            return false;
    }
    return true;
}

// Frames of every length form and opcode class, masked as a client sends them.
QByteArray mixedClientStream()
{
    QByteArray stream;
    const MaskKey key{0x12, 0x34, 0x56, 0x78};
    stream += FrameEncoder::encode(Opcode::Text, "Hello", true, key);
    stream += FrameEncoder::encode(Opcode::Binary, QByteArray(126, 'b'), false, key);
    stream += FrameEncoder::encode(Opcode::Ping, "p", true, key);
    stream += FrameEncoder::encode(Opcode::Continuation, QByteArray(), false, key);
    stream += FrameEncoder::encode(Opcode::Continuation, QByteArray(70'000, 'c'), true, MaskKey{0, 0, 0, 0});
    stream += FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(1000, "bye"), true, key);
    return stream;
}

} // namespace

class TestFrameDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfcExamples_data();
    void rfcExamples();
    void lengthBoundaries_data();
    void lengthBoundaries();
    void sameFramesWholeOrSplitAnywhere();
    void sameFramesByteByByte();
    void sameFramesRandomSplits();
    void sharedPayloadsDecodeTheSame();
    void smallPayloadsOfOnePieceShareOneBlock();
    void sharedPayloadsOutliveEachOtherAndTheDecoder();
    void errors_data();
    void errors();
    void framingOnlyJudgesOnlyFraming_data();
    void framingOnlyJudgesOnlyFraming();
    void errorIsStickyAndKeepsEarlierFrames();
    void frameTooLargeDecidedFromHeaderAlone();
    void announcedLengthDoesNotPreallocate();
    void partialFrameExposesUnmaskedPrefix();
    void rsv1AllowedWhenExtensionNegotiated();
    void wireBytesReproduceInput();
    void readFrameAcceptsAnyHeader();
    void readFrameRejectsIncompleteOrTrailingBytes();
};

void TestFrameDecoder::rfcExamples_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("role");
    QTest::addColumn<QList<int>>("opcodes");
    QTest::addColumn<QByteArray>("payload"); // all frames' payloads concatenated

    // RFC 6455 §5.7
    QTest::addRow("single-frame unmasked text") << hex("810548656c6c6f") << int(Role::Client) << QList<int>{1} << QByteArray("Hello");
    QTest::addRow("single-frame masked text") << hex("818537fa213d7f9f4d5158") << int(Role::Server) << QList<int>{1} << QByteArray("Hello");
    QTest::addRow("fragmented unmasked text") << hex("010348656c80026c6f") << int(Role::Client) << QList<int>{1, 0} << QByteArray("Hello");
    QTest::addRow("unmasked ping") << hex("890548656c6c6f") << int(Role::Client) << QList<int>{9} << QByteArray("Hello");
    QTest::addRow("masked pong") << hex("8a8537fa213d7f9f4d5158") << int(Role::Server) << QList<int>{10} << QByteArray("Hello");
    QTest::addRow("256 bytes binary, 16-bit length") << hex("827e0100") + QByteArray(256, '\x5a') << int(Role::Client) << QList<int>{2} << QByteArray(256, '\x5a');
    QTest::addRow("64 KiB binary, 64-bit length") << hex("827f0000000000010000") + QByteArray(65536, '\x01') << int(Role::Client) << QList<int>{2} << QByteArray(65536, '\x01');
}

void TestFrameDecoder::rfcExamples()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, role);
    QFETCH(QList<int>, opcodes);
    QFETCH(QByteArray, payload);

    std::optional<DecodeError> error;
    const auto frames = decodeAll(wire, {Role(role)}, &error);
    QVERIFY(!error);
    QCOMPARE(frames.size(), opcodes.size());
    QByteArray joined;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        QCOMPARE(int(frames[i].header.opcode), opcodes[i]);
        QCOMPARE(frames[i].header.fin, i == frames.size() - 1);
        joined += frames[i].payload;
    }
    QCOMPARE(joined, payload);
}

void TestFrameDecoder::lengthBoundaries_data()
{
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<int>("form");
    QTest::addColumn<int>("headerSize");
    for (qsizetype length : {0, 1, 125})
        QTest::addRow("len=%lld 7-bit", qlonglong(length)) << length << int(LengthForm::Short7) << 6;
    for (qsizetype length : {126, 127, 65535})
        QTest::addRow("len=%lld 16-bit", qlonglong(length)) << length << int(LengthForm::Extended16) << 8;
    for (qsizetype length : {65536, 1 << 20})
        QTest::addRow("len=%lld 64-bit", qlonglong(length)) << length << int(LengthForm::Extended64) << 14;
}

void TestFrameDecoder::lengthBoundaries()
{
    QFETCH(qsizetype, length);
    QFETCH(int, form);
    QFETCH(int, headerSize);

    QByteArray payload(length, Qt::Uninitialized);
    for (qsizetype i = 0; i < length; ++i)
        payload[i] = char(i * 7 + 3);
    const QByteArray wire = FrameEncoder::encode(Opcode::Binary, payload, true, MaskKey{1, 2, 3, 4});
    QCOMPARE(wire.size(), headerSize + length);

    std::optional<DecodeError> error;
    const auto frames = decodeAll(wire, {}, &error);
    QVERIFY(!error);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(int(frames[0].header.lengthForm), form);
    QCOMPARE(frames[0].header.payloadLength, quint64(length));
    QCOMPARE(frames[0].headerSize(), headerSize);
    QCOMPARE(frames[0].payload, payload);
    QCOMPARE(frames[0].wireBytes(), wire);
}

void TestFrameDecoder::sameFramesWholeOrSplitAnywhere()
{
    const QByteArray stream = mixedClientStream().first(400); // every header boundary is in the first 400 bytes
    const QByteArray full = mixedClientStream();
    const auto whole = decodeAll(full, {});
    QCOMPARE(whole.size(), 6);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut)
        QVERIFY2(sameFrames(decodeInPieces(full, {cut}, {}), whole), qPrintable(QStringLiteral("cut at %1").arg(cut)));
}

void TestFrameDecoder::sameFramesByteByByte()
{
    const QByteArray stream = mixedClientStream();
    const auto whole = decodeAll(stream, {});
    FrameDecoder decoder;
    QList<DecodedFrame> frames;
    for (char byte : stream)
        QVERIFY(!decoder.feed(QByteArrayView(&byte, 1), frames));
    QVERIFY(sameFrames(frames, whole));
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void TestFrameDecoder::sameFramesRandomSplits()
{
    const QByteArray stream = mixedClientStream();
    const auto whole = decodeAll(stream, {});
    QRandomGenerator random(6455); // fixed seed: a failure is reproducible
    for (int round = 0; round < 200; ++round) {
        QList<qsizetype> cuts;
        qsizetype position = 0;
        while (true) {
            position += random.bounded(1, round % 2 ? 20 : 5000);
            if (position >= stream.size())
                break;
            cuts.append(position);
        }
        QVERIFY2(sameFrames(decodeInPieces(stream, cuts, {}), whole), qPrintable(QStringLiteral("round %1").arg(round)));
    }
}

void TestFrameDecoder::sharedPayloadsDecodeTheSame()
{
    const QByteArray stream = mixedClientStream();
    const auto whole = decodeAll(stream, {});
    DecoderOptions shared;
    shared.sharePayloads = true;
    QVERIFY(sameFrames(decodeAll(stream, shared), whole));
    for (qsizetype cut = 0; cut <= 400; ++cut)
        QVERIFY2(sameFrames(decodeInPieces(stream, {cut}, shared), whole), qPrintable(QStringLiteral("cut at %1").arg(cut)));
    FrameDecoder decoder(shared);
    QList<DecodedFrame> frames;
    for (char byte : stream)
        QVERIFY(!decoder.feed(QByteArrayView(&byte, 1), frames));
    QVERIFY(sameFrames(frames, whole));
}

// Pipelined small frames in one read: their payloads lie one after the other in one allocation; a
// payload over 1 KiB, or one that goes on in the next read, has its own.
void TestFrameDecoder::smallPayloadsOfOnePieceShareOneBlock()
{
    QByteArray piece;
    const MaskKey key{1, 2, 3, 4};
    for (int i = 0; i < 16; ++i)
        piece += FrameEncoder::encode(Opcode::Binary, QByteArray(16, char('a' + i)), true, key);
    piece += FrameEncoder::encode(Opcode::Binary, QByteArray(1025, 'L'), true, key);
    piece += FrameEncoder::encode(Opcode::Text, "tail", true, key);
    const QByteArray cutOff = FrameEncoder::encode(Opcode::Text, "cut", true, key);
    piece += cutOff.first(cutOff.size() - 1);

    DecoderOptions shared;
    shared.sharePayloads = true;
    FrameDecoder decoder(shared);
    QList<DecodedFrame> frames;
    QVERIFY(!decoder.feed(piece, frames));
    QCOMPARE(frames.size(), 18);
    for (int i = 1; i < 16; ++i) {
        QCOMPARE(frames.at(i).payload, QByteArray(16, char('a' + i)));
        QCOMPARE(frames.at(i).payload.constData(), frames.at(i - 1).payload.constData() + 16);
    }
    QCOMPARE(frames.at(16).payload, QByteArray(1025, 'L'));
    QVERIFY(!frames.at(16).payload.isSharedWith(frames.at(0).payload));
    QCOMPARE(frames.at(17).payload, QByteArray("tail"));
    QVERIFY(!decoder.feed(cutOff.last(1), frames));
    QCOMPARE(frames.size(), 19);
    QCOMPARE(frames.at(18).payload, QByteArray("cut"));
    QVERIFY(!frames.at(18).payload.isSharedWith(frames.at(17).payload));
}

void TestFrameDecoder::sharedPayloadsOutliveEachOtherAndTheDecoder()
{
    QByteArray piece;
    for (int i = 0; i < 8; ++i)
        piece += FrameEncoder::encode(Opcode::Binary, QByteArray(10, char('0' + i)));
    QList<DecodedFrame> frames;
    {
        DecoderOptions options;
        options.role = Role::Client;
        options.sharePayloads = true;
        FrameDecoder decoder(options);
        QVERIFY(!decoder.feed(piece, frames));
    }
    QCOMPARE(frames.size(), 8);
    // Changed, a payload is copied out of the block: its neighbours keep their bytes.
    frames[3].payload[0] = 'x';
    frames[3].payload.append("more");
    QCOMPARE(frames.at(3).payload, QByteArray("x333333333more"));
    QCOMPARE(frames.at(2).payload, QByteArray(10, '2'));
    QCOMPARE(frames.at(4).payload, QByteArray(10, '4'));
    const DecodedFrame last = frames.last();
    frames.clear();
    QCOMPARE(last.payload, QByteArray(10, '7'));
    QCOMPARE(last.wireBytes(), piece.last(12));
}

void TestFrameDecoder::errors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("role");
    QTest::addColumn<DecodeError>("error");
    QTest::addColumn<quint16>("closeCode");

    const auto server = int(Role::Server);
    QTest::addRow("RSV1 without extension") << hex("c18000000000") << server << DecodeError::ReservedBitsSet << quint16(1002);
    QTest::addRow("RSV2") << hex("a18000000000") << server << DecodeError::ReservedBitsSet << quint16(1002);
    QTest::addRow("RSV3") << hex("918000000000") << server << DecodeError::ReservedBitsSet << quint16(1002);
    for (int opcode : {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
        QTest::addRow("reserved opcode 0x%X", opcode) << QByteArray(1, char(0x80 | opcode)) + hex("8000000000") << server << DecodeError::ReservedOpcode << quint16(1002);
    QTest::addRow("fragmented ping") << hex("098000000000") << server << DecodeError::FragmentedControlFrame << quint16(1002);
    QTest::addRow("fragmented close") << hex("088000000000") << server << DecodeError::FragmentedControlFrame << quint16(1002);
    QTest::addRow("ping of 126 bytes") << hex("89fe007e00000000") << server << DecodeError::ControlFrameTooLong << quint16(1002);
    QTest::addRow("RSV1 on a control frame") << hex("c98000000000") << server << DecodeError::ReservedBitsSet << quint16(1002);
    QTest::addRow("16-bit form for 5 bytes") << hex("81fe000500000000") << server << DecodeError::NonMinimalLength << quint16(1002);
    QTest::addRow("64-bit form for 125 bytes") << hex("81ff000000000000007d00000000") << server << DecodeError::NonMinimalLength << quint16(1002);
    QTest::addRow("64-bit form for 65535 bytes") << hex("82ff000000000000ffff00000000") << server << DecodeError::NonMinimalLength << quint16(1002);
    QTest::addRow("64-bit length top bit") << hex("82ff800000000000000000000000") << server << DecodeError::LengthTopBitSet << quint16(1002);
    QTest::addRow("frame over the limit") << hex("82ff000000000100000100000000") << server << DecodeError::FrameTooLarge << quint16(1009);
    QTest::addRow("unmasked client frame") << hex("810548656c6c6f") << server << DecodeError::UnmaskedClientFrame << quint16(1002);
    QTest::addRow("masked server frame") << hex("818537fa213d7f9f4d5158") << int(Role::Client) << DecodeError::MaskedServerFrame << quint16(1002);
}

void TestFrameDecoder::framingOnlyJudgesOnlyFraming_data()
{
    errors_data();
}

// A relay that holds frames cuts the stream without judging it: every frame that breaks a rule is
// still one whole frame, with its bytes as they were; only what framing needs can fail.
void TestFrameDecoder::framingOnlyJudgesOnlyFraming()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, role);
    QFETCH(DecodeError, error);
    const bool framing = error == DecodeError::LengthTopBitSet || error == DecodeError::FrameTooLarge;
    const auto header = FrameDecoder::peekHeader(wire);
    QVERIFY(header);
    if (!framing) // the rest of the payload the header announces
        wire += QByteArray(qsizetype(header->size() + header->payloadLength) - wire.size(), '\0');
    DecoderOptions options{Role(role)};
    options.framingOnly = true;
    options.maxFramePayload = 1 << 20;
    FrameDecoder decoder(options);
    QList<DecodedFrame> frames;
    const auto failed = decoder.feed(wire, frames);
    if (framing) {
        QCOMPARE(failed, std::optional<DecodeError>(error));
        return;
    }
    QVERIFY(!failed);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.constFirst().wireBytes(), wire);
}

void TestFrameDecoder::errors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, role);
    QFETCH(DecodeError, error);
    QFETCH(quint16, closeCode);

    FrameDecoder decoder({Role(role)});
    QList<DecodedFrame> frames;
    QCOMPARE(decoder.feed(wire, frames), error);
    QVERIFY(frames.isEmpty());
    QCOMPARE(decoder.error(), error);
    QCOMPARE(closeCodeFor(error), closeCode);
    QVERIFY(wire.startsWith(decoder.errorBytes()));
    QVERIFY(!decoder.errorBytes().isEmpty());
    QVERIFY(qstrlen(decodeErrorReason(error)) > 10);
}

void TestFrameDecoder::errorIsStickyAndKeepsEarlierFrames()
{
    const MaskKey key{9, 8, 7, 6};
    const QByteArray good = FrameEncoder::encode(Opcode::Text, "ok", true, key);
    const QByteArray bad = hex("838000000000"); // reserved opcode 0x3
    FrameDecoder decoder;
    QList<DecodedFrame> frames;
    QCOMPARE(decoder.feed(good + bad + good, frames), DecodeError::ReservedOpcode);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].payload, QByteArray("ok"));
    QCOMPARE(decoder.feed(good, frames), DecodeError::ReservedOpcode);
    QCOMPARE(frames.size(), 1);
}

void TestFrameDecoder::frameTooLargeDecidedFromHeaderAlone()
{
    FrameDecoder decoder({Role::Server, 1000});
    QList<DecodedFrame> frames;
    // Only the 8-byte header of a 1001-byte frame: the limit is known without any payload.
    QCOMPARE(decoder.feed(hex("82fe03e9a1b2c3d4"), frames), DecodeError::FrameTooLarge);
    FrameDecoder atLimit({Role::Server, 1000});
    QVERIFY(!atLimit.feed(hex("82fe03e8a1b2c3d4"), frames));
}

void TestFrameDecoder::announcedLengthDoesNotPreallocate()
{
    FrameDecoder decoder;
    QList<DecodedFrame> frames;
    // A header announcing 16 MiB followed by 10 bytes must not reserve 16 MiB.
    QVERIFY(!decoder.feed(hex("82ff000000000100000001020304") + QByteArray(10, 'x'), frames));
    const auto partial = decoder.partialFrame();
    QVERIFY(partial);
    QCOMPARE(partial->payloadSoFar.size(), 10);
    QCOMPARE(partial->header->payloadLength, quint64(16 * 1024 * 1024));
    QCOMPARE(decoder.bufferedBytes(), 10);
}

void TestFrameDecoder::partialFrameExposesUnmaskedPrefix()
{
    const QByteArray wire = hex("818537fa213d7f9f4d5158"); // masked "Hello"
    FrameDecoder decoder;
    QList<DecodedFrame> frames;
    QVERIFY(!decoder.partialFrame());
    QVERIFY(!decoder.feed(wire.first(5), frames)); // header incomplete: nothing consumed as a frame
    QVERIFY(!decoder.partialFrame());
    QVERIFY(!decoder.feed(wire.sliced(5, 4), frames)); // rest of the header + "Hel"
    QCOMPARE(decoder.partialFrame()->payloadSoFar, QByteArrayView("Hel"));
    QVERIFY(!decoder.feed(wire.sliced(9), frames));
    QVERIFY(!decoder.partialFrame());
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames[0].payload, QByteArray("Hello"));
}

void TestFrameDecoder::rsv1AllowedWhenExtensionNegotiated()
{
    FrameDecoder decoder({Role::Server, 1 << 20, true});
    QList<DecodedFrame> frames;
    QVERIFY(!decoder.feed(hex("c18000000000"), frames));
    QCOMPARE(frames.size(), 1);
    QVERIFY(frames[0].header.rsv1);
    // RFC 7692 §6.1: never on continuation or control frames.
    QCOMPARE(decoder.feed(hex("408000000000"), frames), DecodeError::ReservedBitsSet);
}

void TestFrameDecoder::wireBytesReproduceInput()
{
    const QByteArray stream = mixedClientStream();
    const auto frames = decodeAll(stream, {});
    QByteArray rebuilt;
    for (const auto &frame : frames) {
        rebuilt += frame.wireBytes();
        QCOMPARE(frame.wireHeader() + frame.maskedPayload(), frame.wireBytes());
    }
    QCOMPARE(rebuilt, stream);
}

void TestFrameDecoder::readFrameAcceptsAnyHeader()
{
    FrameHeader header;
    header.fin = false;
    header.rsv2 = true;
    header.opcode = Opcode::ReservedControlB;
    header.masked = true;
    header.maskKey = {0, 0, 0, 0};
    header.payloadLength = 3;
    header.lengthForm = LengthForm::Extended64; // non-minimal on purpose
    const QByteArray wire = FrameEncoder::writeRaw(header, "abc");
    const auto frame = FrameDecoder::readFrame(wire);
    QVERIFY(frame);
    QCOMPARE(frame->header, header);
    QCOMPARE(frame->payload, QByteArray("abc"));
    QCOMPARE(frame->wireBytes(), wire);
}

void TestFrameDecoder::readFrameRejectsIncompleteOrTrailingBytes()
{
    const QByteArray wire = hex("810548656c6c6f");
    QVERIFY(FrameDecoder::readFrame(wire));
    QVERIFY(!FrameDecoder::readFrame(wire.chopped(1)));
    QVERIFY(!FrameDecoder::readFrame(wire + "x"));
    QVERIFY(!FrameDecoder::readFrame(hex("81")));
    QVERIFY(!FrameDecoder::readFrame(hex("81fe00")));
}

QTEST_GUILESS_MAIN(TestFrameDecoder)
#include "tst_framedecoder.moc"
