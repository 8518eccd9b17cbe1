#pragma once

#include "capture/capturerecord.h"
#include "client/clientsettings.h"

#include <QObject>
#include <QPointer>

#include <functional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace wslab::app {

class CaptureView;
class ReplayHost;

// "Replay…" in a capture view (the live window's or a file's): asks where and what (ReplayDialog),
// builds the client::ReplayPlan from the view's records and starts it on the ReplayHost, whose
// records come out of batchReady for the live window. A selection that cannot be replayed is
// answered with its reason.
class ReplayLauncher : public QObject
{
    Q_OBJECT
public:
    // `dialogParent` owns the dialogs. `defaults` gives the server to prefill (none, an empty host:
    // the recorded Host) and the TLS trust to reach it with (in proxy mode, the upstream's).
    ReplayLauncher(QWidget *dialogParent, std::function<client::ClientSettings()> defaults, QObject *parent = nullptr);

    // The view's "Replay…" starts replays here.
    void watch(CaptureView *view);

Q_SIGNALS:
    void batchReady(const wslab::capture::CaptureBatch &records);
    // One translated line for the status bar.
    void message(const QString &text);

private:
    void replayFrom(CaptureView *view, quint64 connectionId);

    QPointer<QWidget> m_dialogParent;
    std::function<client::ClientSettings()> m_defaults;
    ReplayHost *m_host;
};

} // namespace wslab::app
