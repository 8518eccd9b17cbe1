#pragma once

#include "capturerecord.h"

#include <QString>

namespace wslab::capture {

class LineWriter;

// One CaptureRecord as one line of text, like a protocol analyser prints it (the headless mode).
// Pure: the same record always gives the same line (an instance is used by one thread at a time:
// it keeps the last time column it wrote). Columns: seconds since the server started,
// connection, direction ("C→S" client to server, "S→C" server to client, " · " an event), then the
// frame header (FIN, RSV bits, opcode, MASK, payload length and its RFC 6455 §5.2 length tier) and a
// payload preview, or the HTTP start line, or the event. A compressed message (permessage-deflate)
// shows its deflated bytes in hex and, where the record carries it, the inflated message:
// `… RSV=100 text MASK=1 len=9 (7-bit) f2 48 … ⇒ inflated 5 B "Hello"`.
class CaptureLineFormatter
{
public:
    struct Options
    {
        int previewChars = 48; // characters of a text payload
        int previewBytes = 16; // bytes of a binary payload, as hex
    };

    CaptureLineFormatter() = default;
    explicit CaptureLineFormatter(Options options) : m_options(options) { }

    [[nodiscard]] QString format(const CaptureRecord &record) const;
    // The same line, UTF-8, appended to `line`: what a printer writes, built without a QString, since
    // a live capture may print a few hundred thousand lines a second.
    void appendUtf8(const CaptureRecord &record, QByteArray &line) const;
    // The same, through a writer a printer keeps for a whole batch of lines.
    void writeLine(const CaptureRecord &record, LineWriter &out) const;

    [[nodiscard]] static QString directionArrow(const CaptureRecord &record);
    [[nodiscard]] static QString timeColumn(qint64 timeNs);
    // Printable, escaped, cut text ("Hello\n" -> "Hello\\n"), quoted.
    [[nodiscard]] QString textPreview(QByteArrayView utf8, qint64 fullSize) const;
    // "01 02 ff …" (at most previewBytes bytes).
    [[nodiscard]] QString hexPreview(QByteArrayView bytes, qint64 fullSize) const;

private:
    void writeTime(qint64 timeNs, LineWriter &out) const;
    void writeTextPreview(QByteArrayView utf8, qint64 fullSize, LineWriter &out) const;
    void writeHexPreview(QByteArrayView bytes, qint64 fullSize, LineWriter &out) const;
    void writeFrameColumns(const CaptureRecord &record, LineWriter &out) const;
    void writeFramePreview(const CaptureRecord &record, LineWriter &out) const;
    void writeInflatedColumns(const CaptureRecord &record, LineWriter &out) const;
    // HTTP messages and events are few beside frames: built as text.
    [[nodiscard]] QString httpColumns(const CaptureRecord &record) const;
    [[nodiscard]] QString eventColumns(const CaptureRecord &record) const;

    Options m_options;
    // The records of one read share their time, and a live capture prints a few hundred thousand
    // lines a second: the column is formatted once per time, not once per line.
    mutable QByteArray m_lastTimeText;
    mutable qint64 m_lastTimeNs = 0;
};

} // namespace wslab::capture
