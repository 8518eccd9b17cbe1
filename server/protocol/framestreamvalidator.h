#pragma once

#include "decodedframe.h"
#include "decodeerror.h"
#include "framedecoder.h"
#include "messageassembler.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::protocol {

// What the receiving end of a stream of frames makes of it: the first RFC 6455 rule the bytes
// break, read exactly as that end's parser reads them - the frame header (§5.2, and §5.1 on masking
// for the role), message reassembly (§5.4), UTF-8 of text (§8.1, failing fast on a frame still
// arriving) and the close payload (§5.5.1, §7.4). The decoder and the assembler are the ones the
// server reads its clients with; this only strings them together, so there is one set of rules.
// Like the decoder it is incremental and sticky: a receiver that failed the connection reads no more.
class FrameStreamValidator
{
public:
    // `decoder.role` is the receiving end: Role::Client reads a server's frames.
    explicit FrameStreamValidator(DecoderOptions decoder, AssemblerOptions assembler = {});

    // The rule these bytes break, when they are the ones that break it; nothing otherwise, and
    // nothing once the stream has failed (the first violation is reported once).
    std::optional<DecodeError> feed(QByteArrayView bytes);

    [[nodiscard]] std::optional<DecodeError> error() const noexcept { return m_error; }
    [[nodiscard]] bool hasFailed() const noexcept { return m_error.has_value(); }
    // A fragmented message has begun and its FIN frame has not come yet: the receiver waits.
    [[nodiscard]] bool isMessageInProgress() const noexcept { return m_assembler.isMessageInProgress(); }

private:
    std::optional<DecodeError> check(DecodedFrame &&frame);
    std::optional<DecodeError> fail(DecodeError error);

    FrameDecoder m_decoder;
    MessageAssembler m_assembler;
    QList<DecodedFrame> m_frames; // decoded by one feed, reused
    std::optional<DecodeError> m_error;
};

} // namespace wslab::protocol
