#include "app/replay/replayhost.h"

#include "app/cli/clientrunner.h"
#include "app/cli/replayrunner.h"

#include "capture/capturestream.h"
#include "inspector/sentences.h"

namespace wslab::app {

ReplayHost::ReplayHost(QObject *parent)
    : QObject(parent)
    , m_stream(new capture::CaptureStream(this))
    , m_recorder(m_stream)
{
    m_stream->setEnabled(true);
    // The live window numbers its source's records from 1 too: the replays' go far above them, so
    // that a record id names one record in the view.
    connect(m_stream, &capture::CaptureStream::batchReady, this, [this](capture::CaptureBatch batch) {
        for (capture::CaptureRecord &record : batch) {
            record.id += firstRecordId;
            if (record.relatedId != 0)
                record.relatedId += firstRecordId;
        }
        Q_EMIT batchReady(batch);
    });
}

ReplayHost::~ReplayHost() = default;

quint64 ReplayHost::start(client::ReplayPlan plan, const client::ReplaySettings &settings)
{
    const quint64 id = m_nextId++;
    auto *session = new client::ReplaySession(id, std::move(plan), settings, &m_recorder, this);
    ++m_running;
    connect(session, &client::ReplaySession::finished, this, [this, session, id](const client::ReplayOutcome &outcome) {
        --m_running;
        m_stream->flush();
        QString summary = outcome.isClean()
                ? tr("Replay %1: %n frame(s) sent, closed cleanly.", nullptr, int(outcome.stepsSent)).arg(id)
                : tr("Replay %1: %2 of %n frame(s) sent: %3", nullptr, int(outcome.stepsPlanned))
                          .arg(id)
                          .arg(outcome.stepsSent)
                          .arg(ClientRunner::describe(outcome.connection));
        // Sentences joined as the language joins them (no space after a Chinese full stop).
        const QString notes = ReplayRunner::describe(outcome, session->plan());
        if (!notes.isEmpty())
            summary = inspector::Sentences::joined(QStringList{summary} + notes.split(u'\n'));
        session->deleteLater();
        Q_EMIT replayFinished(id, summary);
    });
    session->start();
    return id;
}

} // namespace wslab::app
