#include "httpresponsehead.h"

namespace wslab::protocol {

QByteArray HttpResponseHead::value(QByteArrayView name) const
{
    return headerValue(headers, name);
}

QList<QByteArray> HttpResponseHead::values(QByteArrayView name) const
{
    return headerValues(headers, name);
}

qsizetype HttpResponseHead::count(QByteArrayView name) const
{
    return headerCount(headers, name);
}

bool HttpResponseHead::hasToken(QByteArrayView name, QByteArrayView token) const
{
    return headerHasToken(headers, name, token);
}

} // namespace wslab::protocol
