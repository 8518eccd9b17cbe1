#include "app/files/capturefileloader.h"

#include "app/files/batchhandoff.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <memory>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace wslab::app {

namespace {

// The first rows come in a small batch, so that they show at once; later batches grow to many
// thousand records, since each batch also costs the GUI a pass over every row so far (the table's
// and the proxy's bookkeeping of a million rows) whatever its own size.
constexpr int firstBatchRecords = 2048;
constexpr int maxBatchRecords = 16384;
constexpr qint64 batchIntervalMs = 50;
// Records waiting for the GUI at most (each holds its payload): bounds the memory a slow GUI costs.
constexpr int maxRecordsInFlight = 32768;
// Batches read but not yet spilled at most: enough to keep both threads busy.
constexpr int batchesAhead = 2;

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
    m_batchesInFlight = 0;
    m_recordsInFlight = 0;
    const quint64 generation = ++m_generation;
    capture::CaptureFileReader::Options options;
    options.webSocketPorts = webSocketPorts;
    auto handoff = std::make_shared<BatchHandoff>(batchesAhead);
    auto result = std::make_shared<capture::CaptureFileReader::Result>();
    m_thread = QThread::create([this, path, options, generation, handoff, result] {
        *result = readBatches(path, options, generation, *handoff);
        handoff->close(); // after the result is set: the delivering thread reads it once it sees the close
    });
    m_deliveryThread = QThread::create([this, generation, handoff, result, spilling = m_spilling] {
        deliverBatches(*handoff, spilling, generation);
        QMetaObject::invokeMethod(
                this,
                [this, result = *result, generation] {
                    if (generation != m_generation)
                        return;
                    stop(); // joins the threads, which have nothing left to do
                    Q_EMIT finished(result);
                },
                Qt::QueuedConnection);
    });
    m_thread->start();
    m_deliveryThread->start();
}

capture::CaptureFileReader::Result CaptureFileLoader::readBatches(const QString &path,
                                                                  const capture::CaptureFileReader::Options &options,
                                                                  quint64 generation, BatchHandoff &handoff)
{
    std::deque<capture::CaptureBatch> handedOver;
    capture::CaptureBatch batch;
    int batchRecords = firstBatchRecords;
    batch.reserve(batchRecords); // growing it would copy every record moved in so far
    QElapsedTimer sinceBatch;
    sinceBatch.start();
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto result = capture::CaptureFileReader::read(
            path, options,
            [&](capture::CaptureRecord &&record) {
                batch.append(std::move(record));
                if (batch.size() >= batchRecords || sinceBatch.elapsed() >= batchIntervalMs) {
                    handOver(std::move(batch), handoff, handedOver);
                    batch = {};
                    batchRecords = std::min(2 * batchRecords, maxBatchRecords);
                    batch.reserve(batchRecords);
                    sinceBatch.restart();
                }
            },
            &m_cancel,
            [&](qint64 bytesRead, qint64 fileSize) {
                if (sinceProgress.elapsed() < batchIntervalMs && bytesRead < fileSize)
                    return;
                sinceProgress.restart();
                postProgress(bytesRead, fileSize, generation);
            });
    if (!batch.isEmpty())
        handOver(std::move(batch), handoff, handedOver);
    // The GUI takes what is still on its way; the last references to those records are then
    // dropped on the delivering thread or the GUI's.
    handedOver.clear();
#if defined(__GLIBC__)
    // This thread's heap held the records waiting for the GUI (tens of MB for a big file); glibc
    // keeps a thread's freed memory for the thread, which is about to end.
    malloc_trim(0);
#endif
    return result;
}

void CaptureFileLoader::deliverBatches(BatchHandoff &handoff, bool spilling, quint64 generation)
{
    std::optional<capture::RecordSpill> spill;
    if (spilling)
        spill.emplace();
    while (auto batch = handoff.take()) {
        auto spilled = spill ? spill->write(*batch) : std::nullopt;
        post(std::move(*batch), std::move(spilled), generation);
    }
}

void CaptureFileLoader::handOver(capture::CaptureBatch &&batch, BatchHandoff &handoff,
                                 std::deque<capture::CaptureBatch> &handedOver)
{
    // Back-pressure, bounded in time: wait while the GUI has enough to do, unless cancelled.
    while (m_recordsInFlight.load() >= maxRecordsInFlight && !m_cancel.load())
        QThread::msleep(2);
    if (m_cancel.load())
        return;
    // The batches the GUI has taken are let go here, so that the last reference to their records
    // (a million payloads for a big file) is dropped on the thread that allocated them: freed on
    // another thread, every free and every allocation here contended for the heap's lock, and
    // reading took half as long again. Two more are kept than are on their way: the delivering
    // thread and the GUI may still be destroying their copies of the last ones.
    while (int(handedOver.size()) > m_batchesInFlight.load() + 2)
        handedOver.pop_front();
    handedOver.push_back(batch); // shares the records, copies nothing
    ++m_batchesInFlight;
    m_recordsInFlight += int(batch.size());
    handoff.put(std::move(batch));
}

void CaptureFileLoader::post(capture::CaptureBatch &&batch, std::optional<capture::SpilledBatch> &&spilled,
                             quint64 generation)
{
    const int records = int(batch.size());
    QMetaObject::invokeMethod(
            this,
            [this, records = std::move(batch), spilled = std::move(spilled), generation, count = records] {
                if (generation != m_generation)
                    return; // start() has set the counts for the read it began
                if (spilled)
                    Q_EMIT recordsSpilled(*spilled);
                Q_EMIT recordsRead(records);
                --m_batchesInFlight;
                m_recordsInFlight -= count;
            },
            Qt::QueuedConnection);
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
    if (m_thread->isRunning() || m_deliveryThread->isRunning())
        m_cancel = true;
    m_thread->wait();
    m_deliveryThread->wait();
    delete m_thread;
    delete m_deliveryThread;
    m_thread = nullptr;
    m_deliveryThread = nullptr;
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
