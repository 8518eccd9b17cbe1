#include "app/cli/heaptuning.h"

#include <QTest>

#include <cstdlib>
#include <cstring>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace wslab;

// The heap settings main() applies before anything else: payloads freed in bulk stay in the heap
// for the next ones (glibc's defaults give back all but 128 KiB at once), so a flood of large
// frames does not fault in fresh pages for every batch. Once, the settings were compiled out
// without a sign: 64 KiB frames through the proxy then cost five times the CPU.
class tst_HeapTuning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void freedPayloadsStayInTheHeap();
};

void tst_HeapTuning::initTestCase()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("the sanitizer's allocator stands in for glibc's: there is nothing to tune");
#elif !defined(__GLIBC__)
    QSKIP("the settings are glibc's");
#endif
    app::tuneHeapForPayloads();
}

void tst_HeapTuning::freedPayloadsStayInTheHeap()
{
#ifdef __GLIBC__
    // 8 MiB of 64 KiB payloads, as a batch of large frames leaves them, freed newest first.
    constexpr size_t blockBytes = 64 * 1024;
    std::vector<void *> blocks;
    for (int i = 0; i < 128; ++i) {
        blocks.push_back(std::malloc(blockBytes));
        QVERIFY(blocks.back());
        std::memset(blocks.back(), 0x5a, blockBytes);
    }
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
        std::free(*it);
    const struct mallinfo2 heap = mallinfo2();
    // keepcost: the free space at the top of the heap, kept rather than given back (most of the
    // 8 MiB; with glibc's defaults, 128 KiB).
    QVERIFY2(heap.keepcost >= 2 * 1024 * 1024, qPrintable(QString::number(heap.keepcost)));
#endif
}

QTEST_APPLESS_MAIN(tst_HeapTuning)
#include "tst_heaptuning.moc"
