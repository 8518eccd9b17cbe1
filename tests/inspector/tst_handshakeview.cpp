#include "inspector/handshakeview.h"

#include "inspector/capturesamples.h"

#include "server/protocol/acceptderivation.h"
#include "server/protocol/httpresponse.h"

#include <QCryptographicHash>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTest>
#include <QTextBrowser>

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
    void marksTheFailingResponseCheck_data();
    void marksTheFailingResponseCheck();
    void namesTheConnectionItShows();
    void namesBothEndsAndTheUpstreamsTls_data();
    void namesBothEndsAndTheUpstreamsTls();
    void namesTheEndsInTheWordsOfTheMode_data();
    void namesTheEndsInTheWordsOfTheMode();
    void saysWhenTheRowsConnectionHasNoHandshake();
    void malformedResponseSaysWhichRule_data();
    void malformedResponseSaysWhichRule();
    void showsTheRejectionBody();
    void highlightsTheHandshakeHeaders();
    void percentEncodedTargetIsShownAsSent();
    void emptyViewExplainsItself();
    void everythingFitsTheHandshakeTab_data();
    void everythingFitsTheHandshakeTab();
    void messageBoxesFitTheirLinesUpToAMaximum();
    void verdictsKeepAllTheirLinesInANarrowTab();
};

namespace {

// What Chromium sends: a dozen headers, one of them a User-Agent that wraps.
const QByteArray browserRequest = "GET / HTTP/1.1\r\n"
                                  "Host: 127.0.0.1:18777\r\n"
                                  "Connection: Upgrade\r\n"
                                  "Pragma: no-cache\r\n"
                                  "Cache-Control: no-cache\r\n"
                                  "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                  "HeadlessChrome/120.0.0.0 Safari/537.36\r\n"
                                  "Upgrade: websocket\r\n"
                                  "Origin: http://127.0.0.1:18777\r\n"
                                  "Sec-WebSocket-Version: 13\r\n"
                                  "Accept-Encoding: gzip, deflate, br\r\n"
                                  "Accept-Language: en-US,en;q=0.9\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                                  "\r\n";

QByteArray requestWithHeaders(int count)
{
    QByteArray request = upgradeRequest;
    QByteArray extra;
    for (int i = 0; i < count; ++i)
        extra += "X-Extra-" + QByteArray::number(i) + ": " + QByteArray(20, 'v') + "\r\n";
    request.replace("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 13\r\n" + extra);
    return request;
}

template<typename T>
T *part(const HandshakeView &view, const char *name)
{
    T *widget = view.findChild<T *>(QLatin1StringView(name));
    if (!widget)
        qWarning("no %s", name);
    return widget;
}

// The part of a widget its ancestors up to the view leave on screen, in the view's coordinates.
QRect shownRect(const QWidget *widget, const QWidget *view)
{
    QRect shown(widget->mapTo(view, QPoint()), widget->size());
    for (const QWidget *ancestor = widget->parentWidget(); ancestor && ancestor != view; ancestor = ancestor->parentWidget())
        shown &= QRect(ancestor->mapTo(view, QPoint()), ancestor->size());
    return shown & view->rect();
}

QString describe(const QWidget *widget, const QWidget *view)
{
    const QRect full(widget->mapTo(view, QPoint()), widget->size());
    const QRect shown = shownRect(widget, view);
    return QStringLiteral("%1: at %2,%3 %4×%5, shown %6×%7")
            .arg(widget->objectName())
            .arg(full.x())
            .arg(full.y())
            .arg(full.width())
            .arg(full.height())
            .arg(shown.width())
            .arg(shown.height());
}

} // namespace

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
    QCOMPARE(view.responseErrors(), std::optional(QList<protocol::UpgradeResponseError>{}));
    QVERIFY2(!view.responseChecksText().contains("✗"), qPrintable(view.responseChecksText()));
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
    // A parsed request is what the response is checked against; a 400 fails the status check.
    const bool parsed = !view.validationText().contains("Malformed");
    QCOMPARE(view.responseErrors().has_value(), parsed);
    if (parsed)
        QVERIFY(view.responseErrors()->contains(protocol::UpgradeResponseError::StatusNot101));
}

void TestHandshakeView::marksTheFailingResponseCheck_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("brokenCheck"); // the line marked ✗; empty: none is
    QTest::addColumn<QString>("reason");

    // What the server answers for each HandshakeFault of the handshake lab
    // (HttpConnection::faultyHandshakeResponse), built from the same protocol functions.
    const QByteArray key = "dGhlIHNhbXBsZSBub25jZQ==";
    const QByteArray accept = protocol::deriveAccept(key).accept;
    QTest::addRow("None") << QByteArray(upgradeRequest) << protocol::buildSwitchingProtocols(accept) << QString()
                          << QString();
    QTest::addRow("AcceptWithoutGuid")
            << QByteArray(upgradeRequest)
            << protocol::buildSwitchingProtocols(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toBase64())
            << "Sec-WebSocket-Accept" << "base64(SHA-1(key + GUID))";
    QTest::addRow("MissingUpgradeHeader")
            << QByteArray(upgradeRequest)
            << protocol::buildResponse(101, {{"Connection", "Upgrade"}, {"Sec-WebSocket-Accept", accept}}, {}, true)
            << "Upgrade: websocket" << "Upgrade must be";
    QTest::addRow("WrongStatus")
            << QByteArray(upgradeRequest)
            << protocol::buildResponse(200, {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                                             {"Sec-WebSocket-Accept", accept}}, {}, false)
            << "Status 101" << "Status must be 101";

    // The offers come from the request: "chat" is fine when offered, broken when not.
    QByteArray offering = upgradeRequest;
    offering.replace("Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, superchat\r\n");
    const QByteArray choosingChat = protocol::buildSwitchingProtocols(accept, {{"Sec-WebSocket-Protocol", "chat"}});
    QTest::addRow("offered subprotocol") << offering << choosingChat << QString() << QString();
    QTest::addRow("unrequested subprotocol") << QByteArray(upgradeRequest) << choosingChat
                                             << "Only a subprotocol the client offered" << "Sec-WebSocket-Protocol must be";
}

void TestHandshakeView::marksTheFailingResponseCheck()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);
    QFETCH(QString, brokenCheck);
    QFETCH(QString, reason);

    HandshakeView view;
    view.setExchange(request, response);
    QVERIFY2(view.validationText().startsWith("✓"), qPrintable(view.validationText()));
    const auto errors = view.responseErrors();
    QVERIFY(errors);
    QCOMPARE(errors->size(), brokenCheck.isEmpty() ? 0 : 1);

    // A verdict, then one line per RFC 6455 §4.1 check.
    const QStringList lines = view.responseChecksText().split(u'\n');
    QCOMPARE(lines.size(), 7);
    QVERIFY2(lines.first().startsWith(brokenCheck.isEmpty() ? "✓" : "✗"), qPrintable(lines.first()));
    const QStringList marked = lines.mid(1).filter(QRegularExpression("^✗"));
    QCOMPARE(marked.size(), brokenCheck.isEmpty() ? 0 : 1);
    if (!brokenCheck.isEmpty()) {
        QVERIFY2(marked.first().startsWith("✗ " + brokenCheck), qPrintable(marked.first()));
        QVERIFY2(marked.first().contains(reason), qPrintable(marked.first()));
    }
    QCOMPARE(lines.mid(1).filter(QRegularExpression("^✓ ")).size(), 6 - marked.size());

    // Step 5 compares the accept; a matching one opens the connection only if every other check
    // passes too (the handshake lab's missing Upgrade header, its 200 OK): it names the one that fails.
    const QString derivation = view.derivationText();
    QVERIFY2(derivation.contains("the client accepts the connection") == brokenCheck.isEmpty(), qPrintable(derivation));
    if (!brokenCheck.isEmpty()) {
        QVERIFY2(derivation.contains("fail"), qPrintable(derivation));
        if (view.acceptMatches().value_or(false))
            QVERIFY2(derivation.contains(reason), qPrintable(derivation));
    }
}

void TestHandshakeView::namesTheConnectionItShows()
{
    HandshakeView view;
    view.setRecords(httpRecord(4, RecordKind::HttpRequest, upgradeRequest, 7),
                    nullptr);
    QCOMPARE(view.connectionId(), quint64(7));
    QVERIFY2(view.requestHeadingText().contains("connection #7"), qPrintable(view.requestHeadingText()));
    const CaptureRecord response = httpRecord(5, RecordKind::HttpResponse, upgradeResponse, 7, 101);
    view.setRecords(httpRecord(4, RecordKind::HttpRequest, upgradeRequest, 7), &response);
    QVERIFY(view.acceptMatches().value_or(false));
    view.clear();
    QCOMPARE(view.connectionId(), quint64(0));
    QVERIFY(!view.requestHeadingText().contains("#"));
}

void TestHandshakeView::namesBothEndsAndTheUpstreamsTls_data()
{
    QTest::addColumn<bool>("secure");
    QTest::addColumn<bool>("verified");
    QTest::newRow("ws upstream") << false << true;
    QTest::newRow("wss upstream, verified") << true << true;
    QTest::newRow("wss upstream, --insecure") << true << false;
}

namespace {

// The ConnectionOpened of a relayed connection: the browser's address and the upstream's.
CaptureRecord relayedOpening()
{
    CaptureRecord opened;
    opened.kind = RecordKind::ConnectionOpened;
    opened.connectionId = 7;
    opened.note = QStringLiteral("127.0.0.1:50123");
    opened.serverAddress = QStringLiteral("127.0.0.1:8443");
    return opened;
}

} // namespace

// A relayed connection's ConnectionOpened names the browser (note) and the upstream
// (serverAddress); for wss, the TLS session the proxy agreed with the upstream.
void TestHandshakeView::namesBothEndsAndTheUpstreamsTls()
{
    QFETCH(bool, secure);
    QFETCH(bool, verified);
    CaptureRecord opened = relayedOpening();
    if (secure) {
        capture::TlsInfo tls;
        tls.version = QStringLiteral("TLSv1.3");
        tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
        tls.verified = verified;
        tls.chain = {{QStringLiteral("CN=localhost"), QStringLiteral("CN=Test CA")},
                     {QStringLiteral("CN=Test CA"), QStringLiteral("CN=Test CA")}};
        opened.tls = std::make_shared<const capture::TlsInfo>(tls);
    }
    HandshakeView view;
    view.setConnection(&opened);
    view.setRecords(httpRecord(4, RecordKind::HttpRequest, upgradeRequest, 7), nullptr);
    const QString text = view.connectionText();
    QVERIFY2(text.contains(opened.note) && text.contains(opened.serverAddress), qPrintable(text));
    QCOMPARE(text.contains(QLatin1String("TLSv1.3")), secure);
    QCOMPARE(text.contains(QLatin1String("TLS_AES_256_GCM_SHA384")), secure);
    QCOMPARE(text.contains(QLatin1String("CN=Test CA")), secure);
    QCOMPARE(text.contains(QLatin1String("NOT verified")), secure && !verified);
    view.clear();
    QVERIFY(view.connectionText().isEmpty());
}

void TestHandshakeView::namesTheEndsInTheWordsOfTheMode_data()
{
    QTest::addColumn<int>("ends");
    QTest::addColumn<QString>("request");
    QTest::addRow("capture file") << int(inspector::ConnectionEnds::ClientAndServer) << "(client → server)";
    QTest::addRow("embedded server") << int(inspector::ConnectionEnds::BrowserAndWslab) << "(browser → server)";
    QTest::addRow("proxy") << int(inspector::ConnectionEnds::BrowserAndUpstream) << "(browser → upstream server)";
    QTest::addRow("client mode") << int(inspector::ConnectionEnds::WslabAndServer) << "(wslab → server)";
}

// In client mode wslab sent the request; through the proxy the upstream answered it.
void TestHandshakeView::namesTheEndsInTheWordsOfTheMode()
{
    QFETCH(int, ends);
    QFETCH(QString, request);
    CaptureRecord opened = relayedOpening();
    HandshakeView view;
    view.setEnds(inspector::ConnectionEnds(ends));
    view.setConnection(&opened);
    view.setRecords(httpRecord(4, RecordKind::HttpRequest, upgradeRequest, 7), nullptr);
    QVERIFY2(view.requestHeadingText().contains(request), qPrintable(view.requestHeadingText()));
    const QString client = request.section(QLatin1Char(' '), 0, 0).mid(1);
    QVERIFY2(view.connectionText().contains(QStringLiteral("127.0.0.1:50123 (%1)").arg(client)),
             qPrintable(view.connectionText()));
}

// A row of a connection that never upgraded (the page, polling) shows no other connection's
// handshake: the view says this one has none.
void TestHandshakeView::saysWhenTheRowsConnectionHasNoHandshake()
{
    HandshakeView view;
    const CaptureRecord response = httpRecord(2, RecordKind::HttpResponse, upgradeResponse, 3, 101);
    view.setRecords(httpRecord(1, RecordKind::HttpRequest, upgradeRequest, 3), &response);
    view.showNoHandshake(5);
    QCOMPARE(view.connectionId(), quint64(5));
    QVERIFY(!view.derivation());
    QVERIFY(!view.acceptMatches());
    QVERIFY2(view.requestHeadingText().contains("connection #5"), qPrintable(view.requestHeadingText()));
    auto *request = part<QTextBrowser>(view, "request");
    QVERIFY(request);
    QVERIFY2(request->toPlainText().contains("Connection #5 has no WebSocket opening handshake"),
             qPrintable(request->toPlainText()));
    QVERIFY(!request->toPlainText().contains("GET"));
    QVERIFY(!view.responseHtml().contains("101"));
}

void TestHandshakeView::malformedResponseSaysWhichRule_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QString>("contains");

    QTest::addRow("no colon") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n")
                              << "Header line without a colon";
    QTest::addRow("status code") << QByteArray("HTTP/1.1 1O1 Switching Protocols\r\n\r\n") << "three digits";
    QTest::addRow("not http") << QByteArray("<html></html>\r\n\r\n") << "HTTP/1.1";
    QTest::addRow("unfinished") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n")
                                << "Incomplete";
}

void TestHandshakeView::malformedResponseSaysWhichRule()
{
    QFETCH(QByteArray, response);
    QFETCH(QString, contains);

    HandshakeView view;
    view.setExchange(upgradeRequest, response);
    QVERIFY2(view.responseChecksText().startsWith("✗"), qPrintable(view.responseChecksText()));
    QVERIFY2(view.responseChecksText().contains(contains), qPrintable(view.responseChecksText()));
    QCOMPARE(view.responseErrors(), std::nullopt);
    QVERIFY(view.sentAccept().isEmpty());
}

void TestHandshakeView::showsTheRejectionBody()
{
    QByteArray request = upgradeRequest;
    request.replace("Sec-WebSocket-Version: 13\r\n", "");
    const auto error = protocol::HandshakeError::MissingVersion;
    HandshakeView view;
    view.setExchange(request, protocol::buildRejection(error));
    QVERIFY(view.responseHtml().contains("Upgrade Required"));
    QVERIFY2(view.responseHtml().contains(QString::fromLatin1(protocol::handshakeErrorReason(error))),
             qPrintable(view.responseHtml()));
    QVERIFY(view.responseErrors());
    QVERIFY(view.responseErrors()->contains(protocol::UpgradeResponseError::StatusNot101));
    QVERIFY(view.responseErrors()->contains(protocol::UpgradeResponseError::MissingAccept));
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

// Regression: the request line was filled in with chained arg() calls, so a "%3" of a
// percent-encoded target was replaced by the HTTP version.
void TestHandshakeView::percentEncodedTargetIsShownAsSent()
{
    QByteArray request = upgradeRequest;
    request.replace("GET /chat ", "GET /chat?nick=a%3Db%4Fc ");
    HandshakeView view;
    view.setExchange(request, upgradeResponse);
    QVERIFY2(view.requestHtml().contains("/chat?nick=a%3Db%4Fc"), qPrintable(view.requestHtml()));
    QVERIFY(view.requestHtml().contains("HTTP/1.1"));
}

void TestHandshakeView::emptyViewExplainsItself()
{
    HandshakeView view;
    QVERIFY(!view.derivation());
    QVERIFY(view.derivationText().contains("no Sec-WebSocket-Key"));
}

void TestHandshakeView::everythingFitsTheHandshakeTab_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");

    const QByteArray accept = protocol::deriveAccept("dGhlIHNhbXBsZSBub25jZQ==").accept;
    QTest::addRow("RFC sample") << QByteArray(upgradeRequest) << QByteArray(upgradeResponse);
    QTest::addRow("browser") << browserRequest
                             << protocol::buildSwitchingProtocols(accept, {{"Sec-WebSocket-Extensions", "permessage-deflate"}});
    QTest::addRow("40 extra headers") << requestWithHeaders(40) << QByteArray(upgradeResponse);
}

// The Handshake tab of a maximised window at 1366×768 is about 950×430 px: the request, the
// response, the verdicts and the whole Sec-WebSocket-Accept derivation are all in view at once.
void TestHandshakeView::everythingFitsTheHandshakeTab()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);

    HandshakeView view;
    view.resize(950, 430);
    view.setExchange(request, response);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();

    const auto *requestBox = part<QTextBrowser>(view, "request");
    const auto *responseBox = part<QTextBrowser>(view, "response");
    const auto *derivation = part<QTextBrowser>(view, "derivation");
    QVERIFY(requestBox && responseBox && derivation);
    const QList<const QWidget *> parts{requestBox, responseBox, part<QLabel>(view, "validation"),
                                       part<QLabel>(view, "responseChecks"), derivation};
    for (const QWidget *widget : parts) {
        QVERIFY(widget);
        QTRY_VERIFY2_WITH_TIMEOUT(shownRect(widget, &view).size() == widget->size(), qPrintable(describe(widget, &view)),
                                  1000);
    }
    // The derivation and the response are short: shown whole, with no scrolling inside them.
    QVERIFY2(derivation->verticalScrollBar()->maximum() == 0, qPrintable(describe(derivation, &view)));
    QVERIFY2(responseBox->verticalScrollBar()->maximum() == 0, qPrintable(describe(responseBox, &view)));
    // Readable, not cramped: a message box shows at least a few lines.
    const int line = QFontMetrics(requestBox->document()->defaultFont()).lineSpacing();
    QVERIFY2(requestBox->viewport()->height() >= 3 * line, qPrintable(describe(requestBox, &view)));
}

// A message box is as tall as its lines, up to a maximum; a longer message scrolls inside it.
void TestHandshakeView::messageBoxesFitTheirLinesUpToAMaximum()
{
    HandshakeView view;
    view.resize(950, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto *requestBox = part<QTextBrowser>(view, "request");
    QVERIFY(requestBox);

    const auto heightFor = [&](const QByteArray &request) {
        view.setExchange(request, upgradeResponse);
        QCoreApplication::processEvents();
        return requestBox->height();
    };
    const int sample = heightFor(upgradeRequest);
    QCOMPARE(requestBox->verticalScrollBar()->maximum(), 0);
    const int longer = heightFor(requestWithHeaders(2));
    QCOMPARE(requestBox->verticalScrollBar()->maximum(), 0);
    const int line = QFontMetrics(requestBox->document()->defaultFont()).lineSpacing();
    QVERIFY2(longer >= sample + 2 * line, qPrintable(QStringLiteral("%1 → %2").arg(sample).arg(longer)));
    const int tall = heightFor(requestWithHeaders(40));
    QVERIFY2(tall < sample + 30 * line, qPrintable(QString::number(tall)));
    QVERIFY(requestBox->verticalScrollBar()->maximum() > 0);
    QCOMPARE(heightFor(requestWithHeaders(80)), tall);
    QCOMPARE(heightFor(upgradeRequest), sample);
}

void TestHandshakeView::verdictsKeepAllTheirLinesInANarrowTab()
{
    // The request's verdict and the response's checklist wrap in a narrow tab; each keeps all its
    // lines, the checklist's last one too.
    HandshakeView view;
    view.resize(520, 300);
    view.setExchange(browserRequest, upgradeResponse);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    for (const char *name : {"validation", "responseChecks"}) {
        const auto *label = part<QLabel>(view, name);
        QVERIFY(label);
        QVERIFY(!label->text().isEmpty());
        QTRY_VERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1: %2 < %3").arg(QLatin1StringView(name)).arg(label->height())
                                        .arg(label->heightForWidth(label->width()))));
    }
}

QTEST_MAIN(TestHandshakeView)
#include "tst_handshakeview.moc"
