#include "app/cli/commandline.h"
#include "app/onestringtranslator.h"

#include <QCoreApplication>
#include <QTest>

using wslab::app::CommandLine;

class tst_CommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsChangeNothing();
    void everyOptionIsApplied();
    void allowOriginStarMeansAny();
    void compressionFlags_data();
    void compressionFlags();
    void nonLoopbackBindWarns();
    void errors_data();
    void errors();
    void helpAndVersionAreActions();
    void byteSizes_data();
    void byteSizes();
    void headlessPrecheck();
    void readOptions();
    void filesNamedAloneOpenInTheApp();
    void upstreamOptions();
    void connectOptions();
    void helpHintIsTranslatable();
};


void tst_CommandLine::defaultsChangeNothing()
{
    const auto result = CommandLine::parse({"wslab"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QVERIFY(!result.options.headless);
    wslab::server::ServerSettings settings;
    result.options.applyTo(settings);
    QCOMPARE(settings, wslab::server::ServerSettings());
}

void tst_CommandLine::everyOptionIsApplied()
{
    const auto result = CommandLine::parse({"wslab", "--headless", "--port", "9000", "--bind", "::1",
                                            "--allow-origin", "https://a.example", "--allow-origin",
                                            "http://b.example:8080", "--max-message", "1M", "--max-frame", "64K",
                                            "--fragment-size", "1000", "--ping-interval", "2500", "--no-capture",
                                            "--echo-all", "--quiet", "--lang", "zh_CN", "--web-root", "/tmp/web"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QVERIFY(result.warnings.isEmpty());
    const auto &options = result.options;
    QVERIFY(options.headless);
    QVERIFY(options.quiet);
    QCOMPARE(options.startup.language, QStringLiteral("zh_CN"));
    wslab::server::ServerSettings settings;
    options.applyTo(settings);
    QCOMPARE(settings.port, 9000);
    QCOMPARE(settings.bindAddress, QStringLiteral("::1"));
    QCOMPARE(settings.allowedOrigins, (QStringList{"https://a.example", "http://b.example:8080"}));
    QVERIFY(!settings.allowAnyOrigin);
    QCOMPARE(settings.maxMessageSize, 1024 * 1024);
    QCOMPARE(settings.maxFramePayload, 64 * 1024);
    QCOMPARE(settings.outgoingFragmentSize, 1000);
    QCOMPARE(settings.pingIntervalMs, 2500);
    QVERIFY(!settings.captureEnabled);
    QVERIFY(settings.echoEverywhere);
    QCOMPARE(settings.staticRoot, QStringLiteral("/tmp/web"));
}

void tst_CommandLine::allowOriginStarMeansAny()
{
    const auto result = CommandLine::parse({"wslab", "--allow-origin", "*"});
    QVERIFY(result.options.allowAnyOrigin);
    QVERIFY(result.options.allowedOrigins.isEmpty());
}

void tst_CommandLine::compressionFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("saved");    // what the saved settings say
    QTest::addColumn<bool>("expected"); // what the run uses
    QTest::addRow("neither keeps off") << QStringList{"wslab"} << false << false;
    QTest::addRow("neither keeps on") << QStringList{"wslab"} << true << true;
    QTest::addRow("--deflate") << QStringList{"wslab", "--deflate"} << false << true;
    QTest::addRow("--no-deflate") << QStringList{"wslab", "--no-deflate"} << true << false;
}

// --deflate and --no-deflate hold for one run over what is saved; without them the saved choice
// (off unless the user switched it on) stands.
void tst_CommandLine::compressionFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, saved);
    QFETCH(bool, expected);
    const auto result = CommandLine::parse(arguments);
    QCOMPARE(result.action, CommandLine::Action::Run);
    wslab::server::ServerSettings settings;
    QVERIFY(!settings.permessageDeflate); // the lab's default
    settings.permessageDeflate = saved;
    result.options.applyTo(settings);
    QCOMPARE(settings.permessageDeflate, expected);
}

void tst_CommandLine::nonLoopbackBindWarns()
{
    QCOMPARE(CommandLine::parse({"wslab", "--bind", "0.0.0.0"}).warnings.size(), 1);
    QCOMPARE(CommandLine::parse({"wslab", "--bind", "127.0.0.1"}).warnings.size(), 0);
    QCOMPARE(CommandLine::parse({"wslab", "--bind", "localhost"}).warnings.size(), 0);
}

void tst_CommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("port not a number") << QStringList{"wslab", "--port", "x"};
    QTest::addRow("port too big") << QStringList{"wslab", "--port", "65536"};
    QTest::addRow("bind not an address") << QStringList{"wslab", "--bind", "example.com"};
    QTest::addRow("size not a size") << QStringList{"wslab", "--max-message", "lots"};
    QTest::addRow("negative size") << QStringList{"wslab", "--max-frame", "-1"};
    QTest::addRow("ping interval") << QStringList{"wslab", "--ping-interval", "soon"};
    QTest::addRow("unknown option") << QStringList{"wslab", "--frobnicate"};
    QTest::addRow("missing value") << QStringList{"wslab", "--port"};
    QTest::addRow("file with headless") << QStringList{"wslab", "--headless", "f.pcap"};
    QTest::addRow("file with read") << QStringList{"wslab", "--read", "f.pcap", "g.pcap"};
    QTest::addRow("file with connect") << QStringList{"wslab", "--connect", "ws://h/", "f.pcap"};
    QTest::addRow("read with headless") << QStringList{"wslab", "--read", "f.pcap", "--headless"};
    QTest::addRow("summary without read") << QStringList{"wslab", "--summary"};
    QTest::addRow("decode-as without read") << QStringList{"wslab", "--decode-as", "80"};
    QTest::addRow("decode-as not a port") << QStringList{"wslab", "--read", "f", "--decode-as", "0"};
    QTest::addRow("json with the window") << QStringList{"wslab", "--json"};
    QTest::addRow("deflate and no-deflate") << QStringList{"wslab", "--deflate", "--no-deflate"};
    QTest::addRow("upstream not ws") << QStringList{"wslab", "--headless", "--upstream", "http://127.0.0.1:1"};
    QTest::addRow("rewrite-host without upstream") << QStringList{"wslab", "--headless", "--rewrite-host"};
    QTest::addRow("insecure with ws") << QStringList{"wslab", "--headless", "--upstream", "ws://127.0.0.1:1",
                                                     "--insecure"};
    QTest::addRow("upstream-ca without upstream") << QStringList{"wslab", "--headless", "--upstream-ca", "ca.pem"};
    QTest::addRow("upstream-ca and insecure") << QStringList{"wslab", "--headless", "--upstream", "wss://h",
                                                             "--upstream-ca", "ca.pem", "--insecure"};
    QTest::addRow("connect not ws") << QStringList{"wslab", "--connect", "http://127.0.0.1:1/"};
    QTest::addRow("connect with a fragment") << QStringList{"wslab", "--connect", "ws://127.0.0.1:1/#x"};
    QTest::addRow("binary without connect") << QStringList{"wslab", "--headless", "--binary"};
    QTest::addRow("header without connect") << QStringList{"wslab", "--headless", "-H", "X-A: b"};
    QTest::addRow("header without colon") << QStringList{"wslab", "--connect", "ws://h/", "-H", "X-A b"};
    QTest::addRow("subprotocol with a comma") << QStringList{"wslab", "--connect", "ws://h/", "--subprotocol", "a,b"};
    QTest::addRow("ca with ws") << QStringList{"wslab", "--connect", "ws://h/", "--ca", "ca.pem"};
    QTest::addRow("ca and insecure") << QStringList{"wslab", "--connect", "wss://h/", "--ca", "ca.pem", "--insecure"};
    QTest::addRow("insecure with ws connect") << QStringList{"wslab", "--connect", "ws://h/", "--insecure"};
    QTest::addRow("connect and upstream") << QStringList{"wslab", "--headless", "--connect", "ws://h/", "--upstream",
                                                         "ws://h/"};
}

void tst_CommandLine::errors()
{
    QFETCH(QStringList, arguments);
    const auto result = CommandLine::parse(arguments);
    QCOMPARE(result.action, CommandLine::Action::Error);
    QVERIFY(!result.text.isEmpty());
}

// As Wireshark does, and as the desktop entry's "Exec=wslab %F" needs: files named on the command
// line open in the app, in the order given.
void tst_CommandLine::filesNamedAloneOpenInTheApp()
{
    const auto result = CommandLine::parse({"wslab", "a.pcap", "--lang", "zh_CN", "dir/b.har"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.options.openFiles, (QStringList{"a.pcap", "dir/b.har"}));
    QVERIFY(!result.options.headless);
    QVERIFY(CommandLine::parse({"wslab"}).options.openFiles.isEmpty());
    QVERIFY(CommandLine::parse({"wslab", "--help"}).text.contains(QLatin1String("[FILE...]")));
}

void tst_CommandLine::helpAndVersionAreActions()
{
    const auto help = CommandLine::parse({"wslab", "--help"});
    QCOMPARE(help.action, CommandLine::Action::ShowHelp);
    for (const char *option : {"--headless", "--port", "--bind", "--allow-origin", "--max-message", "--max-frame",
                               "--fragment-size", "--ping-interval", "--no-capture", "--deflate", "--no-deflate",
                               "--echo-all", "--quiet", "--upstream", "--rewrite-host", "--upstream-ca", "--insecure",
                               "--lang", "--version"})
        QVERIFY2(help.text.contains(QLatin1String(option)), option);
    QCOMPARE(CommandLine::parse({"wslab", "--version"}).action, CommandLine::Action::ShowVersion);
}

void tst_CommandLine::byteSizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::addRow("plain") << "65536" << qint64(65536);
    QTest::addRow("K") << "64K" << qint64(65536);
    QTest::addRow("k lower") << "2k" << qint64(2048);
    QTest::addRow("M") << "16M" << qint64(16 * 1024 * 1024);
    QTest::addRow("MiB") << "4MiB" << qint64(4 * 1024 * 1024);
    QTest::addRow("G") << "1G" << qint64(1024 * 1024 * 1024);
    QTest::addRow("zero") << "0" << qint64(0);
    QTest::addRow("garbage") << "12Q" << qint64(-1);
    QTest::addRow("empty") << "" << qint64(-1);
    QTest::addRow("overflow") << "99999999999999G" << qint64(-1);
}

void tst_CommandLine::byteSizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QCOMPARE(CommandLine::parseByteSize(text).value_or(-1), bytes);
}

void tst_CommandLine::headlessPrecheck()
{
    const char *withFlag[] = {"wslab", "--port", "1", "--headless"};
    const char *without[] = {"wslab", "--port", "1"};
    const char *afterDashes[] = {"wslab", "--", "--headless"};
    QVERIFY(CommandLine::isHeadlessRequested(4, withFlag));
    QVERIFY(!CommandLine::isHeadlessRequested(3, without));
    QVERIFY(!CommandLine::isHeadlessRequested(3, afterDashes));
    const char *reading[] = {"wslab", "--read", "f.pcap"};
    const char *readingJoined[] = {"wslab", "--read=f.pcap", "--json"};
    QVERIFY(CommandLine::isHeadlessRequested(3, reading));
    QVERIFY(CommandLine::isHeadlessRequested(3, readingJoined));
    // A client needs no display either.
    const char *connecting[] = {"wslab", "--connect", "ws://127.0.0.1:1/"};
    const char *connectingJoined[] = {"wslab", "--connect=ws://127.0.0.1:1/"};
    QVERIFY(CommandLine::isHeadlessRequested(3, connecting));
    QVERIFY(CommandLine::isHeadlessRequested(2, connectingJoined));
}

void tst_CommandLine::readOptions()
{
    const auto result = CommandLine::parse({"wslab", "--read", "t.pcapng", "--json", "--decode-as", "9000",
                                            "--decode-as", "9001"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QCOMPARE(result.options.readFile, std::optional(QStringLiteral("t.pcapng")));
    QVERIFY(result.options.json);
    QVERIFY(!result.options.summary);
    QCOMPARE(result.options.decodeAsPorts, (QList<quint16>{9000, 9001}));
    QVERIFY(CommandLine::parse({"wslab", "--read", "t", "--summary"}).options.summary);
    QVERIFY(CommandLine::parse({"wslab", "--headless", "--json"}).options.json);
}

void tst_CommandLine::upstreamOptions()
{
    const auto result = CommandLine::parse({"wslab", "--headless", "--upstream", "ws://127.0.0.1:3000/api",
                                            "--port", "0", "--rewrite-host", "--json"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QVERIFY(result.options.upstream);
    wslab::proxy::ProxySettings settings;
    result.options.applyTo(settings);
    QCOMPARE(settings.upstream.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.upstream.port, quint16(3000));
    QCOMPARE(settings.upstream.pathPrefix, QStringLiteral("/api"));
    QCOMPARE(settings.port, quint16(0));
    QVERIFY(settings.rewriteHost);
    // The error names what is wrong with the URL.
    const auto bad = CommandLine::parse({"wslab", "--headless", "--upstream", "ws://127.0.0.1:99999"});
    QCOMPARE(bad.action, CommandLine::Action::Error);
    QVERIFY2(bad.text.contains(QLatin1String("65535")), qPrintable(bad.text));
    // wss: a CA file, or --insecure with a warning.
    const auto ca = CommandLine::parse({"wslab", "--headless", "--upstream", "wss://127.0.0.1:8443",
                                        "--upstream-ca", "/tmp/ca.pem"});
    QCOMPARE(ca.action, CommandLine::Action::Run);
    QVERIFY(ca.warnings.isEmpty());
    ca.options.applyTo(settings);
    QCOMPARE(settings.caFile, QStringLiteral("/tmp/ca.pem"));
    QVERIFY(settings.upstream.secure);
    QVERIFY(!settings.insecure);
    const auto insecure = CommandLine::parse({"wslab", "--headless", "--upstream", "wss://127.0.0.1:8443",
                                              "--insecure"});
    QCOMPARE(insecure.action, CommandLine::Action::Run);
    QCOMPARE(insecure.warnings.size(), 1);
    QVERIFY(insecure.warnings.constFirst().contains(QLatin1String("--insecure")));
    insecure.options.applyTo(settings);
    QVERIFY(settings.insecure);
}

void tst_CommandLine::connectOptions()
{
    const auto result = CommandLine::parse({"wslab", "--connect", "ws://127.0.0.1:3000/chat?room=1", "--json", "-H",
                                            "Origin: http://example.test", "-H", "X-Token:  abc ",
                                            "--subprotocol", "chat", "--subprotocol", "v2", "--binary",
                                            "--max-message", "1M"});
    QCOMPARE(result.action, CommandLine::Action::Run);
    QVERIFY(result.options.connectUrl && result.options.json && result.options.binary);
    wslab::client::ClientSettings settings;
    result.options.applyTo(settings);
    QCOMPARE(settings.url.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.url.port, quint16(3000));
    QCOMPARE(settings.url.resourceName, QByteArray("/chat?room=1"));
    using Field = std::pair<QByteArray, QByteArray>;
    QCOMPARE(settings.headers, (QList<Field>{{"Origin", "http://example.test"}, {"X-Token", "abc"}}));
    QCOMPARE(settings.subprotocols, (QList<QByteArray>{"chat", "v2"}));
    QCOMPARE(settings.maxMessageSize, qint64(1024 * 1024));
    // permessage-deflate is offered unless --no-deflate says otherwise.
    QVERIFY(settings.offerDeflate);
    CommandLine::parse({"wslab", "--connect", "ws://h/", "--no-deflate"}).options.applyTo(settings);
    QVERIFY(!settings.offerDeflate);
    // wss: a CA file, or --insecure with a warning naming the server.
    const auto ca = CommandLine::parse({"wslab", "--connect", "wss://127.0.0.1:8443/", "--ca", "/tmp/ca.pem"});
    QCOMPARE(ca.action, CommandLine::Action::Run);
    QVERIFY(ca.warnings.isEmpty());
    ca.options.applyTo(settings);
    QCOMPARE(settings.caFile, QStringLiteral("/tmp/ca.pem"));
    QVERIFY(settings.url.secure && !settings.insecure);
    const auto insecure = CommandLine::parse({"wslab", "--connect", "wss://127.0.0.1:8443/", "--insecure"});
    QCOMPARE(insecure.action, CommandLine::Action::Run);
    QCOMPARE(insecure.warnings.size(), 1);
    QVERIFY(insecure.warnings.constFirst().contains(QLatin1String("--insecure")));
    QVERIFY(insecure.warnings.constFirst().contains(QLatin1String("127.0.0.1:8443")));
    insecure.options.applyTo(settings);
    QVERIFY(settings.insecure);
    // --write saves the client's records too.
    QCOMPARE(CommandLine::parse({"wslab", "--connect", "ws://h/", "--write", "c.pcapng"}).action,
             CommandLine::Action::Run);
}

void tst_CommandLine::helpHintIsTranslatable()
{
    const QString english = CommandLine::helpHint();
    QVERIFY(english.contains(QLatin1String("--help")));
    OneStringTranslator translator("wslab::app::CommandLine", "Try 'wslab --help'.",
                                   QStringLiteral("请运行 'wslab --help' 查看用法。"));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString translated = CommandLine::helpHint();
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(translated, QStringLiteral("请运行 'wslab --help' 查看用法。"));
    QCOMPARE(CommandLine::helpHint(), english);
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
