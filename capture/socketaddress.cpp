#include "socketaddress.h"

#include <QStringList>

namespace wslab::capture {

namespace {

// Parses "a.b.c.d" strictly: four decimal parts 0-255, nothing else.
bool parseIpv4(QStringView text, quint8 *out)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    for (int i = 0; i < 4; ++i) {
        const QStringView part = parts.at(i);
        if (part.isEmpty() || part.size() > 3)
            return false;
        for (QChar c : part) {
            if (!c.isDigit() || c.unicode() > u'9')
                return false;
        }
        const int value = part.toInt();
        if (value > 255)
            return false;
        out[i] = quint8(value);
    }
    return true;
}

// Parses an IPv6 address (RFC 4291 §2.2: groups of hex, one "::", optional dotted IPv4 tail).
bool parseIpv6(QStringView text, std::array<quint8, 16> &out)
{
    std::array<quint16, 8> head{}, tail{};
    int headCount = 0, tailCount = 0;
    bool sawGap = false;
    qsizetype gap = text.indexOf(u"::");
    if (gap >= 0) {
        if (text.indexOf(u"::", gap + 1) >= 0)
            return false;
        sawGap = true;
    }
    auto parseGroups = [](QStringView part, std::array<quint16, 8> &groups, int &count, bool allowIpv4Tail) {
        if (part.isEmpty())
            return true;
        const auto fields = part.split(u':');
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QStringView field = fields.at(i);
            const bool last = i == fields.size() - 1;
            if (last && allowIpv4Tail && field.contains(u'.')) {
                quint8 v4[4];
                if (count > 6 || !parseIpv4(field, v4))
                    return false;
                groups[count++] = quint16(v4[0] << 8 | v4[1]);
                groups[count++] = quint16(v4[2] << 8 | v4[3]);
                return true;
            }
            if (field.isEmpty() || field.size() > 4 || count >= 8)
                return false;
            bool ok = false;
            const uint value = field.toUInt(&ok, 16);
            if (!ok || field.startsWith(u'+') || field.startsWith(u'-'))
                return false;
            groups[count++] = quint16(value);
        }
        return true;
    };
    if (sawGap) {
        if (!parseGroups(text.first(gap), head, headCount, false)
            || !parseGroups(text.sliced(gap + 2), tail, tailCount, true))
            return false;
        if (headCount + tailCount > 7)
            return false;
    } else {
        if (!parseGroups(text, head, headCount, true) || headCount != 8)
            return false;
    }
    std::array<quint16, 8> groups{};
    for (int i = 0; i < headCount; ++i)
        groups[i] = head[i];
    for (int i = 0; i < tailCount; ++i)
        groups[8 - tailCount + i] = tail[i];
    for (int i = 0; i < 8; ++i) {
        out[2 * i] = quint8(groups[i] >> 8);
        out[2 * i + 1] = quint8(groups[i]);
    }
    return true;
}

} // namespace

SocketAddress SocketAddress::ipv4(quint32 hostOrderAddress, quint16 port)
{
    SocketAddress result;
    result.family = Family::IPv4;
    result.address[0] = quint8(hostOrderAddress >> 24);
    result.address[1] = quint8(hostOrderAddress >> 16);
    result.address[2] = quint8(hostOrderAddress >> 8);
    result.address[3] = quint8(hostOrderAddress);
    result.port = port;
    return result;
}

SocketAddress SocketAddress::ipv6(const quint8 (&bytes)[16], quint16 port)
{
    SocketAddress result;
    result.family = Family::IPv6;
    for (int i = 0; i < 16; ++i)
        result.address[i] = bytes[i];
    result.port = port;
    return result;
}

SocketAddress SocketAddress::fromString(QStringView text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0 || colon == text.size() - 1)
        return {};
    const QStringView portText = text.sliced(colon + 1);
    for (QChar c : portText) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return {};
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return {};
    QStringView host = text.first(colon);
    SocketAddress result;
    result.port = quint16(port);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        if (!parseIpv6(host.sliced(1, host.size() - 2), result.address))
            return {};
        result.family = Family::IPv6;
        return result;
    }
    if (!parseIpv4(host, result.address.data()))
        return {};
    result.family = Family::IPv4;
    return result;
}

QString SocketAddress::addressText() const
{
    switch (family) {
    case Family::None:
        return {};
    case Family::IPv4:
        return QStringLiteral("%1.%2.%3.%4").arg(address[0]).arg(address[1]).arg(address[2]).arg(address[3]);
    case Family::IPv6:
        break;
    }
    std::array<quint16, 8> groups{};
    for (int i = 0; i < 8; ++i)
        groups[i] = quint16(address[2 * i] << 8 | address[2 * i + 1]);
    // RFC 5952 §4.2: "::" replaces the longest run of two or more zero groups, the first on a tie.
    int bestStart = -1, bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    // RFC 5952 §5: IPv4-mapped addresses keep their dotted tail.
    const bool mapped = bestStart == 0 && bestLength == 5 && groups[5] == 0xffff;
    QString text;
    for (int i = 0; i < (mapped ? 6 : 8); ++i) {
        if (i == bestStart) {
            text += QLatin1String("::");
            i += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(u':'))
            text += u':';
        text += QString::number(groups[i], 16); // §4.3: lower case, §4.1: no leading zeros
    }
    if (mapped)
        text += QStringLiteral(":%1.%2.%3.%4").arg(address[12]).arg(address[13]).arg(address[14]).arg(address[15]);
    return text;
}

QString SocketAddress::toString() const
{
    switch (family) {
    case Family::None:
        return {};
    case Family::IPv4:
        return addressText() + u':' + QString::number(port);
    case Family::IPv6:
        return u'[' + addressText() + QStringLiteral("]:") + QString::number(port);
    }
    return {};
}

} // namespace wslab::capture
