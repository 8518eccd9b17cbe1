#pragma once

#include "capturedpacket.h"
#include "capturerecord.h"

#include <atomic>
#include <functional>
#include <optional>

namespace wslab::capture {

// Reads back a session the app saved (CaptureFileWriter) as the records it was made of, not as a
// new dissection: every "wslab-record" packet comment starts a record with its kind, id, time,
// notes, marks and errors; the TCP payload of that packet and of the ones after it, up to the
// record's byte count, are its bytes. So a saved session reopens exactly: held frames, delivered
// marks, notes, inflated messages and the server's own view of every connection.
class SavedSessionReader
{
public:
    using RecordHandler = std::function<void(CaptureRecord &&)>;
    using Progress = std::function<void(qint64 bytesRead, qint64 fileSize)>;

    struct Result
    {
        std::optional<CaptureFileFailure> failure;
        bool cancelled = false;
        quint64 records = 0;
        quint64 packets = 0;
    };

    // The file's first bytes say it is a pcapng that this app wrote (its section header names it).
    [[nodiscard]] static bool isSavedSession(QByteArrayView firstBytes);
    [[nodiscard]] static Result read(const QString &path, const RecordHandler &handler,
                                     const std::atomic_bool *cancel = nullptr, const Progress &progress = {});
};

} // namespace wslab::capture
