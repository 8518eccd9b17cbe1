#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <variant>

namespace wslab::protocol {

// The extension token of RFC 7692 §7.
inline constexpr char permessageDeflateName[] = "permessage-deflate";

// LZ77 window sizes as base-2 logarithms (RFC 7692 §7.1.2): 8 (256 bytes) to 15 (32 KiB).
inline constexpr int minWindowBits = 8;
inline constexpr int maxWindowBits = 15;
// zlib refuses a 256-byte window for raw deflate (deflateInit2 fails for 8 bits). Its 512-byte
// window happens to keep matches within 250 bytes, but that is how zlib is built, not something it
// promises, so this server never agrees to compress within 256 bytes: 9 is the smallest window it
// answers with, and an offer that demands server_max_window_bits=8 is declined.
inline constexpr int minCompressWindowBits = 9;

// The "agreed parameters" of RFC 7692 §7.1: what both ends do for the life of the connection.
struct DeflateParameters
{
    bool serverNoContextTakeover = false; // §7.1.1.1: the server resets its compressor per message
    bool clientNoContextTakeover = false; // §7.1.1.2: the client resets its compressor per message
    int serverMaxWindowBits = maxWindowBits; // §7.1.2.1: the server compresses within 2^n bytes
    int clientMaxWindowBits = maxWindowBits; // §7.1.2.2: the client compresses within 2^n bytes

    friend bool operator==(const DeflateParameters &, const DeflateParameters &) = default;
};

// One permessage-deflate offer from Sec-WebSocket-Extensions, parameters as the client sent them.
struct DeflateOffer
{
    bool serverNoContextTakeover = false;
    bool clientNoContextTakeover = false;
    std::optional<int> serverMaxWindowBits; // §7.1.2.1: always carries a value in an offer
    bool hasClientMaxWindowBits = false;    // §7.1.2.2: may come without a value...
    std::optional<int> clientMaxWindowBits; // ...which only says "the client supports the parameter"

    friend bool operator==(const DeflateOffer &, const DeflateOffer &) = default;
};

// Why an offer was declined. RFC 7692 §7.1 lists the first four as "MUST decline"; a declined offer
// is not a handshake failure, the server just tries the client's next offer (§5).
enum class DeflateOfferError : quint8 {
    NotPermessageDeflate,    // another extension ("x-webkit-deflate-frame"); not ours to judge
    MalformedParameter,      // not `token [= token | quoted-string]` (RFC 6455 §9.1), or empty
    UnknownParameter,        // §7.1: a parameter not defined for use in an offer
    DuplicateParameter,      // §7.1: the same parameter twice
    UnexpectedValue,         // §7.1.1: *_no_context_takeover takes no value
    MissingValue,            // §7.1.2.1: server_max_window_bits needs a value in an offer
    InvalidWindowBits,       // §7.1.2: not a decimal 8..15 without leading zeros
    ServerWindowUnsupported, // §7.1: server_max_window_bits=8 is a configuration zlib cannot serve
};

[[nodiscard]] const char *deflateOfferErrorReason(DeflateOfferError error) noexcept; // one line, English
[[nodiscard]] const char *deflateOfferErrorName(DeflateOfferError error) noexcept;
inline constexpr const char deflateOfferErrorContext[] = "wslab::protocol::DeflateOfferError";

// Parses one element of Sec-WebSocket-Extensions (as UpgradeRequest::extensionOffers holds them:
// "permessage-deflate; client_max_window_bits"). Names match exactly, as RFC 7692 §7 spells them;
// values may be tokens or quoted strings whose content is a token (RFC 6455 §9.1).
[[nodiscard]] std::variant<DeflateOffer, DeflateOfferError> parseDeflateOffer(QByteArrayView element);

// What this server wants from permessage-deflate. The defaults take what the client asks for.
struct DeflatePolicy
{
    // Ask for no context takeover even if the client did not offer it (§7.1.1): the compressor, or
    // the decompressor, then holds no memory between messages (see PerMessageDeflate).
    bool serverNoContextTakeover = false;
    bool clientNoContextTakeover = false;
    // The largest windows the server allows. The server window is always answered when below 15
    // (§7.1.2.1 allows that even if not offered); the client window can only be limited when the
    // client offered client_max_window_bits (§7.1.2.2). Clamped to 9..15 and 8..15.
    int serverMaxWindowBits = maxWindowBits;
    int clientMaxWindowBits = maxWindowBits;
};

struct DeclinedDeflateOffer
{
    qsizetype index = -1; // into the offers passed to negotiatePerMessageDeflate()
    DeflateOfferError error = DeflateOfferError::NotPermessageDeflate;

    friend bool operator==(const DeclinedDeflateOffer &, const DeclinedDeflateOffer &) = default;
};

struct DeflateNegotiation
{
    std::optional<DeflateParameters> accepted; // empty: the response carries no permessage-deflate
    qsizetype acceptedIndex = -1;
    QByteArray responseValue; // the Sec-WebSocket-Extensions value for the 101 response, or empty
    QList<DeclinedDeflateOffer> declined; // every offer before the accepted one, in order
};

// RFC 7692 §5 and §7.1, server side: accepts the first offer that is valid and servable, declining
// the ones before it with the reason. No offer accepted means no compression on this connection.
[[nodiscard]] DeflateNegotiation negotiatePerMessageDeflate(const QList<QByteArray> &offers,
                                                          const DeflatePolicy &policy = {});

// The response element for agreed parameters, parameters in a fixed order:
// "permessage-deflate; server_no_context_takeover; client_max_window_bits=10". A window parameter
// appears only when asked: server_max_window_bits must be answered if offered (§7.1.2.1), and
// client_max_window_bits may only be sent if offered (§7.1.2.2).
[[nodiscard]] QByteArray deflateResponseValue(const DeflateParameters &parameters, bool withServerMaxWindowBits,
                                              bool withClientMaxWindowBits);

// RFC 7692 §7.1, the other side: the agreed parameters that a server's response element states
// ("permessage-deflate; server_no_context_takeover; client_max_window_bits=10"), for one that
// only watches the handshake. Parameters left out take their defaults (context takeover, 15-bit
// windows). In a response client_max_window_bits must carry a value (§7.1.2.2).
[[nodiscard]] std::variant<DeflateParameters, DeflateOfferError> parseDeflateAgreement(QByteArrayView element);

} // namespace wslab::protocol
