#pragma once

#include "tlsinfo.h"

#include <QSslCipher>
#include <QSslSocket>
#include <QStringList>

namespace wslab::capture {

// The TLS session of an encrypted socket as values, for the live sources that speak TLS to a server
// (the proxy's wss:// upstream, the client): version, cipher and the peer's chain as it was sent.
// Header-only on purpose: the capture library itself links no Qt Network.
[[nodiscard]] inline TlsInfo tlsInfoOf(const QSslSocket &socket)
{
    TlsInfo tls;
    const QSslCipher cipher = socket.sessionCipher();
    tls.version = cipher.protocolString();
    tls.cipher = cipher.name();
    tls.verified = socket.peerVerifyMode() != QSslSocket::VerifyNone;
    const auto distinguishedName = [](const QSslCertificate &certificate, bool issuer) {
        QStringList parts;
        const QList<QByteArray> attributes =
                issuer ? certificate.issuerInfoAttributes() : certificate.subjectInfoAttributes();
        for (const QByteArray &attribute : attributes) {
            const QStringList values = issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute);
            for (const QString &value : values)
                parts.append(QStringLiteral("%1=%2").arg(QString::fromLatin1(attribute), value));
        }
        return parts.join(QStringLiteral(", "));
    };
    for (const QSslCertificate &certificate : socket.peerCertificateChain())
        tls.chain.append({distinguishedName(certificate, false), distinguishedName(certificate, true)});
    return tls;
}

} // namespace wslab::capture
