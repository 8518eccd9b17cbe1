#include "app/composer/composerpresets.h"

#include "server/protocol/frameencoder.h"

#include <QtCore/qcoreapplication.h>

namespace wslab::app {

using protocol::LengthForm;
using protocol::Opcode;

namespace {

const QByteArray hello = QByteArrayLiteral("Hello");

} // namespace

QByteArray ComposedFrame::wireBytes() const
{
    return protocol::FrameEncoder::writeRaw(header, payload);
}

QList<ComposerPreset> ComposerPresets::all()
{
    return {ComposerPreset::Text,           ComposerPreset::Binary,
            ComposerPreset::FragmentedText, ComposerPreset::Ping,
            ComposerPreset::Pong,           ComposerPreset::Close,
            ComposerPreset::ReservedBitSet, ComposerPreset::ReservedOpcode,
            ComposerPreset::MaskedServerFrame, ComposerPreset::FragmentedControl,
            ComposerPreset::ControlTooLong, ComposerPreset::InvalidUtf8Text,
            ComposerPreset::NonMinimalLength};
}

bool ComposerPresets::isInvalid(ComposerPreset preset) noexcept
{
    return quint8(preset) >= quint8(ComposerPreset::ReservedBitSet);
}

ComposedFrame ComposerPresets::frame(Opcode opcode, const QByteArray &payload, bool fin)
{
    ComposedFrame composed;
    composed.header.fin = fin;
    composed.header.opcode = opcode;
    composed.header.payloadLength = quint64(payload.size());
    composed.header.lengthForm = protocol::minimalLengthForm(composed.header.payloadLength);
    composed.payload = payload;
    return composed;
}

QList<ComposedFrame> ComposerPresets::frames(ComposerPreset preset)
{
    switch (preset) {
    case ComposerPreset::Text:
        return {frame(Opcode::Text, hello)};
    case ComposerPreset::Binary:
        return {frame(Opcode::Binary, QByteArray::fromHex("deadbeef"))};
    case ComposerPreset::FragmentedText: // RFC 6455 §5.7: "Hel" then "lo"
        return {frame(Opcode::Text, QByteArrayLiteral("Hel"), false),
                frame(Opcode::Continuation, QByteArrayLiteral("lo"))};
    case ComposerPreset::Ping:
        return {frame(Opcode::Ping, hello)};
    case ComposerPreset::Pong:
        return {frame(Opcode::Pong, hello)};
    case ComposerPreset::Close: // RFC 6455 §5.5.1: 2-byte code in network order, then a UTF-8 reason
        return {frame(Opcode::Close, protocol::FrameEncoder::closePayload(1000, "bye"))};
    case ComposerPreset::ReservedBitSet: {
        // RSV2 rather than RSV1: a browser that negotiated permessage-deflate reads RSV1 as
        // "compressed", while no extension a browser speaks defines RSV2 (RFC 6455 §5.2).
        ComposedFrame composed = frame(Opcode::Text, hello);
        composed.header.rsv2 = true;
        return {composed};
    }
    case ComposerPreset::ReservedOpcode:
        return {frame(Opcode::ReservedData3, hello)};
    case ComposerPreset::MaskedServerFrame: {
        // RFC 6455 §5.7's masked "Hello", but sent by the server (§5.1 forbids it).
        ComposedFrame composed = frame(Opcode::Text, hello);
        composed.header.masked = true;
        composed.header.maskKey = {0x37, 0xfa, 0x21, 0x3d};
        return {composed};
    }
    case ComposerPreset::FragmentedControl:
        return {frame(Opcode::Ping, hello, false)};
    case ComposerPreset::ControlTooLong: // RFC 6455 §5.5: at most 125 bytes
        return {frame(Opcode::Ping, QByteArray(126, 'x'))};
    case ComposerPreset::InvalidUtf8Text: // "Hi" then 0xC3 0x28: a lead byte without its continuation
        return {frame(Opcode::Text, QByteArray::fromHex("4869c328"))};
    case ComposerPreset::NonMinimalLength: {
        ComposedFrame composed = frame(Opcode::Text, hello);
        composed.header.lengthForm = LengthForm::Extended16;
        return {composed};
    }
    }
    return {};
}

const char *ComposerPresets::title(ComposerPreset preset) noexcept
{
    switch (preset) {
    case ComposerPreset::Text: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Text \"Hello\"");
    case ComposerPreset::Binary: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Binary DE AD BE EF");
    case ComposerPreset::FragmentedText:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Fragmented message \"Hel\" + \"lo\"");
    case ComposerPreset::Ping: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Ping \"Hello\"");
    case ComposerPreset::Pong: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Unsolicited pong \"Hello\"");
    case ComposerPreset::Close: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Close 1000 \"bye\"");
    case ComposerPreset::ReservedBitSet: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: RSV2 bit set");
    case ComposerPreset::ReservedOpcode: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: reserved opcode 0x3");
    case ComposerPreset::MaskedServerFrame: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: masked server frame");
    case ComposerPreset::FragmentedControl:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: fragmented ping (FIN = 0)");
    case ComposerPreset::ControlTooLong:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: ping with 126 bytes");
    case ComposerPreset::InvalidUtf8Text: return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: text that is not UTF-8");
    case ComposerPreset::NonMinimalLength:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets", "Invalid: length 5 in the 16-bit form");
    }
    return "";
}

const char *ComposerPresets::expectation(ComposerPreset preset) noexcept
{
    switch (preset) {
    case ComposerPreset::Text:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid (RFC 6455 §5.7). The page shows the text as a raw frame.");
    case ComposerPreset::Binary:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid. The page receives an ArrayBuffer of 4 bytes.");
    case ComposerPreset::FragmentedText:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid (RFC 6455 §5.4). Two frames on the wire, one message \"Hello\" in the page.");
    case ComposerPreset::Ping:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid (RFC 6455 §5.5.2). The browser must answer with a pong carrying the same payload.");
    case ComposerPreset::Pong:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid (RFC 6455 §5.5.3): an unsolicited pong is a heartbeat; the browser ignores it.");
    case ComposerPreset::Close:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Valid (RFC 6455 §5.5.1). The browser echoes a close frame and the page sees code 1000.");
    case ComposerPreset::ReservedBitSet:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §5.2): no extension defines RSV2. "
                                 "Expect a close 1002 or a dropped TCP connection; the page sees 1006.");
    case ComposerPreset::ReservedOpcode:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §5.2): opcode 0x3 is reserved. "
                                 "Expect a close 1002 or a dropped TCP connection.");
    case ComposerPreset::MaskedServerFrame:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §5.1): a server must not mask. "
                                 "Expect a close 1002 or a dropped TCP connection.");
    case ComposerPreset::FragmentedControl:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §5.5): control frames cannot be "
                                 "fragmented. Expect a close 1002 or a dropped TCP connection.");
    case ComposerPreset::ControlTooLong:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §5.5): control frames carry at most "
                                 "125 bytes. Expect a close 1002 or a dropped TCP connection.");
    case ComposerPreset::InvalidUtf8Text:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "The browser must fail the connection (RFC 6455 §8.1): text must be UTF-8. "
                                 "Expect a close 1007 or a dropped TCP connection.");
    case ComposerPreset::NonMinimalLength:
        return QT_TRANSLATE_NOOP("wslab::app::ComposerPresets",
                                 "Breaks RFC 6455 §5.2 (\"the minimal number of bytes MUST be used\"). A strict browser "
                                 "fails the connection (1002); a lenient one shows \"Hello\". Watch which yours is.");
    }
    return "";
}

} // namespace wslab::app
