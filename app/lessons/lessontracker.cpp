#include "app/lessons/lessontracker.h"

#include <QRandomGenerator>

namespace wslab::app {

namespace {

// RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d, the question until a browser frame arrives.
const QByteArray rfcMaskedHello = QByteArray::fromHex("7f9f4d51");
constexpr protocol::MaskKey rfcMaskKey{0x37, 0xfa, 0x21, 0x3d};

// RFC 6455 §4.1: a key is 16 random bytes in Base64.
QByteArray randomKey()
{
    QByteArray bytes(16, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return bytes.toBase64();
}

} // namespace

LessonTracker::LessonTracker(QList<Lesson> lessons, std::unique_ptr<LessonProgress> progress, QObject *parent)
    : QObject(parent)
    , m_lessons(std::move(lessons))
    , m_progress(std::move(progress))
    , m_xorMasked(rfcMaskedHello)
    , m_xorKey(rfcMaskKey)
    , m_acceptKey(randomKey())
{
    rebuildChecks();
}

LessonTracker::~LessonTracker() = default;

void LessonTracker::rebuildChecks()
{
    m_checks.clear();
    for (const Lesson &lesson : std::as_const(m_lessons)) {
        for (const LessonTask &task : lesson.tasks) {
            if (isTrafficCheck(task.kind) && !m_progress->isDone(task.id))
                m_checks.insert(task.id, TaskCheck(task.kind, task.closeCode));
        }
    }
}

const LessonTask *LessonTracker::task(const QString &taskId) const
{
    for (const Lesson &lesson : m_lessons) {
        for (const LessonTask &task : lesson.tasks) {
            if (task.id == taskId)
                return &task;
        }
    }
    return nullptr;
}

int LessonTracker::doneCount(int lesson) const
{
    return lesson >= 0 && lesson < m_lessons.size() ? m_progress->doneCount(m_lessons.at(lesson)) : 0;
}

int LessonTracker::taskCount(int lesson) const
{
    return lesson >= 0 && lesson < m_lessons.size() ? int(m_lessons.at(lesson).tasks.size()) : 0;
}

AnswerCheck LessonTracker::question(const QString &taskId) const
{
    const LessonTask *found = task(taskId);
    if (found && found->kind == CheckKind::AcceptAnswer)
        return AnswerCheck::accept(m_acceptKey);
    if (found && found->kind == CheckKind::FieldClicked)
        return AnswerCheck::field(found->fields);
    return AnswerCheck::xorBytes(m_xorMasked, m_xorKey, m_xorRecordId);
}

void LessonTracker::setAcceptKey(const QByteArray &key)
{
    m_acceptKey = key;
    for (const Lesson &lesson : std::as_const(m_lessons)) {
        for (const LessonTask &task : lesson.tasks) {
            if (task.kind == CheckKind::AcceptAnswer)
                Q_EMIT questionChanged(task.id);
        }
    }
}

void LessonTracker::observe(const capture::CaptureBatch &batch)
{
    for (const capture::CaptureRecord &record : batch) {
        takeXorQuestion(record);
        for (auto it = m_checks.begin(); it != m_checks.end();) {
            if (it->observe(record)) {
                const QString id = it.key();
                it = m_checks.erase(it);
                if (const LessonTask *done = task(id))
                    complete(*done);
            } else {
                ++it;
            }
        }
    }
}

// The XOR question follows the browser: its latest masked frame with four payload bytes, so the
// learner can select that very frame and check the answer in the Unmasking tab afterwards.
void LessonTracker::takeXorQuestion(const capture::CaptureRecord &record)
{
    if (record.kind != capture::RecordKind::Frame || !record.frame || record.reconstructed
        || record.direction != capture::Direction::Inbound || !record.frame->header.masked
        || record.frame->payload.size() < 4)
        return;
    const auto xorTask = std::find_if(m_lessons.cbegin(), m_lessons.cend(), [this](const Lesson &lesson) {
        return std::any_of(lesson.tasks.cbegin(), lesson.tasks.cend(), [this](const LessonTask &task) {
            return task.kind == CheckKind::XorAnswer && !m_progress->isDone(task.id);
        });
    });
    if (xorTask == m_lessons.cend())
        return; // answered: the question stays the one the learner answered
    m_xorMasked = record.frame->maskedPayload().left(4);
    m_xorKey = record.frame->header.maskKey;
    m_xorRecordId = record.id;
    for (const LessonTask &task : xorTask->tasks) {
        if (task.kind == CheckKind::XorAnswer)
            Q_EMIT questionChanged(task.id);
    }
}

bool LessonTracker::answer(const QString &taskId, const QString &text)
{
    return answer(taskId, question(taskId), text);
}

bool LessonTracker::answer(const QString &taskId, const AnswerCheck &asked, const QString &text)
{
    const LessonTask *found = task(taskId);
    if (!found || !isTypedAnswer(found->kind) || asked.kind() != question(taskId).kind() || !asked.isCorrect(text))
        return false;
    complete(*found);
    return true;
}

template<typename Predicate>
void LessonTracker::completeWhere(CheckKind kind, Predicate predicate)
{
    for (const Lesson &lesson : std::as_const(m_lessons)) {
        for (const LessonTask &task : lesson.tasks) {
            if (task.kind == kind && predicate(task))
                complete(task);
        }
    }
}

void LessonTracker::fieldClicked(protocol::FieldId field)
{
    completeWhere(CheckKind::FieldClicked, [field](const LessonTask &task) { return task.fields.contains(field); });
}

void LessonTracker::stepReached(int step, int stepCount)
{
    // The last step of "Next field" is the payload: the learner has walked the whole header.
    if (stepCount > 0 && step == stepCount - 1)
        completeWhere(CheckKind::StepThroughFrame, [](const LessonTask &) { return true; });
}

void LessonTracker::complete(const LessonTask &task)
{
    if (!m_progress->markDone(task.id))
        return;
    m_checks.remove(task.id);
    Q_EMIT taskDone(task.id);
    Q_EMIT progressChanged();
}

void LessonTracker::setLanguage(const QString &language)
{
    if (language == m_progress->language())
        return;
    m_progress->setLanguage(language);
    rebuildChecks();
    Q_EMIT progressChanged();
}

void LessonTracker::setConnectionMode(ConnectionMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT connectionModeChanged();
}

void LessonTracker::reset()
{
    m_progress->reset();
    rebuildChecks();
    Q_EMIT progressChanged();
}

} // namespace wslab::app
