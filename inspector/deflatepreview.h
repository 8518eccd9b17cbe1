#pragma once

#include "capture/capturerecord.h"

#include <QCoreApplication>
#include <QString>

namespace wslab::inspector {

// What the capture tells about one frame's place in a message compressed with permessage-deflate
// (RFC 7692). The record alone knows its own RSV1 and, on one record per message, the inflated
// message; the capture model adds what only the neighbouring frames know (see
// FrameCaptureModel::deflateFacts()).
struct DeflateFacts
{
    bool compressed = false;  // the frame carries (part of) a message sent with RSV1 (RFC 7692 §6)
    bool firstFrame = false;  // it is the frame with RSV1: RSV1 is set on the first frame only (§6.1)
    qint64 deflatedSize = -1; // DEFLATE bytes of its message on the wire so far, all frames; -1 unknown
};

// permessage-deflate in words, shared by the table, the timeline and the detail views: a compressed
// message is shown as the application gets it (inflated, which the server did) and marked as
// compressed, with its size on both sides; a frame that does not complete its message says so
// instead of showing DEFLATE bytes as if they were text. This class only formats.
class DeflatePreview
{
    Q_DECLARE_TR_FUNCTIONS(wslab::inspector::DeflatePreview)
public:
    // RSV1 on the first frame of a data message: its payload is deflated (RFC 7692 §6).
    [[nodiscard]] static bool startsCompressedMessage(const protocol::FrameHeader &header) noexcept;
    // What the record tells on its own, without the frames around it. A frame the decoder rejected
    // (RSV1 without the extension) is not a compressed one.
    [[nodiscard]] static DeflateFacts factsOf(const capture::CaptureRecord &record);
    // The real size of the inflated message (the capture may keep less of it); -1 if none.
    [[nodiscard]] static qint64 inflatedSize(const capture::CaptureRecord &record) noexcept;

    // One line for the table: "“Hello” (5 B, deflated to 7 B)", "compressed fragment, 7 B deflated".
    // Empty for a frame that is not part of a compressed message.
    [[nodiscard]] static QString summary(const capture::CaptureRecord &record, const DeflateFacts &facts);
    [[nodiscard]] static QString messageSummary(QByteArrayView inflated, qint64 inflatedSize, qint64 deflatedSize);

    // The detail views' explanation: what RSV1 means, both sizes, the removed 00 00 ff ff.
    // `inflatedSize` is -1 while the message is not inflated (yet) in the capture.
    [[nodiscard]] static QString explanation(const DeflateFacts &facts, qint64 inflatedSize);
};

} // namespace wslab::inspector
