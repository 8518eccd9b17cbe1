#include "app/transports/demoscript.h"

#include <QStringView>

#include <algorithm>

namespace wslab::app {

int DemoScript::plannedDurationMs() const noexcept
{
    const qint64 planned = qint64(setupTimeoutMs) + pollIntervalMs
        + qint64(std::max(messageCount - 1, 0)) * messageIntervalMs + drainTimeoutMs;
    return int(std::min<qint64>(planned, hardLimitMs));
}

bool DemoScript::isValid() const noexcept
{
    return messageCount >= 1 && messageCount <= maxMessages && messageIntervalMs >= 10
        && receiversPerTransport >= 1 && receiversPerTransport <= maxReceiversPerTransport
        && pollIntervalMs >= 50 && setupTimeoutMs > 0 && drainTimeoutMs > 0
        && qint64(std::max(messageCount - 1, 0)) * messageIntervalMs < hardLimitMs;
}

QString DemoScript::prefix() const
{
    return QStringLiteral("[demo %1] ").arg(marker);
}

QString DemoScript::room() const
{
    return QStringLiteral("demo-%1").arg(marker);
}

QString DemoScript::messageText(int index) const
{
    // The number stays in front, untranslated: receivers read it back (messageIndex()).
    return prefix() + QStringLiteral("%1/%2 ").arg(index).arg(messageCount) + tr("Hello from the auto demo");
}

std::optional<int> DemoScript::messageIndex(const QString &text) const
{
    const QString start = prefix();
    if (!text.startsWith(start))
        return std::nullopt;
    QStringView rest = QStringView(text).mid(start.size());
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return std::nullopt;
    bool ok = false;
    const int index = rest.left(slash).toInt(&ok);
    if (!ok || index < 1 || index > messageCount)
        return std::nullopt;
    return index;
}

QString DemoScript::announcementText() const
{
    return announcementMark() + tr("Starting: %1 lines, one every %2 ms, to %3 receivers per transport.")
                                        .arg(messageCount)
                                        .arg(messageIntervalMs)
                                        .arg(receiversPerTransport);
}

bool DemoScript::isAnnouncement(const QString &text) const
{
    return text.startsWith(announcementMark());
}

QString DemoScript::announcementMark() const
{
    // Whatever the language of the words after it.
    return prefix() + QStringLiteral("▶ ");
}

} // namespace wslab::app
