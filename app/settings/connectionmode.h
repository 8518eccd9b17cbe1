#pragma once

#include <QString>

namespace wslab::app {

// Who the app is on the wire. Each mode is one live source of capture records; the views read the
// records the same way whatever the source.
enum class ConnectionMode : quint8 {
    EmbeddedServer, // the app's own chat server answers the browsers (the default)
    Proxy,          // the app relays every connection to the developer's own server (issue 11)
    // Client: the app connects to a server as the browser would. Its layer (client/) is being
    // built; the mode goes here, with its key below, a settings page and a source in MainWindow.
};

// The word the settings file keeps ("server", "proxy"): readable, and stable when modes are added.
[[nodiscard]] inline QString connectionModeKey(ConnectionMode mode)
{
    return mode == ConnectionMode::Proxy ? QStringLiteral("proxy") : QStringLiteral("server");
}

[[nodiscard]] inline ConnectionMode connectionModeFromKey(const QString &key)
{
    return key == QLatin1String("proxy") ? ConnectionMode::Proxy : ConnectionMode::EmbeddedServer;
}

} // namespace wslab::app
