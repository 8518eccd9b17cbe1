#include "app/files/capturesaver.h"

#include "capture/capturefilewriter.h"
#include "capture/harwriter.h"
#include "inspector/framecapturemodel.h"

#include <QSaveFile>

namespace wslab::app {

namespace {

// The file appears under its name only when it is complete: a failed save leaves the old one.
QString commit(QSaveFile &file, const QString &path)
{
    if (!file.commit())
        return CaptureSaver::tr("Cannot write %1: %2.").arg(path, file.errorString());
    return {};
}

} // namespace

QString CaptureSaver::savePcapng(const inspector::FrameCaptureModel &model, const QString &path, qint64 originNs)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2.").arg(path, file.errorString());
    capture::CaptureFileWriter writer(&file, originNs);
    bool written = writer.begin();
    for (int row = 0; written && row < model.rowCount(); ++row)
        written = writer.write(model.scannedRecord(row)); // every row: keep the rows on view cached
    if (!written) {
        file.cancelWriting();
        return tr("Cannot write %1: %2.").arg(path, file.errorString());
    }
    return commit(file, path);
}

QString CaptureSaver::exportHar(const inspector::FrameCaptureModel &model, const QString &path, qint64 originNs)
{
    capture::HarWriter har(originNs);
    for (int row = 0; row < model.rowCount(); ++row)
        har.add(model.scannedRecord(row));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(har.toJson()) < 0)
        return tr("Cannot write %1: %2.").arg(path, file.errorString());
    return commit(file, path);
}

} // namespace wslab::app
