// The peer a Qt developer would reach for: an echo server on QWebSocketServer, for comparison only.
//   qt_echo_server --port 8003
#include <QCoreApplication>
#include <QHostAddress>
#include <QWebSocket>
#include <QWebSocketServer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int portIndex = arguments.indexOf(QStringLiteral("--port"));
    const quint16 port = portIndex >= 0 && portIndex + 1 < arguments.size() ? arguments.at(portIndex + 1).toUShort() : 8003;

    QWebSocketServer server(QStringLiteral("qt-echo"), QWebSocketServer::NonSecureMode);
    server.setMaxPendingConnections(10000);
    if (!server.listen(QHostAddress::LocalHost, port)) {
        qCritical("listen on 127.0.0.1:%u failed: %s", port, qPrintable(server.errorString()));
        return 1;
    }
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        while (QWebSocket *socket = server.nextPendingConnection()) {
            socket->setParent(&server);
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                             [socket](const QString &text) { socket->sendTextMessage(text); });
            QObject::connect(socket, &QWebSocket::binaryMessageReceived, socket,
                             [socket](const QByteArray &data) { socket->sendBinaryMessage(data); });
            QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    return app.exec();
}
