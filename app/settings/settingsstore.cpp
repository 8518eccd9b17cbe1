#include "app/settings/settingsstore.h"

#include <QSettings>

namespace wslab::app {

namespace {

// Keys are grouped like the settings dialog's pages.
constexpr auto bindKey = "server/bindAddress";
constexpr auto portKey = "server/port";
constexpr auto originsKey = "server/allowedOrigins";
constexpr auto anyOriginKey = "server/allowAnyOrigin";
constexpr auto deflateKey = "server/permessageDeflate";
constexpr auto messageKey = "limits/maxMessageSize";
constexpr auto frameKey = "limits/maxFramePayload";
constexpr auto fragmentKey = "limits/outgoingFragmentSize";
constexpr auto pingKey = "limits/pingIntervalMs";
constexpr auto connectionsKey = "limits/maxConnections";
constexpr auto captureEnabledKey = "capture/enabled";
constexpr auto payloadCapKey = "capture/payloadCap";
constexpr auto rowCapKey = "capture/rowCap";
constexpr auto modeKey = "connection/mode";
constexpr auto upstreamKey = "proxy/upstreamUrl";
constexpr auto rewriteHostKey = "proxy/rewriteHost";
constexpr auto caFileKey = "proxy/caFile";
constexpr auto insecureKey = "proxy/insecure";
constexpr auto clientUrlKey = "client/url";
constexpr auto clientHeadersKey = "client/headers";
constexpr auto clientSubprotocolsKey = "client/subprotocols";
constexpr auto clientDeflateKey = "client/offerDeflate";
constexpr auto clientCaFileKey = "client/caFile";
constexpr auto clientInsecureKey = "client/insecure";
constexpr auto interceptKey = "proxy/intercept";
constexpr auto languageKey = "app/language";
constexpr auto welcomeKey = "app/welcomeShown";
constexpr auto confirmQuitKey = "app/confirmQuitWithClients";
constexpr auto geometryKey = "window/geometry";
constexpr auto stateKey = "window/state";

} // namespace

SettingsStore::SettingsStore()
    : m_settings(std::make_unique<QSettings>())
{
}

SettingsStore::SettingsStore(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

SettingsStore::~SettingsStore() = default;

AppPreferences SettingsStore::load() const
{
    const AppPreferences defaults;
    const server::ServerSettings &d = defaults.server;
    const QSettings &s = *m_settings;

    AppPreferences p;
    p.server.bindAddress = s.value(bindKey, d.bindAddress).toString();
    p.server.port = quint16(s.value(portKey, d.port).toUInt());
    p.server.allowedOrigins = s.value(originsKey, d.allowedOrigins).toStringList();
    p.server.allowAnyOrigin = s.value(anyOriginKey, d.allowAnyOrigin).toBool();
    p.server.permessageDeflate = s.value(deflateKey, d.permessageDeflate).toBool();
    p.server.maxMessageSize = s.value(messageKey, d.maxMessageSize).toLongLong();
    p.server.maxFramePayload = s.value(frameKey, d.maxFramePayload).toLongLong();
    p.server.outgoingFragmentSize = s.value(fragmentKey, d.outgoingFragmentSize).toLongLong();
    p.server.pingIntervalMs = s.value(pingKey, d.pingIntervalMs).toInt();
    p.server.maxConnections = s.value(connectionsKey, d.maxConnections).toInt();
    p.server.captureEnabled = s.value(captureEnabledKey, d.captureEnabled).toBool();
    p.server.capturePayloadCap = s.value(payloadCapKey, d.capturePayloadCap).toLongLong();
    p.captureRowCap = s.value(rowCapKey, defaults.captureRowCap).toInt();
    p.mode = connectionModeFromKey(s.value(modeKey, connectionModeKey(defaults.mode)).toString());
    p.proxy.upstreamUrl = s.value(upstreamKey, defaults.proxy.upstreamUrl).toString();
    p.proxy.rewriteHost = s.value(rewriteHostKey, defaults.proxy.rewriteHost).toBool();
    p.proxy.caFile = s.value(caFileKey, defaults.proxy.caFile).toString();
    p.proxy.insecure = s.value(insecureKey, defaults.proxy.insecure).toBool();
    p.client.url = s.value(clientUrlKey, defaults.client.url).toString();
    p.client.headers = s.value(clientHeadersKey, defaults.client.headers).toString();
    p.client.subprotocols = s.value(clientSubprotocolsKey, defaults.client.subprotocols).toString();
    p.client.offerDeflate = s.value(clientDeflateKey, defaults.client.offerDeflate).toBool();
    p.client.caFile = s.value(clientCaFileKey, defaults.client.caFile).toString();
    p.client.insecure = s.value(clientInsecureKey, defaults.client.insecure).toBool();
    p.proxy.intercept = s.value(interceptKey, defaults.proxy.intercept).toBool();
    p.language = s.value(languageKey, defaults.language).toString();
    p.welcomeShown = s.value(welcomeKey, defaults.welcomeShown).toBool();
    p.confirmQuitWithClients = s.value(confirmQuitKey, defaults.confirmQuitWithClients).toBool();
    return p;
}

void SettingsStore::save(const AppPreferences &p)
{
    QSettings &s = *m_settings;
    s.setValue(bindKey, p.server.bindAddress);
    s.setValue(portKey, p.server.port);
    s.setValue(originsKey, p.server.allowedOrigins);
    s.setValue(anyOriginKey, p.server.allowAnyOrigin);
    s.setValue(deflateKey, p.server.permessageDeflate);
    s.setValue(messageKey, p.server.maxMessageSize);
    s.setValue(frameKey, p.server.maxFramePayload);
    s.setValue(fragmentKey, p.server.outgoingFragmentSize);
    s.setValue(pingKey, p.server.pingIntervalMs);
    s.setValue(connectionsKey, p.server.maxConnections);
    s.setValue(captureEnabledKey, p.server.captureEnabled);
    s.setValue(payloadCapKey, p.server.capturePayloadCap);
    s.setValue(rowCapKey, p.captureRowCap);
    s.setValue(modeKey, connectionModeKey(p.mode));
    s.setValue(upstreamKey, p.proxy.upstreamUrl);
    s.setValue(rewriteHostKey, p.proxy.rewriteHost);
    s.setValue(caFileKey, p.proxy.caFile);
    s.setValue(insecureKey, p.proxy.insecure);
    s.setValue(clientUrlKey, p.client.url);
    s.setValue(clientHeadersKey, p.client.headers);
    s.setValue(clientSubprotocolsKey, p.client.subprotocols);
    s.setValue(clientDeflateKey, p.client.offerDeflate);
    s.setValue(clientCaFileKey, p.client.caFile);
    s.setValue(clientInsecureKey, p.client.insecure);
    s.setValue(interceptKey, p.proxy.intercept);
    s.setValue(languageKey, p.language);
    s.setValue(welcomeKey, p.welcomeShown);
    s.setValue(confirmQuitKey, p.confirmQuitWithClients);
}

QByteArray SettingsStore::windowGeometry() const
{
    return m_settings->value(geometryKey).toByteArray();
}

QByteArray SettingsStore::windowState() const
{
    return m_settings->value(stateKey).toByteArray();
}

void SettingsStore::saveWindow(const QByteArray &geometry, const QByteArray &state)
{
    m_settings->setValue(geometryKey, geometry);
    m_settings->setValue(stateKey, state);
}

void SettingsStore::clearWindow()
{
    m_settings->remove(geometryKey);
    m_settings->remove(stateKey);
}

QStringList SettingsStore::recentFiles() const
{
    return m_settings->value(QStringLiteral("files/recent")).toStringList();
}

void SettingsStore::saveRecentFiles(const QStringList &paths)
{
    m_settings->setValue(QStringLiteral("files/recent"), paths);
}

bool SettingsStore::askToSaveOnQuit() const
{
    return m_settings->value(QStringLiteral("files/askToSaveOnQuit"), true).toBool();
}

void SettingsStore::setAskToSaveOnQuit(bool ask)
{
    m_settings->setValue(QStringLiteral("files/askToSaveOnQuit"), ask);
}

void SettingsStore::sync()
{
    m_settings->sync();
}

} // namespace wslab::app
