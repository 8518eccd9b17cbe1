#include "upstreamurl.h"

#include <QHostAddress>
#include <QtGlobal>

namespace wslab::proxy {

const char *upstreamUrlErrorReason(UpstreamUrlError error) noexcept
{
    switch (error) {
    case UpstreamUrlError::Empty: return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "no upstream URL was given");
    case UpstreamUrlError::NotAUrl:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "not a URL of the form ws://host:port/path");
    case UpstreamUrlError::UnsupportedScheme:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "the scheme must be ws:// or wss://");
    case UpstreamUrlError::MissingHost: return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "the URL names no host");
    case UpstreamUrlError::InvalidPort:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "the port must be a number from 1 to 65535");
    case UpstreamUrlError::HasUserInfo:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "a WebSocket URL carries no user name or password");
    case UpstreamUrlError::HasFragment:
        return QT_TRANSLATE_NOOP("wslab::proxy::UpstreamUrlError", "a WebSocket URL has no #fragment");
    }
    return "";
}

namespace {

// "host", "host:port", "[v6]" or "[v6]:port"; false if the brackets do not close.
bool splitAuthority(QStringView authority, QStringView &host, QStringView &port, bool &hasPort)
{
    hasPort = false;
    if (authority.startsWith(u'[')) {
        const qsizetype close = authority.indexOf(u']');
        if (close < 0)
            return false;
        host = authority.mid(1, close - 1);
        const QStringView rest = authority.mid(close + 1);
        if (rest.isEmpty())
            return true;
        if (!rest.startsWith(u':'))
            return false;
        port = rest.mid(1);
        hasPort = true;
        return true;
    }
    const qsizetype colon = authority.lastIndexOf(u':');
    if (colon < 0) {
        host = authority;
        return true;
    }
    host = authority.left(colon);
    port = authority.mid(colon + 1);
    hasPort = true;
    return true;
}

} // namespace

std::variant<UpstreamUrl, UpstreamUrlError> UpstreamUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return UpstreamUrlError::Empty;
    const qsizetype schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return UpstreamUrlError::NotAUrl;
    UpstreamUrl url;
    const QString scheme = trimmed.left(schemeEnd).toLower();
    if (scheme == QLatin1String("wss"))
        url.secure = true;
    else if (scheme != QLatin1String("ws"))
        return UpstreamUrlError::UnsupportedScheme;
    const QStringView rest = QStringView(trimmed).mid(schemeEnd + 3);
    if (rest.contains(u'#'))
        return UpstreamUrlError::HasFragment;
    const qsizetype pathStart = rest.indexOf(u'/');
    const QStringView authority = pathStart < 0 ? rest : rest.left(pathStart);
    if (authority.contains(u'@'))
        return UpstreamUrlError::HasUserInfo;
    QStringView host;
    QStringView port;
    bool hasPort = false;
    if (!splitAuthority(authority, host, port, hasPort))
        return UpstreamUrlError::NotAUrl;
    if (host.isEmpty())
        return UpstreamUrlError::MissingHost;
    if (authority.startsWith(u'[') && QHostAddress(host.toString()).protocol() != QAbstractSocket::IPv6Protocol)
        return UpstreamUrlError::NotAUrl;
    url.host = host.toString().toLower();
    url.port = url.secure ? 443 : 80; // RFC 6455 §3
    if (hasPort) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return UpstreamUrlError::InvalidPort;
        url.port = quint16(value);
    }
    QString path = pathStart < 0 ? QString() : rest.mid(pathStart).toString();
    const qsizetype query = path.indexOf(u'?');
    if (query >= 0)
        path.truncate(query);
    while (path.endsWith(u'/'))
        path.chop(1);
    url.pathPrefix = path;
    return url;
}

QString UpstreamUrl::hostHeader() const
{
    const QString name = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1:%2").arg(name).arg(port);
}

QString UpstreamUrl::toString() const
{
    return QStringLiteral("%1://%2%3").arg(secure ? QLatin1String("wss") : QLatin1String("ws"), hostHeader(),
                                           pathPrefix);
}

} // namespace wslab::proxy
