#include "app/cli/replayrunner.h"
#include "app/cli/clientrunner.h"
#include "app/cli/stopsignal.h"

#include "capture/capturefilereader.h"
#include "capture/capturestream.h"

#include <QCoreApplication>
#include <QDateTime>

namespace wslab::app {

using client::ReplayPlan;
using client::ReplayPlanError;

ReplayRunner::ReplayRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_printer(options, QDateTime::currentMSecsSinceEpoch() * 1'000'000)
    , m_capture(new capture::CaptureStream(this))
    , m_recorder(m_capture)
{
    if (!m_printer.open())
        m_exitCode = 2;
    m_capture->setEnabled(!m_options.quiet || m_options.writeFile);
    connect(m_capture, &capture::CaptureStream::batchReady, this,
            [this](const capture::CaptureBatch &records) { m_printer.print(records); });
    connect(new StopSignal(this), &StopSignal::received, this, &ReplayRunner::onStopSignal);
}

ReplayRunner::~ReplayRunner() = default;

// Only the replayed connection's records are kept: a large file costs the memory of one connection.
std::optional<ReplayPlan> ReplayRunner::readPlan()
{
    QList<capture::CaptureRecord> records;
    std::optional<quint64> connection = m_options.replayConnection;
    const auto result = capture::CaptureFileReader::read(*m_options.replayFile, {}, [&](capture::CaptureRecord &&record) {
        if (connection && record.connectionId != *connection)
            return;
        records.append(std::move(record));
        if (!connection && records.constLast().kind == capture::RecordKind::HttpResponse
            && records.constLast().httpStatus == 101) {
            connection = records.constLast().connectionId;
            records.removeIf([&](const capture::CaptureRecord &r) { return r.connectionId != *connection; });
        }
    });
    if (result.failure) {
        RecordPrinter::printStatus(tr("error: %1: %2")
                                           .arg(*m_options.replayFile,
                                                QCoreApplication::translate(capture::captureFileErrorContext,
                                                                            capture::captureFileErrorReason(result.failure->error))));
        return std::nullopt;
    }
    if (!connection) {
        RecordPrinter::printStatus(tr("error: %1 holds no WebSocket connection").arg(*m_options.replayFile));
        return std::nullopt;
    }
    auto built = ReplayPlan::build(records, *connection, client::ReplayScope::Connection);
    if (const auto *error = std::get_if<ReplayPlanError>(&built)) {
        RecordPrinter::printStatus(tr("error: connection %1 cannot be replayed: %2")
                                           .arg(*connection)
                                           .arg(QCoreApplication::translate(client::replayPlanErrorContext,
                                                                            client::replayPlanErrorReason(*error))));
        return std::nullopt;
    }
    return std::get<ReplayPlan>(std::move(built));
}

int ReplayRunner::exec()
{
    if (m_exitCode != 0)
        return m_exitCode;
    std::optional<ReplayPlan> plan = readPlan();
    if (!plan)
        return 2;
    RecordPrinter::printStatus(tr("replaying connection %1 (%n frame(s)) to %2%3", nullptr, int(plan->steps.size()))
                                       .arg(plan->connectionId)
                                       .arg(m_options.connectUrl->toString(),
                                            m_options.replayTiming ? tr(", with the recorded timing") : QString()));
    if (plan->rebuilt)
        RecordPrinter::printStatus(tr("note: the file holds messages, not frames: they are sent as frames wslab "
                                      "encodes (FIN, masking key and length form are not the recorded ones)"));
    client::ReplaySettings settings;
    m_options.applyTo(settings.connection);
    settings.originalTiming = m_options.replayTiming;
    m_session = new client::ReplaySession(plan->connectionId, std::move(*plan), settings, &m_recorder, this);
    connect(m_session, &client::ReplaySession::finished, this, &ReplayRunner::onFinished);
    m_session->start();
    const int code = QCoreApplication::exec();
    return m_exitCode != 0 ? m_exitCode : code;
}

void ReplayRunner::onFinished(const client::ReplayOutcome &outcome)
{
    m_capture->flush();
    if (const QString differences = describe(outcome, m_session->plan()); !differences.isEmpty())
        RecordPrinter::printStatus(differences);
    if (outcome.isClean()) {
        RecordPrinter::printStatus(tr("replayed %n frame(s); closed cleanly (%1)", nullptr, int(outcome.stepsSent))
                                           .arg(outcome.connection.serverCloseCode.value_or(1005)));
        m_exitCode = 0;
    } else {
        const QString reason = outcome.connection.failure ? ClientRunner::describe(outcome.connection) : QString();
        RecordPrinter::printStatus(tr("error: replay sent %1 of %n frame(s): %2", nullptr, int(outcome.stepsPlanned))
                                           .arg(outcome.stepsSent)
                                           .arg(reason));
        m_exitCode = 1;
    }
    QCoreApplication::exit(m_exitCode);
}

void ReplayRunner::onStopSignal()
{
    RecordPrinter::printStatus(tr("stopping now"));
    if (m_session)
        m_session->abort();
}

QString ReplayRunner::describe(const client::ReplayOutcome &outcome, const ReplayPlan &plan)
{
    QStringList lines;
    if (outcome.extensionsDiffer)
        lines.append(tr("note: the server agreed to \"%1\", the recording to \"%2\"%3")
                             .arg(QString::fromLatin1(outcome.extensions), QString::fromLatin1(plan.recordedExtensions),
                                  plan.hasCompressedSteps() ? tr(": compressed frames cannot be replayed (RFC 7692 §7.2.3.3)")
                                                            : QString()));
    if (outcome.subprotocolDiffers)
        lines.append(tr("note: the server chose subprotocol \"%1\", the recording \"%2\"")
                             .arg(QString::fromLatin1(outcome.subprotocol), QString::fromLatin1(plan.recordedSubprotocol)));
    if (plan.recompressed)
        lines.append(tr("note: messages were compressed anew: the recorded compression context is not on the new "
                        "connection (RFC 7692 §7.2.3.3)"));
    if (outcome.closedByWslab)
        lines.append(tr("note: the replay held no close frame: wslab closed the connection itself"));
    return lines.join(u'\n');
}

} // namespace wslab::app
