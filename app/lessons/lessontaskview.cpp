#include "app/lessons/lessontaskview.h"

#include "app/lessons/lessonpath.h"
#include "app/lessons/lessontracker.h"

#include "server/protocol/acceptderivation.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wslab::app {

namespace {

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

LessonTaskView::LessonTaskView(LessonTracker *tracker, const LessonTask &task, QWidget *parent)
    : QFrame(parent)
    , m_tracker(tracker)
    , m_taskId(task.id)
{
    setObjectName(QStringLiteral("task_") + task.id);
    setFrameShape(QFrame::StyledPanel);
    m_tick = new QLabel(this);
    m_tick->setObjectName(QStringLiteral("tick"));
    m_tick->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_tick->setMinimumWidth(m_tick->fontMetrics().horizontalAdvance(QStringLiteral("✔")) + 4);
    m_text = wrappingLabel(this);
    m_hintButton = new QPushButton(this);
    m_hintButton->setObjectName(QStringLiteral("hintButton"));
    m_hintButton->setCheckable(true);
    m_hintButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_hint = wrappingLabel(this);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->hide();
    connect(m_hintButton, &QPushButton::toggled, m_hint, &QWidget::setVisible);
    m_modeNote = wrappingLabel(this);
    m_modeNote->setObjectName(QStringLiteral("modeNote"));
    m_modeNote->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_tick);
    top->addWidget(m_text, 1);
    top->addWidget(m_hintButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(top);
    layout->addWidget(m_modeNote);
    layout->addWidget(m_hint);

    if (isTypedAnswer(task.kind)) {
        m_question = wrappingLabel(this);
        m_question->setObjectName(QStringLiteral("question"));
        m_answer = new QLineEdit(this);
        m_answer->setObjectName(QStringLiteral("answer"));
        m_check = new QPushButton(this);
        m_check->setObjectName(QStringLiteral("checkAnswer"));
        m_feedback = wrappingLabel(this);
        m_feedback->setObjectName(QStringLiteral("feedback"));
        m_feedback->setTextFormat(Qt::RichText);
        auto *row = new QHBoxLayout;
        row->addWidget(m_answer, 1);
        row->addWidget(m_check);
        if (task.kind == CheckKind::XorAnswer) {
            m_showFrame = new QPushButton(this);
            m_showFrame->setObjectName(QStringLiteral("showFrame"));
            row->addWidget(m_showFrame);
            connect(m_showFrame, &QPushButton::clicked, this,
                    [this] { Q_EMIT selectRecordRequested(m_asked ? m_asked->recordId() : 0); });
        }
        layout->addWidget(m_question);
        layout->addLayout(row);
        layout->addWidget(m_feedback);
        connect(m_check, &QPushButton::clicked, this, &LessonTaskView::checkAnswer);
        connect(m_answer, &QLineEdit::returnPressed, this, &LessonTaskView::checkAnswer);
    }
    refresh();
}

void LessonTaskView::refresh()
{
    const LessonTask *task = m_tracker->task(m_taskId);
    if (!task)
        return;
    m_shownDone = m_tracker->isDone(m_taskId);
    m_tick->setText(m_shownDone ? QStringLiteral("✔") : QStringLiteral("☐"));
    m_tick->setToolTip(m_shownDone ? tr("Done") : tr("Not done yet"));
    m_text->setText(LessonPath::text(task->text));
    m_hintButton->setText(tr("Hint"));
    m_hint->setText(LessonPath::text(task->hint));
    updateModeNote(*task);
    if (m_question)
        updateQuestion();
}

// The texts speak of the embedded server's chat page. In the other modes the capture still ticks
// the task (a learner's own app through the proxy, wslab's own connection as a client): say how,
// or plainly that the task needs the embedded server.
void LessonTaskView::updateModeNote(const LessonTask &task)
{
    const ConnectionMode mode = m_tracker->connectionMode();
    QString note;
    if (mode != ConnectionMode::EmbeddedServer && task.reach == TaskReach::EmbeddedServerOnly)
        note = tr("Needs the embedded server: this task uses its chat page or its tools. Switch with Connection "
                  "Mode ▸ Embedded Server.");
    else if (mode == ConnectionMode::Proxy && isTrafficCheck(task.kind))
        note = tr("Proxy mode: do it with your own app, opened through wslab; its traffic counts as the chat "
                  "page's would.");
    else if (mode == ConnectionMode::Client && isTrafficCheck(task.kind))
        note = *task.clientHint != '\0'
                ? tr("Client mode: %1").arg(LessonPath::text(task.clientHint))
                : tr("Client mode: wslab is the client; the Chat pane and the Composer send what the page would.");
    m_modeNote->setText(note);
    m_modeNote->setVisible(!note.isEmpty());
}

void LessonTaskView::updateQuestion()
{
    if (!m_asked || m_answer->text().isEmpty())
        m_asked = m_tracker->question(m_taskId);
    const AnswerCheck &check = *m_asked;
    m_check->setText(tr("Check"));
    if (check.kind() == AnswerCheck::Kind::Xor) {
        const protocol::MaskKey &key = check.maskKey();
        const QString source = check.recordId() != 0
                ? tr("the first four payload bytes of a masked frame from the browser; Show Frame selects it")
                : tr("the example of RFC 6455 §5.7, until a browser frame arrives");
        m_question->setText(tr("Masking key: %1\nMasked bytes: %2\n(%3)")
                                    .arg(hex(QByteArray(reinterpret_cast<const char *>(key.data()), 4)),
                                         hex(check.masked()), source));
        m_answer->setPlaceholderText(tr("four bytes in hex, e.g. 0a 1b 2c 3d"));
        m_showFrame->setText(tr("Show Frame"));
        m_showFrame->setEnabled(check.recordId() != 0);
    } else {
        m_question->setText(tr("Sec-WebSocket-Key: %1").arg(QString::fromLatin1(check.acceptKey())));
        m_answer->setPlaceholderText(tr("28 characters of Base64"));
        if (m_shownDone) {
            // RFC 6455 §4.2.2: shown once the learner has found it, step by step.
            const protocol::AcceptDerivation steps = protocol::deriveAccept(check.acceptKey());
            m_feedback->setText(tr("<b>The derivation:</b><br>1. key + GUID: <code>%1</code><br>2. SHA-1: "
                                   "<code>%2</code><br>3. Base64: <code>%3</code>")
                                        .arg(QString::fromLatin1(steps.keyWithGuid).toHtmlEscaped(),
                                             QString::fromLatin1(steps.sha1Hex),
                                             QString::fromLatin1(steps.accept).toHtmlEscaped()));
        }
    }
}

void LessonTaskView::checkAnswer()
{
    const AnswerCheck check = m_asked.value_or(m_tracker->question(m_taskId));
    if (m_tracker->answer(m_taskId, check, m_answer->text())) {
        refresh();
        if (check.kind() == AnswerCheck::Kind::Xor)
            m_feedback->setText(tr("Right: %1.").arg(check.expected()));
        return;
    }
    if (check.kind() == AnswerCheck::Kind::Xor && !AnswerCheck::parseHexBytes(m_answer->text()))
        m_feedback->setText(tr("Type four bytes in hex, such as 48 65 6c 6c."));
    else if (check.kind() == AnswerCheck::Kind::Xor)
        m_feedback->setText(tr("Not yet. Each result is a masked byte XOR the key byte in the same position."));
    else
        m_feedback->setText(tr("Not yet. Hash the key as text with the GUID appended, then Base64 the 20 bytes."));
}

} // namespace wslab::app
