#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace wslab::inspector {

// The selected bytes (a frame, a payload, a message) written out for another tool: a hex dump as
// Wireshark and xxd show one, a hex stream, a C array, base64, or the raw bytes. Pure: bytes in,
// bytes out, so Export and Edit > Copy as give the same text.
class ByteExportFormat
{
public:
    enum class Kind : quint8 {
        HexDump,   // "0000  48 65 6c 6c 6f 20 77 6f  72 6c 64 …  Hello wo rld…": 16 bytes a line
        HexStream, // "48656c6c6f": lowercase, no separators
        CArray,    // "static const unsigned char name[5] = { 0x48, … };"
        Base64,    // RFC 4648 §4, one line
        Raw,       // the bytes themselves
    };
    static constexpr int kindCount = 5;
    static constexpr int bytesPerDumpLine = 16;
    static constexpr int bytesPerArrayLine = 12;

    // `name`: the C array's identifier (letters, digits and underscores are kept; others become
    // underscores).
    [[nodiscard]] static QByteArray format(QByteArrayView bytes, Kind kind,
                                           QByteArrayView name = "websocket_bytes");
    // Whether the result is text (to the clipboard as text) or bytes (only to a file).
    [[nodiscard]] static bool isText(Kind kind) noexcept { return kind != Kind::Raw; }
    // The file name suffix the result is saved under, without the dot.
    [[nodiscard]] static QString suffix(Kind kind);

private:
    [[nodiscard]] static QByteArray hexDump(QByteArrayView bytes);
    [[nodiscard]] static QByteArray cArray(QByteArrayView bytes, QByteArrayView name);
};

} // namespace wslab::inspector
