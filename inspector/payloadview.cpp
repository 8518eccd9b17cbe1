#include "payloadview.h"

#include "payloadpreview.h"
#include "sentences.h"
#include "wrappinglabel.h"

#include "server/protocol/opcode.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::Opcode;

namespace {

// Tab order matches PayloadView::Mode.
constexpr int tabOf(PayloadView::Mode mode) { return int(mode); }

} // namespace

PayloadView::PayloadView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = makeEditor();
    m_json = makeEditor();
    m_hex = makeEditor();
    m_masked = makeEditor();
    m_unmasked = makeEditor();
    m_text->setFont(font()); // prose, not a dump
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    m_sideBySide = new QWidget(this);
    auto *grid = new QGridLayout(m_sideBySide);
    grid->setContentsMargins(0, 0, 0, 0);
    m_maskedLabel = new QLabel(m_sideBySide);
    m_unmaskedLabel = new QLabel(m_sideBySide);
    grid->addWidget(m_maskedLabel, 0, 0);
    grid->addWidget(m_unmaskedLabel, 0, 1);
    grid->addWidget(m_masked, 1, 0);
    grid->addWidget(m_unmasked, 1, 1);

    m_tabs->addTab(m_text, QString());
    m_tabs->addTab(m_json, QString());
    m_tabs->addTab(m_hex, QString());
    m_tabs->addTab(m_sideBySide, QString());

    // permessage-deflate: the message after inflating, under a sentence on what happened to it;
    // the sentence keeps all its lines, and a tab too short for both scrolls.
    auto *inflatedPage = new QScrollArea(this);
    auto *inflatedContent = new QWidget(inflatedPage);
    auto *inflatedLayout = new QVBoxLayout(inflatedContent);
    inflatedLayout->setContentsMargins(4, 4, 4, 0);
    m_inflatedNote = new WrappingLabel(inflatedContent);
    m_inflatedNote->setWordWrap(true);
    m_inflatedNote->setTextFormat(Qt::PlainText);
    m_inflatedNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inflated = makeEditor();
    inflatedLayout->addWidget(m_inflatedNote);
    inflatedLayout->addWidget(m_inflated, 1);
    inflatedPage->setWidget(inflatedContent);
    inflatedPage->setWidgetResizable(true);
    inflatedPage->setFrameShape(QFrame::NoFrame);
    inflatedPage->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tabs->addTab(inflatedPage, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    retranslate();
    clear();
}

void PayloadView::retranslate()
{
    m_maskedLabel->setText(tr("On the wire (masked)"));
    m_unmaskedLabel->setText(tr("Unmasked (what the application gets)"));
    m_tabs->setTabText(tabOf(Mode::Text), tr("Text"));
    m_tabs->setTabText(tabOf(Mode::Json), tr("JSON"));
    m_tabs->setTabText(tabOf(Mode::Hex), tr("Hex"));
    m_tabs->setTabText(tabOf(Mode::MaskedUnmasked), tr("Masked | unmasked"));
    m_tabs->setTabText(tabOf(Mode::Inflated), tr("Inflated"));
    m_tabs->setTabToolTip(tabOf(Mode::Inflated),
                          tr("The message after permessage-deflate decompression (RFC 7692), as the application gets it"));
}

void PayloadView::changeEvent(QEvent *event)
{
    // The payload's own texts are set again when its frame is shown again.
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// Whole phrases, not "%1 frame" around the protocol's name: "text frame" is "文本帧" in Chinese.
QString PayloadView::frameKind(Opcode opcode)
{
    switch (opcode) {
    case Opcode::Continuation: return tr("continuation frame");
    case Opcode::Text: return tr("text frame");
    case Opcode::Binary: return tr("binary frame");
    case Opcode::Close: return tr("close frame");
    case Opcode::Ping: return tr("ping frame");
    case Opcode::Pong: return tr("pong frame");
    default: return tr("frame with the reserved opcode 0x%1").arg(quint8(opcode), 0, 16);
    }
}

QString PayloadView::messageKind(Opcode opcode)
{
    switch (opcode) {
    case Opcode::Text: return tr("text message");
    case Opcode::Binary: return tr("binary message");
    default: return tr("message with the opcode 0x%1").arg(quint8(opcode), 0, 16);
    }
}

QPlainTextEdit *PayloadView::makeEditor()
{
    auto *editor = new QPlainTextEdit(this);
    editor->setReadOnly(true);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    return editor;
}

QString PayloadView::capped(const QString &text, qsizetype bytes, qsizetype cap) const
{
    if (bytes <= cap)
        return text;
    return text + QLatin1Char('\n') + tr("… (showing the first %1 of %2 bytes)").arg(cap).arg(bytes);
}

void PayloadView::setFrame(const protocol::DecodedFrame &frame, bool deflated)
{
    const QByteArray &payload = frame.payload;
    QString summary;
    if (frame.header.opcode == Opcode::Close)
        summary = PayloadPreview::closeSummary(payload);
    else
        summary = tr("%1, %2 payload bytes").arg(frameKind(frame.header.opcode)).arg(frame.header.payloadLength);
    if (quint64(payload.size()) < frame.header.payloadLength)
        summary = Sentences::joined({summary, tr("(the capture kept the first %1)").arg(payload.size())});
    show(frame.header.opcode, payload, frame.header.masked ? std::optional(frame.maskedPayload()) : std::nullopt,
         summary, deflated || DeflatePreview::startsCompressedMessage(frame.header));
}

void PayloadView::setMessage(Opcode opcode, const QByteArray &payload, int frameCount, bool deflated)
{
    // A message of one frame was not reassembled from anything. (Beyond that %n is 2 or more, so
    // the English source text needs no plural form of its own.)
    const QString summary = frameCount <= 1
            ? tr("%1 in a single frame, %2 bytes").arg(messageKind(opcode)).arg(payload.size())
            : tr("%1 reassembled from %n frames, %2 bytes (RFC 6455 §5.4)", nullptr, frameCount)
                      .arg(messageKind(opcode))
                      .arg(payload.size());
    show(opcode, payload, std::nullopt, summary, deflated);
}

void PayloadView::setInflated(const QByteArray &message, qint64 messageSize, const DeflateFacts &facts)
{
    const QByteArrayView shown = QByteArrayView(message).first(std::min(message.size(), displayCap));
    const bool isText = PayloadPreview::looksLikeText(shown);
    if (isText) {
        QString text = QString::fromUtf8(shown.first(std::min(shown.size(), textCap)));
        if (shown.size() > textCap && text.endsWith(QChar::ReplacementCharacter))
            text.chop(1);
        m_inflated->setFont(font()); // prose, like the text tab
        m_inflated->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        m_inflated->setPlainText(capped(text, messageSize, textCap));
    } else {
        m_inflated->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_inflated->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_inflated->setPlainText(capped(PayloadPreview::hexDump(message, displayCap), messageSize));
    }
    m_inflatedNote->setText(DeflatePreview::explanation(facts, messageSize));
    m_summary->setText(m_summary->text() + QStringLiteral(" — ") + tr("inflated: %1 bytes").arg(messageSize));
    m_tabs->setTabEnabled(tabOf(Mode::Inflated), true);
    setCurrentMode(Mode::Inflated);
}

void PayloadView::show(Opcode opcode, const QByteArray &payload, const std::optional<QByteArray> &wire,
                       const QString &summary, bool deflated)
{
    const QByteArrayView shown = QByteArrayView(payload).first(std::min(payload.size(), displayCap));
    // A close frame's text is its reason, after the two code bytes (§5.5.1).
    const QByteArrayView textBytes = opcode == Opcode::Close && shown.size() >= 2 ? shown.sliced(2) : shown;
    // DEFLATE bytes are never text, even when they happen to be valid UTF-8 (RFC 7692 §6).
    const bool isText = !deflated && PayloadPreview::looksLikeText(textBytes);
    QString textSummary = summary;
    if (deflated)
        textSummary += QStringLiteral(" — ") + tr("compressed with permessage-deflate (RFC 7692)");
    else if (opcode == Opcode::Text)
        textSummary += QStringLiteral(" — ") + (isText ? tr("valid UTF-8") : tr("not valid UTF-8 (RFC 6455 §8.1)"));

    // Cut at textCap, then drop a character the cut split in two (U+FFFD at the end).
    QString text = QString::fromUtf8(textBytes.first(std::min(textBytes.size(), textCap)));
    if (textBytes.size() > textCap && text.endsWith(QChar::ReplacementCharacter))
        text.chop(1);
    const qsizetype textTotal = payload.size() - (shown.size() - textBytes.size());
    m_text->setPlainText(isText ? capped(text, textTotal, textCap) : QString());

    QJsonParseError error{};
    const QJsonDocument json = isText && opcode != Opcode::Close && payload.size() <= displayCap
            ? QJsonDocument::fromJson(payload, &error)
            : QJsonDocument();
    const bool hasJson = !json.isNull() && error.error == QJsonParseError::NoError;
    m_json->setPlainText(hasJson ? QString::fromUtf8(json.toJson(QJsonDocument::Indented)) : QString());

    m_hex->setPlainText(capped(PayloadPreview::hexDump(payload, displayCap), payload.size()));
    // Side by side, each half gets 8 bytes a row so both fit next to each other.
    constexpr int halfRow = 8;
    m_unmasked->setPlainText(capped(PayloadPreview::hexDump(payload, displayCap, halfRow), payload.size()));
    if (wire)
        m_masked->setPlainText(capped(PayloadPreview::hexDump(*wire, displayCap, halfRow), wire->size()));
    else
        m_masked->setPlainText(tr("Not masked: the bytes on the wire are the payload (RFC 6455 §5.1)."));

    m_tabs->setTabEnabled(tabOf(Mode::Text), isText);
    m_tabs->setTabEnabled(tabOf(Mode::Json), hasJson);
    m_tabs->setTabEnabled(tabOf(Mode::MaskedUnmasked), wire.has_value());
    m_tabs->setTabEnabled(tabOf(Mode::Inflated), false);
    m_inflated->clear();
    m_inflatedNote->clear();
    m_summary->setText(textSummary);
    // Binary stays binary: hex first unless the payload reads as text.
    setCurrentMode(hasJson ? Mode::Json : isText && opcode != Opcode::Binary ? Mode::Text : Mode::Hex);
}

void PayloadView::clear()
{
    for (QPlainTextEdit *editor : {m_text, m_json, m_hex, m_masked, m_unmasked, m_inflated})
        editor->clear();
    m_inflatedNote->clear();
    m_summary->setText(tr("No frame selected."));
    m_tabs->setTabEnabled(tabOf(Mode::Text), false);
    m_tabs->setTabEnabled(tabOf(Mode::Json), false);
    m_tabs->setTabEnabled(tabOf(Mode::MaskedUnmasked), false);
    m_tabs->setTabEnabled(tabOf(Mode::Inflated), false);
    m_tabs->setCurrentIndex(tabOf(Mode::Hex));
}

PayloadView::Mode PayloadView::currentMode() const
{
    return Mode(m_tabs->currentIndex());
}

void PayloadView::setCurrentMode(Mode mode)
{
    if (isModeAvailable(mode))
        m_tabs->setCurrentIndex(tabOf(mode));
}

bool PayloadView::isModeAvailable(Mode mode) const
{
    return m_tabs->isTabEnabled(tabOf(mode));
}

QString PayloadView::summary() const
{
    return m_summary->text();
}

QString PayloadView::content(Mode mode) const
{
    switch (mode) {
    case Mode::Text: return m_text->toPlainText();
    case Mode::Json: return m_json->toPlainText();
    case Mode::Hex: return m_hex->toPlainText();
    case Mode::MaskedUnmasked: return m_masked->toPlainText() + QLatin1Char('\n') + m_unmasked->toPlainText();
    case Mode::Inflated: return m_inflatedNote->text() + QLatin1Char('\n') + m_inflated->toPlainText();
    }
    return {};
}

} // namespace wslab::inspector
