#include "app/replay/replaylauncher.h"

#include "app/mainwindow/captureview.h"
#include "app/replay/replaydialog.h"
#include "app/replay/replayhost.h"

#include "client/replayplan.h"
#include "server/protocol/httprequestparser.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace wslab::app {

namespace {

// "ws://" + the recorded Host + the recorded target: where the recording went, as a starting point.
QString recordedUrl(const QList<capture::CaptureRecord> &records)
{
    for (const capture::CaptureRecord &record : records) {
        if (record.kind != capture::RecordKind::HttpRequest)
            continue;
        const auto head = protocol::HttpRequestParser::parse(record.wireBytes, 1024 * 1024).head;
        if (head.value("Host").isEmpty())
            return {};
        return QStringLiteral("ws://%1%2").arg(QString::fromLatin1(head.value("Host")), QString::fromLatin1(head.target));
    }
    return {};
}

} // namespace

ReplayLauncher::ReplayLauncher(QWidget *dialogParent, std::function<client::ClientSettings()> defaults,
                               QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
    , m_defaults(std::move(defaults))
    , m_host(new ReplayHost(this))
{
    connect(m_host, &ReplayHost::batchReady, this, &ReplayLauncher::batchReady);
    connect(m_host, &ReplayHost::replayFinished, this,
            [this](quint64, const QString &summary) { Q_EMIT message(summary); });
}

void ReplayLauncher::watch(CaptureView *view)
{
    connect(view, &CaptureView::replayRequested, this,
            [this, view](quint64 connectionId) { replayFrom(view, connectionId); });
}

void ReplayLauncher::replayFrom(CaptureView *view, quint64 connectionId)
{
    const QList<capture::CaptureRecord> records = view->recordsOf(connectionId);
    const QSet<quint64> selected = view->selectedRecordIds();
    const client::ClientSettings defaults = m_defaults ? m_defaults() : client::ClientSettings{};
    const QString url = defaults.url.host.isEmpty() ? recordedUrl(records) : defaults.url.toString();
    ReplayDialog dialog(url, int(selected.size()), view->window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const std::optional<ReplayRequest> request = dialog.request();
    if (!request)
        return;
    auto built = client::ReplayPlan::build(records, connectionId, request->scope, selected);
    if (const auto *error = std::get_if<client::ReplayPlanError>(&built)) {
        QMessageBox::warning(view->window(), tr("Replay"),
                             tr("Connection %1 cannot be replayed: %2")
                                     .arg(connectionId)
                                     .arg(QCoreApplication::translate(client::replayPlanErrorContext,
                                                                      client::replayPlanErrorReason(*error))));
        return;
    }
    client::ReplaySettings settings;
    settings.connection = defaults;
    settings.connection.url = request->url;
    settings.originalTiming = request->originalTiming;
    const quint64 id = m_host->start(std::get<client::ReplayPlan>(std::move(built)), settings);
    Q_EMIT message(tr("Replaying connection %1 to %2 as connection %3…").arg(connectionId).arg(request->url.toString()).arg(id));
}

} // namespace wslab::app
