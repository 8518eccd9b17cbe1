#include "payloadpreview.h"

#include "sentences.h"

#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/utf8validator.h"

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::Opcode;

namespace {

// More bytes than any preview shows: UTF-8 needs at most 4 bytes per character.
constexpr qsizetype previewBytes(int maxChars) { return qsizetype(maxChars) * 4 + 4; }

} // namespace

bool PayloadPreview::looksLikeText(QByteArrayView bytes)
{
    protocol::Utf8Validator validator;
    // A preview may end inside a multi-byte sequence; only an impossible byte makes it binary.
    return validator.feed(bytes) != protocol::Utf8Validator::State::Invalid;
}

QString PayloadPreview::quotedText(QByteArrayView bytes, int maxChars)
{
    const QByteArrayView head = bytes.first(std::min(bytes.size(), previewBytes(maxChars)));
    QString text = QString::fromUtf8(head);
    bool cut = head.size() < bytes.size();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        cut = true;
    }
    // Line breaks and tabs would break a one-line summary: show them as symbols.
    for (QChar &c : text) {
        if (c == QLatin1Char('\n'))
            c = QChar(0x21B5); // ↵
        else if (c == QLatin1Char('\r') || c == QLatin1Char('\t') || c.category() == QChar::Other_Control)
            c = QChar(0x00B7); // ·
    }
    return QStringLiteral("“%1%2”").arg(text, cut ? QStringLiteral("…") : QString());
}

QString PayloadPreview::hexBytes(QByteArrayView bytes, QChar separator)
{
    return QString::fromLatin1(bytes.toByteArray().toHex(separator.toLatin1()));
}

QString PayloadPreview::hexDump(QByteArrayView bytes, qsizetype maxBytes, int perRow)
{
    perRow = std::max(1, perRow);
    const qsizetype size = std::min(bytes.size(), maxBytes);
    QString dump;
    dump.reserve(size / perRow * (perRow * 4 + 14) + 80);
    for (qsizetype row = 0; row < size; row += perRow) {
        const QByteArrayView line = bytes.sliced(row, std::min<qsizetype>(perRow, size - row));
        QString hex = QString::fromLatin1(line.toByteArray().toHex(' '));
        hex = hex.leftJustified(perRow * 3 - 1);
        QString ascii;
        for (char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(0x00B7);
        dump += QStringLiteral("%1  %2  %3\n").arg(row, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return dump;
}

QString PayloadPreview::hexPreview(QByteArrayView bytes, int maxBytes)
{
    const bool cut = bytes.size() > maxBytes;
    return hexBytes(bytes.first(std::min<qsizetype>(bytes.size(), maxBytes)))
            + (cut ? QStringLiteral(" …") : QString());
}

QString PayloadPreview::textOrHex(QByteArrayView bytes, int maxChars)
{
    const QByteArrayView head = bytes.first(std::min(bytes.size(), previewBytes(maxChars)));
    return looksLikeText(head) ? quotedText(bytes, maxChars) : hexPreview(bytes);
}

QString PayloadPreview::closeCodeText(quint16 code)
{
    return QStringLiteral("%1 (%2)").arg(code).arg(closeCodeName(code));
}

QString PayloadPreview::closeCodeName(quint16 code)
{
    return QCoreApplication::translate(protocol::closeCodeContext, protocol::closeCodeName(code));
}

QString PayloadPreview::closeSummary(QByteArrayView payload)
{
    const auto parsed = protocol::parseClosePayload(payload);
    if (const auto *error = std::get_if<protocol::DecodeError>(&parsed))
        return errorText(*error);
    const auto &close = std::get<protocol::ClosePayload>(parsed);
    if (!close.code)
        return tr("close without a status code (reported as 1005)");
    if (close.reason.isEmpty())
        return tr("close %1").arg(closeCodeText(*close.code));
    return tr("close %1, reason “%2”").arg(closeCodeText(*close.code), close.reason);
}

QString PayloadPreview::frameSummary(const protocol::DecodedFrame &frame)
{
    const QByteArray &payload = frame.payload;
    switch (frame.header.opcode) {
    case Opcode::Text:
        return quotedText(payload);
    case Opcode::Binary:
        return tr("%1 bytes: %2").arg(payload.size()).arg(hexPreview(payload));
    case Opcode::Continuation:
        return tr("continuation: %1").arg(textOrHex(payload));
    case Opcode::Close:
        return closeSummary(payload);
    case Opcode::Ping:
    case Opcode::Pong: {
        const QString kind = frame.header.opcode == Opcode::Ping ? tr("ping") : tr("pong");
        if (payload.isEmpty())
            return tr("%1, empty payload").arg(kind);
        return tr("%1 %2").arg(kind, textOrHex(payload));
    }
    default:
        return tr("reserved opcode 0x%1: %2").arg(quint8(frame.header.opcode), 0, 16).arg(hexPreview(payload));
    }
}

QString PayloadPreview::requestSummary(QByteArrayView requestBytes)
{
    const auto result = protocol::HttpRequestParser::parse(requestBytes, requestBytes.size());
    if (result.status == protocol::HttpParseResult::Status::Failed)
        return tr("malformed request: %1")
                .arg(QCoreApplication::translate(protocol::httpParseErrorContext,
                                                 protocol::httpParseErrorReason(result.error)));
    if (result.status == protocol::HttpParseResult::Status::Incomplete)
        return firstLine(requestBytes);
    const auto &head = result.head;
    QString line = QStringLiteral("%1 %2 HTTP/%3.%4")
                           .arg(QString::fromLatin1(head.method), QString::fromLatin1(head.target))
                           .arg(head.versionMajor)
                           .arg(head.versionMinor);
    if (head.hasToken("Upgrade", "websocket"))
        line = Sentences::joined({line, tr("(WebSocket upgrade)")});
    return line;
}

QString PayloadPreview::firstLine(QByteArrayView httpBytes)
{
    qsizetype end = httpBytes.indexOf('\n');
    if (end < 0)
        end = std::min<qsizetype>(httpBytes.size(), 200);
    QByteArrayView line = httpBytes.first(end);
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromLatin1(line);
}

QString PayloadPreview::errorText(protocol::DecodeError error)
{
    return QCoreApplication::translate(protocol::decodeErrorContext, protocol::decodeErrorReason(error));
}

} // namespace wslab::inspector
