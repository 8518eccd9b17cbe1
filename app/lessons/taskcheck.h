#pragma once

#include "app/lessons/lesson.h"

#include "capture/capturerecord.h"

#include <QHash>
#include <QSet>

#include <array>

namespace wslab::app {

// Decides one traffic task from the capture, record by record, in capture order. It keeps only the
// per-connection state its kind needs (a pending ping, a message in fragments, an upgrade key) and
// becomes satisfied at the record that completes the traffic. Once satisfied it stays satisfied.
class TaskCheck
{
public:
    explicit TaskCheck(CheckKind kind, quint16 closeCode = 0);

    // Returns true when this record satisfied the check (false for every record after that).
    bool observe(const capture::CaptureRecord &record);
    [[nodiscard]] bool isSatisfied() const noexcept { return m_satisfied; }
    [[nodiscard]] CheckKind kind() const noexcept { return m_kind; }

private:
    [[nodiscard]] bool matches(const capture::CaptureRecord &record);
    [[nodiscard]] bool matchesFrame(const capture::CaptureRecord &record);
    [[nodiscard]] bool matchesHttp(const capture::CaptureRecord &record);
    [[nodiscard]] bool matchesFragments(const capture::CaptureRecord &record);
    [[nodiscard]] bool matchesPing(const capture::CaptureRecord &record);

    CheckKind m_kind;
    quint16 m_closeCode;
    bool m_satisfied = false;
    bool m_compressedSeen = false;
    QHash<quint64, QByteArray> m_upgradeKeys;      // connection -> Sec-WebSocket-Key
    std::array<QHash<quint64, QByteArray>, 2> m_pendingPings; // per direction of the ping: connection -> payload
    std::array<QSet<quint64>, 2> m_inMessage; // per direction: connections inside a fragmented message
    QSet<quint64> m_maskedServerFrames;            // connections the server sent a masked frame on
};

} // namespace wslab::app
