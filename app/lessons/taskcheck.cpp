#include "app/lessons/taskcheck.h"

#include "server/protocol/acceptderivation.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"

namespace wslab::app {

using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using protocol::Opcode;

namespace {

constexpr qsizetype maxHeadSize = 64 * 1024;

size_t side(Direction direction)
{
    return direction == Direction::Inbound ? 0 : 1;
}

} // namespace

TaskCheck::TaskCheck(CheckKind kind, quint16 closeCode)
    : m_kind(kind)
    , m_closeCode(closeCode)
{
}

bool TaskCheck::observe(const CaptureRecord &record)
{
    if (m_satisfied || !isTrafficCheck(m_kind))
        return false;
    m_satisfied = matches(record);
    return m_satisfied;
}

bool TaskCheck::matches(const CaptureRecord &record)
{
    switch (record.kind) {
    case RecordKind::Frame:
        // A frame rebuilt from a HAR message has no wire header of its own to learn from.
        return record.frame && !record.reconstructed && matchesFrame(record);
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
        return matchesHttp(record);
    case RecordKind::ConnectionClosed:
        if (m_kind == CheckKind::MaskedServerFrameFailed)
            return m_maskedServerFrames.contains(record.connectionId);
        if (m_kind == CheckKind::ClientClosedFirst)
            return record.firstCloseDirection == Direction::Inbound;
        if (m_kind == CheckKind::ServerClosedFirst)
            return record.firstCloseDirection == Direction::Outbound;
        return false;
    default:
        return false;
    }
}

bool TaskCheck::matchesFrame(const CaptureRecord &record)
{
    const protocol::FrameHeader &header = record.frame->header;
    const bool inbound = record.direction == Direction::Inbound;
    switch (m_kind) {
    case CheckKind::ClientFrame:
        return inbound && header.masked && protocol::isData(header.opcode);
    case CheckKind::ClientLength7:
    case CheckKind::ClientLength16:
    case CheckKind::ClientLength64: {
        const auto wanted = m_kind == CheckKind::ClientLength7 ? protocol::LengthForm::Short7
                : m_kind == CheckKind::ClientLength16           ? protocol::LengthForm::Extended16
                                                                : protocol::LengthForm::Extended64;
        return inbound && protocol::isData(header.opcode) && header.lengthForm == wanted;
    }
    case CheckKind::ServerDataFrame:
        return !inbound && !header.masked && protocol::isData(header.opcode);
    case CheckKind::MaskedServerFrameFailed:
        // RFC 6455 §5.1: a client MUST close the connection when it detects a masked frame; the
        // task completes when the connection ends (browser's close frame or TCP close).
        if (!inbound && header.masked)
            m_maskedServerFrames.insert(record.connectionId);
        return inbound && header.opcode == Opcode::Close && m_maskedServerFrames.contains(record.connectionId);
    case CheckKind::FragmentedMessageSent:
    case CheckKind::FragmentedMessageReceived:
    case CheckKind::ControlBetweenFragments:
        return matchesFragments(record);
    case CheckKind::PingAnswered:
        return matchesPing(record);
    case CheckKind::CloseReceived:
    case CheckKind::CloseSent: {
        if (header.opcode != Opcode::Close || inbound != (m_kind == CheckKind::CloseReceived))
            return false;
        const auto parsed = protocol::parseClosePayload(record.frame->payload);
        const auto *close = std::get_if<protocol::ClosePayload>(&parsed);
        return close && (m_closeCode == 0 || close->code == m_closeCode);
    }
    case CheckKind::CompressedFrame:
    case CheckKind::PlainAfterCompressed:
        // RFC 7692 §6: RSV1 marks the first frame of a compressed message.
        if (header.rsv1 && (header.opcode == Opcode::Text || header.opcode == Opcode::Binary))
            m_compressedSeen = true;
        return m_kind == CheckKind::CompressedFrame && m_compressedSeen;
    default:
        return false;
    }
}

// RFC 6455 §5.4: a fragmented message is a first frame with FIN = 0 and a data opcode, then
// continuation frames, the last with FIN = 1. Control frames may come in between.
bool TaskCheck::matchesFragments(const CaptureRecord &record)
{
    const protocol::FrameHeader &header = record.frame->header;
    QSet<quint64> &open = m_inMessage[side(record.direction)];
    const quint64 connection = record.connectionId;
    if (protocol::isControl(header.opcode)) {
        return m_kind == CheckKind::ControlBetweenFragments
                && (m_inMessage[0].contains(connection) || m_inMessage[1].contains(connection));
    }
    if (header.opcode != Opcode::Continuation) {
        if (!header.fin)
            open.insert(connection);
        else
            open.remove(connection);
        return false;
    }
    if (!header.fin || !open.remove(connection))
        return false;
    if (m_kind == CheckKind::FragmentedMessageSent)
        return record.direction == Direction::Outbound;
    if (m_kind == CheckKind::FragmentedMessageReceived)
        return record.direction == Direction::Inbound;
    return false;
}

// RFC 6455 §5.5.3: a pong answering a ping carries the ping's payload.
bool TaskCheck::matchesPing(const CaptureRecord &record)
{
    const protocol::DecodedFrame &frame = *record.frame;
    const size_t from = side(record.direction);
    if (frame.header.opcode == Opcode::Ping) {
        m_pendingPings[from].insert(record.connectionId, frame.payload);
        return false;
    }
    if (frame.header.opcode != Opcode::Pong)
        return false;
    QHash<quint64, QByteArray> &pings = m_pendingPings[1 - from];
    const auto pending = pings.constFind(record.connectionId);
    if (pending == pings.cend() || *pending != frame.payload)
        return false;
    pings.erase(pending);
    return true;
}

bool TaskCheck::matchesHttp(const CaptureRecord &record)
{
    if (record.kind == RecordKind::HttpRequest) {
        if (m_kind == CheckKind::PollingRequest)
            return record.transport == capture::Transport::Polling;
        if (m_kind == CheckKind::LongPollingRequest)
            return record.transport == capture::Transport::LongPolling;
        if (m_kind == CheckKind::SideRoomRequest) {
            // The auto demo's clients chat in a room of their own (room=NAME) on every transport.
            const auto parsed = protocol::HttpRequestParser::parse(record.wireBytes, maxHeadSize);
            return parsed.status == protocol::HttpParseStatus::Complete
                    && (parsed.head.target.contains("?room=") || parsed.head.target.contains("&room="));
        }
        if (m_kind != CheckKind::WebSocketOpened && m_kind != CheckKind::HandshakeRefused
            && m_kind != CheckKind::PlainAfterCompressed)
            return false;
        const auto parsed = protocol::HttpRequestParser::parse(record.wireBytes, maxHeadSize);
        if (parsed.status == protocol::HttpParseStatus::Complete
            && parsed.head.value("upgrade").toLower().contains("websocket"))
            m_upgradeKeys.insert(record.connectionId, parsed.head.value("sec-websocket-key"));
        return false;
    }
    const auto request = m_upgradeKeys.constFind(record.connectionId);
    if (request == m_upgradeKeys.cend())
        return false;
    const QByteArray key = *request;
    m_upgradeKeys.erase(request);
    const auto parsed = protocol::HttpResponseParser::parse(record.wireBytes, maxHeadSize);
    if (parsed.status != protocol::HttpParseStatus::Complete)
        return false;
    const protocol::HttpResponseHead &head = parsed.head;
    const bool rightAccept = head.value("sec-websocket-accept") == protocol::deriveAccept(key).accept;
    const bool upgraded = head.status == 101 && head.hasToken("upgrade", "websocket") && rightAccept;
    switch (m_kind) {
    case CheckKind::WebSocketOpened:
        return upgraded;
    case CheckKind::HandshakeRefused:
        // The Handshake Lab's faults: a 200 instead of 101, or a 101 the browser must refuse
        // (RFC 6455 §4.1: no Upgrade header, or an accept that is not derived from the key).
        return head.status == 200 || (head.status == 101 && !upgraded);
    case CheckKind::PlainAfterCompressed:
        return m_compressedSeen && upgraded && !head.value("sec-websocket-extensions").contains("permessage-deflate");
    default:
        return false;
    }
}

} // namespace wslab::app
