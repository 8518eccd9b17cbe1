#include "harreader.h"

#include "socketaddress.h"

#include "server/protocol/frameencoder.h"
#include "server/protocol/frameheader.h"
#include "server/protocol/opcode.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>

namespace wslab::capture {

using namespace protocol;

namespace {

// Nanoseconds since the epoch fit a qint64 for about 292 years either side of 1970; a time outside
// that (only a damaged or made-up file has one) is unknown, 0, like a missing one.
constexpr qint64 maxEpochSeconds = std::numeric_limits<qint64>::max() / 1'000'000'000 - 1;

// Chrome writes microseconds; a double holds them exactly only apart from the whole seconds.
qint64 epochNs(double seconds)
{
    if (!(std::abs(seconds) <= double(maxEpochSeconds))) // NaN too
        return 0;
    const double whole = std::floor(seconds);
    return qint64(whole) * 1'000'000'000 + std::llround((seconds - whole) * 1e6) * 1000;
}

qint64 isoTimeNs(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || std::abs(time.toMSecsSinceEpoch() / 1000) > maxEpochSeconds)
        return 0;
    return time.toMSecsSinceEpoch() * 1'000'000;
}

// HTTP/2 and HTTP/3 pseudo-header fields (":authority") are not HTTP/1.1 field lines.
QByteArray headLines(const QJsonArray &headers)
{
    QByteArray lines;
    for (const QJsonValue &header : headers) {
        const QString name = header[QLatin1String("name")].toString();
        if (name.isEmpty() || name.startsWith(u':'))
            continue;
        lines += name.toUtf8() + ": " + header[QLatin1String("value")].toString().toUtf8() + "\r\n";
    }
    return lines + "\r\n";
}

QByteArray requestHead(const QJsonObject &request)
{
    const QUrl url(request[QLatin1String("url")].toString());
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return request[QLatin1String("method")].toString(QStringLiteral("GET")).toUtf8() + ' ' + target
            + " HTTP/1.1\r\n" + headLines(request[QLatin1String("headers")].toArray());
}

QByteArray responseHead(const QJsonObject &response)
{
    const int status = response[QLatin1String("status")].toInt();
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + response[QLatin1String("statusText")].toString().toUtf8()
            + "\r\n" + headLines(response[QLatin1String("headers")].toArray());
}

SocketAddress serverEnd(const QJsonObject &entry)
{
    const QUrl url(entry[QLatin1String("request")][QLatin1String("url")].toString());
    const bool secure = url.scheme() == QLatin1String("wss") || url.scheme() == QLatin1String("https");
    const int port = url.port(secure ? 443 : 80);
    QString address = entry[QLatin1String("serverIPAddress")].toString();
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    const QString text = address.contains(u':') ? QStringLiteral("[%1]:%2").arg(address).arg(port)
                                                 : QStringLiteral("%1:%2").arg(address).arg(port);
    return SocketAddress::fromString(text);
}

class EntryReader
{
public:
    EntryReader(const HarReader::RecordHandler &handler, HarReader::Result &result)
        : m_handler(handler), m_result(result)
    {
    }

    void read(const QJsonObject &entry, quint64 connectionId)
    {
        m_connectionId = connectionId;
        const QJsonObject request = entry[QLatin1String("request")].toObject();
        const QJsonObject response = entry[QLatin1String("response")].toObject();
        const bool webSocket = entry[QLatin1String("_resourceType")].toString() == QLatin1String("websocket");
        const qint64 startNs = isoTimeNs(entry[QLatin1String("startedDateTime")].toString());
        const Transport transport = webSocket ? Transport::WebSocket : Transport::Http;

        CaptureRecord opened = make(RecordKind::ConnectionOpened, Direction::Inbound, transport, startNs);
        const SocketAddress server = serverEnd(entry);
        opened.serverAddress = server.isValid() ? server.toString() : QString();
        opened.note = QCoreApplication::translate("wslab::capture::HarReader", "browser (HAR: no client address)");
        deliver(std::move(opened));

        CaptureRecord head = make(RecordKind::HttpRequest, Direction::Inbound, transport, startNs);
        head.wireBytes = requestHead(request);
        deliver(std::move(head));
        CaptureRecord answer = make(RecordKind::HttpResponse, Direction::Outbound, transport, startNs);
        answer.wireBytes = responseHead(response);
        answer.httpStatus = response[QLatin1String("status")].toInt();
        deliver(std::move(answer));

        for (const QJsonValue &message : entry[QLatin1String("_webSocketMessages")].toArray())
            readMessage(message.toObject());
    }

private:
    void readMessage(const QJsonObject &message)
    {
        const bool sent = message[QLatin1String("type")].toString() == QLatin1String("send");
        const int opcode = message[QLatin1String("opcode")].toInt(1);
        const QString data = message[QLatin1String("data")].toString();
        DecodedFrame frame;
        frame.header.fin = true;
        frame.header.opcode = Opcode(quint8(opcode) & 0xF);
        frame.header.masked = sent; // RFC 6455 §5.1: a browser masks; the key is not in the file
        frame.payload = opcode == 1 ? data.toUtf8() : QByteArray::fromBase64(data.toLatin1());
        frame.header.payloadLength = quint64(frame.payload.size());
        frame.header.lengthForm = minimalLengthForm(frame.header.payloadLength);
        const QByteArray header = FrameEncoder::writeHeader(frame.header);
        std::copy(header.begin(), header.end(), frame.headerBytes.begin());
        CaptureRecord record = make(RecordKind::Frame, sent ? Direction::Inbound : Direction::Outbound,
                                    Transport::WebSocket, epochNs(message[QLatin1String("time")].toDouble()));
        record.frame = std::move(frame);
        record.reconstructed = true;
        deliver(std::move(record));
    }

    CaptureRecord make(RecordKind kind, Direction direction, Transport transport, qint64 timeNs) const
    {
        CaptureRecord record;
        record.kind = kind;
        record.direction = direction;
        record.transport = transport;
        record.timeNs = timeNs;
        record.connectionId = m_connectionId;
        return record;
    }

    void deliver(CaptureRecord &&record) { m_records.append(std::move(record)); }

    const HarReader::RecordHandler &m_handler;
    HarReader::Result &m_result;

public:
    // Entries overlap in time: their records go out in time order, numbered in that order.
    void flush()
    {
        std::stable_sort(m_records.begin(), m_records.end(),
                         [](const CaptureRecord &a, const CaptureRecord &b) { return a.timeNs < b.timeNs; });
        for (CaptureRecord &record : m_records) {
            record.id = ++m_result.records;
            m_handler(std::move(record));
        }
        m_records.clear();
    }

private:
    CaptureBatch m_records;
    quint64 m_connectionId = 0;
};

} // namespace

const char *harErrorName(HarError error) noexcept
{
    switch (error) {
    case HarError::NotJson: return "NotJson";
    case HarError::NotHar: return "NotHar";
    case HarError::BadEntry: return "BadEntry";
    }
    return "?";
}

const char *harErrorReason(HarError error) noexcept
{
    switch (error) {
    case HarError::NotJson:
        return QT_TRANSLATE_NOOP("wslab::capture::HarError", "Not JSON (RFC 8259)");
    case HarError::NotHar:
        return QT_TRANSLATE_NOOP("wslab::capture::HarError", "JSON without log.entries: not a HAR file");
    case HarError::BadEntry:
        return QT_TRANSLATE_NOOP("wslab::capture::HarError", "A HAR entry without a request and a response");
    }
    return "?";
}

bool HarReader::looksLikeHar(QByteArrayView firstBytes)
{
    if (firstBytes.startsWith("\xEF\xBB\xBF"))
        firstBytes = firstBytes.sliced(3);
    for (const char c : firstBytes) {
        if (c == '{')
            return true;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return false;
}

HarReader::Result HarReader::read(const QByteArray &json, const RecordHandler &handler)
{
    Result result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = HarError::NotJson;
        // Qt puts the offset one past the end for text cut inside a string: keep it in the file.
        result.errorOffset = qMin<qint64>(parseError.offset, json.size());
        result.detail = parseError.errorString();
        return result;
    }
    const QJsonValue entries = document[QLatin1String("log")][QLatin1String("entries")];
    if (!entries.isArray()) {
        result.error = HarError::NotHar;
        return result;
    }
    EntryReader reader(handler, result);
    quint64 connectionId = 0;
    for (const QJsonValue &entry : entries.toArray()) {
        ++connectionId;
        if (!entry[QLatin1String("request")].isObject() || !entry[QLatin1String("response")].isObject()) {
            result.error = HarError::BadEntry;
            result.detail = QStringLiteral("entry %1").arg(connectionId);
            return result;
        }
        reader.read(entry.toObject(), connectionId);
    }
    reader.flush();
    return result;
}

} // namespace wslab::capture
