#include "frameheader.h"

#include <QtCore/qcoreapplication.h>

namespace wslab::protocol {

int FrameHeader::size() const noexcept
{
    return headerSize(lengthForm, masked);
}

// Marked for translation: the composer shows the name in the UI language; capture lines keep it.
const char *lengthFormName(LengthForm form) noexcept
{
    switch (form) {
    case LengthForm::Short7: return QT_TRANSLATE_NOOP("wslab::protocol::LengthForm", "7-bit");
    case LengthForm::Extended16: return QT_TRANSLATE_NOOP("wslab::protocol::LengthForm", "7+16-bit");
    case LengthForm::Extended64: return QT_TRANSLATE_NOOP("wslab::protocol::LengthForm", "7+64-bit");
    }
    return "?";
}

} // namespace wslab::protocol
