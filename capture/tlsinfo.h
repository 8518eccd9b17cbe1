#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace wslab::capture {

// The TLS session a relay set up with an upstream (wss://), for the handshake view: what was agreed
// and who the certificates name. Values only: the capture layer links no Qt Network.
struct TlsInfo
{
    struct Certificate
    {
        QString subject; // "CN=example.com, O=Example"
        QString issuer;

        friend bool operator==(const Certificate &, const Certificate &) = default;
    };

    QString version;            // "TLSv1.3"
    QString cipher;             // "TLS_AES_256_GCM_SHA384"
    QList<Certificate> chain;   // the peer's certificate first, then its issuers as sent
    bool verified = true;       // false: --insecure, nothing was checked

    // {"version", "cipher", "verified", "chain": [{"subject", "issuer"}]}: --json and saved sessions.
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static TlsInfo fromJson(const QJsonObject &object);

    friend bool operator==(const TlsInfo &, const TlsInfo &) = default;
};

} // namespace wslab::capture
