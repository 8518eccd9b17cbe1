#include "server/protocol/deflateoffer.h"
#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"

#include <QTest>

using namespace wslab::protocol;

Q_DECLARE_METATYPE(wslab::protocol::DeflateOffer)
Q_DECLARE_METATYPE(wslab::protocol::DeflateOfferError)
Q_DECLARE_METATYPE(wslab::protocol::DeflatePolicy)
Q_DECLARE_METATYPE(wslab::protocol::DeflateParameters)
Q_DECLARE_METATYPE(wslab::protocol::DeclinedDeflateOffer)

namespace wslab::protocol {

char *toString(DeflateOfferError error)
{
    return qstrdup(deflateOfferErrorName(error));
}

char *toString(const DeflateOffer &offer)
{
    auto bits = [](std::optional<int> value) {
        return value ? QByteArray::number(*value) : QByteArray("-");
    };
    return qstrdup("snct=" + QByteArray::number(offer.serverNoContextTakeover)
                   + " cnct=" + QByteArray::number(offer.clientNoContextTakeover)
                   + " smwb=" + bits(offer.serverMaxWindowBits)
                   + " cmwb=" + (offer.hasClientMaxWindowBits ? bits(offer.clientMaxWindowBits) : QByteArray("absent")));
}

char *toString(const DeflateParameters &parameters)
{
    return qstrdup("snct=" + QByteArray::number(parameters.serverNoContextTakeover)
                   + " cnct=" + QByteArray::number(parameters.clientNoContextTakeover)
                   + " server=" + QByteArray::number(parameters.serverMaxWindowBits)
                   + " client=" + QByteArray::number(parameters.clientMaxWindowBits));
}

char *toString(const DeclinedDeflateOffer &declined)
{
    return qstrdup("#" + QByteArray::number(declined.index) + " " + deflateOfferErrorName(declined.error));
}

} // namespace wslab::protocol

namespace {

DeflateOffer offer(bool snct, bool cnct, std::optional<int> server, bool hasClient, std::optional<int> client)
{
    DeflateOffer result;
    result.serverNoContextTakeover = snct;
    result.clientNoContextTakeover = cnct;
    result.serverMaxWindowBits = server;
    result.hasClientMaxWindowBits = hasClient;
    result.clientMaxWindowBits = client;
    return result;
}

DeflateParameters parameters(bool snct, bool cnct, int server, int client)
{
    return DeflateParameters{snct, cnct, server, client};
}

DeflatePolicy policy(bool snct, bool cnct, int server, int client)
{
    return DeflatePolicy{snct, cnct, server, client};
}

// A real upgrade request head through the real parser, the extensions field lines as given.
HttpRequestHead upgradeHead(const QByteArrayList &extensionLines)
{
    QByteArray raw = "GET /chatsocket HTTP/1.1\r\nHost: 127.0.0.1:8002\r\nConnection: Upgrade\r\n"
                     "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    for (const QByteArray &line : extensionLines)
        raw += "Sec-WebSocket-Extensions: " + line + "\r\n";
    raw += "\r\n";
    const HttpParseResult result = HttpRequestParser::parse(raw, 16 * 1024);
    if (result.status != HttpParseResult::Status::Complete)
        qFatal("test request does not parse: %s", raw.constData());
    return result.head;
}

} // namespace

class TestDeflateOffer : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidOffer_data();
    void parsesValidOffer();
    void declinesInvalidOffer_data();
    void declinesInvalidOffer();
    void negotiates_data();
    void negotiates();
    void everyCombinationKeepsTheRfcRules_data();
    void everyCombinationKeepsTheRfcRules();
    void negotiatesOffersFromTheHandshake_data();
    void negotiatesOffersFromTheHandshake();
    void everyErrorHasNameAndReason();
};

void TestDeflateOffer::parsesValidOffer_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<DeflateOffer>("expected");

    QTest::addRow("bare") << QByteArray("permessage-deflate") << offer(false, false, {}, false, {});
    QTest::addRow("chromium") << QByteArray("permessage-deflate; client_max_window_bits")
                              << offer(false, false, {}, true, {});
    QTest::addRow("server_no_context_takeover") << QByteArray("permessage-deflate; server_no_context_takeover")
                                                << offer(true, false, {}, false, {});
    QTest::addRow("client_no_context_takeover") << QByteArray("permessage-deflate; client_no_context_takeover")
                                                << offer(false, true, {}, false, {});
    for (int bits = minWindowBits; bits <= maxWindowBits; ++bits) {
        QTest::addRow("server_max_window_bits=%d", bits)
                << "permessage-deflate; server_max_window_bits=" + QByteArray::number(bits)
                << offer(false, false, bits, false, {});
        QTest::addRow("client_max_window_bits=%d", bits)
                << "permessage-deflate; client_max_window_bits=" + QByteArray::number(bits)
                << offer(false, false, {}, true, bits);
    }
    QTest::addRow("all four") << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                                            " server_max_window_bits=10; client_max_window_bits=9")
                              << offer(true, true, 10, true, 9);
    QTest::addRow("all four, other order")
            << QByteArray("permessage-deflate; client_max_window_bits; server_max_window_bits=12;"
                          " client_no_context_takeover; server_no_context_takeover")
            << offer(true, true, 12, true, {});
    // RFC 6455 §9.1: a quoted-string value whose content is a token is the same value.
    QTest::addRow("quoted value") << QByteArray("permessage-deflate; server_max_window_bits=\"10\"")
                                  << offer(false, false, 10, false, {});
    QTest::addRow("quoted value with escape") << QByteArray("permessage-deflate; client_max_window_bits=\"1\\1\"")
                                              << offer(false, false, {}, true, 11);
    QTest::addRow("whitespace around = and ;")
            << QByteArray("permessage-deflate ;\tserver_max_window_bits = 9 ; client_max_window_bits")
            << offer(false, false, 9, true, {});
}

void TestDeflateOffer::parsesValidOffer()
{
    QFETCH(QByteArray, element);
    QFETCH(DeflateOffer, expected);

    const auto parsed = parseDeflateOffer(element);
    if (const auto *error = std::get_if<DeflateOfferError>(&parsed))
        QFAIL(deflateOfferErrorName(*error));
    QCOMPARE(std::get<DeflateOffer>(parsed), expected);
}

void TestDeflateOffer::declinesInvalidOffer_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<DeflateOfferError>("expected");

    using E = DeflateOfferError;
    QTest::addRow("other extension") << QByteArray("x-webkit-deflate-frame") << E::NotPermessageDeflate;
    QTest::addRow("name with a parameter only") << QByteArray("permessage-deflate-x; a") << E::NotPermessageDeflate;
    QTest::addRow("names match exactly") << QByteArray("Permessage-Deflate") << E::NotPermessageDeflate;
    QTest::addRow("empty element") << QByteArray("") << E::NotPermessageDeflate;

    // RFC 7692 §7.1: a parameter not defined for an offer.
    QTest::addRow("unknown parameter") << QByteArray("permessage-deflate; foo") << E::UnknownParameter;
    QTest::addRow("unknown parameter with value") << QByteArray("permessage-deflate; foo=1") << E::UnknownParameter;
    QTest::addRow("parameter names match exactly")
            << QByteArray("permessage-deflate; Server_No_Context_Takeover") << E::UnknownParameter;
    QTest::addRow("draft-era parameter") << QByteArray("permessage-deflate; s2c_max_window_bits=10")
                                         << E::UnknownParameter;

    // §7.1: the same parameter twice, each of the four.
    const char *names[] = {"server_no_context_takeover", "client_no_context_takeover",
                           "server_max_window_bits=10", "client_max_window_bits"};
    for (const char *name : names) {
        QTest::addRow("duplicate %s", name)
                << QByteArray("permessage-deflate; ") + name + "; " + name << E::DuplicateParameter;
    }
    QTest::addRow("duplicate with different values")
            << QByteArray("permessage-deflate; client_max_window_bits=10; client_max_window_bits")
            << E::DuplicateParameter;

    // §7.1.1: the context takeover parameters have no value.
    QTest::addRow("server_no_context_takeover=1")
            << QByteArray("permessage-deflate; server_no_context_takeover=1") << E::UnexpectedValue;
    QTest::addRow("client_no_context_takeover=\"x\"")
            << QByteArray("permessage-deflate; client_no_context_takeover=\"x\"") << E::UnexpectedValue;

    // §7.1.2.1: server_max_window_bits must have a value in an offer.
    QTest::addRow("server_max_window_bits without value")
            << QByteArray("permessage-deflate; server_max_window_bits") << E::MissingValue;

    // §7.1.2: "a decimal integer value without leading zeroes between 8 to 15, inclusive".
    const char *badValues[] = {"0", "7", "16", "08", "010", "+9", "-9", "9a", "1e1", "abc", "255",
                               "99999999999999999999", "\"16\""};
    for (const char *value : badValues) {
        QTest::addRow("server_max_window_bits=%s", value)
                << QByteArray("permessage-deflate; server_max_window_bits=") + value << E::InvalidWindowBits;
        QTest::addRow("client_max_window_bits=%s", value)
                << QByteArray("permessage-deflate; client_max_window_bits=") + value << E::InvalidWindowBits;
    }

    // RFC 6455 §9.1 syntax.
    QTest::addRow("trailing semicolon") << QByteArray("permessage-deflate;") << E::MalformedParameter;
    QTest::addRow("empty parameter") << QByteArray("permessage-deflate;; client_max_window_bits")
                                     << E::MalformedParameter;
    QTest::addRow("empty value") << QByteArray("permessage-deflate; client_max_window_bits=")
                                 << E::MalformedParameter;
    QTest::addRow("empty quoted value") << QByteArray("permessage-deflate; client_max_window_bits=\"\"")
                                        << E::MalformedParameter;
    QTest::addRow("value without name") << QByteArray("permessage-deflate; =10") << E::MalformedParameter;
    QTest::addRow("space inside name") << QByteArray("permessage-deflate; client max_window_bits")
                                       << E::MalformedParameter;
    QTest::addRow("unterminated quote") << QByteArray("permessage-deflate; client_max_window_bits=\"10")
                                        << E::MalformedParameter;
    QTest::addRow("quote inside quoted value") << QByteArray("permessage-deflate; client_max_window_bits=\"1\"0\"")
                                               << E::MalformedParameter;
    QTest::addRow("quoted value not a token") << QByteArray("permessage-deflate; client_max_window_bits=\"1 0\"")
                                              << E::MalformedParameter;
    QTest::addRow("semicolon in quotes stays in the value")
            << QByteArray("permessage-deflate; client_max_window_bits=\"10;server_no_context_takeover\"")
            << E::MalformedParameter;
    QTest::addRow("value with separator") << QByteArray("permessage-deflate; client_max_window_bits=1/0")
                                          << E::MalformedParameter;
}

void TestDeflateOffer::declinesInvalidOffer()
{
    QFETCH(QByteArray, element);
    QFETCH(DeflateOfferError, expected);

    const auto parsed = parseDeflateOffer(element);
    QVERIFY(std::holds_alternative<DeflateOfferError>(parsed));
    QCOMPARE(std::get<DeflateOfferError>(parsed), expected);

    // §5: a declined offer is skipped, and a valid offer after it is still accepted.
    const DeflateNegotiation negotiation = negotiatePerMessageDeflate({element, "permessage-deflate"});
    QCOMPARE(negotiation.acceptedIndex, 1);
    QCOMPARE(negotiation.declined, QList<DeclinedDeflateOffer>({{0, expected}}));
    QCOMPARE(negotiation.responseValue, QByteArray("permessage-deflate"));
}

void TestDeflateOffer::negotiates_data()
{
    QTest::addColumn<QByteArrayList>("offers");
    QTest::addColumn<DeflatePolicy>("serverPolicy");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<DeflateParameters>("agreed");
    QTest::addColumn<qsizetype>("acceptedIndex");
    QTest::addColumn<QList<DeclinedDeflateOffer>>("declined");

    using E = DeflateOfferError;
    const DeflatePolicy takeWhatIsAsked;
    const QList<DeclinedDeflateOffer> none;

    QTest::addRow("firefox") << QByteArrayList{"permessage-deflate"} << takeWhatIsAsked
                             << QByteArray("permessage-deflate") << parameters(false, false, 15, 15)
                             << qsizetype(0) << none;
    // §7.1.2.2: an offered client_max_window_bits without value may be answered with any value.
    QTest::addRow("chromium") << QByteArrayList{"permessage-deflate; client_max_window_bits"} << takeWhatIsAsked
                              << QByteArray("permessage-deflate; client_max_window_bits=15")
                              << parameters(false, false, 15, 15) << qsizetype(0) << none;
    // §7.1.1.1: an offered server_no_context_takeover must be in the response.
    QTest::addRow("server_no_context_takeover offered")
            << QByteArrayList{"permessage-deflate; server_no_context_takeover"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; server_no_context_takeover") << parameters(true, false, 15, 15)
            << qsizetype(0) << none;
    QTest::addRow("client_no_context_takeover offered")
            << QByteArrayList{"permessage-deflate; client_no_context_takeover"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; client_no_context_takeover") << parameters(false, true, 15, 15)
            << qsizetype(0) << none;
    // §7.1.2.1: "the same or smaller value as the offer".
    QTest::addRow("server_max_window_bits=10 offered")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=10"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; server_max_window_bits=10") << parameters(false, false, 10, 15)
            << qsizetype(0) << none;
    QTest::addRow("server_max_window_bits=15 offered is answered")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=15"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; server_max_window_bits=15") << parameters(false, false, 15, 15)
            << qsizetype(0) << none;
    QTest::addRow("client_max_window_bits=9 offered")
            << QByteArrayList{"permessage-deflate; client_max_window_bits=9"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; client_max_window_bits=9") << parameters(false, false, 15, 9)
            << qsizetype(0) << none;
    QTest::addRow("client_max_window_bits=8 offered")
            << QByteArrayList{"permessage-deflate; client_max_window_bits=8"} << takeWhatIsAsked
            << QByteArray("permessage-deflate; client_max_window_bits=8") << parameters(false, false, 15, 8)
            << qsizetype(0) << none;

    // The server's own wishes.
    const DeflatePolicy frugal = policy(true, true, 10, 9);
    QTest::addRow("frugal server, bare offer")
            << QByteArrayList{"permessage-deflate"} << frugal
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                          " server_max_window_bits=10")
            << parameters(true, true, 10, 15) << qsizetype(0) << none;
    QTest::addRow("frugal server, chromium offer")
            << QByteArrayList{"permessage-deflate; client_max_window_bits"} << frugal
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                          " server_max_window_bits=10; client_max_window_bits=9")
            << parameters(true, true, 10, 9) << qsizetype(0) << none;
    QTest::addRow("frugal server, smaller client offer wins")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=9; client_max_window_bits=8"} << frugal
            << QByteArray("permessage-deflate; server_no_context_takeover; client_no_context_takeover;"
                          " server_max_window_bits=9; client_max_window_bits=8")
            << parameters(true, true, 9, 8) << qsizetype(0) << none;
    QTest::addRow("policy below 9 compresses with 9")
            << QByteArrayList{"permessage-deflate"} << policy(false, false, 8, 15)
            << QByteArray("permessage-deflate; server_max_window_bits=9") << parameters(false, false, 9, 15)
            << qsizetype(0) << none;
    QTest::addRow("policy out of range is clamped")
            << QByteArrayList{"permessage-deflate; client_max_window_bits"} << policy(false, false, 99, 3)
            << QByteArray("permessage-deflate; client_max_window_bits=8") << parameters(false, false, 15, 8)
            << qsizetype(0) << none;

    // §5: declined offers, then the next one.
    QTest::addRow("server window 8 declined, fallback accepted")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=8", "permessage-deflate; client_max_window_bits"}
            << takeWhatIsAsked << QByteArray("permessage-deflate; client_max_window_bits=15")
            << parameters(false, false, 15, 15) << qsizetype(1)
            << QList<DeclinedDeflateOffer>{{0, E::ServerWindowUnsupported}};
    QTest::addRow("other extensions first")
            << QByteArrayList{"x-webkit-deflate-frame", "permessage-deflate; unknown", "permessage-deflate; server_max_window_bits=12"}
            << takeWhatIsAsked << QByteArray("permessage-deflate; server_max_window_bits=12")
            << parameters(false, false, 12, 15) << qsizetype(2)
            << QList<DeclinedDeflateOffer>{{0, E::NotPermessageDeflate}, {1, E::UnknownParameter}};
    QTest::addRow("first acceptable offer wins")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=11", "permessage-deflate"}
            << takeWhatIsAsked << QByteArray("permessage-deflate; server_max_window_bits=11")
            << parameters(false, false, 11, 15) << qsizetype(0) << none;
}

void TestDeflateOffer::negotiates()
{
    QFETCH(QByteArrayList, offers);
    QFETCH(DeflatePolicy, serverPolicy);
    QFETCH(QByteArray, response);
    QFETCH(DeflateParameters, agreed);
    QFETCH(qsizetype, acceptedIndex);
    QFETCH(QList<DeclinedDeflateOffer>, declined);

    const DeflateNegotiation negotiation = negotiatePerMessageDeflate(offers, serverPolicy);
    QVERIFY(negotiation.accepted.has_value());
    QCOMPARE(*negotiation.accepted, agreed);
    QCOMPARE(negotiation.responseValue, response);
    QCOMPARE(negotiation.acceptedIndex, acceptedIndex);
    QCOMPARE(negotiation.declined, declined);
}

// Every offer a client can make from the four parameters, against three server policies. The
// expectations are the RFC's rules about responses, checked on the response text as sent.
void TestDeflateOffer::everyCombinationKeepsTheRfcRules_data()
{
    QTest::addColumn<QByteArray>("element");
    QTest::addColumn<DeflateOffer>("sent");
    QTest::addColumn<DeflatePolicy>("serverPolicy");

    const std::optional<int> serverChoices[] = {std::nullopt, 8, 9, 12, 15};
    // {present, value}
    const std::pair<bool, std::optional<int>> clientChoices[] = {
            {false, std::nullopt}, {true, std::nullopt}, {true, 8}, {true, 10}, {true, 15}};
    const std::pair<const char *, DeflatePolicy> policies[] = {
            {"default", DeflatePolicy{}}, {"frugal", policy(true, true, 10, 9)}, {"small", policy(false, false, 9, 8)}};

    for (const auto &[policyName, serverPolicy] : policies) {
        for (int snct = 0; snct < 2; ++snct) {
            for (int cnct = 0; cnct < 2; ++cnct) {
                for (const auto &server : serverChoices) {
                    for (const auto &[hasClient, client] : clientChoices) {
                        QByteArray element = "permessage-deflate";
                        if (snct)
                            element += "; server_no_context_takeover";
                        if (cnct)
                            element += "; client_no_context_takeover";
                        if (server)
                            element += "; server_max_window_bits=" + QByteArray::number(*server);
                        if (hasClient)
                            element += "; client_max_window_bits" + (client ? "=" + QByteArray::number(*client) : QByteArray());
                        QTest::addRow("%s: %s", policyName, element.constData())
                                << element << offer(snct, cnct, server, hasClient, client) << serverPolicy;
                    }
                }
            }
        }
    }
}

void TestDeflateOffer::everyCombinationKeepsTheRfcRules()
{
    QFETCH(QByteArray, element);
    QFETCH(DeflateOffer, sent);
    QFETCH(DeflatePolicy, serverPolicy);

    const DeflateNegotiation negotiation = negotiatePerMessageDeflate({element}, serverPolicy);
    if (sent.serverMaxWindowBits == 8) {
        // zlib cannot compress within 256 bytes: decline rather than break the promise.
        QVERIFY(!negotiation.accepted);
        QVERIFY(negotiation.responseValue.isEmpty());
        QCOMPARE(negotiation.declined, QList<DeclinedDeflateOffer>({{0, DeflateOfferError::ServerWindowUnsupported}}));
        return;
    }
    QVERIFY(negotiation.accepted);
    const DeflateParameters agreed = *negotiation.accepted;

    // The response uses the offer grammar; read it back as a client would.
    const auto parsedResponse = parseDeflateOffer(negotiation.responseValue);
    QVERIFY2(std::holds_alternative<DeflateOffer>(parsedResponse), negotiation.responseValue.constData());
    const DeflateOffer answered = std::get<DeflateOffer>(parsedResponse);

    // What the response says is what the server will do.
    QCOMPARE(answered.serverNoContextTakeover, agreed.serverNoContextTakeover);
    QCOMPARE(answered.clientNoContextTakeover, agreed.clientNoContextTakeover);
    QCOMPARE(answered.serverMaxWindowBits.value_or(15), agreed.serverMaxWindowBits);
    QCOMPARE(answered.clientMaxWindowBits.value_or(15), agreed.clientMaxWindowBits);

    // §7.1.1: context takeover is given up when either side asks, and only then.
    QCOMPARE(agreed.serverNoContextTakeover, sent.serverNoContextTakeover || serverPolicy.serverNoContextTakeover);
    QCOMPARE(agreed.clientNoContextTakeover, sent.clientNoContextTakeover || serverPolicy.clientNoContextTakeover);

    // §7.1.2.1: an offered server window is answered, with the same or a smaller value; the server
    // compresses with the largest window both allow, and never with 256 bytes.
    if (sent.serverMaxWindowBits) {
        QVERIFY(answered.serverMaxWindowBits.has_value());
        QVERIFY(*answered.serverMaxWindowBits <= *sent.serverMaxWindowBits);
    }
    QVERIFY(agreed.serverMaxWindowBits <= std::max(serverPolicy.serverMaxWindowBits, minCompressWindowBits));
    QCOMPARE(agreed.serverMaxWindowBits,
             std::min(sent.serverMaxWindowBits.value_or(15), std::max(serverPolicy.serverMaxWindowBits, 9)));

    // §7.1.2.2: client_max_window_bits only if offered, never above the offered value.
    QCOMPARE(answered.hasClientMaxWindowBits, sent.hasClientMaxWindowBits);
    if (sent.hasClientMaxWindowBits) {
        QVERIFY(answered.clientMaxWindowBits.has_value()); // a response always gives the value
        QCOMPARE(agreed.clientMaxWindowBits,
                 std::min(sent.clientMaxWindowBits.value_or(15), serverPolicy.clientMaxWindowBits));
    } else {
        QCOMPARE(agreed.clientMaxWindowBits, 15); // the client may use the full window
    }
}

void TestDeflateOffer::negotiatesOffersFromTheHandshake_data()
{
    QTest::addColumn<QByteArrayList>("extensionLines");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<qsizetype>("acceptedIndex");

    QTest::addRow("no extensions") << QByteArrayList{} << QByteArray() << qsizetype(-1);
    QTest::addRow("chromium") << QByteArrayList{"permessage-deflate; client_max_window_bits"}
                              << QByteArray("permessage-deflate; client_max_window_bits=15") << qsizetype(0);
    QTest::addRow("two offers in one line")
            << QByteArrayList{"permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=9"}
            << QByteArray("permessage-deflate; server_max_window_bits=9") << qsizetype(1);
    QTest::addRow("offers over two lines")
            << QByteArrayList{"x-webkit-deflate-frame", "permessage-deflate; client_no_context_takeover"}
            << QByteArray("permessage-deflate; client_no_context_takeover") << qsizetype(1);
    QTest::addRow("comma inside a quoted value")
            << QByteArrayList{"permessage-deflate; client_max_window_bits=\"1,0\", permessage-deflate"}
            << QByteArray("permessage-deflate") << qsizetype(1);
    QTest::addRow("nothing acceptable") << QByteArrayList{"permessage-deflate; server_max_window_bits"}
                                        << QByteArray() << qsizetype(-1);
}

void TestDeflateOffer::negotiatesOffersFromTheHandshake()
{
    QFETCH(QByteArrayList, extensionLines);
    QFETCH(QByteArray, response);
    QFETCH(qsizetype, acceptedIndex);

    const auto request = validateUpgradeRequest(upgradeHead(extensionLines));
    QVERIFY(std::holds_alternative<UpgradeRequest>(request));
    const DeflateNegotiation negotiation =
            negotiatePerMessageDeflate(std::get<UpgradeRequest>(request).extensionOffers);
    QCOMPARE(negotiation.responseValue, response);
    QCOMPARE(negotiation.acceptedIndex, acceptedIndex);
    QCOMPARE(negotiation.accepted.has_value(), acceptedIndex >= 0);
}

void TestDeflateOffer::everyErrorHasNameAndReason()
{
    for (int value = 0; value <= int(DeflateOfferError::ServerWindowUnsupported); ++value) {
        const auto error = DeflateOfferError(value);
        QVERIFY(qstrcmp(deflateOfferErrorName(error), "?") != 0);
        QVERIFY(qstrcmp(deflateOfferErrorReason(error), "?") != 0);
    }
}

QTEST_GUILESS_MAIN(TestDeflateOffer)
#include "tst_deflateoffer.moc"
