#include "app/cli/recordprinter.h"

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
    out.reserve(records.size() * 120);
    for (const capture::CaptureRecord &record : records) {
        if (m_options.json)
            out += m_jsonFormatter.format(record);
        else
            m_formatter.appendUtf8(record, out);
        out += '\n';
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
