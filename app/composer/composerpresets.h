#pragma once

#include "server/protocol/frameheader.h"

#include <QByteArray>
#include <QList>

namespace wslab::app {

// One server -> client frame as the composer describes it: every header field plus the payload
// (unmasked; writeRaw() masks it when the MASK bit is set).
struct ComposedFrame
{
    protocol::FrameHeader header;
    QByteArray payload;

    // The exact bytes that go on the wire (RFC 6455 §5.2), rules or not.
    [[nodiscard]] QByteArray wireBytes() const;

    friend bool operator==(const ComposedFrame &, const ComposedFrame &) = default;
};

// The composer's ready-made frames. The valid ones are the RFC 6455 §5.7 examples; each invalid one
// breaks exactly one rule a browser must enforce, and says what the browser has to do about it.
enum class ComposerPreset : quint8 {
    Text,
    Binary,
    FragmentedText,
    Ping,
    Pong,
    Close,
    // Invalid on purpose: the browser must fail the connection (RFC 6455 §7.1.7).
    ReservedBitSet,
    ReservedOpcode,
    MaskedServerFrame,
    FragmentedControl,
    ControlTooLong,
    InvalidUtf8Text,
    NonMinimalLength,
};

class ComposerPresets
{
public:
    static constexpr char translationContext[] = "wslab::app::ComposerPresets";

    [[nodiscard]] static QList<ComposerPreset> all();
    [[nodiscard]] static bool isInvalid(ComposerPreset preset) noexcept;
    // The frames the preset sends, in order (more than one only for the fragmented message).
    [[nodiscard]] static QList<ComposedFrame> frames(ComposerPreset preset);
    // English source strings (QT_TRANSLATE_NOOP in translationContext); translate for display.
    [[nodiscard]] static const char *title(ComposerPreset preset) noexcept;
    // What a browser does with it: the rule it checks and the reaction the learner should see.
    [[nodiscard]] static const char *expectation(ComposerPreset preset) noexcept;

    // A frame with the minimal length form for its payload (RFC 6455 §5.2).
    [[nodiscard]] static ComposedFrame frame(protocol::Opcode opcode, const QByteArray &payload,
                                             bool fin = true);
};

} // namespace wslab::app
