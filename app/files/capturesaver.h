#pragma once

#include <QCoreApplication>
#include <QString>

namespace wslab::inspector {
class FrameCaptureModel;
}

namespace wslab::app {

// Writes the rows of a capture model to a file: pcapng that keeps every record (and that Wireshark
// opens), or HAR as Chrome DevTools writes it. Returns an empty string on success, otherwise a
// sentence for the user that names the file and what went wrong.
class CaptureSaver
{
    Q_DECLARE_TR_FUNCTIONS(wslab::app::CaptureSaver)
public:
    // `originNs`: the epoch time of the records' time zero (0 when they carry epoch times).
    [[nodiscard]] static QString savePcapng(const inspector::FrameCaptureModel &model, const QString &path,
                                            qint64 originNs);
    [[nodiscard]] static QString exportHar(const inspector::FrameCaptureModel &model, const QString &path,
                                           qint64 originNs);
};

} // namespace wslab::app
