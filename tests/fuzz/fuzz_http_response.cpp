// HttpResponseParser (RFC 9112 status lines and fields) and the client's checks on the answer to
// its opening handshake (RFC 6455 §4.1), as the handshake view makes them.
//   input: [head limit] [prefix length: 2 bytes] response bytes
// Property: every prefix of a buffer parses to Incomplete or to the result of the whole buffer.

#include "fuzzinput.h"

#include "server/protocol/httpresponseparser.h"
#include "server/protocol/upgraderesponse.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

namespace {

bool sameResult(const HttpResponseParseResult &a, const HttpResponseParseResult &b)
{
    if (a.status != b.status)
        return false;
    if (a.status == HttpResponseParseResult::Status::Failed)
        return a.error == b.error && a.errorOffset == b.errorOffset;
    return a.head.status == b.head.status && a.head.reasonPhrase == b.head.reasonPhrase
            && a.head.headers == b.head.headers && a.head.size == b.head.size
            && a.head.versionMajor == b.head.versionMajor && a.head.versionMinor == b.head.versionMinor;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    constexpr qsizetype limits[] = {16 * 1024, 64, 300, 4096};
    const qsizetype maxHeadSize = limits[input.takeByte() & 3];
    const quint16 prefixLength = input.takeUint16();
    const QByteArrayView bytes = input.rest();

    const HttpResponseParseResult whole = HttpResponseParser::parse(bytes, maxHeadSize);
    if (whole.status == HttpResponseParseResult::Status::Complete) {
        require(whole.head.size > 0 && whole.head.size <= bytes.size() && whole.head.size <= maxHeadSize,
                "a complete head lies within the buffer and the limit");
        require(whole.head.status >= 100 && whole.head.status <= 599, "the status is 100..599");
        const QList<UpgradeResponseError> failed = validateUpgradeResponse(
                whole.head, "dGhlIHNhbXBsZSBub25jZQ==", {"chat", "superchat"},
                {"permessage-deflate; client_max_window_bits", "x-webkit-deflate-frame"});
        require(failed.contains(UpgradeResponseError::StatusNot101) == (whole.head.status != 101),
                "StatusNot101 exactly when the status is not 101");
        for (const UpgradeResponseError error : failed)
            require(upgradeResponseErrorReason(error)[0] != '?', "every error has a reason");
    } else if (whole.status == HttpResponseParseResult::Status::Failed) {
        require(whole.errorOffset >= 0 && whole.errorOffset <= bytes.size(), "the error offset is in the buffer");
    }
    const HttpResponseParseResult prefix = HttpResponseParser::parse(
            bytes.first(qMin<qsizetype>(prefixLength, bytes.size())), maxHeadSize);
    require(prefix.status == HttpResponseParseResult::Status::Incomplete || sameResult(prefix, whole),
            "a prefix parses to Incomplete or to the whole buffer's result");
    return 0;
}
