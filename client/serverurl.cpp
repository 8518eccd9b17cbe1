#include "serverurl.h"

#include <QUrl>
#include <QtGlobal>

namespace wslab::client {

const char *serverUrlErrorReason(ServerUrlError error) noexcept
{
    switch (error) {
    case ServerUrlError::NotAUrl:
        return QT_TRANSLATE_NOOP("wslab::client::ServerUrlError", "not a URL of the form ws://host:port/path");
    case ServerUrlError::UnsupportedScheme:
        return QT_TRANSLATE_NOOP("wslab::client::ServerUrlError", "the scheme must be ws:// or wss://");
    case ServerUrlError::MissingHost:
        return QT_TRANSLATE_NOOP("wslab::client::ServerUrlError", "the URL names no host");
    case ServerUrlError::HasUserInfo:
        return QT_TRANSLATE_NOOP("wslab::client::ServerUrlError", "a WebSocket URL carries no user name or password");
    case ServerUrlError::HasFragment:
        return QT_TRANSLATE_NOOP("wslab::client::ServerUrlError", "a WebSocket URL has no #fragment");
    }
    return "";
}

std::variant<ServerUrl, ServerUrlError> ServerUrl::parse(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return ServerUrlError::NotAUrl;
    ServerUrl result;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("wss"))
        result.secure = true;
    else if (scheme != QLatin1String("ws"))
        return ServerUrlError::UnsupportedScheme;
    if (url.hasFragment())
        return ServerUrlError::HasFragment;
    if (!url.userInfo().isEmpty())
        return ServerUrlError::HasUserInfo;
    if (url.host().isEmpty())
        return ServerUrlError::MissingHost;
    result.host = url.host();
    result.port = quint16(url.port(result.secure ? 443 : 80)); // RFC 6455 §3 default ports
    // §3: resource name = path ("/" if empty) + "?" + query if there is one; sent as encoded.
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    if (url.hasQuery())
        path += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    result.resourceName = path;
    return result;
}

QByteArray ServerUrl::hostHeader() const
{
    QByteArray name = host.contains(u':') ? '[' + host.toLatin1() + ']' : QUrl::toAce(host);
    if (name.isEmpty())
        name = host.toLatin1();
    if (port != (secure ? 443 : 80))
        name += ':' + QByteArray::number(port);
    return name;
}

QString ServerUrl::toString() const
{
    const QString name = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1://%2:%3%4")
            .arg(secure ? QLatin1String("wss") : QLatin1String("ws"), name)
            .arg(port)
            .arg(QString::fromLatin1(resourceName));
}

} // namespace wslab::client
