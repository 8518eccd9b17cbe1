#include "server/protocol/framestreamvalidator.h"
#include "server/protocol/frameencoder.h"

#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(std::optional<wslab::protocol::DecodeError>)
Q_DECLARE_METATYPE(wslab::protocol::Role)

// The receiving end's reading of a frame stream: the RFC 6455 rules of the decoder, the assembler
// and the close payload, strung together, reported once where the bytes break them.
class tst_FrameStreamValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAsTheReceiver_data();
    void readsAsTheReceiver();
    void verdictDoesNotDependOnHowTheBytesArrive_data();
    void verdictDoesNotDependOnHowTheBytesArrive();
    void reportsTheFirstViolationOnceAndReadsNoMore();
    void invalidUtf8FailsBeforeTheFrameEnds();
    void rsv1PassesOnlyWhenAnExtensionDefinesIt();
    void leavesAFragmentedMessageOpen();
};

namespace {

QByteArray unmasked(Opcode opcode, const QByteArray &payload, bool fin = true)
{
    return FrameEncoder::encode(opcode, payload, fin, std::nullopt);
}

QByteArray masked(Opcode opcode, const QByteArray &payload, bool fin = true)
{
    return FrameEncoder::encode(opcode, payload, fin, MaskKey{0x37, 0xfa, 0x21, 0x3d});
}

// Feeds the frames one by one; the index of the frame that broke a rule and the rule, or -1.
std::pair<int, std::optional<DecodeError>> verdict(FrameStreamValidator &validator, const QList<QByteArray> &frames)
{
    for (int i = 0; i < frames.size(); ++i) {
        if (const auto error = validator.feed(frames.at(i)))
            return {i, error};
    }
    return {-1, std::nullopt};
}

} // namespace

void tst_FrameStreamValidator::readsAsTheReceiver_data()
{
    QTest::addColumn<Role>("receiver");
    QTest::addColumn<QList<QByteArray>>("frames");
    QTest::addColumn<int>("frameIndex"); // -1: every frame passes
    QTest::addColumn<std::optional<DecodeError>>("error");

    const std::optional<DecodeError> none;
    // RFC 6455 §5.7 golden vectors.
    QTest::addRow("client reads the unmasked Hello")
            << Role::Client << QList{QByteArray::fromHex("810548656c6c6f")} << -1 << none;
    QTest::addRow("client reads a masked Hello (5.1)") << Role::Client
            << QList{QByteArray::fromHex("818537fa213d7f9f4d5158")} << 0 << std::optional(DecodeError::MaskedServerFrame);
    QTest::addRow("server reads the masked Hello")
            << Role::Server << QList{QByteArray::fromHex("818537fa213d7f9f4d5158")} << -1 << none;
    QTest::addRow("server reads an unmasked Hello (5.1)") << Role::Server
            << QList{QByteArray::fromHex("810548656c6c6f")} << 0 << std::optional(DecodeError::UnmaskedClientFrame);
    QTest::addRow("fragments Hel + lo") << Role::Client
            << QList{QByteArray::fromHex("010348656c"), QByteArray::fromHex("80026c6f")} << -1 << none;
    QTest::addRow("continuation first (5.4)") << Role::Client << QList{unmasked(Opcode::Continuation, "lo")} << 0
                                              << std::optional(DecodeError::ContinuationWithoutStart);
    QTest::addRow("text inside a fragmented message (5.4)")
            << Role::Client << QList{unmasked(Opcode::Text, "Hel", false), unmasked(Opcode::Text, "lo")} << 1
            << std::optional(DecodeError::DataFrameInsideFragmentedMessage);
    QTest::addRow("ping between fragments (5.4)")
            << Role::Client
            << QList{unmasked(Opcode::Text, "Hel", false), unmasked(Opcode::Ping, {}), unmasked(Opcode::Continuation, "lo")}
            << -1 << none;
    QTest::addRow("close 1000") << Role::Client << QList{unmasked(Opcode::Close, QByteArray::fromHex("03e8"))} << -1
                                << none;
    QTest::addRow("close 1005 on the wire (7.4.1)") << Role::Client
            << QList{unmasked(Opcode::Close, QByteArray::fromHex("03ed"))} << 0
            << std::optional(DecodeError::InvalidCloseCode);
    QTest::addRow("close payload of one byte (5.5.1)") << Role::Server
            << QList{masked(Opcode::Close, QByteArray(1, '\x03'))} << 0
            << std::optional(DecodeError::CloseFrameLengthOne);
    QTest::addRow("reserved opcode 0x3") << Role::Client << QList{QByteArray::fromHex("8300")} << 0
                                         << std::optional(DecodeError::ReservedOpcode);
    QTest::addRow("text that is not UTF-8 (8.1)") << Role::Client << QList{unmasked(Opcode::Text, "\xff")} << 0
                                                  << std::optional(DecodeError::InvalidUtf8);
    QTest::addRow("the second of two frames breaks the rule")
            << Role::Client << QList{unmasked(Opcode::Text, "ok"), QByteArray::fromHex("898037fa213d")} << 1
            << std::optional(DecodeError::MaskedServerFrame);
}

void tst_FrameStreamValidator::readsAsTheReceiver()
{
    QFETCH(Role, receiver);
    QFETCH(QList<QByteArray>, frames);
    QFETCH(int, frameIndex);
    QFETCH(std::optional<DecodeError>, error);
    FrameStreamValidator validator({receiver});
    const auto [index, found] = verdict(validator, frames);
    QCOMPARE(index, frameIndex);
    QCOMPARE(found.has_value(), error.has_value());
    if (error)
        QCOMPARE(int(*found), int(*error));
    QCOMPARE(validator.hasFailed(), error.has_value());
}

void tst_FrameStreamValidator::verdictDoesNotDependOnHowTheBytesArrive_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<std::optional<DecodeError>>("error");
    QTest::addRow("valid fragments and a close")
            << QByteArray::fromHex("010348656c80026c6f880203e8") << std::optional<DecodeError>();
    QTest::addRow("masked close after a text")
            << (unmasked(Opcode::Text, "Hello") + masked(Opcode::Close, QByteArray::fromHex("03ea")))
            << std::optional(DecodeError::MaskedServerFrame);
    QTest::addRow("euro sign cut by an invalid byte")
            << unmasked(Opcode::Text, QByteArray::fromHex("e282ff")) << std::optional(DecodeError::InvalidUtf8);
}

// Like the decoder (the chunking property): whole, byte by byte or in any split, the same verdict.
void tst_FrameStreamValidator::verdictDoesNotDependOnHowTheBytesArrive()
{
    QFETCH(QByteArray, stream);
    QFETCH(std::optional<DecodeError>, error);
    for (qsizetype chunk = 1; chunk <= stream.size(); ++chunk) {
        FrameStreamValidator validator({Role::Client});
        std::optional<DecodeError> found;
        for (qsizetype at = 0; at < stream.size() && !found; at += chunk)
            found = validator.feed(QByteArrayView(stream).sliced(at, qMin(chunk, stream.size() - at)));
        QVERIFY2(found.has_value() == error.has_value(), qPrintable(QStringLiteral("chunk %1").arg(chunk)));
        if (error)
            QCOMPARE(int(*found), int(*error));
    }
}

void tst_FrameStreamValidator::reportsTheFirstViolationOnceAndReadsNoMore()
{
    FrameStreamValidator validator({Role::Client});
    const auto first = validator.feed(QByteArrayView(masked(Opcode::Text, "Hello")));
    QVERIFY(first);
    QCOMPARE(int(*first), int(DecodeError::MaskedServerFrame));
    // A client that failed the connection reads nothing more (RFC 6455 §7.1.7).
    QVERIFY(!validator.feed(QByteArrayView(unmasked(Opcode::Continuation, "x"))));
    QVERIFY(validator.hasFailed());
    QCOMPARE(int(*validator.error()), int(DecodeError::MaskedServerFrame));
}

void tst_FrameStreamValidator::invalidUtf8FailsBeforeTheFrameEnds()
{
    // RFC 6455 §8.1: the header and the first payload byte are enough; the rest never comes.
    const QByteArray frame = unmasked(Opcode::Text, QByteArray("\xff") + QByteArray(200, 'a'));
    FrameStreamValidator validator({Role::Client});
    const auto error = validator.feed(QByteArrayView(frame).first(5));
    QVERIFY(error);
    QCOMPARE(int(*error), int(DecodeError::InvalidUtf8));
}

void tst_FrameStreamValidator::rsv1PassesOnlyWhenAnExtensionDefinesIt()
{
    const QByteArray rsv1 = FrameEncoder::encode(Opcode::Text, "\xf2\x48\xcd\xc9\xc9\x07\x00", true, std::nullopt, true);
    FrameStreamValidator plain({Role::Client});
    const auto error = plain.feed(rsv1);
    QVERIFY(error);
    QCOMPARE(int(*error), int(DecodeError::ReservedBitsSet));
    // RFC 7692 §6: with permessage-deflate agreed RSV1 means "compressed", and the DEFLATE bytes of
    // a text message are not UTF-8: they are not checked as text.
    DecoderOptions deflate{Role::Client};
    deflate.rsv1Allowed = true;
    FrameStreamValidator compressed(deflate);
    QVERIFY(!compressed.feed(rsv1));
}

void tst_FrameStreamValidator::leavesAFragmentedMessageOpen()
{
    FrameStreamValidator validator({Role::Client});
    QVERIFY(!validator.feed(unmasked(Opcode::Text, "Hel", false)));
    QVERIFY(validator.isMessageInProgress());
    QVERIFY(!validator.feed(unmasked(Opcode::Continuation, "lo")));
    QVERIFY(!validator.isMessageInProgress());
}

QTEST_GUILESS_MAIN(tst_FrameStreamValidator)
#include "tst_framestreamvalidator.moc"
