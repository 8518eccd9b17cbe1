#pragma once

#include "capturerecord.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/framedecoder.h"
#include "server/protocol/messageassembler.h"
#include "server/protocol/permessagedeflate.h"

#include <memory>
#include <optional>

namespace wslab::capture {

// One direction of a WebSocket connection read by an observer: frames decoded with the role of the
// end that receives them (a server reads masked client frames, a client unmasked server frames,
// RFC 6455 §5.1), messages reassembled (§5.4) and, with permessage-deflate, inflated with the
// agreed window and context-takeover rule of that direction (RFC 7692 §7.2.2). Every frame
// becomes a record; a broken rule becomes a ProtocolError record. It answers nothing: after a
// message-level error it goes on with the next message, after a framing error it stops, since no
// later byte can be placed.
class FrameStreamReader
{
public:
    struct Limits
    {
        quint64 maxFramePayload = 64 * 1024 * 1024;
        qint64 maxMessageSize = 64 * 1024 * 1024;
    };

    FrameStreamReader(quint64 connectionId, Direction direction, Limits limits);

    // RSV1 means "compressed" from now on, with these agreed parameters.
    void enableDeflate(const protocol::DeflateParameters &agreed);

    void feed(QByteArrayView bytes, qint64 timeNs, CaptureBatch &out);
    // `length` bytes were never captured: a gap record, then decoding goes on if the gap lies inside
    // one frame's payload, or stops with BytesMissing.
    void skip(quint64 length, qint64 timeNs, CaptureBatch &out);
    // The direction ended: reports bytes that could not be decoded, if any.
    void finish(qint64 timeNs, CaptureBatch &out);

    [[nodiscard]] bool isStopped() const noexcept { return m_stopped; }
    // The code of the first close frame read (1005 for one without a code), if any.
    [[nodiscard]] std::optional<quint16> closeCode() const noexcept { return m_closeCode; }

private:
    void handleFrame(protocol::DecodedFrame &&frame, qint64 timeNs, CaptureBatch &out);
    void completeMessage(protocol::Message &&message, qsizetype frameRecord, CaptureBatch &out);
    void noteClose(const protocol::DecodedFrame &frame, qint64 timeNs, CaptureBatch &out);
    void decodeFrames(QList<protocol::DecodedFrame> &frames, qint64 timeNs, CaptureBatch &out);
    CaptureRecord &addRecord(RecordKind kind, qint64 timeNs, CaptureBatch &out) const;
    void addDecodeError(protocol::DecodeError error, QByteArray bytes, qint64 timeNs, CaptureBatch &out) const;
    void addStreamError(StreamError error, const QString &detail, qint64 timeNs, CaptureBatch &out) const;

    quint64 m_connectionId;
    Direction m_direction;
    Limits m_limits;
    protocol::FrameDecoder m_decoder;
    protocol::MessageAssembler m_assembler;
    std::unique_ptr<protocol::PerMessageDeflate> m_deflate;
    bool m_inflateBroken = false;
    bool m_stopped = false;
    qint64 m_undecodedBytes = 0;
    std::optional<quint16> m_closeCode;
    QList<protocol::DecodedFrame> m_frames; // reused between feeds
};

} // namespace wslab::capture
