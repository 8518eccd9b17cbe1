#pragma once

#include "proxy/proxysettings.h"
#include "server/serversettings.h"

#include <QString>

#include <optional>

namespace wslab::app {

// Proxy mode as the settings keep it: the upstream as typed, and how to reach it. The listen
// address and port are the server's (the proxy listens where the embedded server would).
struct ProxyPreferences
{
    QString upstreamUrl;      // ws://host:port/prefix or wss://...
    bool rewriteHost = false; // the upstream's host:port in each request's Host header
    QString caFile;           // wss: PEM CA certificates trusted beside the system's
    bool insecure = false;    // wss: the upstream's certificate is not checked
    // Frames can be held, edited, dropped and injected (ProxySettings::intercept). It changes the
    // handshake (permessage-deflate without context takeover), so it is off unless asked for.
    bool intercept = false;

    // What the proxy runs with, listening where `listen` says; nullopt and a translated reason in
    // `error` when the URL or the CA file cannot be used.
    [[nodiscard]] std::optional<proxy::ProxySettings> toProxySettings(const server::ServerSettings &listen,
                                                                     QString *error) const;

    friend bool operator==(const ProxyPreferences &, const ProxyPreferences &) = default;
};

} // namespace wslab::app
