#include "app/cli/capturefilerunner.h"

#include "capture/capturefilereader.h"
#include "capture/capturefilewriter.h"
#include "capture/capturejsonformatter.h"
#include "capture/capturelineformatter.h"
#include "capture/capturesummary.h"
#include "capture/harwriter.h"

#include <QFile>

#include <cstdio>
#include <memory>

namespace wslab::app {

namespace {

void printTo(FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stream);
}

// Lines go out in large writes: a file of millions of records is printed at the speed of the pipe.
class OutputBuffer
{
public:
    ~OutputBuffer() { flush(); }
    void append(const QByteArray &line)
    {
        m_buffer += line;
        endLine();
    }
    // A formatter writes its line straight into buffer(); endLine() ends it.
    [[nodiscard]] QByteArray &buffer() noexcept { return m_buffer; }
    void endLine()
    {
        m_buffer += '\n';
        if (m_buffer.size() > (1 << 20))
            flush();
    }
    void flush()
    {
        std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), stdout);
        std::fflush(stdout);
        m_buffer.clear();
    }

private:
    QByteArray m_buffer;
};

} // namespace

int CaptureFileRunner::exec()
{
    const QString path = *m_options.readFile;
    std::unique_ptr<QFile> outputFile;
    std::unique_ptr<capture::CaptureFileWriter> writer;
    // A name ending in .har exports HAR (messages, as Chrome DevTools writes them); anything else
    // saves pcapng, which keeps every byte.
    std::optional<capture::HarWriter> har;
    if (m_options.writeFile && m_options.writeFile->endsWith(QLatin1String(".har"), Qt::CaseInsensitive))
        har.emplace();
    if (m_options.writeFile) {
        outputFile = std::make_unique<QFile>(*m_options.writeFile);
        if (!outputFile->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            printTo(stderr, tr("wslab: cannot write %1: %2").arg(*m_options.writeFile, outputFile->errorString()));
            return 2;
        }
        if (!har) {
            writer = std::make_unique<capture::CaptureFileWriter>(outputFile.get(), 0);
            writer->begin();
        }
    }

    OutputBuffer out;
    capture::CaptureSummary summary;
    capture::CaptureLineFormatter lines;
    capture::CaptureJsonFormatter json;
    std::optional<qint64> firstTimeNs;
    capture::CaptureFileReader::Options options;
    for (const quint16 port : m_options.decodeAsPorts)
        options.webSocketPorts.insert(port);
    const auto result = capture::CaptureFileReader::read(path, options, [&](capture::CaptureRecord &&record) {
        if (writer)
            writer->write(record);
        if (har)
            har->add(record);
        if (m_options.summary) {
            summary.add(record);
        } else if (m_options.json) {
            out.append(json.format(record));
        } else {
            // Text lines count seconds from the file's first record, as a protocol analyser does;
            // --json keeps the times since the epoch.
            if (!firstTimeNs)
                firstTimeNs = record.timeNs;
            record.timeNs -= *firstTimeNs;
            lines.appendUtf8(record, out.buffer());
            out.endLine();
        }
    });
    if (m_options.summary) {
        out.append(summary.text().toUtf8());
        const auto &traffic = result.statistics;
        if (result.format != capture::CaptureFileReader::Format::Har)
            out.append(QStringLiteral("packets: %1 (TCP %2; not IP %3, not TCP %4, undecodable %5)")
                               .arg(result.packets).arg(traffic.tcpSegments).arg(traffic.nonIp())
                               .arg(traffic.nonTcp()).arg(traffic.undecodable())
                               .toUtf8());
    }
    out.flush();
    if (har)
        outputFile->write(har->toJson());
    if (result.failure) {
        const capture::CaptureFileFailure &failure = *result.failure;
        const QString reason = QCoreApplication::translate(capture::captureFileErrorContext,
                                                           capture::captureFileErrorReason(failure.error));
        const QString detail = failure.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(failure.detail);
        // A file that cannot be opened or is empty has no byte to point at.
        const bool hasOffset = failure.error != capture::CaptureFileError::CannotOpen
                && failure.error != capture::CaptureFileError::Empty;
        printTo(stderr, hasOffset ? tr("wslab: %1: %2 at byte %3%4").arg(path, reason).arg(failure.offset).arg(detail)
                                  : tr("wslab: %1: %2%3").arg(path, reason, detail));
        return 2;
    }
    return 0;
}

} // namespace wslab::app
