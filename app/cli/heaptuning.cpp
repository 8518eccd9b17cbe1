#include "app/cli/heaptuning.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace wslab::app {

void tuneHeapForPayloads()
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

} // namespace wslab::app
