#include "capturelineformatter.h"

#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"

namespace wslab::capture {

namespace {

using protocol::Opcode;

QString transportTag(Transport transport)
{
    switch (transport) {
    case Transport::WebSocket: return QStringLiteral("ws");
    case Transport::Polling: return QStringLiteral("poll");
    case Transport::LongPolling: return QStringLiteral("longpoll");
    case Transport::Http: return QStringLiteral("http");
    }
    return QString();
}

QString bits(bool b)
{
    return b ? QStringLiteral("1") : QStringLiteral("0");
}

// The first line of an HTTP message, without its CRLF.
QByteArrayView startLine(QByteArrayView bytes)
{
    const qsizetype end = bytes.indexOf('\n');
    QByteArrayView line = end < 0 ? bytes : bytes.first(end);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QString sizeSuffix(const CaptureRecord &record)
{
    const qint64 size = record.isTruncated() ? record.truncatedFrom : record.bytes().size();
    return QStringLiteral(" (%1 B)").arg(size);
}

} // namespace

QString CaptureLineFormatter::format(const CaptureRecord &record) const
{
    QString line = timeColumn(record.timeNs);
    line += QStringLiteral(" #%1").arg(record.connectionId, -5);
    line += QLatin1Char(' ') + directionArrow(record) + QLatin1Char(' ');
    switch (record.kind) {
    case RecordKind::Frame:
        line += frameColumns(record);
        break;
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
        line += httpColumns(record);
        break;
    default:
        line += eventColumns(record);
        break;
    }
    return line;
}

QString CaptureLineFormatter::directionArrow(const CaptureRecord &record)
{
    switch (record.kind) {
    case RecordKind::Frame:
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
    case RecordKind::ProtocolError:
        return record.direction == Direction::Inbound ? QStringLiteral("C→S") : QStringLiteral("S→C");
    default:
        return QStringLiteral(" · ");
    }
}

QString CaptureLineFormatter::timeColumn(qint64 timeNs)
{
    // Microseconds are what a loopback exchange needs; fixed width keeps the columns aligned.
    const qint64 micros = timeNs / 1000;
    return QStringLiteral("%1.%2")
            .arg(micros / 1'000'000, 6)
            .arg(micros % 1'000'000, 6, 10, QLatin1Char('0'));
}

QString CaptureLineFormatter::textPreview(QByteArrayView utf8, qint64 fullSize) const
{
    // Decode a bounded prefix only: a 16 MiB message must not be decoded to print 48 characters.
    const qsizetype window = qMin<qsizetype>(utf8.size(), qsizetype(m_options.previewChars) * 4);
    const QString text = QString::fromUtf8(utf8.first(window));
    QString out = QStringLiteral("\"");
    int shown = 0;
    qsizetype i = 0;
    for (; i < text.size() && shown < m_options.previewChars; ++i, ++shown) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    if (i < text.size() || window < fullSize)
        out += QStringLiteral("…");
    return out;
}

QString CaptureLineFormatter::hexPreview(QByteArrayView bytes, qint64 fullSize) const
{
    const qsizetype shown = qMin<qsizetype>(bytes.size(), m_options.previewBytes);
    QString out = QString::fromLatin1(bytes.first(shown).toByteArray().toHex(' '));
    if (shown < fullSize)
        out += shown > 0 ? QStringLiteral(" …") : QStringLiteral("…");
    return out;
}

QString CaptureLineFormatter::frameColumns(const CaptureRecord &record) const
{
    if (!record.frame) {
        // Bytes the composer wrote that are not exactly one frame.
        QString out = QStringLiteral("raw %1 B %2").arg(record.wireBytes.size()).arg(hexPreview(record.wireBytes, record.wireBytes.size()));
        if (!record.note.isEmpty())
            out += QStringLiteral(" (%1)").arg(record.note);
        return out;
    }
    const protocol::FrameHeader &h = record.frame->header;
    QString out = QStringLiteral("FIN=%1 RSV=%2%3%4 %5 MASK=%6 len=%7 (%8)")
                          .arg(bits(h.fin), bits(h.rsv1), bits(h.rsv2), bits(h.rsv3))
                          .arg(QString::fromLatin1(protocol::opcodeName(h.opcode)), -7)
                          .arg(bits(h.masked))
                          .arg(h.payloadLength)
                          .arg(QString::fromLatin1(protocol::lengthFormName(h.lengthForm)));
    const QString preview = framePreview(record);
    if (!preview.isEmpty())
        out += QLatin1Char(' ') + preview;
    out += inflatedColumns(record);
    if (record.held)
        out += QStringLiteral(" [held]");
    // What wslab changed (the proxy's intercept, a replay): what it did, and the sender's frame beside
    // what was forwarded.
    if (record.intervention) {
        out += QStringLiteral(" [%1 by wslab: %2").arg(QLatin1String(frameInterventionName(record.intervention->action)),
                                                             record.note);
        if (record.intervention->action == FrameIntervention::Action::Edited)
            out += QStringLiteral("; sent %1").arg(hexPreview(record.intervention->originalBytes,
                                                                   record.intervention->originalBytes.size()));
        out += QLatin1Char(']');
    }
    return out;
}

QString CaptureLineFormatter::framePreview(const CaptureRecord &record) const
{
    const protocol::DecodedFrame &frame = *record.frame;
    const QByteArrayView payload(frame.payload);
    const qint64 fullSize = record.isTruncated() ? record.truncatedFrom : payload.size();
    // RFC 7692: deflated bytes are not text, whatever the opcode says.
    if (isData(frame.header.opcode) && (frame.header.rsv1 || record.inflatedPayload))
        return payload.isEmpty() && fullSize == 0 ? QString() : hexPreview(payload, fullSize);
    switch (frame.header.opcode) {
    case Opcode::Text:
        return textPreview(payload, fullSize);
    case Opcode::Close: {
        const auto parsed = protocol::parseClosePayload(payload);
        if (const auto *close = std::get_if<protocol::ClosePayload>(&parsed)) {
            if (!close->code)
                return QStringLiteral("(no code)");
            return QStringLiteral("%1 %2 %3")
                    .arg(*close->code)
                    .arg(QString::fromLatin1(protocol::closeCodeName(*close->code)),
                         textPreview(close->reason.toUtf8(), close->reason.toUtf8().size()));
        }
        return QStringLiteral("%1 [%2]").arg(
                hexPreview(payload, fullSize),
                QString::fromLatin1(protocol::decodeErrorName(std::get<protocol::DecodeError>(parsed))));
    }
    case Opcode::Ping:
    case Opcode::Pong:
    case Opcode::Continuation:
        // Their payload may be text or not: show text when it is printable UTF-8.
        if (payload.isEmpty())
            return QString();
        if (QString::fromUtf8(payload.first(qMin<qsizetype>(payload.size(), 64))).contains(QChar::ReplacementCharacter))
            return hexPreview(payload, fullSize);
        return textPreview(payload, fullSize);
    default:
        return payload.isEmpty() && fullSize == 0 ? QString() : hexPreview(payload, fullSize);
    }
}

QString CaptureLineFormatter::inflatedColumns(const CaptureRecord &record) const
{
    if (!record.inflatedPayload)
        return QString();
    const QByteArrayView message(*record.inflatedPayload);
    const qint64 fullSize = record.inflatedSize >= 0 ? record.inflatedSize : message.size();
    // Text when it reads as text (a FIN continuation does not say which kind the message was).
    const bool text = !QString::fromUtf8(message.first(qMin<qsizetype>(message.size(), 64))).contains(QChar::ReplacementCharacter);
    QString out = QStringLiteral(" ⇒ inflated %1 B").arg(fullSize);
    if (fullSize > 0)
        out += QLatin1Char(' ') + (text ? textPreview(message, fullSize) : hexPreview(message, fullSize));
    return out;
}

QString CaptureLineFormatter::httpColumns(const CaptureRecord &record) const
{
    const QByteArray bytes = record.wireBytes;
    QString out = QStringLiteral("HTTP ") + QString::fromLatin1(startLine(bytes));
    out += sizeSuffix(record);
    if (record.transport != Transport::Http && record.transport != Transport::WebSocket)
        out += QStringLiteral(" [%1]").arg(transportTag(record.transport));
    if (record.modified)
        out += QStringLiteral(" [modified by wslab: %1]").arg(record.note);
    return out;
}

QString CaptureLineFormatter::eventColumns(const CaptureRecord &record) const
{
    QString out;
    switch (record.kind) {
    case RecordKind::ConnectionOpened:
        out = QStringLiteral("open %1").arg(record.note);
        if (record.tls)
            out += QStringLiteral(" (%1 %2%3)").arg(record.tls->version, record.tls->cipher,
                                                   record.tls->verified ? QString() : QStringLiteral(", not verified"));
        break;
    case RecordKind::ConnectionClosed:
        // HTTP connections end without a WebSocket close code.
        out = record.closeCode == 0 ? QStringLiteral("closed")
                                    : QStringLiteral("closed %1 %2").arg(record.closeCode).arg(QString::fromLatin1(protocol::closeCodeName(record.closeCode)));
        if (!record.note.isEmpty())
            out += QStringLiteral(" (%1)").arg(record.note);
        break;
    case RecordKind::FrameDelivered:
        out = QStringLiteral("delivered held record %1").arg(record.relatedId) + inflatedColumns(record);
        break;
    case RecordKind::ProtocolError:
        out = QStringLiteral("error %1").arg(record.decodeError ? QString::fromLatin1(protocol::decodeErrorName(*record.decodeError))
                                             : record.streamError ? QString::fromLatin1(streamErrorName(*record.streamError))
                                                                  : QStringLiteral("?"));
        if (!record.note.isEmpty())
            out += QStringLiteral(": ") + record.note;
        if (!record.wireBytes.isEmpty())
            out += QStringLiteral(" [%1]").arg(hexPreview(record.wireBytes, record.wireBytes.size()));
        break;
    case RecordKind::CaptureGap:
        out = QStringLiteral("capture gap: %1 records not kept (the output fell behind)").arg(record.missed);
        break;
    case RecordKind::StreamGap:
        out = QStringLiteral("%1 bytes not captured").arg(record.missed);
        break;
    default:
        break;
    }
    return out;
}

} // namespace wslab::capture
