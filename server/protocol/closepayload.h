#pragma once

#include "decodeerror.h"

#include <QByteArrayView>
#include <QString>

#include <optional>
#include <variant>

namespace wslab::protocol {

// RFC 6455 §5.5.1: a close frame's body is empty, or a 2-byte code in network order followed by a
// UTF-8 reason.
struct ClosePayload
{
    std::optional<quint16> code; // absent: the peer sent no code (reported as 1005, never sent)
    QString reason;

    // The code to echo back in the closing handshake (RFC 6455 §5.5.1: "typically echoes the
    // status code it received"); an empty body is answered with an empty body.
    [[nodiscard]] std::optional<quint16> echoCode() const noexcept { return code; }

    friend bool operator==(const ClosePayload &, const ClosePayload &) = default;
};

// Parses a close payload; CloseFrameLengthOne, InvalidCloseCode or InvalidCloseReasonUtf8 on error.
[[nodiscard]] std::variant<ClosePayload, DecodeError> parseClosePayload(QByteArrayView payload);

} // namespace wslab::protocol
