#pragma once

#include "clientfailure.h"
#include "clientsettings.h"

#include <QAbstractSocket>
#include <QObject>

#include <functional>

namespace wslab::capture {
class LiveRecorder;
}

namespace wslab::client {

// The socket of a client connection to `settings.url`, child of `context`: a
// QTcpSocket, or for wss:// (RFC 6455 §3) a QSslSocket with the system's CAs, `settings.caFile`
// and `settings.insecure` applied. `ready` runs once the opening handshake may go (connected, or
// for wss:// encrypted); a certificate that does not verify fails the TLS handshake instead
// (errorOccurred). startClientSocket() connects it, once the caller has connected its signals.
[[nodiscard]] QAbstractSocket *makeClientSocket(const ClientSettings &settings, QObject *context,
                                                const std::function<void()> &ready);
void startClientSocket(QAbstractSocket *socket, const ServerUrl &url);
// The recorder learns of the connection once `socket` is connected (both ends' addresses), and of
// its end, both directions at once.
void recordConnectionStart(capture::LiveRecorder &recorder, quint64 id, const QAbstractSocket &socket);
void recordConnectionEnd(capture::LiveRecorder &recorder, quint64 id);
// The failure a socket error before the upgrade stands for.
[[nodiscard]] ClientFailure clientFailureFor(QAbstractSocket::SocketError error) noexcept;

} // namespace wslab::client
