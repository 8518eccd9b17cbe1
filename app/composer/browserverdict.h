#pragma once

#include "app/composer/composerpresets.h"

#include "server/protocol/decodeerror.h"
#include "server/protocol/framedecoder.h"

#include <QList>

#include <optional>

namespace wslab::app {

// What a conforming browser's parser makes of frames the composer is about to send: the first rule
// they break (frame header, message reassembly, UTF-8, close payload), read exactly as a client
// reads a server's frames (RFC 6455 §5.1: they must not be masked). The protocol's
// FrameStreamValidator in the client role, the check the server applies to what it sends, so the
// composer's note, the capture and the tests agree.
class BrowserVerdict
{
public:
    struct Violation
    {
        int frameIndex = 0;
        protocol::DecodeError error = protocol::DecodeError::ReservedOpcode;
        friend bool operator==(const Violation &, const Violation &) = default;
    };

    // `receiver` is the end that reads the frames: the browser (Role::Client) by default, or a
    // server (Role::Server) for the frames the Composer sends in client mode.
    [[nodiscard]] static std::optional<Violation> firstViolation(const QList<ComposedFrame> &frames,
                                                                 protocol::Role receiver = protocol::Role::Client);
    // True when the frames leave a fragmented message unfinished (no FIN yet): the browser waits.
    [[nodiscard]] static bool leavesMessageOpen(const QList<ComposedFrame> &frames,
                                                protocol::Role receiver = protocol::Role::Client);
};

} // namespace wslab::app
