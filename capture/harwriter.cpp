#include "harwriter.h"

#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"
#include "server/protocol/opcode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QJsonDocument>

namespace wslab::capture {

using namespace protocol;

namespace {

QJsonArray headersOf(const QList<HttpHeader> &headers)
{
    QJsonArray array;
    for (const HttpHeader &header : headers)
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(header.name)},
                                 {QStringLiteral("value"), QString::fromLatin1(header.value)}});
    return array;
}

QString isoTime(qint64 epochNs)
{
    return QDateTime::fromMSecsSinceEpoch(epochNs / 1000000, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

void HarWriter::add(const CaptureRecord &record)
{
    switch (record.kind) {
    case RecordKind::ConnectionOpened:
        m_servers.insert(record.connectionId, record.serverAddress);
        return;
    case RecordKind::HttpRequest: {
        const HttpParseResult parsed = HttpRequestParser::parse(record.wireBytes, record.wireBytes.size());
        if (parsed.status != HttpParseStatus::Complete || m_entries.contains(record.connectionId))
            return; // keep-alive connections: the first exchange stands for the connection
        Entry entry;
        entry.startedNs = m_originNs + record.timeNs;
        entry.webSocket = record.transport == Transport::WebSocket;
        const QString server = m_servers.value(record.connectionId);
        const QString scheme = entry.webSocket ? QStringLiteral("ws") : QStringLiteral("http");
        const QString host = QString::fromLatin1(parsed.head.value("Host"));
        entry.request = QJsonObject{{QStringLiteral("method"), QString::fromLatin1(parsed.head.method)},
                         {QStringLiteral("url"), QStringLiteral("%1://%2%3").arg(scheme, host.isEmpty() ? server : host,
                                                                                 QString::fromLatin1(parsed.head.target))},
                         {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                         {QStringLiteral("headers"), headersOf(parsed.head.headers)},
                         {QStringLiteral("queryString"), QJsonArray()},
                         {QStringLiteral("cookies"), QJsonArray()},
                         {QStringLiteral("headersSize"), qint64(parsed.head.size)},
                         {QStringLiteral("bodySize"), qint64(record.wireBytes.size() - parsed.head.size)}};
        entry.serverAddress = server;
        m_entries.insert(record.connectionId, entry);
        m_order.append(record.connectionId);
        return;
    }
    case RecordKind::HttpResponse: {
        const auto it = m_entries.find(record.connectionId);
        if (it == m_entries.end() || !it->response.isEmpty())
            return;
        const HttpResponseParseResult parsed = HttpResponseParser::parse(record.wireBytes, record.wireBytes.size());
        it->response = QJsonObject{{QStringLiteral("status"), parsed.head.status},
                        {QStringLiteral("statusText"), QString::fromLatin1(parsed.head.reasonPhrase)},
                        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                        {QStringLiteral("headers"), headersOf(parsed.head.headers)},
                        {QStringLiteral("cookies"), QJsonArray()},
                        {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0},
                                                                {QStringLiteral("mimeType"), QStringLiteral("x-unknown")}}},
                        {QStringLiteral("redirectURL"), QString()},
                        {QStringLiteral("headersSize"), qint64(parsed.head.size)},
                        {QStringLiteral("bodySize"), qint64(record.wireBytes.size() - parsed.head.size)}};
        return;
    }
    case RecordKind::Frame: {
        const auto it = m_entries.find(record.connectionId);
        if (it != m_entries.end() && record.frame)
            addFrame(*it, record);
        return;
    }
    default:
        return;
    }
}

// RFC 6455 §5.4: fragments are one message; control frames are messages of their own in HAR.
void HarWriter::addFrame(Entry &entry, const CaptureRecord &record)
{
    const FrameHeader &header = record.frame->header;
    const bool sent = record.direction == Direction::Inbound;
    const int side = sent ? 0 : 1;
    if (isControl(header.opcode)) {
        addMessage(entry, sent, int(header.opcode), record.frame->payload, record.timeNs);
        return;
    }
    if (header.opcode != Opcode::Continuation) {
        entry.fragments[side].clear();
        entry.fragmentOpcode[side] = int(header.opcode);
        entry.inflated[side].reset();
    }
    entry.fragments[side] += record.frame->payload;
    if (record.inflatedPayload)
        entry.inflated[side] = record.inflatedPayload;
    if (header.fin)
        addMessage(entry, sent, entry.fragmentOpcode[side], entry.inflated[side].value_or(entry.fragments[side]),
                   record.timeNs);
}

void HarWriter::addMessage(Entry &entry, bool sent, int opcode, const QByteArray &data, qint64 timeNs)
{
    entry.messages.append(QJsonObject{
            {QStringLiteral("type"), sent ? QStringLiteral("send") : QStringLiteral("receive")},
            {QStringLiteral("time"), double(m_originNs + timeNs) / 1e9},
            {QStringLiteral("opcode"), opcode},
            {QStringLiteral("data"), opcode == int(Opcode::Text) ? QString::fromUtf8(data)
                                                                 : QString::fromLatin1(data.toBase64())}});
}

QByteArray HarWriter::toJson() const
{
    QJsonArray entries;
    for (const quint64 connection : m_order) {
        const Entry &entry = m_entries[connection];
        QJsonObject object{{QStringLiteral("startedDateTime"), isoTime(entry.startedNs)},
                           {QStringLiteral("time"), 0},
                           {QStringLiteral("request"), entry.request},
                           {QStringLiteral("response"), entry.response},
                           {QStringLiteral("cache"), QJsonObject()},
                           {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0},
                                                                   {QStringLiteral("wait"), 0},
                                                                   {QStringLiteral("receive"), 0}}},
                           {QStringLiteral("connection"), QString::number(connection)}};
        const qsizetype colon = entry.serverAddress.lastIndexOf(u':');
        if (colon > 0)
            object.insert(QStringLiteral("serverIPAddress"),
                          entry.serverAddress.left(colon).remove(u'[').remove(u']'));
        if (entry.webSocket) {
            object.insert(QStringLiteral("_resourceType"), QStringLiteral("websocket"));
            object.insert(QStringLiteral("_webSocketMessages"), entry.messages);
        }
        entries.append(object);
    }
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("WebSocket Lab")},
                                                                  {QStringLiteral("version"),
                                                                   QCoreApplication::applicationVersion()}}},
                          {QStringLiteral("pages"), QJsonArray()},
                          {QStringLiteral("entries"), entries}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Indented);
}

} // namespace wslab::capture
