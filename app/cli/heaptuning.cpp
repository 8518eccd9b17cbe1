#include "app/cli/heaptuning.h"

#include <cstdlib> // says whether the C library is glibc: __GLIBC__ is undefined before any of its headers

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace wslab::app {

void tuneHeapForPayloads()
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
}

} // namespace wslab::app
