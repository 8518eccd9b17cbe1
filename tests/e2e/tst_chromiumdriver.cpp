// The DevTools driver the browser tests stand on: if it reports wrongly, every end-to-end result is
// suspect, so it is tested on self-contained data: pages first.

#include "e2e/chromiumdriver.h"

#include <QJsonArray>
#include <QTest>
#include <QtEndian>

#include <cerrno>
#include <csignal>
#include <sys/types.h>

using namespace wslab::e2e;

namespace {

QUrl htmlPage(const QString &html)
{
    return QUrl(QStringLiteral("data:text/html;charset=utf-8,") + QString::fromLatin1(QUrl::toPercentEncoding(html)));
}

} // namespace

class TestChromiumDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void evaluatesToJsonValues_data();
    void evaluatesToJsonValues();
    void evaluationThatThrowsReportsTheError();
    void waitForSeesALaterChange();
    void waitForGivesUpAtItsDeadline();
    void collectsConsoleErrorsAndExceptions();
    void typingAndClickingReachThePage();
    void clickOnADisabledButtonDoesNothing();
    void enterKeyReachesTheFocusedElement();
    void screenshotIsAPngOfTheViewport();
    void secondTabHasItsOwnDocument();
    void destructorEndsTheBrowserProcess();

private:
    std::unique_ptr<ChromiumDriver> m_browser;
    ChromiumPage *m_page = nullptr;
};

void TestChromiumDriver::initTestCase()
{
    WSLAB_REQUIRE_CHROMIUM();
    m_browser = std::make_unique<ChromiumDriver>();
    QVERIFY2(m_browser->start(), qPrintable(m_browser->lastError()));
    m_page = m_browser->firstPage();
    QVERIFY(m_page);
}

void TestChromiumDriver::cleanupTestCase()
{
    m_browser.reset();
}

void TestChromiumDriver::init()
{
    QVERIFY2(m_page->navigate(QUrl(QStringLiteral("about:blank"))), qPrintable(m_page->lastError()));
    m_page->clearConsole();
}

void TestChromiumDriver::evaluatesToJsonValues_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QJsonValue>("expected");

    QTest::addRow("number") << QStringLiteral("6 * 7") << QJsonValue(42);
    QTest::addRow("string") << QStringLiteral("'Web' + 'Socket'") << QJsonValue(QStringLiteral("WebSocket"));
    QTest::addRow("non-ascii string") << QStringLiteral("'\\u4f60\\u597d'") << QJsonValue(QStringLiteral("你好"));
    QTest::addRow("boolean") << QStringLiteral("1 < 2") << QJsonValue(true);
    QTest::addRow("null") << QStringLiteral("null") << QJsonValue(QJsonValue::Null);
    QTest::addRow("array") << QStringLiteral("[1, 'a']") << QJsonValue(QJsonArray{1, QStringLiteral("a")});
    QTest::addRow("object") << QStringLiteral("({ code: 4000 })") << QJsonValue(QJsonObject{{QStringLiteral("code"), 4000}});
    QTest::addRow("awaited promise") << QStringLiteral("new Promise((r) => setTimeout(() => r('late'), 30))") << QJsonValue(QStringLiteral("late"));
    QTest::addRow("undefined") << QStringLiteral("undefined") << QJsonValue(QJsonValue::Undefined);
}

void TestChromiumDriver::evaluatesToJsonValues()
{
    QFETCH(QString, expression);
    QFETCH(QJsonValue, expected);
    QCOMPARE(m_page->evaluate(expression), expected);
}

void TestChromiumDriver::evaluationThatThrowsReportsTheError()
{
    QVERIFY(m_page->evaluate(QStringLiteral("throw new RangeError('out of tune')")).isUndefined());
    QVERIFY2(m_page->lastError().contains(QLatin1String("RangeError: out of tune")), qPrintable(m_page->lastError()));
    QVERIFY(m_page->evaluate(QStringLiteral("Promise.reject(new TypeError('nope'))")).isUndefined());
    QVERIFY2(m_page->lastError().contains(QLatin1String("TypeError: nope")), qPrintable(m_page->lastError()));
}

void TestChromiumDriver::waitForSeesALaterChange()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral("<p id=s>wait</p><script>setTimeout(() => { document.getElementById('s').textContent = 'done'; }, 300);</script>"))));
    QCOMPARE(m_page->evaluate(QStringLiteral("document.getElementById('s').textContent")), QJsonValue(QStringLiteral("wait")));
    QVERIFY2(m_page->waitFor(QStringLiteral("document.getElementById('s').textContent === 'done'"), 5'000), qPrintable(m_page->lastError()));
}

void TestChromiumDriver::waitForGivesUpAtItsDeadline()
{
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!m_page->waitFor(QStringLiteral("false"), 300));
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(m_page->lastError().contains(QLatin1String("timed out")));
    // A predicate that throws is "not yet", not an error that ends the wait early.
    QVERIFY(!m_page->waitFor(QStringLiteral("missing.property"), 100));
}

void TestChromiumDriver::collectsConsoleErrorsAndExceptions()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral(
        "<script>console.log('hello', 42); console.error('bad thing');"
        "setTimeout(() => { throw new Error('uncaught boom'); }, 0);</script>"))));
    QVERIFY(QTest::qWaitFor([&] { return !m_page->exceptions().isEmpty(); }, 5'000));

    const QList<ConsoleEntry> console = m_page->console();
    const auto has = [&](const QString &level, const QString &text) {
        return std::any_of(console.cbegin(), console.cend(), [&](const ConsoleEntry &e) { return e.level == level && e.text == text; });
    };
    QVERIFY(has(QStringLiteral("log"), QStringLiteral("hello 42")));
    QVERIFY(has(QStringLiteral("error"), QStringLiteral("bad thing")));
    QCOMPARE(m_page->exceptions().size(), 1);
    QVERIFY2(m_page->exceptions().constFirst().contains(QLatin1String("uncaught boom")), qPrintable(m_page->exceptions().constFirst()));
    QCOMPARE(m_page->errors().size(), 2);
}

void TestChromiumDriver::typingAndClickingReachThePage()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral(
        "<input id=i><button id=b style='margin-top:1500px'>go</button><p id=out></p>"
        "<script>let inputs = 0; i.addEventListener('input', () => ++inputs);"
        "b.addEventListener('click', (e) => { out.textContent = i.value + '|' + e.isTrusted; });</script>"))));
    QVERIFY2(m_page->typeText(QStringLiteral("#i"), QStringLiteral("héllo wörld")), qPrintable(m_page->lastError()));
    QVERIFY(m_page->evaluate(QStringLiteral("inputs")).toInt() >= 1);
    // The button is below the fold: click() scrolls it into view first, and the click is trusted.
    QVERIFY2(m_page->click(QStringLiteral("#b")), qPrintable(m_page->lastError()));
    QVERIFY(m_page->waitFor(QStringLiteral("out.textContent !== ''"), 5'000));
    QCOMPARE(m_page->evaluate(QStringLiteral("out.textContent")), QJsonValue(QStringLiteral("héllo wörld|true")));
    QVERIFY(!m_page->click(QStringLiteral("#does-not-exist")));
}

void TestChromiumDriver::clickOnADisabledButtonDoesNothing()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral(
        "<button id=off disabled>off</button><button id=on>on</button><p id=out></p>"
        "<script>off.addEventListener('click', () => { out.textContent += 'off;'; });"
        "on.addEventListener('click', () => { out.textContent += 'on;'; });</script>"))));
    QVERIFY(m_page->click(QStringLiteral("#off")));
    QVERIFY(m_page->click(QStringLiteral("#on")));
    // Input events are handled in order: once the second click landed, the first one had its turn.
    QVERIFY(m_page->waitFor(QStringLiteral("out.textContent !== ''"), 5'000));
    QCOMPARE(m_page->evaluate(QStringLiteral("out.textContent")), QJsonValue(QStringLiteral("on;")));
}

void TestChromiumDriver::enterKeyReachesTheFocusedElement()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral(
        "<textarea id=t></textarea><p id=out></p>"
        "<script>t.addEventListener('keydown', (e) => { if (e.key === 'Enter') out.textContent = 'enter:' + t.value; });</script>"))));
    QVERIFY(m_page->typeText(QStringLiteral("#t"), QStringLiteral("abc")));
    QVERIFY2(m_page->pressKey(QStringLiteral("Enter"), 13, QStringLiteral("\r")), qPrintable(m_page->lastError()));
    QVERIFY(m_page->waitFor(QStringLiteral("out.textContent !== ''"), 5'000));
    QCOMPARE(m_page->evaluate(QStringLiteral("out.textContent")), QJsonValue(QStringLiteral("enter:abc")));
}

void TestChromiumDriver::screenshotIsAPngOfTheViewport()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral("<body style='margin:0;background:rgb(255,0,0)'></body>"))));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("red.png"));
    QVERIFY2(m_page->screenshot(path), qPrintable(m_page->lastError()));

    // PNG signature, then the IHDR chunk: width and height as 32-bit big-endian (RFC 2083 §4.1.1).
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray png = file.readAll();
    QVERIFY(png.size() > 24);
    QCOMPARE(png.left(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    QCOMPARE(png.mid(12, 4), QByteArray("IHDR"));
    const double scale = m_page->evaluate(QStringLiteral("devicePixelRatio")).toDouble();
    QCOMPARE(qFromBigEndian<quint32>(png.constData() + 16), quint32(m_page->evaluate(QStringLiteral("innerWidth")).toInt() * scale));
    QCOMPARE(qFromBigEndian<quint32>(png.constData() + 20), quint32(m_page->evaluate(QStringLiteral("innerHeight")).toInt() * scale));
}

void TestChromiumDriver::secondTabHasItsOwnDocument()
{
    QVERIFY(m_page->navigate(htmlPage(QStringLiteral("<title>first</title>"))));
    ChromiumPage *second = m_browser->newPage(htmlPage(QStringLiteral("<title>second</title>")));
    QVERIFY2(second, qPrintable(m_browser->lastError()));
    QVERIFY(second->waitFor(QStringLiteral("document.title === 'second'"), 5'000));
    QCOMPARE(m_page->evaluate(QStringLiteral("document.title")), QJsonValue(QStringLiteral("first")));
    // Background tabs keep their timers and animation frames (the page renders its message list in
    // requestAnimationFrame): a throttled tab would take a second per timer, a hidden one forever.
    const QString timerDelay = QStringLiteral("new Promise((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 20); })");
    const QString frameDelay = QStringLiteral("new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => r(performance.now() - t)); })");
    for (ChromiumPage *page : {m_page, second}) {
        const QJsonValue timer = page->evaluate(timerDelay, 3'000);
        QVERIFY2(timer.isDouble() && timer.toDouble() < 500, qPrintable(page->lastError()));
        const QJsonValue frame = page->evaluate(frameDelay, 3'000);
        QVERIFY2(frame.isDouble() && frame.toDouble() < 500, qPrintable(page->lastError()));
    }
}

void TestChromiumDriver::destructorEndsTheBrowserProcess()
{
    qint64 pid = 0;
    {
        ChromiumDriver browser;
        QVERIFY2(browser.start(), qPrintable(browser.lastError()));
        pid = browser.processId();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), 0), 0);
    }
    QCOMPARE(::kill(pid_t(pid), 0), -1); // reaped: no such process
    QCOMPARE(errno, ESRCH);
}

QTEST_GUILESS_MAIN(TestChromiumDriver)
#include "tst_chromiumdriver.moc"
