#include "handshakeview.h"

#include "fieldcolors.h"
#include "wrappinglabel.h"

#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"
#include "server/protocol/httpresponseparser.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtMath>

#include <algorithm>

namespace wslab::inspector {

namespace protocol = wslab::protocol;
using protocol::FieldId;
using protocol::HttpHeader;

namespace {

bool isUpgradeHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "upgrade" || lower == "connection";
}

bool isWebSocketHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower.startsWith("sec-websocket-") || lower == "origin" || lower == "host";
}

QString escaped(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes).toHtmlEscaped();
}

// Where the document's `lines`-th visual line ends (document coordinates, top margin included);
// past its last line, more lines as tall as its last one.
int bottomOfLine(const QTextDocument *document, int lines)
{
    qreal bottom = document->documentMargin();
    qreal lastHeight = QFontMetricsF(document->defaultFont()).lineSpacing();
    int counted = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QTextLayout *layout = block.layout();
        for (int i = 0; layout && i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            lastHeight = line.height();
            bottom = layout->position().y() + line.y() + line.height();
            if (++counted == lines)
                return qCeil(bottom);
        }
    }
    return qCeil(bottom + (lines - counted) * lastHeight);
}

// The client's checks of RFC 6455 §4.1 as the view lists them, each with the errors that break it.
struct ResponseCheck
{
    const char *label;
    QList<protocol::UpgradeResponseError> brokenBy;
};

QList<ResponseCheck> responseChecks()
{
    using E = protocol::UpgradeResponseError;
    return {
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Status 101 Switching Protocols"), {E::StatusNot101}},
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Upgrade: websocket"), {E::MissingUpgradeWebsocket}},
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Connection: Upgrade"), {E::MissingConnectionUpgrade}},
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Sec-WebSocket-Accept = base64(SHA-1(key + GUID))"),
             {E::MissingAccept, E::WrongAccept}},
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Only extensions the client offered"),
             {E::UnrequestedExtension}},
            {QT_TRANSLATE_NOOP("wslab::inspector::HandshakeView", "Only a subprotocol the client offered"),
             {E::UnrequestedSubprotocol}},
    };
}

} // namespace

HandshakeView::HandshakeView(QWidget *parent)
    : QWidget(parent)
    , m_requestView(new QTextBrowser(this))
    , m_responseView(new QTextBrowser(this))
    , m_validation(new WrappingLabel(this))
    , m_responseChecks(new WrappingLabel(this))
    , m_derivationView(new QTextBrowser(this))
    , m_requestHeading(new QLabel(this))
    , m_responseHeading(new QLabel(this))
    , m_derivationHeading(new QLabel(this))
{
    for (QLabel *label : {m_validation, m_responseChecks}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    for (QTextBrowser *browser : {m_requestView, m_responseView, m_derivationView})
        browser->setOpenLinks(false);
    // Names for style sheets, accessibility tools and the tests.
    m_requestView->setObjectName(QStringLiteral("request"));
    m_responseView->setObjectName(QStringLiteral("response"));
    m_derivationView->setObjectName(QStringLiteral("derivation"));
    m_validation->setObjectName(QStringLiteral("validation"));
    m_responseChecks->setObjectName(QStringLiteral("responseChecks"));
    m_connection = new WrappingLabel(this);
    m_connection->setObjectName(QStringLiteral("connectionEnds"));
    m_connection->setWordWrap(true);
    m_connection->setTextFormat(Qt::PlainText);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connection->hide();

    // Each message box is as tall as its lines (up to a maximum, then it scrolls), with its verdict
    // right below it, so the request, the response and the derivation all fit the tab together
    // (about 950×430 px in a maximised window at 1366×768). A shorter tab scrolls as a whole.
    auto *content = new QWidget;
    auto *messages = new QSplitter(Qt::Horizontal, content);
    messages->setChildrenCollapsible(false);
    messages->addWidget(messageColumn(m_requestHeading, m_requestView, m_validation, messages));
    messages->addWidget(messageColumn(m_responseHeading, m_responseView, m_responseChecks, messages));

    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_connection);
    layout->addWidget(messages);
    layout->addWidget(m_derivationHeading);
    layout->addWidget(m_derivationView);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    for (QTextBrowser *browser : {m_requestView, m_responseView, m_derivationView}) {
        connect(browser->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
                [this, browser] { fitToContents(browser); });
    }
    retranslate();
    clear();
}

void HandshakeView::setRecords(const capture::CaptureRecord &request, const capture::CaptureRecord *response)
{
    m_connectionId = request.connectionId;
    m_noHandshake = false;
    m_request = request.wireBytes;
    m_response = response ? response->wireBytes : QByteArray();
    updateRequestHeading();
    render();
}

void HandshakeView::setExchange(const QByteArray &request, const QByteArray &response)
{
    m_connectionId = 0;
    m_noHandshake = false;
    m_request = request;
    m_response = response;
    updateRequestHeading();
    render();
}

void HandshakeView::showNoHandshake(quint64 connectionId)
{
    m_connectionId = connectionId;
    m_noHandshake = true;
    m_request.clear();
    m_response.clear();
    updateRequestHeading();
    render();
}

void HandshakeView::setConnection(const capture::CaptureRecord *opened)
{
    const bool named = opened && !opened->note.isEmpty() && !opened->serverAddress.isEmpty();
    m_clientAddress = named ? opened->note : QString();
    m_serverAddress = named ? opened->serverAddress : QString();
    m_tls = named ? opened->tls : nullptr;
    updateConnectionText();
}

void HandshakeView::updateConnectionText()
{
    m_connection->setVisible(!m_clientAddress.isEmpty());
    if (m_clientAddress.isEmpty())
        return;
    QStringList lines{tr("Between %1 (%2) and %3 (%4)").arg(m_clientAddress, clientLabel(), m_serverAddress, serverLabel())};
    if (m_tls) {
        // A wss:// server (a proxy's upstream, or the client's server): what the TLS handshake agreed
        // and whom the certificates name.
        lines << (m_tls->verified ? tr("TLS to the server: %1, %2, certificate verified")
                                  : tr("TLS to the server: %1, %2, certificate NOT verified (insecure)"))
                         .arg(m_tls->version, m_tls->cipher);
        for (qsizetype i = 0; i < m_tls->chain.size(); ++i)
            lines << tr("  certificate %1: %2, issued by %3")
                             .arg(i + 1)
                             .arg(m_tls->chain.at(i).subject, m_tls->chain.at(i).issuer);
    }
    m_connection->setText(lines.join(QLatin1Char('\n')));
}

QString HandshakeView::connectionText() const
{
    return m_connection->isHidden() ? QString() : m_connection->text();
}

void HandshakeView::clear()
{
    setConnection(nullptr);
    setExchange({}, {});
}

QString HandshakeView::requestHeadingText() const
{
    return m_requestHeading->text();
}

QWidget *HandshakeView::messageColumn(QLabel *heading, QTextBrowser *box, QLabel *verdict, QWidget *parent)
{
    auto *column = new QWidget(parent);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(box);
    layout->addWidget(verdict);
    layout->addStretch(1); // the shorter column keeps its verdict right under its box
    return column;
}

void HandshakeView::fitToContents(QTextBrowser *box)
{
    // Messages show at least a few lines and at most ten (a browser's request scrolls a little, so
    // the tab still fits with a CJK font's taller lines); the derivation table is shown whole.
    // Measured on the document's own layout: its lines are as tall as the fonts they are drawn
    // with (a monospace family, CJK fallbacks), not as the widget's font.
    const bool message = box != m_derivationView;
    const int minLines = message ? 3 : 1;
    const int maxLines = message ? 10 : 40;
    const QTextDocument *document = box->document();
    const int margin = qCeil(document->documentMargin());
    const int chrome = 2 * box->frameWidth();
    const int content = qCeil(document->size().height()) + chrome;
    box->setFixedHeight(std::clamp(content, bottomOfLine(document, minLines) + margin + chrome,
                                   bottomOfLine(document, maxLines) + margin + chrome));
}

void HandshakeView::setEnds(ConnectionEnds ends)
{
    if (ends == m_ends)
        return;
    m_ends = ends;
    retranslate();
}

// A capture file's ends are only known by role; live, the mode says who they are.
QString HandshakeView::clientLabel() const
{
    switch (m_ends) {
    case ConnectionEnds::BrowserAndWslab:
    case ConnectionEnds::BrowserAndUpstream:
        return tr("browser");
    case ConnectionEnds::WslabAndServer:
        return tr("wslab");
    case ConnectionEnds::ClientAndServer:
        break;
    }
    return tr("client");
}

QString HandshakeView::serverLabel() const
{
    return m_ends == ConnectionEnds::BrowserAndUpstream ? tr("upstream server") : tr("server");
}

void HandshakeView::retranslate()
{
    updateRequestHeading();
    updateConnectionText();
    m_responseHeading->setText(tr("<b>Response</b> (%1 → %2)").arg(serverLabel(), clientLabel()));
    m_derivationHeading->setText(tr("<b>Sec-WebSocket-Accept, step by step</b> (RFC 6455 §4.2.2)"));
}

void HandshakeView::updateRequestHeading()
{
    const QString text = m_connectionId == 0
            ? tr("<b>Request</b> (%1 → %2)").arg(clientLabel(), serverLabel())
            : tr("<b>Request</b> (%1 → %2), connection #%3").arg(clientLabel(), serverLabel()).arg(m_connectionId);
    if (text != m_requestHeading->text()) // a new text lays the tab out again
        m_requestHeading->setText(text);
}

void HandshakeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        render(); // the highlight colours come from the palette, the verdicts from the translator
    QWidget::changeEvent(event);
}

std::optional<bool> HandshakeView::acceptMatches() const
{
    if (!m_derivation || m_sentAccept.isEmpty())
        return std::nullopt;
    return m_derivation->accept == m_sentAccept;
}

QString HandshakeView::headerLinesHtml(const QList<HttpHeader> &headers) const
{
    const QPalette &pal = palette();
    QString html;
    for (const HttpHeader &header : headers) {
        QString style;
        if (isUpgradeHeader(header.name))
            style = QStringLiteral(" style=\"background-color:%1\"").arg(FieldColors::cssName(FieldId::PayloadLength, pal));
        else if (header.name.toLower().startsWith("sec-websocket-key") || header.name.toLower() == "sec-websocket-accept")
            style = QStringLiteral(" style=\"background-color:%1\"").arg(FieldColors::cssName(FieldId::MaskingKey, pal));
        else if (isWebSocketHeader(header.name))
            style = QStringLiteral(" style=\"background-color:%1\"").arg(FieldColors::cssName(FieldId::Opcode, pal));
        html += QStringLiteral("<span%1><b>%2</b>: %3</span><br>").arg(style, escaped(header.name), escaped(header.value));
    }
    return html;
}

void HandshakeView::render()
{
    m_derivation.reset();
    m_sentAccept.clear();
    m_responseErrors.reset();
    const QString pre = QStringLiteral("<div style=\"font-family:'%1'; white-space:pre-wrap\">%2</div>")
                                .arg(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
    const std::optional<protocol::HttpRequestHead> request = renderRequest(pre);
    renderResponse(pre, request);
    m_derivationView->setHtml(derivationText());
}

std::optional<protocol::HttpRequestHead> HandshakeView::renderRequest(const QString &pre)
{
    m_validation->clear();
    if (m_request.isEmpty()) {
        m_requestView->setHtml(pre.arg(
                m_noHandshake ? tr("Connection #%1 has no WebSocket opening handshake in the capture: it carried "
                                   "plain HTTP (the page, its files, polling), or its handshake rows were dropped "
                                   "from the table. Select a row of a WebSocket connection to see its handshake.")
                                        .arg(m_connectionId)
                                        .toHtmlEscaped()
                              : tr("Select an HTTP upgrade request to see the opening handshake.")));
        return std::nullopt;
    }
    // The request, through the protocol's parser and §4.2.1 validation.
    const auto parsed = protocol::HttpRequestParser::parse(m_request, m_request.size());
    if (parsed.status != protocol::HttpParseResult::Status::Complete) {
        m_requestView->setHtml(pre.arg(QString::fromLatin1(m_request).toHtmlEscaped()));
        m_validation->setText(tr("✗ Malformed HTTP request: %1")
                                      .arg(QCoreApplication::translate(protocol::httpParseErrorContext,
                                                                       protocol::httpParseErrorReason(parsed.error))));
        return std::nullopt;
    }
    const auto &head = parsed.head;
    // The numbers first: a later arg() would also replace a "%3" inside a percent-encoded target.
    m_requestView->setHtml(pre.arg(QStringLiteral("<b>%3 %4 HTTP/%1.%2</b><br>%5")
                                           .arg(QString::number(head.versionMajor), QString::number(head.versionMinor))
                                           .arg(escaped(head.method), escaped(head.target), headerLinesHtml(head.headers))));
    const auto checked = protocol::validateUpgradeRequest(head);
    if (const auto *error = std::get_if<protocol::HandshakeError>(&checked)) {
        m_validation->setText(tr("✗ Not a valid upgrade request: %1 (%2) → HTTP %3")
                                      .arg(QCoreApplication::translate(protocol::handshakeErrorContext,
                                                                       protocol::handshakeErrorReason(*error)),
                                           QString::fromUtf8(protocol::handshakeErrorReference(*error)))
                                      .arg(protocol::httpStatusFor(*error)));
    } else {
        m_validation->setText(tr("✓ A valid WebSocket upgrade request (RFC 6455 §4.2.1)."));
    }
    const QByteArray key = head.value("Sec-WebSocket-Key");
    if (!key.isEmpty())
        m_derivation = protocol::deriveAccept(key);
    return head;
}

void HandshakeView::renderResponse(const QString &pre, const std::optional<protocol::HttpRequestHead> &request)
{
    m_responseChecks->clear();
    if (m_response.isEmpty()) {
        m_responseView->setHtml(pre.arg(m_request.isEmpty() ? QString() : tr("(no response captured)")));
        return;
    }
    // The response as the server wrote it, read the way a client reads it. Every captured byte may
    // belong to the head, so a head that never ends is Incomplete rather than too large.
    const auto parsed = protocol::HttpResponseParser::parse(m_response, m_response.size() + 1);
    if (parsed.status != protocol::HttpResponseParseResult::Status::Complete) {
        m_responseView->setHtml(pre.arg(QString::fromLatin1(m_response).toHtmlEscaped()));
        if (parsed.status == protocol::HttpResponseParseResult::Status::Failed) {
            m_responseChecks->setText(tr("✗ Malformed HTTP response: %1 (%2)")
                                              .arg(QCoreApplication::translate(protocol::httpParseErrorContext,
                                                                               protocol::httpParseErrorReason(parsed.error)),
                                                   QString::fromUtf8(protocol::httpParseErrorReference(parsed.error))));
        } else {
            m_responseChecks->setText(tr("✗ Incomplete HTTP response: no empty line ends its head."));
        }
        return;
    }
    const auto &head = parsed.head;
    m_sentAccept = head.value("Sec-WebSocket-Accept");
    QString html = QStringLiteral("<b>HTTP/%1.%2 %3 %4</b><br>%5")
                           .arg(QString::number(head.versionMajor), QString::number(head.versionMinor),
                                QString::number(head.status), escaped(head.reasonPhrase), headerLinesHtml(head.headers));
    // A rejection's body names the rule the request broke (buildRejection()).
    if (const QByteArrayView body = QByteArrayView(m_response).sliced(head.size); !body.isEmpty())
        html += QStringLiteral("<br>") + QString::fromUtf8(body).toHtmlEscaped();
    m_responseView->setHtml(pre.arg(html));

    if (!request)
        return; // what the client offered is unknown, so there is nothing to check against
    m_responseErrors = protocol::validateUpgradeResponse(head, request->value("Sec-WebSocket-Key"),
                                                         protocol::splitHeaderList(request->value("Sec-WebSocket-Protocol")),
                                                         protocol::splitHeaderList(request->value("Sec-WebSocket-Extensions")));
    m_responseChecks->setText(checklistText(*m_responseErrors));
}

QString HandshakeView::checklistText(const QList<protocol::UpgradeResponseError> &failed) const
{
    QStringList lines;
    lines.append(failed.isEmpty()
                         ? tr("✓ The response completes the handshake: a client opens the connection (RFC 6455 §4.1).")
                         : tr("✗ The response does not complete the handshake: a client fails the connection (RFC 6455 §4.1)."));
    for (const ResponseCheck &check : responseChecks()) {
        const auto broken = std::find_first_of(failed.cbegin(), failed.cend(), check.brokenBy.cbegin(), check.brokenBy.cend());
        if (broken == failed.cend()) {
            lines.append(QStringLiteral("✓ %1").arg(tr(check.label)));
        } else {
            lines.append(tr("✗ %1: %2")
                                 .arg(tr(check.label),
                                      QCoreApplication::translate(protocol::upgradeResponseErrorContext,
                                                                  protocol::upgradeResponseErrorReason(*broken))));
        }
    }
    return lines.join(u'\n');
}

QString HandshakeView::derivationText() const
{
    if (m_noHandshake)
        return tr("No opening handshake, so there is nothing to derive.");
    if (!m_derivation)
        return tr("The request has no Sec-WebSocket-Key, so there is nothing to derive.");
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    const auto row = [&](const QString &step, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:12px\">%1</td><td style=\"font-family:'%2'\">%3</td></tr>")
                .arg(step, mono, value);
    };
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    html += row(tr("1. Sec-WebSocket-Key (as sent)"), escaped(m_derivation->key));
    html += row(tr("2. key + GUID %1").arg(QLatin1StringView(protocol::websocketGuid)), escaped(m_derivation->keyWithGuid));
    html += row(tr("3. SHA-1 of that text (hex)"), escaped(m_derivation->sha1Hex));
    html += row(tr("4. base64 of the 20 SHA-1 bytes"), QStringLiteral("<b>%1</b>").arg(escaped(m_derivation->accept)));
    if (m_sentAccept.isEmpty()) {
        html += row(tr("5. Sec-WebSocket-Accept sent"), tr("none"));
    } else {
        html += row(tr("5. Sec-WebSocket-Accept sent"),
                    QStringLiteral("%1 %2").arg(escaped(m_sentAccept), acceptVerdict(m_derivation->accept == m_sentAccept)));
    }
    html += QStringLiteral("</table>");
    return html;
}

// The accept is one of the client's §4.1 checks: a matching accept opens the connection only when
// the rest of the response passes too.
QString HandshakeView::acceptVerdict(bool match) const
{
    if (!match)
        return tr("✗ differs: a client must fail the connection (RFC 6455 §4.1)");
    if (!m_responseErrors)
        return tr("✓ matches the key");
    if (m_responseErrors->isEmpty())
        return tr("✓ matches: the client accepts the connection");
    return tr("✓ matches the key, but the response fails another check (%1), so the client still fails the "
              "connection: it sends no frame (a browser reports the error to the page) (RFC 6455 §4.1)")
            .arg(QCoreApplication::translate(protocol::upgradeResponseErrorContext,
                                             protocol::upgradeResponseErrorReason(m_responseErrors->constFirst())));
}

QString HandshakeView::validationText() const
{
    return m_validation->text();
}

QString HandshakeView::responseChecksText() const
{
    return m_responseChecks->text();
}

QString HandshakeView::requestHtml() const
{
    return m_requestView->toHtml();
}

QString HandshakeView::responseHtml() const
{
    return m_responseView->toHtml();
}

} // namespace wslab::inspector
