#include "client/openinghandshake.h"

#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"

#include <QSet>
#include <QTest>

using namespace wslab;
using namespace wslab::client;

class tst_OpeningHandshake : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keysAreFreshAndCanonical();
    void requestPassesTheServersChecks_data();
    void requestPassesTheServersChecks();
};

// RFC 6455 §4.1 item 7: a nonce of 16 random bytes, base64, new for every connection.
void tst_OpeningHandshake::keysAreFreshAndCanonical()
{
    QSet<QByteArray> keys;
    for (int i = 0; i < 200; ++i) {
        const QByteArray key = OpeningHandshake::randomKey();
        QVERIFY2(protocol::isValidWebSocketKey(key), key.constData());
        keys.insert(key);
    }
    QCOMPARE(keys.size(), 200);
}

void tst_OpeningHandshake::requestPassesTheServersChecks_data()
{
    QTest::addColumn<bool>("offerDeflate");
    QTest::addColumn<QList<QByteArray>>("subprotocols");
    QTest::addColumn<QByteArray>("resourceName");

    QTest::addRow("bare") << false << QList<QByteArray>{} << QByteArray("/");
    QTest::addRow("deflate offered") << true << QList<QByteArray>{} << QByteArray("/echo");
    QTest::addRow("two subprotocols and a query") << true << QList<QByteArray>{"chat", "superchat"}
                                                  << QByteArray("/chat?room=1");
}

// The request is read back by the server side's own parser and §4.1/§4.2.1 checks.
void tst_OpeningHandshake::requestPassesTheServersChecks()
{
    QFETCH(bool, offerDeflate);
    QFETCH(QList<QByteArray>, subprotocols);
    QFETCH(QByteArray, resourceName);
    ClientSettings settings;
    settings.url.host = QStringLiteral("127.0.0.1");
    settings.url.port = 9001;
    settings.url.resourceName = resourceName;
    settings.offerDeflate = offerDeflate;
    settings.subprotocols = subprotocols;
    settings.headers = {{"Origin", "http://example.test"}, {"X-Test", "yes"}};
    const QByteArray key = OpeningHandshake::randomKey();
    const OpeningHandshake handshake = OpeningHandshake::build(settings, key);

    const auto parsed = protocol::HttpRequestParser::parse(handshake.request, 16 * 1024);
    QCOMPARE(parsed.status, protocol::HttpParseStatus::Complete);
    QCOMPARE(parsed.head.size, handshake.request.size());
    const auto validated = protocol::validateUpgradeRequest(parsed.head);
    QVERIFY(std::holds_alternative<protocol::UpgradeRequest>(validated));
    const auto &request = std::get<protocol::UpgradeRequest>(validated);
    QCOMPARE(request.key, key);
    QCOMPARE(request.target, resourceName);
    QCOMPARE(request.host, QByteArray("127.0.0.1:9001"));
    QCOMPARE(request.subprotocols, subprotocols);
    QCOMPARE(request.extensionOffers, handshake.extensionOffers);
    QCOMPARE(request.extensionOffers.isEmpty(), !offerDeflate);
    QCOMPARE(request.origin, QByteArray("http://example.test"));
    QCOMPARE(parsed.head.value("X-Test"), QByteArray("yes"));
}

QTEST_GUILESS_MAIN(tst_OpeningHandshake)
#include "tst_openinghandshake.moc"
