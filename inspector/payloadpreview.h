#pragma once

#include "server/protocol/decodedframe.h"
#include "server/protocol/decodeerror.h"

#include <QCoreApplication>
#include <QString>

namespace wslab::inspector {

// One-line words for a frame or an HTTP message, shared by the table, the timeline and the detail
// views so every view says the same thing. Bytes are interpreted only through the protocol layer
// (close payloads, UTF-8 validation, request heads); this class only formats.
class PayloadPreview
{
    Q_DECLARE_TR_FUNCTIONS(wslab::inspector::PayloadPreview)
public:
    static constexpr int defaultChars = 80;
    static constexpr int defaultHexBytes = 12;

    // Text preview ("“Hello”") when the bytes are UTF-8 (a sequence cut at the end is allowed),
    // otherwise a hex preview.
    [[nodiscard]] static QString textOrHex(QByteArrayView bytes, int maxChars = defaultChars);
    [[nodiscard]] static QString quotedText(QByteArrayView bytes, int maxChars = defaultChars);
    [[nodiscard]] static QString hexPreview(QByteArrayView bytes, int maxBytes = defaultHexBytes);
    // "48 65 6c 6c 6f" for the whole span (callers bound it).
    [[nodiscard]] static QString hexBytes(QByteArrayView bytes, QChar separator = QLatin1Char(' '));
    [[nodiscard]] static bool looksLikeText(QByteArrayView bytes);
    // A classic dump: offset, `perRow` bytes in hex, their ASCII. At most `maxBytes` bytes.
    [[nodiscard]] static QString hexDump(QByteArrayView bytes, qsizetype maxBytes, int perRow = 16);

    [[nodiscard]] static QString frameSummary(const protocol::DecodedFrame &frame);
    // "1000 Normal Closure, “bye”"; the decode error's reason when the payload breaks §5.5.1.
    [[nodiscard]] static QString closeSummary(QByteArrayView payload);
    [[nodiscard]] static QString closeCodeText(quint16 code); // "1000 (Normal Closure)"
    [[nodiscard]] static QString closeCodeName(quint16 code); // "Normal Closure", in the UI's language
    [[nodiscard]] static QString requestSummary(QByteArrayView requestBytes);
    // The start line of an HTTP message as sent (the status line of a response).
    [[nodiscard]] static QString firstLine(QByteArrayView httpBytes);
    [[nodiscard]] static QString errorText(protocol::DecodeError error);
};

} // namespace wslab::inspector
