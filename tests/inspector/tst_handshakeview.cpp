#include "inspector/handshakeview.h"

#include "inspector/capturesamples.h"

#include <QCryptographicHash>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;

class TestHandshakeView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derivesTheRfcAcceptStepByStep();
    void acceptWithoutTheGuidIsFlagged();
    void invalidRequestSaysWhichRule_data();
    void invalidRequestSaysWhichRule();
    void readsResponseFieldLines();
    void highlightsTheHandshakeHeaders();
    void emptyViewExplainsItself();
};

void TestHandshakeView::derivesTheRfcAcceptStepByStep()
{
    HandshakeView view;
    view.setExchange(upgradeRequest, upgradeResponse);
    const auto derivation = view.derivation();
    QVERIFY(derivation);
    // RFC 6455 §1.3.
    QCOMPARE(derivation->key, QByteArray("dGhlIHNhbXBsZSBub25jZQ=="));
    QCOMPARE(derivation->keyWithGuid, QByteArray("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    QCOMPARE(derivation->accept, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QCOMPARE(view.sentAccept(), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QCOMPARE(view.acceptMatches(), std::optional(true));
    const QString steps = view.derivationText();
    QVERIFY(steps.contains(QString::fromLatin1(derivation->sha1Hex)));
    QVERIFY(steps.contains("✓"));
    QVERIFY2(view.validationText().startsWith("✓"), qPrintable(view.validationText()));
}

void TestHandshakeView::acceptWithoutTheGuidIsFlagged()
{
    // HandshakeFault::AcceptWithoutGuid: base64(SHA-1(key)) with the GUID left out.
    const QByteArray wrong = QCryptographicHash::hash("dGhlIHNhbXBsZSBub25jZQ==", QCryptographicHash::Sha1).toBase64();
    const QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Accept: " + wrong + "\r\n\r\n";
    HandshakeView view;
    view.setExchange(upgradeRequest, response);
    QCOMPARE(view.sentAccept(), wrong);
    QCOMPARE(view.acceptMatches(), std::optional(false));
    QVERIFY(view.derivationText().contains("✗"));
}

void TestHandshakeView::invalidRequestSaysWhichRule_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("contains");
    QByteArray noVersion = upgradeRequest;
    noVersion.replace("Sec-WebSocket-Version: 13\r\n", "");
    QTest::addRow("no version") << noVersion << "426";
    QByteArray post = upgradeRequest;
    post.replace("GET ", "POST ");
    QTest::addRow("POST") << post << "405";
    QTest::addRow("malformed") << QByteArray("GET\r\n\r\n") << "Malformed HTTP request";
}

void TestHandshakeView::invalidRequestSaysWhichRule()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, contains);
    HandshakeView view;
    view.setExchange(request, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    QVERIFY2(view.validationText().startsWith("✗"), qPrintable(view.validationText()));
    QVERIFY2(view.validationText().contains(contains), qPrintable(view.validationText()));
    QCOMPARE(view.acceptMatches(), std::nullopt);
}

void TestHandshakeView::readsResponseFieldLines()
{
    const auto head = HandshakeView::readResponseHead(upgradeResponse);
    QVERIFY(head);
    QCOMPARE(head->statusLine, QStringLiteral("HTTP/1.1 101 Switching Protocols"));
    QCOMPARE(head->headers.size(), 3);
    QCOMPARE(head->headers.at(2).name, QByteArray("Sec-WebSocket-Accept"));
    QCOMPARE(head->headers.at(2).value, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QVERIFY(!HandshakeView::readResponseHead("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n"));
}

void TestHandshakeView::highlightsTheHandshakeHeaders()
{
    HandshakeView view;
    view.setExchange(upgradeRequest, upgradeResponse);
    const QString request = view.requestHtml();
    QVERIFY(request.contains("Sec-WebSocket-Key"));
    QVERIFY(request.contains("background-color"));
    QVERIFY(view.responseHtml().contains("Switching Protocols"));
    QVERIFY(!view.grab().isNull());
}

void TestHandshakeView::emptyViewExplainsItself()
{
    HandshakeView view;
    QVERIFY(!view.derivation());
    QVERIFY(view.derivationText().contains("no Sec-WebSocket-Key"));
}

QTEST_MAIN(TestHandshakeView)
#include "tst_handshakeview.moc"
