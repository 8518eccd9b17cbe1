#include "server/protocol/acceptderivation.h"
#include "server/protocol/handshake.h"
#include "server/protocol/httpresponse.h"
#include "server/protocol/httpresponseparser.h"

#include <QTest>

using namespace wslab::protocol;
using Status = HttpResponseParseResult::Status;

Q_DECLARE_METATYPE(wslab::protocol::HttpParseError)

namespace {

// "name: value" per header line, so QCOMPARE can print a mismatch.
QByteArrayList flatten(const QList<HttpHeader> &headers)
{
    QByteArrayList lines;
    for (const HttpHeader &header : headers)
        lines.append(header.name + ": " + header.value);
    return lines;
}

// A 101 head whose total size is exactly `size` bytes (size >= 60), padded with an X-Pad field.
QByteArray responseOfSize(qsizetype size, QByteArrayView lineEnd = "\r\n")
{
    const QByteArray start = "HTTP/1.1 101 Switching Protocols" + lineEnd.toByteArray() + "X-Pad: ";
    const QByteArray end = lineEnd.toByteArray() + lineEnd.toByteArray();
    return start + QByteArray(size - start.size() - end.size(), 'a') + end;
}

constexpr qsizetype bigLimit = 16 * 1024;

// RFC 6455 §1.3: the server's handshake for the key "dGhlIHNhbXBsZSBub25jZQ==".
constexpr char rfcResponse[] = "HTTP/1.1 101 Switching Protocols\r\n"
                               "Upgrade: websocket\r\n"
                               "Connection: Upgrade\r\n"
                               "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                               "Sec-WebSocket-Protocol: chat\r\n"
                               "\r\n";

} // namespace

class tst_HttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidHeads_data();
    void parsesValidHeads();
    void readsTheRejectionsTheServerBuilds_data();
    void readsTheRejectionsTheServerBuilds();
    void rejectsEveryRule_data();
    void rejectsEveryRule();
    void validHeadIsIncompleteUntilItsLastByte_data();
    void validHeadIsIncompleteUntilItsLastByte();
    void invalidHeadFailsTheSameWayAtEveryPrefix_data();
    void invalidHeadFailsTheSameWayAtEveryPrefix();
    void sizeLimit_data();
    void sizeLimit();
    void firstFrameAfterTheHeadIsNotPartOfIt();
    void headersKeepOrderRepeatsAndCase();
};

void tst_HttpResponseParser::parsesValidHeads_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArrayList>("headers");

    const QByteArray accept = deriveAccept("dGhlIHNhbXBsZSBub25jZQ==").accept;
    QTest::addRow("rfc 6455 §1.3") << QByteArray(rfcResponse) << 1 << 101 << QByteArray("Switching Protocols")
                                   << QByteArrayList{"Upgrade: websocket", "Connection: Upgrade",
                                                     "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                                                     "Sec-WebSocket-Protocol: chat"};
    QTest::addRow("buildSwitchingProtocols") << buildSwitchingProtocols(accept, {{"Sec-WebSocket-Protocol", "chat"}})
                                             << 1 << 101 << QByteArray("Switching Protocols")
                                             << QByteArrayList{"Upgrade: websocket", "Connection: Upgrade",
                                                               "Sec-WebSocket-Accept: " + accept,
                                                               "Sec-WebSocket-Protocol: chat"};
    // What a reverse proxy in front of an application server typically answers.
    QTest::addRow("proxy with deflate") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                                                      "Server: nginx/1.22.1\r\n"
                                                      "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                                                      "Connection: upgrade\r\n"
                                                      "Upgrade: websocket\r\n"
                                                      "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                                                      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15\r\n"
                                                      "\r\n")
                                        << 1 << 101 << QByteArray("Switching Protocols")
                                        << QByteArrayList{"Server: nginx/1.22.1", "Date: Sun, 06 Nov 1994 08:49:37 GMT",
                                                          "Connection: upgrade", "Upgrade: websocket",
                                                          "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                                                          "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15"};
    // RFC 9112 §2.2: a recipient may accept a bare LF as a line terminator.
    QTest::addRow("bare lf") << QByteArray("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\n\n") << 1 << 101
                             << QByteArray("Switching Protocols") << QByteArrayList{"Upgrade: websocket"};
    // RFC 9112 §4: the reason phrase may be empty, the space before it may not be left out.
    QTest::addRow("empty reason") << QByteArray("HTTP/1.1 101 \r\n\r\n") << 1 << 101 << QByteArray() << QByteArrayList{};
    QTest::addRow("reason with spaces and tab") << QByteArray("HTTP/1.1 404 Not  Found\there\r\n\r\n") << 1 << 404
                                                << QByteArray("Not  Found\there") << QByteArrayList{};
    QTest::addRow("reason with a trailing space") << QByteArray("HTTP/1.1 200 OK \r\n\r\n") << 1 << 200
                                                  << QByteArray("OK ") << QByteArrayList{};
    QTest::addRow("obs-text reason") << QByteArray("HTTP/1.1 200 \xc3\x9c" "bersicht\r\n\r\n") << 1 << 200
                                     << QByteArray("\xc3\x9c" "bersicht") << QByteArrayList{};
    QTest::addRow("http/1.0") << QByteArray("HTTP/1.0 200 OK\r\n\r\n") << 0 << 200 << QByteArray("OK") << QByteArrayList{};
    QTest::addRow("lowest status") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << 1 << 100 << QByteArray("Continue")
                                   << QByteArrayList{};
    QTest::addRow("highest status") << QByteArray("HTTP/1.1 599 x\r\n\r\n") << 1 << 599 << QByteArray("x")
                                    << QByteArrayList{};
    // Body framing is the caller's business: neither is judged in a response head.
    QTest::addRow("chunked body") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") << 1 << 200
                                  << QByteArray("OK") << QByteArrayList{"Transfer-Encoding: chunked"};
    QTest::addRow("content-length not judged") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n") << 1
                                               << 200 << QByteArray("OK") << QByteArrayList{"Content-Length: 1, 2"};
}

void tst_HttpResponseParser::parsesValidHeads()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, minor);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArrayList, headers);

    const HttpResponseParseResult result = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.head.versionMajor, 1);
    QCOMPARE(result.head.versionMinor, minor);
    QCOMPARE(result.head.status, status);
    QCOMPARE(result.head.reasonPhrase, reason);
    QCOMPARE(flatten(result.head.headers), headers);
    QCOMPARE(result.head.size, raw.size());
    QCOMPARE(result.errorOffset, -1);
}

void tst_HttpResponseParser::readsTheRejectionsTheServerBuilds_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArrayList>("extraHeaders"); // the ones rejectionHeadersFor() adds

    for (int i = 0; i <= int(HandshakeError::OriginNotAllowed); ++i) {
        const auto error = HandshakeError(i);
        QTest::addRow("%s", handshakeErrorName(error))
                << buildRejection(error) << httpStatusFor(error) << flatten(rejectionHeadersFor(error));
    }
    for (int i = 0; i <= int(HttpParseError::HeadTooLarge); ++i) {
        const auto error = HttpParseError(i);
        QTest::addRow("%s", httpParseErrorName(error)) << buildRejection(error) << httpStatusFor(error)
                                                       << QByteArrayList{};
    }
}

// What the server writes, read back the way a client reads it.
void tst_HttpResponseParser::readsTheRejectionsTheServerBuilds()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    QFETCH(QByteArrayList, extraHeaders);

    const HttpResponseParseResult result = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Complete);
    const HttpResponseHead &head = result.head;
    QCOMPARE(head.versionMajor, 1);
    QCOMPARE(head.versionMinor, 1);
    QCOMPARE(head.status, status);
    QCOMPARE(head.reasonPhrase, QByteArray(reasonPhrase(status)));
    QCOMPARE(flatten(head.headers).first(extraHeaders.size()), extraHeaders);
    QCOMPARE(head.value("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    // The body is everything after the head, and Content-Length says how much that is.
    QCOMPARE(head.value("Content-Length"), QByteArray::number(raw.size() - head.size));
    QVERIFY(head.hasToken("Connection", "close"));
    QVERIFY(raw.sliced(head.size).startsWith(QByteArray::number(status) + ' ' + reasonPhrase(status) + ": "));
}

void tst_HttpResponseParser::rejectsEveryRule_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<HttpParseError>("error");
    QTest::addColumn<int>("offset"); // start of the offending line

    const QByteArray line = "HTTP/1.1 101 Switching Protocols\r\n";
    const int fields = int(line.size()); // offset of the first field line
    using E = HttpParseError;

    QTest::addRow("empty first line") << QByteArray("\r\nHTTP/1.1 101 x\r\n\r\n") << E::MalformedStatusLine << 0;
    QTest::addRow("version only") << QByteArray("HTTP/1.1\r\n\r\n") << E::MalformedStatusLine << 0;
    QTest::addRow("no space after status") << QByteArray("HTTP/1.1 101\r\n\r\n") << E::MalformedStatusLine << 0;
    QTest::addRow("two spaces before status") << QByteArray("HTTP/1.1  101 OK\r\n\r\n") << E::MalformedStatusLine << 0;

    QTest::addRow("lowercase http") << QByteArray("http/1.1 101 OK\r\n\r\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("two-digit minor") << QByteArray("HTTP/1.10 101 OK\r\n\r\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("major only 1") << QByteArray("HTTP/1 101 OK\r\n\r\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("leading space") << QByteArray(" HTTP/1.1 101 OK\r\n\r\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("tab separator") << QByteArray("HTTP/1.1\t101 OK\r\n\r\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("html page") << QByteArray("<!DOCTYPE html>\n<html></html>\n") << E::InvalidHttpVersion << 0;
    QTest::addRow("request line") << QByteArray("GET / HTTP/1.1\r\n\r\n") << E::InvalidHttpVersion << 0;

    QTest::addRow("http/2.0") << QByteArray("HTTP/2.0 101 OK\r\n\r\n") << E::UnsupportedHttpVersion << 0;
    QTest::addRow("http/2") << QByteArray("HTTP/2 200 OK\r\n\r\n") << E::UnsupportedHttpVersion << 0;
    QTest::addRow("http/0.9") << QByteArray("HTTP/0.9 200 OK\r\n\r\n") << E::UnsupportedHttpVersion << 0;

    QTest::addRow("two digits") << QByteArray("HTTP/1.1 10 x\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("four digits") << QByteArray("HTTP/1.1 1010 x\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("four digits, no reason") << QByteArray("HTTP/1.1 1010\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("letter o") << QByteArray("HTTP/1.1 1O1 x\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("below 100") << QByteArray("HTTP/1.1 099 x\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("above 599") << QByteArray("HTTP/1.1 600 x\r\n\r\n") << E::InvalidStatusCode << 0;
    QTest::addRow("sign") << QByteArray("HTTP/1.1 +01 x\r\n\r\n") << E::InvalidStatusCode << 0;

    QTest::addRow("control in reason") << QByteArray("HTTP/1.1 101 Switching\x01Protocols\r\n\r\n")
                                       << E::InvalidReasonPhrase << 0;
    QTest::addRow("nul in reason") << QByteArray("HTTP/1.1 101 a\0b\r\n\r\n", 20) << E::InvalidReasonPhrase << 0;
    QTest::addRow("del in reason") << QByteArray("HTTP/1.1 101 a\x7f\r\n\r\n") << E::InvalidReasonPhrase << 0;
    // RFC 9112 §2.2: a bare CR is not a line end.
    QTest::addRow("bare cr in reason") << QByteArray("HTTP/1.1 101 a\rb\r\n\r\n") << E::InvalidReasonPhrase << 0;

    QTest::addRow("space after status line") << line + " Upgrade: websocket\r\n\r\n" << E::WhitespaceAfterStartLine << fields;
    QTest::addRow("obs-fold space") << line + "Upgrade: websocket\r\nX-A: b\r\n c\r\n\r\n" << E::ObsoleteLineFolding
                                    << fields + 20 + 8;
    QTest::addRow("obs-fold tab") << line + "X-A: b\n\tc\n\n" << E::ObsoleteLineFolding << fields + 7;
    QTest::addRow("no colon") << line + "Upgrade websocket\r\n\r\n" << E::MalformedHeaderLine << fields;
    QTest::addRow("space before colon") << line + "Upgrade : websocket\r\n\r\n" << E::WhitespaceBeforeColon << fields;
    QTest::addRow("tab before colon") << line + "Upgrade\t: websocket\r\n\r\n" << E::WhitespaceBeforeColon << fields;
    QTest::addRow("empty name") << line + ": a\r\n\r\n" << E::InvalidHeaderName << fields;
    QTest::addRow("separator in name") << line + "Up(grade: a\r\n\r\n" << E::InvalidHeaderName << fields;
    QTest::addRow("utf-8 in name") << line + "X-\xc3\xa9: a\r\n\r\n" << E::InvalidHeaderName << fields;
    QTest::addRow("control in value") << line + "X-A: a\x01z\r\n\r\n" << E::InvalidHeaderValue << fields;
    QTest::addRow("nul in value") << line + QByteArray("X-A: a\0z\r\n\r\n", 12) << E::InvalidHeaderValue << fields;
    QTest::addRow("bare cr in value") << line + "X-A: a\rz\r\n\r\n" << E::InvalidHeaderValue << fields;
}

void tst_HttpResponseParser::rejectsEveryRule()
{
    QFETCH(QByteArray, raw);
    QFETCH(HttpParseError, error);
    QFETCH(int, offset);

    const HttpResponseParseResult result = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(httpParseErrorName(result.error), httpParseErrorName(error));
    QCOMPARE(result.errorOffset, qsizetype(offset));
}

void tst_HttpResponseParser::validHeadIsIncompleteUntilItsLastByte_data()
{
    QTest::addColumn<QByteArray>("raw");

    QTest::addRow("rfc 6455 §1.3") << QByteArray(rfcResponse);
    QTest::addRow("buildSwitchingProtocols") << buildSwitchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    QTest::addRow("bare lf") << QByteArray("HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n\n");
    QTest::addRow("empty reason") << QByteArray("HTTP/1.1 101 \r\nUpgrade: websocket\r\n\r\n");
    QTest::addRow("no fields") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
}

// The caller passes everything received so far, so a head split anywhere is a prefix of it.
void tst_HttpResponseParser::validHeadIsIncompleteUntilItsLastByte()
{
    QFETCH(QByteArray, raw);

    const HttpResponseParseResult whole = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(whole.status, Status::Complete);
    QCOMPARE(whole.head.size, raw.size());
    for (qsizetype split = 0; split < raw.size(); ++split) {
        const HttpResponseParseResult part = HttpResponseParser::parse(QByteArrayView(raw).first(split), bigLimit);
        if (part.status != Status::Incomplete)
            QFAIL(qPrintable(QStringLiteral("not Incomplete after %1 of %2 bytes").arg(split).arg(raw.size())));
    }
}

void tst_HttpResponseParser::invalidHeadFailsTheSameWayAtEveryPrefix_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<qsizetype>("failsFrom"); // the shortest prefix that fails

    // Whatever does not start with "HTTP/" fails at its first wrong byte.
    QTest::addRow("html fails at first byte") << QByteArray("<html>\r\n\r\n") << qsizetype(1);
    QTest::addRow("lowercase fails at first byte") << QByteArray("http/1.1 101 x\r\n\r\n") << qsizetype(1);
    QTest::addRow("https fails at the s") << QByteArray("HTTPS/1.1 101 x\r\n\r\n") << qsizetype(5);
    QTest::addRow("space for slash") << QByteArray("HTTP 101 x\r\n\r\n") << qsizetype(5);
    // "HTTP\r" might still be an empty line's end in waiting; only the LF decides.
    QTest::addRow("cr waits for lf") << QByteArray("HTTP\r\n\r\n") << qsizetype(6);
    QTest::addRow("bad minor at its line end") << QByteArray("HTTP/1.10 101 x\r\n\r\n") << qsizetype(17);
    QTest::addRow("bad status at its line end") << QByteArray("HTTP/1.1 1O1 x\r\n\r\n") << qsizetype(16);
    QTest::addRow("obs-fold at its line end") << QByteArray("HTTP/1.1 101 x\r\nA: b\r\n c\r\n\r\n") << qsizetype(26);
}

void tst_HttpResponseParser::invalidHeadFailsTheSameWayAtEveryPrefix()
{
    QFETCH(QByteArray, raw);
    QFETCH(qsizetype, failsFrom);

    const HttpResponseParseResult whole = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(whole.status, Status::Failed);
    for (qsizetype split = 0; split <= raw.size(); ++split) {
        const HttpResponseParseResult part = HttpResponseParser::parse(QByteArrayView(raw).first(split), bigLimit);
        QCOMPARE(part.status, split < failsFrom ? Status::Incomplete : Status::Failed);
        if (part.status == Status::Failed) {
            QCOMPARE(httpParseErrorName(part.error), httpParseErrorName(whole.error));
            QCOMPARE(part.errorOffset, whole.errorOffset);
        }
    }
}

void tst_HttpResponseParser::sizeLimit_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<Status>("status");

    for (const qsizetype limit : {qsizetype(64), qsizetype(1024), qsizetype(16 * 1024)}) {
        QTest::addRow("ends at limit %lld", qlonglong(limit)) << responseOfSize(limit) << limit << Status::Complete;
        QTest::addRow("ends at limit %lld, bare lf", qlonglong(limit)) << responseOfSize(limit, "\n") << limit
                                                                     << Status::Complete;
        QTest::addRow("ends one over %lld", qlonglong(limit)) << responseOfSize(limit + 1) << limit << Status::Failed;
        QTest::addRow("ends one over %lld, bare lf", qlonglong(limit)) << responseOfSize(limit + 1, "\n") << limit
                                                                     << Status::Failed;
        // Without the final LF, the head may still end within the limit, or not.
        QTest::addRow("unfinished %lld below limit", qlonglong(limit)) << responseOfSize(limit).chopped(1) << limit
                                                                     << Status::Incomplete;
        QTest::addRow("unfinished %lld at limit", qlonglong(limit)) << responseOfSize(limit + 1).chopped(1) << limit
                                                                  << Status::Failed;
    }
}

void tst_HttpResponseParser::sizeLimit()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qsizetype, limit);
    QFETCH(Status, status);

    const HttpResponseParseResult result = HttpResponseParser::parse(buffer, limit);
    QCOMPARE(result.status, status);
    if (status == Status::Failed) {
        QCOMPARE(result.error, HttpParseError::HeadTooLarge);
        QCOMPARE(result.errorOffset, 0);
    }
    if (status == Status::Complete)
        QCOMPARE(result.head.size, limit);
}

// A server may send its first frame right behind the 101, in the same segment.
void tst_HttpResponseParser::firstFrameAfterTheHeadIsNotPartOfIt()
{
    const QByteArray head = rfcResponse;
    const QByteArray frame = QByteArray::fromHex("810548656c6c6f"); // RFC 6455 §5.7: unmasked "Hello"
    const QByteArray buffer = head + frame;

    const HttpResponseParseResult result = HttpResponseParser::parse(buffer, head.size());
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.head.size, head.size());
    QCOMPARE(buffer.sliced(result.head.size), frame);
}

void tst_HttpResponseParser::headersKeepOrderRepeatsAndCase()
{
    const QByteArray raw = "HTTP/1.1 101 Switching Protocols\r\n"
                           "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                           "Connection: keep-alive, Upgrade\r\n"
                           "sec-websocket-extensions: x-custom; a=\"1,2\"\r\n"
                           "\r\n";
    const HttpResponseParseResult result = HttpResponseParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Complete);
    const HttpResponseHead &head = result.head;

    QCOMPARE(flatten(head.headers), (QByteArrayList{"Sec-WebSocket-Extensions: permessage-deflate",
                                                    "Connection: keep-alive, Upgrade",
                                                    "sec-websocket-extensions: x-custom; a=\"1,2\""}));
    QCOMPARE(head.values("SEC-WEBSOCKET-EXTENSIONS"), (QByteArrayList{"permessage-deflate", "x-custom; a=\"1,2\""}));
    // RFC 9110 §5.3: repeated lines combine in order, joined by a comma.
    QCOMPARE(head.value("Sec-WebSocket-Extensions"), QByteArray("permessage-deflate, x-custom; a=\"1,2\""));
    QCOMPARE(head.count("sec-websocket-extensions"), 2);
    QVERIFY(head.has("connection"));
    QVERIFY(!head.has("Upgrade"));
    QVERIFY(head.value("Upgrade").isEmpty());
    QVERIFY(head.hasToken("Connection", "upgrade"));
    QVERIFY(!head.hasToken("Connection", "close"));
    QVERIFY(!head.hasToken("Sec-WebSocket-Extensions", "2\""));
}

QTEST_GUILESS_MAIN(tst_HttpResponseParser)
#include "tst_httpresponseparser.moc"
