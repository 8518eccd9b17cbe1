#include "app/composer/composerpresets.h"

#include "server/protocol/framedecoder.h"

#include <QStringDecoder>
#include <QTest>

using namespace wslab::app;
using wslab::protocol::FrameDecoder;
using wslab::protocol::LengthForm;
using wslab::protocol::Opcode;

Q_DECLARE_METATYPE(wslab::app::ComposerPreset)

class tst_ComposerPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wireBytes_data();
    void wireBytes();
    void everyPresetHasTextAndFrames();
    void invalidPresetsBreakOneRule_data();
    void invalidPresetsBreakOneRule();
    void framesReadBackAsComposed();
};

static QByteArray joined(const QList<ComposedFrame> &frames)
{
    QByteArray bytes;
    for (const ComposedFrame &frame : frames)
        bytes += frame.wireBytes();
    return bytes;
}

// Hand-computed from RFC 6455 §5.2 (byte 0 = FIN RSV1 RSV2 RSV3 opcode; byte 1 = MASK len7) and the
// §5.7 examples.
void tst_ComposerPresets::wireBytes_data()
{
    QTest::addColumn<ComposerPreset>("preset");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray hello = "48656c6c6f";
    QTest::addRow("text Hello (RFC 5.7)") << ComposerPreset::Text << QByteArray::fromHex("8105" + hello);
    QTest::addRow("binary 4 bytes") << ComposerPreset::Binary << QByteArray::fromHex("8204deadbeef");
    QTest::addRow("fragments Hel+lo (RFC 5.7)")
            << ComposerPreset::FragmentedText << QByteArray::fromHex("010348656c" "80026c6f");
    QTest::addRow("ping Hello (RFC 5.7)") << ComposerPreset::Ping << QByteArray::fromHex("8905" + hello);
    QTest::addRow("pong Hello") << ComposerPreset::Pong << QByteArray::fromHex("8a05" + hello);
    // 1000 = 0x03e8, then "bye"
    QTest::addRow("close 1000 bye") << ComposerPreset::Close << QByteArray::fromHex("880503e8627965");
    // 0x80 FIN | 0x20 RSV2 | 0x1 text
    QTest::addRow("rsv2 set") << ComposerPreset::ReservedBitSet << QByteArray::fromHex("a105" + hello);
    QTest::addRow("opcode 0x3") << ComposerPreset::ReservedOpcode << QByteArray::fromHex("8305" + hello);
    // RFC 6455 §5.7 masked "Hello": key 37 fa 21 3d
    QTest::addRow("masked server frame")
            << ComposerPreset::MaskedServerFrame << QByteArray::fromHex("818537fa213d7f9f4d5158");
    QTest::addRow("ping FIN=0") << ComposerPreset::FragmentedControl << QByteArray::fromHex("0905" + hello);
    // 126 does not fit 7 bits: 0x7e, then 00 7e in 16 bits
    QTest::addRow("ping 126 bytes")
            << ComposerPreset::ControlTooLong << QByteArray::fromHex("897e007e") + QByteArray(126, 'x');
    QTest::addRow("text not utf-8") << ComposerPreset::InvalidUtf8Text << QByteArray::fromHex("81044869c328");
    QTest::addRow("length 5 as 16 bits")
            << ComposerPreset::NonMinimalLength << QByteArray::fromHex("817e0005" + hello);
}

void tst_ComposerPresets::wireBytes()
{
    QFETCH(ComposerPreset, preset);
    QFETCH(QByteArray, expected);
    QCOMPARE(joined(ComposerPresets::frames(preset)).toHex(' '), expected.toHex(' '));
}

void tst_ComposerPresets::everyPresetHasTextAndFrames()
{
    const QList<ComposerPreset> presets = ComposerPresets::all();
    QCOMPARE(presets.size(), int(ComposerPreset::NonMinimalLength) + 1);
    for (ComposerPreset preset : presets) {
        QVERIFY(!ComposerPresets::frames(preset).isEmpty());
        QVERIFY(qstrlen(ComposerPresets::title(preset)) > 0);
        QVERIFY(qstrlen(ComposerPresets::expectation(preset)) > 0);
    }
}

// A browser's decoder (client role) must reject each invalid preset; the valid ones pass.
void tst_ComposerPresets::invalidPresetsBreakOneRule_data()
{
    QTest::addColumn<ComposerPreset>("preset");
    for (ComposerPreset preset : ComposerPresets::all())
        QTest::addRow("%s", ComposerPresets::title(preset)) << preset;
}

void tst_ComposerPresets::invalidPresetsBreakOneRule()
{
    QFETCH(ComposerPreset, preset);
    FrameDecoder decoder({wslab::protocol::Role::Client});
    QList<wslab::protocol::DecodedFrame> frames;
    const auto error = decoder.feed(joined(ComposerPresets::frames(preset)), frames);
    if (preset == ComposerPreset::InvalidUtf8Text) {
        // UTF-8 is a message-layer rule: the frame itself is well formed.
        QVERIFY(!error);
        QCOMPARE(frames.size(), 1);
        QStringDecoder utf8(QStringDecoder::Utf8);
        const QString text = utf8.decode(frames.first().payload);
        QVERIFY(utf8.hasError());
        return;
    }
    QCOMPARE(error.has_value(), ComposerPresets::isInvalid(preset));
}

void tst_ComposerPresets::framesReadBackAsComposed()
{
    for (ComposerPreset preset : ComposerPresets::all()) {
        for (const ComposedFrame &composed : ComposerPresets::frames(preset)) {
            const auto read = FrameDecoder::readFrame(composed.wireBytes());
            QVERIFY2(read, ComposerPresets::title(preset));
            QCOMPARE(read->header, composed.header);
            QCOMPARE(read->payload, composed.payload);
        }
    }
}

QTEST_GUILESS_MAIN(tst_ComposerPresets)
#include "tst_composerpresets.moc"
