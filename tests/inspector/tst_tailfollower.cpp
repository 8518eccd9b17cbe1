#include "inspector/framecapturemodel.h"
#include "inspector/tailfollower.h"

#include "inspector/capturesamples.h"

#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace wslab;
using namespace wslab::inspector;
using namespace wslab::inspector::samples;

class TestTailFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void followsNewRowsAtTheBottom();
    void staysPutWhenScrolledUp();
    void evictionDoesNotSlideTheRowsBeingRead();

private:
    [[nodiscard]] quint64 topId() const
    {
        return m_model->record(m_view->rowAt(0)).id;
    }
    FrameCaptureModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    TailFollower *m_follower = nullptr;
};

void TestTailFollower::init()
{
    m_model = new FrameCaptureModel(this);
    m_view = new QTableView;
    m_view->setModel(m_model);
    m_view->resize(600, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_follower = new TailFollower(m_view);
    m_model->appendBatch(textBatch(1, 100));
}

void TestTailFollower::cleanup()
{
    delete m_view;
    delete m_model;
}

void TestTailFollower::followsNewRowsAtTheBottom()
{
    QTRY_VERIFY(m_follower->isFollowing());
    m_model->appendBatch(textBatch(101, 50));
    QTRY_VERIFY(m_follower->isFollowing());
    QVERIFY(m_view->rowAt(m_view->viewport()->height() - 2) >= 140);
}

void TestTailFollower::staysPutWhenScrolledUp()
{
    m_view->verticalScrollBar()->setValue(20);
    const quint64 before = topId();
    m_model->appendBatch(textBatch(101, 50));
    QCOMPARE(topId(), before);
    QVERIFY(!m_follower->isFollowing());
}

void TestTailFollower::evictionDoesNotSlideTheRowsBeingRead()
{
    m_model->setRowCap(120);
    m_view->verticalScrollBar()->setValue(40);
    const quint64 before = topId();
    m_model->appendBatch(textBatch(101, 30)); // evicts 10 from the front
    QCOMPARE(m_model->record(0).id, 11u);
    QCOMPARE(topId(), before);
}

QTEST_MAIN(TestTailFollower)
#include "tst_tailfollower.moc"
