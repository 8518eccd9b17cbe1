#include "server/protocol/messageassembler.h"

#include <QTest>

using namespace wslab::protocol;
using Kind = AssemblyStep::Kind;

Q_DECLARE_METATYPE(wslab::protocol::DecodeError)
Q_DECLARE_METATYPE(wslab::protocol::DecodedFrame)
Q_DECLARE_METATYPE(wslab::protocol::Message)
Q_DECLARE_METATYPE(wslab::protocol::Opcode)
Q_DECLARE_METATYPE(wslab::protocol::AssemblyStep::Kind)

namespace wslab::protocol {

bool operator==(const Message &a, const Message &b)
{
    return a.opcode == b.opcode && a.payload == b.payload && a.frameCount == b.frameCount
            && a.compressed == b.compressed;
}

char *toString(const Message &message)
{
    return qstrdup(QByteArray(opcodeName(message.opcode)) + " [" + message.payload.toHex(' ')
                   + "] frames=" + QByteArray::number(message.frameCount)
                   + (message.compressed ? " compressed" : ""));
}

char *toString(DecodeError error)
{
    return qstrdup(decodeErrorName(error));
}

char *toString(AssemblyStep::Kind kind)
{
    switch (kind) {
    case AssemblyStep::Kind::FragmentBuffered: return qstrdup("FragmentBuffered");
    case AssemblyStep::Kind::MessageComplete: return qstrdup("MessageComplete");
    case AssemblyStep::Kind::Control: return qstrdup("Control");
    case AssemblyStep::Kind::Failed: return qstrdup("Failed");
    }
    return qstrdup("?");
}

} // namespace wslab::protocol

namespace {

// A frame as the decoder would hand it over: header values set, payload unmasked.
DecodedFrame makeFrame(Opcode opcode, const QByteArray &payload, bool fin = true, bool rsv1 = false)
{
    DecodedFrame frame;
    frame.header.fin = fin;
    frame.header.rsv1 = rsv1;
    frame.header.opcode = opcode;
    frame.header.payloadLength = quint64(payload.size());
    frame.header.lengthForm = minimalLengthForm(frame.header.payloadLength);
    frame.payload = payload;
    return frame;
}

DecodedFrame text(const QByteArray &payload, bool fin = true) { return makeFrame(Opcode::Text, payload, fin); }
DecodedFrame binary(const QByteArray &payload, bool fin = true) { return makeFrame(Opcode::Binary, payload, fin); }
DecodedFrame continuation(const QByteArray &payload, bool fin = true) { return makeFrame(Opcode::Continuation, payload, fin); }
DecodedFrame ping(const QByteArray &payload = {}) { return makeFrame(Opcode::Ping, payload); }
DecodedFrame pong(const QByteArray &payload = {}) { return makeFrame(Opcode::Pong, payload); }
DecodedFrame close(const QByteArray &payload = {}) { return makeFrame(Opcode::Close, payload); }

Message message(Opcode opcode, const QByteArray &payload, int frameCount, bool compressed = false)
{
    return Message{opcode, payload, frameCount, compressed};
}

QByteArray hex(const char *digits) { return QByteArray::fromHex(digits); }

char stepLetter(Kind kind)
{
    switch (kind) {
    case Kind::FragmentBuffered: return 'B';
    case Kind::MessageComplete: return 'M';
    case Kind::Control: return 'C';
    case Kind::Failed: return 'F';
    }
    return '?';
}

const QByteArray kosme = QByteArray::fromHex("cebae1bdb9cf83cebcceb5");
constexpr quint64 defaultLimit = AssemblerOptions{}.maxMessageSize;

} // namespace

class TestMessageAssembler : public QObject
{
    Q_OBJECT

private slots:
    void assemblesFrames_data();
    void assemblesFrames();
    void controlFrameIsHandedBackUntouched();
    void sharedFrameKeepsItsPayload();
    void observerGathersNoFragments();
    void singleFrameMessageIsMovedNotCopied_data();
    void singleFrameMessageIsMovedNotCopied();
    void onlyNonEmptyFragmentIsMovedNotCopied();
    void sharedFragmentIsNotWrittenThrough();
    void manyFragmentsConcatenateInOrder();
    void errorsAreSticky_data();
    void errorsAreSticky();
    void resetClearsTheError();
    void utf8ErrorOffsetCountsFromMessageStart();
    void partialThenCompleteAtEverySplit_data();
    void partialThenCompleteAtEverySplit();
    void partialByteByByte_data();
    void partialByteByByte();
    void partialSeenTwiceIsValidatedOnce();
    void partialInContinuationOfTextMessage();
    void partialIgnoresFramesThatAreNotValidatedText_data();
    void partialIgnoresFramesThatAreNotValidatedText();
    void partialWithoutHeaderIsIgnored();
};

// Each row pushes `frames` in order. `steps` is one letter per push: B = fragment buffered,
// M = message complete, C = control frame, F = failed. `messages` are the completed messages in
// order; `error` is checked when a step fails.
void TestMessageAssembler::assemblesFrames_data()
{
    QTest::addColumn<quint64>("limit");
    QTest::addColumn<QList<DecodedFrame>>("frames");
    QTest::addColumn<QByteArray>("steps");
    QTest::addColumn<QList<Message>>("messages");
    QTest::addColumn<DecodeError>("error");

    const auto row = [](const char *tag, QList<DecodedFrame> frames, const char *steps,
                        QList<Message> messages, DecodeError error = DecodeError::ReservedOpcode,
                        quint64 limit = defaultLimit) {
        QTest::addRow("%s", tag) << limit << frames << QByteArray(steps) << messages << error;
    };
    const auto fails = [&row](const char *tag, QList<DecodedFrame> frames, const char *steps,
                              DecodeError error, QList<Message> messages = {}) {
        row(tag, frames, steps, messages, error);
    };
    const auto limited = [&row](const char *tag, quint64 limit, QList<DecodedFrame> frames,
                                const char *steps, QList<Message> messages = {}) {
        row(tag, frames, steps, messages, DecodeError::MessageTooLarge, limit);
    };

    // RFC 6455 §5.7 examples and §5.4 fragmentation
    row("single text Hello", {text("Hello")}, "M", {message(Opcode::Text, "Hello", 1)});
    row("single binary", {binary(hex("00ff80"))}, "M", {message(Opcode::Binary, hex("00ff80"), 1)});
    row("fragmented Hel + lo", {text("Hel", false), continuation("lo")}, "BM",
        {message(Opcode::Text, "Hello", 2)});
    row("three fragments", {binary("a", false), continuation("b", false), continuation("c")}, "BBM",
        {message(Opcode::Binary, "abc", 3)});
    row("ping between fragments", {text("Hel", false), ping("Hello"), continuation("lo")}, "BCM",
        {message(Opcode::Text, "Hello", 2)});
    row("pong and close between fragments",
        {binary("a", false), pong("p"), continuation("b", false), close(hex("03e8")), continuation("c")},
        "BCBCM", {message(Opcode::Binary, "abc", 3)});
    row("control frames alone", {ping(), pong(), close()}, "CCC", {});
    row("two messages back to back", {text("a"), binary("b"), text("c", false), continuation("d")},
        "MMBM",
        {message(Opcode::Text, "a", 1), message(Opcode::Binary, "b", 1), message(Opcode::Text, "cd", 2)});
    row("empty text message", {text("")}, "M", {message(Opcode::Text, "", 1)});
    row("empty binary message", {binary("")}, "M", {message(Opcode::Binary, "", 1)});
    row("all fragments empty", {text("", false), continuation("")}, "BM", {message(Opcode::Text, "", 2)});
    row("empty fragments around data",
        {text("", false), continuation("", false), continuation("abc", false), continuation("")},
        "BBBM", {message(Opcode::Text, "abc", 4)});
    row("kosme split inside sequences",
        {text(kosme.first(1), false), continuation(kosme.sliced(1, 3), false), continuation(kosme.sliced(4))},
        "BBM", {message(Opcode::Text, kosme, 3)});
    row("binary is not UTF-8 checked", {binary(hex("ff"), false), continuation(hex("c0af"))}, "BM",
        {message(Opcode::Binary, hex("ffc0af"), 2)});

    // RFC 7692: RSV1 on the first frame marks a compressed message, checked after inflating.
    row("compressed text skips UTF-8 check", {makeFrame(Opcode::Text, hex("ff"), true, true)}, "M",
        {message(Opcode::Text, hex("ff"), 1, true)});
    row("compressed fragmented text", {makeFrame(Opcode::Text, hex("c0"), false, true), continuation(hex("af"))},
        "BM", {message(Opcode::Text, hex("c0af"), 2, true)});
    row("compressed binary", {makeFrame(Opcode::Binary, "z", true, true)}, "M",
        {message(Opcode::Binary, "z", 1, true)});
    row("RSV1 on a continuation does not compress",
        {text("a", false), makeFrame(Opcode::Continuation, "b", true, true)}, "BM",
        {message(Opcode::Text, "ab", 2)});
    fails("RSV1 on a continuation keeps the UTF-8 check",
          {text("a", false), makeFrame(Opcode::Continuation, hex("ff"), true, true)}, "BF",
          DecodeError::InvalidUtf8);

    // RFC 6455 §5.4 ordering rules
    fails("continuation first", {continuation("x")}, "F", DecodeError::ContinuationWithoutStart);
    fails("unfinished continuation first", {continuation("x", false)}, "F",
          DecodeError::ContinuationWithoutStart);
    fails("continuation after a complete message", {text("a"), continuation("b")}, "MF",
          DecodeError::ContinuationWithoutStart, {message(Opcode::Text, "a", 1)});
    fails("continuation after control only", {ping(), continuation("b")}, "CF",
          DecodeError::ContinuationWithoutStart);
    fails("text inside fragmented text", {text("a", false), text("b")}, "BF",
          DecodeError::DataFrameInsideFragmentedMessage);
    fails("binary inside fragmented text", {text("a", false), ping(), binary("b")}, "BCF",
          DecodeError::DataFrameInsideFragmentedMessage);
    fails("text inside fragmented binary", {binary("a", false), text("b", false)}, "BF",
          DecodeError::DataFrameInsideFragmentedMessage);
    fails("reserved data opcode", {makeFrame(Opcode::ReservedData3, "x")}, "F",
          DecodeError::ReservedOpcode);
    fails("reserved control opcode", {text("a", false), makeFrame(Opcode::ReservedControlB, "")}, "BF",
          DecodeError::ReservedOpcode);

    // RFC 6455 §8.1, checked fragment by fragment
    fails("invalid single frame", {text(hex("c0af"))}, "F", DecodeError::InvalidUtf8);
    fails("invalid byte in a middle fragment fails before FIN",
          {text("ok", false), continuation(hex("ff"), false), continuation("more")}, "BFF",
          DecodeError::InvalidUtf8);
    fails("surrogate split across fragments", {text(hex("ed"), false), continuation(hex("a080"))}, "BF",
          DecodeError::InvalidUtf8);
    fails("above U+10FFFF split across fragments", {text(hex("f4"), false), continuation(hex("9080"), false)},
          "BF", DecodeError::InvalidUtf8);
    fails("truncated sequence in a single frame", {text(hex("e282"))}, "F", DecodeError::InvalidUtf8);
    fails("truncated sequence at the final fragment", {text("a", false), continuation(hex("e282"))}, "BF",
          DecodeError::InvalidUtf8);
    fails("message ends inside a sequence after empty FIN", {text(hex("e282"), false), continuation("")},
          "BF", DecodeError::InvalidUtf8);

    // RFC 6455 §10.4: the running total, decided before appending
    limited("single frame at the limit", 5, {binary("12345")}, "M", {message(Opcode::Binary, "12345", 1)});
    limited("single frame one above", 5, {binary("123456")}, "F");
    limited("fragments summing to the limit", 5, {text("12", false), continuation("345")}, "BM",
            {message(Opcode::Text, "12345", 2)});
    limited("fragments one above fail at the crossing fragment", 5,
            {text("12", false), continuation("345", false), continuation("6")}, "BBF");
    limited("control frames do not count", 5, {text("12", false), ping("ping!"), continuation("345")}, "BCM",
            {message(Opcode::Text, "12345", 2)});
    limited("each message counts alone", 3, {binary("abc"), binary("def")}, "MM",
            {message(Opcode::Binary, "abc", 1), message(Opcode::Binary, "def", 1)});
    limited("zero limit allows empty message", 0, {text("")}, "M", {message(Opcode::Text, "", 1)});
    limited("zero limit rejects one byte", 0, {text("", false), continuation("x")}, "BF");
}

void TestMessageAssembler::assemblesFrames()
{
    QFETCH(quint64, limit);
    QFETCH(QList<DecodedFrame>, frames);
    QFETCH(QByteArray, steps);
    QFETCH(QList<Message>, messages);
    QFETCH(DecodeError, error);
    QCOMPARE(frames.size(), steps.size());

    // Every row three ways: push() (the frame given away), pushShared() (the frame stays the
    // caller's), and pushShared() for an observer that keeps no payload: the same steps and errors,
    // and of a message only a compressed one's payload.
    enum Way { Push, PushShared, Observe };
    for (const Way way : {Push, PushShared, Observe}) {
        MessageAssembler assembler(AssemblerOptions{limit, way != Observe});
        QByteArray actualSteps;
        QList<Message> completed;
        bool inProgress = false;
        for (const DecodedFrame &frame : frames) {
            const AssemblyStep step = way == Push ? assembler.push(frame) : assembler.pushShared(frame);
            actualSteps += stepLetter(step.kind);
            switch (step.kind) {
            case Kind::FragmentBuffered: inProgress = true; break;
            case Kind::MessageComplete:
                inProgress = false;
                completed.append(step.message);
                break;
            case Kind::Control:
                QCOMPARE(step.control->header, frame.header);
                QCOMPARE(step.control->payload, frame.payload);
                break;
            case Kind::Failed:
                inProgress = false;
                QCOMPARE(step.error, error);
                QCOMPARE(assembler.error(), std::optional(error));
                break;
            }
            QCOMPARE(assembler.isMessageInProgress(), inProgress);
        }
        QCOMPARE(actualSteps, steps);
        QCOMPARE(completed.size(), messages.size());
        for (qsizetype i = 0; i < messages.size(); ++i) {
            Message expected = messages[i];
            if (way == Observe && !expected.compressed)
                expected.payload.clear();
            QCOMPARE(completed[i], expected);
        }
        if (!steps.contains('F'))
            QCOMPARE(assembler.error(), std::nullopt);
    }
}

void TestMessageAssembler::sharedFrameKeepsItsPayload()
{
    MessageAssembler assembler;
    const DecodedFrame frame = makeFrame(Opcode::Binary, QByteArray(100, 'x'));
    const AssemblyStep step = assembler.pushShared(frame);
    QCOMPARE(step.kind, Kind::MessageComplete);
    QCOMPARE(frame.payload, QByteArray(100, 'x'));
    QCOMPARE(step.message.payload.constData(), frame.payload.constData()); // shared, not copied
}

void TestMessageAssembler::observerGathersNoFragments()
{
    // A 3 MiB message in 1 MiB fragments, under a 3 MiB limit: checked whole, gathered never.
    MessageAssembler assembler(AssemblerOptions{3 * 1024 * 1024, false});
    const QByteArray mebibyte(1024 * 1024, 'a');
    QCOMPARE(assembler.pushShared(makeFrame(Opcode::Text, mebibyte, false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.pushShared(continuation(mebibyte, false)).kind, Kind::FragmentBuffered);
    const AssemblyStep last = assembler.pushShared(continuation(mebibyte));
    QCOMPARE(last.kind, Kind::MessageComplete);
    QCOMPARE(last.message.frameCount, 3);
    QVERIFY(last.message.payload.isEmpty());
    // The limit counts what was not kept: one byte more fails.
    QCOMPARE(assembler.pushShared(makeFrame(Opcode::Text, mebibyte, false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.pushShared(continuation(mebibyte, false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.pushShared(continuation(mebibyte + 'a')).error, DecodeError::MessageTooLarge);
}

void TestMessageAssembler::controlFrameIsHandedBackUntouched()
{
    MessageAssembler assembler;
    QCOMPARE(assembler.push(text("Hel", false)).kind, Kind::FragmentBuffered);
    DecodedFrame pingFrame = ping("Hello");
    pingFrame.header.masked = true;
    pingFrame.header.maskKey = {0x37, 0xfa, 0x21, 0x3d};
    const QByteArray wire = hex("8985 37fa213d 7f9f4d5158"); // RFC 6455 §5.7, masked ping
    std::copy_n(wire.constData(), 6, pingFrame.headerBytes.data());
    const char *payloadData = pingFrame.payload.constData();

    const AssemblyStep step = assembler.push(pingFrame);
    QCOMPARE(step.kind, Kind::Control);
    QCOMPARE(step.control->header, pingFrame.header);
    QCOMPARE(step.control->headerBytes, pingFrame.headerBytes);
    QCOMPARE(step.control->payload.constData(), payloadData);
    QVERIFY(assembler.isMessageInProgress());
    const AssemblyStep last = assembler.push(continuation("lo"));
    QCOMPARE(last.kind, Kind::MessageComplete);
    QCOMPARE(last.message, message(Opcode::Text, "Hello", 2));
}

void TestMessageAssembler::singleFrameMessageIsMovedNotCopied_data()
{
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<qsizetype>("size");
    QTest::addRow("text 5 bytes") << Opcode::Text << qsizetype(5);
    QTest::addRow("binary 5 bytes") << Opcode::Binary << qsizetype(5);
    QTest::addRow("text 1 MiB") << Opcode::Text << qsizetype(1 << 20);
    QTest::addRow("binary 16 MiB") << Opcode::Binary << qsizetype(16 << 20);
}

void TestMessageAssembler::singleFrameMessageIsMovedNotCopied()
{
    QFETCH(Opcode, opcode);
    QFETCH(qsizetype, size);

    DecodedFrame frame = makeFrame(opcode, QByteArray(size, 'm'));
    const QByteArray original = frame.payload; // shares the buffer, does not copy it
    const char *data = frame.payload.constData();
    MessageAssembler assembler;
    const AssemblyStep step = assembler.push(std::move(frame));
    QCOMPARE(step.kind, Kind::MessageComplete);
    QCOMPARE(step.message.payload.constData(), data);
    QVERIFY(step.message.payload.isSharedWith(original));
}

void TestMessageAssembler::onlyNonEmptyFragmentIsMovedNotCopied()
{
    DecodedFrame first = text("", false);
    DecodedFrame middle = continuation("payload", false);
    const char *data = middle.payload.constData();
    MessageAssembler assembler;
    QCOMPARE(assembler.push(std::move(first)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.push(std::move(middle)).kind, Kind::FragmentBuffered);
    const AssemblyStep step = assembler.push(continuation(""));
    QCOMPARE(step.kind, Kind::MessageComplete);
    QCOMPARE(step.message.payload.constData(), data);
    QCOMPARE(step.message.frameCount, 3);
}

void TestMessageAssembler::sharedFragmentIsNotWrittenThrough()
{
    // A capture keeps its own reference to each frame's payload; appending must not change it.
    DecodedFrame first = binary("first", false);
    const QByteArray captured = first.payload;
    MessageAssembler assembler;
    QCOMPARE(assembler.push(std::move(first)).kind, Kind::FragmentBuffered);
    const AssemblyStep step = assembler.push(continuation("+second"));
    QCOMPARE(step.message.payload, QByteArray("first+second"));
    QCOMPARE(captured, QByteArray("first"));
}

void TestMessageAssembler::manyFragmentsConcatenateInOrder()
{
    constexpr int fragments = 2000;
    MessageAssembler assembler(AssemblerOptions{quint64(fragments) * 3});
    QByteArray expected;
    AssemblyStep step;
    for (int i = 0; i < fragments; ++i) {
        // Pairs of fragments make "κό" + "x"; every even fragment ends inside ό (E1 BD B9).
        const QByteArray fragment = i % 2 == 0 ? kosme.first(3) : kosme.sliced(3, 2) + "x";
        expected += fragment;
        const bool fin = i == fragments - 1;
        step = assembler.push(makeFrame(i == 0 ? Opcode::Text : Opcode::Continuation, fragment, fin));
        QCOMPARE(step.kind, fin ? Kind::MessageComplete : Kind::FragmentBuffered);
    }
    QCOMPARE(step.message.frameCount, fragments);
    QCOMPARE(step.message.payload, expected);
    QCOMPARE(step.message.payload.size(), qsizetype(fragments) * 3); // exactly at the limit
}

void TestMessageAssembler::errorsAreSticky_data()
{
    QTest::addColumn<QList<DecodedFrame>>("breaking");
    QTest::addColumn<DecodeError>("error");
    QTest::addRow("ContinuationWithoutStart") << QList{continuation("x")} << DecodeError::ContinuationWithoutStart;
    QTest::addRow("DataFrameInsideFragmentedMessage") << QList{text("a", false), binary("b")}
                                                     << DecodeError::DataFrameInsideFragmentedMessage;
    QTest::addRow("InvalidUtf8") << QList{text(hex("ff"))} << DecodeError::InvalidUtf8;
    QTest::addRow("MessageTooLarge") << QList{binary(QByteArray(int(defaultLimit) + 1, 'x'))}
                                     << DecodeError::MessageTooLarge;
    QTest::addRow("ReservedOpcode") << QList{makeFrame(Opcode::ReservedData7, "")} << DecodeError::ReservedOpcode;
}

void TestMessageAssembler::errorsAreSticky()
{
    QFETCH(QList<DecodedFrame>, breaking);
    QFETCH(DecodeError, error);

    MessageAssembler assembler;
    AssemblyStep step;
    for (const DecodedFrame &frame : breaking)
        step = assembler.push(frame);
    QCOMPARE(step.kind, Kind::Failed);
    QCOMPARE(step.error, error);

    // Every kind of frame, valid on its own, now fails with the same error.
    for (const DecodedFrame &frame : {text("ok"), binary("ok"), continuation("ok"), ping(), close()}) {
        const AssemblyStep again = assembler.push(frame);
        QCOMPARE(again.kind, Kind::Failed);
        QCOMPARE(again.error, error);
        QVERIFY(again.message.payload.isEmpty());
    }
    const FrameHeader header = text("").header;
    QCOMPARE(assembler.inspectPartial(PartialFrame{&header, "valid"}), std::optional(error));
    QCOMPARE(assembler.error(), std::optional(error));
    QVERIFY(!assembler.isMessageInProgress());
}

void TestMessageAssembler::resetClearsTheError()
{
    MessageAssembler assembler;
    QCOMPARE(assembler.push(text("a", false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.push(continuation(hex("ce"), false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.push(text("b")).kind, Kind::Failed);
    assembler.reset();
    QCOMPARE(assembler.error(), std::nullopt);
    QVERIFY(!assembler.isMessageInProgress());
    QCOMPARE(assembler.utf8ErrorOffset(), -1);
    // A fresh start: no half sequence carried over from before the reset.
    const AssemblyStep step = assembler.push(text("ok"));
    QCOMPARE(step.kind, Kind::MessageComplete);
    QCOMPARE(step.message, message(Opcode::Text, "ok", 1));
}

void TestMessageAssembler::utf8ErrorOffsetCountsFromMessageStart()
{
    MessageAssembler assembler;
    QCOMPARE(assembler.push(text("first")).kind, Kind::MessageComplete); // an earlier message
    QCOMPARE(assembler.push(text("abc", false)).kind, Kind::FragmentBuffered);
    QCOMPARE(assembler.push(ping("\xff")).kind, Kind::Control); // not part of the message
    QCOMPARE(assembler.push(continuation(hex("4445eda080"))).kind, Kind::Failed);
    QCOMPARE(assembler.error(), std::optional(DecodeError::InvalidUtf8));
    QCOMPARE(assembler.utf8ErrorOffset(), 6); // "abc" "DE" ED [A0]
}

void TestMessageAssembler::partialThenCompleteAtEverySplit_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<qint64>("errorOffset"); // -1: the frame is valid text
    QTest::addRow("kosme") << kosme << qint64(-1);
    QTest::addRow("U+10FFFF") << hex("f48fbfbf") << qint64(-1);
    QTest::addRow("ascii then euro") << QByteArray("0123456789") + hex("e282ac") << qint64(-1);
    QTest::addRow("kosme-edited") << kosme + hex("eda080") + "edited" << qint64(12);
    QTest::addRow("F4 90 above maximum") << hex("41f4908080") << qint64(2);
    QTest::addRow("overlong C0 AF") << hex("4142c0af") << qint64(2);
    QTest::addRow("truncated at end") << hex("41e282") << qint64(-2); // -2: only the end fails
}

void TestMessageAssembler::partialThenCompleteAtEverySplit()
{
    QFETCH(QByteArray, payload);
    QFETCH(qint64, errorOffset);

    for (qsizetype split = 0; split <= payload.size(); ++split) {
        const QByteArray where = "split at " + QByteArray::number(split);
        const DecodedFrame frame = text(payload);
        MessageAssembler assembler;
        const auto partialError =
                assembler.inspectPartial(PartialFrame{&frame.header, QByteArrayView(payload).first(split)});
        const bool errorArrived = errorOffset >= 0 && errorOffset < split;
        QVERIFY2(partialError.has_value() == errorArrived, where);

        const AssemblyStep step = assembler.push(frame);
        if (errorOffset == -1) {
            QVERIFY2(step.kind == Kind::MessageComplete, where);
            QCOMPARE(step.message, message(Opcode::Text, payload, 1));
        } else {
            QVERIFY2(step.kind == Kind::Failed, where);
            QCOMPARE(step.error, DecodeError::InvalidUtf8);
            QCOMPARE(assembler.utf8ErrorOffset(), qMax(errorOffset, qint64(-1)));
        }
    }
}

void TestMessageAssembler::partialByteByByte_data()
{
    partialThenCompleteAtEverySplit_data();
}

void TestMessageAssembler::partialByteByByte()
{
    QFETCH(QByteArray, payload);
    QFETCH(qint64, errorOffset);

    const DecodedFrame frame = text(payload);
    MessageAssembler assembler;
    for (qsizetype seen = 1; seen <= payload.size(); ++seen) {
        const auto error = assembler.inspectPartial(PartialFrame{&frame.header, QByteArrayView(payload).first(seen)});
        const bool errorArrived = errorOffset >= 0 && errorOffset < seen;
        QVERIFY2(error.has_value() == errorArrived, QByteArray::number(seen));
    }
    const AssemblyStep step = assembler.push(frame);
    QCOMPARE(step.kind, errorOffset == -1 ? Kind::MessageComplete : Kind::Failed);
}

void TestMessageAssembler::partialSeenTwiceIsValidatedOnce()
{
    // If a byte were validated twice, CE CE BA would be an error.
    const DecodedFrame frame = text(hex("ceba"));
    MessageAssembler assembler;
    const PartialFrame half{&frame.header, QByteArrayView(frame.payload).first(1)};
    QCOMPARE(assembler.inspectPartial(half), std::nullopt);
    QCOMPARE(assembler.inspectPartial(half), std::nullopt);
    const AssemblyStep step = assembler.push(frame);
    QCOMPARE(step.kind, Kind::MessageComplete);
    QCOMPARE(step.message.payload, hex("ceba"));
}

void TestMessageAssembler::partialInContinuationOfTextMessage()
{
    MessageAssembler assembler;
    const DecodedFrame first = text(kosme.first(4), false); // ends inside ό (E1 BD B9)
    QCOMPARE(assembler.inspectPartial(PartialFrame{&first.header, QByteArrayView(first.payload).first(3)}),
             std::nullopt);
    QCOMPARE(assembler.push(first).kind, Kind::FragmentBuffered);

    // The next frame's partial starts from zero again and continues the open sequence.
    const DecodedFrame second = continuation(kosme.sliced(4), false);
    QCOMPARE(assembler.inspectPartial(PartialFrame{&second.header, QByteArrayView(second.payload).first(1)}),
             std::nullopt);
    QCOMPARE(assembler.push(ping("between")).kind, Kind::Control);
    QCOMPARE(assembler.push(second).kind, Kind::FragmentBuffered);

    const DecodedFrame third = continuation(hex("41c0af"));
    QCOMPARE(assembler.inspectPartial(PartialFrame{&third.header, QByteArrayView(third.payload).first(1)}),
             std::nullopt);
    QCOMPARE(assembler.inspectPartial(PartialFrame{&third.header, QByteArrayView(third.payload).first(2)}),
             std::optional(DecodeError::InvalidUtf8));
    QCOMPARE(assembler.utf8ErrorOffset(), kosme.size() + 1);
    const AssemblyStep step = assembler.push(third);
    QCOMPARE(step.kind, Kind::Failed);
    QCOMPARE(step.error, DecodeError::InvalidUtf8);
}

void TestMessageAssembler::partialIgnoresFramesThatAreNotValidatedText_data()
{
    QTest::addColumn<QList<DecodedFrame>>("before");
    QTest::addColumn<DecodedFrame>("arriving");
    QTest::addColumn<Kind>("whenComplete");
    QTest::addColumn<DecodeError>("error");

    const QByteArray bad = hex("c0af");
    QTest::addRow("binary") << QList<DecodedFrame>{} << binary(bad) << Kind::MessageComplete
                            << DecodeError::ReservedOpcode;
    QTest::addRow("continuation of binary") << QList{binary("a", false)} << continuation(bad)
                                            << Kind::MessageComplete << DecodeError::ReservedOpcode;
    QTest::addRow("compressed text") << QList<DecodedFrame>{} << makeFrame(Opcode::Text, bad, true, true)
                                     << Kind::MessageComplete << DecodeError::ReservedOpcode;
    QTest::addRow("continuation of compressed text")
            << QList{makeFrame(Opcode::Text, "a", false, true)} << continuation(bad)
            << Kind::MessageComplete << DecodeError::ReservedOpcode;
    QTest::addRow("ping inside a text message") << QList{text(hex("ce"), false)} << ping(bad)
                                                << Kind::Control << DecodeError::ReservedOpcode;
    QTest::addRow("close") << QList<DecodedFrame>{} << close(hex("03e8") + bad) << Kind::Control
                           << DecodeError::ReservedOpcode;
    // Structural errors are the business of push(); the partial bytes are not mixed into the
    // message in progress.
    QTest::addRow("text inside a fragmented text message") << QList{text(hex("ce"), false)} << text("x")
                                                           << Kind::Failed
                                                           << DecodeError::DataFrameInsideFragmentedMessage;
    QTest::addRow("continuation without start") << QList<DecodedFrame>{} << continuation(bad)
                                                << Kind::Failed << DecodeError::ContinuationWithoutStart;
}

void TestMessageAssembler::partialIgnoresFramesThatAreNotValidatedText()
{
    QFETCH(QList<DecodedFrame>, before);
    QFETCH(DecodedFrame, arriving);
    QFETCH(Kind, whenComplete);
    QFETCH(DecodeError, error);

    MessageAssembler assembler;
    for (const DecodedFrame &frame : before)
        QCOMPARE(assembler.push(frame).kind, Kind::FragmentBuffered);
    for (qsizetype seen = 0; seen <= arriving.payload.size(); ++seen) {
        const PartialFrame partial{&arriving.header, QByteArrayView(arriving.payload).first(seen)};
        QCOMPARE(assembler.inspectPartial(partial), std::nullopt);
    }
    const AssemblyStep step = assembler.push(arriving);
    QCOMPARE(step.kind, whenComplete);
    if (whenComplete == Kind::Failed)
        QCOMPARE(step.error, error);
}

void TestMessageAssembler::partialWithoutHeaderIsIgnored()
{
    MessageAssembler assembler;
    QCOMPARE(assembler.inspectPartial(PartialFrame{}), std::nullopt);
    QCOMPARE(assembler.inspectPartial(PartialFrame{nullptr, "\xff"}), std::nullopt);
    QCOMPARE(assembler.push(text("fine")).kind, Kind::MessageComplete);
}

QTEST_GUILESS_MAIN(TestMessageAssembler)
#include "tst_messageassembler.moc"
