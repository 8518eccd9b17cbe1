#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringView>

#include <optional>

namespace wslab::capture {

// What a proxy's intercept did to one frame, beside what the bytes say. A record carries it (shared,
// so the common record without one stays small) when the proxy changed, dropped or made up the
// frame: the record's own bytes are what the receiver got (for a dropped frame, nothing: the record
// then shows the frame that was not forwarded), and `originalBytes` what the sender wrote, so a
// learner sees both side by side.
struct FrameIntervention
{
    enum class Action : quint8 {
        Edited,   // forwarded in place of the sender's frame: the record has the forwarded bytes
        Dropped,  // held and never forwarded: the record shows the sender's frame
        Injected, // made up by the proxy's user; no sender wrote it
    };

    Action action = Action::Edited;
    QByteArray originalBytes; // Edited and Dropped: the frame as its sender wrote it; Injected: empty

    // {"action": "edited" | "dropped" | "injected", "original": base64}: --json and saved sessions.
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<FrameIntervention> fromJson(const QJsonObject &object);

    friend bool operator==(const FrameIntervention &, const FrameIntervention &) = default;
};

[[nodiscard]] const char *frameInterventionName(FrameIntervention::Action action) noexcept; // "edited"
[[nodiscard]] std::optional<FrameIntervention::Action> frameInterventionFromName(QStringView name) noexcept;

} // namespace wslab::capture
