#include "frameintervention.h"

namespace wslab::capture {

namespace {

constexpr FrameIntervention::Action allActions[] = {FrameIntervention::Action::Edited,
                                                    FrameIntervention::Action::Dropped,
                                                    FrameIntervention::Action::Injected};

} // namespace

const char *frameInterventionName(FrameIntervention::Action action) noexcept
{
    switch (action) {
    case FrameIntervention::Action::Edited: return "edited";
    case FrameIntervention::Action::Dropped: return "dropped";
    case FrameIntervention::Action::Injected: return "injected";
    }
    return "edited";
}

std::optional<FrameIntervention::Action> frameInterventionFromName(QStringView name) noexcept
{
    for (const FrameIntervention::Action action : allActions) {
        if (name == QLatin1String(frameInterventionName(action)))
            return action;
    }
    return std::nullopt;
}

QJsonObject FrameIntervention::toJson() const
{
    QJsonObject object{{QStringLiteral("action"), QLatin1String(frameInterventionName(action))}};
    if (action != Action::Injected)
        object.insert(QStringLiteral("original"), QString::fromLatin1(originalBytes.toBase64()));
    return object;
}

std::optional<FrameIntervention> FrameIntervention::fromJson(const QJsonObject &object)
{
    const auto action = frameInterventionFromName(object[QLatin1String("action")].toString());
    if (!action)
        return std::nullopt;
    return FrameIntervention{*action, QByteArray::fromBase64(object[QLatin1String("original")].toString().toLatin1())};
}

} // namespace wslab::capture
