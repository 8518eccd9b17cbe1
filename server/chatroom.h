#pragma once

#include "clientinfo.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <optional>

namespace wslab::server {

// The shared conversation, as pure logic: who is in the room under which nickname, and the history
// of everything said, numbered by sequence. No sockets and no clock: the caller passes the time, so
// every transport (WebSocket, polling, long polling, the desktop user) goes through the same rules
// and the tests drive it directly.
//
// A line is kept whole, however long: the browser's frames lab sends 70 KiB and 1 MiB lines to show
// the 16- and 64-bit length tiers, in both directions. The transports bound a line's size (the
// largest WebSocket message, the largest POST body); the room bounds its memory instead: the history
// keeps at most `historyLimit` entries and at most `historyBytes` bytes of them (entryBytes()),
// dropping the oldest first. The newest entry always stays, so a poll still sees a line bigger than
// the byte limit.
class ChatRoom
{
public:
    static constexpr int defaultHistoryLimit = 1000;
    static constexpr qint64 defaultHistoryBytes = 8 * 1024 * 1024;
    static constexpr int maxNickLength = 32;

    // What a post did: a line for everyone, a rename, or nothing (an invalid "/nick").
    struct PostResult
    {
        std::optional<ChatEntry> entry; // broadcast this (Message or Nick)
        QString rejection;              // set when nothing was posted; tell only the sender
    };

    explicit ChatRoom(int historyLimit = defaultHistoryLimit, qint64 historyBytes = defaultHistoryBytes);

    // Applies new bounds now (the oldest entries beyond them go).
    void setHistoryLimits(int historyLimit, qint64 historyBytes);
    [[nodiscard]] int historyLimit() const noexcept { return m_historyLimit; }
    [[nodiscard]] qint64 historyByteLimit() const noexcept { return m_historyByteLimit; }
    // What the history holds now, in entryBytes().
    [[nodiscard]] qint64 historyBytes() const noexcept { return m_historyBytes; }
    // The memory one entry holds: the entry itself and its strings' characters.
    [[nodiscard]] static qint64 entryBytes(const ChatEntry &entry) noexcept;

    // A client enters; `requestedNick` may be empty or taken, in which case a free one is chosen.
    // Returns the Join entry (its `from` is the nickname given). Joining twice changes nothing and
    // returns no entry.
    std::optional<ChatEntry> join(quint64 clientId, const QString &requestedNick, qint64 timeMs);
    std::optional<ChatEntry> leave(quint64 clientId, qint64 timeMs);
    // A line typed by a member: plain text, or "/nick NAME" to rename (the tutorial's command).
    PostResult post(quint64 clientId, const QString &text, qint64 timeMs);
    PostResult rename(quint64 clientId, const QString &requestedNick, qint64 timeMs);
    // A notice from the server itself (kind System), in the history like any line.
    ChatEntry postSystem(const QString &text, qint64 timeMs);

    [[nodiscard]] bool isMember(quint64 clientId) const { return m_nicks.contains(clientId); }
    [[nodiscard]] QString nick(quint64 clientId) const { return m_nicks.value(clientId); }
    [[nodiscard]] QList<quint64> members() const { return m_nicks.keys(); }
    [[nodiscard]] qsizetype memberCount() const { return m_nicks.size(); }
    [[nodiscard]] quint64 lastSeq() const noexcept { return m_lastSeq; }
    // The oldest sequence number still in the history (lastSeq() + 1 when the history is empty).
    [[nodiscard]] quint64 firstSeq() const noexcept;
    // Entries with seq > `since`, oldest first, at most `maxCount` (the oldest ones are kept so a
    // client paging through never skips a line).
    [[nodiscard]] QList<ChatEntry> since(quint64 since, qsizetype maxCount = -1) const;
    [[nodiscard]] const std::deque<ChatEntry> &history() const noexcept { return m_history; }
    // The entry with this sequence number, if still in the history.
    [[nodiscard]] const ChatEntry *find(quint64 seq) const;

    // A nickname as the room stores it: trimmed, control characters removed, at most
    // maxNickLength characters; empty when nothing usable is left.
    [[nodiscard]] static QString normalizedNick(const QString &nick);

    // The JSON the browser page reads (compact, UTF-8):
    //   {"type":"welcome","id":ID,"nick":NICK,"seq":LAST}
    //   {"type":"message","seq":N,"from":NICK,"text":TEXT,"time":MS}
    //   {"type":"join"|"leave","seq":N,"nick":NICK,"time":MS}
    //   {"type":"nick","seq":N,"old":OLD,"nick":NEW,"time":MS}
    //   {"type":"system","seq":N,"text":TEXT,"time":MS}
    [[nodiscard]] static QByteArray toJson(const ChatEntry &entry);
    [[nodiscard]] static QByteArray welcomeJson(quint64 clientId, const QString &nick, quint64 lastSeq);
    // A line for one client only, not in the history (so no seq):
    //   {"type":"message","from":NICK,"text":TEXT,"time":MS,"private":true}
    [[nodiscard]] static QByteArray privateMessageJson(const QString &from, const QString &text, qint64 timeMs);
    // A notice for one client only, not in the history: {"type":"system","text":TEXT}.
    [[nodiscard]] static QByteArray noticeJson(const QString &text);

private:
    [[nodiscard]] QString uniqueNick(const QString &wanted, quint64 clientId) const;
    [[nodiscard]] bool isNickTaken(const QString &nick, quint64 exceptClientId) const;
    ChatEntry append(ChatEntry::Kind kind, const QString &from, const QString &text, qint64 timeMs);
    void trimHistory();

    int m_historyLimit;
    qint64 m_historyByteLimit;
    qint64 m_historyBytes = 0;
    quint64 m_lastSeq = 0;
    std::deque<ChatEntry> m_history;
    QHash<quint64, QString> m_nicks;
    QHash<QString, quint64> m_owners; // case-folded nickname -> member, for uniqueness in O(1)
};

} // namespace wslab::server
