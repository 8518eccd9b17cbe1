#include "lessons/lessontraffic.h"

#include "app/lessons/lessonlistmodel.h"
#include "app/lessons/lessonpath.h"
#include "app/lessons/lessonspane.h"
#include "app/lessons/lessontaskview.h"
#include "app/lessons/lessontracker.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wslab::app;

// The pane shows the tracker: a tick appears when a task is done (never from a button of its own),
// the hint appears on request, a wrong answer leaves the task open.
class tst_LessonsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void startsAtTheFirstUnfinishedLesson();
    void hintIsRevealedOnRequest();
    void tickShowsWhenTheTrackerSaysDone();
    void rightAnswerTicksAndShowsTheDerivation();
    void wrongAnswerLeavesTheTaskOpen();
    void choosingALessonShowsItsTasks();
    void xorQuestionStaysWhileTheLearnerTypesAndShowsItsFrame();

private:
    void makePane();
    [[nodiscard]] LessonTaskView *taskView(const QString &id) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LessonTracker> m_tracker;
    std::unique_ptr<LessonsPane> m_pane;
};

void tst_LessonsPane::init()
{
    m_pane.reset();
    m_tracker.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    makePane();
}

void tst_LessonsPane::makePane()
{
    m_pane.reset();
    auto settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat);
    m_tracker = std::make_unique<LessonTracker>(
            LessonPath::standard(), std::make_unique<LessonProgress>(std::move(settings), QStringLiteral("en")));
    m_pane = std::make_unique<LessonsPane>(m_tracker.get());
    m_pane->resize(420, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

LessonTaskView *tst_LessonsPane::taskView(const QString &id) const
{
    for (LessonTaskView *view : m_pane->taskViews()) {
        if (view->taskId() == id)
            return view;
    }
    return nullptr;
}

void tst_LessonsPane::startsAtTheFirstUnfinishedLesson()
{
    QAbstractItemModelTester tester(m_pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_pane->currentLesson(), 0);
    QCOMPARE(m_tracker->doneCount(0), 0);
    // Finish lesson 1 through its progress, then come back: the pane opens lesson 2.
    m_pane.reset();
    {
        QSettings settings(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat);
        QStringList done;
        for (const LessonTask &task : m_tracker->lessons().at(0).tasks)
            done.append(task.id);
        settings.setValue(QStringLiteral("lessons/en/done"), done);
    }
    makePane();
    QCOMPARE(m_pane->currentLesson(), 1);
    QVERIFY(m_pane->model()->index(0).data().toString().startsWith(QStringLiteral("✓")));
}

void tst_LessonsPane::hintIsRevealedOnRequest()
{
    LessonTaskView *view = taskView(QStringLiteral("transports.polling"));
    QVERIFY(view);
    auto *hint = view->findChild<QLabel *>(QStringLiteral("hint"));
    auto *button = view->findChild<QPushButton *>(QStringLiteral("hintButton"));
    QVERIFY(hint && button);
    QVERIFY(!hint->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(hint->isVisible());
    QVERIFY(!hint->text().isEmpty());
    QVERIFY(!view->isShownDone()); // the hint is no answer
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!hint->isVisible());
}

void tst_LessonsPane::tickShowsWhenTheTrackerSaysDone()
{
    m_pane->setCurrentLesson(2); // the frame header
    LessonTaskView *view = taskView(QStringLiteral("header.mask"));
    QVERIFY(view);
    auto *tick = view->findChild<QLabel *>(QStringLiteral("tick"));
    const QString open = tick->text();
    QVERIFY(!view->isShownDone());
    m_tracker->fieldClicked(wslab::protocol::FieldId::Fin); // no task asks for FIN
    QVERIFY(!view->isShownDone());
    m_tracker->fieldClicked(wslab::protocol::FieldId::Mask);
    QVERIFY(view->isShownDone());
    QVERIFY(tick->text() != open);
    QVERIFY(m_pane->findChild<QLabel *>(QStringLiteral("overall"))->text().startsWith(QStringLiteral("1 ")));
}

void tst_LessonsPane::rightAnswerTicksAndShowsTheDerivation()
{
    m_tracker->setAcceptKey("dGhlIHNhbXBsZSBub25jZQ==");
    m_pane->setCurrentLesson(1); // the handshake
    LessonTaskView *view = taskView(QStringLiteral("handshake.accept"));
    QVERIFY(view);
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("question"))->text().contains(QStringLiteral("dGhlIHNhbXBsZSBub25jZQ==")));
    auto *answer = view->findChild<QLineEdit *>(QStringLiteral("answer"));
    QTest::keyClicks(answer, QStringLiteral("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("checkAnswer")), Qt::LeftButton);
    QVERIFY(view->isShownDone());
    // RFC 6455 §4.2.2 step by step: the SHA-1 of §1.3's example, in hex.
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("feedback"))->text().contains(
            QStringLiteral("b37a4f2cc0624f1690f64606cf385945b2bec4ea")));
}

void tst_LessonsPane::wrongAnswerLeavesTheTaskOpen()
{
    m_pane->setCurrentLesson(4); // masking
    LessonTaskView *view = taskView(QStringLiteral("masking.xor"));
    QVERIFY(view);
    auto *answer = view->findChild<QLineEdit *>(QStringLiteral("answer"));
    auto *feedback = view->findChild<QLabel *>(QStringLiteral("feedback"));
    QTest::keyClicks(answer, QStringLiteral("7f 9f 4d 51"));
    QTest::keyClick(answer, Qt::Key_Return);
    QVERIFY(!view->isShownDone());
    QVERIFY(!feedback->text().isEmpty());
    QVERIFY(!m_tracker->isDone(QStringLiteral("masking.xor")));
}

void tst_LessonsPane::choosingALessonShowsItsTasks()
{
    auto *list = m_pane->findChild<QListView *>(QStringLiteral("lessonList"));
    QVERIFY(list);
    const QRect row = list->visualRect(m_pane->model()->index(8));
    QVERIFY(list->viewport()->rect().contains(row)); // the whole path in view
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(m_pane->currentLesson(), 8);
    QStringList ids;
    for (LessonTaskView *view : m_pane->taskViews())
        ids.append(view->taskId());
    QStringList expected;
    for (const LessonTask &task : m_tracker->lessons().at(8).tasks)
        expected.append(task.id);
    QCOMPARE(ids, expected);
}

void tst_LessonsPane::xorQuestionStaysWhileTheLearnerTypesAndShowsItsFrame()
{
    m_pane->setCurrentLesson(4); // masking
    LessonTaskView *view = taskView(QStringLiteral("masking.xor"));
    QVERIFY(view);
    auto *showFrame = view->findChild<QPushButton *>(QStringLiteral("showFrame"));
    auto *question = view->findChild<QLabel *>(QStringLiteral("question"));
    auto *answer = view->findChild<QLineEdit *>(QStringLiteral("answer"));
    QVERIFY(!showFrame->isEnabled()); // the RFC's example has no frame in the capture

    const wslab::capture::CaptureBatch first = wslab::test::LessonTraffic::run(QStringLiteral("client 100 B"));
    QVERIFY(!first.isEmpty());
    m_tracker->observe(first);
    QVERIFY(showFrame->isEnabled());
    const quint64 asked = m_tracker->xorRecordId();
    const QString shown = question->text();
    QTest::keyClicks(answer, QStringLiteral("61 61"));

    const wslab::capture::CaptureBatch second = wslab::test::LessonTraffic::run(QStringLiteral("client 1 KiB"));
    QVERIFY(!second.isEmpty());
    m_tracker->observe(second); // another masked frame: a new question for the next answer
    QCOMPARE(question->text(), shown);
    QSignalSpy select(view, &LessonTaskView::selectRecordRequested);
    QTest::mouseClick(showFrame, Qt::LeftButton);
    QCOMPARE(select.size(), 1);
    QCOMPARE(select.first().first().toULongLong(), asked);

    QTest::keyClicks(answer, QStringLiteral(" 61 61"));
    QTest::keyClick(answer, Qt::Key_Return);
    QVERIFY(view->isShownDone());
}

QTEST_MAIN(tst_LessonsPane)
#include "tst_lessonspane.moc"
