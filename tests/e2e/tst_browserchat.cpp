// A real browser chats with the real server: headless Chromium loads the page the server serves,
// a person's actions are replayed with trusted input events, and the frames are checked as the
// inspector receives them (masked, from a real client) against an independent reading of the
// bytes (RFC 6455 §5.2).
//
// The test functions run in order on one server and one browser, as one person's visit would:
// open, chat, a second tab, the desk posts, large messages, close, failed handshakes, reconnect,
// the server's own frames (fragments, ping, close), a foreign page, the language switch, shutdown.
// WSLAB_E2E_ARTIFACTS=<dir> keeps the screenshots; a failing test always leaves one there.

#include "e2e/capturelog.h"
#include "e2e/chatpagescripts.h"
#include "e2e/serverstart.h"
#include "e2e/chromiumdriver.h"
#include "e2e/wireframe.h"

#include "server/serverhost.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <utility>

using namespace wslab;
using namespace wslab::e2e;
using capture::CaptureRecord;
using capture::Direction;
using server::HandshakeFault;
using capture::RecordKind;
using protocol::LengthForm;
using protocol::Opcode;

namespace {

constexpr int pageTimeoutMs = 10'000;
const QString firstLine = QStringLiteral("Hello from Chromium \u2713 \u4f60\u597d");

// {from, text, own} of the chat line with this text, or null.
QString messageLineScript(const QString &text)
{
    return QStringLiteral(R"JS((() => {
    for (const item of document.querySelectorAll('#messages .entry--message')) {
        if (item.querySelector('.bubble__text')?.textContent !== %1) continue;
        const from = item.querySelector('.bubble__from');
        return { from: from ? from.textContent : null, own: item.classList.contains('entry--own') };
    }
    return null;
})())JS").arg(ChromiumPage::jsString(text));
}

} // namespace

class TestBrowserChat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void pageOpensWithAValidHandshake();
    void typedMessageIsAMaskedTextFrame();
    void broadcastReachesTheSenderUnmasked();
    void renameIsATextFrameAndANotice();
    void secondTabSeesTheFirstTabsMessages();
    void deskMessageReachesEveryTab();
    void largeMessageUsesItsLengthTier_data();
    void largeMessageUsesItsLengthTier();
    void chatPanelScrollsOnlyItsList();
    void closeButtonSendsItsCode();
    void faultyHandshakeIsRefusedByTheBrowser_data();
    void faultyHandshakeIsRefusedByTheBrowser();
    void reconnectAfterAFaultWorks();
    void serverMessageReachesThePageWhole_data();
    void serverMessageReachesThePageWhole();
    void browserAnswersAPingWithAMaskedPong();
    void deskClosesAConnectionWithACode();
    void maskedServerFrameIsFailedWith1002WhileThePageIsTold1006();
    void foreignPageCannotOpenTheChatSocket();
    void chineseSwitchTranslatesThePage();
    void serverShutdownSaysGoingAway();

private:
    // Opens the page in `page` and returns the id of the WebSocket connection it made (0 on failure).
    quint64 openChat(ChromiumPage *page);
    bool waitForUpgrade(qsizetype from, quint64 *connectionId);
    bool sendFromComposer(ChromiumPage *page, const QString &text);
    void screenshot(ChromiumPage *page, const QString &name);
    [[nodiscard]] QUrl pageUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }

    std::unique_ptr<server::ServerHost> m_host;
    std::unique_ptr<CaptureLog> m_capture;
    std::unique_ptr<ChromiumDriver> m_browser;
    std::unique_ptr<QTemporaryDir> m_artifacts;
    QString m_artifactDir;
    ChromiumPage *m_first = nullptr;
    ChromiumPage *m_second = nullptr;
    quint64 m_firstConnection = 0;
    quint64 m_secondConnection = 0;
    quint16 m_port = 0;
    QSet<QString> m_expectedErrors; // browser log lines a test provokes on purpose
};

void TestBrowserChat::initTestCase()
{
    WSLAB_REQUIRE_CHROMIUM();

    m_artifactDir = qEnvironmentVariable("WSLAB_E2E_ARTIFACTS");
    if (m_artifactDir.isEmpty()) {
        m_artifacts = std::make_unique<QTemporaryDir>();
        QVERIFY(m_artifacts->isValid());
        m_artifactDir = m_artifacts->path();
    }
    QVERIFY(QDir().mkpath(m_artifactDir));

    server::ServerSettings settings;
    settings.port = 0; // ephemeral
    // These cases check frames byte for byte as the page typed them (payloads, length tiers), as
    // the lab shows them by default; the transports test runs Chromium with permessage-deflate on.
    settings.permessageDeflate = false;
    m_host = std::make_unique<server::ServerHost>(settings);
    m_capture = std::make_unique<CaptureLog>(*m_host);
    QString error;
    m_port = startListening(*m_host, &error);
    QVERIFY2(m_port != 0, qPrintable(error));

    m_browser = std::make_unique<ChromiumDriver>();
    QVERIFY2(m_browser->start(), qPrintable(m_browser->lastError()));
    m_first = m_browser->firstPage();
    QVERIFY(m_first);
}

void TestBrowserChat::cleanupTestCase()
{
    m_browser.reset(); // before the server: the browser's sockets go first
    m_capture.reset();
    m_host.reset();
}

// (h) after every step: no uncaught exception and no error in any tab, unless the step provoked it.
void TestBrowserChat::cleanup()
{
    const QSet<QString> expectedErrors = std::exchange(m_expectedErrors, {});
    QStringList unexpected;
    for (ChromiumPage *page : {m_first, m_second}) {
        if (!page)
            continue;
        const int tab = page == m_first ? 1 : 2;
        if (QTest::currentTestFailed())
            screenshot(page, QStringLiteral("failed-%1-%2").arg(QLatin1String(QTest::currentTestFunction())).arg(tab));
        for (const QString &error : page->errors()) {
            const bool expected = std::any_of(expectedErrors.cbegin(), expectedErrors.cend(),
                                              [&](const QString &part) { return error.contains(part); });
            if (!expected)
                unexpected << QStringLiteral("tab %1: %2").arg(tab).arg(error);
        }
        page->clearConsole();
    }
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char('\n'))));
}

bool TestBrowserChat::waitForUpgrade(qsizetype from, quint64 *connectionId)
{
    const auto upgrade = m_capture->waitFor([](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpResponse && r.httpStatus == 101;
    }, from, pageTimeoutMs);
    if (!upgrade)
        return false;
    *connectionId = upgrade->connectionId;
    return true;
}

quint64 TestBrowserChat::openChat(ChromiumPage *page)
{
    const qsizetype mark = m_capture->size();
    if (!page->navigate(pageUrl()) || !page->waitFor(chatIsOpenScript, pageTimeoutMs))
        return 0;
    quint64 connectionId = 0;
    return waitForUpgrade(mark, &connectionId) ? connectionId : 0;
}

bool TestBrowserChat::sendFromComposer(ChromiumPage *page, const QString &text)
{
    return page->typeText(QStringLiteral("#composer-input"), text) && page->click(QStringLiteral("#composer-send"));
}

void TestBrowserChat::screenshot(ChromiumPage *page, const QString &name)
{
    const QString path = QDir(m_artifactDir).filePath(name + QStringLiteral(".png"));
    if (page->screenshot(path))
        qInfo("screenshot: %s", qPrintable(path));
    else
        qWarning("screenshot %s failed: %s", qPrintable(path), qPrintable(page->lastError()));
}

// (b) The opening handshake as captured: a GET with a key, a 101 whose accept is derived from it.
void TestBrowserChat::pageOpensWithAValidHandshake()
{
    const qsizetype mark = m_capture->size();
    m_firstConnection = openChat(m_first);
    QVERIFY2(m_firstConnection != 0, qPrintable(m_first->lastError()));
    screenshot(m_first, QStringLiteral("01-open"));

    const auto request = m_capture->find(CaptureLog::ofKind(m_firstConnection, RecordKind::HttpRequest), mark);
    QVERIFY(request);
    QVERIFY2(request->wireBytes.startsWith("GET /chatsocket HTTP/1.1\r\n"), request->wireBytes.left(80).constData());
    QCOMPARE(request->transport, capture::Transport::WebSocket);
    QCOMPARE(httpHeader(request->wireBytes, "Sec-WebSocket-Version"), QByteArray("13"));
    QCOMPARE(httpHeader(request->wireBytes, "Origin"), pageUrl().adjusted(QUrl::RemovePath).toString().toUtf8());
    const QByteArray key = httpHeader(request->wireBytes, "Sec-WebSocket-Key");
    QCOMPARE(QByteArray::fromBase64(key).size(), 16); // RFC 6455 §4.1: 16 random bytes, base64

    const auto response = m_capture->find(CaptureLog::ofKind(m_firstConnection, RecordKind::HttpResponse), mark);
    QVERIFY(response);
    QVERIFY(response->wireBytes.startsWith("HTTP/1.1 101 "));
    QCOMPARE(httpHeader(response->wireBytes, "Sec-WebSocket-Accept"), expectedAccept(key));
    QCOMPARE(httpHeader(response->wireBytes, "Upgrade").toLower(), QByteArray("websocket"));
    QVERIFY(response->id > request->id);

    // The page fetched itself over plain HTTP first, on other connections.
    QVERIFY(m_capture->find([](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpRequest && r.wireBytes.startsWith("GET / HTTP/1.1\r\n");
    }, mark));
}

// (a) What the person typed leaves the browser as one masked text frame (RFC 6455 §5.3).
void TestBrowserChat::typedMessageIsAMaskedTextFrame()
{
    const QString text = firstLine;
    const qsizetype mark = m_capture->size();
    QVERIFY2(sendFromComposer(m_first, text), qPrintable(m_first->lastError()));

    const auto record = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Text), mark);
    QVERIFY(record);
    const protocol::FrameHeader &header = record->frame->header;
    QVERIFY(header.fin);
    QVERIFY(header.masked);
    QVERIFY(!header.hasReservedBits());
    QCOMPARE(record->frame->payload, text.toUtf8());
    QCOMPARE(header.payloadLength, quint64(text.toUtf8().size()));
    QCOMPARE(header.lengthForm, LengthForm::Short7);

    // The bytes on the wire, read again without the product's decoder.
    const WireFrame wire = WireFrame::parse(record->bytes());
    QVERIFY(wire.valid);
    QVERIFY(wire.fin);
    QCOMPARE(wire.opcode, 0x1);
    QVERIFY(wire.masked);
    QCOMPARE(wire.maskKey.size(), 4);
    QCOMPARE(wire.maskKey, QByteArray(reinterpret_cast<const char *>(header.maskKey.data()), 4));
    QCOMPARE(wire.headerSize, 6);
    QCOMPARE(wire.payload, text.toUtf8());
    QVERIFY(m_first->waitFor(QStringLiteral("document.getElementById('composer-input').value === ''"), pageTimeoutMs));
}

// (c) The server's broadcast comes back to the sender, unmasked (RFC 6455 §5.1), and is shown.
void TestBrowserChat::broadcastReachesTheSenderUnmasked()
{
    const QString text = QStringLiteral("broadcast check %1").arg(QDateTime::currentMSecsSinceEpoch());
    const qsizetype mark = m_capture->size();
    QVERIFY(sendFromComposer(m_first, text));
    QVERIFY2(m_first->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(m_first->lastError()));

    const auto out = m_capture->waitFor([&](const CaptureRecord &r) {
        return CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Text)(r) && r.frame->payload.contains(text.toUtf8());
    }, mark);
    QVERIFY(out);
    QVERIFY(!out->frame->header.masked);
    const WireFrame wire = WireFrame::parse(out->bytes());
    QVERIFY(wire.valid && !wire.masked && wire.maskKey.isEmpty());
    const QJsonObject message = QJsonDocument::fromJson(wire.payload).object();
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("text")).toString(), text);

    const QJsonObject line = m_first->evaluate(messageLineScript(text)).toObject();
    QVERIFY(line.value(QStringLiteral("own")).toBool());
    screenshot(m_first, QStringLiteral("02-chat"));
}

void TestBrowserChat::renameIsATextFrameAndANotice()
{
    const qsizetype mark = m_capture->size();
    QVERIFY(m_first->evaluate(QStringLiteral("document.getElementById('nick-input').value = ''; true")).toBool());
    QVERIFY(m_first->typeText(QStringLiteral("#nick-input"), QStringLiteral("Ada")));
    QVERIFY(m_first->click(QStringLiteral("#nick-form button[type=submit]")));

    const auto frame = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Text), mark);
    QVERIFY(frame);
    QCOMPARE(frame->frame->payload, QByteArray("/nick Ada"));
    QVERIFY2(m_first->waitFor(QStringLiteral("[...document.querySelectorAll('#messages .entry--notice')].some((e) => e.textContent.includes('Ada'))"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
}

// (d) A second tab is a second connection and sees what the first one says, live.
void TestBrowserChat::secondTabSeesTheFirstTabsMessages()
{
    m_second = m_browser->newPage();
    QVERIFY2(m_second, qPrintable(m_browser->lastError()));
    m_secondConnection = openChat(m_second);
    QVERIFY2(m_secondConnection != 0, qPrintable(m_second->lastError()));
    QVERIFY(m_secondConnection != m_firstConnection);

    const QString text = QStringLiteral("from the first tab %1").arg(QDateTime::currentMSecsSinceEpoch());
    QVERIFY(sendFromComposer(m_first, text));
    QVERIFY2(m_second->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(m_second->lastError()));
    const QJsonObject line = m_second->evaluate(messageLineScript(text)).toObject();
    QCOMPARE(line.value(QStringLiteral("from")).toString(), QStringLiteral("Ada"));
    QVERIFY(!line.value(QStringLiteral("own")).toBool());
    // The room's history comes before any live line (as it does for a page that starts polling:
    // the page's WebSocket transport treats everything up to the welcome's seq as history).
    QVERIFY2(m_second->evaluate(messageShownScript(firstLine)).toBool(), "the first tab's earlier line is not in the second tab");

    // And back, sent with the Enter key as the placeholder promises.
    const QString reply = QStringLiteral("reply from the second tab");
    QVERIFY(m_second->typeText(QStringLiteral("#composer-input"), reply));
    QVERIFY(m_second->pressKey(QStringLiteral("Enter"), 13, QStringLiteral("\r")));
    QVERIFY2(m_first->waitFor(messageShownScript(reply), pageTimeoutMs), qPrintable(m_first->lastError()));
    QVERIFY(m_capture->waitFor([&](const CaptureRecord &r) {
        return CaptureLog::frame(m_secondConnection, Direction::Inbound, Opcode::Text)(r) && r.frame->payload == reply.toUtf8();
    }));
    screenshot(m_second, QStringLiteral("03-second-tab"));
}

// (e) The desktop user's line goes through the chat room to every browser.
void TestBrowserChat::deskMessageReachesEveryTab()
{
    const QString text = QStringLiteral("Hello from the desk \u00e9\u00e8");
    m_host->postChatMessage(text);
    for (ChromiumPage *page : {m_first, m_second}) {
        QVERIFY2(page->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(page->lastError()));
        const QJsonObject line = page->evaluate(messageLineScript(text)).toObject();
        QCOMPARE(line.value(QStringLiteral("from")).toString(), QStringLiteral("Desk"));
    }
}

// (f) RFC 6455 §5.2: the 7-bit field says 126 and 16 bits follow, or 127 and 64 bits follow.
void TestBrowserChat::largeMessageUsesItsLengthTier_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<LengthForm>("form");
    QTest::addColumn<int>("lengthField");

    QTest::addRow("100 B, 7-bit") << 100 << LengthForm::Short7 << 100;
    QTest::addRow("1 KiB, 7+16-bit") << 1024 << LengthForm::Extended16 << 126;
    QTest::addRow("70 KiB, 7+64-bit") << 71680 << LengthForm::Extended64 << 127;
}

void TestBrowserChat::largeMessageUsesItsLengthTier()
{
    QFETCH(int, size);
    QFETCH(LengthForm, form);
    QFETCH(int, lengthField);

    QVERIFY(m_first->evaluate(QStringLiteral("document.getElementById('lab').open")).toBool()); // wide window: lab open
    QVERIFY(m_first->evaluate(chooseLargeMessageSizeScript(size)) == QJsonValue(QString::number(size)));
    const QString expectedText = m_first->evaluate(QStringLiteral("WsLab.wire.fillerText(%1)").arg(size)).toString();
    QCOMPARE(expectedText.size(), size);

    const qsizetype mark = m_capture->size();
    QVERIFY2(m_first->click(QStringLiteral("#lab-large-send")), qPrintable(m_first->lastError()));
    const auto record = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Text), mark);
    QVERIFY(record);
    QVERIFY(!record->isTruncated());
    QCOMPARE(record->frame->header.payloadLength, quint64(size));
    QCOMPARE(record->frame->header.lengthForm, form);
    QVERIFY(record->frame->header.masked);

    const WireFrame wire = WireFrame::parse(record->bytes());
    QVERIFY(wire.valid);
    QCOMPARE(wire.lengthField, lengthField);
    QCOMPARE(wire.length, quint64(size));
    QCOMPARE(wire.headerSize, qsizetype(2 + (lengthField == 126 ? 2 : lengthField == 127 ? 8 : 0) + 4));
    QCOMPARE(wire.payload, expectedText.toUtf8());

    // The page's hint names the same tier the server saw.
    const QString tier = QString::fromLatin1(protocol::lengthFormName(form)).remove(QStringLiteral("-bit"));
    const QString hint = m_first->evaluate(QStringLiteral("document.getElementById('lab-large-hint').textContent")).toString();
    QVERIFY2(hint.contains(tier), qPrintable(hint + QStringLiteral(" / ") + tier));
    // It is chat text too: the broadcast comes back and the page shows it, shortened.
    QVERIFY2(m_first->waitFor(QStringLiteral("[...document.querySelectorAll('#messages .bubble__text')].some((e) => e.textContent.startsWith(%1) && e.textContent.length <= %2)")
                                  .arg(ChromiumPage::jsString(expectedText.left(100))).arg(qMin(size, 601)), pageTimeoutMs),
             qPrintable(m_first->lastError()));
}

// With a long conversation the message list scrolls; the panel around it (nickname bar, list,
// composer) must not have anything to scroll, or focusing or revealing an element shifts the whole
// panel and leaves a gap under the composer.
void TestBrowserChat::chatPanelScrollsOnlyItsList()
{
    const QJsonObject sizes = m_first->evaluate(QStringLiteral(R"JS((() => {
    const list = document.getElementById('messages');
    const panel = document.querySelector('.chat');
    return { list: list.scrollHeight - list.clientHeight, panel: panel.scrollHeight - panel.clientHeight };
})())JS")).toObject();
    QVERIFY2(sizes.value(QStringLiteral("list")).toInt() > 0, "the conversation should be longer than the list by now");
    // The own lines' "You" labels are .visually-hidden (position: absolute); the list is their
    // containing block, so they scroll and clip with it instead of lengthening the panel.
    QVERIFY2(sizes.value(QStringLiteral("panel")).toInt() <= 1,
             qPrintable(QStringLiteral("the chat panel has %1 px to scroll").arg(sizes.value(QStringLiteral("panel")).toInt())));
}

// (g) The frames lab's close button: a close frame with code 4000 and the reason, echoed by the
// server (RFC 6455 §5.5.1), and the page shows a clean close.
void TestBrowserChat::closeButtonSendsItsCode()
{
    const qsizetype mark = m_capture->size();
    QVERIFY(m_first->evaluate(QStringLiteral(R"JS((() => {
    const select = document.getElementById('lab-close-code');
    select.value = '4000';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    return document.getElementById('lab-close-reason').value;
})())JS")) == QJsonValue(QStringLiteral("bye")));
    QVERIFY2(m_first->click(QStringLiteral("#lab-close-send")), qPrintable(m_first->lastError()));

    const auto inbound = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Close), mark);
    QVERIFY(inbound);
    QVERIFY(inbound->frame->header.masked);
    const WireFrame wire = WireFrame::parse(inbound->bytes());
    QVERIFY(wire.valid && wire.masked && wire.fin);
    QCOMPARE(closeCodeOf(wire.payload), quint16(4000));
    QCOMPARE(wire.payload.mid(2), QByteArray("bye"));

    const auto outbound = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Close), mark);
    QVERIFY(outbound);
    QCOMPARE(closeCodeOf(outbound->frame->payload), quint16(4000));
    const auto closed = m_capture->waitFor(CaptureLog::ofKind(m_firstConnection, RecordKind::ConnectionClosed), mark);
    QVERIFY(closed);
    QCOMPARE(closed->closeCode, quint16(4000));

    QVERIFY2(m_first->waitFor(QStringLiteral("document.getElementById('state-pill').textContent.includes('4000')"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    QCOMPARE(m_first->evaluate(QStringLiteral("document.getElementById('state-pill').dataset.tone")), QJsonValue(QStringLiteral("neutral")));
    QCOMPARE(m_first->evaluate(QStringLiteral("document.getElementById('composer-send').disabled")), QJsonValue(true));
    screenshot(m_first, QStringLiteral("04-closed"));
}

// RFC 6455 §4.1: the client must fail the connection on a wrong answer, and the browser does;
// the server must then see no frame on that connection.
void TestBrowserChat::faultyHandshakeIsRefusedByTheBrowser_data()
{
    QTest::addColumn<HandshakeFault>("fault");
    QTest::addColumn<QString>("browserSays");

    QTest::addRow("accept without GUID") << HandshakeFault::AcceptWithoutGuid << QStringLiteral("Sec-WebSocket-Accept");
    QTest::addRow("no Upgrade header") << HandshakeFault::MissingUpgradeHeader << QStringLiteral("Upgrade");
    QTest::addRow("200 instead of 101") << HandshakeFault::WrongStatus << QStringLiteral("200");
}

void TestBrowserChat::faultyHandshakeIsRefusedByTheBrowser()
{
    QFETCH(HandshakeFault, fault);
    QFETCH(QString, browserSays);

    m_expectedErrors << QStringLiteral("WebSocket connection to");
    m_host->setHandshakeFault(fault);
    const qsizetype mark = m_capture->size();
    // Any page state will do: the lab's button makes a new connection.
    QVERIFY2(m_first->click(QStringLiteral("#lab-reconnect")), qPrintable(m_first->lastError()));

    const auto request = m_capture->waitFor([](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpRequest && r.wireBytes.startsWith("GET /chatsocket ");
    }, mark, pageTimeoutMs);
    QVERIFY(request);
    const quint64 connection = request->connectionId;
    const auto response = m_capture->waitFor(CaptureLog::ofKind(connection, RecordKind::HttpResponse), mark);
    QVERIFY(response);
    if (fault == HandshakeFault::AcceptWithoutGuid)
        QCOMPARE(httpHeader(response->wireBytes, "Sec-WebSocket-Accept"), expectedAccept(httpHeader(request->wireBytes, "Sec-WebSocket-Key"), false));

    QVERIFY2(m_first->waitFor(QStringLiteral("document.getElementById('state-pill').dataset.tone === 'error' && !document.getElementById('banner').hidden"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    const QString banner = m_first->evaluate(QStringLiteral("document.getElementById('banner-title').textContent")).toString();
    QVERIFY2(banner.contains(QLatin1String("andshake")), qPrintable(banner));
    QVERIFY(QTest::qWaitFor([&] {
        const QStringList errors = m_first->errors();
        return std::any_of(errors.cbegin(), errors.cend(), [&](const QString &e) { return e.contains(browserSays); });
    }, pageTimeoutMs));
    QVERIFY(m_capture->waitFor(CaptureLog::ofKind(connection, RecordKind::ConnectionClosed), mark));
    QVERIFY(!m_capture->find([&](const CaptureRecord &r) { return r.kind == RecordKind::Frame && r.connectionId == connection; }, mark));
    if (fault == HandshakeFault::AcceptWithoutGuid)
        screenshot(m_first, QStringLiteral("05-handshake-refused"));
}

// The fault lasts one connection: the banner's Reconnect gives a working chat again.
void TestBrowserChat::reconnectAfterAFaultWorks()
{
    const qsizetype mark = m_capture->size();
    QVERIFY(m_first->click(QStringLiteral("#banner-reconnect")));
    QVERIFY2(m_first->waitFor(chatIsOpenScript, pageTimeoutMs), qPrintable(m_first->lastError()));
    QVERIFY(waitForUpgrade(mark, &m_firstConnection));
    QVERIFY(m_first->evaluate(QStringLiteral("document.getElementById('banner').hidden")).toBool());

    const QString text = QStringLiteral("back again");
    QVERIFY(sendFromComposer(m_first, text));
    QVERIFY2(m_second->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(m_second->lastError()));
}

// RFC 6455 §5.4: a message in fragments, split wherever the server likes (even inside a UTF-8
// sequence, §5.6), is one message to the browser. Not chat JSON, so the page shows it raw.
void TestBrowserChat::serverMessageReachesThePageWhole_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("fragments");

    const QByteArray text = QStringLiteral("plain words from the desk \u2014 \u7247\u6bb5 \u2014 not JSON").toUtf8();
    QTest::addRow("text, one frame") << false << text << 1;
    QTest::addRow("text, five fragments splitting UTF-8") << false << text << 5;
    QTest::addRow("binary, three fragments") << true << QByteArray::fromHex("00ff10de adbeef7f8081") << 3;
}

void TestBrowserChat::serverMessageReachesThePageWhole()
{
    QFETCH(bool, binary);
    QFETCH(QByteArray, payload);
    QFETCH(int, fragments);

    const qsizetype mark = m_capture->size();
    const int rawBefore = m_first->evaluate(QStringLiteral("document.querySelectorAll('#messages .entry--raw').length")).toInt();
    m_host->sendMessage(m_firstConnection, binary, payload, fragments);

    QVERIFY2(m_first->waitFor(QStringLiteral("document.querySelectorAll('#messages .entry--raw').length > %1").arg(rawBefore), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    const QString shown = m_first->evaluate(QStringLiteral("[...document.querySelectorAll('#messages .entry--raw .raw__content')].pop().textContent")).toString();
    QCOMPARE(shown, binary ? QString::fromLatin1(payload.toHex(' ')) : QString::fromUtf8(payload));

    // Chat traffic may be interleaved between messages (never inside one, RFC 6455 §5.4): the
    // message is the run of frames from its first fragment to FIN.
    // The capture reaches us in batches, possibly after the browser has shown the message.
    QList<CaptureRecord> frames;
    const bool captured = QTest::qWaitFor([&] {
        const QList<CaptureRecord> outbound = m_capture->all([&](const CaptureRecord &r) {
            return r.kind == RecordKind::Frame && r.connectionId == m_firstConnection && r.direction == Direction::Outbound;
        }, mark);
        const auto start = std::find_if(outbound.cbegin(), outbound.cend(), [&](const CaptureRecord &r) {
            return r.frame->header.opcode == (binary ? Opcode::Binary : Opcode::Text) && payload.startsWith(r.frame->payload);
        });
        const auto end = std::find_if(start, outbound.cend(), [](const CaptureRecord &r) { return r.frame->header.fin; });
        if (end == outbound.cend())
            return false;
        frames = QList<CaptureRecord>(start, end + 1);
        return true;
    }, pageTimeoutMs);
    QVERIFY2(captured, "the message's frames are not in the capture");
    QCOMPARE(frames.size(), fragments);
    QByteArray joined;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const WireFrame wire = WireFrame::parse(frames.at(i).bytes());
        QVERIFY(wire.valid);
        QVERIFY(!wire.masked); // RFC 6455 §5.1: a server never masks
        QCOMPARE(wire.opcode, i == 0 ? (binary ? 0x2 : 0x1) : 0x0);
        QCOMPARE(wire.fin, i == frames.size() - 1);
        joined += wire.payload;
    }
    QCOMPARE(joined, payload);
}

// RFC 6455 §5.5.2-3: the browser answers a ping by itself, with the same application data, masked.
void TestBrowserChat::browserAnswersAPingWithAMaskedPong()
{
    QSignalSpy pongs(m_host.get(), &server::ServerHost::pongReceived);
    const qsizetype mark = m_capture->size();
    const QByteArray data("are you there?");
    m_host->sendPing(m_firstConnection, data);

    QVERIFY(pongs.wait(pageTimeoutMs));
    QCOMPARE(pongs.constFirst().at(0).value<quint64>(), m_firstConnection);
    QCOMPARE(pongs.constFirst().at(1).toByteArray(), data);
    QVERIFY(pongs.constFirst().at(2).value<qint64>() > 0);

    const auto pong = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Pong), mark);
    QVERIFY(pong);
    const WireFrame wire = WireFrame::parse(pong->bytes());
    QVERIFY(wire.valid && wire.masked && wire.fin);
    QCOMPARE(wire.payload, data);
    const auto ping = m_capture->find(CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Ping), mark);
    QVERIFY(ping);
    QVERIFY(ping->id < pong->id);
}

// The desk ends a chat: close frame first (RFC 6455 §7.1.2), the browser answers with its own close,
// and the person reads the code and the reason.
void TestBrowserChat::deskClosesAConnectionWithACode()
{
    const qsizetype mark = m_capture->size();
    m_host->closeConnection(m_firstConnection, 4001, QStringLiteral("kicked by the desk"));

    const auto outbound = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Close), mark);
    QVERIFY(outbound);
    QCOMPARE(closeCodeOf(outbound->frame->payload), quint16(4001));
    QCOMPARE(outbound->frame->payload.mid(2), QByteArray("kicked by the desk"));
    const auto answer = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Close), mark);
    QVERIFY(answer);
    QVERIFY(answer->frame->header.masked);
    QVERIFY(answer->id > outbound->id);

    QVERIFY2(m_first->waitFor(QStringLiteral("document.getElementById('state-pill').textContent.includes('4001')"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    QVERIFY(m_first->evaluate(QStringLiteral("document.getElementById('state-pill').textContent")).toString().contains(QLatin1String("kicked by the desk")));
    QVERIFY(!m_first->evaluate(QStringLiteral("document.getElementById('banner').hidden")).toBool());

    // Back in, for the tests that follow.
    const qsizetype reconnectMark = m_capture->size();
    QVERIFY(m_first->click(QStringLiteral("#banner-reconnect")));
    QVERIFY2(m_first->waitFor(chatIsOpenScript, pageTimeoutMs), qPrintable(m_first->lastError()));
    QVERIFY(waitForUpgrade(reconnectMark, &m_firstConnection));
}

// The composer's "masked server frame" (RFC 6455 §5.1 forbids it): the capture flags it with the rule,
// Chromium fails the connection with a close 1002 (§7.1.7), and its JavaScript is told 1006 (§7.1.5),
// which the page explains.
void TestBrowserChat::maskedServerFrameIsFailedWith1002WhileThePageIsTold1006()
{
    m_expectedErrors << QStringLiteral("WebSocket connection to");
    const qsizetype mark = m_capture->size();
    m_host->sendRawFrame(m_firstConnection, QByteArray::fromHex("818537fa213d7f9f4d5158")); // §5.7 masked "Hello"

    const auto isSent = CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Text);
    const auto sent = m_capture->waitFor([&](const CaptureRecord &r) { return isSent(r) && r.frame->header.masked; }, mark);
    QVERIFY(sent);
    QCOMPARE(sent->decodeError, std::optional(protocol::DecodeError::MaskedServerFrame));
    const auto failed = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Inbound, Opcode::Close), mark,
                                           pageTimeoutMs);
    QVERIFY(failed);
    QCOMPARE(closeCodeOf(failed->frame->payload), quint16(1002));
    const auto closed = m_capture->waitFor(CaptureLog::ofKind(m_firstConnection, RecordKind::ConnectionClosed), mark,
                                           pageTimeoutMs);
    QVERIFY(closed);
    QCOMPARE(closed->closeCode, quint16(1002));
    QCOMPARE(closed->firstCloseDirection, std::optional(Direction::Inbound));

    QVERIFY2(m_first->waitFor(QStringLiteral("document.getElementById('state-pill').textContent.includes('1006')"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    const QString detail = m_first->evaluate(QStringLiteral("document.getElementById('banner-detail').textContent")).toString();
    QVERIFY2(detail.contains(QLatin1String("1006 never crosses the wire")), qPrintable(detail));
    screenshot(m_first, QStringLiteral("06-masked-server-frame"));

    // Back in, for the tests that follow.
    const qsizetype reconnectMark = m_capture->size();
    QVERIFY(m_first->click(QStringLiteral("#banner-reconnect")));
    QVERIFY2(m_first->waitFor(chatIsOpenScript, pageTimeoutMs), qPrintable(m_first->lastError()));
    QVERIFY(waitForUpgrade(reconnectMark, &m_firstConnection));
}

// RFC 6455 §10.2: a page from another origin (here the page of a second server on another port)
// must not reach the chat; the browser's Origin header cannot be forged by the page's script.
void TestBrowserChat::foreignPageCannotOpenTheChatSocket()
{
    server::ServerSettings settings;
    settings.port = 0;
    server::ServerHost other(settings);
    QSignalSpy listening(&other, &server::ServerHost::listening);
    other.start();
    QVERIFY(listening.wait(10'000));
    const quint16 otherPort = listening.constFirst().at(1).value<quint16>();
    QVERIFY(otherPort != m_port);

    m_expectedErrors << QStringLiteral("WebSocket connection to");
    QVERIFY(m_second->navigate(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(otherPort))));
    const qsizetype mark = m_capture->size();
    const QJsonObject outcome = m_second->evaluate(QStringLiteral(R"JS(new Promise((resolve) => {
    const socket = new WebSocket('ws://127.0.0.1:%1/chatsocket');
    let opened = false;
    socket.onopen = () => { opened = true; socket.close(1000); };
    socket.onclose = (event) => resolve({ opened, code: event.code });
}))JS").arg(m_port), pageTimeoutMs).toObject();
    QCOMPARE(outcome.value(QStringLiteral("opened")), QJsonValue(false));
    QCOMPARE(outcome.value(QStringLiteral("code")), QJsonValue(1006));

    const auto request = m_capture->waitFor([](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpRequest && r.wireBytes.startsWith("GET /chatsocket ");
    }, mark);
    QVERIFY(request);
    QCOMPARE(httpHeader(request->wireBytes, "Origin"), QStringLiteral("http://127.0.0.1:%1").arg(otherPort).toUtf8());
    const auto response = m_capture->waitFor(CaptureLog::ofKind(request->connectionId, RecordKind::HttpResponse), mark);
    QVERIFY(response);
    QCOMPARE(response->httpStatus, 403);
    QVERIFY(m_capture->waitFor(CaptureLog::ofKind(request->connectionId, RecordKind::ConnectionClosed), mark));
    QVERIFY(!m_capture->find([&](const CaptureRecord &r) { return r.kind == RecordKind::Frame && r.connectionId == request->connectionId; }, mark));
    // The other server goes at the end of this test: its page, left open, would lose its connection
    // then and log that in the next test's tab. It is left while its server still answers.
    QVERIFY(m_second->navigate(QUrl(QStringLiteral("about:blank"))));
    m_second->clearConsole();
}

// The language switch re-renders the page in Simplified Chinese, the chat lines included.
void TestBrowserChat::chineseSwitchTranslatesThePage()
{
    QVERIFY(m_first->click(QStringLiteral("button[data-lang=zh]")));
    QVERIFY2(m_first->waitFor(QStringLiteral("document.documentElement.lang === 'zh-CN'"), pageTimeoutMs), qPrintable(m_first->lastError()));
    QCOMPARE(m_first->evaluate(QStringLiteral("document.getElementById('state-pill').textContent")), QJsonValue(QStringLiteral("\u5df2\u8fde\u63a5")));
    QCOMPARE(m_first->evaluate(QStringLiteral("document.querySelector('button[data-lang=zh]').getAttribute('aria-pressed')")), QJsonValue(QStringLiteral("true")));
    // Chatting goes on in the other language.
    const QString text = QStringLiteral("\u4f60\u597d\uff0c\u4e16\u754c");
    QVERIFY(sendFromComposer(m_first, text));
    QVERIFY2(m_first->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(m_first->lastError()));
    screenshot(m_first, QStringLiteral("06-chinese"));
}

// The server going away says so (1001, RFC 6455 §7.4.1) and the page tells the person.
void TestBrowserChat::serverShutdownSaysGoingAway()
{
    const qsizetype mark = m_capture->size();
    QSignalSpy disconnected(m_host.get(), &server::ServerHost::clientDisconnected);
    m_expectedErrors << QStringLiteral("ERR_CONNECTION_REFUSED"); // the page's periodic stats report
    m_host->stop();
    const auto close = m_capture->waitFor(CaptureLog::frame(m_firstConnection, Direction::Outbound, Opcode::Close), mark);
    QVERIFY(close);
    QCOMPARE(closeCodeOf(close->frame->payload), quint16(1001));
    QVERIFY2(m_first->waitFor(QStringLiteral("document.getElementById('state-pill').textContent.includes('1001')"), pageTimeoutMs),
             qPrintable(m_first->lastError()));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(disconnected.cbegin(), disconnected.cend(), [&](const QList<QVariant> &args) {
        return args.at(0).value<quint64>() == m_firstConnection;
    }), pageTimeoutMs);
    screenshot(m_first, QStringLiteral("07-server-stopped"));
}

QTEST_GUILESS_MAIN(TestBrowserChat)
#include "tst_browserchat.moc"
