#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace wslab::proxy {

// permessage-deflate with context takeover (RFC 7692 §7.1.1) compresses each message against the
// ones before it, so a relay that edits or drops one message would corrupt every later one for the
// receiver. An intercepting proxy therefore asks both ends to compress each message on its own.

// The value of a Sec-WebSocket-Extensions field with `client_no_context_takeover` (when `client`)
// and `server_no_context_takeover` (when `server`) added to every permessage-deflate element that
// lacks them; other extensions and parameters stay as they were. Empty when nothing had to change.
[[nodiscard]] QByteArray withoutContextTakeover(QByteArrayView extensionsValue, bool client, bool server);

} // namespace wslab::proxy
