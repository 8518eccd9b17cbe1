#include "app/chat/clientlistmodel.h"
#include "app/composer/composerpresets.h"
#include "app/composer/framecomposer.h"

#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTest>

using namespace wslab::app;

namespace {

// Is all of `widget` inside the part of `scroll` that shows, without scrolling?
bool isWhollyInView(const QWidget *widget, const QScrollArea *scroll)
{
    const QWidget *viewport = scroll->viewport();
    const QRect rect(widget->mapTo(viewport, QPoint()), widget->size());
    return widget->isVisible() && viewport->rect().contains(rect);
}

QString where(const QWidget *widget, const QScrollArea *scroll)
{
    const QPoint top = widget->mapTo(scroll->viewport(), QPoint());
    return QStringLiteral("%1: y %2..%3 in a %4 px view")
            .arg(widget->objectName())
            .arg(top.y())
            .arg(top.y() + widget->height())
            .arg(scroll->viewport()->height());
}

} // namespace

// The composer in the right-hand dock: the bytes a frame makes stay in view under its fields.
class tst_FrameComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewInViewInTheDock_data();
    void previewInViewInTheDock();
    void movedSplitterKeepsItsSizes();
    void wireSummaryWrapsInANarrowPane();
    void nothingRunsSidewaysInANarrowPane_data();
    void nothingRunsSidewaysInANarrowPane();
};

void tst_FrameComposer::previewInViewInTheDock_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<ComposerPreset>("preset");
    QTest::addColumn<bool>("wholePreview"); // the narration too
    QTest::addColumn<bool>("payloadBox");

    // The composer dock's size in the default layout at each screen size.
    const QSize laptop(405, 660);
    const QSize desktop(470, 980);
    QTest::addRow("1366x768 text") << laptop << ComposerPreset::Text << true << false;
    QTest::addRow("1366x768 masked") << laptop << ComposerPreset::MaskedServerFrame << false << false;
    QTest::addRow("1366x768 16-bit length") << laptop << ComposerPreset::NonMinimalLength << false << false;
    QTest::addRow("1920x1080 text") << desktop << ComposerPreset::Text << true << true;
    QTest::addRow("1920x1080 masked") << desktop << ComposerPreset::MaskedServerFrame << true << true;
    QTest::addRow("1920x1080 16-bit length") << desktop << ComposerPreset::NonMinimalLength << true << true;
}

void tst_FrameComposer::previewInViewInTheDock()
{
    QFETCH(QSize, size);
    QFETCH(ComposerPreset, preset);
    QFETCH(bool, wholePreview);
    QFETCH(bool, payloadBox);

    ClientListModel clients;
    FrameComposer composer(&clients);
    composer.resize(size);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    composer.loadPreset(preset);
    QCoreApplication::processEvents();

    const auto *fields = composer.findChild<QScrollArea *>(QStringLiteral("composerFields"));
    const auto *preview = composer.findChild<QScrollArea *>(QStringLiteral("composerPreview"));
    QVERIFY(fields && preview);
    // The fields down to the header's last row...
    const auto *header = composer.findChild<QGroupBox *>(QStringLiteral("headerBox"));
    QVERIFY(header);
    QTRY_VERIFY2(isWhollyInView(header, fields), qPrintable(where(header, fields)));
    // ...and the frame's size, the verdict and the bit diagram, without scrolling.
    for (const char *name : {"sizeSummary", "verdict", "composerBits"}) {
        const auto *widget = composer.findChild<QWidget *>(QLatin1String(name));
        QVERIFY(widget);
        QVERIFY2(isWhollyInView(widget, preview), qPrintable(where(widget, preview)));
    }
    // The diagram gets the height it asks for: nothing drawn is cut off.
    const auto *bits = composer.findChild<QWidget *>(QStringLiteral("composerBits"));
    QVERIFY(bits->height() >= bits->heightForWidth(bits->width()));
    if (wholePreview) {
        for (const char *name : {"composerHex", "narration"}) {
            const auto *widget = composer.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(isWhollyInView(widget, preview), qPrintable(where(widget, preview)));
        }
    }
    if (payloadBox) {
        const auto *payload = composer.findChild<QGroupBox *>(QStringLiteral("payloadBox"));
        QVERIFY2(isWhollyInView(payload, fields), qPrintable(where(payload, fields)));
    }
}

void tst_FrameComposer::movedSplitterKeepsItsSizes()
{
    ClientListModel clients;
    FrameComposer composer(&clients);
    composer.resize(405, 660);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    auto *splitter = composer.findChild<QSplitter *>(QStringLiteral("composerSplitter"));
    QVERIFY(splitter);
    const QList<int> before = splitter->sizes();
    QCOMPARE(before.size(), 2);
    // The learner drags the handle 60 px down (what QSplitter does on a drag).
    QSplitterHandle *handle = splitter->handle(1);
    QVERIFY(handle);
    const QPoint grip = handle->rect().center();
    QTest::mousePress(handle, Qt::LeftButton, {}, grip);
    QTest::mouseMove(handle, grip + QPoint(0, 60));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, grip + QPoint(0, 60));
    const QList<int> dragged = splitter->sizes();
    QVERIFY2(dragged.first() > before.first(), qPrintable(QStringLiteral("%1 -> %2").arg(before.first()).arg(dragged.first())));
    // A new preset changes what the preview needs, not what the learner chose.
    composer.loadPreset(ComposerPreset::MaskedServerFrame);
    QCoreApplication::processEvents();
    QCOMPARE(splitter->sizes(), dragged);
}

void tst_FrameComposer::wireSummaryWrapsInANarrowPane()
{
    // "On the wire": the frame's size line wraps instead of running past the edge of a dock as
    // narrow as the bit diagram allows.
    ClientListModel clients;
    FrameComposer composer(&clients);
    composer.resize(390, 660);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    composer.loadPreset(ComposerPreset::Text);
    QCoreApplication::processEvents();
    const auto *summary = composer.findChild<QLabel *>(QStringLiteral("sizeSummary"));
    const auto *preview = composer.findChild<QScrollArea *>(QStringLiteral("composerPreview"));
    QVERIFY(summary && preview);
    QVERIFY(summary->wordWrap());
    QTRY_VERIFY2(summary->mapTo(preview->viewport(), QPoint(summary->width(), 0)).x() <= preview->viewport()->width(),
                 qPrintable(where(summary, preview)));
    QVERIFY(summary->height() >= summary->heightForWidth(summary->width()));
}

void tst_FrameComposer::nothingRunsSidewaysInANarrowPane_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<ComposerPreset>("preset");
    // The right-hand column is 360 px at 1024 x 700; a learner may narrow it further.
    for (int width : {360, 345, 330}) {
        QTest::addRow("%d px text", width) << width << ComposerPreset::Text;
        QTest::addRow("%d px masked", width) << width << ComposerPreset::MaskedServerFrame;
        QTest::addRow("%d px 16-bit length", width) << width << ComposerPreset::NonMinimalLength;
    }
}

void tst_FrameComposer::nothingRunsSidewaysInANarrowPane()
{
    // Issue 12: below 370 px the bit diagram and the dump ran past the pane's edge behind a
    // sideways scroll bar. Every field, the diagram, the dump and the texts fit the width.
    QFETCH(int, width);
    QFETCH(ComposerPreset, preset);
    ClientListModel clients;
    FrameComposer composer(&clients);
    composer.resize(width, 560);
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    composer.loadPreset(preset);
    QCoreApplication::processEvents();
    QVERIFY2(composer.minimumSizeHint().width() <= width, qPrintable(QString::number(composer.minimumSizeHint().width())));
    for (const char *name : {"composerFields", "composerPreview"}) {
        const auto *scroll = composer.findChild<QScrollArea *>(QLatin1String(name));
        QVERIFY(scroll);
        QTRY_VERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
                     qPrintable(QStringLiteral("%1: %2 px too wide").arg(QLatin1String(name)).arg(scroll->horizontalScrollBar()->maximum())));
    }
    const auto *bits = composer.findChild<QWidget *>(QStringLiteral("composerBits"));
    QVERIFY(bits);
    QVERIFY(bits->height() >= bits->heightForWidth(bits->width()));
    for (const char *name : {"sizeSummary", "verdict", "narration"}) {
        const auto *label = composer.findChild<QLabel *>(QLatin1String(name));
        QVERIFY(label);
        QVERIFY2(label->height() >= label->heightForWidth(label->width()), name);
    }
}

QTEST_MAIN(tst_FrameComposer)
#include "tst_framecomposer.moc"
