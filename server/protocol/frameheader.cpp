#include "frameheader.h"

namespace wslab::protocol {

int FrameHeader::size() const noexcept
{
    return headerSize(lengthForm, masked);
}

const char *lengthFormName(LengthForm form) noexcept
{
    switch (form) {
    case LengthForm::Short7: return "7-bit";
    case LengthForm::Extended16: return "7+16-bit";
    case LengthForm::Extended64: return "7+64-bit";
    }
    return "?";
}

} // namespace wslab::protocol
