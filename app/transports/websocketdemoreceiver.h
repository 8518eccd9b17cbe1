#pragma once

#include "app/transports/demoreceiver.h"

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace wslab::app {

// A demo receiver on WebSocket: QWebSocket (an independent client implementation) on /chatsocket.
// Every text frame the server pushes is counted with its exact header size (RFC 6455 §5.2); the
// welcome object marks it ready.
class WebSocketDemoReceiver : public DemoReceiver
{
    Q_OBJECT
public:
    WebSocketDemoReceiver(const QString &host, quint16 port, const QString &nick, const DemoScript &script,
                          DemoTally &tally, QObject *parent = nullptr);
    ~WebSocketDemoReceiver() override;

    void start() override;
    void stop() override;
    void leave() override;

private:
    void onFrame(const QString &frame);
    void onMessage(const QString &message);

    QWebSocket *m_socket;
    QString m_host;
    quint16 m_port;
    QString m_nick;
    bool m_stopping = false;
    bool m_leaving = false;
};

} // namespace wslab::app
