#include "server/protocol/httprequestparser.h"

#include <QTest>

using namespace wslab::protocol;
using Status = HttpParseResult::Status;

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

HttpRequestHead headWith(const QList<HttpHeader> &headers, const QByteArray &target = "/")
{
    HttpRequestHead head;
    head.method = "GET";
    head.target = target;
    head.headers = headers;
    return head;
}

// A GET head whose total size is exactly `size` bytes (size >= 40), padded with an X-Pad field.
QByteArray headOfSize(qsizetype size, QByteArrayView lineEnd = "\r\n")
{
    const QByteArray start = "GET / HTTP/1.1" + lineEnd.toByteArray() + "X-Pad: ";
    const QByteArray end = lineEnd.toByteArray() + lineEnd.toByteArray();
    return start + QByteArray(size - start.size() - end.size(), 'a') + end;
}

constexpr qsizetype bigLimit = 16 * 1024;

} // namespace

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidHeads_data();
    void parsesValidHeads();
    void rejectsEveryRule_data();
    void rejectsEveryRule();
    void validHeadIsIncompleteUntilItsLastByte_data();
    void validHeadIsIncompleteUntilItsLastByte();
    void invalidHeadFailsTheSameWayAtEveryPrefix_data();
    void invalidHeadFailsTheSameWayAtEveryPrefix();
    void sizeLimit_data();
    void sizeLimit();
    void bytesAfterTheHeadAreNotPartOfIt();
    void headersKeepOrderRepeatsAndCase();
    void hasToken_data();
    void hasToken();
    void pathAndQuery_data();
    void pathAndQuery();
    void queryValue_data();
    void queryValue();
    void contentLength_data();
    void contentLength();
    void splitHeaderList_data();
    void splitHeaderList();
    void everyErrorHasNameReasonAndReference();
};

void tst_HttpRequestParser::parsesValidHeads_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("minor");
    QTest::addColumn<QByteArrayList>("headers");

    QTest::addRow("crlf") << QByteArray("GET /chat HTTP/1.1\r\nHost: 127.0.0.1:8002\r\n\r\n") << QByteArray("GET")
                          << QByteArray("/chat") << 1 << QByteArrayList{"Host: 127.0.0.1:8002"};
    // RFC 9112 §2.2: a recipient may accept a bare LF as a line terminator.
    QTest::addRow("bare lf") << QByteArray("GET /chat HTTP/1.1\nHost: a\n\n") << QByteArray("GET")
                             << QByteArray("/chat") << 1 << QByteArrayList{"Host: a"};
    QTest::addRow("mixed line ends") << QByteArray("GET / HTTP/1.1\r\nHost: a\nAccept: */*\r\n\n") << QByteArray("GET")
                                     << QByteArray("/") << 1 << QByteArrayList{"Host: a", "Accept: */*"};
    // RFC 9112 §2.2: empty lines before the request line are ignored.
    QTest::addRow("leading empty lines") << QByteArray("\r\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") << QByteArray("GET")
                                         << QByteArray("/") << 1 << QByteArrayList{"Host: a"};
    QTest::addRow("no header fields") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("GET") << QByteArray("/")
                                      << 1 << QByteArrayList{};
    QTest::addRow("http/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET") << QByteArray("/") << 0
                              << QByteArrayList{};
    // RFC 9110 §6.2: a higher 1.x minor version is still HTTP/1.
    QTest::addRow("http/1.9") << QByteArray("GET / HTTP/1.9\r\n\r\n") << QByteArray("GET") << QByteArray("/") << 9
                              << QByteArrayList{};
    QTest::addRow("absolute-form") << QByteArray("GET http://a:8/x?y HTTP/1.1\r\n\r\n") << QByteArray("GET")
                                   << QByteArray("http://a:8/x?y") << 1 << QByteArrayList{};
    QTest::addRow("asterisk-form") << QByteArray("OPTIONS * HTTP/1.1\r\n\r\n") << QByteArray("OPTIONS")
                                   << QByteArray("*") << 1 << QByteArrayList{};
    QTest::addRow("extension method") << QByteArray("M-SEARCH * HTTP/1.1\r\n\r\n") << QByteArray("M-SEARCH")
                                      << QByteArray("*") << 1 << QByteArrayList{};
    // RFC 9112 §5.1: optional whitespace around the value is not part of it; inside it is.
    QTest::addRow("ows trimmed") << QByteArray("GET / HTTP/1.1\r\nX-A: \t a \t b \t\r\nX-B:c\r\n\r\n")
                                 << QByteArray("GET") << QByteArray("/") << 1 << QByteArrayList{"X-A: a \t b", "X-B: c"};
    QTest::addRow("empty value") << QByteArray("GET / HTTP/1.1\r\nX-Empty:\r\nX-Blank:   \r\n\r\n") << QByteArray("GET")
                                 << QByteArray("/") << 1 << QByteArrayList{"X-Empty: ", "X-Blank: "};
    QTest::addRow("colon in value") << QByteArray("GET / HTTP/1.1\r\nHost: [::1]:8002\r\n\r\n") << QByteArray("GET")
                                    << QByteArray("/") << 1 << QByteArrayList{"Host: [::1]:8002"};
    // RFC 9110 §5.5: obs-text (bytes 0x80-0xFF) is allowed in values.
    QTest::addRow("obs-text value") << QByteArray("GET / HTTP/1.1\r\nX-Name: J\xc3\xbcrgen\r\n\r\n")
                                    << QByteArray("GET") << QByteArray("/") << 1
                                    << QByteArrayList{"X-Name: J\xc3\xbcrgen"};
    QTest::addRow("content-length repeated equal") << QByteArray("POST /send HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n")
                                                   << QByteArray("POST") << QByteArray("/send") << 1
                                                   << QByteArrayList{"Content-Length: 5, 5"};
}

void tst_HttpRequestParser::parsesValidHeads()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, minor);
    QFETCH(QByteArrayList, headers);

    const HttpParseResult result = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.head.method, method);
    QCOMPARE(result.head.target, target);
    QCOMPARE(result.head.versionMajor, 1);
    QCOMPARE(result.head.versionMinor, minor);
    QCOMPARE(flatten(result.head.headers), headers);
    QCOMPARE(result.head.size, raw.size());
    QCOMPARE(result.errorOffset, -1);
}

void tst_HttpRequestParser::rejectsEveryRule_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<HttpParseError>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("offset"); // start of the offending line

    const QByteArray line = "GET / HTTP/1.1\r\n";
    const int fields = int(line.size()); // offset of the first field line
    using E = HttpParseError;

    QTest::addRow("method only") << QByteArray("GET\r\n\r\n") << E::MalformedRequestLine << 400 << 0;
    QTest::addRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << E::MalformedRequestLine << 400 << 0;
    QTest::addRow("four parts") << QByteArray("GET / HTTP/1.1 x\r\n\r\n") << E::MalformedRequestLine << 400 << 0;
    QTest::addRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n\r\n") << E::MalformedRequestLine << 400 << 0;
    QTest::addRow("after empty lines") << QByteArray("\r\n\r\nGET\r\n\r\n") << E::MalformedRequestLine << 400 << 4;

    QTest::addRow("separator in method") << QByteArray("GE(T / HTTP/1.1\r\n\r\n") << E::InvalidMethod << 400 << 0;
    QTest::addRow("leading space") << QByteArray(" GET / HTTP/1.1\r\n\r\n") << E::InvalidMethod << 400 << 0;
    QTest::addRow("tab separator") << QByteArray("GET\t/ HTTP/1.1\r\n\r\n") << E::InvalidMethod << 400 << 0;
    QTest::addRow("tls client hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                      << E::InvalidMethod << 400 << 0;

    QTest::addRow("control in target") << QByteArray("GET /a\x01z HTTP/1.1\r\n\r\n") << E::InvalidRequestTarget << 400 << 0;
    QTest::addRow("utf-8 in target") << QByteArray("GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n") << E::InvalidRequestTarget << 400 << 0;
    QTest::addRow("fragment in target") << QByteArray("GET /a#b HTTP/1.1\r\n\r\n") << E::InvalidRequestTarget << 400 << 0;
    QTest::addRow("bare cr in target") << QByteArray("GET /a\rb HTTP/1.1\r\n\r\n") << E::InvalidRequestTarget << 400 << 0;

    QTest::addRow("lowercase http") << QByteArray("GET / http/1.1\r\n\r\n") << E::InvalidHttpVersion << 400 << 0;
    QTest::addRow("two-digit minor") << QByteArray("GET / HTTP/1.10\r\n\r\n") << E::InvalidHttpVersion << 400 << 0;
    QTest::addRow("major only 1") << QByteArray("GET / HTTP/1\r\n\r\n") << E::InvalidHttpVersion << 400 << 0;
    QTest::addRow("junk after version") << QByteArray("GET / HTTP/1.1x\r\n\r\n") << E::InvalidHttpVersion << 400 << 0;
    QTest::addRow("not http") << QByteArray("GET / HTTPS/1.1\r\n\r\n") << E::InvalidHttpVersion << 400 << 0;

    QTest::addRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << E::UnsupportedHttpVersion << 505 << 0;
    QTest::addRow("http/3") << QByteArray("GET / HTTP/3\r\n\r\n") << E::UnsupportedHttpVersion << 505 << 0;
    QTest::addRow("http/0.9 version") << QByteArray("GET / HTTP/0.9\r\n\r\n") << E::UnsupportedHttpVersion << 505 << 0;
    QTest::addRow("http/0.9 simple request") << QByteArray("GET /index.html\r\n\r\n") << E::UnsupportedHttpVersion << 505 << 0;

    QTest::addRow("space after request line") << line + " Host: a\r\n\r\n" << E::WhitespaceAfterStartLine << 400 << fields;
    QTest::addRow("obs-fold space") << line + "Host: a\r\nX-A: b\r\n c\r\n\r\n" << E::ObsoleteLineFolding << 400
                                    << fields + 9 + 8;
    QTest::addRow("obs-fold tab") << line + "X-A: b\n\tc\n\n" << E::ObsoleteLineFolding << 400 << fields + 7;

    QTest::addRow("no colon") << line + "Host a\r\n\r\n" << E::MalformedHeaderLine << 400 << fields;
    QTest::addRow("space before colon") << line + "Host : a\r\n\r\n" << E::WhitespaceBeforeColon << 400 << fields;
    QTest::addRow("tab before colon") << line + "Host\t: a\r\n\r\n" << E::WhitespaceBeforeColon << 400 << fields;

    QTest::addRow("empty name") << line + ": a\r\n\r\n" << E::InvalidHeaderName << 400 << fields;
    QTest::addRow("separator in name") << line + "Ho(st: a\r\n\r\n" << E::InvalidHeaderName << 400 << fields;
    QTest::addRow("space inside name") << line + "X A: a\r\n\r\n" << E::InvalidHeaderName << 400 << fields;
    QTest::addRow("utf-8 in name") << line + "X-\xc3\xa9: a\r\n\r\n" << E::InvalidHeaderName << 400 << fields;

    QTest::addRow("control in value") << line + "X-A: a\x01z\r\n\r\n" << E::InvalidHeaderValue << 400 << fields;
    QTest::addRow("nul in value") << line + QByteArray("X-A: a\0z\r\n\r\n", 11) << E::InvalidHeaderValue << 400 << fields;
    QTest::addRow("del in value") << line + "X-A: a\x7fz\r\n\r\n" << E::InvalidHeaderValue << 400 << fields;
    // RFC 9112 §2.2: a bare CR is not a line end.
    QTest::addRow("bare cr in value") << line + "X-A: a\rz\r\n\r\n" << E::InvalidHeaderValue << 400 << fields;

    QTest::addRow("content-length letters") << line + "Content-Length: abc\r\n\r\n" << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length sign") << line + "Content-Length: +5\r\n\r\n" << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length negative") << line + "Content-Length: -1\r\n\r\n" << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length empty") << line + "Content-Length:\r\n\r\n" << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length overflow") << line + "Content-Length: 99999999999999999999\r\n\r\n"
                                             << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length list differs") << line + "Content-Length: 1, 2\r\n\r\n" << E::InvalidContentLength << 400 << fields;
    QTest::addRow("content-length lines differ") << line + "Content-Length: 1\r\ncontent-length: 2\r\n\r\n"
                                                 << E::InvalidContentLength << 400 << fields + 19;

    QTest::addRow("chunked") << line + "Transfer-Encoding: chunked\r\n\r\n" << E::UnsupportedTransferEncoding << 411 << fields;

    QTest::addRow("head too large") << headOfSize(bigLimit + 1) << E::HeadTooLarge << 431 << 0;
}

void tst_HttpRequestParser::rejectsEveryRule()
{
    QFETCH(QByteArray, raw);
    QFETCH(HttpParseError, error);
    QFETCH(int, status);
    QFETCH(int, offset);

    const HttpParseResult result = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(httpParseErrorName(result.error), httpParseErrorName(error));
    QCOMPARE(httpStatusFor(result.error), status);
    QCOMPARE(result.errorOffset, offset);
}

void tst_HttpRequestParser::validHeadIsIncompleteUntilItsLastByte_data()
{
    QTest::addColumn<QByteArray>("raw");

    QTest::addRow("browser upgrade") << QByteArray("GET /chatsocket HTTP/1.1\r\n"
                                                   "Host: 127.0.0.1:8002\r\n"
                                                   "Connection: Upgrade\r\n"
                                                   "Upgrade: websocket\r\n"
                                                   "Origin: http://127.0.0.1:8002\r\n"
                                                   "Sec-WebSocket-Version: 13\r\n"
                                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                                   "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                                                   "\r\n");
    QTest::addRow("bare lf and leading empty line") << QByteArray("\nPOST /send?x=1 HTTP/1.1\nHost: a\nContent-Length: 2\n\n");
    QTest::addRow("no fields") << QByteArray("GET / HTTP/1.1\r\n\r\n");
}

// The caller passes everything received so far, so a head split anywhere is a prefix of it.
void tst_HttpRequestParser::validHeadIsIncompleteUntilItsLastByte()
{
    QFETCH(QByteArray, raw);

    const HttpParseResult whole = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(whole.status, Status::Complete);
    QCOMPARE(whole.head.size, raw.size());
    for (qsizetype split = 0; split < raw.size(); ++split) {
        const HttpParseResult part = HttpRequestParser::parse(QByteArrayView(raw).first(split), bigLimit);
        if (part.status != Status::Incomplete)
            QFAIL(qPrintable(QStringLiteral("not Incomplete after %1 of %2 bytes").arg(split).arg(raw.size())));
    }
    const HttpParseResult again = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(again.head.method, whole.head.method);
    QCOMPARE(again.head.target, whole.head.target);
    QCOMPARE(flatten(again.head.headers), flatten(whole.head.headers));
}

void tst_HttpRequestParser::invalidHeadFailsTheSameWayAtEveryPrefix_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<qsizetype>("failsFrom"); // the shortest prefix that fails

    QTest::addRow("tls fails at first byte") << QByteArray("\x16\x03\x01\x02\x00") << qsizetype(1);
    QTest::addRow("bad method byte") << QByteArray("GE<T / HTTP/1.1\r\n\r\n") << qsizetype(3);
    // "GET\r" might still become an empty-target line; only the LF decides.
    QTest::addRow("method only waits for lf") << QByteArray("GET\r\n\r\n") << qsizetype(5);
    QTest::addRow("obs-fold at its line end") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << qsizetype(26);
    QTest::addRow("second content-length") << QByteArray("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                           << qsizetype(54);
}

void tst_HttpRequestParser::invalidHeadFailsTheSameWayAtEveryPrefix()
{
    QFETCH(QByteArray, raw);
    QFETCH(qsizetype, failsFrom);

    const HttpParseResult whole = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(whole.status, Status::Failed);
    for (qsizetype split = 0; split <= raw.size(); ++split) {
        const HttpParseResult part = HttpRequestParser::parse(QByteArrayView(raw).first(split), bigLimit);
        QCOMPARE(part.status, split < failsFrom ? Status::Incomplete : Status::Failed);
        if (part.status == Status::Failed) {
            QCOMPARE(httpParseErrorName(part.error), httpParseErrorName(whole.error));
            QCOMPARE(part.errorOffset, whole.errorOffset);
        }
    }
}

void tst_HttpRequestParser::sizeLimit_data()
{
    QTest::addColumn<QByteArray>("buffer");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<Status>("status");

    for (const qsizetype limit : {qsizetype(64), qsizetype(1024), qsizetype(16 * 1024)}) {
        QTest::addRow("ends at limit %lld", qlonglong(limit)) << headOfSize(limit) << limit << Status::Complete;
        QTest::addRow("ends at limit %lld, bare lf", qlonglong(limit)) << headOfSize(limit, "\n") << limit << Status::Complete;
        QTest::addRow("ends one over %lld", qlonglong(limit)) << headOfSize(limit + 1) << limit << Status::Failed;
        QTest::addRow("ends one over %lld, bare lf", qlonglong(limit)) << headOfSize(limit + 1, "\n") << limit << Status::Failed;
        // Without the final LF, the head may still end within the limit, or not.
        QTest::addRow("unfinished %lld below limit", qlonglong(limit)) << headOfSize(limit).chopped(1) << limit
                                                                     << Status::Incomplete;
        QTest::addRow("unfinished %lld at limit", qlonglong(limit)) << headOfSize(limit + 1).chopped(1) << limit
                                                                  << Status::Failed;
    }
}

void tst_HttpRequestParser::sizeLimit()
{
    QFETCH(QByteArray, buffer);
    QFETCH(qsizetype, limit);
    QFETCH(Status, status);

    const HttpParseResult result = HttpRequestParser::parse(buffer, limit);
    QCOMPARE(result.status, status);
    if (status == Status::Failed) {
        QCOMPARE(result.error, HttpParseError::HeadTooLarge);
        QCOMPARE(httpStatusFor(result.error), 431);
    }
    if (status == Status::Complete)
        QCOMPARE(result.head.size, limit);
}

void tst_HttpRequestParser::bytesAfterTheHeadAreNotPartOfIt()
{
    const QByteArray head = headOfSize(100);
    const QByteArray buffer = head + "hello" + QByteArray(200, 'x');

    const HttpParseResult result = HttpRequestParser::parse(buffer, head.size());
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.head.size, head.size());
    QCOMPARE(buffer.sliced(result.head.size).first(5), QByteArray("hello"));
}

void tst_HttpRequestParser::headersKeepOrderRepeatsAndCase()
{
    const QByteArray raw = "GET / HTTP/1.1\r\n"
                           "Accept: text/html\r\n"
                           "Host: a\r\n"
                           "accept: application/json\r\n"
                           "ACCEPT: */*\r\n"
                           "\r\n";
    const HttpRequestHead head = HttpRequestParser::parse(raw, bigLimit).head;

    QCOMPARE(flatten(head.headers), (QByteArrayList{"Accept: text/html", "Host: a", "accept: application/json",
                                                    "ACCEPT: */*"}));
    QCOMPARE(head.values("aCCept"), (QByteArrayList{"text/html", "application/json", "*/*"}));
    // RFC 9110 §5.3: repeated lines combine in order, joined by a comma.
    QCOMPARE(head.value("Accept"), QByteArray("text/html, application/json, */*"));
    QCOMPARE(head.count("accept"), 3);
    QVERIFY(head.has("HOST"));
    QCOMPARE(head.value("host"), QByteArray("a"));
    QVERIFY(!head.has("Origin"));
    QVERIFY(head.value("Origin").isEmpty());
    QVERIFY(head.values("Origin").isEmpty());
    QVERIFY(!head.has("Accep"));
}

void tst_HttpRequestParser::hasToken_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("expected");

    QTest::addRow("keep-alive, Upgrade") << QByteArrayList{"keep-alive, Upgrade"} << QByteArray("upgrade") << true;
    QTest::addRow("UPGRADE") << QByteArrayList{"UPGRADE"} << QByteArray("upgrade") << true;
    QTest::addRow("upgradefoo") << QByteArrayList{"upgradefoo"} << QByteArray("upgrade") << false;
    QTest::addRow("fooupgrade") << QByteArrayList{"fooupgrade"} << QByteArray("upgrade") << false;
    QTest::addRow("no space after comma") << QByteArrayList{"keep-alive,Upgrade"} << QByteArray("upgrade") << true;
    QTest::addRow("tabs and empty elements") << QByteArrayList{" ,\tUpgrade\t, ,"} << QByteArray("upgrade") << true;
    QTest::addRow("second line") << QByteArrayList{"keep-alive", "Upgrade"} << QByteArray("upgrade") << true;
    QTest::addRow("quoted is not a token") << QByteArrayList{"\"upgrade\""} << QByteArray("upgrade") << false;
    QTest::addRow("two words") << QByteArrayList{"upgrade now"} << QByteArray("upgrade") << false;
    QTest::addRow("websocket/13 is another token") << QByteArrayList{"websocket/13"} << QByteArray("websocket") << false;
    QTest::addRow("empty value") << QByteArrayList{""} << QByteArray("upgrade") << false;
    QTest::addRow("absent") << QByteArrayList{} << QByteArray("upgrade") << false;
}

void tst_HttpRequestParser::hasToken()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(QByteArray, token);
    QFETCH(bool, expected);

    QByteArray raw = "GET / HTTP/1.1\r\n";
    for (const QByteArray &line : lines)
        raw += "Connection: " + line + "\r\n";
    raw += "X-Other: upgrade\r\n\r\n";
    const HttpParseResult result = HttpRequestParser::parse(raw, bigLimit);
    QCOMPARE(result.status, Status::Complete);
    QCOMPARE(result.head.hasToken("connection", token), expected);
}

void tst_HttpRequestParser::pathAndQuery_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");

    QTest::addRow("plain") << QByteArray("/chat") << QByteArray("/chat") << QByteArray();
    QTest::addRow("query") << QByteArray("/poll?since=12&x") << QByteArray("/poll") << QByteArray("since=12&x");
    QTest::addRow("empty query") << QByteArray("/poll?") << QByteArray("/poll") << QByteArray();
    QTest::addRow("question mark in query") << QByteArray("/a?b?c") << QByteArray("/a") << QByteArray("b?c");
    QTest::addRow("percent stays encoded") << QByteArray("/a%20b?c=%41") << QByteArray("/a%20b") << QByteArray("c=%41");
    QTest::addRow("absolute-form") << QByteArray("http://127.0.0.1:8002/chat?x=1") << QByteArray("/chat")
                                   << QByteArray("x=1");
    QTest::addRow("absolute-form no path") << QByteArray("http://host") << QByteArray("/") << QByteArray();
    QTest::addRow("absolute-form query only") << QByteArray("http://host?x=1") << QByteArray("/") << QByteArray("x=1");
    QTest::addRow("scheme-like path") << QByteArray("/a://b") << QByteArray("/a://b") << QByteArray();
    QTest::addRow("asterisk") << QByteArray("*") << QByteArray("*") << QByteArray();
}

void tst_HttpRequestParser::pathAndQuery()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);

    const HttpRequestHead head = headWith({}, target);
    QCOMPARE(head.path(), path);
    QCOMPARE(head.query(), query);
}

void tst_HttpRequestParser::queryValue_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("value");

    QTest::addRow("simple") << QByteArray("/poll?since=12") << QByteArray("since") << true << QStringLiteral("12");
    QTest::addRow("second pair") << QByteArray("/poll?a=1&since=7") << QByteArray("since") << true << QStringLiteral("7");
    QTest::addRow("first of repeats") << QByteArray("/p?k=1&k=2") << QByteArray("k") << true << QStringLiteral("1");
    QTest::addRow("percent and plus") << QByteArray("/send?nick=J%C3%BCrgen+K%2B") << QByteArray("nick") << true
                                      << QStringLiteral(u"J\u00fcrgen K+");
    QTest::addRow("encoded key") << QByteArray("/p?my%20key=v") << QByteArray("my key") << true << QStringLiteral("v");
    QTest::addRow("no value") << QByteArray("/p?flag&x=1") << QByteArray("flag") << true << QString();
    QTest::addRow("empty value") << QByteArray("/p?flag=") << QByteArray("flag") << true << QString();
    QTest::addRow("value with equals") << QByteArray("/p?k=a=b") << QByteArray("k") << true << QStringLiteral("a=b");
    QTest::addRow("absent") << QByteArray("/p?other=1") << QByteArray("since") << false << QString();
    QTest::addRow("prefix is not the key") << QByteArray("/p?sinceX=1") << QByteArray("since") << false << QString();
    QTest::addRow("no query") << QByteArray("/p") << QByteArray("since") << false << QString();
}

void tst_HttpRequestParser::queryValue()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, key);
    QFETCH(bool, present);
    QFETCH(QString, value);

    const std::optional<QString> result = headWith({}, target).queryValue(key);
    QCOMPARE(result.has_value(), present);
    if (present)
        QCOMPARE(*result, value);
}

void tst_HttpRequestParser::contentLength_data()
{
    QTest::addColumn<QByteArrayList>("lines");
    QTest::addColumn<bool>("invalid");
    QTest::addColumn<qint64>("length"); // -1: nullopt

    QTest::addRow("absent") << QByteArrayList{} << false << qint64(-1);
    QTest::addRow("zero") << QByteArrayList{"0"} << false << qint64(0);
    QTest::addRow("large") << QByteArrayList{"9223372036854775807"} << false << qint64(9223372036854775807);
    QTest::addRow("list of equal") << QByteArrayList{"42, 42"} << false << qint64(42);
    QTest::addRow("equal lines") << QByteArrayList{"7", "7"} << false << qint64(7);
    QTest::addRow("leading zeros") << QByteArrayList{"007"} << false << qint64(7);
    QTest::addRow("list differs") << QByteArrayList{"1, 2"} << true << qint64(-1);
    QTest::addRow("lines differ") << QByteArrayList{"1", "2"} << true << qint64(-1);
    QTest::addRow("letters") << QByteArrayList{"12a"} << true << qint64(-1);
    QTest::addRow("empty") << QByteArrayList{""} << true << qint64(-1);
    QTest::addRow("empty element") << QByteArrayList{"5,"} << true << qint64(-1);
    QTest::addRow("overflow") << QByteArrayList{"9223372036854775808"} << true << qint64(-1);
}

void tst_HttpRequestParser::contentLength()
{
    QFETCH(QByteArrayList, lines);
    QFETCH(bool, invalid);
    QFETCH(qint64, length);

    QList<HttpHeader> headers;
    for (const QByteArray &line : lines)
        headers.append(HttpHeader{"content-length", line});
    const HttpRequestHead head = headWith(headers);
    QCOMPARE(head.hasInvalidContentLength(), invalid);
    QCOMPARE(head.contentLength().has_value(), length >= 0);
    if (length >= 0)
        QCOMPARE(*head.contentLength(), length);
}

void tst_HttpRequestParser::splitHeaderList_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArrayList>("elements");

    QTest::addRow("extension offers") << QByteArray("permessage-deflate; client_max_window_bits, x-webkit-deflate-frame")
                                      << QByteArrayList{"permessage-deflate; client_max_window_bits",
                                                        "x-webkit-deflate-frame"};
    QTest::addRow("comma in quotes") << QByteArray("a; p=\"x,y\", b") << QByteArrayList{"a; p=\"x,y\"", "b"};
    QTest::addRow("escaped quote") << QByteArray("a; p=\"x\\\",y\", b") << QByteArrayList{"a; p=\"x\\\",y\"", "b"};
    QTest::addRow("empty elements") << QByteArray(" , a ,, b ,") << QByteArrayList{"a", "b"};
    QTest::addRow("empty") << QByteArray() << QByteArrayList{};
}

void tst_HttpRequestParser::splitHeaderList()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArrayList, elements);

    QCOMPARE(wslab::protocol::splitHeaderList(value), elements);
}

void tst_HttpRequestParser::everyErrorHasNameReasonAndReference()
{
    QSet<QByteArray> names;
    const int last = int(HttpParseError::HeadTooLarge);
    for (int i = 0; i <= last; ++i) {
        const auto error = HttpParseError(i);
        const QByteArray name = httpParseErrorName(error);
        QVERIFY2(name != "?", qPrintable(QString::number(i)));
        QVERIFY2(QByteArrayView(httpParseErrorReason(error)) != "?", name.constData());
        QVERIFY2(QByteArrayView(httpParseErrorReference(error)).startsWith("RFC "), name.constData());
        const int status = httpStatusFor(error);
        QVERIFY2(status == 400 || status == 411 || status == 431 || status == 505, name.constData());
        names.insert(name);
    }
    QCOMPARE(names.size(), last + 1);
}

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
