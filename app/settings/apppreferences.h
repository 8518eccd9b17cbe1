#pragma once

#include "app/client/clientpreferences.h"
#include "app/settings/connectionmode.h"
#include "app/settings/proxypreferences.h"
#include "server/serversettings.h"

#include <QString>

namespace wslab::app {

// What the settings dialog edits: the server's settings plus the app's own preferences. A value.
struct AppPreferences
{
    static constexpr int defaultCaptureRowCap = 100'000;

    ConnectionMode mode = ConnectionMode::EmbeddedServer;
    server::ServerSettings server;
    ProxyPreferences proxy;
    ClientPreferences client; // the last New Client Connection
    QString language;          // "en", "zh_CN"; empty = follow the system
    int captureRowCap = defaultCaptureRowCap;
    bool welcomeShown = false;
    bool confirmQuitWithClients = true; // ask before quitting drops connected clients

    friend bool operator==(const AppPreferences &, const AppPreferences &) = default;
};

} // namespace wslab::app
