#include "capturejsonformatter.h"

#include "server/protocol/closepayload.h"
#include "server/protocol/decodeerror.h"
#include "server/protocol/opcode.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace wslab::capture {

using namespace protocol;

namespace {

QString typeOf(RecordKind kind)
{
    switch (kind) {
    case RecordKind::Frame: return QStringLiteral("frame");
    case RecordKind::HttpRequest: return QStringLiteral("http-request");
    case RecordKind::HttpResponse: return QStringLiteral("http-response");
    case RecordKind::ProtocolError: return QStringLiteral("error");
    case RecordKind::CaptureGap:
    case RecordKind::StreamGap: return QStringLiteral("gap");
    case RecordKind::ConnectionOpened: return QStringLiteral("open");
    case RecordKind::ConnectionClosed: return QStringLiteral("close");
    case RecordKind::FrameDelivered: return QStringLiteral("delivered");
    }
    return {};
}

int lengthFormBits(LengthForm form)
{
    switch (form) {
    case LengthForm::Short7: return 7;
    case LengthForm::Extended16: return 16;
    case LengthForm::Extended64: return 64;
    }
    return 7;
}

QString errorText(const CaptureRecord &record)
{
    if (record.decodeError)
        return QStringLiteral("%1: %2").arg(QLatin1String(decodeErrorName(*record.decodeError)),
                                            QLatin1String(decodeErrorReason(*record.decodeError)));
    if (record.streamError) {
        QString text = QStringLiteral("%1: %2").arg(QLatin1String(streamErrorName(*record.streamError)),
                                                    QLatin1String(streamErrorReason(*record.streamError)));
        if (!record.note.isEmpty())
            text += QStringLiteral(" (%1)").arg(record.note);
        return text;
    }
    return record.note;
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

QByteArray CaptureJsonFormatter::format(const CaptureRecord &record)
{
    if (record.kind == RecordKind::ConnectionOpened)
        m_ends.insert(record.connectionId, Ends{record.note, record.serverAddress});
    QJsonObject object;
    object.insert(QStringLiteral("time"), double(m_originNs + record.timeNs) / 1e9);
    object.insert(QStringLiteral("conn"), qint64(record.connectionId));
    const Ends ends = m_ends.value(record.connectionId);
    object.insert(QStringLiteral("client"), ends.client.isEmpty() ? QJsonValue() : QJsonValue(ends.client));
    object.insert(QStringLiteral("server"), ends.server.isEmpty() ? QJsonValue() : QJsonValue(ends.server));
    object.insert(QStringLiteral("dir"), record.direction == Direction::Inbound ? QStringLiteral("c2s")
                                                                               : QStringLiteral("s2c"));
    object.insert(QStringLiteral("type"), typeOf(record.kind));
    // A proxy changed what it forwarded (the record holds the forwarded bytes): say what.
    if (record.modified) {
        object.insert(QStringLiteral("modified"), true);
        object.insert(QStringLiteral("note"), record.note);
    }
    // An intercepted frame: what the proxy did, and the sender's bytes beside the forwarded ones.
    if (record.intervention)
        object.insert(QStringLiteral("intervention"), record.intervention->toJson());
    switch (record.kind) {
    case RecordKind::Frame:
        addFrameKeys(record, object);
        break;
    case RecordKind::HttpResponse:
        object.insert(QStringLiteral("status"), record.httpStatus);
        Q_FALLTHROUGH();
    case RecordKind::HttpRequest:
        object.insert(QStringLiteral("head"), QString::fromLatin1(record.wireBytes.left(record.wireBytes.indexOf("\r\n\r\n") + 4)));
        break;
    case RecordKind::ProtocolError:
        object.insert(QStringLiteral("error"), errorText(record));
        break;
    case RecordKind::StreamGap:
        object.insert(QStringLiteral("missedBytes"), qint64(record.missed));
        break;
    case RecordKind::CaptureGap:
        object.insert(QStringLiteral("missedRecords"), qint64(record.missed));
        break;
    case RecordKind::ConnectionClosed:
        if (record.closeCode != 0)
            object.insert(QStringLiteral("closeCode"), record.closeCode);
        m_messages.remove(record.connectionId * 2);
        m_messages.remove(record.connectionId * 2 + 1);
        m_ends.remove(record.connectionId);
        break;
    case RecordKind::FrameDelivered:
        object.insert(QStringLiteral("related"), qint64(record.relatedId));
        break;
    case RecordKind::ConnectionOpened:
        if (record.tls)
            object.insert(QStringLiteral("tls"), record.tls->toJson());
        break;
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void CaptureJsonFormatter::addFrameKeys(const CaptureRecord &record, QJsonObject &object)
{
    if (!record.frame)
        return;
    const FrameHeader &header = record.frame->header;
    object.insert(QStringLiteral("fin"), header.fin);
    object.insert(QStringLiteral("rsv"), int(header.rsv1) << 2 | int(header.rsv2) << 1 | int(header.rsv3));
    object.insert(QStringLiteral("opcode"), int(header.opcode));
    object.insert(QStringLiteral("mask"), header.masked);
    object.insert(QStringLiteral("maskKey"),
                  header.masked ? QJsonValue(QString::fromLatin1(
                                          QByteArray(reinterpret_cast<const char *>(header.maskKey.data()), 4).toHex()))
                                : QJsonValue());
    object.insert(QStringLiteral("length"), qint64(header.payloadLength));
    object.insert(QStringLiteral("lengthForm"), lengthFormBits(header.lengthForm));
    object.insert(QStringLiteral("payload"), base64(record.frame->payload));
    if (header.opcode == Opcode::Close) {
        const auto close = parseClosePayload(record.frame->payload);
        if (const auto *payload = std::get_if<ClosePayload>(&close)) {
            object.insert(QStringLiteral("closeCode"), payload->code ? QJsonValue(*payload->code) : QJsonValue());
            object.insert(QStringLiteral("closeReason"), payload->reason);
        }
    }
    if (isData(header.opcode) || header.opcode == Opcode::Continuation)
        addMessageKeys(record, object);
}

// RFC 6455 §5.4: a message is its first frame's payload and every continuation's, up to FIN.
void CaptureJsonFormatter::addMessageKeys(const CaptureRecord &record, QJsonObject &object)
{
    const FrameHeader &header = record.frame->header;
    const quint64 key = record.connectionId * 2 + (record.direction == Direction::Inbound ? 0 : 1);
    if (header.opcode != Opcode::Continuation)
        m_messages.insert(key, MessageInProgress{header.opcode == Opcode::Text, header.rsv1, {}, std::nullopt});
    const auto it = m_messages.find(key);
    if (it == m_messages.end())
        return; // a continuation without a start: the error record says so
    it->payload.append(record.frame->payload);
    if (record.inflatedPayload)
        it->inflated = record.inflatedPayload;
    if (!header.fin)
        return;
    // A compressed message that could not be inflated has no message to show: its error record says why.
    if (!it->compressed || it->inflated)
        object.insert(QStringLiteral("message"), base64(it->compressed ? *it->inflated : it->payload));
    object.insert(QStringLiteral("messageType"), it->text ? QStringLiteral("text") : QStringLiteral("binary"));
    m_messages.erase(it);
}

} // namespace wslab::capture
