#include "framedetailpane.h"

#include "bitdiagramview.h"
#include "explainpanel.h"
#include "framenarrator.h"
#include "hexview.h"
#include "payloadview.h"
#include "unmaskingtable.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;

FrameDetailPane::FrameDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_hex(new HexView(this))
    , m_bits(new BitDiagramView(this))
    , m_explain(new ExplainPanel(this))
    , m_payload(new PayloadView(this))
    , m_message(new PayloadView(this))
    , m_unmasking(new UnmaskingTable(this))
    , m_tabs(new QTabWidget(this))
    , m_stepLabel(new QLabel(this))
    , m_fragments(new QLabel(this))
    , m_nextField(new QAction(tr("Next field"), this))
    , m_previousField(new QAction(tr("Previous field"), this))
{
    m_nextField->setShortcut(QKeySequence(Qt::Key_F8));
    m_previousField->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    m_nextField->setToolTip(tr("Highlight the next field the parser reads (F8)"));
    m_previousField->setToolTip(tr("Highlight the previous field (Shift+F8)"));
    m_nextField->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_previousField->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_nextField);
    addAction(m_previousField);
    connect(m_nextField, &QAction::triggered, this, &FrameDetailPane::nextField);
    connect(m_previousField, &QAction::triggered, this, &FrameDetailPane::previousField);

    auto *previousButton = new QToolButton(this);
    previousButton->setDefaultAction(m_previousField);
    auto *nextButton = new QToolButton(this);
    nextButton->setDefaultAction(m_nextField);
    m_stepLabel->setTextFormat(Qt::PlainText);
    auto *stepBar = new QHBoxLayout;
    stepBar->addWidget(previousButton);
    stepBar->addWidget(nextButton);
    stepBar->addWidget(m_stepLabel, 1);

    m_bitScroll = new QScrollArea(this);
    auto *bitScroll = m_bitScroll;
    bitScroll->setWidget(m_bits);
    bitScroll->setWidgetResizable(true);
    bitScroll->setFrameShape(QFrame::NoFrame);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(stepBar);
    topLayout->addWidget(bitScroll, 1);

    m_fragments->setWordWrap(true);
    m_fragments->setTextFormat(Qt::RichText);
    auto *messagePage = new QWidget(this);
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->addWidget(m_fragments);
    messageLayout->addWidget(m_message, 1);

    m_tabs->addTab(m_explain, tr("Explain"));
    m_tabs->addTab(m_payload, tr("Payload"));
    m_tabs->addTab(m_unmasking, tr("Unmasking"));
    m_tabs->addTab(messagePage, tr("Message"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_hex);
    splitter->addWidget(m_tabs);
    // The diagram keeps its natural height (see fitDiagram()); extra room goes to the hex dump
    // and the tabs.
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    splitter->setCollapsible(0, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Hovering a field in the diagram shows its bytes; leaving it restores the stepped field.
    connect(m_bits, &BitDiagramView::fieldHovered, m_hex, &HexView::highlightField);
    connect(m_bits, &BitDiagramView::hoverLeft, this, &FrameDetailPane::applyStepHighlight);
    connect(m_bits, &BitDiagramView::fieldClicked, this,
            [this](FieldId field) { setStep(FrameNarrator::stepOf(m_explain->steps(), field)); });
    // A byte clicked in the hex view: its bits in the diagram, its field in the narration.
    connect(m_hex, &HexView::byteClicked, this, [this](qint64 offset) {
        const auto field = m_hex->fieldOfByte(offset);
        if (field)
            setStep(FrameNarrator::stepOf(m_explain->steps(), *field));
        m_bits->highlightByte(offset);
    });
    connect(m_explain, &ExplainPanel::currentStepChanged, this, &FrameDetailPane::setStep);
    connect(m_fragments, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const quint64 id = link.sliced(link.indexOf(QLatin1Char(':')) + 1).toULongLong(&ok);
        if (ok)
            Q_EMIT fragmentActivated(id);
    });
    clear();
}

void FrameDetailPane::showRecord(const server::CaptureRecord &record)
{
    m_step = -1;
    m_explain->setRecord(record);
    if (record.frame) {
        m_hex->setFrame(*record.frame);
        m_bits->setFrame(*record.frame);
        m_payload->setFrame(*record.frame);
        m_unmasking->setFrame(*record.frame);
    } else {
        m_hex->setBytes(record.wireBytes);
        m_bits->clear();
        m_payload->clear();
        m_unmasking->clear();
    }
    m_fragments->setText(record.frame ? QString() : tr("Not a WebSocket frame."));
    fitDiagram();
    m_message->clear();
    applyStepHighlight();
    updateStepControls();
}

void FrameDetailPane::showFragments(const FragmentGroup &group)
{
    if (group.rows.isEmpty()) {
        m_fragments->setText(tr("Not part of a data message."));
        m_message->clear();
        return;
    }
    QStringList links;
    for (quint64 id : group.ids)
        links.append(QStringLiteral("<a href=\"record:%1\">#%1</a>").arg(id));
    QString text;
    if (!group.isFragmented())
        text = tr("A message in a single frame (FIN = 1): %1.").arg(links.join(QStringLiteral(", ")));
    else
        text = tr("This message was sent in %1 fragments (RFC 6455 §5.4): %2.")
                       .arg(group.rows.size())
                       .arg(links.join(QStringLiteral(", ")));
    if (!group.complete)
        text += QLatin1Char(' ') + tr("Some fragments are missing from the capture, so the message is incomplete.");
    if (group.error)
        text += QLatin1Char(' ') + tr("The message assembler rejects it: %1.")
                                           .arg(QCoreApplication::translate(protocol::decodeErrorContext,
                                                                            protocol::decodeErrorReason(*group.error)));
    m_fragments->setText(text);
    m_message->setMessage(group.opcode, group.payload, int(group.rows.size()));
}

void FrameDetailPane::fitDiagram()
{
    // Tall enough for the whole diagram and its length forms (one to five rows), so it never needs
    // a vertical scroll bar at the usual sizes; capped so a small window still has a hex dump.
    const int wanted = m_bits->minimumSizeHint().height() + 2 * m_bitScroll->frameWidth();
    m_bitScroll->setMinimumHeight(std::min(wanted, fontMetrics().height() * 30));
}

void FrameDetailPane::clear()
{
    m_step = -1;
    m_hex->clear();
    m_bits->clear();
    m_explain->clear();
    m_payload->clear();
    m_message->clear();
    m_unmasking->clear();
    m_fragments->clear();
    fitDiagram();
    updateStepControls();
}

int FrameDetailPane::stepCount() const
{
    return int(m_explain->steps().size());
}

void FrameDetailPane::setStep(int step)
{
    if (step < -1 || step >= stepCount())
        step = -1;
    if (step == m_step)
        return;
    m_step = step;
    m_explain->setCurrentStep(step); // re-enters here with the same step, which returns above
    applyStepHighlight();
    updateStepControls();
    Q_EMIT stepChanged(step);
}

void FrameDetailPane::nextField()
{
    if (stepCount() > 0)
        setStep(m_step + 1 < stepCount() ? m_step + 1 : 0);
}

void FrameDetailPane::previousField()
{
    if (stepCount() > 0)
        setStep(m_step > 0 ? m_step - 1 : stepCount() - 1);
}

void FrameDetailPane::applyStepHighlight()
{
    if (m_step < 0) {
        m_hex->clearHighlight();
        m_bits->clearHighlight();
        return;
    }
    const NarrationStep &step = m_explain->steps().at(m_step);
    m_hex->highlightBits(step.firstBit, step.bitCount);
    m_bits->highlightBits(step.firstBit, step.bitCount);
}

QString FrameDetailPane::stepText() const
{
    return m_stepLabel->text();
}

QString FrameDetailPane::fragmentsText() const
{
    return m_fragments->text();
}

void FrameDetailPane::updateStepControls()
{
    const int count = stepCount();
    m_nextField->setEnabled(count > 0);
    m_previousField->setEnabled(count > 0);
    if (count == 0)
        m_stepLabel->setText(QString());
    else if (m_step < 0)
        m_stepLabel->setText(tr("Press Next field to walk through the parse, one field at a time."));
    else
        m_stepLabel->setText(tr("Step %1 of %2: %3").arg(m_step + 1).arg(count).arg(m_explain->steps().at(m_step).brief));
}

} // namespace wslab::inspector
