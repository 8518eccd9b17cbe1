#pragma once

#include "serverurl.h"

#include "capture/capturerecord.h"
#include "server/protocol/deflateoffer.h"
#include "server/protocol/httprequesthead.h"
#include "server/protocol/httpresponsehead.h"
#include "server/protocol/opcode.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <optional>
#include <variant>

namespace wslab::client {

// What of a recorded connection is replayed: the frames picked one by one, the whole messages they
// belong to (every fragment, and the control frames sent between them), or every frame the client
// sent, up to and including its close.
enum class ReplayScope : quint8 { Frames, Messages, Connection };

// Why a selection cannot be replayed. One line of why each; the UI translates them (context
// wslab::client::ReplayPlanError).
enum class ReplayPlanError : quint8 {
    NoConnection,             // no record of that connection among the records
    NoUpgradeRequest,         // the connection's upgrade request was not captured: the handshake is unknown
    NotUpgraded,              // the server never answered 101: the connection carried no frames
    NoClientFrames,           // the selection holds no frame the client sent
    FrameTruncated,           // a frame's payload was cut to the capture's size limit: its bytes are unknown
    InflatedPayloadMissing,   // a message must be compressed anew but its inflated form was not kept
    PartialCompressedMessage, // a frame of a message that must be compressed anew, without the rest of it
};

[[nodiscard]] const char *replayPlanErrorReason(ReplayPlanError error) noexcept;
inline constexpr const char replayPlanErrorContext[] = "wslab::client::ReplayPlanError";

// One write of a replay: a frame's bytes, when it went relative to the step before, and where it
// came from.
struct ReplayStep
{
    QByteArray bytes;
    // Since the previous step in the recording (for the first step of a whole connection, since the
    // server's 101; for a selection, 0).
    qint64 delayNs = 0;
    quint64 sourceRecordId = 0;
    std::optional<protocol::Opcode> opcode; // none: bytes the capture could not read as a frame
    QByteArray originalBytes;               // the recorded bytes, when `bytes` differ (recompressed, rebuilt)
    bool recompressed = false; // RFC 7692 §7.2.3.3: deflated again, the recorded context is not on the new connection
    bool rebuilt = false;      // encoded from a message (a HAR file has no frames): FIN, key and length form are wslab's

    [[nodiscard]] bool isClose() const noexcept { return opcode == protocol::Opcode::Close; }
};

// A selection of one recorded connection, ready to be sent again on a new connection: its opening
// handshake as the client sent it, the permessage-deflate agreement and subprotocol the server gave,
// and the client's frames in order with their original bytes and gaps. Pure values, no I/O.
struct ReplayPlan
{
    quint64 connectionId = 0;
    ReplayScope scope = ReplayScope::Connection;
    protocol::HttpRequestHead request;       // the recorded upgrade request
    QByteArray recordedExtensions;           // the recorded 101's Sec-WebSocket-Extensions
    QByteArray recordedSubprotocol;          // the recorded 101's Sec-WebSocket-Protocol
    std::optional<protocol::DeflateParameters> deflate; // the recorded agreement, if any
    QList<ReplayStep> steps;
    bool recompressed = false; // some messages were compressed anew (their bytes differ)
    bool rebuilt = false;      // some frames were encoded from messages

    // `selected` holds record ids (ignored for Connection). Records of other connections are skipped.
    [[nodiscard]] static std::variant<ReplayPlan, ReplayPlanError> build(const QList<capture::CaptureRecord> &records,
                                                                       quint64 connectionId, ReplayScope scope,
                                                                       const QSet<quint64> &selected = {});
    // The first connection whose upgrade request was captured, if any.
    [[nodiscard]] static std::optional<quint64> firstWebSocketConnection(const QList<capture::CaptureRecord> &records);

    // The opening handshake for the new connection: the recorded request line and fields in their
    // order, with Host naming `target` and `key` as Sec-WebSocket-Key (RFC 6455 §4.1: a fresh key
    // per connection). `target`'s path replaces the recorded one unless it is "/".
    [[nodiscard]] QByteArray requestFor(const ServerUrl &target, const QByteArray &key) const;
    [[nodiscard]] QList<QByteArray> offeredSubprotocols() const;
    [[nodiscard]] QList<QByteArray> offeredExtensions() const;
    [[nodiscard]] bool hasCompressedSteps() const;
    [[nodiscard]] bool sendsClose() const;
};

// RFC 7692 §5: the permessage-deflate parameters a 101 agreed to, if it agreed to any.
[[nodiscard]] std::optional<protocol::DeflateParameters> deflateAgreementOf(const protocol::HttpResponseHead &response);

} // namespace wslab::client
