#include "app/transports/demoreceiver.h"

namespace wslab::app {

DemoReceiver::DemoReceiver(capture::Transport transport, const DemoScript &script, DemoTally &tally, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_script(script)
    , m_tally(tally)
{
}

void DemoReceiver::markReady()
{
    if (m_ready)
        return;
    m_ready = true;
    Q_EMIT ready();
}

void DemoReceiver::handleEntry(const QJsonObject &entry, qint64 receivedMs)
{
    if (entry.value(QLatin1String("type")).toString() != QLatin1String("message"))
        return;
    const QString text = entry.value(QLatin1String("text")).toString();
    if (m_script.isAnnouncement(text)) {
        m_sawAnnouncement = true;
        Q_EMIT progressed();
        return;
    }
    const std::optional<int> index = m_script.messageIndex(text);
    if (!index)
        return;
    if (m_seen.contains(*index)) {
        ++m_duplicates;
        return;
    }
    m_seen.insert(*index);
    if (m_counting) {
        const auto sentMs = qint64(entry.value(QLatin1String("time")).toDouble(double(receivedMs)));
        m_tally.countDelivery(receivedMs - sentMs);
    }
    Q_EMIT progressed();
}

} // namespace wslab::app
