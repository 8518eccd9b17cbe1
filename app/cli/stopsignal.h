#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace wslab::app {

// SIGINT and SIGTERM as a Qt signal, for the headless runs. The handler writes one byte into a
// socket pair, the one thing a signal handler may safely do, and the event loop reads it there.
// The handlers are installed once per process, by the first StopSignal made.
class StopSignal : public QObject
{
    Q_OBJECT
public:
    explicit StopSignal(QObject *parent = nullptr);

Q_SIGNALS:
    void received();

private:
    void onActivated();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace wslab::app
