#pragma once

#include "capture/capturerecord.h"
#include "server/protocol/decodedframe.h"

#include <QByteArray>
#include <QMetaType>

#include <optional>

namespace wslab::proxy {

// A frame the intercept holds: read whole from its sender and not forwarded yet.
struct HeldFrame
{
    quint64 id = 0; // per connection and direction: 1, 2, 3 ... in the order the frames arrived
    capture::Direction direction = capture::Direction::Inbound;
    // Header values, the exact header bytes and the unmasked payload; wireBytes() gives back exactly
    // what the sender wrote.
    protocol::DecodedFrame frame;
    // A whole compressed message (FIN and RSV1 on a data frame) inflated, when its sender compresses
    // each message on its own (RFC 7692 §7.1.1), so the user reads what is held. Empty otherwise.
    std::optional<QByteArray> inflated;
};

} // namespace wslab::proxy

Q_DECLARE_METATYPE(wslab::proxy::HeldFrame)
