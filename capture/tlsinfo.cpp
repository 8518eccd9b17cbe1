#include "tlsinfo.h"

#include <QJsonArray>

namespace wslab::capture {

QJsonObject TlsInfo::toJson() const
{
    QJsonArray certificates;
    for (const Certificate &certificate : chain)
        certificates.append(QJsonObject{{QStringLiteral("subject"), certificate.subject},
                                        {QStringLiteral("issuer"), certificate.issuer}});
    return QJsonObject{{QStringLiteral("version"), version},
                       {QStringLiteral("cipher"), cipher},
                       {QStringLiteral("verified"), verified},
                       {QStringLiteral("chain"), certificates}};
}

TlsInfo TlsInfo::fromJson(const QJsonObject &object)
{
    TlsInfo tls;
    tls.version = object[QLatin1String("version")].toString();
    tls.cipher = object[QLatin1String("cipher")].toString();
    tls.verified = object[QLatin1String("verified")].toBool(true);
    for (const QJsonValue &value : object[QLatin1String("chain")].toArray()) {
        const QJsonObject certificate = value.toObject();
        tls.chain.append({certificate[QLatin1String("subject")].toString(), certificate[QLatin1String("issuer")].toString()});
    }
    return tls;
}

} // namespace wslab::capture
