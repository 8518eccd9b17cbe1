#pragma once

// Everything the server captured, as the inspector would receive it (batches over a queued
// connection), with bounded waits for a record that matches.

#include "server/serverhost.h"

#include <QTest>

#include <functional>
#include <optional>

namespace wslab::e2e {

class CaptureLog
{
public:
    using Predicate = std::function<bool(const capture::CaptureRecord &)>;

    explicit CaptureLog(server::ServerHost &host)
    {
        QObject::connect(&host, &server::ServerHost::capturedBatch, &m_context,
                         [this](const capture::CaptureBatch &batch) { m_records.append(batch); });
    }

    [[nodiscard]] qsizetype size() const { return m_records.size(); }
    [[nodiscard]] const QList<capture::CaptureRecord> &records() const { return m_records; }

    // The first record at or after index `from` that matches.
    [[nodiscard]] std::optional<capture::CaptureRecord> find(const Predicate &matches, qsizetype from = 0) const
    {
        for (qsizetype i = from; i < m_records.size(); ++i) {
            if (matches(m_records.at(i)))
                return m_records.at(i);
        }
        return std::nullopt;
    }

    [[nodiscard]] QList<capture::CaptureRecord> all(const Predicate &matches, qsizetype from = 0) const
    {
        QList<capture::CaptureRecord> found;
        for (qsizetype i = from; i < m_records.size(); ++i) {
            if (matches(m_records.at(i)))
                found.append(m_records.at(i));
        }
        return found;
    }

    // Waits (processing events, at most `timeoutMs`) for a matching record at or after `from`.
    std::optional<capture::CaptureRecord> waitFor(const Predicate &matches, qsizetype from = 0, int timeoutMs = 10'000)
    {
        std::optional<capture::CaptureRecord> found;
        (void)QTest::qWaitFor([&] {
            found = find(matches, from);
            return found.has_value();
        }, timeoutMs);
        return found;
    }

    // Predicates for the common cases.
    static Predicate frame(quint64 connectionId, capture::Direction direction, protocol::Opcode opcode)
    {
        return [=](const capture::CaptureRecord &r) {
            return r.kind == capture::RecordKind::Frame && r.connectionId == connectionId && r.direction == direction
                    && r.frame && r.frame->header.opcode == opcode;
        };
    }

    static Predicate ofKind(quint64 connectionId, capture::RecordKind kind)
    {
        return [=](const capture::CaptureRecord &r) { return r.kind == kind && r.connectionId == connectionId; };
    }

private:
    QObject m_context; // disconnects the lambda when the log goes away
    QList<capture::CaptureRecord> m_records;
};

} // namespace wslab::e2e
