#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <compare>

namespace wslab::capture {

// An IPv4 or IPv6 address and a TCP port, as a capture file or a socket names one end of a
// connection. A value: the capture layer links no Qt Network, so it does not use QHostAddress.
struct SocketAddress
{
    enum class Family : quint8 { None, IPv4, IPv6 };

    Family family = Family::None;
    std::array<quint8, 16> address{}; // IPv4 uses the first 4 bytes, network order
    quint16 port = 0;

    [[nodiscard]] static SocketAddress ipv4(quint32 hostOrderAddress, quint16 port);
    [[nodiscard]] static SocketAddress ipv6(const quint8 (&bytes)[16], quint16 port);
    // "127.0.0.1:8002" or "[::1]:8002"; nullopt-like None for anything else.
    [[nodiscard]] static SocketAddress fromString(QStringView text);

    [[nodiscard]] bool isValid() const noexcept { return family != Family::None; }
    [[nodiscard]] QString addressText() const; // "127.0.0.1", "::1" (RFC 5952 form)
    [[nodiscard]] QString toString() const;    // "127.0.0.1:8002", "[::1]:8002"

    friend auto operator<=>(const SocketAddress &, const SocketAddress &) = default;
};

} // namespace wslab::capture
