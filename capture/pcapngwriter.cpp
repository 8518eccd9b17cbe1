#include "pcapngwriter.h"

#include "pcapngformat.h"

#include <QIODevice>
#include <QtEndian>

namespace wslab::capture {

namespace {

using namespace pcapng;

constexpr quint16 linkTypeRaw = 101;

void append16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void append32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

void pad(QByteArray &out)
{
    while (out.size() % 4 != 0)
        out.append('\0');
}

// An option's value is at most 65,535 bytes; a longer comment is cut at a UTF-8 boundary.
void appendOption(QByteArray &out, quint16 code, QByteArray value)
{
    if (value.size() > 0xFFFF) {
        qsizetype cut = 0xFFFF;
        while (cut > 0 && (quint8(value[cut]) & 0xC0) == 0x80)
            --cut;
        value.truncate(cut);
    }
    append16(out, code);
    append16(out, quint16(value.size()));
    out.append(value);
    pad(out);
}

} // namespace

bool PcapngWriter::writeHeader(const QString &application)
{
    QByteArray section;
    append32(section, byteOrderMagic);
    append16(section, 1);          // version 1.0
    append16(section, 0);
    append32(section, 0xFFFFFFFF); // section length not known in advance
    append32(section, 0xFFFFFFFF);
    appendOption(section, shbUserApplication, application.toUtf8());
    appendOption(section, optionEnd, {});
    QByteArray interface;
    append16(interface, linkTypeRaw);
    append16(interface, 0);
    append32(interface, 0); // no snapshot length
    appendOption(interface, ifTsresol, QByteArray(1, char(9)));
    appendOption(interface, optionEnd, {});
    return writeBlock(sectionHeaderBlock, section) && writeBlock(interfaceDescriptionBlock, interface);
}

bool PcapngWriter::writePacket(qint64 epochNs, QByteArrayView captured, qint64 originalLength,
                               const QStringList &comments)
{
    QByteArray body;
    body.reserve(captured.size() + 64);
    append32(body, 0); // interface 0
    append32(body, quint32(quint64(epochNs) >> 32));
    append32(body, quint32(quint64(epochNs)));
    append32(body, quint32(captured.size()));
    append32(body, quint32(originalLength));
    body.append(captured.data(), captured.size());
    pad(body);
    if (!comments.isEmpty()) {
        for (const QString &comment : comments)
            appendOption(body, optionComment, comment.toUtf8());
        appendOption(body, optionEnd, {});
    }
    return writeBlock(enhancedPacketBlock, body);
}

bool PcapngWriter::writeBlock(quint32 type, const QByteArray &body)
{
    const quint32 total = quint32(body.size() + 12);
    QByteArray block;
    block.reserve(qsizetype(total));
    append32(block, type);
    append32(block, total);
    block.append(body);
    append32(block, total);
    return m_device->write(block) == block.size();
}

} // namespace wslab::capture
