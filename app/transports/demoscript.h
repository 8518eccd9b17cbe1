#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace wslab::app {

// The conversation the auto demo plays through the three transports at once: one sender posts
// `messageCount` numbered lines (POST /send), `receiversPerTransport` idle clients per transport
// listen. A value; `marker` tells this run's lines from anything else said in the room.
struct DemoScript
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::DemoScript)

public:
    static constexpr int maxReceiversPerTransport = 200;
    static constexpr int maxMessages = 200;
    static constexpr int hardLimitMs = 30'000; // the whole demo, whatever the settings

    // A quiet chat: a line every two seconds, polled every second, so half the polls find nothing,
    // as in the tutorial's argument; 10 lines keep the run under half a minute.
    int messageCount = 10;
    int messageIntervalMs = 2000;
    int receiversPerTransport = 3;
    int pollIntervalMs = 1000;     // polling receivers, like the page's default
    int setupTimeoutMs = 5000;     // every receiver connected and caught up
    int drainTimeoutMs = 3000;     // after the last line: polling needs up to one interval
    QString marker;                // "3f2a"; chosen by AutoDemo when empty

    // Connect + settle (one poll interval) + send + drain, never above hardLimitMs.
    [[nodiscard]] int plannedDurationMs() const noexcept;
    [[nodiscard]] bool isValid() const noexcept;

    // "[demo 3f2a] 7/20 Hello from the auto demo" (the words in the UI's language): numbered so receivers spot losses and
    // duplicates. index is 1-based.
    [[nodiscard]] QString messageText(int index) const;
    // The line index if `text` is one of this run's numbered lines.
    [[nodiscard]] std::optional<int> messageIndex(const QString &text) const;
    // The first line, posted before measuring starts; every receiver seeing it means all are
    // caught up with the room, so the measurement starts from a quiet state.
    [[nodiscard]] QString announcementText() const;
    [[nodiscard]] bool isAnnouncement(const QString &text) const;
    // The side room the run plays in (room=NAME on every request, WebSocketServer::chatRoom()): its
    // lines never reach the browsers' chat, and the Transports panel does not count its clients.
    [[nodiscard]] QString room() const;

    friend bool operator==(const DemoScript &, const DemoScript &) = default;

private:
    [[nodiscard]] QString prefix() const;
    [[nodiscard]] QString announcementMark() const;
};

} // namespace wslab::app
