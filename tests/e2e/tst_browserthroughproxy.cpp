// A real browser through wslab's proxy to a server this project did not write: headless Chromium
// (or Firefox ESR, with WSLAB_E2E_BROWSER=firefox: CTest runs both) loads a page that Python
// websockets serves, THROUGH `wslab --headless --upstream URL --json`, and
// the page's WebSocket (to the same origin, so through wslab too) exchanges messages with
// permessage-deflate (RFC 7692), which both Chromium and websockets agree by default. The records
// wslab prints must show both directions of one conversation, compressed on the wire and inflated,
// with both ends named. Only loopback; every wait bounded.

#include "e2e/chromiumdriver.h"
#include "e2e/firefoxdriver.h"
#include "e2e/pythonupstream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <functional>

using namespace wslab;
using namespace wslab::e2e;

namespace {

constexpr int waitMs = 15'000;

// Repetitive enough that DEFLATE makes it much shorter whichever way each side decides.
const QString longLine = QStringLiteral("through the proxy, compressed; ").repeated(20);
const QString shortLine = QStringLiteral("hello \u4f60\u597d \u2713");

QByteArray fromBase64(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

// What this test asks of a browser's tab, whichever browser it is.
struct BrowserTab
{
    std::function<bool(const QUrl &)> navigate;
    std::function<QJsonValue(const QString &)> evaluate;
    std::function<bool(const QString &, int)> waitFor;
    std::function<QString()> lastError;
};

bool firefoxRequested()
{
    return qEnvironmentVariable("WSLAB_E2E_BROWSER") == QLatin1String("firefox");
}

} // namespace

class TestBrowserThroughProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pageAndWebSocketGoThroughTheProxy();
    void captureShowsBothDirectionsCompressedAndInflated();
    void bothEndsAreNamed();

private:
    [[nodiscard]] QList<QJsonObject> records(const QString &type) const;
    [[nodiscard]] QList<QJsonObject> messageFrames(const QString &direction) const;

    std::unique_ptr<PythonUpstream> m_upstream;
    quint16 m_upstreamPort = 0;
    QProcess m_wslab;
    quint16 m_port = 0;
    std::unique_ptr<ChromiumDriver> m_chromium;
    std::unique_ptr<FirefoxDriver> m_firefox;
    BrowserTab m_tab;
    QList<QJsonObject> m_records; // what wslab printed, once it has stopped
};

void TestBrowserThroughProxy::initTestCase()
{
    if (firefoxRequested())
        WSLAB_REQUIRE_FIREFOX();
    else
        WSLAB_REQUIRE_CHROMIUM();
    m_upstream = std::make_unique<PythonUpstream>();
    m_upstreamPort = m_upstream->waitForPort();
    QVERIFY2(m_upstreamPort != 0, "the Python websockets upstream did not start (scripts/install-deps --test)");

    m_wslab.setProgram(QStringLiteral(WSLAB_BINARY));
    m_wslab.setArguments({QStringLiteral("--headless"), QStringLiteral("--lang"), QStringLiteral("en"),
                          QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--json"),
                          QStringLiteral("--upstream"), QStringLiteral("ws://127.0.0.1:%1").arg(m_upstreamPort)});
    m_wslab.start();
    QVERIFY(m_wslab.waitForStarted(waitMs));
    // Its first line on stderr names the port ("... listening on http://127.0.0.1:N/ (port N)").
    static const QRegularExpression portLine(QStringLiteral("\\(port (\\d+)\\)"));
    QByteArray err;
    QVERIFY2(QTest::qWaitFor([&] {
                 err += m_wslab.readAllStandardError();
                 return portLine.match(QString::fromUtf8(err)).hasMatch() || m_wslab.state() == QProcess::NotRunning;
             }, waitMs),
             err.constData());
    const auto match = portLine.match(QString::fromUtf8(err));
    QVERIFY2(match.hasMatch(), err.constData());
    m_port = quint16(match.captured(1).toUInt());

    if (firefoxRequested()) {
        m_firefox = std::make_unique<FirefoxDriver>();
        QVERIFY2(m_firefox->start(), qPrintable(m_firefox->lastError()));
        FirefoxDriver *firefox = m_firefox.get();
        m_tab = {[firefox](const QUrl &url) { return firefox->navigate(url); },
                 [firefox](const QString &script) { return firefox->evaluate(script); },
                 [firefox](const QString &condition, int ms) { return firefox->waitFor(condition, ms); },
                 [firefox] { return firefox->lastError(); }};
        return;
    }
    m_chromium = std::make_unique<ChromiumDriver>();
    QVERIFY2(m_chromium->start(), qPrintable(m_chromium->lastError()));
    ChromiumPage *page = m_chromium->firstPage();
    QVERIFY(page);
    m_tab = {[page](const QUrl &url) { return page->navigate(url); },
             [page](const QString &script) { return page->evaluate(script); },
             [page](const QString &condition, int ms) { return page->waitFor(condition, ms); },
             [page] { return page->lastError(); }};
}

void TestBrowserThroughProxy::cleanupTestCase()
{
    m_chromium.reset();
    m_firefox.reset();
    if (m_wslab.state() != QProcess::NotRunning) {
        m_wslab.kill();
        m_wslab.waitForFinished(5000);
    }
    m_upstream.reset();
}

void TestBrowserThroughProxy::pageAndWebSocketGoThroughTheProxy()
{
    BrowserTab &page = m_tab;
    QVERIFY(page.navigate);
    QVERIFY2(page.navigate(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port))), qPrintable(page.lastError()));
    QVERIFY2(page.waitFor(QStringLiteral("window.state === 'open'"), waitMs), qPrintable(page.lastError()));
    QVERIFY2(page.evaluate(QStringLiteral("window.extensions")).toString().contains(QLatin1String("permessage-deflate")),
             "the browser and websockets did not agree on permessage-deflate");
    for (const QString &line : {longLine, shortLine})
        page.evaluate(QStringLiteral("window.sendLine(%1)").arg(ChromiumPage::jsString(line)));
    QVERIFY2(page.waitFor(QStringLiteral("window.received.length === 2"), waitMs), qPrintable(page.lastError()));
    const QJsonArray received = page.evaluate(QStringLiteral("window.received")).toArray();
    QCOMPARE(received.at(0).toString(), QStringLiteral("echo: ") + longLine);
    QCOMPARE(received.at(1).toString(), QStringLiteral("echo: ") + shortLine);

    // The page closes (the closing handshake crosses the proxy both ways, RFC 6455 §7.1.2); then
    // wslab stops (SIGTERM, as Ctrl-C) and its records are read.
    page.evaluate(QStringLiteral("window.closeSocket()"));
    QVERIFY2(page.waitFor(QStringLiteral("window.state === 'closed 1000'"), waitMs), qPrintable(page.lastError()));
    ::kill(pid_t(m_wslab.processId()), SIGTERM);
    QVERIFY(m_wslab.waitForFinished(waitMs));
    QCOMPARE(m_wslab.exitCode(), 0);
    for (const QByteArray &line : m_wslab.readAllStandardOutput().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QVERIFY2(document.isObject(), qPrintable(error.errorString() + QLatin1String(": ") + QString::fromUtf8(line)));
        m_records.append(document.object());
    }
    // The page itself came through the proxy: its request and the upstream's 200.
    bool pageServed = false;
    for (const QJsonObject &response : records(QStringLiteral("http-response")))
        pageServed = pageServed || (response.value(QStringLiteral("status")).toInt() == 200
                                    && response.value(QStringLiteral("head")).toString().contains(QLatin1String("text/html")));
    QVERIFY(pageServed);
}

QList<QJsonObject> TestBrowserThroughProxy::records(const QString &type) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &record : m_records) {
        if (record.value(QStringLiteral("type")).toString() == type)
            out.append(record);
    }
    return out;
}

// Text frames of one direction that end a message (they carry "message").
QList<QJsonObject> TestBrowserThroughProxy::messageFrames(const QString &direction) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &frame : records(QStringLiteral("frame"))) {
        if (frame.value(QStringLiteral("dir")).toString() == direction && frame.value(QStringLiteral("opcode")).toInt() == 1
            && frame.contains(QStringLiteral("message")))
            out.append(frame);
    }
    return out;
}

void TestBrowserThroughProxy::captureShowsBothDirectionsCompressedAndInflated()
{
    QVERIFY(!m_records.isEmpty());
    // The 101 the upstream answered agreed on permessage-deflate (RFC 7692 §5).
    bool deflateAgreed = false;
    for (const QJsonObject &response : records(QStringLiteral("http-response")))
        deflateAgreed = deflateAgreed || (response.value(QStringLiteral("status")).toInt() == 101
                                          && response.value(QStringLiteral("head")).toString().contains(
                                                  QLatin1String("permessage-deflate"), Qt::CaseInsensitive));
    QVERIFY(deflateAgreed);

    const struct {
        QString direction;
        bool masked; // RFC 6455 §5.1: the browser masks, the server never does
        QString prefix;
    } sides[] = {{QStringLiteral("c2s"), true, QString()}, {QStringLiteral("s2c"), false, QStringLiteral("echo: ")}};
    for (const auto &side : sides) {
        const QList<QJsonObject> frames = messageFrames(side.direction);
        QCOMPARE(frames.size(), 2);
        QStringList messages;
        for (const QJsonObject &frame : frames) {
            QCOMPARE(frame.value(QStringLiteral("mask")).toBool(), side.masked);
            messages << QString::fromUtf8(fromBase64(frame.value(QStringLiteral("message"))));
        }
        QCOMPARE(messages, (QStringList{side.prefix + longLine, side.prefix + shortLine}));
        // The long message went compressed: RSV1 set (RFC 7692 §6), and the bytes on the wire are
        // DEFLATE, much shorter than the text the inspector inflated from them.
        const QJsonObject &compressed = frames.first();
        QCOMPARE(compressed.value(QStringLiteral("rsv")).toInt(), 4);
        const QByteArray wire = fromBase64(compressed.value(QStringLiteral("payload")));
        QVERIFY2(wire.size() < (side.prefix + longLine).toUtf8().size() / 4, qPrintable(side.direction));
        QVERIFY(!wire.contains("through the proxy"));
    }
    // The closing handshake went through both ways.
    for (const QString &direction : {QStringLiteral("c2s"), QStringLiteral("s2c")}) {
        bool closed = false;
        for (const QJsonObject &frame : records(QStringLiteral("frame")))
            closed = closed || (frame.value(QStringLiteral("dir")).toString() == direction
                                && frame.value(QStringLiteral("opcode")).toInt() == 8
                                && frame.value(QStringLiteral("closeCode")).toInt() == 1000);
        QVERIFY2(closed, qPrintable(direction));
    }
}

void TestBrowserThroughProxy::bothEndsAreNamed()
{
    // Every record of the WebSocket's connection names the browser's end and the upstream's.
    const QList<QJsonObject> frames = messageFrames(QStringLiteral("c2s"));
    QVERIFY(!frames.isEmpty());
    const QJsonObject &frame = frames.first();
    QVERIFY2(frame.value(QStringLiteral("client")).toString().startsWith(QLatin1String("127.0.0.1:")),
             qPrintable(frame.value(QStringLiteral("client")).toString()));
    QCOMPARE(frame.value(QStringLiteral("server")).toString(), QStringLiteral("127.0.0.1:%1").arg(m_upstreamPort));
    QVERIFY(frame.value(QStringLiteral("client")).toString() != frame.value(QStringLiteral("server")).toString());
}

QTEST_GUILESS_MAIN(TestBrowserThroughProxy)
#include "tst_browserthroughproxy.moc"
