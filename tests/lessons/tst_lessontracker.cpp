#include "lessons/lessontraffic.h"

#include "app/lessons/lessonlistmodel.h"
#include "app/lessons/lessonpath.h"
#include "app/lessons/lessontracker.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QTemporaryDir>

using namespace wslab;
using namespace wslab::app;
using namespace wslab::test;

// The whole path against real traffic: the right task is done, the others are not; answers,
// clicks and steps; progress kept and reset; the lesson list follows.
class tst_LessonTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void trafficDoesItsTasksAndNoOthers_data();
    void trafficDoesItsTasksAndNoOthers();
    void xorQuestionComesFromTheBrowsersFrame();
    void answerIsJudgedAgainstTheQuestionShown();
    void acceptAnswerDoesTheTaskOnlyWhenRight();
    void fieldClickDoesTheTasksOfThatField();
    void lastStepOfNextFieldDoesTheStepTask();
    void doneTasksStayDoneAfterRestartAndResetClearsThem();
    void lessonListFollowsTheProgress();

private:
    [[nodiscard]] std::unique_ptr<LessonTracker> tracker(const QString &language = QStringLiteral("en")) const
    {
        auto settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("wslab.ini")), QSettings::IniFormat);
        return std::make_unique<LessonTracker>(LessonPath::standard(),
                                               std::make_unique<LessonProgress>(std::move(settings), language));
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_LessonTracker::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_LessonTracker::trafficDoesItsTasksAndNoOthers_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("done");
    QTest::addColumn<QStringList>("notDone");
    QTest::addRow("1 KiB from the client")
            << QStringLiteral("client 1 KiB")
            << QStringList{"length.16", "header.frame", "transports.websocket", "handshake.opened", "server.frame",
                           "closing.client"}
            << QStringList{"length.7", "length.64", "closing.server", "closing.received", "compression.rsv1"};
    QTest::addRow("server closes 4000")
            << QStringLiteral("server closes 4000") << QStringList{"closing.sent", "closing.server"}
            << QStringList{"closing.client", "header.frame", "length.7"};
    QTest::addRow("fragments and a ping between them")
            << QStringLiteral("control between fragments")
            << QStringList{"fragments.sent", "fragments.control", "fragments.ping"}
            << QStringList{"server.masked", "handshake.refused"};
    QTest::addRow("handshake lab") << QStringLiteral("handshake 200") << QStringList{"handshake.refused"}
                                   << QStringList{"handshake.opened", "transports.websocket"};
    QTest::addRow("masked server frame") << QStringLiteral("masked server frame") << QStringList{"server.masked"}
                                         << QStringList{"fragments.sent"};
}

void tst_LessonTracker::trafficDoesItsTasksAndNoOthers()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, done);
    QFETCH(QStringList, notDone);
    auto lessons = tracker();
    QSignalSpy doneSpy(lessons.get(), &LessonTracker::taskDone);
    const CaptureBatch batch = LessonTraffic::run(scenario);
    QVERIFY(!batch.isEmpty());
    lessons->observe(batch);
    QStringList signalled;
    for (const QList<QVariant> &arguments : std::as_const(doneSpy))
        signalled.append(arguments.at(0).toString());
    for (const QString &id : done) {
        QVERIFY2(lessons->isDone(id), qPrintable(id));
        QCOMPARE(signalled.count(id), 1);
    }
    for (const QString &id : notDone) {
        QVERIFY2(!lessons->isDone(id), qPrintable(id));
        QVERIFY(!signalled.contains(id));
    }
}

void tst_LessonTracker::xorQuestionComesFromTheBrowsersFrame()
{
    auto lessons = tracker();
    QCOMPARE(lessons->xorRecordId(), quint64(0));
    const CaptureBatch batch = LessonTraffic::run(QStringLiteral("client 100 B"));
    QVERIFY(!batch.isEmpty());
    lessons->observe(batch);
    QVERIFY(lessons->xorRecordId() != 0);
    const auto record = std::find_if(batch.cbegin(), batch.cend(),
                                     [&](const CaptureRecord &r) { return r.id == lessons->xorRecordId(); });
    QVERIFY(record != batch.cend());
    QVERIFY(record->frame->header.masked);
    QCOMPARE(lessons->question(QStringLiteral("masking.xor")).maskKey(), record->frame->header.maskKey);
    // The client sent "aaaa…": unmasked, the first four bytes are 61 61 61 61.
    QVERIFY(!lessons->answer(QStringLiteral("masking.xor"), QString::fromLatin1(record->frame->maskedPayload().left(4).toHex())));
    QVERIFY(!lessons->isDone(QStringLiteral("masking.xor")));
    QVERIFY(lessons->answer(QStringLiteral("masking.xor"), QString::fromLatin1(QByteArray("aaaa").toHex(' '))));
    QVERIFY(lessons->isDone(QStringLiteral("masking.xor")));
}

void tst_LessonTracker::answerIsJudgedAgainstTheQuestionShown()
{
    auto lessons = tracker();
    const QString xor_ = QStringLiteral("masking.xor");
    lessons->observe(LessonTraffic::run(QStringLiteral("client 100 B"))); // "aaaa…"
    const AnswerCheck shown = lessons->question(xor_);
    QVERIFY(shown.recordId() != 0);
    QSignalSpy changed(lessons.get(), &LessonTracker::questionChanged);
    lessons->observe(LessonTraffic::run(QStringLiteral("client 1 KiB"))); // "bbbb…", while the learner types
    QVERIFY(!changed.isEmpty());
    const QString answerToShown = QString::fromLatin1(QByteArray("aaaa").toHex(' '));
    QVERIFY(!lessons->answer(xor_, answerToShown)); // the newer question's answer is 62 62 62 62
    QVERIFY(!lessons->answer(xor_, shown, QString::fromLatin1(QByteArray("bbbb").toHex(' '))));
    QVERIFY(!lessons->isDone(xor_));
    QVERIFY(lessons->answer(xor_, shown, answerToShown));
    QVERIFY(lessons->isDone(xor_));
    // A question of another kind is no answer to this task.
    QVERIFY(!lessons->answer(QStringLiteral("handshake.accept"), shown, answerToShown));
}

void tst_LessonTracker::acceptAnswerDoesTheTaskOnlyWhenRight()
{
    auto lessons = tracker();
    QSignalSpy question(lessons.get(), &LessonTracker::questionChanged);
    lessons->setAcceptKey("dGhlIHNhbXBsZSBub25jZQ==");
    QCOMPARE(question.size(), 1);
    QVERIFY(!lessons->answer(QStringLiteral("handshake.accept"), QStringLiteral("dGhlIHNhbXBsZSBub25jZQ==")));
    QVERIFY(!lessons->isDone(QStringLiteral("handshake.accept")));
    // An answer to one question does not answer another.
    QVERIFY(!lessons->answer(QStringLiteral("masking.xor"), QStringLiteral("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")));
    QVERIFY(lessons->answer(QStringLiteral("handshake.accept"), QStringLiteral("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")));
    QVERIFY(lessons->isDone(QStringLiteral("handshake.accept")));
}

void tst_LessonTracker::fieldClickDoesTheTasksOfThatField()
{
    auto lessons = tracker();
    lessons->fieldClicked(protocol::FieldId::Opcode);
    QVERIFY(lessons->isDone(QStringLiteral("header.opcode")));
    QVERIFY(!lessons->isDone(QStringLiteral("length.click")));
    QVERIFY(!lessons->isDone(QStringLiteral("header.mask")));
    lessons->fieldClicked(protocol::FieldId::ExtendedPayloadLength16);
    QVERIFY(lessons->isDone(QStringLiteral("length.click")));
    QVERIFY(!lessons->isDone(QStringLiteral("header.mask")));
    lessons->fieldClicked(protocol::FieldId::Mask);
    QVERIFY(lessons->isDone(QStringLiteral("header.mask")));
    QVERIFY(!lessons->isDone(QStringLiteral("masking.key")));
}

void tst_LessonTracker::lastStepOfNextFieldDoesTheStepTask()
{
    auto lessons = tracker();
    lessons->stepReached(3, 8);
    QVERIFY(!lessons->isDone(QStringLiteral("header.step")));
    lessons->stepReached(-1, 0);
    QVERIFY(!lessons->isDone(QStringLiteral("header.step")));
    lessons->stepReached(7, 8);
    QVERIFY(lessons->isDone(QStringLiteral("header.step")));
}

void tst_LessonTracker::doneTasksStayDoneAfterRestartAndResetClearsThem()
{
    {
        auto lessons = tracker();
        lessons->fieldClicked(protocol::FieldId::MaskingKey);
        QCOMPARE(lessons->totalDone(), 1);
    }
    auto lessons = tracker();
    QVERIFY(lessons->isDone(QStringLiteral("masking.key")));
    lessons->setLanguage(QStringLiteral("zh_CN"));
    QVERIFY(!lessons->isDone(QStringLiteral("masking.key")));
    lessons->setLanguage(QStringLiteral("en"));
    QSignalSpy changed(lessons.get(), &LessonTracker::progressChanged);
    lessons->reset();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(lessons->totalDone(), 0);
    QVERIFY(!tracker()->isDone(QStringLiteral("masking.key")));
    // A reset task is checked again.
    lessons->fieldClicked(protocol::FieldId::MaskingKey);
    QVERIFY(lessons->isDone(QStringLiteral("masking.key")));
}

void tst_LessonTracker::lessonListFollowsTheProgress()
{
    auto lessons = tracker();
    LessonListModel model(lessons.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(lessons->lessons().size()));
    const int lengthRow = 3;
    QCOMPARE(model.index(lengthRow).data(LessonListModel::LessonIdRole).toString(), QStringLiteral("length"));
    QCOMPARE(model.index(lengthRow).data(LessonListModel::DoneCountRole).toInt(), 0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    lessons->fieldClicked(protocol::FieldId::PayloadLength);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(lengthRow).data(LessonListModel::DoneCountRole).toInt(), 1);
    QCOMPARE(model.index(lengthRow).data(LessonListModel::TaskCountRole).toInt(), lessons->taskCount(lengthRow));
    QVERIFY(model.index(lengthRow).data().toString().contains(QStringLiteral("(1/%1)").arg(lessons->taskCount(lengthRow))));
    QVERIFY(!model.index(lengthRow).data().toString().startsWith(QStringLiteral("✓")));
}

QTEST_GUILESS_MAIN(tst_LessonTracker)
#include "tst_lessontracker.moc"
