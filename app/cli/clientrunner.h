#pragma once

#include "app/cli/commandline.h"
#include "app/cli/recordprinter.h"

#include "capture/liverecorder.h"
#include "client/clientoutcome.h"

#include <QByteArray>
#include <QList>
#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace wslab::capture {
class CaptureStream;
}
namespace wslab::client {
class ClientConnection;
}

namespace wslab::app {

// `wslab --connect URL`: wslab as a client, without a window. Each line of standard input is sent as
// a text message (--binary: hex, as a binary message) once the connection is open; every frame both
// ways is printed as --headless prints records (--json, --write alike); at the end of input the
// connection is closed with 1000 and the server's close awaited (within the connection's close
// timeout). The exit status is 0 after a clean close, 1 with the reason on stderr otherwise.
// Ctrl-C (SIGINT, SIGTERM) closes with 1001 Going Away instead; a second one ends the run at once.
class ClientRunner : public QObject
{
    Q_OBJECT
public:
    explicit ClientRunner(const CommandLineOptions &options, QObject *parent = nullptr);
    ~ClientRunner() override;

    // Connects and runs the event loop; the process exit code.
    int exec();

    // The reason a connection did not end cleanly, as one translated line.
    [[nodiscard]] static QString describe(const client::ClientOutcome &outcome);

private:
    void onOpened();
    void onInput();
    void sendWaiting();
    void sendLine(const QByteArray &line);
    void closeIfDone();
    void onFinished(const client::ClientOutcome &outcome);
    void onStopSignal();

    CommandLineOptions m_options;
    RecordPrinter m_printer;
    capture::CaptureStream *m_capture;
    capture::LiveRecorder m_recorder;
    client::ClientConnection *m_connection = nullptr;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_partialLine;     // input after the last newline
    QList<QByteArray> m_waiting;  // lines read before the connection opened
    qint64 m_lineNumber = 0;
    bool m_inputEnded = false;
    bool m_badInput = false;
    bool m_stopping = false;
    int m_exitCode = 0;
};

} // namespace wslab::app
