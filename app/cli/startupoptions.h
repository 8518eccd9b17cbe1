#pragma once

#include "app/settings/proxypreferences.h"
#include "server/serversettings.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace wslab::app {

// What the command line (or a test) overrides for one run; nothing here is saved.
struct StartupOptions
{
    QString settingsPath;                  // empty: the user's configuration
    std::optional<quint16> port;           // --port (0 = any free port)
    std::optional<QString> bindAddress;    // --bind
    QString language;                      // --lang; empty = the saved choice, else the system's
    bool welcomeAllowed = true;            // the first-run welcome may show
    std::optional<ProxyPreferences> proxy; // --upstream: proxy mode for this run, whatever is saved
    QStringList captureFiles;              // FILE...: opened in windows of their own once the window shows
    // Further command-line overrides (origins, limits ...), applied after port and bind address.
    std::function<void(server::ServerSettings &)> applyOverrides;
};

} // namespace wslab::app
