#include "inspector/explainpanel.h"

#include "inspector/capturesamples.h"

#include <QSignalSpy>
#include <QTest>
#include <QAbstractTextDocumentLayout>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::FieldId;

class TestExplainPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void narratesTheMaskedHelloInParserOrder();
    void steppingMarksOneStep();
    void clickingAStepActivatesItsField();
    void explainsWhereTheParserStopped();
    void explainsAFrameTheServerShouldNotHaveSent();
    void clientCloseWithAFailureCodeExplainsThe1006OfThePage();
    void explainsRecordsThatAreNotFrames_data();
    void explainsRecordsThatAreNotFrames();
    void steppingScrollsTheStepIntoView();
    void namesTheEndsAsTheModeHasThem_data();
    void namesTheEndsAsTheModeHasThem();
    void aCaptureFileSaysWhichEndFailsTheConnection_data();
    void aCaptureFileSaysWhichEndFailsTheConnection();
};

void TestExplainPanel::narratesTheMaskedHelloInParserOrder()
{
    ExplainPanel panel;
    panel.setEnds(ExplainPanel::Ends::BrowserAndWslab); // the lab's own conversation
    panel.setRecord(frameRecord(7, maskedHelloWire()));
    const QString text = panel.plainText();
    // RFC 6455 §5.7 masked "Hello", in the order the parser reads it.
    const QStringList inOrder{"Frame #7, sent by the browser",
                              "byte 0 = 0x81 (1000 0001)",
                              "FIN = 1",
                              "RSV1-3 = 000",
                              "opcode = 0x1 text",
                              "byte 1 = 0x85 (1000 0101)",
                              "MASK = 1",
                              "payload len = 5",
                              "bytes 2-5 = 37 fa 21 3d",
                              "masking key = 37 fa 21 3d",
                              "bytes 6-10",
                              "7f 9f 4d 51 58",
                              "“Hello”"};
    qsizetype at = 0;
    for (const QString &part : inOrder) {
        const qsizetype found = text.indexOf(part, at);
        QVERIFY2(found >= 0, qPrintable(QStringLiteral("“%1” not found after %2 in:\n%3").arg(part).arg(at).arg(text)));
        at = found + part.size();
    }
    QCOMPARE(panel.steps().size(), 7);
}

void TestExplainPanel::steppingMarksOneStep()
{
    ExplainPanel panel;
    panel.setFrame(frameFromWire(maskedHelloWire()));
    QSignalSpy changed(&panel, &ExplainPanel::currentStepChanged);
    panel.setCurrentStep(3);
    QCOMPARE(panel.currentStep(), 3);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 3);
    QVERIFY(panel.html().contains("font-weight:700") || panel.html().contains("font-weight:600"));
    panel.highlightField(FieldId::Rsv2);
    QCOMPARE(panel.currentStep(), 1);
    panel.highlightField(FieldId::ExtendedPayloadLength64); // not in this frame
    QCOMPARE(panel.currentStep(), -1);
    QCOMPARE(changed.count(), 3);
}

void TestExplainPanel::clickingAStepActivatesItsField()
{
    ExplainPanel panel;
    panel.setFrame(frameFromWire(maskedHelloWire()));
    QSignalSpy activated(&panel, &ExplainPanel::fieldActivated);
    auto *browser = panel.findChild<QTextBrowser *>();
    QVERIFY(browser);
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("step:4")));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<FieldId>(), FieldId::PayloadLength);
    QCOMPARE(panel.currentStep(), 4);
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("step:99")));
    QCOMPARE(activated.count(), 1);
}

void TestExplainPanel::explainsWhereTheParserStopped()
{
    ExplainPanel panel;
    CaptureRecord record = frameRecord(1, QByteArray::fromHex("c100"), 1, Direction::Inbound);
    record.decodeError = protocol::DecodeError::ReservedBitsSet;
    panel.setRecord(record);
    QVERIFY(panel.plainText().contains("RSV1 means \"compressed\""));
    QVERIFY(panel.plainText().contains("close code 1002"));
}

// The composer's "masked server frame" as the server records it: flagged with the rule a client's
// parser finds broken (RFC 6455 §5.1), and the code the page is told.
void TestExplainPanel::explainsAFrameTheServerShouldNotHaveSent()
{
    ExplainPanel panel;
    CaptureRecord record = frameRecord(9, maskedHelloWire(), 1, Direction::Outbound);
    record.decodeError = protocol::DecodeError::MaskedServerFrame;
    panel.setRecord(record);
    const QString text = panel.plainText();
    QVERIFY2(text.contains("sent by the server"), qPrintable(text));
    QVERIFY2(text.contains("RFC 6455 §5.1, a server must not mask"), qPrintable(text));
    QVERIFY2(!text.contains("every frame a client sends must be masked (RFC 6455 §5.1, §5.3)"), qPrintable(text));
    QVERIFY2(text.contains("A client's parser stops here: Server frame is masked"), qPrintable(text));
    QVERIFY2(text.contains("close frame with code 1002"), qPrintable(text));
    QVERIFY2(text.contains("told 1006, not 1002"), qPrintable(text));
}

// RFC 6455 §7.1.5, §7.4.1: the browser that failed the connection sent 1002; its page is told 1006.
void TestExplainPanel::clientCloseWithAFailureCodeExplainsThe1006OfThePage()
{
    ExplainPanel panel;
    panel.setRecord(encodedRecord(3, protocol::Opcode::Close, QByteArray::fromHex("03ea"), 1, Direction::Inbound));
    QVERIFY2(panel.plainText().contains("onclose event is told 1006, not 1002"), qPrintable(panel.plainText()));
    panel.setRecord(encodedRecord(4, protocol::Opcode::Close, QByteArray::fromHex("03e8"), 1, Direction::Inbound));
    QVERIFY2(!panel.plainText().contains("1006"), qPrintable(panel.plainText()));
}

void TestExplainPanel::explainsRecordsThatAreNotFrames_data()
{
    QTest::addColumn<CaptureRecord>("record");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<QString>("absent");
    QTest::addRow("upgrade request") << httpRecord(1, RecordKind::HttpRequest, upgradeRequest) << "RFC 6455 §4.1"
                                     << QString();
    QTest::addRow("101") << httpRecord(2, RecordKind::HttpResponse, upgradeResponse, 1, 101) << "Switching Protocols"
                         << QString();
    // TCP closes as the server records them: a WebSocket session says its close code and which end
    // sent the first close frame; an HTTP connection (the page, polling, or an upgrade the handshake
    // lab answered wrongly, on the WebSocket transport) has no code.
    const auto closed = [](quint64 id, quint16 code, std::optional<Direction> firstClose,
                           Transport transport = Transport::WebSocket) {
        CaptureRecord r = eventRecord(id, RecordKind::ConnectionClosed);
        r.closeCode = code;
        r.firstCloseDirection = firstClose;
        r.transport = transport;
        return r;
    };
    QTest::addRow("WebSocket dropped") << closed(3, 1006, {}) << "1006 (Abnormal Closure)" << "closing handshake, started";
    QTest::addRow("HTTP connection") << closed(4, 0, {}, Transport::Http) << "HTTP only" << "close code 0";
    QTest::addRow("failed upgrade") << closed(10, 0, {}) << "HTTP only" << "Reserved";
    QTest::addRow("normal close") << closed(5, 1000, Direction::Inbound)
                                  << "started by the client: close code 1000 (Normal Closure)" << "1006";
    QTest::addRow("server going away") << closed(6, 1001, Direction::Outbound) << "started by the server" << "1006";
    QTest::addRow("client failed it") << closed(7, 1002, Direction::Inbound) << "told 1006 (Abnormal Closure), not 1002"
                                      << "close code 0";
    QTest::addRow("server close unanswered") << closed(8, 1006, Direction::Outbound) << "The server sent a close frame"
                                             << QString();
    CaptureRecord error = eventRecord(9, RecordKind::ProtocolError);
    error.decodeError = protocol::DecodeError::InvalidUtf8;
    QTest::addRow("error") << error << "close code 1007" << QString();
}

void TestExplainPanel::explainsRecordsThatAreNotFrames()
{
    QFETCH(CaptureRecord, record);
    QFETCH(QString, contains);
    QFETCH(QString, absent);
    ExplainPanel panel;
    panel.setRecord(record);
    QVERIFY2(panel.plainText().contains(contains), qPrintable(panel.plainText()));
    if (!absent.isEmpty())
        QVERIFY2(!panel.plainText().contains(absent), qPrintable(panel.plainText()));
    QVERIFY(panel.steps().isEmpty());
}

void TestExplainPanel::steppingScrollsTheStepIntoView()
{
    // A short panel, as beside the hex dump on a small screen: the last step is below the fold.
    ExplainPanel panel;
    panel.resize(380, 140);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setRecord(frameRecord(7, maskedHelloWire()));
    auto *browser = panel.findChild<QTextBrowser *>();
    QVERIFY(browser);
    QScrollBar *bar = browser->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), 0);
    panel.setCurrentStep(int(panel.steps().size()) - 1); // the payload
    QTRY_VERIFY(bar->value() > 0);
    const QRectF payload = browser->document()->documentLayout()->blockBoundingRect(
            browser->document()->find(QStringLiteral("payload, 5 bytes")).block());
    QVERIFY(payload.isValid());
    QVERIFY2(payload.top() >= bar->value() && payload.top() < bar->value() + browser->viewport()->height(),
             qPrintable(QStringLiteral("%1 not in %2+%3").arg(payload.top()).arg(bar->value()).arg(browser->viewport()->height())));
    const int atPayload = bar->value();
    panel.setCurrentStep(0); // FIN, near the top again
    QTRY_VERIFY(bar->value() < atPayload);
}

QTEST_MAIN(TestExplainPanel)
// The live window says who the ends are: in client mode wslab is the client, in proxy mode the
// browser and the upstream talk through wslab. A capture file says "client / server": its client
// may be any program.
void TestExplainPanel::namesTheEndsAsTheModeHasThem_data()
{
    QTest::addColumn<ExplainPanel::Ends>("ends");
    QTest::addColumn<QString>("clientSent");
    QTest::addColumn<QString>("serverSent");
    QTest::addColumn<QString>("serverFrameRejected"); // a masked server frame, as the client reads it
    QTest::addRow("capture file") << ExplainPanel::Ends::ClientAndServer << "sent by the client."
                                  << "sent by the server." << "A client's parser stops here";
    QTest::addRow("embedded server") << ExplainPanel::Ends::BrowserAndWslab << "sent by the browser."
                                     << "sent by wslab's server." << "A client's parser stops here";
    QTest::addRow("proxy") << ExplainPanel::Ends::BrowserAndUpstream
                           << "sent by the browser (wslab relays it to the upstream)."
                           << "sent by the upstream server (wslab relays it to the browser)."
                           << "A client's parser stops here";
    QTest::addRow("client") << ExplainPanel::Ends::WslabAndServer << "sent by wslab (the client)."
                            << "sent by the server." << "wslab's parser, as the client, stops here";
}

void TestExplainPanel::namesTheEndsAsTheModeHasThem()
{
    QFETCH(ExplainPanel::Ends, ends);
    QFETCH(QString, clientSent);
    QFETCH(QString, serverSent);
    QFETCH(QString, serverFrameRejected);
    ExplainPanel panel;
    panel.setEnds(ends);
    panel.setRecord(frameRecord(7, maskedHelloWire()));
    QVERIFY2(panel.plainText().contains(clientSent), qPrintable(panel.plainText()));
    panel.setRecord(frameRecord(8, unmaskedHelloWire(), 1, Direction::Outbound));
    QVERIFY2(panel.plainText().contains(serverSent), qPrintable(panel.plainText()));
    CaptureRecord masked = frameRecord(9, maskedHelloWire(), 1, Direction::Outbound);
    masked.decodeError = protocol::DecodeError::MaskedServerFrame;
    panel.setRecord(masked);
    QVERIFY2(panel.plainText().contains(serverFrameRejected), qPrintable(panel.plainText()));
    if (ends == ExplainPanel::Ends::WslabAndServer)
        QVERIFY2(!panel.plainText().contains(QLatin1String("A browser fails")), qPrintable(panel.plainText()));
}

// In a file either end may have sent the bad bytes; the other end is the one that fails the
// connection. Only wslab's own server is known to read every frame that can break a rule.
void TestExplainPanel::aCaptureFileSaysWhichEndFailsTheConnection_data()
{
    QTest::addColumn<ExplainPanel::Ends>("ends");
    QTest::addColumn<Direction>("sender");
    QTest::addColumn<QString>("verdict");
    QTest::addRow("file, client's bad text") << ExplainPanel::Ends::ClientAndServer << Direction::Inbound
                                             << "The end that reads it, the server, fails the connection with close code 1007";
    QTest::addRow("file, server's bad text") << ExplainPanel::Ends::ClientAndServer << Direction::Outbound
                                             << "The end that reads it, the client, fails the connection with close code 1007";
    QTest::addRow("embedded server") << ExplainPanel::Ends::BrowserAndWslab << Direction::Inbound
                                     << "The server fails the connection with close code 1007";
}

void TestExplainPanel::aCaptureFileSaysWhichEndFailsTheConnection()
{
    QFETCH(ExplainPanel::Ends, ends);
    QFETCH(Direction, sender);
    QFETCH(QString, verdict);
    ExplainPanel panel;
    panel.setEnds(ends);
    CaptureRecord error = eventRecord(9, RecordKind::ProtocolError);
    error.direction = sender;
    error.decodeError = protocol::DecodeError::InvalidUtf8;
    panel.setRecord(error);
    QVERIFY2(panel.plainText().contains(verdict), qPrintable(panel.plainText()));
}

#include "tst_explainpanel.moc"
