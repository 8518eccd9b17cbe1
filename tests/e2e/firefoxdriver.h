#pragma once

// Debian's Firefox ESR, headless, as a test fixture: a fresh profile, WebDriver BiDi on an ephemeral
// port (the W3C protocol Firefox speaks to drivers; the wire is JSON commands with ids over a
// WebSocket, as for Chromium's DevTools), one tab, always killed in the destructor.
//
// Usage:
//   FirefoxDriver browser;
//   WSLAB_REQUIRE_FIREFOX();   // in initTestCase()
//   QVERIFY2(browser.start(), qPrintable(browser.lastError()));
//   browser.navigate(url); browser.waitFor("document.readyState === 'complete'", 5000);

#include "browserprocess.h"
#include "chatpagescripts.h"
#include "devtoolschannel.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>

#include <memory>

// As WSLAB_REQUIRE_CHROMIUM: skips without Firefox, fails under CI, whose set-up installs it.
#define WSLAB_REQUIRE_FIREFOX()                                                                          \
    do {                                                                                                 \
        if (!wslab::e2e::FirefoxDriver::binaryPath().isEmpty())                                          \
            break;                                                                                       \
        if (qEnvironmentVariableIsSet("CI"))                                                             \
            QFAIL("Firefox is not installed, and CI is set (scripts/install-deps --test installs it)");   \
        QSKIP("Firefox is not installed (apt-get install firefox-esr, or set WSLAB_FIREFOX)");           \
    } while (false)

namespace wslab::e2e {

class FirefoxDriver
{
public:
    static constexpr int startTimeoutMs = 30'000;
    static constexpr int commandTimeoutMs = 15'000;

    // WSLAB_FIREFOX overrides; otherwise Debian's firefox-esr or whatever PATH offers.
    [[nodiscard]] static QString binaryPath()
    {
        const QString overridden = qEnvironmentVariable("WSLAB_FIREFOX");
        if (!overridden.isEmpty())
            return overridden;
        for (const char *name : {"firefox-esr", "firefox"}) {
            const QString found = QStandardPaths::findExecutable(QLatin1String(name));
            if (!found.isEmpty())
                return found;
        }
        return {};
    }

    FirefoxDriver() = default;
    FirefoxDriver(const FirefoxDriver &) = delete;
    FirefoxDriver &operator=(const FirefoxDriver &) = delete;
    ~FirefoxDriver() { stop(); }

    [[nodiscard]] bool start()
    {
        const QString binary = binaryPath();
        if (binary.isEmpty() || !QFileInfo(binary).isExecutable())
            return fail(QStringLiteral("no Firefox binary (set WSLAB_FIREFOX or install firefox-esr)"));
        if (!m_process.isProfileReady() || !writePreferences())
            return fail(QStringLiteral("cannot prepare a profile in %1").arg(m_process.profilePath()));
        const QStringList arguments{
            QStringLiteral("--headless"),
            QStringLiteral("--no-remote"),
            QStringLiteral("--profile"),
            m_process.profilePath(),
            QStringLiteral("--remote-debugging-port"),
            QStringLiteral("0"),
            QStringLiteral("about:blank"),
        };
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("MOZ_HEADLESS"), QStringLiteral("1"));
        environment.remove(QStringLiteral("DISPLAY"));
        if (!m_process.start(binary, arguments, startTimeoutMs, environment))
            return fail(QStringLiteral("%1 did not start: %2").arg(binary, m_process.errorString()));
        return readBidiPort() && openSession();
    }

    void stop()
    {
        if (m_channel && m_channel->isOpen())
            (void)m_channel->call(QStringLiteral("browser.close"), {}, 2'000);
        m_channel.reset();
        m_process.stop();
    }

    // Loads `url` in the tab and waits for its load event.
    [[nodiscard]] bool navigate(const QUrl &url)
    {
        return call(QStringLiteral("browsingContext.navigate"),
                    {{QStringLiteral("context"), m_context},
                     {QStringLiteral("url"), url.toString()},
                     {QStringLiteral("wait"), QStringLiteral("complete")}})
                .has_value();
    }

    // The value of a script expression (awaited if a promise), as JSON (arrays and plain objects
    // too). Undefined (or an exception, with lastError() set) is a null value.
    [[nodiscard]] QJsonValue evaluate(const QString &expression)
    {
        const auto result = call(QStringLiteral("script.evaluate"),
                                 {{QStringLiteral("expression"), expression},
                                  {QStringLiteral("target"), QJsonObject{{QStringLiteral("context"), m_context}}},
                                  {QStringLiteral("awaitPromise"), true}});
        if (!result)
            return QJsonValue::Null;
        if (result->value(QStringLiteral("type")).toString() == QLatin1String("exception")) {
            const QJsonObject details = result->value(QStringLiteral("exceptionDetails")).toObject();
            m_lastError = QStringLiteral("script threw: %1").arg(details.value(QStringLiteral("text")).toString());
            return QJsonValue::Null;
        }
        return fromRemoteValue(result->value(QStringLiteral("result")).toObject());
    }

    // Evaluates `condition` until it is true, at most `timeoutMs`.
    [[nodiscard]] bool waitFor(const QString &condition, int timeoutMs)
    {
        const bool met = QTest::qWaitFor([&] { return evaluate(condition).toBool(); }, timeoutMs);
        if (!met)
            m_lastError = QStringLiteral("not true within %1 ms: %2").arg(timeoutMs).arg(condition.left(160));
        return met;
    }

    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QString version() const { return m_version; }

    // The end of Firefox's stderr, for a failure message.
    [[nodiscard]] QString logTail(int maxLines = 20) const { return m_process.logTail(maxLines); }

private:
    bool fail(const QString &error)
    {
        m_lastError = error;
        return false;
    }

    // BiDi's serialisation of a script value ({"type": "array", "value": [...]}, objects as
    // [key, value] pairs) as the JSON the same value would be.
    [[nodiscard]] static QJsonValue fromRemoteValue(const QJsonObject &remote)
    {
        const QString type = remote.value(QStringLiteral("type")).toString();
        const QJsonValue value = remote.value(QStringLiteral("value"));
        if (type == QLatin1String("array")) {
            QJsonArray array;
            for (const QJsonValue &item : value.toArray())
                array.append(fromRemoteValue(item.toObject()));
            return array;
        }
        if (type == QLatin1String("object")) {
            QJsonObject object;
            for (const QJsonValue &pair : value.toArray())
                object.insert(pair.toArray().at(0).toString(), fromRemoteValue(pair.toArray().at(1).toObject()));
            return object;
        }
        if (type == QLatin1String("string") || type == QLatin1String("number") || type == QLatin1String("boolean"))
            return value;
        return QJsonValue::Null;
    }

    // A quiet browser: no first-run pages, no update or telemetry traffic, no proxy for loopback.
    bool writePreferences()
    {
        QFile prefs(m_process.profileFile(QStringLiteral("user.js")));
        if (!prefs.open(QIODevice::WriteOnly))
            return false;
        const char *lines[] = {
            R"(user_pref("browser.shell.checkDefaultBrowser", false);)",
            R"(user_pref("browser.startup.homepage_override.mstone", "ignore");)",
            R"(user_pref("browser.aboutwelcome.enabled", false);)",
            R"(user_pref("datareporting.policy.dataSubmissionEnabled", false);)",
            R"(user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);)",
            R"(user_pref("app.update.disabledForTesting", true);)",
            R"(user_pref("network.proxy.type", 0);)",
            R"(user_pref("network.captive-portal-service.enabled", false);)",
            R"(user_pref("network.connectivity-service.enabled", false);)",
            R"(user_pref("browser.safebrowsing.update.enabled", false);)",
            R"(user_pref("extensions.update.enabled", false);)",
            R"(user_pref("remote.prefs.recommended", true);)",
        };
        for (const char *line : lines)
            prefs.write(QByteArray(line) + '\n');
        return true;
    }

    // Firefox says "WebDriver BiDi listening on ws://127.0.0.1:PORT" on stderr once it listens.
    bool readBidiPort()
    {
        static const QRegularExpression listening(QStringLiteral(R"(WebDriver BiDi listening on (ws://127\.0\.0\.1:\d+))"));
        QFile log(m_process.logPath());
        const bool found = QTest::qWaitFor([&] {
            if (!m_process.isRunning())
                return true;
            if (!log.open(QIODevice::ReadOnly))
                return false;
            const auto match = listening.match(QString::fromUtf8(log.readAll()));
            log.close();
            if (match.hasMatch())
                m_endpoint = QUrl(match.captured(1) + QStringLiteral("/session"));
            return match.hasMatch();
        }, startTimeoutMs);
        if (!found || m_endpoint.isEmpty())
            return fail(QStringLiteral("Firefox did not listen for WebDriver BiDi within %1 ms (exit %2)\n%3")
                                .arg(startTimeoutMs).arg(m_process.exitCode()).arg(logTail()));
        return true;
    }

    bool openSession()
    {
        m_channel = std::make_unique<DevToolsChannel>();
        if (!m_channel->open(m_endpoint, commandTimeoutMs))
            return fail(m_channel->lastError());
        const auto session = call(QStringLiteral("session.new"), {{QStringLiteral("capabilities"), QJsonObject{}}});
        if (!session)
            return false;
        m_version = session->value(QStringLiteral("capabilities")).toObject().value(QStringLiteral("browserVersion")).toString();
        const auto tree = call(QStringLiteral("browsingContext.getTree"), {});
        if (!tree)
            return false;
        const QJsonArray contexts = tree->value(QStringLiteral("contexts")).toArray();
        if (contexts.isEmpty())
            return fail(QStringLiteral("Firefox has no browsing context"));
        m_context = contexts.first().toObject().value(QStringLiteral("context")).toString();
        return true;
    }

    std::optional<QJsonObject> call(const QString &method, const QJsonObject &params)
    {
        if (!m_channel)
            return fail(QStringLiteral("%1: Firefox is not running").arg(method)), std::nullopt;
        auto result = m_channel->call(method, params, commandTimeoutMs);
        if (!result)
            m_lastError = m_channel->lastError();
        return result;
    }

    BrowserProcess m_process{QStringLiteral("firefox-stderr.log")};
    std::unique_ptr<DevToolsChannel> m_channel;
    QUrl m_endpoint;
    QString m_context;
    QString m_version;
    QString m_lastError;
};

} // namespace wslab::e2e
