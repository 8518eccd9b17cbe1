#include "server/protocol/httpresponse.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace wslab::protocol;

namespace {

// The parts of a response, split the way a client reads it (RFC 9112 §2.1).
struct ParsedResponse
{
    int status = 0;
    QByteArray reason;
    QList<HttpHeader> headers;
    QByteArray body;

    [[nodiscard]] QByteArrayList values(QByteArrayView name) const
    {
        QByteArrayList result;
        for (const HttpHeader &header : headers) {
            if (header.name.compare(name, Qt::CaseInsensitive) == 0)
                result.append(header.value);
        }
        return result;
    }
};

ParsedResponse parseResponse(const QByteArray &bytes)
{
    ParsedResponse response;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return response;
    QByteArrayList lines = bytes.first(end).split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    // "HTTP/1.1 " status SP reason
    const QByteArray &statusLine = lines.constFirst();
    response.status = statusLine.mid(9, 3).toInt();
    response.reason = statusLine.mid(13);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        response.headers.append({lines[i].first(colon), lines[i].sliced(colon + 1).trimmed()});
    }
    response.body = bytes.sliced(end + 4);
    return response;
}

} // namespace

class tst_HttpResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactBytes_data();
    void exactBytes();
    void everyHandshakeRejectionIsComplete_data();
    void everyHandshakeRejectionIsComplete();
    void everyParseRejectionIsComplete_data();
    void everyParseRejectionIsComplete();
    void reasonPhrases_data();
    void reasonPhrases();
    void httpDateIsImfFixdate_data();
    void httpDateIsImfFixdate();
};

void tst_HttpResponse::exactBytes_data()
{
    QTest::addColumn<QByteArray>("actual");
    QTest::addColumn<QByteArray>("expected");

    // RFC 6455 §1.3: the server's answer to the sample handshake.
    QTest::addRow("101 rfc 1.3") << buildSwitchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                                 << QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                                               "Upgrade: websocket\r\n"
                                               "Connection: Upgrade\r\n"
                                               "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                                               "\r\n");
    QTest::addRow("101 with subprotocol and extension")
            << buildSwitchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                                       {{"Sec-WebSocket-Protocol", "chat"},
                                        {"Sec-WebSocket-Extensions", "permessage-deflate"}})
            << QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                          "Upgrade: websocket\r\n"
                          "Connection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                          "Sec-WebSocket-Protocol: chat\r\n"
                          "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                          "\r\n");
    QTest::addRow("400 invalid key") << buildRejection(HandshakeError::InvalidKey)
                                     << QByteArray("HTTP/1.1 400 Bad Request\r\n"
                                                   "Content-Type: text/plain; charset=utf-8\r\n"
                                                   "Content-Length: 81\r\n"
                                                   "Connection: close\r\n"
                                                   "\r\n"
                                                   "400 Bad Request: Sec-WebSocket-Key must be base64 of 16 bytes "
                                                   "(RFC 6455 \xc2\xa7" "4.2.1)\n");
    QTest::addRow("405 method") << buildRejection(HandshakeError::MethodNotGet)
                                << QByteArray("HTTP/1.1 405 Method Not Allowed\r\n"
                                              "Allow: GET\r\n"
                                              "Content-Type: text/plain; charset=utf-8\r\n"
                                              "Content-Length: 87\r\n"
                                              "Connection: close\r\n"
                                              "\r\n"
                                              "405 Method Not Allowed: The opening handshake must be a GET request "
                                              "(RFC 6455 \xc2\xa7" "4.2.1)\n");
    QTest::addRow("426 version") << buildRejection(HandshakeError::UnsupportedVersion)
                                 << QByteArray("HTTP/1.1 426 Upgrade Required\r\n"
                                               "Upgrade: websocket\r\n"
                                               "Connection: Upgrade, close\r\n"
                                               "Sec-WebSocket-Version: 13\r\n"
                                               "Content-Type: text/plain; charset=utf-8\r\n"
                                               "Content-Length: 74\r\n"
                                               "\r\n"
                                               "426 Upgrade Required: Sec-WebSocket-Version must be 13 "
                                               "(RFC 6455 \xc2\xa7" "4.2.2)\n");
    QTest::addRow("403 origin") << buildRejection(HandshakeError::OriginNotAllowed)
                                << QByteArray("HTTP/1.1 403 Forbidden\r\n"
                                              "Content-Type: text/plain; charset=utf-8\r\n"
                                              "Content-Length: 77\r\n"
                                              "Connection: close\r\n"
                                              "\r\n"
                                              "403 Forbidden: Origin not allowed to open a WebSocket here "
                                              "(RFC 6455 \xc2\xa7" "10.2)\n");
    QTest::addRow("431 head too large") << buildRejection(HttpParseError::HeadTooLarge)
                                        << QByteArray("HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                                      "Content-Type: text/plain; charset=utf-8\r\n"
                                                      "Content-Length: 98\r\n"
                                                      "Connection: close\r\n"
                                                      "\r\n"
                                                      "431 Request Header Fields Too Large: Request head larger than "
                                                      "the configured limit (RFC 6585 \xc2\xa7" "5)\n");
    QTest::addRow("200 keep-alive") << buildResponse(200, {{"Content-Type", "text/html"}}, "<p>hi</p>", true)
                                    << QByteArray("HTTP/1.1 200 OK\r\n"
                                                  "Content-Type: text/html\r\n"
                                                  "Content-Length: 9\r\n"
                                                  "\r\n"
                                                  "<p>hi</p>");
    QTest::addRow("404 close, empty body") << buildResponse(404, {}, {}, false)
                                           << QByteArray("HTTP/1.1 404 Not Found\r\n"
                                                         "Content-Length: 0\r\n"
                                                         "Connection: close\r\n"
                                                         "\r\n");
    // RFC 9110 §8.6, §6.4.1: no Content-Length and no content in 204 and 304.
    QTest::addRow("204 drops body") << buildResponse(204, {}, "ignored", true)
                                    << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
    QTest::addRow("304 drops body") << buildResponse(304, {{"ETag", "\"v1\""}}, "ignored", true)
                                    << QByteArray("HTTP/1.1 304 Not Modified\r\n"
                                                  "ETag: \"v1\"\r\n"
                                                  "\r\n");
    // A HEAD response states the length of the body it does not send.
    QTest::addRow("given content-length kept") << buildResponse(200, {{"content-length", "1234"}}, {}, true)
                                               << QByteArray("HTTP/1.1 200 OK\r\n"
                                                             "content-length: 1234\r\n"
                                                             "\r\n");
    QTest::addRow("unknown status") << buildResponse(299, {}, {}, true)
                                    << QByteArray("HTTP/1.1 299 \r\n"
                                                  "Content-Length: 0\r\n"
                                                  "\r\n");
}

void tst_HttpResponse::exactBytes()
{
    QFETCH(QByteArray, actual);
    QFETCH(QByteArray, expected);

    QCOMPARE(actual, expected);
}

void tst_HttpResponse::everyHandshakeRejectionIsComplete_data()
{
    QTest::addColumn<HandshakeError>("error");

    for (int i = 0; i <= int(HandshakeError::OriginNotAllowed); ++i)
        QTest::addRow("%s", handshakeErrorName(HandshakeError(i))) << HandshakeError(i);
}

void tst_HttpResponse::everyHandshakeRejectionIsComplete()
{
    QFETCH(HandshakeError, error);

    const ParsedResponse response = parseResponse(buildRejection(error));
    const int status = httpStatusFor(error);
    QCOMPARE(response.status, status);
    QCOMPARE(response.reason, QByteArray(reasonPhrase(status)));
    QCOMPARE(response.values("Content-Length"), QByteArrayList{QByteArray::number(response.body.size())});
    QCOMPARE(response.values("Content-Type"), QByteArrayList{"text/plain; charset=utf-8"});
    QVERIFY(response.body.startsWith(QByteArray::number(status) + ' ' + reasonPhrase(status) + ": "));
    QVERIFY(response.body.contains(handshakeErrorReason(error)));
    QVERIFY(response.body.contains(handshakeErrorReference(error)));
    QVERIFY(response.body.endsWith('\n'));

    // The connection always ends after a rejection.
    const QByteArray connection = response.values("Connection").join(", ").toLower();
    QVERIFY2(connection.split(',').contains("close") || connection.split(',').contains(" close"),
             connection.constData());

    // RFC 9110 §15.5.22, RFC 6455 §4.2.2: a 426 names the protocol and the version to use.
    const bool upgradeRequired = status == 426;
    QCOMPARE(response.values("Upgrade"), upgradeRequired ? QByteArrayList{"websocket"} : QByteArrayList{});
    QCOMPARE(response.values("Sec-WebSocket-Version"), upgradeRequired ? QByteArrayList{"13"} : QByteArrayList{});
    QCOMPARE(connection.startsWith("upgrade"), upgradeRequired);
    // RFC 9110 §15.5.6: a 405 lists the allowed methods.
    QCOMPARE(response.values("Allow"), status == 405 ? QByteArrayList{"GET"} : QByteArrayList{});
}

void tst_HttpResponse::everyParseRejectionIsComplete_data()
{
    QTest::addColumn<HttpParseError>("error");

    for (int i = 0; i <= int(HttpParseError::HeadTooLarge); ++i)
        QTest::addRow("%s", httpParseErrorName(HttpParseError(i))) << HttpParseError(i);
}

void tst_HttpResponse::everyParseRejectionIsComplete()
{
    QFETCH(HttpParseError, error);

    const ParsedResponse response = parseResponse(buildRejection(error));
    const int status = httpStatusFor(error);
    QCOMPARE(response.status, status);
    QCOMPARE(response.reason, QByteArray(reasonPhrase(status)));
    QVERIFY(!response.reason.isEmpty());
    QCOMPARE(response.values("Content-Length"), QByteArrayList{QByteArray::number(response.body.size())});
    QCOMPARE(response.values("Connection"), QByteArrayList{"close"});
    QVERIFY(response.body.contains(httpParseErrorReason(error)));
    QVERIFY(response.body.contains(httpParseErrorReference(error)));
}

void tst_HttpResponse::reasonPhrases_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("phrase");

    // RFC 9110 §15, RFC 6585 §5.
    const QList<std::pair<int, QByteArray>> table{
        {101, "Switching Protocols"}, {200, "OK"}, {204, "No Content"}, {301, "Moved Permanently"},
        {304, "Not Modified"}, {400, "Bad Request"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {408, "Request Timeout"}, {411, "Length Required"},
        {413, "Content Too Large"}, {426, "Upgrade Required"}, {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"}, {501, "Not Implemented"}, {503, "Service Unavailable"},
        {505, "HTTP Version Not Supported"}, {299, ""}, {0, ""},
    };
    for (const auto &[status, phrase] : table)
        QTest::addRow("%d", status) << status << phrase;
}

void tst_HttpResponse::reasonPhrases()
{
    QFETCH(int, status);
    QFETCH(QByteArray, phrase);

    QCOMPARE(QByteArray(reasonPhrase(status)), phrase);
}

void tst_HttpResponse::httpDateIsImfFixdate_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("expected");

    // RFC 9110 §5.6.7's example.
    QTest::addRow("rfc example, utc") << QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc())
                                      << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
    QTest::addRow("rfc example, +02:00") << QDateTime(QDate(1994, 11, 6), QTime(10, 49, 37), QTimeZone(2 * 3600))
                                         << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
    QTest::addRow("day before in utc") << QDateTime(QDate(2026, 1, 1), QTime(0, 30, 0), QTimeZone(3600))
                                       << QByteArray("Wed, 31 Dec 2025 23:30:00 GMT");
}

void tst_HttpResponse::httpDateIsImfFixdate()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, expected);

    // Day and month names are protocol tokens, whatever the user's language.
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QByteArray actual = httpDate(time);
    QLocale::setDefault(previous);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(tst_HttpResponse)
#include "tst_httpresponse.moc"
