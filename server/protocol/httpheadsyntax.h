#pragma once

#include "httpheader.h"
#include "httpparseerror.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wslab::protocol {

// The rules of RFC 9112 that request and response heads share, one implementation for
// HttpRequestParser and HttpResponseParser: only the start line differs (§3 and §4).

// RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. Sets both numbers when the
// text has that form. Anything with a major version other than 1 is a version we do not speak
// (HTTP/2.0 is what the HTTP/2 connection preface puts here, "HTTP/3" a guess at one).
[[nodiscard]] std::optional<HttpParseError> parseHttpVersion(QByteArrayView text, int &versionMajor,
                                                             int &versionMinor);

// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS, appended to `headers` when valid.
// `headers` holds the lines before this one: a first line starting with whitespace is
// WhitespaceAfterStartLine (§2.2), a later one ObsoleteLineFolding (§5.2).
[[nodiscard]] std::optional<HttpParseError> parseFieldLine(QByteArrayView line, QList<HttpHeader> &headers);

// Every byte is HTAB, SP, VCHAR or obs-text: what a field value (RFC 9110 §5.5) and a reason phrase
// (RFC 9112 §4) may hold. No other control byte, bare CR included.
[[nodiscard]] bool isHttpText(QByteArrayView text) noexcept;

// RFC 9112 §2.1-2.2: a head read line by line from everything received so far, within
// `maxHeadSize` bytes. A line ends in CRLF or a bare LF; the first is the start line, given to
// `startLine(line, head)`, then field lines to `fieldLine(line, head)`, until the empty line that
// ends the head. Complete lines are checked as they arrive; `unfinishedStartLine(partial)` may fail
// a start line before its end. Each callback returns an error or nothing. `Result` is
// HttpParseResult or HttpResponseParseResult, which differ only in their head.
template<typename Result, typename StartLine, typename FieldLine, typename UnfinishedStartLine>
[[nodiscard]] Result parseHttpHead(QByteArrayView buffer, qsizetype maxHeadSize, bool skipEmptyLinesBeforeStart,
                                   StartLine startLine, FieldLine fieldLine, UnfinishedStartLine unfinishedStartLine)
{
    const auto failed = [](HttpParseError error, qsizetype offset) {
        Result result;
        result.status = Result::Status::Failed;
        result.error = error;
        result.errorOffset = offset;
        return result;
    };
    // Only the first maxHeadSize bytes can belong to an acceptable head.
    const QByteArrayView window = buffer.first(qBound(qsizetype(0), maxHeadSize, buffer.size()));
    Result result;
    bool haveStartLine = false;
    qsizetype lineStart = 0;
    for (qsizetype lineFeed = window.indexOf('\n'); lineFeed >= 0;
         lineStart = lineFeed + 1, lineFeed = window.indexOf('\n', lineStart)) {
        QByteArrayView line = window.sliced(lineStart, lineFeed - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!haveStartLine) {
            if (line.isEmpty() && skipEmptyLinesBeforeStart)
                continue;
            if (const auto error = startLine(line, result.head))
                return failed(*error, lineStart);
            haveStartLine = true;
        } else if (line.isEmpty()) {
            result.head.size = lineFeed + 1;
            result.status = Result::Status::Complete;
            return result;
        } else if (const auto error = fieldLine(line, result.head)) {
            return failed(*error, lineStart);
        }
    }
    if (!haveStartLine) {
        if (const auto error = unfinishedStartLine(window.sliced(lineStart)))
            return failed(*error, lineStart);
    }
    if (buffer.size() >= maxHeadSize)
        return failed(HttpParseError::HeadTooLarge, 0);
    return Result{};
}

} // namespace wslab::protocol
