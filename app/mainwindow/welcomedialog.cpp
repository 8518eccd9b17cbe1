#include "app/mainwindow/welcomedialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wslab::app {

WelcomeDialog::WelcomeDialog(const QString &url, QWidget *parent)
    : WelcomeDialog(ConnectionMode::EmbeddedServer, url, QString(), parent)
{
}

WelcomeDialog::WelcomeDialog(ConnectionMode mode, const QString &url, const QString &peerUrl, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_url(url)
    , m_peerUrl(peerUrl)
{
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/wslab.svg")).pixmap(64, 64));
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_steps = new QLabel(this);
    m_steps->setWordWrap(true);
    m_steps->setTextFormat(Qt::RichText);
    m_steps->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_steps->setOpenExternalLinks(false);
    m_steps->setMinimumWidth(m_steps->fontMetrics().averageCharWidth() * 80);

    auto *buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_open->setDefault(true);
    m_lessons = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_lessons->setObjectName(QStringLiteral("startLessons"));
    m_close = buttons->addButton(QString(), QDialogButtonBox::RejectRole);

    auto *header = new QHBoxLayout;
    header->addWidget(icon);
    header->addWidget(m_title, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_steps);
    layout->addWidget(buttons);

    connect(m_open, &QPushButton::clicked, this, [this] {
        Q_EMIT openBrowserRequested();
        accept();
    });
    connect(m_lessons, &QPushButton::clicked, this, [this] {
        Q_EMIT lessonsRequested();
        accept();
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_steps, &QLabel::linkActivated, this, [this] { Q_EMIT openBrowserRequested(); });
    retranslateUi();
}

void WelcomeDialog::retranslateUi()
{
    setWindowTitle(tr("Welcome"));
    m_title->setText(tr("Welcome to WebSocket Lab"));
    m_steps->setText(steps()
                     + tr("<p>New to WebSocket? The <b>Lessons</b> tab leads you through RFC 6455 step by step and "
                          "ticks each task when the capture shows you did it.</p>"));
    // A client serves no page: nothing to open in a browser.
    m_open->setVisible(m_mode != ConnectionMode::Client);
    m_open->setDefault(m_mode != ConnectionMode::Client);
    m_lessons->setDefault(m_mode == ConnectionMode::Client);
    m_open->setText(tr("Open in browser"));
    m_lessons->setText(tr("Start the Lessons"));
    m_close->setText(tr("Close"));
}

QString WelcomeDialog::stepsText() const
{
    return m_steps->text();
}

QString WelcomeDialog::steps() const
{
    const QString link = m_url.isEmpty() ? tr("the page") : QStringLiteral("<a href=\"%1\">%1</a>").arg(m_url.toHtmlEscaped());
    const QString peer = m_peerUrl.isEmpty() ? tr("your server") : QStringLiteral("<b>%1</b>").arg(m_peerUrl.toHtmlEscaped());
    if (m_mode == ConnectionMode::Proxy)
        return tr("<p>wslab runs as a proxy in front of %2: it relays every connection byte for byte and shows "
                  "every frame of both ends.</p>"
                  "<ol>"
                  "<li><b>Open your app through wslab</b>: %1 (instead of its own address).</li>"
                  "<li><b>Use your app</b> as usual.</li>"
                  "<li><b>Watch the frames of both ends</b> in the frames table: your browser's, masked, and your "
                  "server's; click one to see its bits, its bytes and what they mean.</li>"
                  "</ol>"
                  "<p>Hold, edit, drop or inject frames in the Intercept pane.</p>")
                .arg(link, peer);
    if (m_mode == ConnectionMode::Client)
        return tr("<p>wslab is a client of %1: it connects as a browser would and shows every byte both ends "
                  "send.</p>"
                  "<ol>"
                  "<li><b>Send a message</b> to %1 from the Chat pane on the right: text, binary, large or "
                  "fragmented, a ping or a close.</li>"
                  "<li><b>Craft frames</b> in the Composer, valid or broken on purpose, and see whether the server "
                  "reacts as RFC 6455 requires.</li>"
                  "<li><b>Watch the frames</b> in the frames table; click one to see its bits and bytes.</li>"
                  "</ol>"
                  "<p>File ▸ New Client Connection connects to another server.</p>")
                .arg(peer);
    return tr("<p>This app runs a small chat server and shows every byte that crosses the wire.</p>"
                        "<ol>"
                        "<li><b>Open the page in your browser</b>: %1</li>"
                        "<li><b>Send a message</b> from the page.</li>"
                        "<li><b>Watch the frame arrive</b> in the frames table; click it to see its bits, "
                        "its bytes and the XOR that unmasks it back to your text (compression stays off "
                        "until you switch it on in the toolbar).</li>"
                        "</ol>"
                        "<p>Answer from the Chat pane on the right, or craft frames of your own, valid or not, "
                        "in the Composer.</p>")
            .arg(link);
}

void WelcomeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wslab::app
