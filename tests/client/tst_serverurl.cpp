#include "client/serverurl.h"

#include <QTest>

using namespace wslab::client;

class tst_ServerUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWebSocketUris_data();
    void readsWebSocketUris();
    void rejectsWhatIsNotAWebSocketUri_data();
    void rejectsWhatIsNotAWebSocketUri();
};

void tst_ServerUrl::readsWebSocketUris_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("secure");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("resourceName");
    QTest::addColumn<QByteArray>("hostHeader");

    QTest::addRow("ws with port") << "ws://127.0.0.1:9001/echo" << false << "127.0.0.1" << 9001 << QByteArray("/echo")
                                  << QByteArray("127.0.0.1:9001");
    // RFC 6455 §3: default ports 80 and 443, an empty path is "/", the query is part of the resource
    // name; §4.1 item 4: Host names the port only when it is not the default.
    QTest::addRow("ws default port, empty path") << "ws://example.test" << false << "example.test" << 80
                                                 << QByteArray("/") << QByteArray("example.test");
    QTest::addRow("wss default port") << "wss://example.test/a" << true << "example.test" << 443 << QByteArray("/a")
                                      << QByteArray("example.test");
    QTest::addRow("query kept") << "ws://localhost:8080/chat?room=1&x=%20" << false << "localhost" << 8080
                                << QByteArray("/chat?room=1&x=%20") << QByteArray("localhost:8080");
    QTest::addRow("scheme case-insensitive") << "WSS://Example.TEST:8443/" << true << "example.test" << 8443
                                             << QByteArray("/") << QByteArray("example.test:8443");
    QTest::addRow("ipv6 in brackets") << "ws://[::1]:9001/x" << false << "::1" << 9001 << QByteArray("/x")
                                      << QByteArray("[::1]:9001");
    QTest::addRow("surrounding spaces") << "  ws://127.0.0.1:1  " << false << "127.0.0.1" << 1 << QByteArray("/")
                                        << QByteArray("127.0.0.1:1");
}

void tst_ServerUrl::readsWebSocketUris()
{
    QFETCH(QString, text);
    const auto parsed = ServerUrl::parse(text);
    if (const auto *error = std::get_if<ServerUrlError>(&parsed))
        QFAIL(serverUrlErrorReason(*error));
    const ServerUrl url = std::get<ServerUrl>(parsed);
    QTEST(url.secure, "secure");
    QTEST(url.host, "host");
    QTEST(int(url.port), "port");
    QTEST(url.resourceName, "resourceName");
    QTEST(url.hostHeader(), "hostHeader");
    // The written form reads back to the same server and resource.
    const auto again = ServerUrl::parse(url.toString());
    QVERIFY(std::holds_alternative<ServerUrl>(again));
    QCOMPARE(std::get<ServerUrl>(again).toString(), url.toString());
    QCOMPARE(std::get<ServerUrl>(again).resourceName, url.resourceName);
}

void tst_ServerUrl::rejectsWhatIsNotAWebSocketUri_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ServerUrlError>("error");

    QTest::addRow("empty") << "" << ServerUrlError::NotAUrl;
    QTest::addRow("no scheme") << "127.0.0.1:9001" << ServerUrlError::NotAUrl;
    QTest::addRow("host taken for a scheme") << "localhost:9001" << ServerUrlError::UnsupportedScheme;
    QTest::addRow("http") << "http://127.0.0.1/" << ServerUrlError::UnsupportedScheme;
    QTest::addRow("no host") << "ws:///path" << ServerUrlError::MissingHost;
    QTest::addRow("port too large") << "ws://127.0.0.1:70000/" << ServerUrlError::NotAUrl;
    QTest::addRow("user info") << "ws://user:pw@127.0.0.1/" << ServerUrlError::HasUserInfo;
    QTest::addRow("fragment") << "ws://127.0.0.1/#top" << ServerUrlError::HasFragment;
    QTest::addRow("unclosed bracket") << "ws://[::1:80/" << ServerUrlError::NotAUrl;
}

void tst_ServerUrl::rejectsWhatIsNotAWebSocketUri()
{
    QFETCH(QString, text);
    const auto parsed = ServerUrl::parse(text);
    QVERIFY(std::holds_alternative<ServerUrlError>(parsed));
    QTEST(std::get<ServerUrlError>(parsed), "error");
    QVERIFY(*serverUrlErrorReason(std::get<ServerUrlError>(parsed)) != '\0');
}

QTEST_GUILESS_MAIN(tst_ServerUrl)
#include "tst_serverurl.moc"
