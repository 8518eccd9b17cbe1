#include "app/mainwindow/portfinder.h"

#include <QHostAddress>
#include <QTcpServer>

namespace wslab::app {

bool PortFinder::isFree(const QString &bindAddress, quint16 port)
{
    QTcpServer probe;
    const QHostAddress address(bindAddress);
    return probe.listen(address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address, port);
}

std::optional<quint16> PortFinder::nextFree(const QString &bindAddress, quint16 busyPort, int attempts)
{
    quint16 port = busyPort;
    for (int i = 0; i < attempts; ++i) {
        port = port == 65535 ? 1024 : quint16(port + 1);
        if (isFree(bindAddress, port))
            return port;
    }
    return std::nullopt;
}

} // namespace wslab::app
