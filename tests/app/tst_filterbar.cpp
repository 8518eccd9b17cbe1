#include "app/mainwindow/filterbar.h"

#include "inspector/capturefilterproxy.h"
#include "inspector/capturesamples.h"
#include "inspector/framecapturemodel.h"

#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace wslab;
using namespace wslab::inspector::samples;
using inspector::CaptureFilterProxy;

// The filters above the frames table: a search is applied when typing pauses or on Enter, and a
// long one shows its progress and can be stopped.
class tst_FilterBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void typingCoalescesIntoOneSearch();
    void enterSearchesAtOnce();
    void clearingShowsEveryRowAtOnce();
    void aLongSearchShowsItsProgressAndCanBeStopped();
    void escapeStopsTheSearch();

private:
    [[nodiscard]] QLineEdit *search() const { return m_bar->findChild<QLineEdit *>(QStringLiteral("search")); }

    inspector::FrameCaptureModel *m_model = nullptr;
    CaptureFilterProxy *m_proxy = nullptr;
    app::FilterBar *m_bar = nullptr;
};

void tst_FilterBar::init()
{
    m_model = new inspector::FrameCaptureModel(this);
    m_model->keepEveryRecord();
    capture::CaptureBatch batch = textBatch(1, 300);
    batch << encodedRecord(301, protocol::Opcode::Text, "a zebra crossing");
    m_model->appendBatch(batch);
    m_proxy = new CaptureFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_bar = new app::FilterBar(m_proxy);
    m_bar->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_bar));
}

void tst_FilterBar::cleanup()
{
    delete m_bar;
    delete m_proxy;
    delete m_model;
}

void tst_FilterBar::typingCoalescesIntoOneSearch()
{
    QSignalSpy searched(m_proxy, &CaptureFilterProxy::searchChanged);
    QTest::keyClicks(search(), QStringLiteral("zebra"));
    QCOMPARE(searched.count(), 0); // not a search per keystroke
    QCOMPARE(m_proxy->rowCount(), 301);
    QTRY_COMPARE(searched.count(), 1);
    QCOMPARE(m_proxy->searchText(), QStringLiteral("zebra"));
    QCOMPARE(m_proxy->rowCount(), 1);
}

void tst_FilterBar::enterSearchesAtOnce()
{
    QSignalSpy searched(m_proxy, &CaptureFilterProxy::searchChanged);
    QTest::keyClicks(search(), QStringLiteral("zebra"));
    QTest::keyClick(search(), Qt::Key_Return);
    QCOMPARE(searched.count(), 1);
    QCOMPARE(m_proxy->rowCount(), 1);
    QTest::qWait(2 * app::FilterBar::searchDelayMs); // the pause that follows searches nothing again
    QCOMPARE(searched.count(), 1);
}

void tst_FilterBar::clearingShowsEveryRowAtOnce()
{
    QTest::keyClicks(search(), QStringLiteral("zebra"));
    QTest::keyClick(search(), Qt::Key_Return);
    QCOMPARE(m_proxy->rowCount(), 1);
    search()->clear();
    QCOMPARE(m_proxy->rowCount(), 301);
    QVERIFY(m_proxy->searchText().isEmpty());
}

void tst_FilterBar::aLongSearchShowsItsProgressAndCanBeStopped()
{
    m_proxy->setIncrementalSearchRows(0); // every search runs in slices
    auto *progress = m_bar->findChild<QProgressBar *>(QStringLiteral("searchProgress"));
    auto *stop = m_bar->findChild<QToolButton *>(QStringLiteral("stopSearch"));
    QVERIFY(progress && stop);
    QVERIFY(!progress->isVisible());
    QTest::keyClicks(search(), QStringLiteral("zebra"));
    QTest::keyClick(search(), Qt::Key_Return);
    QVERIFY(m_proxy->isSearching());
    QVERIFY(progress->isVisible());
    QVERIFY(stop->isVisible());
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(!m_proxy->isSearching());
    QVERIFY(!progress->isVisible());
    QCOMPARE(m_proxy->rowCount(), 301); // the rows on view stay

    QTest::keyClick(search(), Qt::Key_Return); // the same text again: searched to the end
    QVERIFY(m_proxy->isSearching());
    QTRY_VERIFY(!m_proxy->isSearching());
    QVERIFY(!progress->isVisible());
    QCOMPARE(m_proxy->rowCount(), 1);
}

void tst_FilterBar::escapeStopsTheSearch()
{
    m_proxy->setIncrementalSearchRows(0);
    search()->setFocus();
    QTest::keyClicks(search(), QStringLiteral("crossing"));
    QTest::keyClick(search(), Qt::Key_Return);
    QVERIFY(m_proxy->isSearching());
    QTest::keyClick(search(), Qt::Key_Escape);
    QVERIFY(!m_proxy->isSearching());
    QCOMPARE(m_proxy->rowCount(), 301);
}

QTEST_MAIN(tst_FilterBar)
#include "tst_filterbar.moc"
