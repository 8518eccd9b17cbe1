#pragma once

#include "httpparseerror.h"
#include "httprequesthead.h"

#include <QByteArrayView>

namespace wslab::protocol {

struct HttpParseResult
{
    using Status = HttpParseStatus;

    Status status = Status::Incomplete;
    HttpRequestHead head;
    HttpParseError error = HttpParseError::MalformedRequestLine; // meaningful only when Failed
    qsizetype errorOffset = -1; // Failed: where the offending line starts in the buffer
};

// Parses an HTTP/1.x request head from everything received so far. A pure function of its input:
// the caller keeps the bytes and passes them again, longer, until the result is not Incomplete.
// Lines may end in CRLF or a bare LF (RFC 9112 §2.2 lets recipients accept both); empty lines
// before the request line are skipped (§2.2). Complete lines are checked as soon as they arrive,
// so a bad request fails before its end, and every prefix of a buffer gives Incomplete or the same
// result as the whole. A head that has not ended within `maxHeadSize` bytes fails with HeadTooLarge;
// one that ends exactly at the limit is accepted.
class HttpRequestParser
{
public:
    [[nodiscard]] static HttpParseResult parse(QByteArrayView buffer, qsizetype maxHeadSize);
};

} // namespace wslab::protocol
