// A capture file as `wslab --read` opens it (CaptureFileReader): recognised by its first bytes, then
// pcap or pcapng through libpcap (or the own pcapng reader when libpcap refuses), a session this app
// saved (SavedSessionReader), or HAR; packets through TCP reassembly and the conversation dissector.
// The readers take a path: the input is written to an in-memory file (memfd) and read by its
// /proc/self/fd path, so nothing touches the disk.
//   input: the file
// Properties: the result counts every record handed over, their ids increasing (1, 2, 3 ... except
// in a saved session, which keeps the ids it was saved with); a failure names a byte inside the file.

#include "fuzzinput.h"

#include "capture/capturefilereader.h"

#include <sys/mman.h>
#include <unistd.h>

using namespace wslab::capture;
using wslab::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int file = ::memfd_create("fuzz-capture", MFD_CLOEXEC);
    require(file >= 0, "memfd_create");
    require(::ftruncate(file, 0) == 0 && ::pwrite(file, data, size, 0) == ssize_t(size), "the file is written");
    static const QString path = QStringLiteral("/proc/self/fd/%1").arg(file);

    quint64 handed = 0;
    quint64 lastId = 0;
    const CaptureFileReader::Result result =
            CaptureFileReader::read(path, {}, [&handed, &lastId](CaptureRecord &&record) {
                require(record.id > lastId, "record ids increase in the order records are handed over");
                lastId = record.id;
                ++handed;
            });
    require(result.records == handed, "the result counts the records handed over");
    if (result.failure) {
        require(result.failure->offset >= 0 && result.failure->offset <= qint64(size), "a failure names a byte in the file");
        require(captureFileErrorReason(result.failure->error)[0] != '?', "every failure has a reason");
    }
    return 0;
}
