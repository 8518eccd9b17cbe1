#include "proxy/frameboundarytracker.h"

#include "server/protocol/frameencoder.h"

#include <QTest>

#include <set>

using namespace wslab::proxy;
using namespace wslab::protocol;

// Frame boundaries followed without copying: wherever a stream is split, the tracker is at a
// boundary exactly where a frame ends, and never anywhere else.
class tst_FrameBoundaryTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void boundariesAreWhereFramesEnd_data();
    void boundariesAreWhereFramesEnd();
    void bytesToFrameEndStopsAtTheFrame();
};

namespace {

// Frames of every length form, masked and not, valid or not (the tracker judges nothing).
QByteArray sampleStream(std::set<qsizetype> &ends)
{
    QByteArray stream;
    const auto add = [&](const QByteArray &frame) {
        stream += frame;
        ends.insert(stream.size());
    };
    add(FrameEncoder::encode(Opcode::Text, "Hello"));
    add(FrameEncoder::encode(Opcode::Text, "", true, MaskKey{1, 2, 3, 4}));
    add(FrameEncoder::encode(Opcode::Binary, QByteArray(125, 'a'), true, MaskKey{5, 6, 7, 8}));
    add(FrameEncoder::encode(Opcode::Binary, QByteArray(126, 'b')));
    add(FrameEncoder::encode(Opcode::Binary, QByteArray(65535, 'c'), false, MaskKey{9, 9, 9, 9}));
    add(FrameEncoder::encode(Opcode::Continuation, QByteArray(65536, 'd')));
    FrameHeader nonMinimal;
    nonMinimal.opcode = Opcode::ReservedControlB;
    nonMinimal.rsv2 = true;
    nonMinimal.lengthForm = LengthForm::Extended64;
    nonMinimal.payloadLength = 3;
    add(FrameEncoder::writeRaw(nonMinimal, "xyz"));
    add(FrameEncoder::encode(Opcode::Close, FrameEncoder::closePayload(1000), true, MaskKey{1, 1, 1, 1}));
    return stream;
}

} // namespace

void tst_FrameBoundaryTracker::boundariesAreWhereFramesEnd_data()
{
    QTest::addColumn<qsizetype>("piece");
    for (const qsizetype piece : {1, 2, 3, 7, 13, 4096, 1 << 20})
        QTest::addRow("pieces of %lld", qlonglong(piece)) << piece;
}

void tst_FrameBoundaryTracker::boundariesAreWhereFramesEnd()
{
    QFETCH(qsizetype, piece);
    std::set<qsizetype> ends;
    const QByteArray stream = sampleStream(ends);
    FrameBoundaryTracker tracker;
    QVERIFY(tracker.isAtBoundary());
    std::set<qsizetype> seen;
    qsizetype at = 0;
    // Each piece cut at the boundaries inside it, as the relay does when holding starts.
    while (at < stream.size()) {
        QByteArrayView rest = QByteArrayView(stream).sliced(at, qMin(piece, stream.size() - at));
        while (!rest.isEmpty()) {
            const qsizetype n = tracker.isAtBoundary() ? tracker.bytesToFrameEnd(rest) : tracker.bytesToBoundary(rest);
            QVERIFY(n > 0);
            tracker.feed(rest.first(n));
            rest = rest.sliced(n);
            at += n;
            if (tracker.isAtBoundary())
                seen.insert(at);
        }
    }
    QCOMPARE(seen, ends);
}

void tst_FrameBoundaryTracker::bytesToFrameEndStopsAtTheFrame()
{
    const QByteArray first = FrameEncoder::encode(Opcode::Text, "abc", true, MaskKey{1, 2, 3, 4});
    const QByteArray second = FrameEncoder::encode(Opcode::Text, "defg");
    const QByteArray both = first + second;
    FrameBoundaryTracker tracker;
    QCOMPARE(tracker.bytesToBoundary(both), 0);
    QCOMPARE(tracker.bytesToFrameEnd(both), first.size());
    tracker.feed(QByteArrayView(both).first(3)); // inside the first header
    QVERIFY(!tracker.isAtBoundary());
    QCOMPARE(tracker.bytesToBoundary(QByteArrayView(both).sliced(3)), first.size() - 3);
    tracker.feed(QByteArrayView(both).sliced(3));
    QVERIFY(tracker.isAtBoundary());
}

QTEST_GUILESS_MAIN(tst_FrameBoundaryTracker)
#include "tst_frameboundarytracker.moc"
