#include "app/cli/recordprinter.h"

#include "capture/linewriter.h"

#include <QFile>

#include <cstdio>

namespace wslab::app {

RecordPrinter::RecordPrinter(const CommandLineOptions &options, qint64 originNs)
    : m_options(options)
    , m_originNs(originNs)
    , m_jsonFormatter(originNs)
{
}

RecordPrinter::~RecordPrinter() = default;

bool RecordPrinter::open()
{
    if (!m_options.writeFile)
        return true;
    m_file = std::make_unique<QFile>(*m_options.writeFile);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        printStatus(tr("error: cannot write %1: %2").arg(*m_options.writeFile, m_file->errorString()));
        return false;
    }
    m_writer = std::make_unique<capture::CaptureFileWriter>(m_file.get(), m_originNs);
    return m_writer->begin() && m_file->flush();
}

void RecordPrinter::print(const capture::CaptureBatch &records)
{
    if (m_writer) {
        for (const capture::CaptureRecord &record : records)
            m_writer->write(record);
        // Each batch reaches the disk before the next: a killed run leaves a readable file.
        m_file->flush();
    }
    if (m_options.quiet)
        return;
    QByteArray out;
    if (m_options.json) {
        for (const capture::CaptureRecord &record : records) {
            out += m_jsonFormatter.format(record);
            out += '\n';
        }
    } else {
        // One writer for the batch: a line is a few dozen pieces, and the array is sized once.
        capture::LineWriter lines(out, records.size() * 120);
        for (const capture::CaptureRecord &record : records) {
            m_formatter.writeLine(record, lines);
            lines.put('\n');
        }
    }
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
}

void RecordPrinter::printStatus(const QString &text)
{
    const QByteArray utf8 = text.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stderr);
    std::fflush(stderr);
}

} // namespace wslab::app
