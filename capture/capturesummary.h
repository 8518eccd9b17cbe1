#pragma once

#include "capturerecord.h"

#include <QString>

#include <array>

namespace wslab::capture {

// Totals over a capture (`--summary`): connections, frames per direction and opcode, messages,
// bytes, errors, gaps and the time span. Fed records in any order, one at a time, so a file of any
// size is summed in constant memory.
class CaptureSummary
{
public:
    void add(const CaptureRecord &record);
    // Several lines of text, one total each.
    [[nodiscard]] QString text() const;

    [[nodiscard]] quint64 connections() const noexcept { return m_connections; }
    [[nodiscard]] quint64 frames() const noexcept { return m_frames[0] + m_frames[1]; }
    [[nodiscard]] quint64 messages() const noexcept { return m_messages[0] + m_messages[1]; }
    [[nodiscard]] quint64 errors() const noexcept { return m_errors; }
    [[nodiscard]] quint64 gaps() const noexcept { return m_gaps; }

private:
    quint64 m_records = 0;
    quint64 m_connections = 0;
    quint64 m_webSocketConnections = 0;
    std::array<quint64, 2> m_frames{};                    // c2s, s2c
    std::array<std::array<quint64, 16>, 2> m_byOpcode{}; // per direction and opcode
    std::array<quint64, 2> m_messages{};
    std::array<quint64, 2> m_frameBytes{};  // on the wire, headers included
    std::array<quint64, 2> m_httpMessages{};
    std::array<quint64, 2> m_httpBytes{};
    quint64 m_errors = 0;
    quint64 m_gaps = 0;
    quint64 m_missedBytes = 0;
    qint64 m_firstNs = 0;
    qint64 m_lastNs = 0;
};

} // namespace wslab::capture
