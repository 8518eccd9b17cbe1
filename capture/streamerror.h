#pragma once

#include <QtGlobal>

namespace wslab::capture {

// What can go wrong when a conversation is read from the outside (a capture file, a proxy's two
// streams) rather than taken part in. Frame-level rules keep their protocol::DecodeError; these are
// the rules of reading a stream that nobody answers. One line of why each; the UI translates them
// (context wslab::capture::StreamError).
enum class StreamError : quint8 {
    BytesMissing,             // bytes of this direction were never captured; what follows cannot be read
    HttpHeadInvalid,          // the bytes are not an HTTP/1.x head (RFC 9112): the direction is not followed further
    HttpBodyInvalid,          // a chunked body that does not follow RFC 9112 §7.1
    UpgradeResponseInvalid,   // a 101 that breaks an RFC 6455 §4.1 check: a browser fails the connection
    ExtensionAgreementInvalid,// Sec-WebSocket-Extensions in the 101 cannot be read (RFC 7692 §7.1)
    UndecodableAfterError,    // bytes that came after a rule was broken; they are counted, not decoded
    InflateFailed,            // a compressed message could not be inflated (RFC 7692 §7.2.2)
};

[[nodiscard]] const char *streamErrorName(StreamError error) noexcept;
[[nodiscard]] const char *streamErrorReason(StreamError error) noexcept; // one line, English
inline constexpr const char streamErrorContext[] = "wslab::capture::StreamError";

} // namespace wslab::capture
