#pragma once

// A second, deliberately naive reading of captured bytes, written from RFC 6455 §5.2 alone and
// sharing no code with the product's decoder: the end-to-end tests check the server's decoded
// values against it, and HTTP header values against the raw bytes.

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>

namespace wslab::e2e {

struct WireFrame
{
    bool valid = false;
    bool fin = false;
    bool rsv1 = false;     // permessage-deflate's "compressed" (RFC 7692 §6)
    int opcode = -1;
    bool masked = false;
    int lengthField = 0;   // the 7-bit field: 0..125, 126 (16-bit follows) or 127 (64-bit follows)
    quint64 length = 0;
    QByteArray maskKey;    // 4 bytes when masked
    QByteArray payload;    // unmasked
    qsizetype headerSize = 0;

    // RFC 6455 §5.2 + §5.3: exactly one frame, nothing left over.
    static WireFrame parse(const QByteArray &bytes)
    {
        WireFrame frame;
        if (bytes.size() < 2)
            return frame;
        const auto byte = [&](qsizetype i) { return quint8(bytes.at(i)); };
        frame.fin = (byte(0) & 0x80) != 0;
        frame.rsv1 = (byte(0) & 0x40) != 0;
        frame.opcode = byte(0) & 0x0F;
        frame.masked = (byte(1) & 0x80) != 0;
        frame.lengthField = byte(1) & 0x7F;
        qsizetype pos = 2;
        const int extended = frame.lengthField == 126 ? 2 : frame.lengthField == 127 ? 8 : 0;
        if (bytes.size() < pos + extended)
            return frame;
        frame.length = extended == 0 ? quint64(frame.lengthField) : 0;
        for (int i = 0; i < extended; ++i)
            frame.length = (frame.length << 8) | byte(pos++);
        if (frame.masked) {
            if (bytes.size() < pos + 4)
                return frame;
            frame.maskKey = bytes.mid(pos, 4);
            pos += 4;
        }
        frame.headerSize = pos;
        if (quint64(bytes.size() - pos) != frame.length)
            return frame;
        frame.payload = bytes.mid(pos);
        if (frame.masked) {
            for (qsizetype i = 0; i < frame.payload.size(); ++i)
                frame.payload[i] = char(frame.payload.at(i) ^ frame.maskKey.at(i % 4));
        }
        frame.valid = true;
        return frame;
    }
};

// A header field's value from a raw HTTP/1.1 message head (RFC 9112 §5: case-insensitive name).
inline QByteArray httpHeader(const QByteArray &message, QByteArrayView name)
{
    const QList<QByteArray> lines = message.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// RFC 6455 §4.2.2 step 5.4, computed here independently of the product.
inline QByteArray expectedAccept(const QByteArray &key, bool withGuid = true)
{
    const QByteArray guid = withGuid ? QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11") : QByteArray();
    return QCryptographicHash::hash(key + guid, QCryptographicHash::Sha1).toBase64();
}

} // namespace wslab::e2e
