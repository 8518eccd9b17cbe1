#pragma once

#include "capturerecord.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace wslab::capture {

// Why a HAR file could not be read (one line each; the offset says where).
enum class HarError : quint8 {
    NotJson,        // the text is not JSON (RFC 8259); the offset is where parsing stopped
    NotHar,         // JSON, but without log.entries (HAR 1.2)
    BadEntry,       // an entry whose request, response or messages have the wrong shape
};

[[nodiscard]] const char *harErrorName(HarError error) noexcept;
[[nodiscard]] const char *harErrorReason(HarError error) noexcept;

// Reads the WebSocket conversations of a HAR file as Chrome DevTools writes it: entries with
// `_resourceType: "websocket"`, their upgrade from the entry's request and response headers, and
// `_webSocketMessages` ({type "send" / "receive", time in seconds since the epoch, opcode, data:
// text for opcode 1, base64 otherwise}). HAR holds messages, not frames: each message becomes one
// frame record marked `reconstructed` (FIN set, the minimal length form, client frames masked with
// an all-zero key), so every view works and none pretends to show the wire. Other entries become
// HTTP request and response records.
class HarReader
{
public:
    using RecordHandler = std::function<void(CaptureRecord &&)>;

    struct Result
    {
        std::optional<HarError> error;
        qint64 errorOffset = -1;
        QString detail;
        quint64 records = 0;
    };

    [[nodiscard]] static Result read(const QByteArray &json, const RecordHandler &handler);
    // The file looks like JSON (what HAR is); the first bytes of a file are enough.
    [[nodiscard]] static bool looksLikeHar(QByteArrayView firstBytes);
};

} // namespace wslab::capture
