#include "inspector/payloadview.h"

#include "inspector/capturesamples.h"
#include "inspector/deflatepreview.h"
#include "inspector/payloadpreview.h"

#include <QLabel>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using Mode = PayloadView::Mode;
using protocol::Opcode;

Q_DECLARE_METATYPE(PayloadView::Mode)
Q_DECLARE_METATYPE(wslab::protocol::Opcode)

class TestPayloadView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choosesTheRightReading_data();
    void choosesTheRightReading();
    void maskedAndUnmaskedSideBySide();
    void closeFrameShowsCodeNameAndReason();
    void prettyPrintsJson();
    void reassembledMessageSaysHowManyFrames();
    void longPayloadIsCapped();
    void compressedFrameKeepsItsWireBytesAndShowsTheMessage_data();
    void compressedFrameKeepsItsWireBytesAndShowsTheMessage();
    void compressedFragmentIsNeverText();
    void plainFrameHasNoInflatedTab();
    void inflatedNoteKeepsAllItsLinesInAShortTab();
};

void TestPayloadView::choosesTheRightReading_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QList<Mode>>("available");
    QTest::addColumn<QString>("summaryContains");

    QTest::addRow("§5.7 masked Hello") << maskedHelloWire() << Mode::Text
                                       << QList{Mode::Text, Mode::Hex, Mode::MaskedUnmasked} << "valid UTF-8";
    QTest::addRow("§5.7 unmasked Hello") << unmaskedHelloWire() << Mode::Text << QList{Mode::Text, Mode::Hex}
                                         << "text frame, 5 payload bytes";
    QTest::addRow("binary stays binary")
            << protocol::FrameEncoder::encode(Opcode::Binary, QByteArray::fromHex("00ff80fe")) << Mode::Hex
            << QList{Mode::Hex} << "binary frame, 4 payload bytes";
    QTest::addRow("text that is not UTF-8")
            << protocol::FrameEncoder::encode(Opcode::Text, QByteArray::fromHex("c328")) << Mode::Hex
            << QList{Mode::Hex} << "not valid UTF-8";
    QTest::addRow("JSON text") << protocol::FrameEncoder::encode(Opcode::Text, R"({"type":"chat","text":"hi"})")
                               << Mode::Json << QList{Mode::Text, Mode::Json, Mode::Hex} << "valid UTF-8";
}

void TestPayloadView::choosesTheRightReading()
{
    QFETCH(QByteArray, wire);
    QFETCH(Mode, mode);
    QFETCH(QList<Mode>, available);
    QFETCH(QString, summaryContains);
    PayloadView view;
    view.setFrame(frameFromWire(wire));
    QCOMPARE(view.currentMode(), mode);
    for (Mode m : {Mode::Text, Mode::Json, Mode::Hex, Mode::MaskedUnmasked, Mode::Inflated})
        QCOMPARE(view.isModeAvailable(m), available.contains(m));
    QVERIFY2(view.summary().contains(summaryContains), qPrintable(view.summary()));
}

void TestPayloadView::maskedAndUnmaskedSideBySide()
{
    PayloadView view;
    view.setFrame(frameFromWire(maskedHelloWire()));
    QCOMPARE(view.content(Mode::Text), QStringLiteral("Hello"));
    QVERIFY(view.content(Mode::Hex).startsWith("00000000  48 65 6c 6c 6f"));
    const QString both = view.content(Mode::MaskedUnmasked);
    QVERIFY2(both.contains("7f 9f 4d 51 58"), qPrintable(both));
    QVERIFY(both.contains("48 65 6c 6c 6f"));
}

void TestPayloadView::closeFrameShowsCodeNameAndReason()
{
    PayloadView view;
    view.setFrame(frameFromWire(protocol::FrameEncoder::encode(
            Opcode::Close, protocol::FrameEncoder::closePayload(1001, "tab closed"), true, protocol::MaskKey{1, 2, 3, 4})));
    QVERIFY2(view.summary().contains("1001 (Going Away)"), qPrintable(view.summary()));
    QVERIFY(view.summary().contains("tab closed"));
    QCOMPARE(view.content(Mode::Text), QStringLiteral("tab closed"));
}

void TestPayloadView::prettyPrintsJson()
{
    PayloadView view;
    view.setFrame(frameFromWire(protocol::FrameEncoder::encode(Opcode::Text, R"({"a":[1,2]})")));
    const QString json = view.content(Mode::Json);
    QVERIFY2(json.contains("\n    \"a\": ["), qPrintable(json));
}

void TestPayloadView::reassembledMessageSaysHowManyFrames()
{
    PayloadView view;
    view.setMessage(Opcode::Text, "Hello", 2);
    QVERIFY2(view.summary().contains("reassembled from 2 frames"), qPrintable(view.summary()));
    QCOMPARE(view.content(Mode::Text), QStringLiteral("Hello"));
    QVERIFY(!view.isModeAvailable(Mode::MaskedUnmasked));
    // Regression: "reassembled from 1 frames".
    view.setMessage(Opcode::Text, "Hello", 1);
    QVERIFY2(view.summary().contains("in a single frame"), qPrintable(view.summary()));
    QVERIFY(!view.summary().contains("reassembled"));
}

void TestPayloadView::longPayloadIsCapped()
{
    PayloadView view;
    const QByteArray payload(PayloadView::displayCap * 4, 'a');
    view.setFrame(frameFromWire(protocol::FrameEncoder::encode(Opcode::Text, payload)));
    QVERIFY(view.content(Mode::Text).size() < PayloadView::textCap + 200);
    QVERIFY(view.content(Mode::Text).contains(QString::number(payload.size())));
    QVERIFY(view.content(Mode::Hex).endsWith(QStringLiteral("(showing the first %1 of %2 bytes)")
                                                     .arg(PayloadView::displayCap)
                                                     .arg(payload.size())));
}

void TestPayloadView::compressedFrameKeepsItsWireBytesAndShowsTheMessage_data()
{
    QTest::addColumn<Opcode>("opcode");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("inflatedContains");

    QTest::addRow("RFC 7692 §7.2.3.1 Hello") << Opcode::Text << QByteArray("Hello") << "\nHello";
    QTest::addRow("JSON text") << Opcode::Text << QByteArray(R"({"type":"chat","text":"hi"})") << R"("text":"hi")";
    QTest::addRow("binary as a dump") << Opcode::Binary << QByteArray::fromHex("00ff80fe") << "00000000  00 ff 80 fe";
}

void TestPayloadView::compressedFrameKeepsItsWireBytesAndShowsTheMessage()
{
    QFETCH(Opcode, opcode);
    QFETCH(QByteArray, message);
    QFETCH(QString, inflatedContains);
    const CaptureRecord record = compressedMessage(1, opcode, message).first();
    const QByteArray deflatedBytes = deflated(message);
    PayloadView view;
    view.setFrame(*record.frame);
    // The wire side: DEFLATE bytes in hex (masked beside unmasked), never as text or JSON.
    QVERIFY(!view.isModeAvailable(Mode::Text));
    QVERIFY(!view.isModeAvailable(Mode::Json));
    QVERIFY(view.isModeAvailable(Mode::MaskedUnmasked));
    QVERIFY(!view.isModeAvailable(Mode::Inflated)); // not inflated yet
    QCOMPARE(view.currentMode(), Mode::Hex);
    QVERIFY2(view.content(Mode::Hex).startsWith(QStringLiteral("00000000  ") + PayloadPreview::hexBytes(deflatedBytes.first(4))),
             qPrintable(view.content(Mode::Hex)));
    QVERIFY2(view.summary().contains("permessage-deflate"), qPrintable(view.summary()));

    view.setInflated(message, message.size(), DeflatePreview::factsOf(record));
    QVERIFY(view.isModeAvailable(Mode::Inflated));
    QCOMPARE(view.currentMode(), Mode::Inflated);
    const QString inflated = view.content(Mode::Inflated);
    QVERIFY2(inflated.contains(inflatedContains), qPrintable(inflated));
    QVERIFY2(inflated.contains(QStringLiteral("RSV1 = 1")), qPrintable(inflated));
    QVERIFY(inflated.contains(QStringLiteral("RFC 7692 §6")));
    QVERIFY(inflated.contains(QStringLiteral("%1 bytes of DEFLATE data").arg(deflatedBytes.size())));
    QVERIFY(inflated.contains(QStringLiteral("%1 bytes the application gets").arg(message.size())));
    QVERIFY(inflated.contains(QStringLiteral("00 00 FF FF")));
    QVERIFY(inflated.contains(QStringLiteral("RFC 7692 §7.2.1")));
    // The hex tab still has the wire bytes.
    QVERIFY(view.content(Mode::Hex).startsWith(QStringLiteral("00000000  ") + PayloadPreview::hexBytes(deflatedBytes.first(4))));
}

void TestPayloadView::compressedFragmentIsNeverText()
{
    // A continuation frame has no RSV1 (RFC 7692 §6): the caller says it carries DEFLATE data. These
    // bytes happen to be valid UTF-8, which must not make them text.
    PayloadView view;
    view.setFrame(frameFromWire(protocol::FrameEncoder::encode(Opcode::Continuation, "abc", false)), true);
    QVERIFY(!view.isModeAvailable(Mode::Text));
    QCOMPARE(view.currentMode(), Mode::Hex);
    QVERIFY2(view.summary().contains("permessage-deflate"), qPrintable(view.summary()));
}

void TestPayloadView::plainFrameHasNoInflatedTab()
{
    PayloadView view;
    view.setFrame(*compressedMessage(1, Opcode::Text, "Hello").first().frame);
    view.setInflated("Hello", 5, DeflateFacts{true, true, 7});
    view.setFrame(frameFromWire(maskedHelloWire()));
    QVERIFY(!view.isModeAvailable(Mode::Inflated));
    QCOMPARE(view.currentMode(), Mode::Text);
    QVERIFY2(!view.summary().contains("deflate"), qPrintable(view.summary()));
    view.clear();
    QVERIFY(!view.isModeAvailable(Mode::Inflated));
}

void TestPayloadView::inflatedNoteKeepsAllItsLinesInAShortTab()
{
    // A narrow, short pane: the note wraps to many lines and is never cut in the middle of one;
    // what does not fit scrolls.
    const QByteArray message(600, 'a');
    const CaptureRecord record = compressedMessage(1, Opcode::Text, message).first();
    PayloadView view;
    view.resize(260, 180);
    view.setFrame(*record.frame);
    view.setInflated(message, message.size(), DeflatePreview::factsOf(record));
    static_cast<QWidget &>(view).show(); // PayloadView::show() shows a payload
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    const QLabel *note = nullptr;
    for (const QLabel *label : view.findChildren<QLabel *>())
        note = label->text().startsWith(QStringLiteral("RSV1 = 1")) ? label : note;
    QVERIFY(note);
    QVERIFY(note->isVisible());
    QTRY_VERIFY2(note->height() >= note->heightForWidth(note->width()),
                 qPrintable(QStringLiteral("%1 < %2").arg(note->height()).arg(note->heightForWidth(note->width()))));
}

QTEST_MAIN(TestPayloadView)
#include "tst_payloadview.moc"
