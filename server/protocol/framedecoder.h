#pragma once

#include "decodedframe.h"
#include "decodeerror.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::protocol {

// Which end of the connection this decoder sits at: a server reads client frames (masked, RFC 6455
// §5.1), a client reads server frames (unmasked).
enum class Role : quint8 { Server, Client };

struct DecoderOptions
{
    Role role = Role::Server;
    quint64 maxFramePayload = 16 * 1024 * 1024; // RFC 6455 §10.4: decided from the header alone
    bool rsv1Allowed = false;                   // an extension (RFC 7692) defines RSV1
    // Cut the stream into frames and judge nothing else (a relay that holds frames, invalid ones
    // included): only what framing itself needs can fail, a 64-bit length with its top bit set
    // and a payload over maxFramePayload. The role is then ignored.
    bool framingOnly = false;
    // Small payloads of the frames that one piece holds whole share one allocation instead of one
    // each, for a reader that keeps every frame (a capture prints or stores them all). A kept frame
    // keeps its piece's block alive: at most sharedPayloadBlock bytes, freed with the last of them.
    // Off for a server, whose messages may outlive the other frames of their piece.
    bool sharePayloads = false;
};

// A frame whose header has been read but whose payload is still arriving; the message layer looks
// at it to fail fast on invalid UTF-8 before the frame completes.
struct PartialFrame
{
    const FrameHeader *header = nullptr;
    QByteArrayView payloadSoFar; // unmasked
};

// Incremental RFC 6455 §5.2 frame decoder: a function of the bytes fed so far. The header is parsed
// all or nothing (nothing is consumed until its 2 / 4 / 10 bytes, plus 4 of key, are all there), so
// feeding a stream whole, byte by byte or in any split yields the same frames. Errors are sticky.
class FrameDecoder
{
public:
    explicit FrameDecoder(DecoderOptions options = {});

    // Appends every frame completed by these bytes to `frames`; returns the error that stopped the
    // stream, if any (frames before the bad one are still appended).
    std::optional<DecodeError> feed(QByteArrayView bytes, QList<DecodedFrame> &frames);

    [[nodiscard]] std::optional<DecodeError> error() const noexcept { return m_error; }
    [[nodiscard]] bool hasFailed() const noexcept { return m_error.has_value(); }
    // The header bytes of the frame that broke a rule (for the capture and the inspector).
    [[nodiscard]] QByteArray errorBytes() const { return m_errorBytes; }
    [[nodiscard]] std::optional<PartialFrame> partialFrame() const;
    [[nodiscard]] qsizetype bufferedBytes() const noexcept;
    // For a reader that only watches a stream (a capture file with a lost segment): `length` bytes
    // that were never seen. If they lie inside the payload of the frame being read, the frame's
    // boundaries are still known: the missing bytes read as zeros, decoding goes on at the next
    // header, and true is returned (with the frame appended if it is now complete). Otherwise
    // nothing changes and false says the framing of the stream is lost.
    bool skipPayload(qint64 length, QList<DecodedFrame> &frames);
    [[nodiscard]] const DecoderOptions &options() const noexcept { return m_options; }
    void setRsv1Allowed(bool allowed) noexcept { m_options.rsv1Allowed = allowed; }

    void reset();

    // Reads one complete frame without judging it: any RSV bits, opcode, MASK bit or length form.
    // For describing bytes the server wrote itself (the composer may write invalid frames on
    // purpose) and for previews. Empty if `wire` is not exactly one whole frame.
    [[nodiscard]] static std::optional<DecodedFrame> readFrame(QByteArrayView wire);
    // The same for a frame of which only the start was kept (a capture that cut long payloads):
    // the header whole, then at most the payload it announces. The payload holds what `wire` had.
    [[nodiscard]] static std::optional<DecodedFrame> readFramePrefix(QByteArrayView wire);
    // The header at the start of `bytes`, read without judging it, once all of it is there; and
    // how many bytes a header starting with these bytes needs (2 while fewer than 2 are known).
    [[nodiscard]] static std::optional<FrameHeader> peekHeader(QByteArrayView bytes) noexcept;
    [[nodiscard]] static int headerSizeNeeded(QByteArrayView bytes) noexcept;

private:
    bool startFrame(const char *headerStart, DecodedFrame &frame);
    void resumeFrame(const char *&input, qsizetype &remaining, QList<DecodedFrame> &frames);
    void beginPayload(qsizetype available);
    void fillPayload(const char *&input, qsizetype &remaining);
    void handOverCurrent(QList<DecodedFrame> &frames);
    static void copyPayload(const FrameHeader &header, const char *input, char *destination, qsizetype count,
                            qsizetype offset);
    std::optional<DecodeError> checkHeader(const FrameHeader &header) const;
    std::optional<DecodeError> checkFraming(const FrameHeader &header) const;
    void fail(DecodeError error, QByteArrayView offendingBytes);

    DecoderOptions m_options;
    std::optional<DecodeError> m_error;
    QByteArray m_errorBytes;
    std::array<char, maxHeaderSize> m_headerBuffer{}; // a header split across feeds
    int m_headerBuffered = 0;
    bool m_inPayload = false;
    DecodedFrame m_current; // header read, payload being filled
    qsizetype m_payloadFilled = 0;
};

} // namespace wslab::protocol
