#include "capturelineformatter.h"

#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"

#include "linewriter.h"

#include <array>
#include <cstring>

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

// Seconds and microseconds since the capture's start: microseconds are what a loopback exchange
// needs, and the fixed width keeps the columns aligned.
void writeTimeColumn(LineWriter &out, qint64 timeNs)
{
    const qint64 micros = timeNs / 1000;
    if (micros < 0) { // a clock that went back (a file's): as QString::arg pads a negative number
        out.put(QStringLiteral("%1.%2").arg(micros / 1'000'000, 6).arg(micros % 1'000'000, 6, 10, QLatin1Char('0')).toUtf8());
        return;
    }
    out.putNumber(micros / 1'000'000, 6);
    out.put('.');
    out.putNumber(micros % 1'000'000, 6, '0');
}

// The text `write` puts through a LineWriter, as a QString.
template <typename Write>
QString writtenText(Write &&write)
{
    QByteArray out;
    {
        LineWriter writer(out, 64);
        write(writer);
    }
    return QString::fromUtf8(out);
}

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

// Whether the first bytes decode as UTF-8 (a cut sequence at their end does not count as text).
bool looksLikeText(QByteArrayView bytes)
{
    const QByteArrayView head = bytes.first(qMin<qsizetype>(bytes.size(), 64));
    return isAscii(head) || !QString::fromUtf8(head).contains(QChar::ReplacementCharacter);
}

constexpr char ellipsis[] = "…";

// "hh " for every byte value, in four bytes: a preview writes one word per byte.
constexpr auto hexTriples = [] {
    std::array<std::array<char, 4>, 256> triples{};
    constexpr char digits[] = "0123456789abcdef";
    for (int value = 0; value < 256; ++value)
        triples[value] = {digits[value >> 4], digits[value & 0xf], ' ', ' '};
    return triples;
}();

// The opcode column and the length form column, made once, when the program loads: every frame's
// line has both, and a table made on first use is guarded on every use.
const std::array<QByteArray, 16> opcodeColumns = [] {
    std::array<QByteArray, 16> padded;
    for (int code = 0; code < 16; ++code)
        padded[code] = QByteArray(protocol::opcodeName(Opcode(code))).leftJustified(7);
    return padded;
}();

const std::array<QByteArray, 3> lengthFormColumns = [] {
    using protocol::LengthForm;
    std::array<QByteArray, 3> columns;
    for (const LengthForm each : {LengthForm::Short7, LengthForm::Extended16, LengthForm::Extended64})
        columns[int(each)] = QByteArray(" (") + protocol::lengthFormName(each) + ')';
    return columns;
}();

QByteArrayView opcodeColumn(Opcode opcode)
{
    return opcodeColumns[quint8(opcode) & 0xf];
}

QByteArrayView lengthFormColumn(protocol::LengthForm form)
{
    return lengthFormColumns[qMin(int(form), 2)];
}

const char *directionArrowUtf8(const CaptureRecord &record)
{
    switch (record.kind) {
    case RecordKind::Frame:
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
    case RecordKind::ProtocolError:
        return record.direction == Direction::Inbound ? "C→S" : "S→C";
    default:
        return " · ";
    }
}

} // namespace

QString CaptureLineFormatter::format(const CaptureRecord &record) const
{
    QByteArray line;
    appendUtf8(record, line);
    return QString::fromUtf8(line);
}

void CaptureLineFormatter::appendUtf8(const CaptureRecord &record, QByteArray &line) const
{
    LineWriter out(line);
    writeLine(record, out);
}

void CaptureLineFormatter::writeLine(const CaptureRecord &record, LineWriter &out) const
{
    writeTime(record.timeNs, out);
    out.put(" #");
    out.putNumber(qint64(record.connectionId), 5, ' ', true);
    out.put(' ');
    out.putName(directionArrowUtf8(record));
    out.put(' ');
    switch (record.kind) {
    case RecordKind::Frame:
        writeFrameColumns(record, out);
        break;
    case RecordKind::HttpRequest:
    case RecordKind::HttpResponse:
        out.put(httpColumns(record).toUtf8());
        break;
    default:
        out.put(eventColumns(record).toUtf8());
        break;
    }
}

void CaptureLineFormatter::writeTime(qint64 timeNs, LineWriter &out) const
{
    if (m_lastTimeText.isEmpty() || timeNs != m_lastTimeNs) {
        m_lastTimeText.resize(0); // keeps its storage
        LineWriter text(m_lastTimeText, 32);
        writeTimeColumn(text, timeNs);
        m_lastTimeNs = timeNs;
    }
    out.put(m_lastTimeText);
}

QString CaptureLineFormatter::directionArrow(const CaptureRecord &record)
{
    return QString::fromUtf8(directionArrowUtf8(record));
}

QString CaptureLineFormatter::timeColumn(qint64 timeNs)
{
    return writtenText([timeNs](LineWriter &out) { writeTimeColumn(out, timeNs); });
}

QString CaptureLineFormatter::textPreview(QByteArrayView utf8, qint64 fullSize) const
{
    return writtenText([&](LineWriter &out) { writeTextPreview(utf8, fullSize, out); });
}

QString CaptureLineFormatter::hexPreview(QByteArrayView bytes, qint64 fullSize) const
{
    return writtenText([&](LineWriter &out) { writeHexPreview(bytes, fullSize, out); });
}

void CaptureLineFormatter::writeTextPreview(QByteArrayView utf8, qint64 fullSize, LineWriter &out) const
{
    // Decode a bounded prefix only: a 16 MiB message must not be decoded to print 48 characters.
    const qsizetype window = qMin<qsizetype>(utf8.size(), qsizetype(m_options.previewChars) * 4);
    const QByteArrayView head = utf8.first(window);
    // ASCII is read byte by byte; anything else as the characters it decodes to.
    const bool ascii = isAscii(head);
    const QString decoded = ascii ? QString() : QString::fromUtf8(head);
    const qsizetype length = ascii ? head.size() : decoded.size();
    // Characters outside ASCII are gathered as UTF-16 (a pair of surrogates is one character) and
    // encoded once.
    QString wide;
    const auto flushWide = [&] {
        out.put(wide.toUtf8());
        wide.clear();
    };
    out.put('"');
    qsizetype i = 0;
    for (int shown = 0; i < length && shown < m_options.previewChars; ++i, ++shown) {
        const char16_t c = ascii ? char16_t(uchar(head[i])) : decoded.at(i).unicode();
        if (c >= 0x80) {
            wide += QChar(c);
            continue;
        }
        if (!wide.isEmpty())
            flushWide();
        switch (c) {
        case '\n': out.put("\\n"); break;
        case '\r': out.put("\\r"); break;
        case '\t': out.put("\\t"); break;
        case '"': out.put("\\\""); break;
        case '\\': out.put("\\\\"); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out.put("\\x");
                out.put("0123456789abcdef"[c >> 4]);
                out.put("0123456789abcdef"[c & 0xf]);
            } else {
                out.put(char(c));
            }
        }
    }
    flushWide();
    out.put('"');
    if (i < length || window < fullSize)
        out.put(ellipsis);
}

void CaptureLineFormatter::writeHexPreview(QByteArrayView bytes, qint64 fullSize, LineWriter &out) const
{
    const qsizetype shown = qMin<qsizetype>(bytes.size(), m_options.previewBytes);
    if (shown > 0) {
        // Each byte's word overlaps the next one's; the last space is then not kept.
        char *to = out.reserve(shown * 3 + 1);
        const auto *from = reinterpret_cast<const uchar *>(bytes.data());
        for (qsizetype i = 0; i < shown; ++i, to += 3)
            std::memcpy(to, hexTriples[from[i]].data(), 4);
        out.commit(shown * 3 - 1);
    }
    if (shown < fullSize) {
        if (shown > 0)
            out.put(' ');
        out.put(ellipsis);
    }
}

void CaptureLineFormatter::writeFrameColumns(const CaptureRecord &record, LineWriter &out) const
{
    if (!record.frame) {
        // Bytes the composer wrote that are not exactly one frame.
        out.put("raw ");
        out.putNumber(record.wireBytes.size());
        out.put(" B ");
        writeHexPreview(record.wireBytes, record.wireBytes.size(), out);
        if (!record.note.isEmpty()) {
            out.put(" (");
            out.put(record.note.toUtf8());
            out.put(')');
        }
        return;
    }
    const protocol::FrameHeader &h = record.frame->header;
    // The bits are set in the line itself: a copy of a few bytes just set one by one reads them back
    // in wider pieces than they were written, and such a load waits for the stores to drain.
    static constexpr char bitsColumn[] = "FIN=0 RSV=000 ";
    constexpr qsizetype bitsWidth = sizeof bitsColumn - 1;
    char *bits = out.reserve(bitsWidth);
    std::memcpy(bits, bitsColumn, bitsWidth);
    bits[4] = h.fin ? '1' : '0';
    bits[10] = h.rsv1 ? '1' : '0';
    bits[11] = h.rsv2 ? '1' : '0';
    bits[12] = h.rsv3 ? '1' : '0';
    out.commit(bitsWidth);
    out.put(opcodeColumn(h.opcode));
    if (h.masked)
        out.put(" MASK=1 len=");
    else
        out.put(" MASK=0 len=");
    out.putNumber(qint64(h.payloadLength));
    out.put(lengthFormColumn(h.lengthForm));
    const qsizetype beforePreview = out.position();
    out.put(' ');
    writeFramePreview(record, out);
    if (out.position() == beforePreview + 1)
        out.chop(1);
    writeInflatedColumns(record, out);
    if (record.held)
        out.put(" [held]");
    // What wslab changed (the proxy's intercept, a replay): what it did, and the sender's frame beside
    // what was forwarded.
    if (record.intervention) {
        out.put(" [");
        out.putName(frameInterventionName(record.intervention->action));
        out.put(" by wslab: ");
        out.put(record.note.toUtf8());
        if (record.intervention->action == FrameIntervention::Action::Edited) {
            out.put("; sent ");
            writeHexPreview(record.intervention->originalBytes, record.intervention->originalBytes.size(), out);
        }
        out.put(']');
    }
}

void CaptureLineFormatter::writeFramePreview(const CaptureRecord &record, LineWriter &out) const
{
    const protocol::DecodedFrame &frame = *record.frame;
    const QByteArrayView payload(frame.payload);
    const qint64 fullSize = record.isTruncated() ? record.truncatedFrom : payload.size();
    const bool empty = payload.isEmpty() && fullSize == 0;
    // RFC 7692: deflated bytes are not text, whatever the opcode says.
    if (isData(frame.header.opcode) && (frame.header.rsv1 || record.inflatedPayload)) {
        if (!empty)
            writeHexPreview(payload, fullSize, out);
        return;
    }
    switch (frame.header.opcode) {
    case Opcode::Text:
        writeTextPreview(payload, fullSize, out);
        return;
    case Opcode::Close: {
        const auto parsed = protocol::parseClosePayload(payload);
        if (const auto *close = std::get_if<protocol::ClosePayload>(&parsed)) {
            if (!close->code) {
                out.put("(no code)");
                return;
            }
            out.putNumber(*close->code);
            out.put(' ');
            out.putName(protocol::closeCodeName(*close->code));
            out.put(' ');
            const QByteArray reason = close->reason.toUtf8();
            writeTextPreview(reason, reason.size(), out);
            return;
        }
        writeHexPreview(payload, fullSize, out);
        out.put(" [");
        out.putName(protocol::decodeErrorName(std::get<protocol::DecodeError>(parsed)));
        out.put(']');
        return;
    }
    case Opcode::Ping:
    case Opcode::Pong:
    case Opcode::Continuation:
        // Their payload may be text or not: show text when it is printable UTF-8.
        if (payload.isEmpty())
            return;
        if (looksLikeText(payload))
            writeTextPreview(payload, fullSize, out);
        else
            writeHexPreview(payload, fullSize, out);
        return;
    default:
        if (!empty)
            writeHexPreview(payload, fullSize, out);
        return;
    }
}

void CaptureLineFormatter::writeInflatedColumns(const CaptureRecord &record, LineWriter &out) const
{
    if (!record.inflatedPayload)
        return;
    const QByteArrayView message(*record.inflatedPayload);
    const qint64 fullSize = record.inflatedSize >= 0 ? record.inflatedSize : message.size();
    out.put(" ⇒ inflated ");
    out.putNumber(fullSize);
    out.put(" B");
    if (fullSize <= 0)
        return;
    out.put(' ');
    // Text when it reads as text (a FIN continuation does not say which kind the message was).
    if (looksLikeText(message))
        writeTextPreview(message, fullSize, out);
    else
        writeHexPreview(message, fullSize, out);
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
    case RecordKind::FrameDelivered: {
        out = QStringLiteral("delivered held record %1").arg(record.relatedId)
                + writtenText([&](LineWriter &columns) { writeInflatedColumns(record, columns); });
        break;
    }
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
