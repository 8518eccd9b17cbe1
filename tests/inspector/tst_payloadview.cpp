#include "inspector/payloadview.h"

#include "inspector/capturesamples.h"

#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using Mode = PayloadView::Mode;
using protocol::Opcode;

Q_DECLARE_METATYPE(PayloadView::Mode)

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
    for (Mode m : {Mode::Text, Mode::Json, Mode::Hex, Mode::MaskedUnmasked})
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
    QVERIFY2(view.summary().contains("2 frames"), qPrintable(view.summary()));
    QCOMPARE(view.content(Mode::Text), QStringLiteral("Hello"));
    QVERIFY(!view.isModeAvailable(Mode::MaskedUnmasked));
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

QTEST_MAIN(TestPayloadView)
#include "tst_payloadview.moc"
