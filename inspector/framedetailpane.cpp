#include "framedetailpane.h"

#include "bitdiagramview.h"
#include "deflatepreview.h"
#include "explainpanel.h"
#include "framenarrator.h"
#include "hexview.h"
#include "interventionview.h"
#include "payloadview.h"
#include "sentences.h"
#include "unmaskingtable.h"
#include "wrappinglabel.h"

#include "server/protocol/framedecoder.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;

namespace {

// Side by side, the narration gets at least this many characters a line.
constexpr int narrationChars = 44;

} // namespace

FrameDetailPane::FrameDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_hex(new HexView(this))
    , m_bits(new BitDiagramView(this))
    , m_explain(new ExplainPanel(this))
    , m_payload(new PayloadView(this))
    , m_message(new PayloadView(this))
    , m_unmasking(new UnmaskingTable(this))
    , m_intervention(new InterventionView(this))
    , m_tabs(new QTabWidget(this))
    , m_stepLabel(new QLabel(this))
    , m_fragments(new WrappingLabel(this))
    , m_nextField(new QAction(this))
    , m_previousField(new QAction(this))
{
    m_nextField->setShortcut(QKeySequence(Qt::Key_F8));
    m_previousField->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F8));
    // F8 works wherever the focus is in the window (after a click in the frames table, too); the
    // Capture menu shows the same actions.
    m_nextField->setShortcutContext(Qt::WindowShortcut);
    m_previousField->setShortcutContext(Qt::WindowShortcut);
    addAction(m_nextField);
    addAction(m_previousField);
    connect(m_nextField, &QAction::triggered, this, &FrameDetailPane::nextField);
    connect(m_previousField, &QAction::triggered, this, &FrameDetailPane::previousField);

    auto *previousButton = new QToolButton(this);
    previousButton->setDefaultAction(m_previousField);
    m_nextButton = new QToolButton(this);
    m_nextButton->setDefaultAction(m_nextField);
    m_stepLabel->setTextFormat(Qt::PlainText);
    auto *stepBar = new QHBoxLayout;
    stepBar->addWidget(previousButton);
    stepBar->addWidget(m_nextButton);
    stepBar->addWidget(m_stepLabel, 1);

    m_bitScroll = new QScrollArea(this);
    auto *bitScroll = m_bitScroll;
    bitScroll->setWidget(m_bits);
    bitScroll->setWidgetResizable(true);
    bitScroll->setFrameShape(QFrame::NoFrame);
    auto *top = new QWidget(this);
    top->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(stepBar);
    topLayout->addWidget(bitScroll);
    m_stepLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_fragments->setWordWrap(true);
    m_fragments->setTextFormat(Qt::RichText);
    m_fragments->setAlignment(Qt::AlignLeft | Qt::AlignTop); // alone in the tab (no message), it stays on top
    // The note above the message keeps all its lines: a tab too short for both scrolls.
    auto *messagePage = new QScrollArea(this);
    auto *messageContent = new QWidget(messagePage);
    auto *messageLayout = new QVBoxLayout(messageContent);
    messageLayout->setContentsMargins(4, 4, 4, 0);
    messageLayout->addWidget(m_fragments);
    messageLayout->addWidget(m_message, 1);
    messagePage->setWidget(messageContent);
    messagePage->setWidgetResizable(true);
    messagePage->setFrameShape(QFrame::NoFrame);
    messagePage->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_tabs->addTab(m_explain, QString());
    m_tabs->addTab(m_payload, QString());
    m_tabs->addTab(m_unmasking, QString());
    m_tabs->addTab(messagePage, QString());
    m_interventionPage = new QScrollArea(this);
    m_interventionPage->setWidget(m_intervention);
    m_interventionPage->setWidgetResizable(true);
    m_interventionPage->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(m_interventionPage, QString()); // only for rows the proxy changed

    // Under the diagram, the bytes and the narration side by side when the pane is wide enough (a
    // small laptop screen has more width than height to spare), else one above the other.
    m_bytesAndTabs = new QSplitter(Qt::Vertical, this); // see arrangeBytesAndTabs()
    m_bytesAndTabs->addWidget(m_hex);
    m_bytesAndTabs->addWidget(m_tabs);
    m_bytesAndTabs->setStretchFactor(0, 0);
    m_bytesAndTabs->setStretchFactor(1, 1);
    m_bytesAndTabs->setChildrenCollapsible(false);
    // Side by side the tabs always get a readable width (see arrangeBytesAndTabs()); a smaller
    // minimum lets the pane narrow far enough to switch to one above the other instead of making
    // its dock scroll sideways.
    m_tabs->setMinimumWidth(fontMetrics().averageCharWidth() * 24);
    // Likewise in height: a tall header (a 64-bit length, masked: five rows) gets its whole diagram,
    // length forms included, and the tabs keep a few lines.
    m_tabs->setMinimumHeight(fontMetrics().height() * 7);

    // The diagram keeps its natural height (see fitDiagram()); the rest goes to the bytes and tabs.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(top);
    layout->addWidget(m_bytesAndTabs, 1);
    m_bitScroll->viewport()->installEventFilter(this);

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
    retranslate();
    clear();
}

void FrameDetailPane::retranslate()
{
    m_nextField->setText(tr("Next field"));
    m_previousField->setText(tr("Previous field"));
    m_nextField->setToolTip(tr("Highlight the next field the parser reads (F8)"));
    m_previousField->setToolTip(tr("Highlight the previous field (Shift+F8)"));
    const QStringList titles{tr("Explain"), tr("Payload"), tr("Unmasking"), tr("Message"),
                             tr("Original ↔ Forwarded")};
    for (int tab = 0; tab < titles.size(); ++tab)
        m_tabs->setTabText(tab, titles.at(tab));
    updateStepControls();
}

void FrameDetailPane::changeEvent(QEvent *event)
{
    // The record's own texts (narration, payload, fragments) are shown again by whoever shows the
    // record; the pane's fixed texts are its own.
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FrameDetailPane::showRecord(const capture::CaptureRecord &record, quint64 number)
{
    m_step = -1;
    m_record = record;
    m_explain->setRecord(record, number);
    if (record.frame) {
        m_hex->setFrame(*record.frame); // the wire bytes, deflated or not
        m_bits->setFrame(*record.frame, record.direction);
        const DeflateFacts facts = DeflatePreview::factsOf(record);
        m_payload->setFrame(*record.frame, facts.compressed);
        if (record.inflatedPayload)
            m_payload->setInflated(*record.inflatedPayload, DeflatePreview::inflatedSize(record), facts);
        m_unmasking->setFrame(*record.frame);
    } else {
        m_hex->setBytes(record.wireBytes);
        // A frame that broke a rule starts its bytes with its header: drawn, it shows the bit at fault.
        const auto broken = record.decodeError && !record.wireBytes.isEmpty()
                ? protocol::FrameDecoder::readFramePrefix(record.wireBytes)
                : std::nullopt;
        if (broken)
            m_bits->setFrame(*broken, record.direction);
        else
            m_bits->clear();
        m_payload->clear();
        m_unmasking->clear();
    }
    m_fragments->setText(record.frame ? QString() : tr("Not a WebSocket frame, so there is no message to show."));
    showIntervention(record);
    fitDiagram();
    widenHexToFit();
    m_message->clear();
    // One sentence is the whole answer: no empty payload view saying "no frame selected" under it.
    m_message->setVisible(record.frame.has_value());
    applyStepHighlight();
    if (!record.frame && record.decodeError && m_bits->hasFrame())
        highlightFault(*record.decodeError);
    updateStepControls();
}

void FrameDetailPane::highlightFault(protocol::DecodeError error)
{
    const QList<protocol::FieldId> fault = protocol::fieldsAtFault(error);
    qint64 first = -1;
    qint64 end = -1;
    for (const protocol::HeaderField &field : m_bits->fields()) {
        if (!fault.contains(field.id))
            continue;
        first = first < 0 ? field.bitOffset : std::min(first, field.bitOffset);
        end = std::max(end, field.bitOffset + field.bitLength);
    }
    if (first < 0)
        return;
    m_hex->highlightBits(first, end - first);
    m_bits->highlightBits(first, end - first);
}

void FrameDetailPane::showFragments(const FragmentGroup &group)
{
    if (group.rows.isEmpty()) {
        m_fragments->setText(tr("Not part of a data message."));
        m_message->clear();
        return;
    }
    QStringList links;
    for (qsizetype i = 0; i < group.ids.size(); ++i)
        links.append(QStringLiteral("<a href=\"record:%1\">#%2</a>").arg(group.ids.at(i)).arg(group.numbers.value(i)));
    QString text;
    if (!group.isFragmented())
        text = tr("A message in a single frame (FIN = 1): %1.").arg(links.join(QStringLiteral(", ")));
    else
        text = tr("This message was sent in %1 fragments (RFC 6455 §5.4): %2.")
                       .arg(group.rows.size())
                       .arg(links.join(QStringLiteral(", ")));
    if (!group.complete)
        text = Sentences::joined({text, tr("Some fragments are missing from the capture, so the message is incomplete.")});
    if (group.error)
        text = Sentences::joined({text, tr("The message assembler rejects it: %1.")
                                                 .arg(QCoreApplication::translate(protocol::decodeErrorContext,
                                                                                  protocol::decodeErrorReason(*group.error)))});
    if (group.compressed)
        text = Sentences::joined({text, tr("It is compressed with permessage-deflate: its frames carry DEFLATE data, "
                                           "inflated as one message (RFC 7692 §6.2).")});
    m_fragments->setText(text);
    m_message->setMessage(group.opcode, group.payload, int(group.rows.size()), group.compressed);
    if (group.compressed)
        showCompressedMessage(group);
}

void FrameDetailPane::showCompressedMessage(const FragmentGroup &group)
{
    // Only the whole group knows the message's DEFLATE size and, for a continuation frame (RSV1 is
    // on the first frame only, RFC 7692 §6), that the frame is compressed at all.
    DeflateFacts facts;
    facts.compressed = true;
    facts.deflatedSize = group.complete ? group.deflatedSize : -1;
    facts.firstFrame = true;
    if (group.inflated)
        m_message->setInflated(*group.inflated, group.inflatedSize, facts);
    if (!m_record || !m_record->frame || !group.ids.contains(m_record->id))
        return;
    facts.firstFrame = DeflatePreview::startsCompressedMessage(m_record->frame->header);
    m_payload->setFrame(*m_record->frame, true);
    if (group.inflated)
        m_payload->setInflated(*group.inflated, group.inflatedSize, facts);
    m_explain->setCompression(facts, group.inflated ? group.inflatedSize : -1);
}

void FrameDetailPane::fitDiagram()
{
    // Tall enough for the whole diagram and its length forms (one to five rows) at the width it has,
    // so it never needs a vertical scroll bar at the usual sizes; capped so a small window still has
    // a hex dump. Narrower than the diagram, it scrolls sideways: room for that scroll bar too.
    const int viewportWidth = m_bitScroll->viewport()->width();
    int wanted = m_bits->heightAtWidth(std::max(viewportWidth, m_bits->minimumSizeHint().width()))
            + 2 * m_bitScroll->frameWidth();
    if (viewportWidth < m_bits->minimumSizeHint().width())
        wanted += m_bitScroll->horizontalScrollBar()->sizeHint().height();
    // A tall header (a masked frame with a 64-bit length has five rows) scrolls inside its own area
    // rather than pushing the bytes and the narration out of a short pane.
    const int line = fontMetrics().height();
    const int room = height() - m_nextButton->sizeHint().height() - m_bytesAndTabs->minimumSizeHint().height()
            - 2 * layout()->spacing();
    const int height = std::min(wanted, std::max(line * 8, room));
    // Fixed: room the diagram does not use belongs to the bytes and the narration.
    if (m_bitScroll->minimumHeight() != height || m_bitScroll->maximumHeight() != height)
        m_bitScroll->setFixedHeight(height);
    // The diagram's height follows its width (the length forms take one line or three); fixing it
    // here keeps the scroll area and the diagram in step whenever the width changes.
    const int diagram = m_bits->heightAtWidth(std::max(viewportWidth, m_bits->minimumSizeHint().width()));
    if (m_bits->height() != diagram || m_bits->minimumHeight() != diagram)
        m_bits->setFixedHeight(diagram);
}

void FrameDetailPane::arrangeBytesAndTabs()
{
    // Side by side needs the whole hex dump plus a narration column of readable width.
    const int narration = fontMetrics().averageCharWidth() * narrationChars;
    const Qt::Orientation wanted = width() >= m_hex->sizeHint().width() + narration + m_bytesAndTabs->handleWidth()
            ? Qt::Horizontal
            : Qt::Vertical;
    if (m_bytesAndTabs->orientation() == wanted)
        return;
    m_bytesAndTabs->setOrientation(wanted);
    // The hex dump gets what it needs (its full width, or ten rows); the tabs get the rest.
    const int total = wanted == Qt::Horizontal ? width() : std::max(m_bytesAndTabs->height(), 1);
    const int hex = wanted == Qt::Horizontal ? m_hex->sizeHint().width() : std::min(m_hex->sizeHint().height(), total / 2);
    m_bytesAndTabs->setSizes({hex, std::max(total - hex - m_bytesAndTabs->handleWidth(), 1)});
}

void FrameDetailPane::widenHexToFit()
{
    // A bigger frame has longer offsets: side by side, the dump grows to show whole rows (never
    // shrinks, so a width the learner dragged stays).
    if (m_bytesAndTabs->orientation() != Qt::Horizontal)
        return;
    QList<int> sizes = m_bytesAndTabs->sizes();
    const int wanted = m_hex->sizeHint().width();
    if (sizes.size() != 2 || sizes.at(0) >= wanted)
        return;
    const int total = sizes.at(0) + sizes.at(1);
    sizes = {std::min(wanted, total - fontMetrics().averageCharWidth() * narrationChars), 0};
    sizes[1] = total - sizes.at(0);
    m_bytesAndTabs->setSizes(sizes);
}

void FrameDetailPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeBytesAndTabs();
    fitDiagram();
}

bool FrameDetailPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_bitScroll->viewport() && event->type() == QEvent::Resize)
        fitDiagram();
    return QWidget::eventFilter(watched, event);
}

void FrameDetailPane::clear()
{
    m_step = -1;
    m_record.reset();
    m_hex->clear();
    m_bits->clear();
    m_explain->clear();
    m_payload->clear();
    m_message->clear();
    m_unmasking->clear();
    m_fragments->clear();
    showIntervention({});
    m_message->setVisible(true);
    fitDiagram();
    updateStepControls();
}

// A frame the proxy's intercept edited, dropped or injected: its tab appears and comes to the front,
// for the original and the forwarded bytes are what such a row is about.
void FrameDetailPane::showIntervention(const capture::CaptureRecord &record)
{
    const int tab = m_tabs->indexOf(m_interventionPage);
    const bool changed = record.intervention != nullptr;
    if (changed)
        m_intervention->setRecord(record);
    else
        m_intervention->clear();
    m_tabs->setTabVisible(tab, changed);
    if (changed)
        m_tabs->setCurrentIndex(tab);
    else if (m_tabs->currentIndex() == tab)
        m_tabs->setCurrentIndex(0);
}

bool FrameDetailPane::isInterventionTabShown() const
{
    return m_tabs->isTabVisible(m_tabs->indexOf(m_interventionPage)) && m_tabs->currentWidget() == m_interventionPage;
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
