#include "app/settings/settingsstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace wslab::app;

class tst_SettingsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsWhenEmpty();
    void roundTrip();
    void windowLayoutSavedAndCleared();
    void connectionModeKeys_data();
    void connectionModeKeys();
};

void tst_SettingsStore::defaultsWhenEmpty()
{
    QTemporaryDir dir;
    SettingsStore store(dir.filePath("empty.ini"));
    QCOMPARE(store.load(), AppPreferences());
    // Security defaults (DESIGN.md): loopback only, no foreign origins.
    QCOMPARE(store.load().server.bindAddress, QStringLiteral("127.0.0.1"));
    QVERIFY(!store.load().server.allowAnyOrigin);
}

void tst_SettingsStore::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("wslab.ini");
    AppPreferences preferences;
    preferences.server.port = 9123;
    preferences.server.bindAddress = QStringLiteral("::1");
    preferences.server.allowedOrigins = {QStringLiteral("http://localhost:3000"), QStringLiteral("https://example.com")};
    preferences.server.maxMessageSize = 70 * 1024;
    preferences.server.outgoingFragmentSize = 100;
    preferences.server.pingIntervalMs = 30'000;
    preferences.server.captureEnabled = false;
    preferences.server.permessageDeflate = !preferences.server.permessageDeflate;
    preferences.captureRowCap = 5000;
    preferences.language = QStringLiteral("zh_CN");
    preferences.welcomeShown = true;
    preferences.confirmQuitWithClients = false;
    preferences.mode = ConnectionMode::Proxy;
    preferences.proxy.upstreamUrl = QStringLiteral("wss://127.0.0.1:8443/api");
    preferences.proxy.rewriteHost = true;
    preferences.proxy.caFile = QStringLiteral("/tmp/ca.pem");
    preferences.proxy.insecure = true;
    preferences.client.url = QStringLiteral("wss://127.0.0.1:9443/chat?room=1");
    preferences.client.headers = QStringLiteral("Origin: http://127.0.0.1\nX-Test: yes");
    preferences.client.subprotocols = QStringLiteral("chat, superchat");
    preferences.client.offerDeflate = false;
    preferences.client.caFile = QStringLiteral("/tmp/client-ca.pem");
    preferences.client.insecure = true;
    {
        SettingsStore store(path);
        store.save(preferences);
        store.sync();
    }
    SettingsStore reopened(path);
    QCOMPARE(reopened.load(), preferences);
}

void tst_SettingsStore::windowLayoutSavedAndCleared()
{
    QTemporaryDir dir;
    SettingsStore store(dir.filePath("wslab.ini"));
    store.saveWindow("geometry", "state");
    QCOMPARE(store.windowGeometry(), QByteArray("geometry"));
    QCOMPARE(store.windowState(), QByteArray("state"));
    store.clearWindow();
    QVERIFY(store.windowGeometry().isEmpty());
    QVERIFY(store.windowState().isEmpty());
}

void tst_SettingsStore::connectionModeKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<ConnectionMode>("mode");
    QTest::addRow("server") << QStringLiteral("server") << ConnectionMode::EmbeddedServer;
    QTest::addRow("proxy") << QStringLiteral("proxy") << ConnectionMode::Proxy;
    QTest::addRow("client") << QStringLiteral("client") << ConnectionMode::Client;
}

// The words in the settings file stay the same when modes are added; an unknown one is the server.
void tst_SettingsStore::connectionModeKeys()
{
    QFETCH(QString, key);
    QFETCH(ConnectionMode, mode);
    QCOMPARE(connectionModeKey(mode), key);
    QCOMPARE(connectionModeFromKey(key), mode);
    QCOMPARE(connectionModeFromKey(key + QStringLiteral("-of-a-later-version")), ConnectionMode::EmbeddedServer);
}

QTEST_GUILESS_MAIN(tst_SettingsStore)
#include "tst_settingsstore.moc"
