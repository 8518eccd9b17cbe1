#include "app/files/capturefileloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

namespace wslab::app {

namespace {

constexpr int batchRecords = 2048;
constexpr qint64 batchIntervalMs = 50;
constexpr int maxBatchesInFlight = 8;

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
    const quint64 generation = ++m_generation;
    capture::CaptureFileReader::Options options;
    options.webSocketPorts = webSocketPorts;
    m_thread = QThread::create([this, path, options, generation] {
        capture::CaptureBatch batch;
        QElapsedTimer sinceBatch;
        sinceBatch.start();
        QElapsedTimer sinceProgress;
        sinceProgress.start();
        const auto result = capture::CaptureFileReader::read(
                path, options,
                [&](capture::CaptureRecord &&record) {
                    batch.append(std::move(record));
                    if (batch.size() >= batchRecords || sinceBatch.elapsed() >= batchIntervalMs) {
                        post(std::move(batch), generation);
                        batch = {};
                        sinceBatch.restart();
                    }
                },
                &m_cancel,
                [&](qint64 bytesRead, qint64 fileSize) {
                    if (sinceProgress.elapsed() < batchIntervalMs && bytesRead < fileSize)
                        return;
                    sinceProgress.restart();
                    QMetaObject::invokeMethod(
                            this,
                            [this, bytesRead, fileSize, generation] {
                                if (generation == m_generation)
                                    Q_EMIT progressed(bytesRead, fileSize);
                            },
                            Qt::QueuedConnection);
                });
        if (!batch.isEmpty())
            post(std::move(batch), generation);
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

void CaptureFileLoader::post(capture::CaptureBatch &&batch, quint64 generation)
{
    // Back-pressure, bounded in time: wait while the GUI has enough to do, unless cancelled.
    while (m_batchesInFlight.load() >= maxBatchesInFlight && !m_cancel.load())
        QThread::msleep(2);
    if (m_cancel.load())
        return;
    ++m_batchesInFlight;
    QMetaObject::invokeMethod(
            this,
            [this, records = std::move(batch), generation] {
                if (generation != m_generation)
                    return;
                --m_batchesInFlight;
                Q_EMIT recordsRead(records);
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
