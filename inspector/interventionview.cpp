#include "interventionview.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QTextEdit>

namespace wslab::inspector {

namespace {


// Reads on light and dark palettes alike: a translucent amber behind the changed bytes.
const QColor diffHighlight(255, 170, 0, 110);

bool differs(const QByteArray &bytes, const QByteArray &other, qsizetype offset)
{
    return offset >= other.size() || bytes.at(offset) != other.at(offset);
}

} // namespace

InterventionView::InterventionView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_originalTitle(new QLabel(this))
    , m_forwardedTitle(new QLabel(this))
    , m_originalHex(new QTextEdit(this))
    , m_forwardedHex(new QTextEdit(this))
{
    setObjectName(QStringLiteral("interventionView"));
    m_summary->setWordWrap(true);
    for (QTextEdit *hex : {m_originalHex, m_forwardedHex}) {
        hex->setReadOnly(true);
        hex->setLineWrapMode(QTextEdit::NoWrap);
        hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        hex->setTabChangesFocus(true);
        // A few lines always readable: in a short pane the dock scrolls rather than clip them.
        hex->setMinimumHeight(hex->fontMetrics().lineSpacing() * 4 + 2 * hex->frameWidth());
    }
    m_originalHex->setObjectName(QStringLiteral("originalHex"));
    m_forwardedHex->setObjectName(QStringLiteral("forwardedHex"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_summary, 0, 0, 1, 2);
    layout->addWidget(m_originalTitle, 1, 0);
    layout->addWidget(m_forwardedTitle, 1, 1);
    layout->addWidget(m_originalHex, 2, 0);
    layout->addWidget(m_forwardedHex, 2, 1);
    layout->setRowStretch(2, 1);
    retranslate();
}

void InterventionView::setRecord(const capture::CaptureRecord &record)
{
    m_intervention = record.intervention;
    m_original.clear();
    m_forwarded.clear();
    if (m_intervention) {
        using Action = capture::FrameIntervention::Action;
        m_original = m_intervention->originalBytes;
        // A dropped frame's record shows the sender's frame; nothing reached the receiver.
        if (m_intervention->action != Action::Dropped)
            m_forwarded = record.bytes();
    }
    refresh();
}

void InterventionView::clear()
{
    m_intervention.reset();
    m_original.clear();
    m_forwarded.clear();
    refresh();
}

QList<qsizetype> InterventionView::differingOffsets() const
{
    QList<qsizetype> offsets;
    const qsizetype longest = std::max(m_original.size(), m_forwarded.size());
    for (qsizetype offset = 0; offset < longest; ++offset) {
        if (offset >= m_original.size() || differs(m_original, m_forwarded, offset))
            offsets.append(offset);
    }
    return offsets;
}

int InterventionView::bytesPerLine() const
{
    // "0000 " and then three characters a byte, in the fixed font.
    const int charWidth = std::max(1, m_originalHex->fontMetrics().horizontalAdvance(QLatin1Char('0')));
    const int columns = m_originalHex->viewport()->width() / charWidth;
    for (const int perLine : {16, 8})
        if (columns >= 6 + 3 * perLine)
            return perLine;
    return 4;
}

QString InterventionView::hexHtml(const QByteArray &bytes, const QByteArray &other, const QColor &highlight,
                                  int perLine)
{
    QString html = QStringLiteral("<pre style=\"margin:0\">");
    const QString marked = QStringLiteral("<span style=\"background-color:%1\">%2</span>")
                                   .arg(highlight.name(QColor::HexArgb));
    for (qsizetype line = 0; line < bytes.size(); line += perLine) {
        html += QStringLiteral("%1 ").arg(line, 4, 16, QLatin1Char('0'));
        for (qsizetype offset = line; offset < std::min(bytes.size(), line + perLine); ++offset) {
            const QString byte = QStringLiteral("%1").arg(quint8(bytes.at(offset)), 2, 16, QLatin1Char('0'));
            html += QLatin1Char(' ') + (differs(bytes, other, offset) ? marked.arg(byte) : byte);
        }
        html += QLatin1Char('\n');
    }
    return html + QStringLiteral("</pre>");
}

QString InterventionView::summaryText() const
{
    if (!m_intervention)
        return tr("The proxy forwarded this frame as it came.");
    switch (m_intervention->action) {
    case capture::FrameIntervention::Action::Edited:
        return tr("Edited by you: %n byte(s) differ (highlighted).", nullptr, int(differingOffsets().size()));
    case capture::FrameIntervention::Action::Dropped:
        return tr("Dropped by you: the receiver never got this frame.");
    case capture::FrameIntervention::Action::Injected:
        return tr("Injected by you: no sender wrote this frame.");
    }
    return {};
}

void InterventionView::refresh()
{
    m_summary->setText(summaryText());
    const QString none = QStringLiteral("<i>%1</i>");
    m_originalHex->setHtml(m_original.isEmpty() && m_intervention
                                   ? none.arg(tr("(none: the proxy made this frame up)"))
                                   : hexHtml(m_original, m_forwarded, diffHighlight, bytesPerLine()));
    m_forwardedHex->setHtml(m_forwarded.isEmpty() && m_intervention
                                    ? none.arg(tr("(none: the frame was dropped)"))
                                    : hexHtml(m_forwarded, m_original, diffHighlight, bytesPerLine()));
}

void InterventionView::retranslate()
{
    m_originalTitle->setText(tr("Original (from the sender)"));
    m_forwardedTitle->setText(tr("Forwarded (to the receiver)"));
    refresh();
}

void InterventionView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_intervention)
        refresh(); // another number of bytes a line may fit now
}

void InterventionView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace wslab::inspector
