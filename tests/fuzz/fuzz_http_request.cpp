// HttpRequestParser (RFC 9112 request heads) and what the server derives from a head: the
// upgrade checks of RFC 6455 §4.2.1, the origin policy, the query and Content-Length readers and
// the permessage-deflate negotiation over the extension offers.
//   input: [head limit] [prefix length: 2 bytes] request bytes
// Property: every prefix of a buffer parses to Incomplete or to the result of the whole buffer.

#include "fuzzinput.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponse.h"

using namespace wslab::protocol;
using wslab::fuzz::require;

namespace {

bool sameResult(const HttpParseResult &a, const HttpParseResult &b)
{
    if (a.status != b.status)
        return false;
    if (a.status == HttpParseResult::Status::Failed)
        return a.error == b.error && a.errorOffset == b.errorOffset;
    return a.head.method == b.head.method && a.head.target == b.head.target && a.head.headers == b.head.headers
            && a.head.size == b.head.size && a.head.versionMajor == b.head.versionMajor
            && a.head.versionMinor == b.head.versionMinor;
}

void useHead(const HttpRequestHead &head)
{
    (void)head.path();
    (void)head.query();
    (void)head.queryValue("nick");
    (void)head.queryValue("since");
    (void)head.contentLength();
    (void)head.hasInvalidContentLength();
    const OriginPolicy policy{"http://127.0.0.1:8002", {QStringLiteral("https://example.com")}, false};
    const auto validated = validateUpgradeRequest(head, policy);
    if (const auto *error = std::get_if<HandshakeError>(&validated)) {
        (void)buildRejection(*error);
        return;
    }
    const auto &request = std::get<UpgradeRequest>(validated);
    require(isValidWebSocketKey(request.key), "an accepted upgrade has a valid key");
    (void)negotiatePerMessageDeflate(request.extensionOffers);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wslab::fuzz::FuzzInput input(data, size);
    constexpr qsizetype limits[] = {16 * 1024, 64, 300, 4096};
    const qsizetype maxHeadSize = limits[input.takeByte() & 3];
    const quint16 prefixLength = input.takeUint16();
    const QByteArrayView bytes = input.rest();

    const HttpParseResult whole = HttpRequestParser::parse(bytes, maxHeadSize);
    if (whole.status == HttpParseResult::Status::Complete) {
        require(whole.head.size > 0 && whole.head.size <= bytes.size() && whole.head.size <= maxHeadSize,
                "a complete head lies within the buffer and the limit");
        useHead(whole.head);
    } else if (whole.status == HttpParseResult::Status::Failed) {
        require(whole.errorOffset >= 0 && whole.errorOffset <= bytes.size(), "the error offset is in the buffer");
        (void)buildRejection(whole.error);
        (void)httpStatusFor(whole.error);
    }
    const HttpParseResult prefix = HttpRequestParser::parse(bytes.first(qMin<qsizetype>(prefixLength, bytes.size())),
                                                            maxHeadSize);
    require(prefix.status == HttpParseResult::Status::Incomplete || sameResult(prefix, whole),
            "a prefix parses to Incomplete or to the whole buffer's result");
    return 0;
}
