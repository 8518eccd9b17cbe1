#pragma once

// Debian's headless Chromium as a test fixture: started with a fresh profile and DevTools on an
// ephemeral port, driven over the DevTools protocol, always killed in the destructor.
//
// Usage:
//   ChromiumDriver browser;
//   WSLAB_REQUIRE_CHROMIUM();   // in initTestCase()
//   QVERIFY2(browser.start(), qPrintable(browser.lastError()));
//   ChromiumPage *page = browser.firstPage();

#include "browserprocess.h"
#include "chromiumpage.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>

#include <memory>
#include <vector>

// In a test's initTestCase(): skips without a browser, except under CI (the CI variable set), where
// the set-up script installs Chromium and a missing one must fail rather than pass unnoticed.
#define WSLAB_REQUIRE_CHROMIUM()                                                                       \
    do {                                                                                               \
        if (!wslab::e2e::ChromiumDriver::binaryPath().isEmpty())                                       \
            break;                                                                                     \
        if (qEnvironmentVariableIsSet("CI"))                                                           \
            QFAIL("Chromium is not installed, and CI is set (scripts/install-deps --test installs it)"); \
        QSKIP("Chromium is not installed (apt-get install chromium, or set WSLAB_CHROMIUM)");          \
    } while (false)

namespace wslab::e2e {

class ChromiumDriver
{
public:
    static constexpr int startTimeoutMs = 20'000;

    // WSLAB_CHROMIUM overrides (a wrong path is then an error, not a reason to skip); otherwise
    // Debian's /usr/bin/chromium or whatever PATH offers.
    [[nodiscard]] static QString binaryPath()
    {
        const QString overridden = qEnvironmentVariable("WSLAB_CHROMIUM");
        if (!overridden.isEmpty())
            return overridden;
        for (const char *name : {"chromium", "chromium-browser", "google-chrome"}) {
            const QString found = QStandardPaths::findExecutable(QLatin1String(name));
            if (!found.isEmpty())
                return found;
        }
        return QFileInfo(QStringLiteral("/usr/bin/chromium")).isExecutable() ? QStringLiteral("/usr/bin/chromium") : QString();
    }

    ChromiumDriver() = default;
    ChromiumDriver(const ChromiumDriver &) = delete;
    ChromiumDriver &operator=(const ChromiumDriver &) = delete;
    ~ChromiumDriver() { stop(); }

    [[nodiscard]] bool start()
    {
        const QString binary = binaryPath();
        if (binary.isEmpty())
            return fail(QStringLiteral("no Chromium binary (set WSLAB_CHROMIUM or install chromium)"));
        if (!QFileInfo(binary).isExecutable())
            return fail(QStringLiteral("%1 is not an executable file").arg(binary));
        if (!m_process.isProfileReady())
            return fail(QStringLiteral("cannot create a profile directory"));

        const QStringList arguments{
            QStringLiteral("--headless"),
            QStringLiteral("--no-sandbox"),
            QStringLiteral("--disable-gpu"),
            QStringLiteral("--disable-dev-shm-usage"),
            QStringLiteral("--disable-background-networking"),
            QStringLiteral("--disable-component-update"),
            QStringLiteral("--disable-sync"),
            QStringLiteral("--no-first-run"),
            QStringLiteral("--disable-quic"),
            QStringLiteral("--no-proxy-server"),
            // Tabs the test opens are never in the foreground: keep their timers and frames running.
            QStringLiteral("--disable-background-timer-throttling"),
            QStringLiteral("--disable-renderer-backgrounding"),
            QStringLiteral("--disable-backgrounding-occluded-windows"),
            QStringLiteral("--window-size=1280,900"),
            QStringLiteral("--remote-debugging-port=0"),
            QStringLiteral("--user-data-dir=") + m_process.profilePath(),
            QStringLiteral("about:blank"),
        };
        // Its stderr (D-Bus noise and crash reports) goes to the profile; see logTail().
        if (!m_process.start(binary, arguments, startTimeoutMs))
            return fail(QStringLiteral("%1 did not start: %2").arg(binary, m_process.errorString()));

        if (!readActivePort())
            return false;
        return connectBrowser() && attachFirstPage();
    }

    // Closes the browser politely, then terminates, then kills: the process never outlives us.
    void stop()
    {
        m_pages.clear();
        if (m_browser && m_browser->isOpen())
            (void)m_browser->call(QStringLiteral("Browser.close"), {}, 2'000);
        m_browser.reset();
        m_process.stop();
    }

    [[nodiscard]] ChromiumPage *firstPage() const { return m_pages.empty() ? nullptr : m_pages.front().get(); }

    // A new tab (Target.createTarget), attached and ready; nullptr with lastError() on failure.
    // Each in its own window, so that it is visible and renders like the first one.
    ChromiumPage *newPage(const QUrl &url = QUrl(QStringLiteral("about:blank")))
    {
        const QJsonObject params{
            {QStringLiteral("url"), url.toString()},
            {QStringLiteral("newWindow"), true},
            {QStringLiteral("width"), 1280},
            {QStringLiteral("height"), 900},
        };
        const auto result = m_browser->call(QStringLiteral("Target.createTarget"), params, ChromiumPage::commandTimeoutMs);
        if (!result) {
            fail(m_browser->lastError());
            return nullptr;
        }
        const QString targetId = result->value(QStringLiteral("targetId")).toString();
        return attachPage(QUrl(QStringLiteral("ws://127.0.0.1:%1/devtools/page/%2").arg(m_port).arg(targetId)));
    }

    [[nodiscard]] quint16 debuggingPort() const { return m_port; }
    [[nodiscard]] qint64 processId() const { return m_process.processId(); }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QString profilePath() const { return m_process.profilePath(); }

    // The end of Chromium's stderr, for a failure message.
    [[nodiscard]] QString logTail(int maxLines = 20) const { return m_process.logTail(maxLines); }

private:
    bool fail(const QString &error)
    {
        m_lastError = error;
        return false;
    }

    // Chromium writes "PORT\n/devtools/browser/ID" once DevTools listens (--remote-debugging-port=0).
    bool readActivePort()
    {
        QFile file(m_process.profileFile(QStringLiteral("DevToolsActivePort")));
        const bool written = QTest::qWaitFor([&] {
            if (!m_process.isRunning() || !file.open(QIODevice::ReadOnly))
                return !m_process.isRunning();
            const QList<QByteArray> lines = file.readAll().split('\n');
            file.close();
            if (lines.size() < 2 || lines.at(1).isEmpty())
                return false;
            m_port = lines.at(0).toUShort();
            m_browserPath = QString::fromLatin1(lines.at(1).trimmed());
            return m_port != 0;
        }, startTimeoutMs);
        if (!written || m_port == 0)
            return fail(QStringLiteral("Chromium wrote no DevToolsActivePort within %1 ms (exit %2)\n%3")
                            .arg(startTimeoutMs).arg(m_process.exitCode()).arg(logTail()));
        return true;
    }

    bool connectBrowser()
    {
        m_browser = std::make_unique<DevToolsChannel>();
        if (!m_browser->open(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(m_browserPath)), ChromiumPage::commandTimeoutMs))
            return fail(m_browser->lastError());
        return true;
    }

    // The about:blank tab Chromium opened, found in /json/list (browser UI targets are skipped).
    bool attachFirstPage()
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/json/list").arg(m_port)))));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, ChromiumPage::commandTimeoutMs))
            return fail(QStringLiteral("/json/list did not answer"));
        if (reply->error() != QNetworkReply::NoError)
            return fail(QStringLiteral("/json/list: %1").arg(reply->errorString()));
        const QJsonArray targets = QJsonDocument::fromJson(reply->readAll()).array();
        for (const QJsonValue &value : targets) {
            const QJsonObject target = value.toObject();
            if (target.value(QStringLiteral("type")).toString() == QLatin1String("page"))
                return attachPage(QUrl(target.value(QStringLiteral("webSocketDebuggerUrl")).toString())) != nullptr;
        }
        return fail(QStringLiteral("/json/list has no page target"));
    }

    ChromiumPage *attachPage(const QUrl &debuggerUrl)
    {
        auto page = std::make_unique<ChromiumPage>();
        QString error;
        if (!page->attach(debuggerUrl, &error)) {
            fail(error);
            return nullptr;
        }
        m_pages.push_back(std::move(page));
        return m_pages.back().get();
    }

    BrowserProcess m_process{QStringLiteral("chromium-stderr.log")};
    std::unique_ptr<DevToolsChannel> m_browser;
    std::vector<std::unique_ptr<ChromiumPage>> m_pages;
    QString m_browserPath;
    QString m_lastError;
    quint16 m_port = 0;
};

} // namespace wslab::e2e
