#pragma once

#include "app/transports/demoreceiver.h"

#include <QBasicTimer>

namespace wslab::app {

class KeepAliveHttpClient;

// A demo receiver on polling or long polling: GET /poll (every pollIntervalMs, counted from the
// previous answer, as the page does) or GET /longpoll (again at once), continuing from the
// answer's "last". Counts exact request and answer bytes; an answer without entries is wasted.
class HttpDemoReceiver : public DemoReceiver
{
    Q_OBJECT
public:
    HttpDemoReceiver(capture::Transport transport, const QString &host, quint16 port, const QString &clientId,
                     const QString &nick, const DemoScript &script, DemoTally &tally, QObject *parent = nullptr);
    ~HttpDemoReceiver() override;

    void start() override;
    void stop() override;
    void leave() override;

    // Polling: the wait before the second poll, instead of a whole interval. Real clients poll
    // at unrelated moments; receivers started together would poll in step, and every line would
    // wait the same share of the interval instead of half of it on average.
    void setPhaseOffset(int ms) noexcept { m_phaseOffsetMs = ms; }

    // "/longpoll?since=7&client=ab12&nick=demo-long-1&room=demo-3f2a"
    [[nodiscard]] static QByteArray target(capture::Transport transport, quint64 since, const QString &clientId,
                                           const QString &nick, const QString &room = {});
    // "/leave?client=ab12&room=demo-3f2a": the member leaves the room now, instead of being listed
    // until the server gives up on it (PollingEndpoint::presenceGraceMs after its last request).
    [[nodiscard]] static QByteArray leaveTarget(const QString &clientId, const QString &room);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void ask();
    void onAnswer(const QByteArray &head, const QByteArray &body, int status);

    KeepAliveHttpClient *m_client;
    QString m_clientId;
    QString m_nick;
    QBasicTimer m_timer;
    quint64 m_since = 0;
    int m_phaseOffsetMs = -1; // -1: none
    bool m_answered = false;
    bool m_running = false;
    bool m_leaving = false;
};

} // namespace wslab::app
