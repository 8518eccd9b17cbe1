#include "byteexportformat.h"

namespace wslab::inspector {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

void appendHex(QByteArray &out, quint8 byte)
{
    out += hexDigits[byte >> 4];
    out += hexDigits[byte & 0xf];
}

void appendOffset(QByteArray &out, qsizetype offset, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += hexDigits[(offset >> shift) & 0xf];
}

} // namespace

QByteArray ByteExportFormat::format(QByteArrayView bytes, Kind kind, QByteArrayView name)
{
    switch (kind) {
    case Kind::HexDump:
        return hexDump(bytes);
    case Kind::HexStream:
        return bytes.toByteArray().toHex();
    case Kind::CArray:
        return cArray(bytes, name);
    case Kind::Base64:
        return bytes.toByteArray().toBase64() + '\n';
    case Kind::Raw:
        return bytes.toByteArray();
    }
    return {};
}

QString ByteExportFormat::suffix(Kind kind)
{
    switch (kind) {
    case Kind::HexDump:
    case Kind::HexStream:
        return QStringLiteral("txt");
    case Kind::CArray:
        return QStringLiteral("c");
    case Kind::Base64:
        return QStringLiteral("b64");
    case Kind::Raw:
        return QStringLiteral("bin");
    }
    return {};
}

QByteArray ByteExportFormat::hexDump(QByteArrayView bytes)
{
    // Four offset digits as Wireshark prints them, more when the bytes need them.
    int digits = 4;
    while (digits < 16 && (qint64(bytes.size()) >> (digits * 4)) > 0)
        digits += 2;
    QByteArray out;
    for (qsizetype line = 0; line < bytes.size(); line += bytesPerDumpLine) {
        appendOffset(out, line, digits);
        out += "  ";
        const qsizetype count = std::min<qsizetype>(bytesPerDumpLine, bytes.size() - line);
        for (qsizetype i = 0; i < bytesPerDumpLine; ++i) {
            if (i == bytesPerDumpLine / 2)
                out += ' ';
            if (i < count) {
                appendHex(out, quint8(bytes[line + i]));
                out += ' ';
            } else {
                out += "   ";
            }
        }
        out += ' ';
        for (qsizetype i = 0; i < count; ++i) {
            const char c = bytes[line + i];
            out += (c >= 0x20 && c < 0x7f) ? c : '.';
        }
        out += '\n';
    }
    return out;
}

QByteArray ByteExportFormat::cArray(QByteArrayView bytes, QByteArrayView name)
{
    QByteArray identifier;
    for (const char c : name) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        identifier += word ? c : '_';
    }
    if (identifier.isEmpty() || (identifier.front() >= '0' && identifier.front() <= '9'))
        identifier.prepend('_');
    QByteArray out = "static const unsigned char " + identifier + '[' + QByteArray::number(bytes.size()) + "] = {";
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += (i % bytesPerArrayLine == 0) ? "\n    " : " ";
        out += "0x";
        appendHex(out, quint8(bytes[i]));
        if (i + 1 < bytes.size())
            out += ',';
    }
    out += bytes.isEmpty() ? "};\n" : "\n};\n";
    return out;
}

} // namespace wslab::inspector
