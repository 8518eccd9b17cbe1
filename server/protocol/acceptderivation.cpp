#include "acceptderivation.h"

#include <QCryptographicHash>

namespace wslab::protocol {

AcceptDerivation deriveAccept(QByteArrayView key)
{
    AcceptDerivation derivation;
    derivation.key = key.toByteArray();
    derivation.keyWithGuid = derivation.key + websocketGuid;
    derivation.sha1 = QCryptographicHash::hash(derivation.keyWithGuid, QCryptographicHash::Sha1);
    derivation.sha1Hex = derivation.sha1.toHex();
    derivation.accept = derivation.sha1.toBase64();
    return derivation;
}

} // namespace wslab::protocol
