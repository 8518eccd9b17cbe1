#include "app/mainwindow/welcomedialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wslab::app {

WelcomeDialog::WelcomeDialog(const QString &url, QWidget *parent)
    : QDialog(parent)
    , m_url(url)
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
    const QString link = m_url.isEmpty() ? tr("the page") : QStringLiteral("<a href=\"%1\">%1</a>").arg(m_url.toHtmlEscaped());
    m_steps->setText(tr("<p>This app runs a small chat server and shows every byte that crosses the wire.</p>"
                        "<ol>"
                        "<li><b>Open the page in your browser</b>: %1</li>"
                        "<li><b>Send a message</b> from the page.</li>"
                        "<li><b>Watch the frame arrive</b> in the frames table; click it to see its bits, "
                        "its bytes and the XOR that unmasks it back to your text (compression stays off "
                        "until you switch it on in the toolbar).</li>"
                        "</ol>"
                        "<p>Answer from the Chat pane on the right, or craft frames of your own, valid or not, "
                        "in the Composer.</p>")
                             .arg(link)
                     + tr("<p>New to WebSocket? The <b>Lessons</b> tab leads you through RFC 6455 step by step and "
                          "ticks each task when the capture shows you did it.</p>"));
    m_open->setText(tr("Open in browser"));
    m_lessons->setText(tr("Start the Lessons"));
    m_close->setText(tr("Close"));
}

void WelcomeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wslab::app
