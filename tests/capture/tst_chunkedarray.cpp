#include "capture/chunkedarray.h"

#include <QTest>

#include <cstdint>

using wslab::capture::ChunkedArray;

namespace {

struct Entry
{
    quint64 id = 0;
    qint64 offset = -1;
    quint32 size = 0;
    bool flag = false;
};

} // namespace

// The record store's per-row entries: a growing array in chunks that never move.
class TestChunkedArray : public QObject
{
    Q_OBJECT
private slots:
    void keepsEveryValueAcrossChunks();
    void valuesStayWhereTheyAreWhileItGrows();
    void changedValuesReadBackChanged();
    void clearEmptiesIt();
};

void TestChunkedArray::keepsEveryValueAcrossChunks()
{
    ChunkedArray<Entry> entries;
    QVERIFY(entries.empty());
    const size_t count = 3 * ChunkedArray<Entry>::perChunk + 17;
    for (size_t i = 0; i < count; ++i)
        entries.push_back(Entry{i, qint64(i) * 3, quint32(i % 1000), i % 2 == 0});
    QCOMPARE(entries.size(), count);
    for (size_t i = 0; i < count; ++i) {
        const Entry &e = entries[i];
        QCOMPARE(e.id, quint64(i));
        QCOMPARE(e.offset, qint64(i) * 3);
        QCOMPARE(e.size, quint32(i % 1000));
        QCOMPARE(e.flag, i % 2 == 0);
    }
}

void TestChunkedArray::valuesStayWhereTheyAreWhileItGrows()
{
    ChunkedArray<Entry> entries;
    entries.push_back(Entry{1, 2, 3, true});
    const Entry *first = &entries[0];
    for (size_t i = 1; i < 2 * ChunkedArray<Entry>::perChunk; ++i)
        entries.push_back(Entry{i, 0, 0, false});
    QCOMPARE(&entries[0], first); // a vector would have moved it
    QCOMPARE(first->id, quint64(1));
}

void TestChunkedArray::changedValuesReadBackChanged()
{
    ChunkedArray<Entry> entries;
    const size_t count = ChunkedArray<Entry>::perChunk + 2;
    for (size_t i = 0; i < count; ++i)
        entries.push_back(Entry{i, 0, 0, false});
    entries[count - 1].offset = 42;
    entries[0].size = 7;
    QCOMPARE(entries[count - 1].offset, qint64(42));
    QCOMPARE(entries[0].size, quint32(7));
    QCOMPARE(entries[1].size, quint32(0));
}

void TestChunkedArray::clearEmptiesIt()
{
    ChunkedArray<Entry> entries;
    for (size_t i = 0; i < ChunkedArray<Entry>::perChunk + 1; ++i)
        entries.push_back(Entry{i, 0, 0, false});
    entries.clear();
    QVERIFY(entries.empty());
    QCOMPARE(entries.size(), size_t(0));
    entries.push_back(Entry{9, 0, 0, false});
    QCOMPARE(entries.size(), size_t(1));
    QCOMPARE(entries[0].id, quint64(9));
}

QTEST_GUILESS_MAIN(TestChunkedArray)
#include "tst_chunkedarray.moc"
