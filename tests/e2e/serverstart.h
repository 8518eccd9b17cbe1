#pragma once

// The embedded server started for an end-to-end test, on an ephemeral port.

#include "server/serverhost.h"

#include <QSignalSpy>
#include <QTest>

namespace wslab::e2e {

// Starts `host` and waits, at most `timeoutMs`, until it listens: its port, or 0 with `error` saying
// why not.
[[nodiscard]] inline quint16 startListening(server::ServerHost &host, QString *error, int timeoutMs = 10'000)
{
    QSignalSpy listening(&host, &server::ServerHost::listening);
    QSignalSpy failed(&host, &server::ServerHost::listenFailed);
    host.start();
    (void)QTest::qWaitFor([&] { return !listening.isEmpty() || !failed.isEmpty(); }, timeoutMs);
    if (!failed.isEmpty()) {
        *error = failed.constFirst().constFirst().toString();
        return 0;
    }
    if (listening.isEmpty()) {
        *error = QStringLiteral("the server did not listen within %1 ms").arg(timeoutMs);
        return 0;
    }
    return listening.constFirst().at(1).value<quint16>();
}

} // namespace wslab::e2e
