#pragma once

// One Chrome DevTools Protocol connection (a browser or a page target) over QWebSocket; WebDriver
// BiDi (Firefox) has the same shape: commands with ids, answers with "result" or "error".
// Header-only: it is shared by the end-to-end test executables and has no signals of its own, so it
// needs no moc. Every wait is bounded; nothing here blocks without processing events.

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace wslab::e2e {

class DevToolsChannel
{
public:
    using EventHandler = std::function<void(const QString &method, const QJsonObject &params)>;

    DevToolsChannel()
    {
        m_socket.setProxy(QNetworkProxy::NoProxy); // loopback; an http_proxy variable must not matter
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString &text) { onText(text); });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_closed = true; });
    }

    DevToolsChannel(const DevToolsChannel &) = delete;
    DevToolsChannel &operator=(const DevToolsChannel &) = delete;
    ~DevToolsChannel() { m_socket.abort(); }

    // No Origin header is sent (QWebSocket leaves it out when empty), which the DevTools server
    // accepts without --remote-allow-origins.
    [[nodiscard]] bool open(const QUrl &url, int timeoutMs)
    {
        m_closed = false;
        m_socket.open(url);
        const bool connected = QTest::qWaitFor([this] {
            return m_socket.state() == QAbstractSocket::ConnectedState || m_closed;
        }, timeoutMs);
        if (!connected || m_socket.state() != QAbstractSocket::ConnectedState) {
            m_lastError = QStringLiteral("DevTools connection to %1 failed: %2").arg(url.toString(), m_socket.errorString());
            return false;
        }
        return true;
    }

    [[nodiscard]] bool isOpen() const { return !m_closed && m_socket.state() == QAbstractSocket::ConnectedState; }

    void setEventHandler(EventHandler handler) { m_onEvent = std::move(handler); }

    // Sends a command and waits (bounded) for its answer: the "result" object, or nullopt with
    // lastError() set when the browser answered with an error, closed, or took too long.
    std::optional<QJsonObject> call(const QString &method, const QJsonObject &params, int timeoutMs)
    {
        if (!isOpen()) {
            m_lastError = QStringLiteral("%1: DevTools connection is closed").arg(method);
            return std::nullopt;
        }
        const int id = m_nextId++;
        // BiDi requires "params" on every command; DevTools takes an empty one.
        const QJsonObject command{{QStringLiteral("id"), id}, {QStringLiteral("method"), method},
                                  {QStringLiteral("params"), params}};
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(command).toJson(QJsonDocument::Compact)));

        const bool answered = QTest::qWaitFor([&] { return m_answers.contains(id) || m_closed; }, timeoutMs);
        if (!answered || !m_answers.contains(id)) {
            m_lastError = QStringLiteral("%1: no answer within %2 ms%3")
                              .arg(method).arg(timeoutMs).arg(m_closed ? QStringLiteral(" (connection closed)") : QString());
            return std::nullopt;
        }
        const QJsonObject answer = m_answers.take(id);
        if (answer.contains(QStringLiteral("error"))) {
            // DevTools: {"error": {"message"}}; BiDi: {"error": "name", "message"}.
            const QJsonValue error = answer.value(QStringLiteral("error"));
            const QString message = error.isObject() ? error.toObject().value(QStringLiteral("message")).toString()
                                                     : error.toString() + QStringLiteral(": ")
                                                             + answer.value(QStringLiteral("message")).toString();
            m_lastError = QStringLiteral("%1: %2").arg(method, message);
            return std::nullopt;
        }
        return answer.value(QStringLiteral("result")).toObject();
    }

    [[nodiscard]] QString lastError() const { return m_lastError; }

private:
    void onText(const QString &text)
    {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.contains(QStringLiteral("id"))) {
            m_answers.insert(message.value(QStringLiteral("id")).toInt(), message);
            return;
        }
        if (m_onEvent)
            m_onEvent(message.value(QStringLiteral("method")).toString(), message.value(QStringLiteral("params")).toObject());
    }

    QWebSocket m_socket;
    EventHandler m_onEvent;
    QHash<int, QJsonObject> m_answers;
    QString m_lastError;
    int m_nextId = 1;
    bool m_closed = true;
};

} // namespace wslab::e2e
