#include "deflatepreview.h"

#include "payloadpreview.h"
#include "sentences.h"

#include "server/protocol/opcode.h"

#include <QStringList>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using capture::CaptureRecord;

bool DeflatePreview::startsCompressedMessage(const protocol::FrameHeader &header) noexcept
{
    // RFC 7692 §6: RSV1 ("Per-Message Compressed") on the first frame of a data message only.
    return header.rsv1 && protocol::isData(header.opcode) && header.opcode != protocol::Opcode::Continuation;
}

DeflateFacts DeflatePreview::factsOf(const CaptureRecord &record)
{
    DeflateFacts facts;
    if (!record.frame || record.decodeError || !protocol::isData(record.frame->header.opcode))
        return facts;
    const protocol::FrameHeader &h = record.frame->header;
    facts.firstFrame = startsCompressedMessage(h);
    facts.compressed = facts.firstFrame || record.inflatedPayload.has_value();
    if (facts.firstFrame && h.fin) // the whole message is this frame's payload
        facts.deflatedSize = qint64(h.payloadLength);
    return facts;
}

qint64 DeflatePreview::inflatedSize(const CaptureRecord &record) noexcept
{
    if (!record.inflatedPayload)
        return -1;
    return record.inflatedSize >= 0 ? record.inflatedSize : record.inflatedPayload->size();
}

QString DeflatePreview::messageSummary(QByteArrayView inflated, qint64 inflatedSize, qint64 deflatedSize)
{
    // One multi-argument arg(): the preview is the peer's text and may itself contain "%2".
    const QString preview = PayloadPreview::textOrHex(inflated);
    if (deflatedSize < 0)
        return tr("%1 (%2 B, deflated)").arg(preview, QString::number(inflatedSize));
    return tr("%1 (%2 B, deflated to %3 B)")
            .arg(preview, QString::number(inflatedSize), QString::number(deflatedSize));
}

QString DeflatePreview::summary(const CaptureRecord &record, const DeflateFacts &facts)
{
    if (!facts.compressed || !record.frame)
        return {};
    const protocol::FrameHeader &h = record.frame->header;
    if (record.inflatedPayload)
        return messageSummary(*record.inflatedPayload, inflatedSize(record), facts.deflatedSize);
    // DEFLATE bytes mean nothing on their own: the message is inflated as a whole (RFC 7692 §6.2).
    if (facts.firstFrame && h.fin)
        return tr("compressed message, %1 B deflated").arg(h.payloadLength);
    return tr("compressed fragment, %1 B deflated").arg(h.payloadLength);
}

QString DeflatePreview::explanation(const DeflateFacts &facts, qint64 inflatedSize)
{
    if (!facts.compressed)
        return {};
    QStringList sentences;
    sentences.append(facts.firstFrame
                             ? tr("RSV1 = 1: this message is compressed with permessage-deflate (RFC 7692 §6).")
                             : tr("This frame continues a message compressed with permessage-deflate; RSV1 is set "
                                  "on the first frame only (RFC 7692 §6)."));
    if (facts.deflatedSize >= 0 && inflatedSize >= 0)
        sentences.append(tr("On the wire the message is %1 bytes of DEFLATE data; inflated, it is the %2 bytes "
                            "the application gets.").arg(facts.deflatedSize).arg(inflatedSize));
    else if (inflatedSize >= 0)
        sentences.append(tr("Inflated, the message is the %1 bytes the application gets.").arg(inflatedSize));
    else
        sentences.append(tr("The payload is DEFLATE data: the receiver inflates the message as a whole, once its "
                            "last frame has arrived (RFC 7692 §6.2)."));
    sentences.append(tr("The sender removed the 4 bytes 00 00 FF FF that end every flushed DEFLATE block; the "
                        "receiver appends them again before inflating (RFC 7692 §7.2.1)."));
    return Sentences::joined(sentences);
}

} // namespace wslab::inspector
