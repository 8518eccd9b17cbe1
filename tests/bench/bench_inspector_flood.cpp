// Inspector flood benchmark: the GUI's capture model, filter proxy, frame table, timeline and
// detail pane receiving a flood of capture records, the way the server delivers them (batches from
// another thread, about every 16 ms). Reports what the GUI absorbed, how late a 10 ms timer fired
// (the event loop's stalls) and the process's memory, which must stop growing once the row cap
// is reached.
//
//   bench_inspector_flood [--rate 100000] [--seconds 10] [--payload 48] [--row-cap 100000]
//                         [--views table,timeline,detail] [--no-proxy]
// (--views and --no-proxy take parts away to see what each one costs.)
//
// Goals (issue "The inspector"): p99 stall < 50 ms, max < 200 ms, memory flat after the cap.
// Exit status 1 if a goal is missed. Run under QT_QPA_PLATFORM=offscreen or on a display.

#include "inspector/capturefilterproxy.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/timelineview.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include "residentmemory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace wslab;
using bench::currentRssKiB;
using capture::CaptureBatch;
using capture::CaptureRecord;

namespace {

constexpr int batchIntervalMs = 16; // the server's coalescing interval (DESIGN.md)

qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())));
    return values[index];
}

// Produces records at a fixed rate in its own thread and hands them over in batches, as the
// server's capture stream does. Every record owns its payload (no shared bytes), so memory is
// measured honestly.
class Flood : public QObject
{
    Q_OBJECT
public:
    Flood(int rate, int payloadSize)
        : m_rate(rate)
        , m_payloadSize(payloadSize)
    {
    }

    void start()
    {
        m_clock.start();
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &Flood::tick);
        m_timer->start(batchIntervalMs);
    }

    void stop() { m_timer->stop(); }

Q_SIGNALS:
    void batch(const wslab::capture::CaptureBatch &records);

private:
    void tick()
    {
        const qint64 due = m_clock.nsecsElapsed() * m_rate / 1'000'000'000;
        CaptureBatch records;
        records.reserve(int(due - m_sent));
        for (; m_sent < due; ++m_sent)
            records.append(makeRecord(quint64(m_sent) + 1));
        if (!records.isEmpty())
            Q_EMIT batch(records);
    }

    CaptureRecord makeRecord(quint64 id)
    {
        QByteArray payload = QByteArrayLiteral("{\"type\":\"chat\",\"seq\":") + QByteArray::number(id) + "}";
        payload = payload.leftJustified(m_payloadSize, ' ');
        const bool inbound = id % 2 == 1;
        const auto opcode = id % 50 == 0 ? protocol::Opcode::Ping : protocol::Opcode::Text;
        const auto key = inbound ? std::optional(protocol::MaskKey{quint8(id), 0x12, 0x34, 0x56}) : std::nullopt;
        CaptureRecord r;
        r.id = id;
        r.timeNs = m_clock.nsecsElapsed();
        r.connectionId = 1 + id % 8;
        r.direction = inbound ? capture::Direction::Inbound : capture::Direction::Outbound;
        r.transport = capture::Transport::WebSocket;
        r.kind = capture::RecordKind::Frame;
        r.frame = protocol::FrameDecoder::readFrame(protocol::FrameEncoder::encode(opcode, payload, true, key));
        return r;
    }

    int m_rate;
    int m_payloadSize;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Floods the inspector's model and views with capture records."));
    parser.addHelpOption();
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Records per second."), QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Duration."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption payloadOption(QStringLiteral("payload"), QStringLiteral("Payload bytes per frame."), QStringLiteral("n"), QStringLiteral("48"));
    const QCommandLineOption capOption(QStringLiteral("row-cap"), QStringLiteral("The model's row cap."), QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption viewsOption(QStringLiteral("views"), QStringLiteral("Views to show: table,timeline,detail (or none)."),
                                         QStringLiteral("list"), QStringLiteral("table,timeline,detail"));
    const QCommandLineOption noProxyOption(QStringLiteral("no-proxy"), QStringLiteral("Views on the model, without the filter proxy."));
    parser.addOptions({rateOption, secondsOption, payloadOption, capOption, viewsOption, noProxyOption});
    parser.process(app);
    const int rate = parser.value(rateOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();
    const int payloadSize = parser.value(payloadOption).toInt();
    const int rowCap = parser.value(capOption).toInt();
    const QStringList views = parser.value(viewsOption).split(QLatin1Char(','));

    // The GUI side, as the main window composes it.
    inspector::FrameCaptureModel model;
    model.setRowCap(rowCap);
    inspector::CaptureFilterProxy proxy;
    QAbstractItemModel *shown = &model;
    if (!parser.isSet(noProxyOption)) {
        proxy.setSourceModel(&model);
        shown = &proxy;
    }
    QSplitter window;
    QTableView *table = nullptr;
    if (views.contains(QStringLiteral("table"))) {
        table = new QTableView(&window);
        table->setModel(shown);
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 4);
        table->horizontalHeader()->setStretchLastSection(true);
        window.addWidget(table);
        QObject::connect(table->verticalScrollBar(), &QScrollBar::rangeChanged, table, [table] {
            table->scrollToBottom(); // follow the tail, as the main window does while at the bottom
        });
    }
    if (views.contains(QStringLiteral("timeline"))) {
        auto *timeline = new inspector::TimelineView(&window);
        timeline->setModel(shown);
        window.addWidget(timeline);
    }
    inspector::FrameDetailPane *detail = nullptr;
    if (views.contains(QStringLiteral("detail"))) {
        detail = new inspector::FrameDetailPane(&window);
        window.addWidget(detail);
    }
    window.resize(1600, 900);
    window.show();

    qint64 absorbed = 0;
    qint64 batches = 0;
    std::vector<double> appendMs;

    QThread floodThread;
    Flood flood(rate, payloadSize);
    flood.moveToThread(&floodThread);
    QObject::connect(&flood, &Flood::batch, &model, [&](const CaptureBatch &records) {
        QElapsedTimer t;
        t.start();
        model.appendBatch(records);
        appendMs.push_back(double(t.nsecsElapsed()) / 1e6);
        absorbed += records.size();
        ++batches;
        if (detail && batches % 30 == 0) // a learner clicking around: show the newest record in detail
            detail->showRecord(model.record(model.rowCount() - 1));
    }, Qt::QueuedConnection);

    // The event loop's lateness, measured by a 10 ms timer.
    std::vector<double> lateMs;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        if (sinceTick.isValid())
            lateMs.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - 10.0));
        sinceTick.restart();
    });

    // Memory once a second.
    std::vector<qint64> rssKiB;
    std::vector<int> rowsAt;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        rssKiB.push_back(currentRssKiB());
        rowsAt.push_back(model.rowCount());
    });

    QElapsedTimer wall;
    QTimer::singleShot(0, &flood, &Flood::start);
    floodThread.start();
    probe.start(10);
    sampler.start(1000);
    wall.start();
    QTimer::singleShot(seconds * 1000, &app, [&] {
        QMetaObject::invokeMethod(&flood, &Flood::stop, Qt::BlockingQueuedConnection);
        app.quit();
    });
    app.exec();
    floodThread.quit();
    floodThread.wait();
    const double elapsed = double(wall.nsecsElapsed()) / 1e9;

    // Memory after the cap: from the first sample taken with the model full to the last.
    qint64 rssAtCap = -1;
    for (size_t i = 0; i < rssKiB.size(); ++i) {
        if (rowsAt[i] >= rowCap && i + 1 < rssKiB.size()) {
            rssAtCap = rssKiB[i + 1]; // one more second to settle
            break;
        }
    }
    const qint64 rssEnd = rssKiB.empty() ? -1 : rssKiB.back();
    const double growth = rssAtCap > 0 ? double(rssEnd - rssAtCap) / double(rssAtCap) : 0;
    const double p50 = percentile(lateMs, 50);
    const double p99 = percentile(lateMs, 99);
    const double worst = lateMs.empty() ? 0 : *std::max_element(lateMs.begin(), lateMs.end());

    std::printf("inspector flood: %d records/s offered for %d s, %d-byte payloads, row cap %d\n", rate, seconds,
                payloadSize, rowCap);
    std::printf("  absorbed        %lld records in %lld batches, %.0f records/s\n", static_cast<long long>(absorbed),
                static_cast<long long>(batches), double(absorbed) / elapsed);
    std::printf("  appendBatch     p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(appendMs, 50),
                percentile(appendMs, 99), appendMs.empty() ? 0.0 : *std::max_element(appendMs.begin(), appendMs.end()));
    std::printf("  10 ms timer     late p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu ticks)\n", p50, p99, worst,
                lateMs.size());
    std::printf("  rows            %d in the model, %llu evicted\n", model.rowCount(),
                static_cast<unsigned long long>(model.evictedCount()));
    std::printf("  memory          peak RSS %.1f MiB; RSS per second:", double(peakRssKiB()) / 1024);
    for (qint64 kib : rssKiB)
        std::printf(" %.0f", double(kib) / 1024);
    std::printf(" MiB\n");
    if (rssAtCap > 0)
        std::printf("  after the cap   %.1f MiB -> %.1f MiB (%+.1f %%)\n", double(rssAtCap) / 1024,
                    double(rssEnd) / 1024, growth * 100);
    else
        std::printf("  after the cap   the cap was not reached long enough to judge\n");

    const bool stallsOk = p99 < 50 && worst < 200;
    const bool memoryOk = rssAtCap < 0 || growth < 0.10;
    std::printf("  goals           stalls %s (p99 < 50 ms, max < 200 ms), memory %s (< 10 %% growth after the cap)\n",
                stallsOk ? "met" : "MISSED", memoryOk ? "flat" : "GROWING");
    return stallsOk && memoryOk ? 0 : 1;
}

#include "bench_inspector_flood.moc"
