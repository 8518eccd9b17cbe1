#include "countingfile.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace wslab::capture {

namespace {

constexpr size_t bufferSize = size_t(1) << 20;

// The stream's buffer lives here: glibc's setvbuf() keeps its default 8 KiB unless given one.
struct CountingFile
{
    int descriptor;
    off64_t position;
    char buffer[bufferSize];
};

ssize_t readCounting(void *cookie, char *buffer, size_t size)
{
    auto *file = static_cast<CountingFile *>(cookie);
    ssize_t count;
    do {
        count = ::read(file->descriptor, buffer, size);
    } while (count < 0 && errno == EINTR);
    if (count > 0)
        file->position += count;
    return count;
}

int seekCounting(void *cookie, off64_t *offset, int whence)
{
    auto *file = static_cast<CountingFile *>(cookie);
    if (whence == SEEK_CUR && *offset == 0) { // ftell(): the count, no system call
        *offset = file->position;
        return 0;
    }
    const off64_t result = ::lseek64(file->descriptor, *offset, whence);
    if (result < 0)
        return -1;
    file->position = result;
    *offset = result;
    return 0;
}

int closeCounting(void *cookie)
{
    auto *file = static_cast<CountingFile *>(cookie);
    const int result = ::close(file->descriptor);
    delete file;
    return result;
}

} // namespace

std::FILE *openCountingFile(const QString &path)
{
    const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return nullptr;
    auto *file = new CountingFile;
    file->descriptor = descriptor;
    file->position = 0;
    std::FILE *stream = fopencookie(file, "rb", cookie_io_functions_t{readCounting, nullptr, seekCounting, closeCounting});
    if (!stream) {
        const int error = errno;
        closeCounting(file);
        errno = error;
        return nullptr;
    }
    setvbuf(stream, file->buffer, _IOFBF, bufferSize);
    return stream;
}

} // namespace wslab::capture
