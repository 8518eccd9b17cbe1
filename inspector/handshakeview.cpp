#include "handshakeview.h"

#include "fieldcolors.h"
#include "payloadpreview.h"

#include "server/protocol/handshake.h"
#include "server/protocol/httprequestparser.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

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

} // namespace

HandshakeView::HandshakeView(QWidget *parent)
    : QWidget(parent)
    , m_requestView(new QTextBrowser(this))
    , m_responseView(new QTextBrowser(this))
    , m_validation(new QLabel(this))
    , m_derivationView(new QTextBrowser(this))
{
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QTextBrowser *browser : {m_requestView, m_responseView, m_derivationView})
        browser->setOpenLinks(false);

    auto *messages = new QSplitter(Qt::Horizontal, this);
    auto *requestBox = new QWidget(messages);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(new QLabel(tr("<b>Request</b> (browser → server)"), requestBox));
    requestLayout->addWidget(m_requestView);
    auto *responseBox = new QWidget(messages);
    auto *responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->addWidget(new QLabel(tr("<b>Response</b> (server → browser)"), responseBox));
    responseLayout->addWidget(m_responseView);
    messages->addWidget(requestBox);
    messages->addWidget(responseBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(messages, 3);
    layout->addWidget(m_validation);
    layout->addWidget(new QLabel(tr("<b>Sec-WebSocket-Accept, step by step</b> (RFC 6455 §4.2.2)"), this));
    layout->addWidget(m_derivationView, 2);
    clear();
}

std::optional<HandshakeView::ResponseHead> HandshakeView::readResponseHead(const QByteArray &response)
{
    const qsizetype lineEnd = response.indexOf('\n');
    if (lineEnd < 0)
        return std::nullopt;
    ResponseHead head;
    head.statusLine = PayloadPreview::firstLine(response);
    const QByteArray asRequest = QByteArray("GET / HTTP/1.1\r\n") + response.mid(lineEnd + 1);
    const auto parsed = protocol::HttpRequestParser::parse(asRequest, asRequest.size());
    if (parsed.status != protocol::HttpParseResult::Status::Complete)
        return std::nullopt;
    head.headers = parsed.head.headers;
    return head;
}

void HandshakeView::setRecords(const server::CaptureRecord &request, const server::CaptureRecord *response)
{
    setExchange(request.wireBytes, response ? response->wireBytes : QByteArray());
}

void HandshakeView::setExchange(const QByteArray &request, const QByteArray &response)
{
    m_request = request;
    m_response = response;
    render();
}

void HandshakeView::clear()
{
    m_request.clear();
    m_response.clear();
    render();
}

void HandshakeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        render(); // the highlight colours come from the palette
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
    const QString pre = QStringLiteral("<div style=\"font-family:'%1'; white-space:pre-wrap\">%2</div>")
                                .arg(QFontDatabase::systemFont(QFontDatabase::FixedFont).family());

    // The request, through the protocol's parser and §4.2.1 validation.
    QString validation;
    if (m_request.isEmpty()) {
        m_requestView->setHtml(pre.arg(tr("Select an HTTP upgrade request to see the opening handshake.")));
    } else {
        const auto parsed = protocol::HttpRequestParser::parse(m_request, m_request.size());
        if (parsed.status == protocol::HttpParseResult::Status::Complete) {
            const auto &head = parsed.head;
            m_requestView->setHtml(pre.arg(QStringLiteral("<b>%1 %2 HTTP/%3.%4</b><br>%5")
                                                   .arg(escaped(head.method), escaped(head.target))
                                                   .arg(head.versionMajor)
                                                   .arg(head.versionMinor)
                                                   .arg(headerLinesHtml(head.headers))));
            const auto checked = protocol::validateUpgradeRequest(head);
            if (const auto *error = std::get_if<protocol::HandshakeError>(&checked)) {
                validation = tr("✗ Not a valid upgrade request: %1 (%2) → HTTP %3")
                                     .arg(QCoreApplication::translate(protocol::handshakeErrorContext,
                                                                      protocol::handshakeErrorReason(*error)),
                                          QLatin1StringView(protocol::handshakeErrorReference(*error)))
                                     .arg(protocol::httpStatusFor(*error));
            } else {
                validation = tr("✓ A valid WebSocket upgrade request (RFC 6455 §4.2.1).");
            }
            const QByteArray key = head.value("Sec-WebSocket-Key");
            if (!key.isEmpty())
                m_derivation = protocol::deriveAccept(key);
        } else {
            m_requestView->setHtml(pre.arg(QString::fromLatin1(m_request).toHtmlEscaped()));
            validation = tr("✗ Malformed HTTP request: %1")
                                 .arg(QCoreApplication::translate(protocol::httpParseErrorContext,
                                                                  protocol::httpParseErrorReason(parsed.error)));
        }
    }

    // The response as the server wrote it.
    if (m_response.isEmpty()) {
        m_responseView->setHtml(pre.arg(m_request.isEmpty() ? QString() : tr("(no response captured)")));
    } else if (const auto head = readResponseHead(m_response)) {
        for (const HttpHeader &header : head->headers) {
            if (header.name.compare("Sec-WebSocket-Accept", Qt::CaseInsensitive) == 0)
                m_sentAccept = header.value;
        }
        m_responseView->setHtml(pre.arg(QStringLiteral("<b>%1</b><br>%2")
                                                .arg(head->statusLine.toHtmlEscaped(), headerLinesHtml(head->headers))));
    } else {
        m_responseView->setHtml(pre.arg(QString::fromLatin1(m_response).toHtmlEscaped()));
    }
    m_validation->setText(validation);
    m_derivationView->setHtml(derivationText());
}

QString HandshakeView::derivationText() const
{
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
        const bool match = m_derivation->accept == m_sentAccept;
        html += row(tr("5. Sec-WebSocket-Accept sent"),
                    QStringLiteral("%1 %2").arg(escaped(m_sentAccept),
                                                match ? tr("✓ matches: the browser accepts the connection")
                                                      : tr("✗ differs: a browser must fail the connection (RFC 6455 §4.1)")));
    }
    html += QStringLiteral("</table>");
    return html;
}

QString HandshakeView::validationText() const
{
    return m_validation->text();
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
