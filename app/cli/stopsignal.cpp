#include "app/cli/stopsignal.h"

#include <QSocketNotifier>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace wslab::app {

namespace {

int signalPipe[2] = {-1, -1};

extern "C" void forwardSignal(int)
{
    // Async-signal-safe: one byte into the socket pair; the event loop does the rest.
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

void installHandlers()
{
    if (signalPipe[0] >= 0)
        return;
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0) {
        signalPipe[0] = signalPipe[1] = -1;
        return;
    }
    struct sigaction action = {};
    action.sa_handler = forwardSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

} // namespace

StopSignal::StopSignal(QObject *parent)
    : QObject(parent)
{
    installHandlers();
    if (signalPipe[1] < 0)
        return;
    m_notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignal::onActivated);
}

void StopSignal::onActivated()
{
    char byte = 0;
    [[maybe_unused]] const auto n = ::read(signalPipe[1], &byte, 1);
    Q_EMIT received();
}

} // namespace wslab::app
