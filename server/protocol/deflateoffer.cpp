#include "deflateoffer.h"

#include "httprequesthead.h"

#include <QtCore/qcoreapplication.h>

#include <algorithm>

namespace wslab::protocol {

namespace {

constexpr QByteArrayView serverNoContextTakeoverName = "server_no_context_takeover";
constexpr QByteArrayView clientNoContextTakeoverName = "client_no_context_takeover";
constexpr QByteArrayView serverMaxWindowBitsName = "server_max_window_bits";
constexpr QByteArrayView clientMaxWindowBitsName = "client_max_window_bits";

// Splits "name; a=1; b=\"x;y\"" on the semicolons outside quoted strings (RFC 6455 §9.1 builds the
// extension grammar from RFC 2616 tokens and quoted strings). Empty pieces are kept: they are errors.
QList<QByteArrayView> splitOnSemicolons(QByteArrayView element)
{
    QList<QByteArrayView> pieces;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < element.size(); ++i) {
        const char c = element[i];
        if (quoted && c == '\\') {
            ++i; // the escaped character, whatever it is
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ';' && !quoted) {
            pieces.append(trimmedOws(element.sliced(start, i - start)));
            start = i + 1;
        }
    }
    pieces.append(trimmedOws(element.sliced(std::min(start, element.size()))));
    return pieces;
}

// A parameter value: a token, or a quoted string whose unescaped content is a token (RFC 6455
// §9.1). Empty if malformed.
std::optional<QByteArray> parameterValue(QByteArrayView text)
{
    if (!text.startsWith('"'))
        return isHttpToken(text) ? std::optional(text.toByteArray()) : std::nullopt;
    if (text.size() < 2 || !text.endsWith('"'))
        return std::nullopt;
    QByteArray value;
    const QByteArrayView inner = text.sliced(1, text.size() - 2);
    for (qsizetype i = 0; i < inner.size(); ++i) {
        char c = inner[i];
        if (c == '"')
            return std::nullopt; // an unescaped quote ends the string early
        if (c == '\\') {
            if (++i == inner.size())
                return std::nullopt;
            c = inner[i];
        }
        value.append(c);
    }
    return isHttpToken(value) ? std::optional(value) : std::nullopt;
}

// RFC 7692 §7.1.2.1 / §7.1.2.2: "a decimal integer value without leading zeroes between 8 to 15".
std::optional<int> windowBits(QByteArrayView value)
{
    if (value.size() == 1 && (value[0] == '8' || value[0] == '9'))
        return value[0] - '0';
    if (value.size() == 2 && value[0] == '1' && value[1] >= '0' && value[1] <= '5')
        return 10 + (value[1] - '0');
    return std::nullopt;
}

struct Parameter
{
    QByteArrayView name;
    std::optional<QByteArray> value; // absent: no '='
};

std::variant<Parameter, DeflateOfferError> splitParameter(QByteArrayView text)
{
    const qsizetype equals = text.indexOf('=');
    Parameter parameter;
    parameter.name = trimmedOws(equals < 0 ? text : text.first(equals));
    if (!isHttpToken(parameter.name))
        return DeflateOfferError::MalformedParameter;
    if (equals >= 0) {
        parameter.value = parameterValue(trimmedOws(text.sliced(equals + 1)));
        if (!parameter.value)
            return DeflateOfferError::MalformedParameter;
    }
    return parameter;
}

// Applies one parameter to the offer; `seen` guards §7.1's "multiple extension parameters with the
// same name".
std::optional<DeflateOfferError> applyParameter(const Parameter &parameter, DeflateOffer &offer,
                                                QList<QByteArrayView> &seen)
{
    const QByteArrayView known[] = {serverNoContextTakeoverName, clientNoContextTakeoverName,
                                    serverMaxWindowBitsName, clientMaxWindowBitsName};
    if (std::find(std::begin(known), std::end(known), parameter.name) == std::end(known))
        return DeflateOfferError::UnknownParameter;
    if (seen.contains(parameter.name))
        return DeflateOfferError::DuplicateParameter;
    seen.append(parameter.name);

    if (parameter.name == serverNoContextTakeoverName || parameter.name == clientNoContextTakeoverName) {
        if (parameter.value) // §7.1.1.1, §7.1.1.2: "has no value"
            return DeflateOfferError::UnexpectedValue;
        (parameter.name == serverNoContextTakeoverName ? offer.serverNoContextTakeover
                                                       : offer.clientNoContextTakeover) = true;
        return std::nullopt;
    }
    if (parameter.name == serverMaxWindowBitsName) {
        if (!parameter.value)
            return DeflateOfferError::MissingValue;
        offer.serverMaxWindowBits = windowBits(*parameter.value);
        return offer.serverMaxWindowBits ? std::nullopt : std::optional(DeflateOfferError::InvalidWindowBits);
    }
    // client_max_window_bits, the one name left.
    offer.hasClientMaxWindowBits = true;
    if (!parameter.value) // §7.1.2.2: "may include ... without a value"
        return std::nullopt;
    offer.clientMaxWindowBits = windowBits(*parameter.value);
    return offer.clientMaxWindowBits ? std::nullopt : std::optional(DeflateOfferError::InvalidWindowBits);
}

// Agreed parameters for a valid offer (RFC 7692 §7.1), or why the server cannot serve it.
std::variant<DeflateNegotiation, DeflateOfferError> accept(const DeflateOffer &offer, const DeflatePolicy &policy)
{
    const int serverLimit = std::clamp(policy.serverMaxWindowBits, minCompressWindowBits, maxWindowBits);
    const int clientLimit = std::clamp(policy.clientMaxWindowBits, minWindowBits, maxWindowBits);

    DeflateParameters agreed;
    // §7.1.1.1: an offered server_no_context_takeover MUST be answered; the server may add either
    // parameter on its own (§7.1.1.1, §7.1.1.2).
    agreed.serverNoContextTakeover = offer.serverNoContextTakeover || policy.serverNoContextTakeover;
    agreed.clientNoContextTakeover = offer.clientNoContextTakeover || policy.clientNoContextTakeover;
    // §7.1.2.1: answer with "the same or smaller value"; smaller than 9 cannot be served at all.
    if (offer.serverMaxWindowBits && *offer.serverMaxWindowBits < minCompressWindowBits)
        return DeflateOfferError::ServerWindowUnsupported;
    agreed.serverMaxWindowBits = std::min(offer.serverMaxWindowBits.value_or(maxWindowBits), serverLimit);
    // §7.1.2.2: without the parameter in the offer the client may use the full 32 KiB window.
    if (offer.hasClientMaxWindowBits)
        agreed.clientMaxWindowBits = std::min(offer.clientMaxWindowBits.value_or(maxWindowBits), clientLimit);

    DeflateNegotiation negotiation;
    negotiation.accepted = agreed;
    negotiation.responseValue = deflateResponseValue(
            agreed, offer.serverMaxWindowBits.has_value() || agreed.serverMaxWindowBits < maxWindowBits,
            offer.hasClientMaxWindowBits);
    return negotiation;
}

} // namespace

const char *deflateOfferErrorReason(DeflateOfferError error) noexcept
{
    switch (error) {
    case DeflateOfferError::NotPermessageDeflate:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "Not a permessage-deflate offer");
    case DeflateOfferError::MalformedParameter:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "Extension parameter is not a token with an optional token or quoted value");
    case DeflateOfferError::UnknownParameter:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "Parameter not defined for a permessage-deflate offer");
    case DeflateOfferError::DuplicateParameter:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "The same parameter appears twice");
    case DeflateOfferError::UnexpectedValue:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "No-context-takeover parameters take no value");
    case DeflateOfferError::MissingValue:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "server_max_window_bits needs a value");
    case DeflateOfferError::InvalidWindowBits:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "Window bits must be 8 to 15, without leading zeros");
    case DeflateOfferError::ServerWindowUnsupported:
        return QT_TRANSLATE_NOOP("wslab::protocol::DeflateOfferError", "The server cannot compress with a 256-byte window");
    }
    return "?";
}

const char *deflateOfferErrorName(DeflateOfferError error) noexcept
{
    switch (error) {
    case DeflateOfferError::NotPermessageDeflate: return "NotPermessageDeflate";
    case DeflateOfferError::MalformedParameter: return "MalformedParameter";
    case DeflateOfferError::UnknownParameter: return "UnknownParameter";
    case DeflateOfferError::DuplicateParameter: return "DuplicateParameter";
    case DeflateOfferError::UnexpectedValue: return "UnexpectedValue";
    case DeflateOfferError::MissingValue: return "MissingValue";
    case DeflateOfferError::InvalidWindowBits: return "InvalidWindowBits";
    case DeflateOfferError::ServerWindowUnsupported: return "ServerWindowUnsupported";
    }
    return "?";
}

std::variant<DeflateOffer, DeflateOfferError> parseDeflateOffer(QByteArrayView element)
{
    const QList<QByteArrayView> pieces = splitOnSemicolons(element);
    if (pieces.constFirst() != QByteArrayView(permessageDeflateName))
        return DeflateOfferError::NotPermessageDeflate;

    DeflateOffer offer;
    QList<QByteArrayView> seen;
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const auto parameter = splitParameter(pieces[i]);
        if (const auto *error = std::get_if<DeflateOfferError>(&parameter))
            return *error;
        if (const auto error = applyParameter(std::get<Parameter>(parameter), offer, seen))
            return *error;
    }
    return offer;
}

DeflateNegotiation negotiatePerMessageDeflate(const QList<QByteArray> &offers, const DeflatePolicy &policy)
{
    DeflateNegotiation negotiation;
    for (qsizetype i = 0; i < offers.size(); ++i) {
        // §5: the server may decline an offer and go on to the next one the client listed.
        const auto offer = parseDeflateOffer(offers[i]);
        auto result = std::holds_alternative<DeflateOffer>(offer)
                ? accept(std::get<DeflateOffer>(offer), policy)
                : std::variant<DeflateNegotiation, DeflateOfferError>(std::get<DeflateOfferError>(offer));
        if (auto *accepted = std::get_if<DeflateNegotiation>(&result)) {
            accepted->acceptedIndex = i;
            accepted->declined = std::move(negotiation.declined);
            return std::move(*accepted);
        }
        negotiation.declined.append({i, std::get<DeflateOfferError>(result)});
    }
    return negotiation;
}

std::variant<DeflateParameters, DeflateOfferError> parseDeflateAgreement(QByteArrayView element)
{
    const auto parsed = parseDeflateOffer(element);
    if (const auto *error = std::get_if<DeflateOfferError>(&parsed))
        return *error;
    const DeflateOffer &stated = std::get<DeflateOffer>(parsed);
    if (stated.hasClientMaxWindowBits && !stated.clientMaxWindowBits)
        return DeflateOfferError::MissingValue;
    DeflateParameters agreed;
    agreed.serverNoContextTakeover = stated.serverNoContextTakeover;
    agreed.clientNoContextTakeover = stated.clientNoContextTakeover;
    agreed.serverMaxWindowBits = stated.serverMaxWindowBits.value_or(maxWindowBits);
    agreed.clientMaxWindowBits = stated.clientMaxWindowBits.value_or(maxWindowBits);
    return agreed;
}

QByteArray deflateResponseValue(const DeflateParameters &parameters, bool withServerMaxWindowBits,
                                bool withClientMaxWindowBits)
{
    QByteArray value(permessageDeflateName);
    if (parameters.serverNoContextTakeover)
        value += "; " + serverNoContextTakeoverName.toByteArray();
    if (parameters.clientNoContextTakeover)
        value += "; " + clientNoContextTakeoverName.toByteArray();
    if (withServerMaxWindowBits)
        value += "; " + serverMaxWindowBitsName.toByteArray() + '=' + QByteArray::number(parameters.serverMaxWindowBits);
    if (withClientMaxWindowBits)
        value += "; " + clientMaxWindowBitsName.toByteArray() + '=' + QByteArray::number(parameters.clientMaxWindowBits);
    return value;
}

} // namespace wslab::protocol
