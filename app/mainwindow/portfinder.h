#pragma once

#include <QString>

#include <optional>

namespace wslab::app {

// When the port is busy, the status bar offers the next one that is free. A probe, not a promise:
// another program may take the port between the probe and the server's listen().
class PortFinder
{
public:
    [[nodiscard]] static bool isFree(const QString &bindAddress, quint16 port);
    // The first free port after `busyPort` (wrapping below 65536), trying at most `attempts`.
    [[nodiscard]] static std::optional<quint16> nextFree(const QString &bindAddress, quint16 busyPort,
                                                         int attempts = 50);
};

} // namespace wslab::app
