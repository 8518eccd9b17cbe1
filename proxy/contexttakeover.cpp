#include "contexttakeover.h"

#include "server/protocol/deflateoffer.h"
#include "server/protocol/httpheader.h"

#include <QList>

namespace wslab::proxy {

namespace {

// The element's parameters (RFC 7692 §5: `extension-token *( ";" extension-param )`), names only.
bool hasParameter(const QList<QByteArray> &parts, QByteArrayView name)
{
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArrayView part = protocol::trimmedOws(parts.at(i));
        const qsizetype equals = part.indexOf('=');
        if (protocol::trimmedOws(equals < 0 ? part : part.first(equals)) == name)
            return true;
    }
    return false;
}

} // namespace

QByteArray withoutContextTakeover(QByteArrayView extensionsValue, bool client, bool server)
{
    QList<QByteArray> elements = protocol::splitHeaderList(extensionsValue);
    bool changed = false;
    for (QByteArray &element : elements) {
        const QList<QByteArray> parts = element.split(';');
        if (protocol::trimmedOws(parts.constFirst()) != QByteArrayView(protocol::permessageDeflateName))
            continue;
        if (client && !hasParameter(parts, "client_no_context_takeover")) {
            element += "; client_no_context_takeover";
            changed = true;
        }
        if (server && !hasParameter(parts, "server_no_context_takeover")) {
            element += "; server_no_context_takeover";
            changed = true;
        }
    }
    return changed ? elements.join(", ") : QByteArray();
}

} // namespace wslab::proxy
