#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"

#include <QSet>
#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::HandshakeError)

namespace {

const QByteArray validRequestLine = "GET /chatsocket?room=1 HTTP/1.1";
const QByteArray ownOrigin = "http://127.0.0.1:8002";

// What Chromium sends, field for field (RFC 6455 §1.3's key).
QByteArrayList validFields()
{
    return {
        "Host: 127.0.0.1:8002",
        "Connection: Upgrade",
        "Upgrade: websocket",
        "Origin: http://127.0.0.1:8002",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Protocol: chat, superchat",
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
    };
}

// Every line named `name` removed; then, unless `value` is null, one "name: value" added.
QByteArrayList replaced(QByteArrayList fields, QByteArrayView name, const QByteArray &value)
{
    fields.removeIf([name](const QByteArray &line) {
        return line.first(line.indexOf(':')).compare(name, Qt::CaseInsensitive) == 0;
    });
    if (!value.isNull())
        fields.append(name.toByteArray() + ": " + value);
    return fields;
}

QByteArrayList added(QByteArrayList fields, const QByteArray &line)
{
    fields.append(line);
    return fields;
}

// Through the real parser, so the tests see heads exactly as the server does.
HttpRequestHead parsedHead(const QByteArray &requestLine, const QByteArrayList &fields)
{
    QByteArray raw = requestLine + "\r\n";
    for (const QByteArray &field : fields)
        raw += field + "\r\n";
    raw += "\r\n";
    const HttpParseResult result = HttpRequestParser::parse(raw, 16 * 1024);
    if (result.status != HttpParseResult::Status::Complete)
        qFatal("test request does not parse: %s", raw.constData());
    return result.head;
}

} // namespace

class tst_Handshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsValidRequests_data();
    void acceptsValidRequests();
    void describesTheRequest();
    void rejectsEachRule_data();
    void rejectsEachRule();
    void firstBrokenRuleWins();
    void keyValidity_data();
    void keyValidity();
    void originPolicy_data();
    void originPolicy();
    void validationAppliesOriginPolicy_data();
    void validationAppliesOriginPolicy();
    void statusForEveryError_data();
    void statusForEveryError();
    void everyErrorHasNameReasonAndReference();
};

void tst_Handshake::acceptsValidRequests_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QByteArrayList>("fields");

    QTest::addRow("chromium") << validRequestLine << validFields();
    QTest::addRow("firefox connection list") << validRequestLine
                                             << replaced(validFields(), "Connection", "keep-alive, Upgrade");
    QTest::addRow("connection on two lines") << validRequestLine
                                             << added(replaced(validFields(), "Connection", "keep-alive"),
                                                      "Connection: Upgrade");
    QTest::addRow("upgrade mixed case") << validRequestLine << replaced(validFields(), "Upgrade", "WebSocket");
    QTest::addRow("upgrade list") << validRequestLine << replaced(validFields(), "Upgrade", "foo, websocket");
    QTest::addRow("lowercase names") << validRequestLine
                                     << QByteArrayList{"host: a", "connection: upgrade", "upgrade: websocket",
                                                       "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==",
                                                       "sec-websocket-version: 13"};
    QTest::addRow("no origin") << validRequestLine << replaced(validFields(), "Origin", {});
    QTest::addRow("no optional fields") << validRequestLine
                                        << replaced(replaced(replaced(validFields(), "Origin", {}),
                                                             "Sec-WebSocket-Protocol", {}),
                                                    "Sec-WebSocket-Extensions", {});
    QTest::addRow("http/1.2") << QByteArray("GET / HTTP/1.2") << validFields();
    QTest::addRow("absolute-form") << QByteArray("GET http://127.0.0.1:8002/chatsocket HTTP/1.1") << validFields();
}

void tst_Handshake::acceptsValidRequests()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(QByteArrayList, fields);

    const auto result = validateUpgradeRequest(parsedHead(requestLine, fields));
    if (const auto *error = std::get_if<HandshakeError>(&result))
        QFAIL(handshakeErrorName(*error));
    QCOMPARE(std::get<UpgradeRequest>(result).key, QByteArray("dGhlIHNhbXBsZSBub25jZQ=="));
}

void tst_Handshake::describesTheRequest()
{
    QByteArrayList fields = replaced(validFields(), "Origin", "HTTP://LocalHost:8002");
    fields.append("Sec-WebSocket-Extensions: x-webkit-deflate-frame");
    const auto result = validateUpgradeRequest(parsedHead(validRequestLine, fields));
    QVERIFY(std::holds_alternative<UpgradeRequest>(result));
    const UpgradeRequest &request = std::get<UpgradeRequest>(result);

    QCOMPARE(request.key, QByteArray("dGhlIHNhbXBsZSBub25jZQ=="));
    QCOMPARE(request.version, 13);
    QCOMPARE(request.host, QByteArray("127.0.0.1:8002"));
    QCOMPARE(request.path, QByteArray("/chatsocket"));
    QCOMPARE(request.target, QByteArray("/chatsocket?room=1"));
    QCOMPARE(request.origin, QByteArray("http://localhost:8002")); // RFC 6455 §4.2.2: lowercased
    QCOMPARE(request.subprotocols, (QByteArrayList{"chat", "superchat"}));
    QCOMPARE(request.extensionOffers, (QByteArrayList{"permessage-deflate; client_max_window_bits",
                                                      "x-webkit-deflate-frame"}));
}

void tst_Handshake::rejectsEachRule_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QByteArrayList>("fields");
    QTest::addColumn<HandshakeError>("error");
    QTest::addColumn<int>("status");

    using E = HandshakeError;
    const QByteArrayList valid = validFields();

    QTest::addRow("post") << QByteArray("POST /chatsocket HTTP/1.1") << valid << E::MethodNotGet << 405;
    QTest::addRow("head") << QByteArray("HEAD /chatsocket HTTP/1.1") << valid << E::MethodNotGet << 405;
    QTest::addRow("lowercase get") << QByteArray("get /chatsocket HTTP/1.1") << valid << E::MethodNotGet << 405;

    QTest::addRow("http/1.0") << QByteArray("GET /chatsocket HTTP/1.0") << valid << E::HttpVersionTooOld << 400;

    QTest::addRow("no host") << validRequestLine << replaced(valid, "Host", {}) << E::MissingHost << 400;
    QTest::addRow("empty host") << validRequestLine << replaced(valid, "Host", "") << E::MissingHost << 400;
    QTest::addRow("two hosts") << validRequestLine << added(valid, "Host: evil.example") << E::DuplicateHost << 400;

    QTest::addRow("no upgrade") << validRequestLine << replaced(valid, "Upgrade", {}) << E::MissingUpgradeWebsocket << 426;
    QTest::addRow("upgrade h2c") << validRequestLine << replaced(valid, "Upgrade", "h2c") << E::MissingUpgradeWebsocket << 426;
    QTest::addRow("upgrade websocketfoo") << validRequestLine << replaced(valid, "Upgrade", "websocketfoo")
                                          << E::MissingUpgradeWebsocket << 426;

    QTest::addRow("no connection") << validRequestLine << replaced(valid, "Connection", {})
                                   << E::MissingConnectionUpgrade << 400;
    QTest::addRow("connection keep-alive") << validRequestLine << replaced(valid, "Connection", "keep-alive")
                                           << E::MissingConnectionUpgrade << 400;
    QTest::addRow("connection upgradefoo") << validRequestLine << replaced(valid, "Connection", "upgradefoo")
                                           << E::MissingConnectionUpgrade << 400;
    QTest::addRow("upgrade token in upgrade only") << validRequestLine << replaced(valid, "Connection", "websocket")
                                                   << E::MissingConnectionUpgrade << 400;

    QTest::addRow("no key") << validRequestLine << replaced(valid, "Sec-WebSocket-Key", {}) << E::MissingKey << 400;
    QTest::addRow("two keys") << validRequestLine << added(valid, "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==")
                              << E::DuplicateKey << 400;
    QTest::addRow("same key twice") << validRequestLine << added(valid, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")
                                    << E::DuplicateKey << 400;
    QTest::addRow("short key") << validRequestLine << replaced(valid, "Sec-WebSocket-Key", "abc") << E::InvalidKey << 400;
    QTest::addRow("empty key") << validRequestLine << replaced(valid, "Sec-WebSocket-Key", "") << E::InvalidKey << 400;

    QTest::addRow("no version") << validRequestLine << replaced(valid, "Sec-WebSocket-Version", {}) << E::MissingVersion << 426;
    QTest::addRow("version 8") << validRequestLine << replaced(valid, "Sec-WebSocket-Version", "8")
                               << E::UnsupportedVersion << 426;
    QTest::addRow("version 14") << validRequestLine << replaced(valid, "Sec-WebSocket-Version", "14")
                                << E::UnsupportedVersion << 426;
    QTest::addRow("version 013") << validRequestLine << replaced(valid, "Sec-WebSocket-Version", "013")
                                 << E::UnsupportedVersion << 426;
    QTest::addRow("version list") << validRequestLine << replaced(valid, "Sec-WebSocket-Version", "13, 8")
                                  << E::UnsupportedVersion << 426;
    QTest::addRow("version twice") << validRequestLine << added(valid, "Sec-WebSocket-Version: 13")
                                   << E::UnsupportedVersion << 426;
}

void tst_Handshake::rejectsEachRule()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(QByteArrayList, fields);
    QFETCH(HandshakeError, error);
    QFETCH(int, status);

    const auto result = validateUpgradeRequest(parsedHead(requestLine, fields));
    QVERIFY(std::holds_alternative<HandshakeError>(result));
    QCOMPARE(handshakeErrorName(std::get<HandshakeError>(result)), handshakeErrorName(error));
    QCOMPARE(httpStatusFor(std::get<HandshakeError>(result)), status);
}

void tst_Handshake::firstBrokenRuleWins()
{
    // RFC 6455 §4.2.1 lists the rules in order; the report names the first one broken.
    const auto nothing = validateUpgradeRequest(parsedHead("POST / HTTP/1.0", {}));
    QCOMPARE(std::get<HandshakeError>(nothing), HandshakeError::MethodNotGet);
    const auto onlyHost = validateUpgradeRequest(parsedHead("GET / HTTP/1.1", {"Host: a"}));
    QCOMPARE(std::get<HandshakeError>(onlyHost), HandshakeError::MissingUpgradeWebsocket);
    const auto badKeyAndVersion = validateUpgradeRequest(parsedHead(
            validRequestLine, replaced(replaced(validFields(), "Sec-WebSocket-Key", "x"), "Sec-WebSocket-Version", "8")));
    QCOMPARE(std::get<HandshakeError>(badKeyAndVersion), HandshakeError::InvalidKey);
}

void tst_Handshake::keyValidity_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("valid");

    QTest::addRow("rfc 1.3 key") << QByteArray("dGhlIHNhbXBsZSBub25jZQ==") << true;
    QTest::addRow("16 zero bytes") << QByteArray(16, '\0').toBase64() << true;
    QTest::addRow("16 ff bytes") << QByteArray(16, '\xff').toBase64() << true;
    QTest::addRow("15 bytes") << QByteArray(15, 'a').toBase64() << false;
    QTest::addRow("17 bytes") << QByteArray(17, 'a').toBase64() << false;
    QTest::addRow("missing padding") << QByteArray("dGhlIHNhbXBsZSBub25jZQ") << false;
    QTest::addRow("non-zero pad bits") << QByteArray("dGhlIHNhbXBsZSBub25jZR==") << false;
    QTest::addRow("invalid character") << QByteArray("dGhlIHNhbXBsZSBub25j!Q==") << false;
    QTest::addRow("url-safe alphabet") << QByteArray(16, '\xff').toBase64(QByteArray::Base64UrlEncoding) << false;
    QTest::addRow("inner space") << QByteArray("dGhlIHNhbXBs ZSBub25jZQ==") << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void tst_Handshake::keyValidity()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, valid);

    QCOMPARE(isValidWebSocketKey(key), valid);
}

void tst_Handshake::originPolicy_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("own");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<bool>("allowAny");
    QTest::addColumn<bool>("expected");

    const QStringList none;
    const QStringList example{QStringLiteral("https://example.com")};

    QTest::addRow("missing origin") << QByteArray() << ownOrigin << none << false << true;
    QTest::addRow("own page") << ownOrigin << ownOrigin << none << false << true;
    QTest::addRow("own page as localhost") << QByteArray("http://localhost:8002") << ownOrigin << none << false << true;
    QTest::addRow("own page as [::1]") << QByteArray("http://[::1]:8002") << ownOrigin << none << false << true;
    QTest::addRow("own page upper case") << QByteArray("HTTP://LOCALHOST:8002") << ownOrigin << none << false << true;
    QTest::addRow("own localhost, origin 127") << ownOrigin << QByteArray("http://localhost:8002") << none << false << true;
    QTest::addRow("other port") << QByteArray("http://127.0.0.1:8003") << ownOrigin << none << false << false;
    QTest::addRow("no port") << QByteArray("http://127.0.0.1") << ownOrigin << none << false << false;
    QTest::addRow("other scheme") << QByteArray("https://127.0.0.1:8002") << ownOrigin << none << false << false;
    QTest::addRow("other host") << QByteArray("http://evil.example") << ownOrigin << none << false << false;
    QTest::addRow("lan address") << QByteArray("http://192.168.1.5:8002") << ownOrigin << none << false << false;
    QTest::addRow("with path") << QByteArray("http://127.0.0.1:8002/x") << ownOrigin << none << false << false;
    QTest::addRow("opaque null") << QByteArray("null") << ownOrigin << none << false << false;
    QTest::addRow("opaque null listed") << QByteArray("null") << ownOrigin << QStringList{QStringLiteral("null")}
                                        << false << true;
    QTest::addRow("listed") << QByteArray("https://example.com") << ownOrigin << example << false << true;
    QTest::addRow("listed, host case") << QByteArray("https://EXAMPLE.com") << ownOrigin << example << false << true;
    QTest::addRow("listed, default port") << QByteArray("https://example.com:443") << ownOrigin << example << false << true;
    QTest::addRow("listed with slash") << QByteArray("https://example.com") << ownOrigin
                                       << QStringList{QStringLiteral(" https://example.com/ ")} << false << true;
    QTest::addRow("listed, other scheme") << QByteArray("http://example.com") << ownOrigin << example << false << false;
    QTest::addRow("listed, other port") << QByteArray("https://example.com:8443") << ownOrigin << example << false << false;
    QTest::addRow("listed, subdomain") << QByteArray("https://sub.example.com") << ownOrigin << example << false << false;
    QTest::addRow("listed, suffix") << QByteArray("https://example.com.evil.net") << ownOrigin << example << false << false;
    QTest::addRow("listed loopback is not widened") << QByteArray("http://127.0.0.1:9000") << ownOrigin
                                                    << QStringList{QStringLiteral("http://localhost:9000")} << false
                                                    << false;
    QTest::addRow("allow any") << QByteArray("http://evil.example") << ownOrigin << none << true << true;
}

void tst_Handshake::originPolicy()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, own);
    QFETCH(QStringList, allowed);
    QFETCH(bool, allowAny);
    QFETCH(bool, expected);

    QCOMPARE(isOriginAllowed(origin, own, allowed, allowAny), expected);
}

void tst_Handshake::validationAppliesOriginPolicy_data()
{
    QTest::addColumn<QByteArrayList>("fields");
    QTest::addColumn<bool>("allowAny");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("own origin") << validFields() << false << true;
    QTest::addRow("no origin") << replaced(validFields(), "Origin", {}) << false << true;
    QTest::addRow("foreign origin") << replaced(validFields(), "Origin", "http://evil.example") << false << false;
    QTest::addRow("foreign origin, any allowed") << replaced(validFields(), "Origin", "http://evil.example") << true << true;
}

void tst_Handshake::validationAppliesOriginPolicy()
{
    QFETCH(QByteArrayList, fields);
    QFETCH(bool, allowAny);
    QFETCH(bool, accepted);

    const OriginPolicy policy{ownOrigin, {}, allowAny};
    const auto result = validateUpgradeRequest(parsedHead(validRequestLine, fields), policy);
    QCOMPARE(std::holds_alternative<UpgradeRequest>(result), accepted);
    if (!accepted) {
        QCOMPARE(std::get<HandshakeError>(result), HandshakeError::OriginNotAllowed);
        QCOMPARE(httpStatusFor(std::get<HandshakeError>(result)), 403);
    }
    // A request that breaks a protocol rule reports that rule, not its origin.
    const auto broken = validateUpgradeRequest(parsedHead(validRequestLine, replaced(fields, "Sec-WebSocket-Key", {})),
                                               policy);
    QCOMPARE(std::get<HandshakeError>(broken), HandshakeError::MissingKey);
}

void tst_Handshake::statusForEveryError_data()
{
    QTest::addColumn<HandshakeError>("error");
    QTest::addColumn<int>("status");

    using E = HandshakeError;
    QTest::addRow("MethodNotGet") << E::MethodNotGet << 405;
    QTest::addRow("HttpVersionTooOld") << E::HttpVersionTooOld << 400;
    QTest::addRow("MissingHost") << E::MissingHost << 400;
    QTest::addRow("DuplicateHost") << E::DuplicateHost << 400;
    QTest::addRow("MissingUpgradeWebsocket") << E::MissingUpgradeWebsocket << 426;
    QTest::addRow("MissingConnectionUpgrade") << E::MissingConnectionUpgrade << 400;
    QTest::addRow("MissingKey") << E::MissingKey << 400;
    QTest::addRow("DuplicateKey") << E::DuplicateKey << 400;
    QTest::addRow("InvalidKey") << E::InvalidKey << 400;
    QTest::addRow("MissingVersion") << E::MissingVersion << 426;
    QTest::addRow("UnsupportedVersion") << E::UnsupportedVersion << 426;
    QTest::addRow("OriginNotAllowed") << E::OriginNotAllowed << 403;
}

void tst_Handshake::statusForEveryError()
{
    QFETCH(HandshakeError, error);
    QFETCH(int, status);

    QCOMPARE(httpStatusFor(error), status);
    QCOMPARE(handshakeErrorName(error), QTest::currentDataTag());
}

void tst_Handshake::everyErrorHasNameReasonAndReference()
{
    QSet<QByteArray> names;
    QSet<QByteArray> reasons;
    const int last = int(HandshakeError::OriginNotAllowed);
    for (int i = 0; i <= last; ++i) {
        const auto error = HandshakeError(i);
        const QByteArray name = handshakeErrorName(error);
        QVERIFY2(name != "?", qPrintable(QString::number(i)));
        QVERIFY2(QByteArrayView(handshakeErrorReason(error)) != "?", name.constData());
        QVERIFY2(QByteArrayView(handshakeErrorReference(error)).startsWith("RFC "), name.constData());
        names.insert(name);
        reasons.insert(handshakeErrorReason(error));
    }
    QCOMPARE(names.size(), last + 1);
    QCOMPARE(reasons.size(), last + 1);
}

QTEST_GUILESS_MAIN(tst_Handshake)
#include "tst_handshake.moc"
