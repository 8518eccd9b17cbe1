#pragma once

#include "server/serversettings.h"

namespace wslab::app {

// What the server runs after the saved preferences were edited. The running settings may differ
// from the saved ones (command-line options such as --allow-origin or --max-message hold for this
// run only), so only the settings the edit changed are taken; the rest stay as they run.
[[nodiscard]] server::ServerSettings settingsAfterEdit(const server::ServerSettings &running,
                                                       const server::ServerSettings &savedBefore,
                                                       const server::ServerSettings &savedAfter);

} // namespace wslab::app
