#pragma once

#include "app/cli/commandline.h"
#include "app/cli/recordprinter.h"

#include "capture/liverecorder.h"
#include "client/replaysession.h"

#include <QObject>

namespace wslab::capture {
class CaptureStream;
}

namespace wslab::app {

// `wslab --replay FILE --connect URL`: one connection of a capture file (--replay-conn ID, else the
// first WebSocket connection in it) sent again to the server at URL, whole, with its recorded
// handshake and every frame the client sent, byte for byte (--replay-timing: after the recorded
// gaps). Both directions of the new connection are printed as --connect prints them (--json,
// --write alike). Exit status: 0 after a clean close, 1 with the reason when the replay did not end
// cleanly, 2 when the file cannot be read or the connection cannot be replayed.
class ReplayRunner : public QObject
{
    Q_OBJECT
public:
    explicit ReplayRunner(const CommandLineOptions &options, QObject *parent = nullptr);
    ~ReplayRunner() override;

    int exec();

    // What a replay's outcome adds to the connection's: the agreement that differed, as one line.
    [[nodiscard]] static QString describe(const client::ReplayOutcome &outcome, const client::ReplayPlan &plan);

private:
    [[nodiscard]] std::optional<client::ReplayPlan> readPlan();
    void onFinished(const client::ReplayOutcome &outcome);
    void onStopSignal();

    CommandLineOptions m_options;
    RecordPrinter m_printer;
    capture::CaptureStream *m_capture;
    capture::LiveRecorder m_recorder;
    client::ReplaySession *m_session = nullptr;
    int m_exitCode = 0;
};

} // namespace wslab::app
