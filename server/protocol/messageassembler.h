#pragma once

#include "decodedframe.h"
#include "decodeerror.h"
#include "framedecoder.h"
#include "utf8validator.h"

#include <optional>

namespace wslab::protocol {

struct AssemblerOptions
{
    quint64 maxMessageSize = 16 * 1024 * 1024; // RFC 6455 §10.4
    // False for an observer that keeps each frame itself and needs of a message only the verdicts
    // (continuation rules, size, UTF-8) and, to inflate it, a compressed message's payload: an
    // uncompressed message then completes with an empty payload, and its fragments are not gathered.
    bool keepPayload = true;
};

// A complete data message (RFC 6455 §5.6).
struct Message
{
    Opcode opcode = Opcode::Text; // Text or Binary
    QByteArray payload;
    int frameCount = 0;
    bool compressed = false; // RSV1 on the first frame (RFC 7692): payload is still deflated
};

// What one frame did to the message in progress.
struct AssemblyStep
{
    enum class Kind : quint8 {
        FragmentBuffered, // part of a message; nothing to deliver yet
        MessageComplete,  // `message` holds the whole message
        Control,          // a control frame, legal between fragments (§5.4); the caller handles it
        Failed,           // `error` says which rule broke; the assembler stays failed
    };
    Kind kind = Kind::FragmentBuffered;
    Message message;
    // Kind::Control: the frame itself, handed back untouched. Optional, so that the other steps,
    // one or more a frame, build no empty frame (a frame header's defaults are not all zero).
    std::optional<DecodedFrame> control;
    DecodeError error = DecodeError::ReservedOpcode;
};

// RFC 6455 §5.4 message reassembly over frames that passed the frame decoder: continuation rules,
// control frames interleaved, the size limit, and UTF-8 validation of text messages as the bytes
// arrive, so an invalid byte fails the connection as soon as it is seen (§8.1).
class MessageAssembler
{
public:
    explicit MessageAssembler(AssemblerOptions options = {});

    AssemblyStep push(DecodedFrame frame);
    // The same for a frame that stays the caller's (a capture's record holds it): its payload is
    // shared into the message only when the message keeps one.
    AssemblyStep pushShared(const DecodedFrame &frame);

    // Looks at the bytes of a frame still arriving (FrameDecoder::partialFrame()) and fails fast if
    // they already make the text message invalid. Bytes seen here are not validated twice.
    // Call it after pushing every frame the decoder completed before the partial one.
    std::optional<DecodeError> inspectPartial(const PartialFrame &partial);

    [[nodiscard]] bool isMessageInProgress() const noexcept { return m_inProgress; }
    [[nodiscard]] std::optional<DecodeError> error() const noexcept { return m_error; }
    // After InvalidUtf8: the offset in the message's payload of the first byte that cannot be
    // UTF-8; -1 when the message ended inside a sequence or the error is another one.
    [[nodiscard]] qint64 utf8ErrorOffset() const noexcept { return m_utf8.errorOffset(); }
    [[nodiscard]] const AssemblerOptions &options() const noexcept { return m_options; }
    void reset();

private:
    // push() for a data frame. The message takes `payload` when it keeps one: moved from `movable`
    // when the caller gave the frame away, shared otherwise.
    AssemblyStep pushData(const FrameHeader &header, const QByteArray &payload, QByteArray *movable);
    AssemblyStep failed(DecodeError error);
    [[nodiscard]] bool isValidatedText(const FrameHeader &header) const noexcept;
    void append(QByteArray &&fragment);

    AssemblerOptions m_options;
    std::optional<DecodeError> m_error;
    bool m_inProgress = false;
    Message m_message;
    quint64 m_messageSize = 0; // the payload bytes of the message so far, kept or not
    // Between messages it has seen only the m_partialValidated bytes of the arriving frame.
    Utf8Validator m_utf8;
    qsizetype m_partialValidated = 0; // bytes of the arriving frame already validated
};

} // namespace wslab::protocol
