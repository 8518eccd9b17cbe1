#include "server/protocol/masking.h"

#include <QTest>

using namespace wslab::protocol;

class TestMasking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfcExample();
    void matchesBytewiseForEverySizeAndPhase();
    void piecesCarryThePhase_data();
    void piecesCarryThePhase();
    void allZeroKeyIsIdentity();
    void copyLeavesSourceAndNeighboursAlone();
    void maskingTwiceRestores();
};

void TestMasking::rfcExample()
{
    // RFC 6455 §5.7: "Hello" with key 37 fa 21 3d.
    QByteArray payload("Hello");
    QCOMPARE(applyMask(payload.data(), payload.size(), {0x37, 0xfa, 0x21, 0x3d}), 1);
    QCOMPARE(payload, QByteArray::fromHex("7f9f4d5158"));
}

void TestMasking::matchesBytewiseForEverySizeAndPhase()
{
    const MaskKey key{0xa1, 0x02, 0xf3, 0x44};
    for (int size = 0; size <= 200; ++size) {
        for (int phase = 0; phase < 4; ++phase) {
            QByteArray fast(size, Qt::Uninitialized);
            for (int i = 0; i < size; ++i)
                fast[i] = char(i * 31 + 5);
            QByteArray slow = fast;
            const int fastPhase = applyMask(fast.data(), size, key, phase);
            const int slowPhase = applyMaskBytewise(slow.data(), size, key, phase);
            QCOMPARE(fast, slow);
            QCOMPARE(fastPhase, slowPhase);
            QCOMPARE(fastPhase, (phase + size) % 4);
        }
    }
}

void TestMasking::piecesCarryThePhase_data()
{
    QTest::addColumn<QList<int>>("pieces");
    QTest::addRow("1+1+1+...") << QList<int>(100, 1);
    QTest::addRow("3+5+7+11+13+61") << QList<int>{3, 5, 7, 11, 13, 61};
    QTest::addRow("0+33+0+67") << QList<int>{0, 33, 0, 67};
    QTest::addRow("99+1") << QList<int>{99, 1};
}

void TestMasking::piecesCarryThePhase()
{
    QFETCH(QList<int>, pieces);
    const MaskKey key{1, 2, 3, 4};
    QByteArray whole(100, 'z');
    QByteArray pieced = whole;
    applyMask(whole.data(), whole.size(), key);
    int phase = 0;
    qsizetype offset = 0;
    for (int piece : pieces) {
        phase = applyMask(pieced.data() + offset, piece, key, phase);
        offset += piece;
    }
    QCOMPARE(offset, 100);
    QCOMPARE(pieced, whole);
}

void TestMasking::allZeroKeyIsIdentity()
{
    const QByteArray original("an all-zero key is legal and changes nothing");
    QByteArray data = original;
    applyMask(data.data(), data.size(), {0, 0, 0, 0});
    QCOMPARE(data, original);
}

void TestMasking::copyLeavesSourceAndNeighboursAlone()
{
    const MaskKey key{0xff, 0xff, 0xff, 0xff};
    for (int size : {0, 1, 7, 8, 9, 31, 32, 33, 100}) {
        const QByteArray source(size, '\x0f');
        QByteArray destination(size + 16, '\xaa'); // 8 guard bytes either side
        QCOMPARE(copyMasked(source.constData(), destination.data() + 8, size, key, 2), (2 + size) % 4);
        QCOMPARE(source, QByteArray(size, '\x0f'));
        QCOMPARE(destination.first(8), QByteArray(8, '\xaa'));
        QCOMPARE(destination.sliced(8, size), QByteArray(size, '\xf0'));
        QCOMPARE(destination.last(8), QByteArray(8, '\xaa'));
    }
}

void TestMasking::maskingTwiceRestores()
{
    QByteArray data(1000, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i);
    const QByteArray original = data;
    const MaskKey key{0xde, 0xad, 0xbe, 0xef};
    applyMask(data.data() + 1, data.size() - 1, key, 3);
    QVERIFY(data != original);
    applyMask(data.data() + 1, data.size() - 1, key, 3);
    QCOMPARE(data, original);
}

QTEST_GUILESS_MAIN(TestMasking)
#include "tst_masking.moc"
