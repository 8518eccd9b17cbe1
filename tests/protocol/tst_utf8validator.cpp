#include "server/protocol/utf8validator.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTest>

using wslab::protocol::Utf8Validator;
using State = Utf8Validator::State;

Q_DECLARE_METATYPE(Utf8Validator::State)

namespace wslab::protocol {
char *toString(Utf8Validator::State state)
{
    switch (state) {
    case Utf8Validator::State::Valid: return qstrdup("Valid");
    case Utf8Validator::State::Incomplete: return qstrdup("Incomplete");
    case Utf8Validator::State::Invalid: return qstrdup("Invalid");
    }
    return qstrdup("?");
}
} // namespace wslab::protocol

namespace {

// The encoding RFC 3629 §3 describes, applied to any value up to 21 bits (surrogates and values
// above U+10FFFF included), so the tests can build the sequences the validator must reject.
QByteArray encode(char32_t value, int length)
{
    QByteArray out(length, Qt::Uninitialized);
    static constexpr uchar leads[] = {0x00, 0x00, 0xC0, 0xE0, 0xF0};
    for (int i = length - 1; i > 0; --i) {
        out[i] = char(0x80 | (value & 0x3F));
        value >>= 6;
    }
    out[0] = char(length == 1 ? value : (leads[length] | value));
    return out;
}

int shortestLength(char32_t value)
{
    return value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
}

// Qt's own UTF-8 decoder, used as an independent oracle for whole streams.
bool qtAcceptsUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

// Can this prefix still become valid UTF-8? Any sequence is completed by at most three more
// continuation bytes, and these six values cover every continuation range the RFC distinguishes.
bool isViablePrefix(const QByteArray &prefix)
{
    if (qtAcceptsUtf8(prefix))
        return true;
    static const QByteArray continuations = QByteArray::fromHex("808f909fa0bf");
    for (char a : continuations) {
        if (qtAcceptsUtf8(prefix + a))
            return true;
        for (char b : continuations) {
            if (qtAcceptsUtf8(prefix + a + b))
                return true;
            for (char c : continuations) {
                if (qtAcceptsUtf8(prefix + a + b + c))
                    return true;
            }
        }
    }
    return false;
}

} // namespace

class TestUtf8Validator : public QObject
{
    Q_OBJECT

private slots:
    void wholeStream_data() { addVectors(); }
    void wholeStream();
    void splitIntoTwoAtEveryByte_data() { addVectors(); }
    void splitIntoTwoAtEveryByte();
    void byteByByte_data() { addVectors(); }
    void byteByByte();
    void staysInvalidAfterTheFirstError();
    void resetStartsAFreshStream();
    void asciiFastPathFindsTheBadByteAtEveryAlignment_data();
    void asciiFastPathFindsTheBadByteAtEveryAlignment();
    void multiByteSequenceAtEveryAlignment_data();
    void multiByteSequenceAtEveryAlignment();
    void everyScalarValueIsAccepted();
    void everySurrogateIsRejectedAtItsSecondByte();
    void everyOverlongFormIsRejected_data();
    void everyOverlongFormIsRejected();
    void everyValueAboveMaximumIsRejected();
    void agreesWithQtDecoderOnRandomStreams();
    void errorOffsetIsTheFirstImpossibleByte();
    void sixteenMebibyteMessage();

private:
    static void addVectors();
};

// Autobahn TestSuite case 6 and RFC 3629 boundaries. `errorOffset` is the byte at which the stream
// becomes impossible (-1 when it never does).
void TestUtf8Validator::addVectors()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<State>("expected");
    QTest::addColumn<qint64>("errorOffset");

    const auto valid = [](const char *tag, const char *hex) {
        QTest::addRow("%s", tag) << QByteArray::fromHex(hex) << State::Valid << qint64(-1);
    };
    const auto incomplete = [](const char *tag, const char *hex) {
        QTest::addRow("%s", tag) << QByteArray::fromHex(hex) << State::Incomplete << qint64(-1);
    };
    const auto invalid = [](const char *tag, const char *hex, qint64 offset) {
        QTest::addRow("%s", tag) << QByteArray::fromHex(hex) << State::Invalid << offset;
    };

    valid("empty", "");
    valid("ascii", "48656c6c6f2c20776f726c64");
    valid("nul byte", "00");
    valid("Hello-µ@ßöäüàá-UTF-8!!", "48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121");
    valid("kosme", "cebae1bdb9cf83cebcceb5");
    valid("first 1-byte U+0000", "00");
    valid("first 2-byte U+0080", "c280");
    valid("first 3-byte U+0800", "e0a080");
    valid("first 4-byte U+10000", "f0908080");
    valid("last 1-byte U+007F", "7f");
    valid("last 2-byte U+07FF", "dfbf");
    valid("last 3-byte U+FFFF", "efbfbf");
    valid("last 4-byte U+10FFFF", "f48fbfbf");
    valid("before surrogates U+D7FF", "ed9fbf");
    valid("after surrogates U+E000", "ee8080");
    valid("replacement char U+FFFD", "efbfbd");
    valid("noncharacter U+FFFE", "efbfbe");
    valid("noncharacter U+1FFFF", "f09fbfbf");
    valid("byte order mark", "efbbbf");
    valid("mixed lengths a€b𝄞c", "61e282ac62f09d849e63");
    valid("long ascii then kosme", "303132333435363738396162636465666768cebae1bdb9cf83cebcceb5");

    incomplete("2-byte missing last", "c2");
    incomplete("3-byte missing last", "e180");
    incomplete("3-byte E0 missing last", "e0a0");
    incomplete("3-byte missing two", "ef");
    incomplete("4-byte missing last", "f09080");
    incomplete("4-byte F4 missing last", "f48fbf");
    incomplete("4-byte missing three", "f1");
    incomplete("ascii then truncated euro", "616263e282");
    incomplete("kosme then truncated", "cebae1bdb9cf83cebcceb5ce");

    invalid("lone continuation 80", "80", 0);
    invalid("lone continuation BF", "bf", 0);
    invalid("ascii then continuation", "4180", 1);
    invalid("two continuations", "80bf", 0);
    invalid("continuation after complete 2-byte", "c28080", 2);
    invalid("2-byte lead then space", "c220", 1);
    invalid("3-byte lead then space", "e120", 1);
    invalid("3-byte cut by ascii", "e18041", 2);
    invalid("4-byte cut by ascii", "f1808041", 3);
    invalid("lead after lead", "c2c280", 1);
    invalid("overlong C0 AF", "c0af", 0);
    invalid("overlong C0 80 (NUL)", "c080", 0);
    invalid("overlong C1 BF", "c1bf", 0);
    invalid("overlong E0 80 AF", "e080af", 1);
    invalid("overlong E0 9F BF", "e09fbf", 1);
    invalid("overlong F0 80 80 AF", "f08080af", 1);
    invalid("overlong F0 8F BF BF", "f08fbfbf", 1);
    invalid("surrogate U+D800", "eda080", 1);
    invalid("surrogate U+DB7F", "edadbf", 1);
    invalid("surrogate U+DB80", "edae80", 1);
    invalid("surrogate U+DBFF", "edafbf", 1);
    invalid("surrogate U+DC00", "edb080", 1);
    invalid("surrogate U+DF80", "edbe80", 1);
    invalid("surrogate U+DFFF", "edbfbf", 1);
    invalid("surrogate pair D800 DC00", "eda080edb080", 1);
    invalid("above max F4 90", "f4908080", 1);
    invalid("above max F4 BF", "f4bfbfbf", 1);
    invalid("above max F5", "f5808080", 0);
    invalid("above max F7", "f7bfbfbf", 0);
    invalid("5-byte form F8", "f888808080", 0);
    invalid("6-byte form FC", "fc8480808080", 0);
    invalid("impossible FE", "fe", 0);
    invalid("impossible FF", "ff", 0);
    invalid("impossible FE FE FF FF", "fefeffff", 0);
    invalid("kosme-edited", "cebae1bdb9cf83cebcceb5eda080656469746564", 12);
    invalid("bad byte after 16 ascii", "3031323334353637383961626364656680", 16);
    invalid("valid then broken 2-byte", "cebace41", 3);
}

void TestUtf8Validator::wholeStream()
{
    QFETCH(QByteArray, bytes);
    QFETCH(State, expected);
    QFETCH(qint64, errorOffset);

    Utf8Validator validator;
    QCOMPARE(validator.feed(bytes), expected);
    QCOMPARE(validator.state(), expected);
    QCOMPARE(validator.errorOffset(), errorOffset);
    QCOMPARE(validator.hasFailed(), expected == State::Invalid);
    QCOMPARE(validator.isCompleteAndValid(), expected == State::Valid);
    QCOMPARE(Utf8Validator::isValid(bytes), expected == State::Valid);
    QCOMPARE(qtAcceptsUtf8(bytes), expected == State::Valid); // the vectors agree with Qt
}

void TestUtf8Validator::splitIntoTwoAtEveryByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(State, expected);
    QFETCH(qint64, errorOffset);

    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const QByteArrayView all(bytes);
        Utf8Validator validator;
        const State afterFirst = validator.feed(all.first(split));
        const bool errorInFirst = errorOffset >= 0 && errorOffset < split;
        QVERIFY2((afterFirst == State::Invalid) == errorInFirst, qPrintable(QString::number(split)));
        QCOMPARE(validator.feed(all.sliced(split)), expected);
        QCOMPARE(validator.errorOffset(), errorOffset);
    }
}

void TestUtf8Validator::byteByByte()
{
    QFETCH(QByteArray, bytes);
    QFETCH(State, expected);
    QFETCH(qint64, errorOffset);

    Utf8Validator validator;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const State state = validator.feed(bytes.sliced(i, 1));
        const QByteArray where = "after byte " + QByteArray::number(i);
        if (errorOffset >= 0 && i >= errorOffset) {
            QVERIFY2(state == State::Invalid, where);
            QCOMPARE(validator.errorOffset(), errorOffset);
            continue;
        }
        QVERIFY2(state != State::Invalid, where);
        if (expected == State::Valid) {
            // A valid stream is complete exactly where the next byte is not a continuation byte.
            const bool atBoundary = i + 1 == bytes.size() || (quint8(bytes[i + 1]) & 0xC0) != 0x80;
            QVERIFY2((state == State::Valid) == atBoundary, where);
        }
    }
    QCOMPARE(validator.state(), expected);
    QCOMPARE(validator.errorOffset(), errorOffset);
}

void TestUtf8Validator::staysInvalidAfterTheFirstError()
{
    Utf8Validator validator;
    QCOMPARE(validator.feed("ab\xC0"), State::Invalid);
    QCOMPARE(validator.errorOffset(), 2);
    QCOMPARE(validator.feed("valid ascii"), State::Invalid);
    QCOMPARE(validator.feed(QByteArray::fromHex("80")), State::Invalid);
    QCOMPARE(validator.errorOffset(), 2);
    QVERIFY(validator.hasFailed());
    QVERIFY(!validator.isCompleteAndValid());
}

void TestUtf8Validator::resetStartsAFreshStream()
{
    Utf8Validator validator;
    QCOMPARE(validator.feed("\xFF"), State::Invalid);
    validator.reset();
    QCOMPARE(validator.state(), State::Valid);
    QCOMPARE(validator.errorOffset(), -1);
    QCOMPARE(validator.bytesFed(), 0);
    QCOMPARE(validator.feed("\xCE"), State::Incomplete);
    validator.reset();
    QCOMPARE(validator.feed("\xBA"), State::Invalid); // the half sequence was forgotten
    QCOMPARE(validator.errorOffset(), 0);
}

void TestUtf8Validator::asciiFastPathFindsTheBadByteAtEveryAlignment_data()
{
    QTest::addColumn<int>("asciiBefore");
    QTest::addColumn<int>("alreadyFed");
    for (int before = 0; before <= 40; ++before) {
        for (int fed : {0, 3, 8})
            QTest::addRow("%d ascii bytes, %d fed earlier", before, fed) << before << fed;
    }
}

void TestUtf8Validator::asciiFastPathFindsTheBadByteAtEveryAlignment()
{
    QFETCH(int, asciiBefore);
    QFETCH(int, alreadyFed);

    // Bytes after the bad one look valid, so a fast path that skipped it would miss the error.
    QByteArray piece(asciiBefore, 'x');
    piece += '\x80';
    piece += QByteArray(17, 'y');
    Utf8Validator validator;
    QCOMPARE(validator.feed(QByteArray(alreadyFed, 'a')), State::Valid);
    QCOMPARE(validator.feed(piece), State::Invalid);
    QCOMPARE(validator.errorOffset(), alreadyFed + asciiBefore);
}

void TestUtf8Validator::multiByteSequenceAtEveryAlignment_data()
{
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<int>("asciiBefore");
    const QByteArray sequences[] = {QByteArray::fromHex("c2b5"), QByteArray::fromHex("e282ac"),
                                    QByteArray::fromHex("f09d849e")};
    for (const QByteArray &sequence : sequences) {
        for (int before = 0; before <= 17; ++before) {
            QTest::addRow("%s after %d ascii", sequence.toHex().constData(), before)
                    << sequence << before;
        }
    }
}

void TestUtf8Validator::multiByteSequenceAtEveryAlignment()
{
    QFETCH(QByteArray, sequence);
    QFETCH(int, asciiBefore);

    const QByteArray prefix(asciiBefore, 'x');
    QVERIFY(Utf8Validator::isValid(prefix + sequence + QByteArray(9, 'z')));
    Utf8Validator truncated;
    QCOMPARE(truncated.feed(prefix + sequence.chopped(1)), State::Incomplete);
    Utf8Validator cutByAscii;
    QCOMPARE(cutByAscii.feed(prefix + sequence.chopped(1) + QByteArray(9, 'z')), State::Invalid);
    QCOMPARE(cutByAscii.errorOffset(), asciiBefore + sequence.size() - 1);
}

void TestUtf8Validator::everyScalarValueIsAccepted()
{
    int checked = 0;
    for (char32_t value = 0; value <= 0x10FFFF; ++value) {
        if (value >= 0xD800 && value <= 0xDFFF)
            continue;
        const QByteArray bytes = encode(value, shortestLength(value));
        Utf8Validator validator;
        if (validator.feed(bytes) != State::Valid)
            QFAIL(qPrintable(QStringLiteral("U+%1 rejected").arg(quint32(value), 4, 16, QLatin1Char('0'))));
        ++checked;
    }
    QCOMPARE(checked, 0x110000 - 0x800);
}

void TestUtf8Validator::everySurrogateIsRejectedAtItsSecondByte()
{
    for (char32_t value = 0xD800; value <= 0xDFFF; ++value) {
        Utf8Validator validator;
        QCOMPARE(validator.feed(encode(value, 3)), State::Invalid);
        QCOMPARE(validator.errorOffset(), 1);
    }
}

void TestUtf8Validator::everyOverlongFormIsRejected_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<qint64>("errorOffset");
    // C0 and C1 can never start a sequence; E0 and F0 become impossible at the second byte.
    QTest::addRow("2-byte forms of U+0000..U+007F") << 2 << qint64(0);
    QTest::addRow("3-byte forms of U+0000..U+07FF") << 3 << qint64(1);
    QTest::addRow("4-byte forms of U+0000..U+FFFF") << 4 << qint64(1);
}

void TestUtf8Validator::everyOverlongFormIsRejected()
{
    QFETCH(int, length);
    QFETCH(qint64, errorOffset);

    for (char32_t value = 0; shortestLength(value) < length; ++value) {
        Utf8Validator validator;
        QCOMPARE(validator.feed(encode(value, length)), State::Invalid);
        QCOMPARE(validator.errorOffset(), errorOffset);
    }
}

void TestUtf8Validator::everyValueAboveMaximumIsRejected()
{
    for (char32_t value = 0x110000; value <= 0x1FFFFF; ++value) {
        Utf8Validator validator;
        QCOMPARE(validator.feed(encode(value, 4)), State::Invalid);
        // F4 90.. fails at the second byte; F5..F7 are never valid.
        QCOMPARE(validator.errorOffset(), value < 0x140000 ? 1 : 0);
    }
}

void TestUtf8Validator::agreesWithQtDecoderOnRandomStreams()
{
    // Bytes from every class the RFC 3629 table distinguishes, so random streams hit the edges.
    const QByteArray pool = QByteArray::fromHex(
            "00417f808f909fa0bfc0c1c2dfe0e1ecedeeeff0f1f3f4f5f7f8feff");
    QRandomGenerator random(6455);
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes(random.bounded(13), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = pool[random.bounded(pool.size())];
        if (Utf8Validator::isValid(bytes) != qtAcceptsUtf8(bytes))
            QFAIL(bytes.toHex(' ').constData());
    }
}

void TestUtf8Validator::errorOffsetIsTheFirstImpossibleByte()
{
    // The prefix before the reported byte can still become valid UTF-8; with that byte it cannot.
    const QByteArray pool = QByteArray::fromHex("41808f909fa0bfc0c2e0e1edf0f1f4f5");
    QRandomGenerator random(3629);
    int invalidStreams = 0;
    for (int round = 0; round < 1500; ++round) {
        QByteArray bytes(1 + random.bounded(8), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = pool[random.bounded(pool.size())];
        Utf8Validator validator;
        if (validator.feed(bytes) != State::Invalid) {
            QVERIFY2(isViablePrefix(bytes), bytes.toHex(' ').constData());
            continue;
        }
        ++invalidStreams;
        const qint64 offset = validator.errorOffset();
        QVERIFY(offset >= 0 && offset < bytes.size());
        QVERIFY2(isViablePrefix(bytes.first(offset)), bytes.toHex(' ').constData());
        QVERIFY2(!isViablePrefix(bytes.first(offset + 1)), bytes.toHex(' ').constData());
    }
    QVERIFY(invalidStreams > 500); // the pool makes most streams invalid; the check did run
}

void TestUtf8Validator::sixteenMebibyteMessage()
{
    constexpr qsizetype size = 16 * 1024 * 1024;
    const QByteArray kosme = QByteArray::fromHex("cebae1bdb9cf83cebcceb5");
    QByteArray text;
    text.reserve(size);
    while (text.size() + kosme.size() + 64 <= size) {
        text += QByteArray(64, 'a');
        text += kosme;
    }
    text += QByteArray(size - text.size(), 'b');
    QCOMPARE(text.size(), size);
    QVERIFY(Utf8Validator::isValid(text));

    text[size - 1] = '\xBF';
    Utf8Validator validator;
    QCOMPARE(validator.feed(text), State::Invalid);
    QCOMPARE(validator.errorOffset(), size - 1);
}

QTEST_GUILESS_MAIN(TestUtf8Validator)
#include "tst_utf8validator.moc"
