#include "app/files/capturefileloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <memory>

namespace wslab::app {

namespace {

// The GUI takes rows in large batches, since each batch also costs it a pass over every row so
// far (the table's and the proxy's bookkeeping of a million rows) whatever its own size. Rows are
// posted when the GUI has taken the ones before and some time has passed (the first ones at once),
// or once this many wait.
constexpr int maxPostRecords = 16384;
constexpr qint64 postIntervalMs = 50;
// Rows waiting for the GUI at most: bounds the memory a slow GUI costs.
constexpr int maxRecordsInFlight = 32768;
// Records per write to the spill at most (besides capture::RecordSpill::blockBytes): a slow file
// still shows its rows every postIntervalMs.
constexpr int maxSpillRecords = 2048;

} // namespace

CaptureFileLoader::CaptureFileLoader(QObject *parent)
    : QObject(parent)
{
}

CaptureFileLoader::~CaptureFileLoader()
{
    stop();
}

void CaptureFileLoader::start(const QString &path, const QSet<quint16> &webSocketPorts)
{
    stop();
    m_cancel = false;
    m_recordsInFlight = 0;
    const quint64 generation = ++m_generation;
    capture::CaptureFileReader::Options options;
    options.webSocketPorts = webSocketPorts;
    m_thread = QThread::create([this, path, options, generation, spilling = m_spilling] {
        const auto result = readRecords(path, options, spilling, generation);
        QMetaObject::invokeMethod(
                this,
                [this, result, generation] {
                    if (generation != m_generation)
                        return;
                    stop(); // joins the thread, which has nothing left to do
                    Q_EMIT finished(result);
                },
                Qt::QueuedConnection);
    });
    m_thread->start();
}

capture::CaptureFileReader::Result CaptureFileLoader::readRecords(const QString &path,
                                                                  const capture::CaptureFileReader::Options &options,
                                                                  bool spilling, quint64 generation)
{
    std::optional<capture::RecordSpill> spill;
    if (spilling)
        spill.emplace();
    // Rows read and not yet posted: records without their payloads where the spill has them, and
    // any records whole.
    capture::CaptureBatch rows;
    bool posted = false;
    QElapsedTimer sincePost;
    sincePost.start();
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    // Whether the GUI wants rows now: it has taken the ones before, and the first rows or some
    // time since the last ones.
    const auto postWanted = [&] {
        return m_recordsInFlight.load() == 0 && (!posted || sincePost.elapsed() >= postIntervalMs);
    };
    const auto postIfDue = [&] {
        if (rows.isEmpty() || (rows.size() < maxPostRecords && !postWanted()))
            return;
        post(rows, spill ? &*spill : nullptr, generation);
        sincePost.restart();
        posted = true;
    };
    const auto result = capture::CaptureFileReader::read(
            path, options,
            [&](capture::CaptureRecord &&record) {
                if (spill && spill->add(record)) {
                    capture::dropPayloads(record); // freed here and now, still in the cache
                    rows.append(std::move(record));
                    if (spill->pendingBytes() < capture::RecordSpill::blockBytes
                        && spill->pendingRecords() < maxSpillRecords && !postWanted())
                        return;
                    flushSpill(*spill, rows);
                } else {
                    if (spill && spill->pendingRecords() > 0)
                        flushSpill(*spill, rows); // the rows before this one
                    rows.append(std::move(record));
                }
                postIfDue();
            },
            &m_cancel,
            [&](qint64 bytesRead, qint64 fileSize) {
                if (sinceProgress.elapsed() < postIntervalMs && bytesRead < fileSize)
                    return;
                sinceProgress.restart();
                postProgress(bytesRead, fileSize, generation);
            });
    if (!rows.isEmpty())
        post(rows, spill ? &*spill : nullptr, generation);
    return result;
}

void CaptureFileLoader::flushSpill(capture::RecordSpill &spill, capture::CaptureBatch &rows)
{
    const qsizetype count = spill.pendingRecords();
    if (spill.flush())
        return;
    // The last `count` rows lost their payloads to a spill that could not take them.
    const capture::CaptureBatch whole = spill.takeUnwritten();
    const qsizetype first = rows.size() - count;
    for (qsizetype i = 0; i < std::min(whole.size(), count); ++i)
        rows[first + i] = whole[i];
}

void CaptureFileLoader::post(capture::CaptureBatch &rows, capture::RecordSpill *spill, quint64 generation)
{
    // Back-pressure, bounded in time: wait while the GUI has enough to do, unless cancelled (the
    // rows read before a cancel are shown too).
    while (m_recordsInFlight.load() >= maxRecordsInFlight && !m_cancel.load())
        QThread::msleep(2);
    if (spill && spill->pendingRecords() > 0)
        flushSpill(*spill, rows); // a row goes to the GUI only once its record is on file
    std::optional<capture::SpilledBatch> spilled = spill ? spill->takeWritten() : std::nullopt;
    const int count = int(rows.size());
    m_recordsInFlight += count;
    QMetaObject::invokeMethod(
            this,
            [this, rows = std::exchange(rows, {}), spilled = std::move(spilled), generation, count] {
                if (generation != m_generation)
                    return; // start() has set the counts for the read it began
                if (spilled)
                    Q_EMIT recordsSpilled(*spilled);
                Q_EMIT recordsRead(rows);
                m_recordsInFlight -= count;
            },
            Qt::QueuedConnection);
    rows.reserve(maxPostRecords + maxSpillRecords); // the most a post holds: never regrown
}

void CaptureFileLoader::postProgress(qint64 bytesRead, qint64 fileSize, quint64 generation)
{
    QMetaObject::invokeMethod(
            this,
            [this, bytesRead, fileSize, generation] {
                if (generation == m_generation)
                    Q_EMIT progressed(bytesRead, fileSize);
            },
            Qt::QueuedConnection);
}

void CaptureFileLoader::cancel()
{
    m_cancel = true;
}

void CaptureFileLoader::stop()
{
    if (!m_thread)
        return;
    if (m_thread->isRunning())
        m_cancel = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

QString CaptureFileLoader::failureText(const capture::CaptureFileFailure &failure)
{
    const QString reason = QCoreApplication::translate(capture::captureFileErrorContext,
                                                       capture::captureFileErrorReason(failure.error));
    using Error = capture::CaptureFileError;
    switch (failure.error) {
    case Error::CannotOpen:
        return failure.detail.isEmpty() ? tr("%1.").arg(reason) : tr("%1: %2.").arg(reason, failure.detail);
    case Error::Empty:
        return tr("%1.").arg(reason);
    case Error::NotACaptureFile:
        return tr("%1: it is neither pcap, pcapng nor HAR.").arg(reason);
    case Error::Truncated:
    case Error::Corrupt:
        break;
    }
    return tr("%1 at byte %2. Everything before that byte is shown.").arg(reason).arg(failure.offset);
}

} // namespace wslab::app
