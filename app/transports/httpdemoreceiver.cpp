#include "app/transports/httpdemoreceiver.h"

#include "app/transports/keepalivehttpclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimerEvent>
#include <QUrl>

namespace wslab::app {

using capture::Transport;

HttpDemoReceiver::HttpDemoReceiver(Transport transport, const QString &host, quint16 port, const QString &clientId,
                                   const QString &nick, const DemoScript &script, DemoTally &tally, QObject *parent)
    : DemoReceiver(transport, script, tally, parent)
    , m_client(new KeepAliveHttpClient(host, port, this))
    , m_clientId(clientId)
    , m_nick(nick)
{
    connect(m_client, &KeepAliveHttpClient::requestWritten, this, [this](qint64 head, qint64 body) {
        if (isCounting())
            this->tally().countRequest(head, body);
    });
    connect(m_client, &KeepAliveHttpClient::answered, this, [this](const HttpResponseReader::Response &response) {
        if (m_leaving)
            Q_EMIT left();
        else
            onAnswer(response.head, response.body, response.status);
    });
    connect(m_client, &KeepAliveHttpClient::failed, this, [this](const QString &reason) {
        if (m_leaving)
            Q_EMIT left(); // the server will forget the client anyway, only later
        else if (m_running)
            Q_EMIT failed(QStringLiteral("%1: %2").arg(this->transport() == Transport::LongPolling ? QStringLiteral("GET /longpoll")
                                                                                      : QStringLiteral("GET /poll"),
                                           reason));
    });
}

HttpDemoReceiver::~HttpDemoReceiver() = default;

QByteArray HttpDemoReceiver::target(Transport transport, quint64 since, const QString &clientId, const QString &nick,
                                    const QString &room)
{
    QByteArray path = transport == Transport::LongPolling ? "/longpoll" : "/poll";
    path += "?since=" + QByteArray::number(since) + "&client=" + QUrl::toPercentEncoding(clientId)
        + "&nick=" + QUrl::toPercentEncoding(nick);
    if (!room.isEmpty())
        path += "&room=" + QUrl::toPercentEncoding(room);
    return path;
}

QByteArray HttpDemoReceiver::leaveTarget(const QString &clientId, const QString &room)
{
    return "/leave?client=" + QUrl::toPercentEncoding(clientId) + "&room=" + QUrl::toPercentEncoding(room);
}

void HttpDemoReceiver::start()
{
    m_running = true;
    m_since = 0; // the first answer brings the room's history: that is the catching up
    m_answered = false;
    ask();
}

void HttpDemoReceiver::stop()
{
    m_running = false;
    m_timer.stop();
    m_client->abort();
}

void HttpDemoReceiver::leave()
{
    setCounting(false);
    stop(); // a long poll in flight is dropped: its answer is of no use now
    m_leaving = true;
    m_client->post(leaveTarget(m_clientId, script().room()), {}, {});
}

void HttpDemoReceiver::ask()
{
    if (m_running)
        m_client->get(target(transport(), m_since, m_clientId, m_nick, script().room()));
}

void HttpDemoReceiver::onAnswer(const QByteArray &head, const QByteArray &body, int status)
{
    if (!m_running)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonArray entries = answer.value(QLatin1String("messages")).toArray();
    if (status != 200 || !answer.contains(QLatin1String("messages"))) {
        m_running = false;
        Q_EMIT failed(tr("%1 answered HTTP %2").arg(QString::fromLatin1(target(transport(), m_since, m_clientId, m_nick, script().room())))
                          .arg(status));
        return;
    }
    if (isCounting())
        tally().countAnswer(head.size(), body.size(), entries.size());
    for (const QJsonValue &entry : entries) {
        const QJsonObject object = entry.toObject();
        m_since = std::max(m_since, quint64(object.value(QLatin1String("seq")).toDouble(0)));
        handleEntry(object, now);
    }
    const double last = answer.value(QLatin1String("last")).toDouble(-1);
    if (last >= 0)
        m_since = quint64(last);
    markReady();
    if (!m_running)
        return;
    const bool first = !m_answered;
    m_answered = true;
    if (transport() == Transport::LongPolling)
        ask();
    else
        m_timer.start(first && m_phaseOffsetMs >= 0 ? m_phaseOffsetMs : script().pollIntervalMs, Qt::PreciseTimer, this);
}

void HttpDemoReceiver::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        DemoReceiver::timerEvent(event);
        return;
    }
    m_timer.stop();
    ask();
}

} // namespace wslab::app
