// Firefox chats with the real server, as Chromium does in tst_browserchat: Debian's Firefox ESR,
// headless, driven over WebDriver BiDi, opens the page the server serves. Firefox offers
// permessage-deflate with its own parameters, so this is also the server's RFC 7692 against a second
// independent implementation: the handshake, compressed masked frames both ways, a message in many
// deflate blocks, and the close handshake, each checked as the inspector receives it.

#include "e2e/capturelog.h"
#include "e2e/chatpagescripts.h"
#include "e2e/serverstart.h"
#include "e2e/firefoxdriver.h"
#include "e2e/wireframe.h"

#include "server/serverhost.h"

#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::e2e;
using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using protocol::Opcode;

namespace {

constexpr int pageTimeoutMs = 15'000;

// What a person does with the composer: types the line (an input event, as typing gives) and sends.
QString sendScript(const QString &text)
{
    return QStringLiteral(R"JS((() => {
    const input = document.getElementById('composer-input');
    input.value = %1;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    document.getElementById('composer-send').click();
    return true;
})())JS").arg(jsString(text));
}

} // namespace

class TestFirefoxChat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void pageOpensWithDeflateAgreed();
    void typedMessageIsACompressedMaskedFrame();
    void broadcastComesBackCompressedAndIsShown();
    void largeMessageInflatesWhole();
    void closeButtonSendsItsCode();

private:
    [[nodiscard]] QUrl pageUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }

    std::unique_ptr<server::ServerHost> m_host;
    std::unique_ptr<CaptureLog> m_capture;
    std::unique_ptr<FirefoxDriver> m_browser;
    quint64 m_connection = 0;
    quint16 m_port = 0;
};

void TestFirefoxChat::initTestCase()
{
    WSLAB_REQUIRE_FIREFOX();

    server::ServerSettings settings;
    settings.port = 0;
    settings.permessageDeflate = true;
    m_host = std::make_unique<server::ServerHost>(settings);
    m_capture = std::make_unique<CaptureLog>(*m_host);
    QString error;
    m_port = startListening(*m_host, &error);
    QVERIFY2(m_port != 0, qPrintable(error));

    m_browser = std::make_unique<FirefoxDriver>();
    QVERIFY2(m_browser->start(), qPrintable(m_browser->lastError()));
    qInfo("Firefox %s", qPrintable(m_browser->version()));
}

void TestFirefoxChat::cleanupTestCase()
{
    m_browser.reset();
    m_capture.reset();
    m_host.reset();
}

// RFC 6455 §4.1 and RFC 7692 §7: Firefox's request, and the 101 that derives its accept from the
// key and agrees to the deflate offer.
void TestFirefoxChat::pageOpensWithDeflateAgreed()
{
    const qsizetype mark = m_capture->size();
    QVERIFY2(m_browser->navigate(pageUrl()), qPrintable(m_browser->lastError()));
    QVERIFY2(m_browser->waitFor(chatIsOpenScript, pageTimeoutMs), qPrintable(m_browser->lastError()));
    const auto upgrade = m_capture->waitFor([](const CaptureRecord &r) {
        return r.kind == RecordKind::HttpResponse && r.httpStatus == 101;
    }, mark, pageTimeoutMs);
    QVERIFY(upgrade);
    m_connection = upgrade->connectionId;

    const auto request = m_capture->find(CaptureLog::ofKind(m_connection, RecordKind::HttpRequest), mark);
    QVERIFY(request);
    QVERIFY2(request->wireBytes.startsWith("GET /chatsocket HTTP/1.1\r\n"), request->wireBytes.left(80).constData());
    QVERIFY2(httpHeader(request->wireBytes, "User-Agent").contains("Firefox/"), request->wireBytes.constData());
    QCOMPARE(httpHeader(request->wireBytes, "Sec-WebSocket-Version"), QByteArray("13"));
    QVERIFY(httpHeader(request->wireBytes, "Sec-WebSocket-Extensions").contains("permessage-deflate"));
    const QByteArray key = httpHeader(request->wireBytes, "Sec-WebSocket-Key");
    QCOMPARE(QByteArray::fromBase64(key).size(), 16);

    QCOMPARE(httpHeader(upgrade->wireBytes, "Sec-WebSocket-Accept"), expectedAccept(key));
    QVERIFY(httpHeader(upgrade->wireBytes, "Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
}

// RFC 7692 §6.1: the first frame of a compressed message has RSV1; the inspector inflates it to what
// was typed.
void TestFirefoxChat::typedMessageIsACompressedMaskedFrame()
{
    QVERIFY(m_connection != 0);
    const QString text = QStringLiteral("Hello from Firefox \u2713 \u4f60\u597d, hello again, hello");
    const qsizetype mark = m_capture->size();
    QVERIFY2(m_browser->evaluate(sendScript(text)).toBool(), qPrintable(m_browser->lastError()));

    const auto record = m_capture->waitFor(CaptureLog::frame(m_connection, Direction::Inbound, Opcode::Text), mark,
                                           pageTimeoutMs);
    QVERIFY(record);
    QVERIFY(record->frame->header.fin);
    QVERIFY(record->frame->header.masked);
    QVERIFY(record->frame->header.rsv1);
    QVERIFY(record->inflatedPayload);
    QCOMPARE(*record->inflatedPayload, text.toUtf8());
    const WireFrame wire = WireFrame::parse(record->bytes());
    QVERIFY(wire.valid && wire.masked && wire.rsv1);
    QVERIFY(wire.payload != text.toUtf8()); // deflated on the wire
}

void TestFirefoxChat::broadcastComesBackCompressedAndIsShown()
{
    const QString text = QStringLiteral("broadcast to Firefox %1").arg(QDateTime::currentMSecsSinceEpoch());
    const qsizetype mark = m_capture->size();
    QVERIFY(m_browser->evaluate(sendScript(text)).toBool());
    QVERIFY2(m_browser->waitFor(messageShownScript(text), pageTimeoutMs), qPrintable(m_browser->lastError()));

    const auto out = m_capture->waitFor([&](const CaptureRecord &r) {
        return CaptureLog::frame(m_connection, Direction::Outbound, Opcode::Text)(r) && r.inflatedPayload
                && r.inflatedPayload->contains(text.toUtf8());
    }, mark, pageTimeoutMs);
    QVERIFY(out);
    QVERIFY(!out->frame->header.masked);
    QVERIFY(out->frame->header.rsv1);
}

// A message far larger than deflate's 32 KiB window and its blocks, typed in the lab's large-message
// box: the server inflates it whole, and Firefox inflates the broadcast that carries it back.
void TestFirefoxChat::largeMessageInflatesWhole()
{
    const int size = 71680;
    QVERIFY(m_browser->evaluate(QStringLiteral("document.getElementById('lab').open = true")).toBool());
    QVERIFY(m_browser->evaluate(chooseLargeMessageSizeScript(size)) == QJsonValue(QString::number(size)));
    const QString expected = m_browser->evaluate(QStringLiteral("WsLab.wire.fillerText(%1)").arg(size)).toString();
    QCOMPARE(expected.size(), size);

    const qsizetype mark = m_capture->size();
    QVERIFY(m_browser->evaluate(QStringLiteral("document.getElementById('lab-large-send').click(); true")).toBool());
    const auto in = m_capture->waitFor([&](const CaptureRecord &r) {
        return CaptureLog::frame(m_connection, Direction::Inbound, Opcode::Text)(r) && r.inflatedPayload;
    }, mark, pageTimeoutMs);
    QVERIFY(in);
    QVERIFY(!in->isInflatedTruncated());
    QCOMPARE(in->inflatedPayload->size(), expected.toUtf8().size());
    QCOMPARE(*in->inflatedPayload, expected.toUtf8());
    const auto out = m_capture->waitFor([&](const CaptureRecord &r) {
        return CaptureLog::frame(m_connection, Direction::Outbound, Opcode::Text)(r) && r.inflatedPayload
                && r.inflatedPayload->contains(expected.toUtf8());
    }, mark, pageTimeoutMs);
    QVERIFY(out);
    QVERIFY(out->frame->header.rsv1);
    // The page shows a long line cut, with a button for the rest: the whole line is what arrived.
    QVERIFY2(m_browser->waitFor(QStringLiteral(R"JS((() => {
    const want = %1;
    for (const item of document.querySelectorAll('#messages .entry--message')) {
        const body = item.querySelector('.bubble__text');
        const more = item.querySelector('.link-button');
        if (!body || !more || !want.startsWith(body.textContent.slice(0, -1)))
            continue;
        more.click();
        return body.textContent === want;
    }
    return false;
})())JS").arg(jsString(expected)), pageTimeoutMs), qPrintable(m_browser->lastError()));
}

// RFC 6455 §5.5.1: Firefox's close frame carries the code and reason the page chose; the server
// echoes the code and the connection ends with it.
void TestFirefoxChat::closeButtonSendsItsCode()
{
    const qsizetype mark = m_capture->size();
    QVERIFY(m_browser->evaluate(QStringLiteral(R"JS((() => {
    const select = document.getElementById('lab-close-code');
    select.value = '4000';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    document.getElementById('lab-close-send').click();
    return true;
})())JS")).toBool());

    const auto inbound = m_capture->waitFor(CaptureLog::frame(m_connection, Direction::Inbound, Opcode::Close), mark,
                                            pageTimeoutMs);
    QVERIFY(inbound);
    const WireFrame wire = WireFrame::parse(inbound->bytes());
    QVERIFY(wire.valid && wire.masked && wire.fin && !wire.rsv1);
    QCOMPARE(closeCodeOf(wire.payload), quint16(4000));
    const auto closed = m_capture->waitFor(CaptureLog::ofKind(m_connection, RecordKind::ConnectionClosed), mark,
                                           pageTimeoutMs);
    QVERIFY(closed);
    QCOMPARE(closed->closeCode, quint16(4000));
}

QTEST_GUILESS_MAIN(TestFirefoxChat)
#include "tst_firefoxchat.moc"
