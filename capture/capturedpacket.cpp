#include "capturedpacket.h"

#include <QtCore/qcoreapplication.h>

namespace wslab::capture {

const char *captureFileErrorReason(CaptureFileError error) noexcept
{
    switch (error) {
    case CaptureFileError::CannotOpen:
        return QT_TRANSLATE_NOOP("wslab::capture::CaptureFileError", "The file cannot be opened");
    case CaptureFileError::Empty:
        return QT_TRANSLATE_NOOP("wslab::capture::CaptureFileError", "The file is empty");
    case CaptureFileError::NotACaptureFile:
        return QT_TRANSLATE_NOOP("wslab::capture::CaptureFileError", "Not a pcap or pcapng capture file");
    case CaptureFileError::Truncated:
        return QT_TRANSLATE_NOOP("wslab::capture::CaptureFileError", "The file is truncated");
    case CaptureFileError::Corrupt:
        return QT_TRANSLATE_NOOP("wslab::capture::CaptureFileError", "The file is corrupt");
    }
    return "";
}

const char *captureFileErrorName(CaptureFileError error) noexcept
{
    switch (error) {
    case CaptureFileError::CannotOpen: return "CannotOpen";
    case CaptureFileError::Empty: return "Empty";
    case CaptureFileError::NotACaptureFile: return "NotACaptureFile";
    case CaptureFileError::Truncated: return "Truncated";
    case CaptureFileError::Corrupt: return "Corrupt";
    }
    return "";
}

} // namespace wslab::capture
