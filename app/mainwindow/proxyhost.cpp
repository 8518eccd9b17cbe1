#include "app/mainwindow/proxyhost.h"

#include "capture/capturestream.h"
#include "proxy/proxyserver.h"

namespace wslab::app {

ProxyHost::ProxyHost(QObject *parent)
    : QObject(parent)
    , m_capture(new capture::CaptureStream(this))
{
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
    m_proxy->start();
}

void ProxyHost::stop()
{
    if (!m_proxy)
        return;
    proxy::ProxyServer *proxy = std::exchange(m_proxy, nullptr);
    proxy->stop();
    m_capture->flush(); // the closing records of the connections just cut
    // Deleted once the connections' own queued events are through.
    proxy->deleteLater();
    Q_EMIT stopped();
}

} // namespace wslab::app
