#include "capture/linewriter.h"

#include <QTest>

using namespace wslab::capture;

class tst_LineWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void piecesOfEverySizeAreCopiedWhole_data();
    void piecesOfEverySizeAreCopiedWhole();
    void lineOutgrowingItsRoomKeepsEveryPiece();
    void numbersArePaddedEitherWay();
    void reservedBytesCountOnlyOnceCommitted();
    void writesAfterWhatTheArrayHeld();
};

// Short pieces are copied in two overlapping moves, longer ones by memcpy: every size from 1 to
// past the boundary lands whole, between the bytes around it.
void tst_LineWriter::piecesOfEverySizeAreCopiedWhole_data()
{
    QTest::addColumn<int>("size");
    for (int size = 0; size <= 40; ++size)
        QTest::addRow("%d bytes", size) << size;
}

void tst_LineWriter::piecesOfEverySizeAreCopiedWhole()
{
    QFETCH(int, size);
    QByteArray piece;
    for (int i = 0; i < size; ++i)
        piece.append(char('a' + i % 26));
    QByteArray line;
    {
        LineWriter out(line);
        out.put('[');
        out.put(QByteArrayView(piece));
        out.put(']');
    }
    QCOMPARE(line, '[' + piece + ']');
}

void tst_LineWriter::lineOutgrowingItsRoomKeepsEveryPiece()
{
    QByteArray line;
    QByteArray expected;
    {
        LineWriter out(line, 4);
        for (int i = 0; i < 100; ++i) {
            const QByteArray piece = QByteArray::number(i) + QByteArray("-abcdefghijklmnopq").left(i % 19);
            out.put(QByteArrayView(piece));
            expected += piece;
        }
    }
    QCOMPARE(line, expected);
}

void tst_LineWriter::numbersArePaddedEitherWay()
{
    QByteArray line;
    {
        LineWriter out(line);
        out.putNumber(42, 5);
        out.put('|');
        out.putNumber(-7, 4, '0', true);
        out.put('|');
        out.putNumber(123456789012LL, 3);
    }
    QCOMPARE(line, QByteArray("   42|-700|123456789012"));
}

void tst_LineWriter::reservedBytesCountOnlyOnceCommitted()
{
    QByteArray line;
    {
        LineWriter out(line, 2);
        char *at = out.reserve(6);
        std::memcpy(at, "abcdef", 6);
        out.commit(3);
        out.put("xyz");
        out.chop(1);
        QCOMPARE(out.position(), 5);
    }
    QCOMPARE(line, QByteArray("abcxy"));
}

void tst_LineWriter::writesAfterWhatTheArrayHeld()
{
    QByteArray line("head ");
    {
        LineWriter out(line);
        out.put("tail");
        out.putRepeated('.', 3);
    }
    QCOMPARE(line, QByteArray("head tail..."));
}

QTEST_GUILESS_MAIN(tst_LineWriter)
#include "tst_linewriter.moc"
