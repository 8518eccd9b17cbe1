#include "replayplan.h"

#include "server/protocol/frameencoder.h"
#include "server/protocol/httpheader.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"
#include "server/protocol/permessagedeflate.h"

#include <QHash>

#include <algorithm>

namespace wslab::client {

using capture::CaptureRecord;
using capture::Direction;
using capture::RecordKind;
using namespace protocol;

std::optional<DeflateParameters> deflateAgreementOf(const HttpResponseHead &response)
{
    for (const QByteArray &element : splitHeaderList(response.value("Sec-WebSocket-Extensions"))) {
        const auto agreed = parseDeflateAgreement(element);
        if (const auto *parameters = std::get_if<DeflateParameters>(&agreed))
            return *parameters;
    }
    return std::nullopt;
}

const char *replayPlanErrorReason(ReplayPlanError error) noexcept
{
    switch (error) {
    case ReplayPlanError::NoConnection:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError", "no record of this connection was captured");
    case ReplayPlanError::NoUpgradeRequest:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError",
                                 "its upgrade request was not captured, so its opening handshake is unknown");
    case ReplayPlanError::NotUpgraded:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError",
                                 "the server never answered 101 Switching Protocols: there are no frames to replay");
    case ReplayPlanError::NoClientFrames:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError", "the selection holds no frame the client sent");
    case ReplayPlanError::FrameTruncated:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError",
                                 "a frame's payload was cut to the capture's size limit, so its bytes are not known");
    case ReplayPlanError::InflatedPayloadMissing:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError",
                                 "a compressed message must be compressed anew, but its inflated form was not "
                                 "captured whole");
    case ReplayPlanError::PartialCompressedMessage:
        return QT_TRANSLATE_NOOP("wslab::client::ReplayPlanError",
                                 "a frame of a compressed message that must be compressed anew was selected "
                                 "without the rest of its message");
    }
    return "";
}

namespace {

constexpr qsizetype maxHeadSize = 1024 * 1024;

// A frame (or unreadable bytes) the client sent after the upgrade, with the message it belongs to.
struct ClientFrame
{
    const CaptureRecord *record = nullptr;
    int message = -1;        // data frames: the message's number; control frames and errors: -1
    bool compressed = false; // RFC 7692 §6: the message's first frame has RSV1
};

struct Recording
{
    const CaptureRecord *request = nullptr;
    const CaptureRecord *response = nullptr;
    QList<ClientFrame> frames;
};

std::optional<Recording> recordingOf(const QList<CaptureRecord> &records, quint64 connectionId,
                                     ReplayPlanError &error)
{
    Recording recording;
    bool seen = false;
    int message = -1;
    bool compressed = false;
    for (const CaptureRecord &record : records) {
        if (record.connectionId != connectionId)
            continue;
        seen = true;
        if (record.kind == RecordKind::HttpRequest && record.direction == Direction::Inbound && !recording.request)
            recording.request = &record;
        else if (record.kind == RecordKind::HttpResponse && record.direction == Direction::Outbound
                 && !recording.response)
            recording.response = &record;
        const bool clientBytes = record.direction == Direction::Inbound
                && (record.kind == RecordKind::Frame || record.kind == RecordKind::ProtocolError);
        if (!clientBytes || !recording.response)
            continue;
        ClientFrame frame{&record};
        if (record.kind == RecordKind::Frame && record.frame && isData(record.frame->header.opcode)) {
            if (record.frame->header.opcode != Opcode::Continuation) {
                ++message;
                compressed = record.frame->header.rsv1;
            }
            frame.message = message;
            frame.compressed = compressed;
        }
        recording.frames.append(frame);
        // RFC 6455 §5.5.1: nothing the client sends after its close counts.
        if (record.frame && record.frame->header.opcode == Opcode::Close)
            break;
    }
    if (!seen)
        error = ReplayPlanError::NoConnection;
    else if (!recording.request)
        error = ReplayPlanError::NoUpgradeRequest;
    else if (!recording.response || recording.response->httpStatus != 101)
        error = ReplayPlanError::NotUpgraded;
    else
        return recording;
    return std::nullopt;
}

QList<bool> choose(const QList<ClientFrame> &frames, ReplayScope scope, const QSet<quint64> &selected)
{
    QList<bool> chosen(frames.size(), scope == ReplayScope::Connection);
    if (scope == ReplayScope::Connection)
        return chosen;
    for (qsizetype i = 0; i < frames.size(); ++i)
        chosen[i] = selected.contains(frames[i].record->id);
    if (scope == ReplayScope::Frames)
        return chosen;
    // A message is all of its frames, and the control frames sent while it was open (RFC 6455 §5.4:
    // control frames may be injected between fragments).
    QHash<int, std::pair<qsizetype, qsizetype>> spans;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (frames[i].message < 0)
            continue;
        auto it = spans.find(frames[i].message);
        if (it == spans.end())
            spans.insert(frames[i].message, {i, i});
        else
            it->second = i;
    }
    QSet<int> messages;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (chosen[i] && frames[i].message >= 0)
            messages.insert(frames[i].message);
    }
    for (const int message : std::as_const(messages)) {
        const auto [first, last] = spans.value(message);
        for (qsizetype i = first; i <= last; ++i)
            chosen[i] = chosen[i] || frames[i].message < 0 || frames[i].message == message;
    }
    return chosen;
}

// RFC 7692 §7.2.3.3: with context takeover a compressed message may refer to the ones the client
// sent before it. The recorded bytes inflate on a new connection only if every compressed message
// before them is replayed too, in order: the chosen compressed messages are the first ones.
bool needsRecompression(const QList<ClientFrame> &frames, const QList<bool> &chosen,
                        const std::optional<DeflateParameters> &deflate)
{
    if (!deflate || deflate->clientNoContextTakeover)
        return false;
    QList<int> all;
    QList<int> picked;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (!frames[i].compressed)
            continue;
        if (all.isEmpty() || all.last() != frames[i].message)
            all.append(frames[i].message);
        if (chosen[i] && (picked.isEmpty() || picked.last() != frames[i].message))
            picked.append(frames[i].message);
    }
    return !std::equal(picked.begin(), picked.end(), all.begin()); // picked is a subset: never longer
}

// A message's frames compressed anew: the same frames (FIN, RSV, opcode, MASK and key, length form
// where the new length fits it) over the new payload, split where the recorded payloads were split.
std::variant<QList<QByteArray>, ReplayPlanError> recompress(const QList<const CaptureRecord *> &message,
                                                            PerMessageDeflate &deflate)
{
    const CaptureRecord *last = message.last();
    if (!last->inflatedPayload || last->isInflatedTruncated() || !last->frame->header.fin)
        return ReplayPlanError::InflatedPayloadMissing;
    const QByteArray payload = deflate.compress(*last->inflatedPayload);
    QList<QByteArray> frames;
    qsizetype offset = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const qsizetype size = i + 1 == message.size()
                ? payload.size() - offset
                : qMin(message[i]->frame->payload.size(), payload.size() - offset);
        FrameHeader header = message[i]->frame->header;
        header.payloadLength = quint64(size);
        if (!lengthFitsForm(header.payloadLength, header.lengthForm))
            header.lengthForm = minimalLengthForm(header.payloadLength);
        frames.append(FrameEncoder::writeRaw(header, QByteArrayView(payload).sliced(offset, size)));
        offset += size;
    }
    return frames;
}

// A frame built from a message of a HAR file: the bytes are wslab's own encoding of it, masked with
// a fresh key as a client's must be (RFC 6455 §5.3).
QByteArray rebuild(const DecodedFrame &frame)
{
    const FrameHeader &header = frame.header;
    return FrameEncoder::encode(header.opcode, frame.payload, header.fin, FrameEncoder::randomMaskKey(), header.rsv1);
}

} // namespace

std::variant<ReplayPlan, ReplayPlanError> ReplayPlan::build(const QList<CaptureRecord> &records, quint64 connectionId,
                                                            ReplayScope scope, const QSet<quint64> &selected)
{
    ReplayPlanError error = ReplayPlanError::NoConnection;
    const std::optional<Recording> recording = recordingOf(records, connectionId, error);
    if (!recording)
        return error;
    ReplayPlan plan;
    plan.connectionId = connectionId;
    plan.scope = scope;
    plan.request = HttpRequestParser::parse(recording->request->wireBytes, maxHeadSize).head;
    const HttpResponseHead response = HttpResponseParser::parse(recording->response->wireBytes, maxHeadSize).head;
    plan.recordedExtensions = response.value("Sec-WebSocket-Extensions");
    plan.recordedSubprotocol = response.value("Sec-WebSocket-Protocol").trimmed();
    plan.deflate = deflateAgreementOf(response);

    const QList<ClientFrame> &frames = recording->frames;
    const QList<bool> chosen = choose(frames, scope, selected);
    const bool recompressing = needsRecompression(frames, chosen, plan.deflate);
    QHash<int, QList<const CaptureRecord *>> messages; // compressed messages, every frame
    for (const ClientFrame &frame : frames) {
        if (frame.compressed)
            messages[frame.message].append(frame.record);
    }
    std::optional<PerMessageDeflate> deflate;
    if (recompressing)
        deflate.emplace(*plan.deflate, Role::Client);
    QHash<int, QList<QByteArray>> recompressed;
    qint64 previousNs = scope == ReplayScope::Connection ? recording->response->timeNs : -1;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (!chosen[i])
            continue;
        const CaptureRecord &record = *frames[i].record;
        if (record.isTruncated())
            return ReplayPlanError::FrameTruncated;
        ReplayStep step;
        step.sourceRecordId = record.id;
        step.delayNs = previousNs < 0 ? 0 : qMax<qint64>(0, record.timeNs - previousNs);
        previousNs = record.timeNs;
        step.bytes = record.bytes();
        if (record.frame)
            step.opcode = record.frame->header.opcode;
        if (record.reconstructed && record.frame) {
            step.originalBytes = step.bytes;
            step.bytes = rebuild(*record.frame);
            step.rebuilt = plan.rebuilt = true;
        } else if (recompressing && frames[i].compressed) {
            const QList<const CaptureRecord *> &message = messages[frames[i].message];
            if (!recompressed.contains(frames[i].message)) {
                for (const CaptureRecord *part : message) {
                    if (!selected.contains(part->id) && scope == ReplayScope::Frames)
                        return ReplayPlanError::PartialCompressedMessage;
                }
                auto result = recompress(message, *deflate);
                if (const auto *failure = std::get_if<ReplayPlanError>(&result))
                    return *failure;
                recompressed.insert(frames[i].message, std::get<QList<QByteArray>>(std::move(result)));
            }
            step.originalBytes = step.bytes;
            step.bytes = recompressed[frames[i].message].at(message.indexOf(&record));
            step.recompressed = plan.recompressed = true;
        }
        plan.steps.append(std::move(step));
    }
    if (plan.steps.isEmpty())
        return ReplayPlanError::NoClientFrames;
    return plan;
}

std::optional<quint64> ReplayPlan::firstWebSocketConnection(const QList<CaptureRecord> &records)
{
    for (const CaptureRecord &record : records) {
        if (record.kind == RecordKind::HttpResponse && record.httpStatus == 101)
            return record.connectionId;
    }
    return std::nullopt;
}

QByteArray ReplayPlan::requestFor(const ServerUrl &target, const QByteArray &key) const
{
    const QByteArray resource = target.resourceName == "/" ? request.target : target.resourceName;
    QByteArray out = request.method + ' ' + resource + " HTTP/1.1\r\n";
    if (!request.has("Host"))
        out += "Host: " + target.hostHeader() + "\r\n";
    for (const HttpHeader &header : request.headers) {
        // RFC 6455 §4.1 items 4 and 7: Host names the server connected to; the key is new.
        if (header.name.compare("Host", Qt::CaseInsensitive) == 0)
            out += header.name + ": " + target.hostHeader() + "\r\n";
        else if (header.name.compare("Sec-WebSocket-Key", Qt::CaseInsensitive) == 0)
            out += header.name + ": " + key + "\r\n";
        else
            out += header.name + ": " + header.value + "\r\n";
    }
    return out + "\r\n";
}

QList<QByteArray> ReplayPlan::offeredSubprotocols() const
{
    return splitHeaderList(request.value("Sec-WebSocket-Protocol"));
}

QList<QByteArray> ReplayPlan::offeredExtensions() const
{
    return splitHeaderList(request.value("Sec-WebSocket-Extensions"));
}

bool ReplayPlan::hasCompressedSteps() const
{
    return std::any_of(steps.begin(), steps.end(), [](const ReplayStep &step) {
        return step.bytes.size() >= 1 && (quint8(step.bytes.at(0)) & 0x40) != 0; // RSV1
    });
}

bool ReplayPlan::sendsClose() const
{
    return std::any_of(steps.begin(), steps.end(), [](const ReplayStep &step) { return step.isClose(); });
}

} // namespace wslab::client
