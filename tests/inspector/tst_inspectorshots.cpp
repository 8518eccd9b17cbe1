// Renders every inspector view with sample frames to PNG, in a light and a dark palette.
//   WSLAB_SHOTS_DIR=/some/folder ./tst_inspectorshots     keeps the pictures there
//   QT_SCALE_FACTOR=2 ...                                  the same at 200 %
// Without WSLAB_SHOTS_DIR the pictures go to a temporary folder: the test still checks that
// each view paints something and fits its content (scripts/inspector-shots runs both scales).

#include "inspector/bitdiagramview.h"
#include "inspector/capturefilterproxy.h"
#include "inspector/deflatepreview.h"
#include "inspector/explainpanel.h"
#include "inspector/fragmentgrouper.h"
#include "inspector/framecapturemodel.h"
#include "inspector/framedetailpane.h"
#include "inspector/handshakeview.h"
#include "inspector/hexview.h"
#include "inspector/payloadview.h"
#include "inspector/timelineview.h"
#include "inspector/unmaskingtable.h"

#include "inspector/capturesamples.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QStyle>
#include <QStyleFactory>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;

using ViewFactory = std::function<QWidget *()>;
Q_DECLARE_METATYPE(ViewFactory)

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x90, 0x90, 0x90));
    return p;
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

// A short chat session as the server captures it: two browsers, a handshake, a broadcast, a
// fragmented message, a ping, a held frame and a closing handshake, then messages compressed with
// permessage-deflate (RFC 7692), as browsers send them.
capture::CaptureBatch sampleSession()
{
    using protocol::Opcode;
    capture::CaptureBatch batch;
    quint64 id = 0;
    qint64 time = 0;
    const auto add = [&](CaptureRecord r, qint64 gapUs) {
        r.id = ++id;
        time += gapUs * 1000;
        r.timeNs = time;
        batch << r;
    };
    for (quint64 c : {1, 2}) {
        CaptureRecord opened = eventRecord(0, RecordKind::ConnectionOpened, c);
        opened.note = QStringLiteral("127.0.0.1:%1").arg(53410 + c);
        add(opened, 1200);
        CaptureRecord request = httpRecord(0, RecordKind::HttpRequest, upgradeRequest, c);
        request.transport = Transport::WebSocket;
        add(request, 300);
        CaptureRecord response = httpRecord(0, RecordKind::HttpResponse, upgradeResponse, c, 101);
        response.transport = Transport::WebSocket;
        add(response, 150);
    }
    add(encodedRecord(0, Opcode::Text, R"({"type":"nick","nick":"alice"})", 1), 8000);
    add(encodedRecord(0, Opcode::Text, R"({"type":"chat","text":"hello everyone"})", 1), 2500);
    add(encodedRecord(0, Opcode::Text, R"({"from":"alice","text":"hello everyone"})", 1, Direction::Outbound), 90);
    add(encodedRecord(0, Opcode::Text, R"({"from":"alice","text":"hello everyone"})", 2, Direction::Outbound), 40);
    add(frameRecord(0, firstFragmentWire(), 2, Direction::Outbound), 5000);
    add(encodedRecord(0, Opcode::Ping, "tick", 2, Direction::Outbound), 30);
    add(frameRecord(0, lastFragmentWire(), 2, Direction::Outbound), 30);
    add(encodedRecord(0, Opcode::Pong, "tick", 2), 800);
    CaptureRecord held = encodedRecord(0, Opcode::Text, R"({"type":"chat","text":"step mode"})", 2);
    held.held = true;
    add(held, 3000);
    add(encodedRecord(0, Opcode::Close, protocol::FrameEncoder::closePayload(1001, "tab closed"), 2), 9000);
    add(encodedRecord(0, Opcode::Close, protocol::FrameEncoder::closePayload(1001, "tab closed"), 2,
                      Direction::Outbound), 200);
    CaptureRecord closed = eventRecord(0, RecordKind::ConnectionClosed, 2);
    closed.closeCode = 1001;
    add(closed, 400);
    for (const CaptureRecord &r : compressedMessage(0, Opcode::Text, R"({"type":"chat","text":"compressed"})", 1))
        add(r, 4000);
    for (const CaptureRecord &r : compressedMessage(0, Opcode::Text, R"({"from":"alice","text":"compressed"})", 1, 1,
                                                    Direction::Outbound))
        add(r, 90);
    const QByteArray longer = QByteArray(R"({"type":"chat","text":")") + QByteArray("a long line, ").repeated(12) + R"("})";
    for (const CaptureRecord &r : compressedMessage(0, Opcode::Text, longer, 3))
        add(r, 700);
    return batch;
}

// Keeps a model alive as long as the view showing it.
template<typename View>
View *withSession(View *view, FrameCaptureModel **model)
{
    *model = new FrameCaptureModel(view);
    (*model)->appendBatch(sampleSession());
    (*model)->setConnectionName(1, QStringLiteral("alice"));
    (*model)->setConnectionName(2, QStringLiteral("bob"));
    return view;
}

} // namespace

class TestInspectorShots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void render_data();
    void render();

private:
    QString m_folder;
    std::unique_ptr<QTemporaryDir> m_temporary;
};

void TestInspectorShots::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_folder = qEnvironmentVariable("WSLAB_SHOTS_DIR");
    if (m_folder.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>();
        QVERIFY(m_temporary->isValid());
        m_folder = m_temporary->path();
    }
    QVERIFY(QDir().mkpath(m_folder));
}

void TestInspectorShots::render_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<ViewFactory>("factory");

    const QList<std::pair<QString, QPalette>> palettes{{QStringLiteral("light"), QApplication::style()->standardPalette()},
                                                       {QStringLiteral("dark"), darkPalette()}};
    for (const auto &[paletteName, palette] : palettes) {
        const auto withPalette = [palette](QWidget *w) {
            w->setPalette(palette);
            return w;
        };
        const auto add = [&](const QString &name, QSize size, ViewFactory factory) {
            QTest::addRow("%s-%s", qPrintable(name), qPrintable(paletteName))
                    << QStringLiteral("%1-%2").arg(name, paletteName) << size
                    << ViewFactory([factory, withPalette] { return withPalette(factory()); });
        };

        add("hexview-masked-hello", {640, 160}, [] {
            auto *view = new HexView;
            view->setFrame(frameFromWire(maskedHelloWire()));
            view->highlightField(protocol::FieldId::MaskingKey);
            return view;
        });
        add("hexview-ext16", {640, 240}, [] {
            auto *view = new HexView;
            view->setFrame(frameFromWire(protocol::FrameEncoder::encode(
                    protocol::Opcode::Text, QByteArray("{\"type\":\"chat\",\"text\":\"") + QByteArray(200, 'z') + "\"}",
                    true, protocol::MaskKey{0x12, 0x34, 0x56, 0x78})));
            return view;
        });
        add("bitdiagram-masked-hello", {820, 330}, [] {
            auto *view = new BitDiagramView;
            view->setFrame(frameFromWire(maskedHelloWire()));
            view->highlightField(protocol::FieldId::Mask);
            return view;
        });
        add("bitdiagram-ext64", {820, 420}, [] {
            auto *view = new BitDiagramView;
            view->setFrame(frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(70000, 'a'),
                                                                        true, protocol::MaskKey{0xde, 0xad, 0xbe, 0xef})));
            return view;
        });
        add("capture-table", {1100, 420}, [] {
            FrameCaptureModel *model = nullptr;
            auto *table = withSession(new QTableView, &model);
            table->setModel(model);
            table->verticalHeader()->hide();
            table->horizontalHeader()->setStretchLastSection(true);
            table->resizeColumnsToContents();
            table->selectRow(10);
            return table;
        });
        add("timeline", {900, 560}, [] {
            FrameCaptureModel *model = nullptr;
            auto *view = withSession(new TimelineView, &model);
            view->setModel(model);
            view->setCurrentRow(8);
            view->verticalScrollBar()->setValue(0);
            return view;
        });
        add("explain-masked-hello", {620, 520}, [] {
            auto *panel = new ExplainPanel;
            panel->setRecord(frameRecord(7, maskedHelloWire()));
            panel->setCurrentStep(3);
            return panel;
        });
        add("payload-json", {620, 360}, [] {
            auto *view = new PayloadView;
            view->setFrame(frameFromWire(protocol::FrameEncoder::encode(
                    protocol::Opcode::Text, R"({"type":"chat","text":"hello everyone","time":1700000000})", true,
                    protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d})));
            return view;
        });
        add("payload-close", {620, 300}, [] {
            auto *view = new PayloadView;
            view->setFrame(frameFromWire(protocol::FrameEncoder::encode(
                    protocol::Opcode::Close, protocol::FrameEncoder::closePayload(1001, "tab closed"), true,
                    protocol::MaskKey{0x37, 0xfa, 0x21, 0x3d})));
            view->setCurrentMode(PayloadView::Mode::MaskedUnmasked);
            return view;
        });
        add("unmasking", {760, 320}, [] {
            auto *view = new UnmaskingTable;
            view->setFrame(frameFromWire(maskedHelloWire()));
            return view;
        });
        add("handshake", {1000, 620}, [] {
            auto *view = new HandshakeView;
            view->setExchange(upgradeRequest, upgradeResponse);
            return view;
        });
        add("detail-pane", {1000, 1000}, [] {
            auto *pane = new FrameDetailPane;
            FrameCaptureModel *model = nullptr;
            withSession(pane, &model);
            const int row = 12; // the second fragment of "Hello"
            pane->showRecord(model->record(row));
            pane->showFragments(FragmentGrouper::find(*model, row));
            pane->showRecord(model->record(7));
            pane->showFragments(FragmentGrouper::find(*model, 7));
            pane->nextField();
            pane->nextField();
            pane->nextField();
            pane->nextField();
            return pane;
        });
        add("capture-table-deflate", {1100, 300}, [] {
            FrameCaptureModel *model = nullptr;
            auto *table = withSession(new QTableView, &model);
            table->setModel(model);
            table->verticalHeader()->hide();
            table->horizontalHeader()->setStretchLastSection(true);
            table->resizeColumnsToContents();
            table->selectRow(model->rowCount() - 1);
            table->scrollToBottom();
            return table;
        });
        add("payload-inflated", {620, 360}, [] {
            auto *view = new PayloadView;
            const CaptureRecord record = compressedMessage(1, protocol::Opcode::Text, R"({"type":"chat","text":"compressed"})").first();
            view->setFrame(*record.frame);
            view->setInflated(*record.inflatedPayload, record.inflatedSize, DeflatePreview::factsOf(record));
            return view;
        });
        add("detail-pane-deflate", {1000, 1000}, [] {
            auto *pane = new FrameDetailPane;
            FrameCaptureModel *model = nullptr;
            withSession(pane, &model);
            const int row = model->rowCount() - 1; // the last fragment of a compressed message
            pane->showRecord(model->record(row));
            pane->showFragments(FragmentGrouper::find(*model, row));
            return pane;
        });
        add("bitdiagram-narrow", {10, 10}, [] {
            auto *view = new BitDiagramView;
            view->setFrame(frameFromWire(protocol::FrameEncoder::encode(protocol::Opcode::Binary, QByteArray(300, 'a'))));
            return view;
        });
    }
}

void TestInspectorShots::render()
{
    QFETCH(QString, name);
    QFETCH(QSize, size);
    QFETCH(ViewFactory, factory);

    std::unique_ptr<QWidget> view(factory());
    view->resize(size.expandedTo(view->minimumSizeHint()));
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    const QPixmap pixmap = view->grab();
    const QImage image = pixmap.toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(distinctColours(image) > 4, qPrintable(name)); // something was painted, not one flat fill
    const QString suffix = QStringLiteral("@%1x").arg(pixmap.devicePixelRatio());
    const QString path = QDir(m_folder).filePath(name + suffix + QStringLiteral(".png"));
    QVERIFY2(image.save(path), qPrintable(path));
}

QTEST_MAIN(TestInspectorShots)
#include "tst_inspectorshots.moc"
