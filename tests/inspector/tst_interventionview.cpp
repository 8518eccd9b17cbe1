// The side-by-side view of a frame the proxy's intercept changed: which bytes each side shows and
// which are highlighted, for an edited, a dropped and an injected frame (frames built by the
// protocol's own encoder).

#include "inspector/interventionview.h"

#include "server/protocol/framedecoder.h"
#include "server/protocol/frameencoder.h"

#include <QTest>

using namespace wslab;
using capture::FrameIntervention;

namespace {

capture::CaptureRecord frameRecord(const QByteArray &wire, std::optional<FrameIntervention> intervention)
{
    capture::CaptureRecord record;
    record.kind = capture::RecordKind::Frame;
    record.direction = capture::Direction::Outbound;
    protocol::DecoderOptions options;
    options.framingOnly = true;
    protocol::FrameDecoder decoder(options);
    QList<protocol::DecodedFrame> frames;
    (void)decoder.feed(wire, frames);
    if (!frames.isEmpty())
        record.frame = frames.constFirst();
    if (intervention) {
        record.modified = true;
        record.intervention = std::make_shared<const FrameIntervention>(*intervention);
    }
    return record;
}

} // namespace

class tst_InterventionView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEachSideAndHighlightsTheDifferences_data();
    void showsEachSideAndHighlightsTheDifferences();
    void hexHighlightsOnlyDifferingBytes();
    void clearShowsNothing();
};

void tst_InterventionView::showsEachSideAndHighlightsTheDifferences_data()
{
    QTest::addColumn<FrameIntervention::Action>("action");
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("forwarded");
    const QByteArray hello = protocol::FrameEncoder::encode(protocol::Opcode::Text, "hello", true, std::nullopt);
    const QByteArray hallo = protocol::FrameEncoder::encode(protocol::Opcode::Text, "hallo", true, std::nullopt);
    const QByteArray longer = protocol::FrameEncoder::encode(protocol::Opcode::Binary, "hello!", true, std::nullopt);
    QTest::newRow("edited payload") << FrameIntervention::Action::Edited << hello << hallo;
    QTest::newRow("edited header and length") << FrameIntervention::Action::Edited << hello << longer;
    QTest::newRow("dropped") << FrameIntervention::Action::Dropped << hello << hello;
    QTest::newRow("injected") << FrameIntervention::Action::Injected << QByteArray() << hello;
}

void tst_InterventionView::showsEachSideAndHighlightsTheDifferences()
{
    QFETCH(FrameIntervention::Action, action);
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, forwarded);
    inspector::InterventionView view;
    view.setRecord(frameRecord(forwarded, FrameIntervention{action, original}));
    QCOMPARE(view.originalBytes(), original);
    // A dropped frame's record holds the sender's frame; nothing was forwarded.
    const QByteArray shownForwarded = action == FrameIntervention::Action::Dropped ? QByteArray() : forwarded;
    QCOMPARE(view.forwardedBytes(), shownForwarded);
    const qsizetype longest = std::max(original.size(), shownForwarded.size());
    for (qsizetype offset = 0; offset < longest; ++offset) {
        const bool differs = offset >= original.size() || offset >= shownForwarded.size()
                || original.at(offset) != shownForwarded.at(offset);
        QCOMPARE(view.differingOffsets().contains(offset), differs);
    }
    QVERIFY(!view.summaryText().isEmpty());
}

void tst_InterventionView::hexHighlightsOnlyDifferingBytes()
{
    const QColor mark(1, 2, 3);
    const QString html = inspector::InterventionView::hexHtml(QByteArray::fromHex("8105aa"),
                                                              QByteArray::fromHex("8106aa"), mark);
    QCOMPARE(html.count(mark.name(QColor::HexArgb)), 1);
    QVERIFY(html.contains(QStringLiteral(">06<")) || html.contains(QStringLiteral(">05<")));
    QVERIFY(html.contains(QStringLiteral(" 81 ")) || html.contains(QStringLiteral(" 81")));
}

void tst_InterventionView::clearShowsNothing()
{
    inspector::InterventionView view;
    const QByteArray hello = protocol::FrameEncoder::encode(protocol::Opcode::Text, "hello", true, std::nullopt);
    view.setRecord(frameRecord(hello, FrameIntervention{FrameIntervention::Action::Injected, {}}));
    view.clear();
    QVERIFY(view.originalBytes().isEmpty());
    QVERIFY(view.forwardedBytes().isEmpty());
    QVERIFY(view.differingOffsets().isEmpty());
}

QTEST_MAIN(tst_InterventionView)
#include "tst_interventionview.moc"
