#pragma once

#include "app/cli/commandline.h"

#include "capture/capturefilewriter.h"
#include "capture/capturejsonformatter.h"
#include "capture/capturelineformatter.h"
#include "capture/capturerecord.h"

#include <QCoreApplication>

#include <memory>

QT_BEGIN_NAMESPACE
class QFile;
QT_END_NAMESPACE

namespace wslab::app {

// What a live run (--headless, --connect) does with each batch of records: one line of text or, with
// --json, one JSON object per record on stdout (nothing with --quiet), and with --write each record
// saved to pcapng as it comes, each batch flushed so that a killed run leaves a readable file.
class RecordPrinter
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::RecordPrinter)
public:
    // `originNs`: this run's start in nanoseconds since the epoch (--json and the file's times).
    RecordPrinter(const CommandLineOptions &options, qint64 originNs);
    ~RecordPrinter();

    // Opens the --write file, if one was asked for; false (said on stderr) if it cannot be written.
    [[nodiscard]] bool open();
    void print(const capture::CaptureBatch &records);
    // Status and errors: one line on stderr, at once.
    static void printStatus(const QString &text);

private:
    CommandLineOptions m_options;
    qint64 m_originNs;
    capture::CaptureLineFormatter m_formatter;
    capture::CaptureJsonFormatter m_jsonFormatter;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<capture::CaptureFileWriter> m_writer;
};

} // namespace wslab::app
