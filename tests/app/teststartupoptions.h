#pragma once

#include "app/cli/startupoptions.h"

namespace wslab::test {

// A main window for a test: settings in a file of its own, any free loopback port, English, and no
// first-run welcome in the way.
inline app::StartupOptions testStartupOptions(const QString &settingsPath)
{
    app::StartupOptions options;
    options.settingsPath = settingsPath;
    options.port = 0;
    options.bindAddress = QStringLiteral("127.0.0.1");
    options.language = QStringLiteral("en");
    options.welcomeAllowed = false;
    return options;
}

} // namespace wslab::test
