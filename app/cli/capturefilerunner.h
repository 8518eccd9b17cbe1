#pragma once

#include "app/cli/commandline.h"

#include <QCoreApplication>

namespace wslab::app {

// `wslab --read FILE`: a capture file printed as --headless prints live traffic, one line (or, with
// --json, one JSON object) per record, or only its totals (--summary); --write saves what was read
// as pcapng. No server, no display. A file that is missing, unreadable, empty, truncated or corrupt
// is named on stderr with the byte offset where it went wrong, after everything before that byte
// was printed; the exit status is then 2.
class CaptureFileRunner
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::CaptureFileRunner)
public:
    explicit CaptureFileRunner(const CommandLineOptions &options) : m_options(options) { }

    int exec();

private:
    CommandLineOptions m_options;
};

} // namespace wslab::app
