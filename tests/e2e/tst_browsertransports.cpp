// Three tabs of the same page on the three transports the tutorial compares: WebSocket, long
// polling (GET /longpoll, held until there is news) and polling (GET /poll on a timer). One chat
// room behind them, so every line reaches the other two tabs whatever way it came in, and the
// capture shows which way that was.

#include "e2e/capturelog.h"
#include "e2e/chatpagescripts.h"
#include "e2e/serverstart.h"
#include "e2e/chromiumdriver.h"
#include "e2e/wireframe.h"

#include "server/serverhost.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace wslab;
using namespace wslab::e2e;
using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using capture::Transport;

namespace {

constexpr int pageTimeoutMs = 10'000;

QString countLinesScript(const QString &text)
{
    return QStringLiteral("[...document.querySelectorAll('#messages .entry--message .bubble__text')].filter((e) => e.textContent === %1).length")
        .arg(ChromiumPage::jsString(text));
}

QString senderOfScript(const QString &text)
{
    return QStringLiteral(R"JS((() => {
    for (const item of document.querySelectorAll('#messages .entry--message')) {
        if (item.querySelector('.bubble__text')?.textContent === %1) return item.querySelector('.bubble__from')?.textContent ?? '(own)';
    }
    return null;
})())JS").arg(ChromiumPage::jsString(text));
}

} // namespace

class TestBrowserTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void eachTabConnectsOnItsTransport();
    void everyLineReachesTheOtherTwo_data();
    void everyLineReachesTheOtherTwo();
    void switchingBackShowsNoLineTwice();

private:
    struct Tab
    {
        QString transport; // the page's radio value
        QString nick;
        ChromiumPage *page = nullptr;
    };

    bool openOn(Tab &tab);
    bool rename(Tab &tab);
    void screenshot(ChromiumPage *page, const QString &name);
    [[nodiscard]] QUrl pageUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port)); }

    std::unique_ptr<server::ServerHost> m_host;
    std::unique_ptr<CaptureLog> m_capture;
    std::unique_ptr<ChromiumDriver> m_browser;
    std::unique_ptr<QTemporaryDir> m_artifacts;
    QString m_artifactDir;
    QList<Tab> m_tabs;
    quint16 m_port = 0;
};

void TestBrowserTransports::initTestCase()
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
    settings.port = 0;
    settings.permessageDeflate = true; // Chromium as it is used: its messages compressed
    m_host = std::make_unique<server::ServerHost>(settings);
    m_capture = std::make_unique<CaptureLog>(*m_host);
    QString error;
    m_port = startListening(*m_host, &error);
    QVERIFY2(m_port != 0, qPrintable(error));

    m_browser = std::make_unique<ChromiumDriver>();
    QVERIFY2(m_browser->start(), qPrintable(m_browser->lastError()));
    m_tabs = {
        {QStringLiteral("websocket"), QStringLiteral("Wes"), m_browser->firstPage()},
        {QStringLiteral("longpoll"), QStringLiteral("Lou"), m_browser->newPage()},
        {QStringLiteral("poll"), QStringLiteral("Polly"), m_browser->newPage()},
    };
    for (const Tab &tab : std::as_const(m_tabs))
        QVERIFY2(tab.page, qPrintable(m_browser->lastError()));
}

void TestBrowserTransports::cleanupTestCase()
{
    m_tabs.clear();
    m_browser.reset();
    m_capture.reset();
    m_host.reset();
}

// No uncaught exception and no error in any tab after any step.
void TestBrowserTransports::cleanup()
{
    QStringList errors;
    for (const Tab &tab : std::as_const(m_tabs)) {
        if (QTest::currentTestFailed())
            screenshot(tab.page, QStringLiteral("failed-%1-%2").arg(QLatin1String(QTest::currentTestFunction()), tab.transport));
        for (const QString &error : tab.page->errors())
            errors << tab.transport + QStringLiteral(": ") + error;
        tab.page->clearConsole();
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
}

void TestBrowserTransports::screenshot(ChromiumPage *page, const QString &name)
{
    const QString path = QDir(m_artifactDir).filePath(name + QStringLiteral(".png"));
    if (page->screenshot(path))
        qInfo("screenshot: %s", qPrintable(path));
}

// Loads the page and picks the transport with the switch, as a person would.
bool TestBrowserTransports::openOn(Tab &tab)
{
    if (!tab.page->navigate(pageUrl()) || !tab.page->waitFor(chatIsOpenScript, pageTimeoutMs))
        return false;
    if (tab.transport == QLatin1String("websocket"))
        return true;
    if (!tab.page->click(QStringLiteral("label:has(> input[name=transport][value=%1])").arg(tab.transport)))
        return false;
    if (!tab.page->waitFor(QStringLiteral("document.querySelector('input[name=transport]:checked').value === '%1'").arg(tab.transport), pageTimeoutMs))
        return false;
    if (tab.transport == QLatin1String("poll")) {
        // The shortest interval the page offers keeps the test short.
        const QJsonValue interval = tab.page->evaluate(QStringLiteral(R"JS((() => {
    const select = document.getElementById('poll-interval');
    select.value = '500';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return select.disabled ? 'disabled' : select.value;
})())JS"));
        if (interval != QJsonValue(QStringLiteral("500")))
            return false;
    }
    return tab.page->waitFor(chatIsOpenScript, pageTimeoutMs);
}

bool TestBrowserTransports::rename(Tab &tab)
{
    return tab.page->evaluate(QStringLiteral("document.getElementById('nick-input').value = ''; true")).toBool()
            && tab.page->typeText(QStringLiteral("#nick-input"), tab.nick)
            && tab.page->click(QStringLiteral("#nick-form button[type=submit]"));
}

void TestBrowserTransports::eachTabConnectsOnItsTransport()
{
    const qsizetype mark = m_capture->size();
    for (Tab &tab : m_tabs) {
        QVERIFY2(openOn(tab), qPrintable(tab.transport + QStringLiteral(": ") + tab.page->lastError()));
        QVERIFY2(rename(tab), qPrintable(tab.page->lastError()));
    }
    // The server saw each way of asking.
    const auto requested = [&](const char *start, Transport transport) {
        return m_capture->waitFor([=](const CaptureRecord &r) {
            return r.kind == RecordKind::HttpRequest && r.wireBytes.startsWith(start) && r.transport == transport;
        }, mark, pageTimeoutMs).has_value();
    };
    QVERIFY(requested("GET /chatsocket ", Transport::WebSocket));
    QVERIFY(requested("GET /longpoll?", Transport::LongPolling));
    QVERIFY(requested("GET /poll?", Transport::Polling));
    // The counters row names the endpoint each tab uses (the page writes it once its first answer is in).
    QVERIFY2(m_tabs.at(1).page->waitFor(QStringLiteral("document.getElementById('counters').textContent.includes('/longpoll')"), pageTimeoutMs),
             qPrintable(m_tabs.at(1).page->lastError()));
    QVERIFY2(m_tabs.at(2).page->waitFor(QStringLiteral("document.getElementById('counters').textContent.includes('/poll')"), pageTimeoutMs),
             qPrintable(m_tabs.at(2).page->lastError()));
}

void TestBrowserTransports::everyLineReachesTheOtherTwo_data()
{
    QTest::addColumn<int>("sender");
    QTest::addColumn<QByteArray>("wayIn"); // how the line reaches the server

    QTest::addRow("from websocket") << 0 << QByteArray("frame");
    QTest::addRow("from long polling") << 1 << QByteArray("POST /send?");
    QTest::addRow("from polling") << 2 << QByteArray("POST /send?");
}

void TestBrowserTransports::everyLineReachesTheOtherTwo()
{
    QFETCH(int, sender);
    QFETCH(QByteArray, wayIn);

    const Tab &from = m_tabs.at(sender);
    const QString text = QStringLiteral("%1 says hi \u2014 %2").arg(from.transport).arg(QDateTime::currentMSecsSinceEpoch());
    const qsizetype mark = m_capture->size();
    QVERIFY(from.page->typeText(QStringLiteral("#composer-input"), text));
    QVERIFY(from.page->click(QStringLiteral("#composer-send")));

    QStringList wrongSenders;
    for (const Tab &to : std::as_const(m_tabs)) {
        QVERIFY2(to.page->waitFor(countLinesScript(text) + QStringLiteral(" === 1"), pageTimeoutMs),
                 qPrintable(to.transport + QStringLiteral(": ") + to.page->lastError()));
        const QString shown = to.page->evaluate(senderOfScript(text)).toString();
        const QString expected = &to == &from ? QStringLiteral("(own)") : from.nick;
        if (shown != expected)
            wrongSenders << QStringLiteral("%1 shows \"%2\", expected \"%3\"").arg(to.transport, shown, expected);
    }
    // The sender renamed itself before chatting; over HTTP the new name travels as nick= on every
    // request (PollingEndpoint's contract).
    QVERIFY2(wrongSenders.isEmpty(), qPrintable(wrongSenders.join(QStringLiteral("; "))));

    const QByteArray utf8 = text.toUtf8();
    if (wayIn == "frame") {
        QVERIFY(m_capture->waitFor([&](const CaptureRecord &r) {
            return r.kind == RecordKind::Frame && r.direction == Direction::Inbound && r.frame
                    && r.inflatedPayload.value_or(r.frame->payload) == utf8; // permessage-deflate is on
        }, mark));
    } else {
        const auto post = m_capture->waitFor([&](const CaptureRecord &r) {
            return r.kind == RecordKind::HttpRequest && r.wireBytes.startsWith(wayIn) && r.wireBytes.endsWith(utf8);
        }, mark);
        QVERIFY(post);
        QCOMPARE(post->transport, sender == 1 ? Transport::LongPolling : Transport::Polling);
    }
    // The long-polling tab got it as the answer to a held GET /longpoll.
    if (sender != 1) {
        QVERIFY(m_capture->waitFor([&](const CaptureRecord &r) {
            return r.kind == RecordKind::HttpResponse && r.transport == Transport::LongPolling && r.wireBytes.contains(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
        }, mark));
    }
    if (sender == 2)
        screenshot(m_tabs.at(2).page, QStringLiteral("transports-poll"));
}

// Switching transports replays the room's history; the page drops what it has shown already.
void TestBrowserTransports::switchingBackShowsNoLineTwice()
{
    Tab &tab = m_tabs[0];
    const QString text = QStringLiteral("said once before switching");
    QVERIFY(tab.page->typeText(QStringLiteral("#composer-input"), text));
    QVERIFY(tab.page->click(QStringLiteral("#composer-send")));
    QVERIFY(tab.page->waitFor(countLinesScript(text) + QStringLiteral(" === 1"), pageTimeoutMs));

    for (const char *transport : {"longpoll", "poll", "websocket"}) {
        QVERIFY(tab.page->click(QStringLiteral("label:has(> input[name=transport][value=%1])").arg(QLatin1String(transport))));
        QVERIFY2(tab.page->waitFor(QStringLiteral("document.querySelector('input[name=transport]:checked').value === '%1'").arg(QLatin1String(transport)) + QStringLiteral(" && ") + chatIsOpenScript, pageTimeoutMs),
                 qPrintable(tab.page->lastError()));
        // A marker sent now comes back after any replayed history, so once it shows, a duplicate
        // would show too.
        const QString marker = QStringLiteral("marker on %1").arg(QLatin1String(transport));
        QVERIFY(tab.page->typeText(QStringLiteral("#composer-input"), marker));
        QVERIFY(tab.page->click(QStringLiteral("#composer-send")));
        QVERIFY2(tab.page->waitFor(countLinesScript(marker) + QStringLiteral(" >= 1"), pageTimeoutMs), qPrintable(tab.page->lastError()));
        QCOMPARE(tab.page->evaluate(countLinesScript(text)), QJsonValue(1));
        QCOMPARE(tab.page->evaluate(countLinesScript(marker)), QJsonValue(1));
    }
    // And the other tabs still chat with it after the round trip.
    const QString after = QStringLiteral("after the round trip");
    QVERIFY(tab.page->typeText(QStringLiteral("#composer-input"), after));
    QVERIFY(tab.page->click(QStringLiteral("#composer-send")));
    for (const Tab &other : std::as_const(m_tabs))
        QVERIFY2(other.page->waitFor(countLinesScript(after) + QStringLiteral(" === 1"), pageTimeoutMs), qPrintable(other.transport));
}

QTEST_GUILESS_MAIN(TestBrowserTransports)
#include "tst_browsertransports.moc"
