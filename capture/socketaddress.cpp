#include "socketaddress.h"

#include <QStringList>

namespace wslab::capture {

SocketAddress SocketAddress::ipv4(quint32 hostOrderAddress, quint16 port)
{
    SocketAddress address;
    address.family = Family::IPv4;
    for (int i = 0; i < 4; ++i)
        address.address[size_t(i)] = quint8(hostOrderAddress >> (24 - 8 * i));
    address.port = port;
    return address;
}

SocketAddress SocketAddress::ipv6(const quint8 (&bytes)[16], quint16 port)
{
    SocketAddress address;
    address.family = Family::IPv6;
    std::copy(std::begin(bytes), std::end(bytes), address.address.begin());
    address.port = port;
    return address;
}

SocketAddress SocketAddress::fromString(QStringView text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return {};
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 0xFFFF)
        return {};
    QStringView host = text.first(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        // IPv6: "::" expands to the zero groups it stands for.
        host = host.mid(1, host.size() - 2);
        const qsizetype gap = host.indexOf(u"::");
        QList<QStringView> head = (gap < 0 ? host : host.first(gap)).split(u':', Qt::SkipEmptyParts);
        QList<QStringView> tail = gap < 0 ? QList<QStringView>() : host.mid(gap + 2).split(u':', Qt::SkipEmptyParts);
        if (head.size() + tail.size() > 8 || (gap < 0 && head.size() != 8))
            return {};
        quint8 bytes[16] = {};
        const auto put = [&](const QList<QStringView> &groups, int start) {
            for (qsizetype i = 0; i < groups.size(); ++i) {
                bool groupOk = false;
                const uint value = groups[i].toUInt(&groupOk, 16);
                if (!groupOk || value > 0xFFFF)
                    return false;
                bytes[2 * (start + i)] = quint8(value >> 8);
                bytes[2 * (start + i) + 1] = quint8(value);
            }
            return true;
        };
        if (!put(head, 0) || !put(tail, int(8 - tail.size())))
            return {};
        return ipv6(bytes, quint16(port));
    }
    const QList<QStringView> parts = host.split(u'.');
    if (parts.size() != 4)
        return {};
    quint32 value = 0;
    for (const QStringView part : parts) {
        bool partOk = false;
        const uint octet = part.toUInt(&partOk);
        if (!partOk || octet > 255)
            return {};
        value = (value << 8) | octet;
    }
    return ipv4(value, quint16(port));
}

QString SocketAddress::addressText() const
{
    if (family == Family::IPv4)
        return QStringLiteral("%1.%2.%3.%4").arg(address[0]).arg(address[1]).arg(address[2]).arg(address[3]);
    if (family != Family::IPv6)
        return {};
    // RFC 5952: lowercase hex, leading zeros dropped, the longest run of two or more zero groups as "::".
    quint16 groups[8];
    for (int i = 0; i < 8; ++i)
        groups[i] = quint16(address[size_t(2 * i)] << 8 | address[size_t(2 * i + 1)]);
    int bestStart = -1, bestLength = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j == i ? i + 1 : j;
    }
    QString text;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            text += QStringLiteral("::");
            i += bestLength - 1;
            continue;
        }
        if (!text.isEmpty() && !text.endsWith(u':'))
            text += u':';
        text += QString::number(groups[i], 16);
    }
    return text;
}

QString SocketAddress::toString() const
{
    if (family == Family::IPv6)
        return QStringLiteral("[%1]:%2").arg(addressText()).arg(port);
    if (family == Family::IPv4)
        return QStringLiteral("%1:%2").arg(addressText()).arg(port);
    return {};
}

} // namespace wslab::capture
