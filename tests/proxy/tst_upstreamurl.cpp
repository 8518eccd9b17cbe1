#include "proxy/upstreamurl.h"

#include <QTest>

using namespace wslab::proxy;

class tst_UpstreamUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesWebSocketUrls_data();
    void parsesWebSocketUrls();
    void rejectsWhatIsNotAnUpstream_data();
    void rejectsWhatIsNotAnUpstream();
    void everyErrorHasAReason();
};

void tst_UpstreamUrl::parsesWebSocketUrls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("secure");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("hostHeader");

    QTest::addRow("ws with port") << "ws://127.0.0.1:9001" << false << "127.0.0.1" << 9001 << "" << "127.0.0.1:9001";
    // RFC 6455 §3: the default ports are 80 for ws and 443 for wss.
    QTest::addRow("ws default port 80") << "ws://example.test" << false << "example.test" << 80 << ""
                                        << "example.test:80";
    QTest::addRow("wss default port 443") << "wss://example.test/" << true << "example.test" << 443 << ""
                                          << "example.test:443";
    QTest::addRow("scheme and host case-insensitive") << "WSS://Example.TEST:8443" << true << "example.test" << 8443
                                                      << "" << "example.test:8443";
    QTest::addRow("path prefix") << "ws://localhost:8080/api/v1" << false << "localhost" << 8080 << "/api/v1"
                                 << "localhost:8080";
    QTest::addRow("trailing slash dropped") << "ws://localhost:8080/api/" << false << "localhost" << 8080 << "/api"
                                            << "localhost:8080";
    QTest::addRow("query is not part of the prefix") << "ws://localhost:8080/chat?room=1" << false << "localhost"
                                                     << 8080 << "/chat" << "localhost:8080";
    QTest::addRow("ipv6 in brackets") << "ws://[::1]:9001/x" << false << "::1" << 9001 << "/x" << "[::1]:9001";
    QTest::addRow("surrounding spaces") << "  ws://127.0.0.1:1  " << false << "127.0.0.1" << 1 << ""
                                        << "127.0.0.1:1";
}

void tst_UpstreamUrl::parsesWebSocketUrls()
{
    QFETCH(QString, text);
    const auto parsed = UpstreamUrl::parse(text);
    if (const auto *error = std::get_if<UpstreamUrlError>(&parsed))
        QFAIL(upstreamUrlErrorReason(*error));
    const UpstreamUrl url = std::get<UpstreamUrl>(parsed);
    QTEST(url.secure, "secure");
    QTEST(url.host, "host");
    QTEST(int(url.port), "port");
    QTEST(url.pathPrefix, "prefix");
    QTEST(url.hostHeader(), "hostHeader");
    // The canonical form reads back to the same upstream.
    const auto again = UpstreamUrl::parse(url.toString());
    QVERIFY(std::holds_alternative<UpstreamUrl>(again));
    QCOMPARE(std::get<UpstreamUrl>(again).toString(), url.toString());
}

void tst_UpstreamUrl::rejectsWhatIsNotAnUpstream_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<UpstreamUrlError>("error");

    QTest::addRow("empty") << "" << UpstreamUrlError::Empty;
    QTest::addRow("blank") << "   " << UpstreamUrlError::Empty;
    QTest::addRow("no scheme") << "127.0.0.1:9001" << UpstreamUrlError::NotAUrl;
    QTest::addRow("http scheme") << "http://127.0.0.1:9001" << UpstreamUrlError::UnsupportedScheme;
    QTest::addRow("no host") << "ws://:9001/" << UpstreamUrlError::MissingHost;
    QTest::addRow("port zero") << "ws://127.0.0.1:0" << UpstreamUrlError::InvalidPort;
    QTest::addRow("port too large") << "ws://127.0.0.1:65536" << UpstreamUrlError::InvalidPort;
    QTest::addRow("port not a number") << "ws://127.0.0.1:abc" << UpstreamUrlError::InvalidPort;
    QTest::addRow("empty port") << "ws://127.0.0.1:/" << UpstreamUrlError::InvalidPort;
    QTest::addRow("user info") << "ws://user:pw@127.0.0.1:9001" << UpstreamUrlError::HasUserInfo;
    // RFC 6455 §3: fragment identifiers MUST NOT be used.
    QTest::addRow("fragment") << "ws://127.0.0.1:9001/#top" << UpstreamUrlError::HasFragment;
    QTest::addRow("unclosed bracket") << "ws://[::1:9001" << UpstreamUrlError::NotAUrl;
    QTest::addRow("bracketed non-address") << "ws://[example]:9001" << UpstreamUrlError::NotAUrl;
}

void tst_UpstreamUrl::rejectsWhatIsNotAnUpstream()
{
    QFETCH(QString, text);
    const auto parsed = UpstreamUrl::parse(text);
    QVERIFY(std::holds_alternative<UpstreamUrlError>(parsed));
    QTEST(std::get<UpstreamUrlError>(parsed), "error");
}

void tst_UpstreamUrl::everyErrorHasAReason()
{
    for (int value = int(UpstreamUrlError::Empty); value <= int(UpstreamUrlError::HasFragment); ++value)
        QVERIFY(qstrlen(upstreamUrlErrorReason(UpstreamUrlError(value))) > 10);
}

QTEST_GUILESS_MAIN(tst_UpstreamUrl)
#include "tst_upstreamurl.moc"
