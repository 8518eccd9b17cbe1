#pragma once

#include "httpparseerror.h"
#include "httpresponsehead.h"

#include <QByteArrayView>

namespace wslab::protocol {

struct HttpResponseParseResult
{
    using Status = HttpParseStatus;

    Status status = Status::Incomplete;
    HttpResponseHead head;
    HttpParseError error = HttpParseError::MalformedStatusLine; // meaningful only when Failed
    qsizetype errorOffset = -1; // Failed: where the offending line starts in the buffer
};

// Parses an HTTP/1.x response head from everything received so far, the client's counterpart of
// HttpRequestParser and a pure function of its input in the same way: Incomplete until the empty
// line ending the head, every prefix of a buffer gives Incomplete or the same result as the whole,
// CRLF or a bare LF ends a line (RFC 9112 §2.2), field lines follow the same rules with the same
// errors, and a head that has not ended within `maxHeadSize` bytes fails with HeadTooLarge. The
// start line is a status line (RFC 9112 §4); unlike a server, a client skips no empty lines before
// it. Body framing is left to the caller: a 101 has no body, and the bytes after head.size are the
// server's first WebSocket frames.
class HttpResponseParser
{
public:
    [[nodiscard]] static HttpResponseParseResult parse(QByteArrayView buffer, qsizetype maxHeadSize);
};

} // namespace wslab::protocol
