#include "explainpanel.h"

#include "fieldcolors.h"
#include "framecapturemodel.h"
#include "payloadpreview.h"

#include "server/protocol/closecode.h"
#include "server/protocol/closepayload.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtMath>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace wslab::inspector {

namespace {

// The block holding the anchor `name`, or an invalid block.
QTextBlock anchorBlock(const QTextDocument *document, const QString &name)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
            if (fragment.fragment().charFormat().anchorNames().contains(name))
                return block;
        }
    }
    return {};
}

} // namespace

namespace protocol = wslab::protocol;
using capture::CaptureRecord;
using capture::RecordKind;

namespace {

// The codes an endpoint fails a connection with (closeCodeFor(): 1002, 1007, 1009).
bool isFailureCode(quint16 code)
{
    using protocol::CloseCode;
    return code == quint16(CloseCode::ProtocolError) || code == quint16(CloseCode::InvalidPayloadData)
            || code == quint16(CloseCode::MessageTooBig);
}

// The code of a close frame, when it carries a valid one.
std::optional<quint16> closeCodeOf(const protocol::DecodedFrame &frame)
{
    if (frame.header.opcode != protocol::Opcode::Close)
        return std::nullopt;
    const auto parsed = protocol::parseClosePayload(frame.payload);
    if (const auto *close = std::get_if<protocol::ClosePayload>(&parsed))
        return close->code;
    return std::nullopt;
}

} // namespace

ExplainPanel::ExplainPanel(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
{
    m_browser->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        bool ok = false;
        const int step = url.path().toInt(&ok);
        if (url.scheme() != QLatin1String("step") || !ok || step < 0 || step >= m_steps.size())
            return;
        setCurrentStep(step);
        Q_EMIT fieldActivated(m_steps.at(step).fields.first());
    });
    clear();
}

void ExplainPanel::clear()
{
    m_steps.clear();
    m_current = -1;
    m_intro = tr("Select a frame: this panel tells, in order, what the parser read from its bytes.");
    m_outro.clear();
    m_compression.clear();
    render();
}

void ExplainPanel::setCompression(const DeflateFacts &facts, qint64 inflatedSize)
{
    m_compression = DeflatePreview::explanation(facts, inflatedSize);
    render();
}

void ExplainPanel::setFrame(const protocol::DecodedFrame &frame, FrameNarrator::Sender sender)
{
    m_steps = FrameNarrator::steps(frame, sender);
    m_current = -1;
    m_intro = tr("The parser reads the header first, all of it before anything else (RFC 6455 §5.2):");
    m_outro.clear();
    m_compression.clear();
    render();
}

QString ExplainPanel::endName(capture::Direction direction) const
{
    const bool client = direction == capture::Direction::Inbound;
    switch (m_ends) {
    case Ends::BrowserAndWslab:
        return client ? tr("the browser") : tr("wslab's server");
    case Ends::BrowserAndUpstream:
        return client ? tr("the browser (wslab relays it to the upstream)")
                      : tr("the upstream server (wslab relays it to the browser)");
    case Ends::WslabAndServer:
        return client ? tr("wslab (the client)") : tr("the server");
    case Ends::ClientAndServer:
        break;
    }
    // A capture file's client may be any program: a browser, a script, a device.
    return client ? tr("the client") : tr("the server");
}

void ExplainPanel::setRecord(const CaptureRecord &record, quint64 number)
{
    const QString who = endName(record.direction);
    if (record.frame) {
        setFrame(*record.frame, record.direction);
        m_intro = tr("Frame #%1, sent by %2. The parser reads the header first, all of it before anything "
                     "else (RFC 6455 §5.2):").arg(number != 0 ? number : record.id).arg(who);
        m_outro = violationText(record);
        if (m_outro.isEmpty())
            m_outro = failingCloseText(record);
        m_compression = DeflatePreview::explanation(DeflatePreview::factsOf(record), DeflatePreview::inflatedSize(record));
        render();
        return;
    }
    m_steps.clear();
    m_current = -1;
    m_outro.clear();
    m_compression.clear();
    switch (record.kind) {
    case RecordKind::HttpRequest:
        m_intro = tr("An HTTP request from %1: %2. With \"Upgrade: websocket\" and \"Connection: Upgrade\" it asks "
                     "to switch this TCP connection to WebSocket (RFC 6455 §4.1); the handshake view shows how the "
                     "server derives its answer. Without them it is ordinary HTTP (the polling transports).")
                          .arg(who, FrameCaptureModel::summaryText(record));
        break;
    case RecordKind::HttpResponse:
        m_intro = record.httpStatus == 101
                ? tr("\"101 Switching Protocols\": the server accepts the upgrade. From the next byte on, both sides "
                     "speak WebSocket frames on this connection (RFC 6455 §4.2.2).")
                : tr("An HTTP response: %1.").arg(FrameCaptureModel::summaryText(record));
        break;
    case RecordKind::ConnectionOpened:
        m_intro = tr("A TCP connection was opened by %1. Everything else happens on top of it.").arg(record.note);
        break;
    case RecordKind::ConnectionClosed:
        m_intro = connectionClosedText(record);
        break;
    case RecordKind::ProtocolError:
        m_intro = record.decodeError
                ? protocolErrorText(record)
                : record.streamError
                ? tr("While reading this conversation from outside: %1 (%2).")
                          .arg(QCoreApplication::translate(capture::streamErrorContext,
                                                           capture::streamErrorReason(*record.streamError)),
                               record.note)
                : tr("A protocol error: %1").arg(record.note);
        break;
    case RecordKind::Frame:
        // Bytes the server wrote that are not exactly one frame (the composer's raw bytes).
        m_intro = FrameCaptureModel::summaryText(record);
        m_outro = violationText(record);
        break;
    case RecordKind::FrameDelivered:
        m_intro = FrameCaptureModel::summaryText(record);
        break;
    case RecordKind::StreamGap:
        m_intro = tr("%n bytes of this direction were never captured here (a lost TCP segment, or a capture "
                     "that cut packets short). Inside a frame's payload they read as zeros and decoding goes on "
                     "with the next frame; anywhere else the rest of this direction cannot be placed, so it is "
                     "not decoded.", nullptr, int(qMin<quint64>(record.missed, INT_MAX)));
        break;
    case RecordKind::CaptureGap:
        m_intro = tr("The capture missed %1 records here: they arrived faster than the window could take them, "
                     "so wslab kept no records until it caught up, rather than use memory without bound. "
                     "The traffic itself was not affected.").arg(record.missed);
        break;
    }
    render();
}

// A frame that breaks a rule, for the end that reads it. wslab's own server reads its clients'
// frames and fails the connection itself; elsewhere (a file, the proxy, the client) either end may
// have sent the bad bytes, and the other one fails the connection.
QString ExplainPanel::protocolErrorText(const CaptureRecord &record) const
{
    const QString rule = PayloadPreview::errorText(*record.decodeError);
    const quint16 code = protocol::closeCodeFor(*record.decodeError);
    if (m_ends == Ends::BrowserAndWslab)
        return tr("A protocol error: %1. The server fails the connection with close code %2 (RFC 6455 §7.1.7).")
                .arg(rule)
                .arg(code);
    // The end that reads the bad bytes fails the connection: not the one that sent them.
    const auto reader = record.direction == capture::Direction::Inbound ? capture::Direction::Outbound
                                                                        : capture::Direction::Inbound;
    return tr("A protocol error: %1. The end that reads it, %2, fails the connection with close code %3 "
              "(RFC 6455 §7.1.7).")
            .arg(rule, endName(reader))
            .arg(code);
}

QString ExplainPanel::violationText(const CaptureRecord &record) const
{
    if (!record.decodeError)
        return {};
    const QString rule = PayloadPreview::errorText(*record.decodeError);
    const quint16 code = protocol::closeCodeFor(*record.decodeError);
    if (record.direction == capture::Direction::Outbound && m_ends == Ends::WslabAndServer)
        return tr("wslab's parser, as the client, stops here: %1. A client fails the connection: it sends a close "
                  "frame with code %2 and closes the TCP connection (RFC 6455 §7.1.7).")
                .arg(rule)
                .arg(code);
    if (record.direction == capture::Direction::Outbound)
        return tr("A client's parser stops here: %1. A browser fails the connection: it sends a close frame "
                  "with code %2 and closes the TCP connection (RFC 6455 §7.1.7). Its JavaScript onclose event is "
                  "told 1006, not %2: the browser received no close frame, and 1006 is never sent on the wire "
                  "(RFC 6455 §7.1.5, §7.4.1).")
                .arg(rule)
                .arg(code);
    return tr("The parser stopped here: %1. The connection is failed with close code %2 (RFC 6455 §7.1.7).")
            .arg(rule)
            .arg(code);
}

// A client's close frame with a failure code: the client failed the connection (or echoes the
// server's failure), and a browser's JavaScript is told another code than the one on the wire.
QString ExplainPanel::failingCloseText(const CaptureRecord &record)
{
    if (record.direction != capture::Direction::Inbound || !record.frame)
        return {};
    const auto code = closeCodeOf(*record.frame);
    if (!code || !isFailureCode(*code))
        return {};
    return tr("A client sends %1 when it fails the connection because a frame from the server broke a rule "
              "(RFC 6455 §7.1.7), or to answer the server's own close frame with the same code. When a browser "
              "fails the connection, its JavaScript onclose event is told 1006, not %1: the browser closes the TCP "
              "connection without waiting for a close frame, and 1006 is never sent on the wire (RFC 6455 §7.1.5, "
              "§7.4.1).")
            .arg(*code);
}

QString ExplainPanel::connectionClosedText(const CaptureRecord &record)
{
    // No close code at all (0 is none a WebSocket end could report): the connection never became a
    // WebSocket - plain HTTP, or an upgrade the server refused or the handshake lab answered wrongly.
    if (record.closeCode == 0 || record.transport != capture::Transport::WebSocket)
        return tr("The TCP connection closed. It carried HTTP only — no WebSocket upgrade completed on it — so "
                  "there is no WebSocket close code: HTTP ends a connection by closing TCP (RFC 9112 §9.6).");
    const QString code = PayloadPreview::closeCodeText(record.closeCode);
    if (!record.firstCloseDirection)
        return tr("The WebSocket connection dropped without a closing handshake: no close frame crossed the wire, "
                  "so its close code is %1. 1006 is never sent on the wire; it tells the application that the "
                  "connection closed abnormally (RFC 6455 §7.1.5, §7.4.1).")
                .arg(code);
    const bool byClient = *record.firstCloseDirection == capture::Direction::Inbound;
    if (record.closeCode == quint16(protocol::CloseCode::AbnormalClosure))
        return tr("%1 sent a close frame, but no close frame came back before the TCP connection closed, so the "
                  "close code is %2 (RFC 6455 §7.1.5). 1006 is never sent on the wire.")
                .arg(byClient ? tr("The client") : tr("The server"), code);
    if (byClient && isFailureCode(record.closeCode))
        return tr("The client failed the connection: its close frame carried %1 because a frame from the server "
                  "broke a rule (RFC 6455 §7.1.7). A browser's JavaScript onclose event is told 1006 (Abnormal Closure), not %2: the browser closes the TCP "
                  "connection without waiting for a close frame, and 1006 is never sent on the wire "
                  "(RFC 6455 §7.1.5, §7.4.1).")
                .arg(code)
                .arg(record.closeCode);
    return tr("The WebSocket connection closed after the closing handshake, started by %1: close code %2 "
              "(RFC 6455 §7.1.5).")
            .arg(byClient ? tr("the client") : tr("the server"), code);
}

void ExplainPanel::setCurrentStep(int step)
{
    if (step < -1 || step >= m_steps.size())
        step = -1;
    if (step == m_current)
        return;
    m_current = step;
    render();
    Q_EMIT currentStepChanged(step);
}

void ExplainPanel::highlightField(protocol::FieldId field)
{
    setCurrentStep(FrameNarrator::stepOf(m_steps, field));
}

void ExplainPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        render();
    QWidget::changeEvent(event);
}

QString ExplainPanel::stepsHtml() const
{
    const QPalette &pal = palette();
    QString html;
    QString heading;
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        const NarrationStep &step = m_steps.at(i);
        if (step.heading != heading) {
            if (!heading.isEmpty())
                html += QStringLiteral("</table>");
            heading = step.heading;
            html += QStringLiteral("<p style=\"margin-top:8px; margin-bottom:2px\"><b>%1</b></p>"
                                   "<table cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">")
                            .arg(heading.toHtmlEscaped());
        }
        const bool current = i == m_current;
        const QColor swatch = current ? FieldColors::strong(step.fields.first(), pal)
                                      : FieldColors::fill(step.fields.first(), pal);
        const QString background = current ? QStringLiteral(" bgcolor=\"%1\"").arg(FieldColors::cssName(step.fields.first(), pal))
                                           : QString();
        html += QStringLiteral("<tr><td width=\"10\" bgcolor=\"%1\">&nbsp;</td><td%2><a name=\"step%3\" href=\"step:%3\" "
                               "style=\"text-decoration:none; color:%4\">%5</a></td></tr>")
                        .arg(swatch.name(), background)
                        .arg(i)
                        .arg(FieldColors::text(pal).name(),
                             current ? QStringLiteral("<b>%1</b>").arg(step.sentence.toHtmlEscaped())
                                     : step.sentence.toHtmlEscaped());
    }
    if (!heading.isEmpty())
        html += QStringLiteral("</table>");
    return html;
}

void ExplainPanel::render()
{
    QString html = QStringLiteral("<p>%1</p>").arg(m_intro.toHtmlEscaped());
    if (!m_compression.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(m_compression.toHtmlEscaped());
    html += stepsHtml();
    if (!m_outro.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(m_outro.toHtmlEscaped());
    QScrollBar *bar = m_browser->verticalScrollBar();
    const int before = bar->value();
    m_browser->setHtml(html);
    if (m_current < 0)
        return;
    // The stepped-to line in view (anchors go by name; the href is for clicks): where it is when it
    // is already in view, else a third of the way down, with what the parser read before it above.
    // Its place and height come from the document's layout, in the fonts it is drawn with.
    const QTextBlock step = anchorBlock(m_browser->document(), QStringLiteral("step%1").arg(m_current));
    if (!step.isValid())
        return;
    const QRectF box = m_browser->document()->documentLayout()->blockBoundingRect(step);
    const int anchorTop = qFloor(box.top());
    const int page = m_browser->viewport()->height();
    const qreal line = step.layout()->lineCount() > 0 ? step.layout()->lineAt(0).height() : box.height();
    if (anchorTop >= before && anchorTop + 3 * line <= before + page)
        bar->setValue(before);
    else
        bar->setValue(std::max(0, anchorTop - page / 3));
}

QString ExplainPanel::html() const
{
    return m_browser->toHtml();
}

QString ExplainPanel::plainText() const
{
    return m_browser->toPlainText();
}

} // namespace wslab::inspector
