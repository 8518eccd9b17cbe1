#pragma once

// Hand-built packets and capture files for the capture tests: every header written byte by byte
// from the RFCs and the pcap/pcapng layouts, so the decoder and readers meet real wire bytes.

#include "capture/conversationsink.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QTemporaryDir>
#include <QtEndian>

namespace wslab::capture::testing {

inline void appendBe16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8)).append(char(value));
}

inline void appendBe32(QByteArray &out, quint32 value)
{
    appendBe16(out, quint16(value >> 16));
    appendBe16(out, quint16(value));
}

inline void appendU16(QByteArray &out, quint16 value, bool bigEndian)
{
    if (bigEndian)
        appendBe16(out, value);
    else
        out.append(char(value)).append(char(value >> 8));
}

inline void appendU32(QByteArray &out, quint32 value, bool bigEndian)
{
    if (bigEndian) {
        appendBe32(out, value);
    } else {
        appendU16(out, quint16(value), false);
        appendU16(out, quint16(value >> 16), false);
    }
}

enum Flags : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

// RFC 9293 §3.1; `options` must be a multiple of 4 bytes. Checksum left 0: nothing here checks it.
inline QByteArray tcpHeader(quint16 sourcePort, quint16 destinationPort, quint32 sequence, quint32 ack,
                            quint8 flags, const QByteArray &options = {})
{
    QByteArray out;
    appendBe16(out, sourcePort);
    appendBe16(out, destinationPort);
    appendBe32(out, sequence);
    appendBe32(out, ack);
    out.append(char(((20 + options.size()) / 4) << 4)).append(char(flags));
    appendBe16(out, 65535);      // window
    appendBe32(out, 0);          // checksum, urgent pointer
    return out + options;
}

// RFC 791 §3.1; `options` must be a multiple of 4 bytes.
inline QByteArray ipv4(quint32 source, quint32 destination, const QByteArray &payload, quint8 protocol = 6,
                       const QByteArray &options = {}, quint16 fragment = 0x4000 /* DF */)
{
    QByteArray out;
    out.append(char(0x40 | ((20 + options.size()) / 4))).append('\0');
    appendBe16(out, quint16(20 + options.size() + payload.size()));
    appendBe32(out, 0x12340000);  // identification, flags/fragment below
    out[6] = char(fragment >> 8);
    out[7] = char(fragment);
    out.append(char(64)).append(char(protocol));
    appendBe16(out, 0);           // checksum
    appendBe32(out, source);
    appendBe32(out, destination);
    return out + options + payload;
}

inline QByteArray loopback6() { return QByteArray(15, '\0') + '\1'; } // ::1
inline QByteArray documentation6(quint8 last)                         // 2001:db8::last
{
    return QByteArray::fromHex("20010db8000000000000000000000000").replace(15, 1, QByteArray(1, char(last)));
}

// RFC 8200 §3; `extensions` already chained, the first one's type in `nextHeader`.
inline QByteArray ipv6(const QByteArray &source, const QByteArray &destination, const QByteArray &payload,
                       quint8 nextHeader = 6, const QByteArray &extensions = {})
{
    QByteArray out = QByteArray::fromHex("60000000");
    appendBe16(out, quint16(extensions.size() + payload.size()));
    out.append(char(nextHeader)).append(char(64));
    return out + source + destination + extensions + payload;
}

inline constexpr quint32 localhost = 0x7f000001;

inline QByteArray ipv4Tcp(quint16 sourcePort, quint16 destinationPort, quint32 sequence, quint8 flags,
                          const QByteArray &payload, quint32 source = localhost, quint32 destination = localhost)
{
    return ipv4(source, destination, tcpHeader(sourcePort, destinationPort, sequence, 0, flags) + payload);
}

// Link layers (LINKTYPE_ values).
inline QByteArray ethernet(quint16 etherType, const QByteArray &payload, const QList<quint16> &vlanTags = {})
{
    QByteArray out = QByteArray::fromHex("020000000002" "020000000001");
    for (quint16 tpid : vlanTags) {
        appendBe16(out, tpid);
        appendBe16(out, 42); // VLAN id
    }
    appendBe16(out, etherType);
    return out + payload;
}

inline QByteArray nullLink(quint32 family, bool bigEndian, const QByteArray &payload)
{
    QByteArray out;
    appendU32(out, family, bigEndian);
    return out + payload;
}

inline QByteArray linuxSll(quint16 protocol, const QByteArray &payload)
{
    QByteArray out = QByteArray::fromHex("0000" "0304" "0006" "000000000000" "0000");
    appendBe16(out, protocol);
    return out + payload;
}

inline QByteArray linuxSll2(quint16 protocol, const QByteArray &payload)
{
    QByteArray out;
    appendBe16(out, protocol);
    out += QByteArray::fromHex("0000" "00000001" "0304" "00" "06" "000000000000" "0000");
    return out + payload;
}

// Capture files.
struct FilePacket
{
    qint64 timeNs = 0;
    QByteArray bytes;
    quint32 originalLength = 0; // 0: the captured size
    quint32 interfaceId = 0;
};

inline QByteArray pcapFile(int linkType, const QList<FilePacket> &packets, bool nanoseconds, bool bigEndian,
                           quint32 snapLength = 262144)
{
    QByteArray out;
    appendU32(out, nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, bigEndian);
    appendU16(out, 2, bigEndian);
    appendU16(out, 4, bigEndian);
    appendU32(out, 0, bigEndian);
    appendU32(out, 0, bigEndian);
    appendU32(out, snapLength, bigEndian);
    appendU32(out, quint32(linkType), bigEndian);
    for (const FilePacket &packet : packets) {
        appendU32(out, quint32(packet.timeNs / 1000000000), bigEndian);
        const qint64 fraction = packet.timeNs % 1000000000;
        appendU32(out, quint32(nanoseconds ? fraction : fraction / 1000), bigEndian);
        appendU32(out, quint32(packet.bytes.size()), bigEndian);
        appendU32(out, packet.originalLength ? packet.originalLength : quint32(packet.bytes.size()), bigEndian);
        out += packet.bytes;
    }
    return out;
}

inline QByteArray pcapNgBlock(quint32 type, const QByteArray &body, bool bigEndian)
{
    QByteArray padded = body;
    while (padded.size() % 4)
        padded.append('\0');
    QByteArray out;
    appendU32(out, type, bigEndian);
    appendU32(out, quint32(padded.size() + 12), bigEndian);
    out += padded;
    appendU32(out, quint32(padded.size() + 12), bigEndian);
    return out;
}

inline QByteArray pcapNgSectionHeader(bool bigEndian)
{
    QByteArray body;
    appendU32(body, 0x1a2b3c4d, bigEndian);
    appendU16(body, 1, bigEndian);
    appendU16(body, 0, bigEndian);
    body += QByteArray(8, char(0xff)); // section length unknown
    return pcapNgBlock(0x0a0d0d0a, body, bigEndian);
}

inline QByteArray pcapNgInterface(int linkType, quint8 resolution, bool bigEndian)
{
    QByteArray body;
    appendU16(body, quint16(linkType), bigEndian);
    appendU16(body, 0, bigEndian);
    appendU32(body, 262144, bigEndian);
    appendU16(body, 9, bigEndian); // if_tsresol
    appendU16(body, 1, bigEndian);
    body.append(char(resolution)).append(QByteArray(3, '\0'));
    appendU32(body, 0, bigEndian); // opt_endofopt
    return pcapNgBlock(1, body, bigEndian);
}

// `units` are the interface's if_tsresol units.
inline QByteArray pcapNgEnhancedPacket(quint32 interfaceId, quint64 units, const QByteArray &bytes, bool bigEndian,
                                       quint32 originalLength = 0)
{
    QByteArray body;
    appendU32(body, interfaceId, bigEndian);
    appendU32(body, quint32(units >> 32), bigEndian);
    appendU32(body, quint32(units), bigEndian);
    appendU32(body, quint32(bytes.size()), bigEndian);
    appendU32(body, originalLength ? originalLength : quint32(bytes.size()), bigEndian);
    return pcapNgBlock(6, body + bytes, bigEndian);
}

// Writes `contents` to `name` in `dir`; the path, or empty when it cannot be written.
inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &contents)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return path;
}

} // namespace wslab::capture::testing
