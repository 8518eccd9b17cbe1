#include "app/settings/proxypreferences.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace wslab::app {

std::optional<proxy::ProxySettings> ProxyPreferences::toProxySettings(const server::ServerSettings &listen,
                                                                      QString *error) const
{
    const auto parsed = proxy::UpstreamUrl::parse(upstreamUrl.trimmed());
    if (const auto *failure = std::get_if<proxy::UpstreamUrlError>(&parsed)) {
        if (error)
            *error = QCoreApplication::translate(proxy::upstreamUrlErrorContext,
                                                 proxy::upstreamUrlErrorReason(*failure));
        return std::nullopt;
    }
    proxy::ProxySettings settings;
    settings.bindAddress = listen.bindAddress;
    settings.port = listen.port;
    settings.upstream = std::get<proxy::UpstreamUrl>(parsed);
    settings.rewriteHost = rewriteHost;
    settings.intercept = intercept;
    // The CA file and --insecure only mean something for a TLS upstream (RFC 6455 §3: wss).
    if (settings.upstream.secure) {
        settings.insecure = insecure;
        if (!insecure && !caFile.trimmed().isEmpty()) {
            if (!QFileInfo(caFile.trimmed()).isReadable()) {
                if (error)
                    *error = QCoreApplication::translate("wslab::app::ProxyPreferences",
                                                         "the CA file %1 cannot be read")
                                     .arg(caFile.trimmed());
                return std::nullopt;
            }
            settings.caFile = caFile.trimmed();
        }
    }
    return settings;
}

} // namespace wslab::app
