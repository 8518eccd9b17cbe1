// Capture file in the GUI: opens FILE in the app's own file window (CaptureFileWindow, the views
// a person gets from File > Open) and reports how long the first rows take to show, how long the
// whole file takes, and the memory the window holds per frame once loaded, beside the records it
// holds whole (the cache of records read back from its record store).
//
//   bench_file_window FILE
//
// Goals (issue "Open any WebSocket conversation"): first rows within 1 s; the whole file within
// 2x the command line's `wslab --read FILE --summary`; under 150 bytes per frame beyond the
// payloads. Run under QT_QPA_PLATFORM=offscreen or on a display.
//
// Then a text search that no row matches (every row read back), as the filter bar applies it: in
// slices on the event loop, with the longest pause of the event loop it caused; and the same
// search done at once, as it was before (the event loop blocked throughout).

#include "app/cli/heaptuning.h"
#include "app/files/capturefilewindow.h"
#include "app/mainwindow/captureview.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"

#include "residentmemory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>


#include <cstdio>
#include <ctime>
#include <limits>

#include <sys/resource.h>

using namespace wslab;
using bench::currentRssKiB;

namespace {

constexpr int pollIntervalMs = 5;
constexpr qint64 giveUpAfterMs = 30 * 60 * 1000;

// CPU seconds of the calling thread (the GUI thread here) and of the whole process: on a machine
// shared with other work the wall time says little, the CPU time what the window cost.
double threadCpuSeconds()
{
    timespec time{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return double(time.tv_sec) + double(time.tv_nsec) / 1e9;
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void measureSearch(QApplication &application, inspector::CaptureFilterProxy &proxy)
{
    using Mode = inspector::CaptureFilterProxy::SearchMode;
    QElapsedTimer sinceTick;
    qint64 longestPauseMs = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &application, [&] {
        longestPauseMs = std::max(longestPauseMs, sinceTick.restart());
    });
    QObject::connect(&proxy, &inspector::CaptureFilterProxy::searchRunningChanged, &application,
                     [&](bool running) {
                         if (!running)
                             application.quit();
                     });
    const double guiBefore = threadCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    tick.start(1);
    proxy.setSearch(QStringLiteral("zebra"), Mode::PlainText);
    if (proxy.isSearching())
        application.exec();
    tick.stop();
    std::printf("search in slices: %lld ms, GUI thread CPU %.2f s, longest pause of the event loop %lld ms, "
                "%d rows found\n",
                static_cast<long long>(clock.elapsed()), threadCpuSeconds() - guiBefore,
                static_cast<long long>(longestPauseMs), proxy.rowCount());

    proxy.setIncrementalSearchRows(std::numeric_limits<int>::max());
    const double blockedBefore = threadCpuSeconds();
    clock.restart();
    proxy.setSearch(QStringLiteral("zebrb"), Mode::PlainText);
    std::printf("the same search at once: %lld ms with the event loop blocked, GUI thread CPU %.2f s\n",
                static_cast<long long>(clock.elapsed()), threadCpuSeconds() - blockedBefore);
}

} // namespace

int main(int argc, char *argv[])
{
    app::tuneHeapForPayloads(); // as the app does
    QApplication application(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_file_window FILE\n");
        return 2;
    }
    const qint64 baselineKiB = currentRssKiB();
    const double guiCpuBefore = threadCpuSeconds();
    const double cpuBefore = processCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    app::CaptureFileWindow window(QString::fromLocal8Bit(argv[1]));
    window.resize(1366, 768);
    window.show();
    const inspector::FrameCaptureModel &model = *window.view()->model();

    qint64 firstRowsMs = -1;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &application, [&] {
        if (firstRowsMs < 0 && model.rowCount() > 0)
            firstRowsMs = clock.elapsed();
        if (!window.isLoading() || clock.elapsed() > giveUpAfterMs)
            application.quit();
    });
    poll.start(pollIntervalMs);
    application.exec();
    poll.stop();
    const qint64 wholeMs = clock.elapsed();
    const double guiCpu = threadCpuSeconds() - guiCpuBefore;
    const double cpu = processCpuSeconds() - cpuBefore;
    if (window.isLoading()) {
        std::fprintf(stderr, "gave up after %lld ms\n", static_cast<long long>(wholeMs));
        return 1;
    }
    const qint64 rows = model.rowCount();
    const qint64 grownKiB = currentRssKiB() - baselineKiB;
    // The records the model holds whole: every row's when it keeps them in memory, the store's
    // cache of rows read back when it keeps them on disk.
    const qint64 payloadBytes = model.heldRecordBytes();
    std::printf("rows: %lld\nfirst rows: %lld ms\nwhole file: %lld ms\n", static_cast<long long>(rows),
                static_cast<long long>(firstRowsMs), static_cast<long long>(wholeMs));
    std::printf("CPU: %.2f s, of which the GUI thread %.2f s\n", cpu, guiCpu);
    std::printf("memory grown: %lld MiB (%lld bytes per row)\n", static_cast<long long>(grownKiB / 1024),
                static_cast<long long>(rows ? grownKiB * 1024 / rows : 0));
    std::printf("records held whole (payload cache): %lld MiB; beyond them: %lld bytes per row\n",
                static_cast<long long>(payloadBytes >> 20),
                static_cast<long long>(rows ? (grownKiB * 1024 - payloadBytes) / rows : 0));
    if (!window.errorText().isEmpty())
        std::printf("error shown: %s\n", qPrintable(window.errorText()));
    measureSearch(application, *window.view()->proxy());
    return 0;
}
