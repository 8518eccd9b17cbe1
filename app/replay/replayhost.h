#pragma once

#include "capture/capturerecord.h"
#include "capture/liverecorder.h"
#include "client/replaysession.h"

#include <QObject>

namespace wslab::capture {
class CaptureStream;
}

namespace wslab::app {

// The replays started from the app's capture views: each a client::ReplaySession with its records
// going to one capture stream of their own, whose batches the live window shows beside its source's.
// Replayed connections are numbered from `firstConnectionId` up, apart from the live source's.
class ReplayHost : public QObject
{
    Q_OBJECT
public:
    static constexpr quint64 firstConnectionId = 900'001;
    static constexpr quint64 firstRecordId = quint64(1) << 40;

    explicit ReplayHost(QObject *parent = nullptr);
    ~ReplayHost() override;

    // Starts the replay; its connection's number.
    quint64 start(client::ReplayPlan plan, const client::ReplaySettings &settings);
    [[nodiscard]] int running() const noexcept { return m_running; }

Q_SIGNALS:
    void batchReady(const wslab::capture::CaptureBatch &records);
    // One translated line: how the replay ended.
    void replayFinished(quint64 connectionId, const QString &summary);

private:
    capture::CaptureStream *m_stream;
    capture::LiveRecorder m_recorder;
    quint64 m_nextId = firstConnectionId;
    int m_running = 0;
};

} // namespace wslab::app
