#include "inspector/fragmentgrouper.h"
#include "inspector/framecapturemodel.h"

#include "inspector/capturesamples.h"

#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;
using protocol::Opcode;

class TestFragmentGrouper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfcFragmentsFormOneMessage_data();
    void rfcFragmentsFormOneMessage();
    void interleavedControlAndOtherConnectionsAreSkipped();
    void singleFrameIsItsOwnMessage();
    void missingStartIsIncomplete();
    void unfinishedMessageIsIncomplete();
    void invalidUtf8AcrossFragmentsIsReported();
};

void TestFragmentGrouper::rfcFragmentsFormOneMessage_data()
{
    QTest::addColumn<int>("selected");
    QTest::addRow("select the first") << 0;
    QTest::addRow("select the last") << 1;
}

void TestFragmentGrouper::rfcFragmentsFormOneMessage()
{
    QFETCH(int, selected);
    FrameCaptureModel model;
    // RFC 6455 §5.7: "Hel" + "lo".
    model.appendBatch({frameRecord(1, firstFragmentWire(), 1, Direction::Outbound),
                       frameRecord(2, lastFragmentWire(), 1, Direction::Outbound)});
    const FragmentGroup group = FragmentGrouper::find(model, selected);
    QCOMPARE(group.rows, (QList<int>{0, 1}));
    QVERIFY(group.complete);
    QVERIFY(group.isFragmented());
    QCOMPARE(group.opcode, Opcode::Text);
    QCOMPARE(group.payload, QByteArray("Hello"));
    QVERIFY(!group.error);
}

void TestFragmentGrouper::interleavedControlAndOtherConnectionsAreSkipped()
{
    FrameCaptureModel model;
    model.appendBatch({encodedRecord(1, Opcode::Binary, "ab", 1, Direction::Inbound, false),     // 0
                       encodedRecord(2, Opcode::Text, "other", 2, Direction::Inbound),           // 1 other conn
                       encodedRecord(3, Opcode::Ping, "p", 1, Direction::Inbound),               // 2 control
                       encodedRecord(4, Opcode::Text, "reply", 1, Direction::Outbound),          // 3 other direction
                       encodedRecord(5, Opcode::Continuation, "cd", 1, Direction::Inbound, false), // 4
                       encodedRecord(6, Opcode::Continuation, "ef", 1, Direction::Inbound, true)}); // 5
    for (int row : {0, 4, 5}) {
        const FragmentGroup group = FragmentGrouper::find(model, row);
        QCOMPARE(group.rows, (QList<int>{0, 4, 5}));
        QCOMPARE(group.ids, (QList<quint64>{1, 5, 6}));
        QCOMPARE(group.payload, QByteArray("abcdef"));
        QCOMPARE(group.opcode, Opcode::Binary);
        QVERIFY(group.complete);
    }
    const FragmentGroup ping = FragmentGrouper::find(model, 2);
    QCOMPARE(ping.rows, (QList<int>{2}));
    QCOMPARE(ping.opcode, Opcode::Ping);
}

void TestFragmentGrouper::singleFrameIsItsOwnMessage()
{
    FrameCaptureModel model;
    model.append(frameRecord(1, maskedHelloWire()));
    const FragmentGroup group = FragmentGrouper::find(model, 0);
    QCOMPARE(group.rows, (QList<int>{0}));
    QVERIFY(!group.isFragmented());
    QVERIFY(group.complete);
    QCOMPARE(group.payload, QByteArray("Hello"));
}

void TestFragmentGrouper::missingStartIsIncomplete()
{
    FrameCaptureModel model;
    model.setRowCap(2);
    model.appendBatch({frameRecord(1, firstFragmentWire(), 1, Direction::Outbound),
                       encodedRecord(2, Opcode::Ping, "", 1, Direction::Outbound),
                       frameRecord(3, lastFragmentWire(), 1, Direction::Outbound)}); // the first one is evicted
    const FragmentGroup group = FragmentGrouper::find(model, 1);
    QCOMPARE(group.rows, (QList<int>{1}));
    QVERIFY(!group.complete);
    QCOMPARE(group.payload, QByteArray("lo"));
}

void TestFragmentGrouper::unfinishedMessageIsIncomplete()
{
    FrameCaptureModel model;
    model.appendBatch({frameRecord(1, firstFragmentWire(), 1, Direction::Outbound),
                       encodedRecord(2, Opcode::Text, "new", 1, Direction::Outbound)});
    const FragmentGroup group = FragmentGrouper::find(model, 0);
    QCOMPARE(group.rows, (QList<int>{0}));
    QVERIFY(!group.complete);
    QCOMPARE(group.payload, QByteArray("Hel"));
}

void TestFragmentGrouper::invalidUtf8AcrossFragmentsIsReported()
{
    FrameCaptureModel model;
    // "€" is e2 82 ac; the second fragment carries e2 28, which cannot follow.
    model.appendBatch({encodedRecord(1, Opcode::Text, QByteArray::fromHex("e282"), 1, Direction::Outbound, false),
                       encodedRecord(2, Opcode::Continuation, QByteArray::fromHex("ac28"), 1, Direction::Outbound, false),
                       encodedRecord(3, Opcode::Continuation, QByteArray::fromHex("e228"), 1, Direction::Outbound, true)});
    const FragmentGroup group = FragmentGrouper::find(model, 2);
    QCOMPARE(group.rows.size(), 3);
    QCOMPARE(group.error, std::optional(protocol::DecodeError::InvalidUtf8));
    QCOMPARE(group.payload, QByteArray::fromHex("e282ac28e228"));
}

QTEST_GUILESS_MAIN(TestFragmentGrouper)
#include "tst_fragmentgrouper.moc"
