#pragma once

// One browser tab driven over the DevTools protocol: navigate, evaluate, wait for a condition,
// type, click, screenshot, and everything the page logged or threw.

#include "chatpagescripts.h"
#include "devtoolschannel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace wslab::e2e {

struct ConsoleEntry
{
    QString source; // "console", "exception" or "log" (browser-side messages, e.g. network errors)
    QString level;  // "log", "error", "warning", "info", "debug" ...
    QString text;
};

class ChromiumPage
{
public:
    static constexpr int commandTimeoutMs = 10'000;

    ChromiumPage() = default;
    ChromiumPage(const ChromiumPage &) = delete;
    ChromiumPage &operator=(const ChromiumPage &) = delete;

    // Connects to the target's webSocketDebuggerUrl and enables the domains whose events we keep.
    [[nodiscard]] bool attach(const QUrl &debuggerUrl, QString *error)
    {
        m_channel.setEventHandler([this](const QString &method, const QJsonObject &params) { onEvent(method, params); });
        if (!m_channel.open(debuggerUrl, commandTimeoutMs)) {
            *error = m_channel.lastError();
            return false;
        }
        for (const char *domain : {"Page.enable", "Runtime.enable", "Log.enable"}) {
            if (!m_channel.call(QLatin1String(domain), {}, commandTimeoutMs)) {
                *error = m_channel.lastError();
                return false;
            }
        }
        return true;
    }

    // Loads `url` and waits for its load event.
    [[nodiscard]] bool navigate(const QUrl &url, int timeoutMs = 15'000)
    {
        const int loadsBefore = m_loadEvents;
        const auto result = m_channel.call(QStringLiteral("Page.navigate"), {{QStringLiteral("url"), url.toString()}}, timeoutMs);
        if (!result)
            return fail(m_channel.lastError());
        if (const QString error = result->value(QStringLiteral("errorText")).toString(); !error.isEmpty())
            return fail(QStringLiteral("navigating to %1: %2").arg(url.toString(), error));
        if (!QTest::qWaitFor([&] { return m_loadEvents > loadsBefore; }, timeoutMs))
            return fail(QStringLiteral("no load event for %1 within %2 ms").arg(url.toString()).arg(timeoutMs));
        return true;
    }

    // Runtime.evaluate with awaitPromise + returnByValue: the value, or Undefined with lastError()
    // set when the expression threw (the page's exception is not added to exceptions(): it is ours).
    QJsonValue evaluate(const QString &expression, int timeoutMs = commandTimeoutMs)
    {
        const QJsonObject params{
            {QStringLiteral("expression"), expression},
            {QStringLiteral("awaitPromise"), true},
            {QStringLiteral("returnByValue"), true},
        };
        const auto result = m_channel.call(QStringLiteral("Runtime.evaluate"), params, timeoutMs);
        if (!result) {
            fail(m_channel.lastError());
            return QJsonValue::Undefined;
        }
        if (result->contains(QStringLiteral("exceptionDetails"))) {
            fail(QStringLiteral("evaluating `%1` threw: %2").arg(expression.left(200), describeException(result->value(QStringLiteral("exceptionDetails")).toObject())));
            return QJsonValue::Undefined;
        }
        return result->value(QStringLiteral("result")).toObject().value(QStringLiteral("value"));
    }

    // Polls `predicate` (a JavaScript expression) inside the page until it is truthy or `timeoutMs`
    // passes; one round trip, no polling over the wire.
    [[nodiscard]] bool waitFor(const QString &predicate, int timeoutMs = 10'000)
    {
        const QString script = QStringLiteral(R"JS(
new Promise((resolve) => {
    const deadline = performance.now() + %1;
    const test = () => { try { return Boolean(%2); } catch (error) { return false; } };
    const tick = () => {
        if (test()) resolve(true);
        else if (performance.now() > deadline) resolve(false);
        else setTimeout(tick, 20);
    };
    tick();
}))JS").arg(timeoutMs).arg(predicate);
        const QJsonValue met = evaluate(script, timeoutMs + commandTimeoutMs);
        if (met.toBool())
            return true;
        if (met.isBool())
            fail(QStringLiteral("timed out after %1 ms waiting for `%2`").arg(timeoutMs).arg(predicate));
        return false;
    }

    // Focuses the element and inserts text as an IME commit would: the page sees real input events.
    [[nodiscard]] bool typeText(const QString &selector, const QString &text)
    {
        const QJsonValue focused = evaluate(QStringLiteral("(() => { const e = document.querySelector(%1); if (!e) return false; e.focus(); return document.activeElement === e; })()")
                                                .arg(jsString(selector)));
        if (!focused.toBool())
            return fail(QStringLiteral("cannot focus %1").arg(selector));
        if (!m_channel.call(QStringLiteral("Input.insertText"), {{QStringLiteral("text"), text}}, commandTimeoutMs))
            return fail(m_channel.lastError());
        return true;
    }

    // A real mouse click at the centre of the element (so a disabled or covered button is not
    // clicked, as for a person). The element is scrolled into view only if it is not in view
    // already, as a person would scroll, so the click itself does not move the layout.
    [[nodiscard]] bool click(const QString &selector)
    {
        const QJsonObject box = evaluate(QStringLiteral(R"JS((() => {
    const e = document.querySelector(%1);
    if (!e) return null;
    e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
})())JS").arg(jsString(selector))).toObject();
        if (box.isEmpty() || box.value(QStringLiteral("w")).toDouble() <= 0)
            return fail(QStringLiteral("%1 is missing or not visible").arg(selector));
        for (const char *type : {"mousePressed", "mouseReleased"}) {
            const QJsonObject params{
                {QStringLiteral("type"), QLatin1String(type)},
                {QStringLiteral("x"), box.value(QStringLiteral("x"))},
                {QStringLiteral("y"), box.value(QStringLiteral("y"))},
                {QStringLiteral("button"), QStringLiteral("left")},
                {QStringLiteral("clickCount"), 1},
            };
            if (!m_channel.call(QStringLiteral("Input.dispatchMouseEvent"), params, commandTimeoutMs))
                return fail(m_channel.lastError());
        }
        return true;
    }

    // A key press as the keyboard sends it (Enter, Tab ...), with its DOM key code.
    [[nodiscard]] bool pressKey(const QString &key, int windowsKeyCode, const QString &text = {})
    {
        for (const char *type : {"keyDown", "keyUp"}) {
            QJsonObject params{
                {QStringLiteral("type"), QLatin1String(type)},
                {QStringLiteral("key"), key},
                {QStringLiteral("code"), key},
                {QStringLiteral("windowsVirtualKeyCode"), windowsKeyCode},
            };
            if (!text.isEmpty() && QLatin1String(type) == QLatin1String("keyDown"))
                params.insert(QStringLiteral("text"), text);
            if (!m_channel.call(QStringLiteral("Input.dispatchKeyEvent"), params, commandTimeoutMs))
                return fail(m_channel.lastError());
        }
        return true;
    }

    [[nodiscard]] bool screenshot(const QString &path)
    {
        const auto result = m_channel.call(QStringLiteral("Page.captureScreenshot"), {{QStringLiteral("format"), QStringLiteral("png")}}, 20'000);
        if (!result)
            return fail(m_channel.lastError());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        const QByteArray png = QByteArray::fromBase64(result->value(QStringLiteral("data")).toString().toLatin1());
        return file.write(png) == png.size() || fail(QStringLiteral("short write to %1").arg(path));
    }

    [[nodiscard]] QList<ConsoleEntry> console() const { return m_console; }
    void clearConsole() { m_console.clear(); }

    // Uncaught exceptions and console.error calls: what a person would see as red in DevTools.
    [[nodiscard]] QStringList errors() const
    {
        QStringList errors;
        for (const ConsoleEntry &entry : m_console) {
            if (entry.source == QLatin1String("exception") || entry.level == QLatin1String("error"))
                errors << QStringLiteral("[%1/%2] %3").arg(entry.source, entry.level, entry.text);
        }
        return errors;
    }

    [[nodiscard]] QStringList exceptions() const
    {
        QStringList exceptions;
        for (const ConsoleEntry &entry : m_console) {
            if (entry.source == QLatin1String("exception"))
                exceptions << entry.text;
        }
        return exceptions;
    }

    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] bool isAttached() const { return m_channel.isOpen(); }

    // A JavaScript string literal for `text` (JSON's escaping is a subset of JavaScript's).
    [[nodiscard]] static QString jsString(const QString &text) { return e2e::jsString(text); }

private:
    bool fail(const QString &error)
    {
        m_lastError = error;
        return false;
    }

    static QString describeException(const QJsonObject &details)
    {
        const QString description = details.value(QStringLiteral("exception")).toObject().value(QStringLiteral("description")).toString();
        return description.isEmpty() ? details.value(QStringLiteral("text")).toString() : description;
    }

    static QString consoleText(const QJsonArray &args)
    {
        QStringList parts;
        for (const QJsonValue &arg : args) {
            const QJsonObject object = arg.toObject();
            const QJsonValue value = object.value(QStringLiteral("value"));
            if (value.isString())
                parts << value.toString();
            else if (!value.isUndefined())
                parts << QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
            else
                parts << object.value(QStringLiteral("description")).toString(object.value(QStringLiteral("type")).toString());
        }
        return parts.join(QLatin1Char(' '));
    }

    void onEvent(const QString &method, const QJsonObject &params)
    {
        if (method == QLatin1String("Page.loadEventFired")) {
            ++m_loadEvents;
        } else if (method == QLatin1String("Runtime.consoleAPICalled")) {
            m_console.append({QStringLiteral("console"), params.value(QStringLiteral("type")).toString(),
                              consoleText(params.value(QStringLiteral("args")).toArray())});
        } else if (method == QLatin1String("Runtime.exceptionThrown")) {
            m_console.append({QStringLiteral("exception"), QStringLiteral("error"),
                              describeException(params.value(QStringLiteral("exceptionDetails")).toObject())});
        } else if (method == QLatin1String("Log.entryAdded")) {
            const QJsonObject entry = params.value(QStringLiteral("entry")).toObject();
            m_console.append({QStringLiteral("log"), entry.value(QStringLiteral("level")).toString(),
                              entry.value(QStringLiteral("source")).toString() + QStringLiteral(": ") + entry.value(QStringLiteral("text")).toString()});
        }
    }

    DevToolsChannel m_channel;
    QList<ConsoleEntry> m_console;
    QString m_lastError;
    int m_loadEvents = 0;
};

} // namespace wslab::e2e
