#include "upgraderesponsewatcher.h"

#include "contexttakeover.h"

#include "server/protocol/httpheader.h"
#include "server/protocol/httpresponseparser.h"

namespace wslab::proxy {

using namespace protocol;

namespace {

constexpr qsizetype maxHeadSize = 64 * 1024;
constexpr QByteArrayView extensionsField = "Sec-WebSocket-Extensions";

// The agreed permessage-deflate parameters a 101 states, if any (RFC 7692 §7.1).
std::optional<DeflateParameters> agreementOf(const HttpResponseHead &head)
{
    for (const QByteArray &element : splitHeaderList(head.value(extensionsField))) {
        const auto parsed = parseDeflateAgreement(element);
        if (const auto *parameters = std::get_if<DeflateParameters>(&parsed))
            return *parameters;
    }
    return std::nullopt;
}

// The head with client_no_context_takeover added to its extension lines (RFC 9112 §5: one field
// per line; CRLF or a bare LF ends a line).
QByteArray withClientNoContextTakeover(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        const bool cr = line.endsWith('\r');
        const QByteArrayView content = QByteArrayView(line).first(line.size() - (cr ? 1 : 0));
        const qsizetype colon = content.indexOf(':');
        if (colon < 0 || trimmedOws(content.first(colon)).compare(extensionsField, Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = withoutContextTakeover(content.sliced(colon + 1), true, false);
        if (!value.isEmpty())
            line = content.first(colon).toByteArray() + ": " + value + (cr ? "\r" : "");
    }
    return lines.join('\n');
}

} // namespace

UpgradeResponseWatcher::UpgradeResponseWatcher(bool noClientContextTakeover)
    : m_noClientContextTakeover(noClientContextTakeover)
{
}

QByteArray UpgradeResponseWatcher::feed(QByteArrayView bytes)
{
    if (m_done)
        return bytes.toByteArray();
    m_head.append(bytes);
    const HttpResponseParseResult parsed = HttpResponseParser::parse(m_head, maxHeadSize);
    if (parsed.status == HttpResponseParseResult::Status::Incomplete)
        return {};
    m_done = true;
    QByteArray all = std::exchange(m_head, {});
    if (parsed.status != HttpResponseParseResult::Status::Complete)
        return all; // not a head we understand: nothing to learn, nothing changed
    QByteArray head = readHead(all.left(parsed.head.size));
    m_headSize = head.size();
    return head + all.sliced(parsed.head.size);
}

QByteArray UpgradeResponseWatcher::readHead(const QByteArray &head)
{
    const HttpResponseParseResult parsed = HttpResponseParser::parse(head, maxHeadSize);
    m_upgraded = parsed.head.status == 101;
    if (!m_upgraded)
        return head;
    m_deflate = agreementOf(parsed.head);
    if (!m_deflate)
        return head;
    QByteArray forwarded = head;
    if (m_noClientContextTakeover && !m_deflate->clientNoContextTakeover) {
        forwarded = withClientNoContextTakeover(head);
        m_deflate->clientNoContextTakeover = true;
        m_modified = true;
        m_note = QStringLiteral("client_no_context_takeover added to the agreement (intercept: the browser "
                                "compresses each message on its own)");
    }
    if (m_noClientContextTakeover && !m_deflate->serverNoContextTakeover) {
        if (!m_note.isEmpty())
            m_note += QStringLiteral("; ");
        m_note += QStringLiteral("the upstream keeps its compression context (no server_no_context_takeover): "
                                 "editing or dropping one of its compressed messages corrupts the ones after it");
    }
    return forwarded;
}

} // namespace wslab::proxy
