#include "app/client/clienthost.h"

#include "capture/capturestream.h"
#include "capture/liverecorder.h"
#include "client/clientconnection.h"
#include "server/protocol/closecode.h"

namespace wslab::app {

using client::ClientConnection;

ClientHost::ClientHost(QObject *parent)
    : QObject(parent)
    , m_capture(new capture::CaptureStream(this))
    , m_recorder(std::make_unique<capture::LiveRecorder>(m_capture))
{
    connect(m_capture, &capture::CaptureStream::batchReady, this, &ClientHost::capturedBatch);
    m_brokenTimer.setSingleShot(true);
    m_brokenTimer.setInterval(brokenFrameWaitMs);
    connect(&m_brokenTimer, &QTimer::timeout, this, [this] {
        if (m_connection)
            judgeBroken(m_connection->outcome(), m_connection->state() == ClientConnection::State::Open);
    });
}

ClientHost::~ClientHost()
{
    // The connections' records are not wanted any more: nobody is listening.
    m_capture->disconnect(this);
    for (ClientConnection *connection : findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly)) {
        connection->disconnect(this);
        delete connection; // before the recorder it writes to
    }
}

bool ClientHost::isOpen() const
{
    return m_connection && m_connection->state() == ClientConnection::State::Open;
}

void ClientHost::connectTo(const client::ClientSettings &settings, bool capture, qint64 payloadCap)
{
    if (m_connection) {
        // The old conversation ends properly (RFC 6455 §7.4.1: 1001, this end is going away) and
        // stays in the capture; only the new one talks to the panes.
        ClientConnection *old = m_connection;
        old->disconnect(this);
        connect(old, &ClientConnection::finished, old, &QObject::deleteLater);
        if (!old->close(quint16(protocol::CloseCode::GoingAway)))
            old->abort();
    }
    m_pendingBroken.reset();
    m_brokenTimer.stop();
    m_capture->setEnabled(capture);
    m_capture->setPayloadCap(payloadCap);
    m_serverUrl = settings.url.toString();
    m_connection = new ClientConnection(m_nextId++, settings, m_recorder.get(), this);
    watch(m_connection);
    m_connection->open();
}

void ClientHost::watch(ClientConnection *connection)
{
    connect(connection, &ClientConnection::opened, this, [this, connection] {
        Q_EMIT opened(m_serverUrl, connection->subprotocol(), connection->isDeflateAgreed());
    });
    connect(connection, &ClientConnection::messageReceived, this,
            [this](protocol::Opcode opcode, const QByteArray &payload) {
                Q_EMIT messageReceived(opcode == protocol::Opcode::Binary, payload);
            });
    connect(connection, &ClientConnection::pongReceived, this, [this](const QByteArray &payload) {
        Q_EMIT pongReceived(payload, m_pingClock.isValid() ? m_pingClock.nsecsElapsed() : 0);
    });
    connect(connection, &ClientConnection::closeReceived, this, &ClientHost::closeReceived);
    connect(connection, &ClientConnection::finished, this, [this](const client::ClientOutcome &outcome) {
        m_capture->flush(); // the records of the connection's end
        judgeBroken(outcome, false);
        Q_EMIT finished(outcome);
    });
}

void ClientHost::stop()
{
    m_brokenTimer.stop();
    m_pendingBroken.reset();
    const QList<ClientConnection *> connections = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    if (connections.isEmpty())
        return;
    for (ClientConnection *connection : connections) {
        connection->disconnect(this);
        connection->abort();
        connection->deleteLater();
    }
    m_connection.clear();
    m_capture->flush(); // the closing records of the connections just cut
    Q_EMIT stopped();
}

bool ClientHost::sendMessage(bool binary, const QByteArray &payload, int frames)
{
    if (!isOpen())
        return false;
    return binary ? m_connection->sendBinary(payload, frames)
                  : m_connection->sendMessage(protocol::Opcode::Text, payload, frames);
}

bool ClientHost::ping(const QByteArray &payload)
{
    if (!isOpen() || !m_connection->ping(payload))
        return false;
    m_pingClock.start();
    return true;
}

bool ClientHost::close(quint16 code, const QString &reason)
{
    return isOpen() && m_connection->close(code, reason);
}

bool ClientHost::sendFrames(const QByteArray &wireBytes)
{
    return isOpen() && m_connection->sendRaw(wireBytes);
}

bool ClientHost::sendBroken(client::BrokenFrame preset)
{
    if (!sendFrames(client::BrokenFrames::bytes(preset)))
        return false;
    m_pendingBroken = preset;
    m_brokenTimer.start();
    return true;
}

void ClientHost::judgeBroken(const client::ClientOutcome &outcome, bool stillOpen)
{
    if (!m_pendingBroken)
        return;
    const client::BrokenFrame preset = *std::exchange(m_pendingBroken, std::nullopt);
    m_brokenTimer.stop();
    Q_EMIT brokenFrameJudged(preset, client::BrokenFrames::judge(preset, outcome), outcome, stillOpen);
}

} // namespace wslab::app
