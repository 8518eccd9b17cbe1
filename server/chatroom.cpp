#include "chatroom.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace wslab::server {

namespace {

QString foldedNick(const QString &nick)
{
    return nick.toCaseFolded();
}

QString defaultNick(quint64 clientId)
{
    return QStringLiteral("guest-%1").arg(clientId);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

ChatRoom::ChatRoom(int historyLimit, qint64 historyBytes)
    : m_historyLimit(qMax(1, historyLimit))
    , m_historyByteLimit(qMax<qint64>(0, historyBytes))
{
}

void ChatRoom::setHistoryLimits(int historyLimit, qint64 historyBytes)
{
    m_historyLimit = qMax(1, historyLimit);
    m_historyByteLimit = qMax<qint64>(0, historyBytes);
    trimHistory();
}

qint64 ChatRoom::entryBytes(const ChatEntry &entry) noexcept
{
    return qint64(sizeof(ChatEntry)) + qint64(entry.from.size() + entry.text.size()) * qint64(sizeof(QChar));
}

std::optional<ChatEntry> ChatRoom::join(quint64 clientId, const QString &requestedNick, qint64 timeMs)
{
    if (isMember(clientId))
        return std::nullopt;
    QString wanted = normalizedNick(requestedNick);
    if (wanted.isEmpty())
        wanted = defaultNick(clientId);
    const QString nick = uniqueNick(wanted, clientId);
    m_nicks.insert(clientId, nick);
    m_owners.insert(foldedNick(nick), clientId);
    return append(ChatEntry::Kind::Join, nick, QString(), timeMs);
}

std::optional<ChatEntry> ChatRoom::leave(quint64 clientId, qint64 timeMs)
{
    const auto it = m_nicks.constFind(clientId);
    if (it == m_nicks.cend())
        return std::nullopt;
    const QString nick = *it;
    m_nicks.erase(it);
    m_owners.remove(foldedNick(nick));
    return append(ChatEntry::Kind::Leave, nick, QString(), timeMs);
}

ChatRoom::PostResult ChatRoom::post(quint64 clientId, const QString &text, qint64 timeMs)
{
    if (!isMember(clientId))
        return {std::nullopt, QStringLiteral("not in the room")};
    static const QString nickCommand = QStringLiteral("/nick");
    if (text.startsWith(nickCommand) && (text.size() == nickCommand.size() || text.at(nickCommand.size()).isSpace()))
        return rename(clientId, text.mid(nickCommand.size()), timeMs);
    if (text.trimmed().isEmpty())
        return {std::nullopt, QStringLiteral("empty message")};
    return {append(ChatEntry::Kind::Message, nick(clientId), text, timeMs), {}};
}

ChatRoom::PostResult ChatRoom::rename(quint64 clientId, const QString &requestedNick, qint64 timeMs)
{
    if (!isMember(clientId))
        return {std::nullopt, QStringLiteral("not in the room")};
    const QString wanted = normalizedNick(requestedNick);
    if (wanted.isEmpty())
        return {std::nullopt, QStringLiteral("usage: /nick NAME")};
    const QString old = nick(clientId);
    if (wanted == old)
        return {std::nullopt, QStringLiteral("you are already %1").arg(old)};
    if (isNickTaken(wanted, clientId))
        return {std::nullopt, QStringLiteral("the nickname %1 is taken").arg(wanted)};
    m_owners.remove(foldedNick(old));
    m_owners.insert(foldedNick(wanted), clientId);
    m_nicks.insert(clientId, wanted);
    return {append(ChatEntry::Kind::Nick, old, wanted, timeMs), {}};
}

ChatEntry ChatRoom::postSystem(const QString &text, qint64 timeMs)
{
    return append(ChatEntry::Kind::System, QString(), text, timeMs);
}

quint64 ChatRoom::firstSeq() const noexcept
{
    return m_history.empty() ? m_lastSeq + 1 : m_history.front().seq;
}

QList<ChatEntry> ChatRoom::since(quint64 since, qsizetype maxCount) const
{
    QList<ChatEntry> entries;
    if (since >= m_lastSeq || m_history.empty())
        return entries;
    // Sequence numbers are consecutive in the history, so the first entry wanted is found by index.
    const quint64 first = qMax(since + 1, m_history.front().seq);
    auto it = m_history.cbegin() + qsizetype(first - m_history.front().seq);
    const qsizetype available = qsizetype(m_history.cend() - it);
    const qsizetype count = maxCount < 0 ? available : qMin(available, maxCount);
    entries.reserve(count);
    for (qsizetype i = 0; i < count; ++i, ++it)
        entries.append(*it);
    return entries;
}

const ChatEntry *ChatRoom::find(quint64 seq) const
{
    if (m_history.empty() || seq < m_history.front().seq || seq > m_lastSeq)
        return nullptr;
    return &m_history[size_t(seq - m_history.front().seq)];
}

QString ChatRoom::normalizedNick(const QString &nick)
{
    QString cleaned;
    cleaned.reserve(nick.size());
    for (const QChar c : nick) {
        if (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format)
            cleaned.append(c.isSpace() ? QChar(u' ') : c);
    }
    cleaned = cleaned.simplified();
    if (cleaned.size() > maxNickLength) {
        cleaned.truncate(maxNickLength);
        // Do not leave half of a surrogate pair at the end.
        if (cleaned.back().isHighSurrogate())
            cleaned.chop(1);
        cleaned = cleaned.trimmed();
    }
    return cleaned;
}

QByteArray ChatRoom::toJson(const ChatEntry &entry)
{
    QJsonObject object;
    object.insert(QLatin1String("seq"), qint64(entry.seq));
    object.insert(QLatin1String("time"), entry.timeMs);
    switch (entry.kind) {
    case ChatEntry::Kind::Message:
        object.insert(QLatin1String("type"), QLatin1String("message"));
        object.insert(QLatin1String("from"), entry.from);
        object.insert(QLatin1String("text"), entry.text);
        break;
    case ChatEntry::Kind::Join:
    case ChatEntry::Kind::Leave:
        object.insert(QLatin1String("type"), entry.kind == ChatEntry::Kind::Join ? QLatin1String("join") : QLatin1String("leave"));
        object.insert(QLatin1String("nick"), entry.from);
        break;
    case ChatEntry::Kind::Nick:
        object.insert(QLatin1String("type"), QLatin1String("nick"));
        object.insert(QLatin1String("old"), entry.from);
        object.insert(QLatin1String("nick"), entry.text);
        break;
    case ChatEntry::Kind::System:
        object.insert(QLatin1String("type"), QLatin1String("system"));
        object.insert(QLatin1String("text"), entry.text);
        break;
    }
    return compact(object);
}

QByteArray ChatRoom::welcomeJson(quint64 clientId, const QString &nick, quint64 lastSeq)
{
    return compact(QJsonObject{{QLatin1String("type"), QLatin1String("welcome")},
                               {QLatin1String("id"), qint64(clientId)},
                               {QLatin1String("nick"), nick},
                               {QLatin1String("seq"), qint64(lastSeq)}});
}

QByteArray ChatRoom::privateMessageJson(const QString &from, const QString &text, qint64 timeMs)
{
    return compact(QJsonObject{{QLatin1String("type"), QLatin1String("message")},
                               {QLatin1String("from"), from},
                               {QLatin1String("text"), text},
                               {QLatin1String("time"), timeMs},
                               {QLatin1String("private"), true}});
}

QByteArray ChatRoom::noticeJson(const QString &text)
{
    return compact(QJsonObject{{QLatin1String("type"), QLatin1String("system")},
                               {QLatin1String("text"), text}});
}

QString ChatRoom::uniqueNick(const QString &wanted, quint64 clientId) const
{
    if (!isNickTaken(wanted, clientId))
        return wanted;
    // "ann", "ann-2", "ann-3" ...: bounded, since at most memberCount() names can be taken.
    for (qsizetype n = 2; n <= m_nicks.size() + 2; ++n) {
        const QString suffix = QStringLiteral("-%1").arg(n);
        const QString candidate = wanted.left(maxNickLength - suffix.size()) + suffix;
        if (!isNickTaken(candidate, clientId))
            return candidate;
    }
    return defaultNick(clientId);
}

bool ChatRoom::isNickTaken(const QString &nick, quint64 exceptClientId) const
{
    const auto it = m_owners.constFind(foldedNick(nick));
    return it != m_owners.cend() && *it != exceptClientId;
}

ChatEntry ChatRoom::append(ChatEntry::Kind kind, const QString &from, const QString &text, qint64 timeMs)
{
    ChatEntry entry;
    entry.seq = ++m_lastSeq;
    entry.kind = kind;
    entry.from = from;
    entry.text = text;
    entry.timeMs = timeMs;
    m_history.push_back(entry);
    m_historyBytes += entryBytes(entry);
    trimHistory();
    return entry;
}

void ChatRoom::trimHistory()
{
    while (m_history.size() > 1
           && (qsizetype(m_history.size()) > m_historyLimit || m_historyBytes > m_historyByteLimit)) {
        m_historyBytes -= entryBytes(m_history.front());
        m_history.pop_front();
    }
}

} // namespace wslab::server
