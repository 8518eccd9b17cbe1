#include "app/composer/browserverdict.h"

#include <QTest>

using namespace wslab::app;
using wslab::protocol::DecodeError;
using wslab::protocol::Opcode;

Q_DECLARE_METATYPE(wslab::app::ComposerPreset)
Q_DECLARE_METATYPE(std::optional<wslab::protocol::DecodeError>)

class tst_BrowserVerdict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets_data();
    void presets();
    void sequences_data();
    void sequences();
    void unfinishedMessageIsOpenNotInvalid();
};

void tst_BrowserVerdict::presets_data()
{
    QTest::addColumn<ComposerPreset>("preset");
    QTest::addColumn<std::optional<DecodeError>>("expected");

    const std::optional<DecodeError> valid;
    QTest::addRow("text") << ComposerPreset::Text << valid;
    QTest::addRow("binary") << ComposerPreset::Binary << valid;
    QTest::addRow("fragmented") << ComposerPreset::FragmentedText << valid;
    QTest::addRow("ping") << ComposerPreset::Ping << valid;
    QTest::addRow("pong") << ComposerPreset::Pong << valid;
    QTest::addRow("close") << ComposerPreset::Close << valid;
    QTest::addRow("rsv2") << ComposerPreset::ReservedBitSet << std::optional(DecodeError::ReservedBitsSet);
    QTest::addRow("opcode 3") << ComposerPreset::ReservedOpcode << std::optional(DecodeError::ReservedOpcode);
    QTest::addRow("masked") << ComposerPreset::MaskedServerFrame << std::optional(DecodeError::MaskedServerFrame);
    QTest::addRow("ping FIN=0")
            << ComposerPreset::FragmentedControl << std::optional(DecodeError::FragmentedControlFrame);
    QTest::addRow("ping 126") << ComposerPreset::ControlTooLong << std::optional(DecodeError::ControlFrameTooLong);
    QTest::addRow("not utf-8") << ComposerPreset::InvalidUtf8Text << std::optional(DecodeError::InvalidUtf8);
    QTest::addRow("non-minimal") << ComposerPreset::NonMinimalLength << std::optional(DecodeError::NonMinimalLength);
}

void tst_BrowserVerdict::presets()
{
    QFETCH(ComposerPreset, preset);
    QFETCH(std::optional<DecodeError>, expected);
    const auto violation = BrowserVerdict::firstViolation(ComposerPresets::frames(preset));
    QCOMPARE(violation.has_value(), expected.has_value());
    if (expected) {
        QCOMPARE(int(violation->error), int(*expected));
        QCOMPARE(violation->frameIndex, 0);
    }
}

void tst_BrowserVerdict::sequences_data()
{
    QTest::addColumn<QList<ComposedFrame>>("frames");
    QTest::addColumn<int>("frameIndex"); // -1: valid
    QTest::addColumn<int>("error");

    const auto frame = &ComposerPresets::frame;
    QTest::addRow("continuation first (RFC 5.4)")
            << QList{frame(Opcode::Continuation, "lo", true)} << 0 << int(DecodeError::ContinuationWithoutStart);
    QTest::addRow("text inside a fragmented message")
            << QList{frame(Opcode::Text, "Hel", false), frame(Opcode::Text, "lo", true)} << 1
            << int(DecodeError::DataFrameInsideFragmentedMessage);
    QTest::addRow("ping between fragments is fine (RFC 5.4)")
            << QList{frame(Opcode::Text, "Hel", false), frame(Opcode::Ping, "", true),
                     frame(Opcode::Continuation, "lo", true)}
            << -1 << 0;
    QTest::addRow("close with 1005 on the wire")
            << QList{frame(Opcode::Close, QByteArray::fromHex("03ed"), true)} << 0 << int(DecodeError::InvalidCloseCode);
    QTest::addRow("close payload of one byte")
            << QList{frame(Opcode::Close, QByteArray(1, '\x03'), true)} << 0 << int(DecodeError::CloseFrameLengthOne);
    QTest::addRow("utf-8 split across fragments is fine")
            << QList{frame(Opcode::Text, QByteArray::fromHex("e282"), false),
                     frame(Opcode::Continuation, QByteArray::fromHex("ac"), true)}
            << -1 << 0;
    QTest::addRow("invalid byte in the first fragment fails at once")
            << QList{frame(Opcode::Text, QByteArray::fromHex("ff"), false)} << 0 << int(DecodeError::InvalidUtf8);
}

void tst_BrowserVerdict::sequences()
{
    QFETCH(QList<ComposedFrame>, frames);
    QFETCH(int, frameIndex);
    QFETCH(int, error);
    const auto violation = BrowserVerdict::firstViolation(frames);
    if (frameIndex < 0) {
        QVERIFY(!violation);
        return;
    }
    QVERIFY(violation);
    QCOMPARE(violation->frameIndex, frameIndex);
    QCOMPARE(int(violation->error), error);
}

void tst_BrowserVerdict::unfinishedMessageIsOpenNotInvalid()
{
    const QList<ComposedFrame> first{ComposerPresets::frames(ComposerPreset::FragmentedText).first()};
    QVERIFY(!BrowserVerdict::firstViolation(first));
    QVERIFY(BrowserVerdict::leavesMessageOpen(first));
    QVERIFY(!BrowserVerdict::leavesMessageOpen(ComposerPresets::frames(ComposerPreset::FragmentedText)));
}

QTEST_GUILESS_MAIN(tst_BrowserVerdict)
#include "tst_browserverdict.moc"
