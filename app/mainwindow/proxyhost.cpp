#include "app/mainwindow/proxyhost.h"

#include "capture/capturestream.h"
#include "proxy/proxyserver.h"

namespace wslab::app {

ProxyHost::ProxyHost(QObject *parent)
    : QObject(parent)
    , m_capture(new capture::CaptureStream(this))
{
    connect(m_capture, &capture::CaptureStream::batchReady, this, &ProxyHost::trackConnections);
    connect(m_capture, &capture::CaptureStream::batchReady, this, &ProxyHost::capturedBatch);
}

ProxyHost::~ProxyHost()
{
    // The connections' records are not wanted any more: nobody is listening.
    m_capture->disconnect(this);
    delete m_proxy;
}

qsizetype ProxyHost::connectionCount() const
{
    return m_proxy ? m_proxy->connectionCount() : 0;
}

void ProxyHost::start(const proxy::ProxySettings &settings, bool capture, qint64 payloadCap)
{
    stop();
    m_capture->setEnabled(capture);
    m_capture->setPayloadCap(payloadCap);
    m_upstreamUrl = settings.upstream.toString();
    m_proxy = new proxy::ProxyServer(settings, m_capture, this);
    connect(m_proxy, &proxy::ProxyServer::listening, this, &ProxyHost::listening);
    connect(m_proxy, &proxy::ProxyServer::listenFailed, this, &ProxyHost::listenFailed);
    connect(m_proxy, &proxy::ProxyServer::frameHeld, this, &ProxyHost::frameHeld);
    connect(m_proxy, &proxy::ProxyServer::heldFrameGone, this, &ProxyHost::heldFrameGone);
    connect(m_proxy, &proxy::ProxyServer::connectionFinished, this, [this](quint64 connectionId) {
        m_open.removeOne(connectionId);
        Q_EMIT connectionFinished(connectionId);
        Q_EMIT connectionsChanged();
    });
    for (const capture::Direction direction : {capture::Direction::Inbound, capture::Direction::Outbound})
        m_proxy->setInterceptNewConnections(direction, settings.intercept && m_hold[int(direction)]);
    m_proxy->start();
}

void ProxyHost::stop()
{
    if (!m_proxy)
        return;
    proxy::ProxyServer *proxy = std::exchange(m_proxy, nullptr);
    proxy->disconnect(this); // the held frames go with their connections; the pane starts over
    m_open.clear();
    Q_EMIT connectionsChanged();
    proxy->stop();
    m_capture->flush(); // the closing records of the connections just cut
    // Deleted once the connections' own queued events are through.
    proxy->deleteLater();
    Q_EMIT stopped();
}

bool ProxyHost::canIntercept() const
{
    return m_proxy && m_proxy->settings().intercept;
}

void ProxyHost::setHolding(capture::Direction direction, bool on)
{
    m_hold[int(direction)] = on;
    if (!canIntercept())
        return;
    m_proxy->setInterceptNewConnections(direction, on);
    for (const quint64 id : std::as_const(m_open))
        m_proxy->setIntercept(id, direction, on);
}

bool ProxyHost::forwardHeld(quint64 connectionId, capture::Direction direction, quint64 heldId)
{
    return m_proxy && m_proxy->forwardHeld(connectionId, direction, heldId);
}

bool ProxyHost::dropHeld(quint64 connectionId, capture::Direction direction, quint64 heldId)
{
    return m_proxy && m_proxy->dropHeld(connectionId, direction, heldId);
}

bool ProxyHost::replaceHeld(quint64 connectionId, capture::Direction direction, quint64 heldId,
                            const proxy::FrameEdit &edit)
{
    return m_proxy && m_proxy->replaceHeld(connectionId, direction, heldId, edit);
}

bool ProxyHost::inject(quint64 connectionId, capture::Direction direction, const proxy::FrameEdit &edit)
{
    return m_proxy && m_proxy->inject(connectionId, direction, edit);
}

// The proxy names its connections only in records: each ConnectionOpened is one to hold or inject
// into, until connectionFinished.
void ProxyHost::trackConnections(const capture::CaptureBatch &batch)
{
    const qsizetype before = m_open.size();
    for (const capture::CaptureRecord &record : batch) {
        if (record.kind == capture::RecordKind::ConnectionOpened && m_proxy
            && !m_open.contains(record.connectionId))
            m_open.append(record.connectionId);
    }
    if (m_open.size() != before)
        Q_EMIT connectionsChanged();
}

} // namespace wslab::app
