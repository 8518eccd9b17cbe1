#pragma once

#include <QString>

namespace wslab::app {

// Who the app is on the wire. Each mode is one live source of capture records; the views read the
// records the same way whatever the source.
enum class ConnectionMode : quint8 {
    EmbeddedServer, // the app's own chat server answers the browsers (the default)
    Proxy,          // the app relays every connection to the developer's own server (issue 11)
    Client,         // the app connects to a server as a browser would (client/, issue 11)
};

// The word the settings file keeps ("server", "proxy", "client"): readable, and stable when modes
// are added. An unknown word is the embedded server.
[[nodiscard]] inline QString connectionModeKey(ConnectionMode mode)
{
    switch (mode) {
    case ConnectionMode::Proxy:
        return QStringLiteral("proxy");
    case ConnectionMode::Client:
        return QStringLiteral("client");
    case ConnectionMode::EmbeddedServer:
        break;
    }
    return QStringLiteral("server");
}

[[nodiscard]] inline ConnectionMode connectionModeFromKey(const QString &key)
{
    if (key == QLatin1String("proxy"))
        return ConnectionMode::Proxy;
    if (key == QLatin1String("client"))
        return ConnectionMode::Client;
    return ConnectionMode::EmbeddedServer;
}

} // namespace wslab::app
