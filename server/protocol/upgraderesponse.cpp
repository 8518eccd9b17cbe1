#include "upgraderesponse.h"

#include "acceptderivation.h"

#include <QtCore/qcoreapplication.h>

#include <algorithm>

namespace wslab::protocol {

namespace {

// RFC 6455 §9.1: extension = extension-token *( ";" extension-param ).
QByteArrayView extensionName(QByteArrayView element) noexcept
{
    const qsizetype semicolon = element.indexOf(';');
    return trimmedOws(semicolon < 0 ? element : element.first(semicolon));
}

// §4.1 item 5: every extension in use must be one the client offered. Extension tokens are compared
// case-insensitively, as HTTP compares tokens that name things (field names, Upgrade protocols).
bool usesOnlyOfferedExtensions(const HttpResponseHead &response, const QList<QByteArray> &offered)
{
    const QList<QByteArray> inUse = splitHeaderList(response.value("Sec-WebSocket-Extensions"));
    return std::all_of(inUse.cbegin(), inUse.cend(), [&offered](const QByteArray &element) {
        return std::any_of(offered.cbegin(), offered.cend(), [name = extensionName(element)](const QByteArray &offer) {
            return extensionName(offer).compare(name, Qt::CaseInsensitive) == 0;
        });
    });
}

// §4.1 item 6, §4.2.2 step 5.5: the server selects one of the client's subprotocols, or sends no
// field at all. Names compare exactly, as the browser WebSocket API compares them; an empty field
// selects nothing the client offered.
bool choseAnOfferedSubprotocol(const HttpResponseHead &response, const QList<QByteArray> &offered)
{
    if (!response.has("Sec-WebSocket-Protocol"))
        return true;
    const QList<QByteArray> chosen = splitHeaderList(response.value("Sec-WebSocket-Protocol"));
    return chosen.size() == 1 && offered.contains(chosen.constFirst());
}

} // namespace

QList<UpgradeResponseError> validateUpgradeResponse(const HttpResponseHead &response, QByteArrayView sentKey,
                                                    const QList<QByteArray> &offeredSubprotocols,
                                                    const QList<QByteArray> &offeredExtensions)
{
    QList<UpgradeResponseError> failed;
    // §4.1 item 1: "If the status code received from the server is not 101, the client handles
    // the response per HTTP procedures" - whatever it is, it is not a WebSocket connection.
    if (response.status != 101)
        failed.append(UpgradeResponseError::StatusNot101);
    // Item 2: the value itself, not a list that holds the token.
    if (response.value("Upgrade").compare("websocket", Qt::CaseInsensitive) != 0)
        failed.append(UpgradeResponseError::MissingUpgradeWebsocket);
    // Item 3: a token of the Connection list.
    if (!response.hasToken("Connection", "Upgrade"))
        failed.append(UpgradeResponseError::MissingConnectionUpgrade);
    // Item 4: the parser has already dropped the whitespace around the value; repeated lines join to
    // "a, b", which matches no accept.
    if (!response.has("Sec-WebSocket-Accept"))
        failed.append(UpgradeResponseError::MissingAccept);
    else if (response.value("Sec-WebSocket-Accept") != deriveAccept(sentKey).accept)
        failed.append(UpgradeResponseError::WrongAccept);
    if (!usesOnlyOfferedExtensions(response, offeredExtensions))
        failed.append(UpgradeResponseError::UnrequestedExtension);
    if (!choseAnOfferedSubprotocol(response, offeredSubprotocols))
        failed.append(UpgradeResponseError::UnrequestedSubprotocol);
    return failed;
}

const char *upgradeResponseErrorReason(UpgradeResponseError error) noexcept
{
    switch (error) {
    case UpgradeResponseError::StatusNot101:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Status must be 101 Switching Protocols");
    case UpgradeResponseError::MissingUpgradeWebsocket:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Upgrade must be \"websocket\"");
    case UpgradeResponseError::MissingConnectionUpgrade:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Connection must include \"Upgrade\"");
    case UpgradeResponseError::MissingAccept:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Sec-WebSocket-Accept is missing");
    case UpgradeResponseError::WrongAccept:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Sec-WebSocket-Accept must be base64(SHA-1(key + GUID)) of the key the client sent");
    case UpgradeResponseError::UnrequestedExtension:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Sec-WebSocket-Extensions names an extension the client did not offer");
    case UpgradeResponseError::UnrequestedSubprotocol:
        return QT_TRANSLATE_NOOP("wslab::protocol::UpgradeResponseError", "Sec-WebSocket-Protocol must be one subprotocol the client offered");
    }
    return "?";
}

const char *upgradeResponseErrorName(UpgradeResponseError error) noexcept
{
    switch (error) {
    case UpgradeResponseError::StatusNot101: return "StatusNot101";
    case UpgradeResponseError::MissingUpgradeWebsocket: return "MissingUpgradeWebsocket";
    case UpgradeResponseError::MissingConnectionUpgrade: return "MissingConnectionUpgrade";
    case UpgradeResponseError::MissingAccept: return "MissingAccept";
    case UpgradeResponseError::WrongAccept: return "WrongAccept";
    case UpgradeResponseError::UnrequestedExtension: return "UnrequestedExtension";
    case UpgradeResponseError::UnrequestedSubprotocol: return "UnrequestedSubprotocol";
    }
    return "?";
}

const char *upgradeResponseErrorReference(UpgradeResponseError error) noexcept
{
    switch (error) {
    case UpgradeResponseError::StatusNot101:
    case UpgradeResponseError::MissingUpgradeWebsocket:
    case UpgradeResponseError::MissingConnectionUpgrade:
    case UpgradeResponseError::MissingAccept:
    case UpgradeResponseError::WrongAccept:
    case UpgradeResponseError::UnrequestedExtension:
    case UpgradeResponseError::UnrequestedSubprotocol:
        return "RFC 6455 §4.1";
    }
    return "?";
}

} // namespace wslab::protocol
