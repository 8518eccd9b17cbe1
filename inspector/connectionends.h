#pragma once

#include <QtGlobal>

namespace wslab::inspector {

// Who the two ends of the conversation are, as far as the viewer knows: a capture file's client
// and server; a browser and wslab's own server; a browser and the upstream server with wslab
// relaying between them (proxy); wslab itself as the client of a server. The views that name the
// ends (the explanation, the handshake) say so in the words of the mode.
enum class ConnectionEnds : quint8 { ClientAndServer, BrowserAndWslab, BrowserAndUpstream, WslabAndServer };

} // namespace wslab::inspector
