#include "brokenframes.h"

#include "server/protocol/closecode.h"
#include "server/protocol/frameencoder.h"

namespace wslab::client {

using namespace protocol;

QList<BrokenFrame> BrokenFrames::all()
{
    return {BrokenFrame::Unmasked,          BrokenFrame::ReservedOpcode, BrokenFrame::ReservedBits,
            BrokenFrame::InvalidUtf8,       BrokenFrame::FragmentedControl, BrokenFrame::ControlTooLong,
            BrokenFrame::NonMinimalLength,  BrokenFrame::InvalidCloseCode};
}

QByteArray BrokenFrames::bytes(BrokenFrame preset)
{
    FrameHeader header;
    header.masked = true;
    header.maskKey = FrameEncoder::randomMaskKey();
    QByteArray payload = "Hello";
    switch (preset) {
    case BrokenFrame::Unmasked: header.masked = false; break;
    case BrokenFrame::ReservedOpcode: header.opcode = Opcode::ReservedData3; break;
    case BrokenFrame::ReservedBits: header.rsv2 = true; break;
    case BrokenFrame::InvalidUtf8: payload = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80"; break;
    case BrokenFrame::FragmentedControl:
        header.opcode = Opcode::Ping;
        header.fin = false;
        break;
    case BrokenFrame::ControlTooLong:
        header.opcode = Opcode::Ping;
        payload = QByteArray(126, 'p');
        break;
    case BrokenFrame::NonMinimalLength: header.lengthForm = LengthForm::Extended16; break;
    case BrokenFrame::InvalidCloseCode:
        header.opcode = Opcode::Close;
        payload = FrameEncoder::closePayload(quint16(CloseCode::NoStatusReceived));
        break;
    }
    header.payloadLength = quint64(payload.size());
    if (preset != BrokenFrame::NonMinimalLength)
        header.lengthForm = minimalLengthForm(header.payloadLength);
    return FrameEncoder::writeRaw(header, payload);
}

DecodeError BrokenFrames::brokenRule(BrokenFrame preset) noexcept
{
    switch (preset) {
    case BrokenFrame::Unmasked: return DecodeError::UnmaskedClientFrame;
    case BrokenFrame::ReservedOpcode: return DecodeError::ReservedOpcode;
    case BrokenFrame::ReservedBits: return DecodeError::ReservedBitsSet;
    case BrokenFrame::InvalidUtf8: return DecodeError::InvalidUtf8;
    case BrokenFrame::FragmentedControl: return DecodeError::FragmentedControlFrame;
    case BrokenFrame::ControlTooLong: return DecodeError::ControlFrameTooLong;
    case BrokenFrame::NonMinimalLength: return DecodeError::NonMinimalLength;
    case BrokenFrame::InvalidCloseCode: return DecodeError::InvalidCloseCode;
    }
    return DecodeError::ReservedOpcode;
}

quint16 BrokenFrames::requiredCloseCode(BrokenFrame preset) noexcept
{
    return closeCodeFor(brokenRule(preset));
}

const char *BrokenFrames::title(BrokenFrame preset) noexcept
{
    switch (preset) {
    case BrokenFrame::Unmasked: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Unmasked text frame");
    case BrokenFrame::ReservedOpcode: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Reserved opcode 0x3");
    case BrokenFrame::ReservedBits: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "RSV2 set");
    case BrokenFrame::InvalidUtf8: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Text that is not UTF-8");
    case BrokenFrame::FragmentedControl: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Ping with FIN = 0");
    case BrokenFrame::ControlTooLong: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Ping of 126 bytes");
    case BrokenFrame::NonMinimalLength:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "5 bytes in the 16-bit length form");
    case BrokenFrame::InvalidCloseCode: return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "Close with code 1005");
    }
    return "";
}

const char *BrokenFrames::requirement(BrokenFrame preset) noexcept
{
    switch (preset) {
    case BrokenFrame::Unmasked:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.1: a server MUST close the connection on an unmasked frame (1002).");
    case BrokenFrame::ReservedOpcode:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.2: an unknown opcode MUST fail the connection (1002).");
    case BrokenFrame::ReservedBits:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.2: a reserved bit no extension defines MUST fail the connection (1002).");
    case BrokenFrame::InvalidUtf8:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §8.1: text that is not UTF-8 MUST fail the connection (1007).");
    case BrokenFrame::FragmentedControl:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.5: control frames MUST NOT be fragmented; the server fails the "
                                 "connection (1002).");
    case BrokenFrame::ControlTooLong:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.5: control frames carry at most 125 bytes; the server fails the "
                                 "connection (1002).");
    case BrokenFrame::NonMinimalLength:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §5.2: the minimal length form MUST be used; a strict server fails the "
                                 "connection (1002).");
    case BrokenFrame::InvalidCloseCode:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "RFC 6455 §7.4.1: 1005 MUST NOT be set in a close frame; the server fails the "
                                 "connection (1002).");
    }
    return "";
}

const char *BrokenFrames::verdictText(ServerVerdict verdict) noexcept
{
    switch (verdict) {
    case ServerVerdict::Met:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "met: the server failed the connection with the right code");
    case ServerVerdict::OtherCode:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "partly: the server closed, but with another code");
    case ServerVerdict::DroppedWithoutClose:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames",
                                 "partly: the server dropped TCP without a close frame (§7.1.7 says it SHOULD send one)");
    case ServerVerdict::Ignored:
        return QT_TRANSLATE_NOOP("wslab::client::BrokenFrames", "not met: the server did not fail the connection");
    }
    return "";
}

ServerVerdict BrokenFrames::judge(BrokenFrame preset, const ClientOutcome &outcome) noexcept
{
    if (outcome.closeReceived) {
        const quint16 code = outcome.serverCloseCode.value_or(quint16(CloseCode::NoStatusReceived));
        if (code == requiredCloseCode(preset))
            return ServerVerdict::Met;
        return code == quint16(CloseCode::Normal) ? ServerVerdict::Ignored : ServerVerdict::OtherCode;
    }
    if (outcome.failure == ClientFailure::ConnectionLost)
        return ServerVerdict::DroppedWithoutClose;
    return ServerVerdict::Ignored;
}

} // namespace wslab::client
