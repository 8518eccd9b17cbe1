#include "app/client/clientconnectiondialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace wslab::app {

namespace {

QLabel *errorLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28)); // reads on light and dark
    label->setPalette(palette);
    label->hide();
    return label;
}

} // namespace

ClientConnectionDialog::ClientConnectionDialog(const ClientPreferences &preferences, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("clientConnectionDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_url = new QLineEdit(preferences.url, this);
    m_url->setObjectName(QStringLiteral("clientUrl"));
    m_url->setPlaceholderText(QStringLiteral("ws://127.0.0.1:8765/"));
    m_urlError = errorLabel(this, QStringLiteral("clientUrlError"));
    m_headers = new QPlainTextEdit(preferences.headers, this);
    m_headers->setObjectName(QStringLiteral("clientHeaders"));
    m_headers->setTabChangesFocus(true);
    m_headers->setPlaceholderText(QStringLiteral("Origin: http://127.0.0.1\nAuthorization: Bearer …"));
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 3 + 12);
    m_headersError = errorLabel(this, QStringLiteral("clientHeadersError"));
    m_subprotocols = new QLineEdit(preferences.subprotocols, this);
    m_subprotocols->setObjectName(QStringLiteral("clientSubprotocols"));
    m_subprotocols->setPlaceholderText(QStringLiteral("chat, superchat"));
    m_subprotocolsError = errorLabel(this, QStringLiteral("clientSubprotocolsError"));
    m_deflate = new QCheckBox(this);
    m_deflate->setObjectName(QStringLiteral("clientDeflate"));
    m_deflate->setChecked(preferences.offerDeflate);

    m_caRow = new QWidget(this);
    m_caFile = new QLineEdit(preferences.caFile, m_caRow);
    m_caFile->setObjectName(QStringLiteral("clientCaFile"));
    m_caBrowse = new QPushButton(m_caRow);
    auto *caLayout = new QHBoxLayout(m_caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(m_caBrowse);
    m_caError = errorLabel(this, QStringLiteral("clientCaError"));
    m_insecure = new QCheckBox(this);
    m_insecure->setObjectName(QStringLiteral("clientInsecure"));
    m_insecure->setChecked(preferences.insecure);
    m_insecureWarning = errorLabel(this, QStringLiteral("clientInsecureWarning"));

    m_urlLabel = new QLabel(this);
    m_urlLabel->setBuddy(m_url);
    m_headersLabel = new QLabel(this);
    m_headersLabel->setBuddy(m_headers);
    m_subprotocolsLabel = new QLabel(this);
    m_subprotocolsLabel->setBuddy(m_subprotocols);
    m_caLabel = new QLabel(this);
    m_caLabel->setBuddy(m_caFile);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(m_urlLabel, m_url);
    m_form->addRow(QString(), m_urlError);
    m_form->addRow(m_headersLabel, m_headers);
    m_form->addRow(QString(), m_headersError);
    m_form->addRow(m_subprotocolsLabel, m_subprotocols);
    m_form->addRow(QString(), m_subprotocolsError);
    m_form->addRow(QString(), m_deflate);
    m_form->addRow(m_caLabel, m_caRow);
    m_form->addRow(QString(), m_caError);
    m_form->addRow(QString(), m_insecure);
    m_form->addRow(QString(), m_insecureWarning);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ClientConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, [this] {
        checkUrl();
        updateTlsFields();
    });
    connect(m_headers, &QPlainTextEdit::textChanged, this, [this] { hideNote(m_headersError); });
    connect(m_subprotocols, &QLineEdit::textChanged, this, [this] { hideNote(m_subprotocolsError); });
    connect(m_caFile, &QLineEdit::textChanged, this, [this] { hideNote(m_caError); });
    connect(m_insecure, &QCheckBox::toggled, this, &ClientConnectionDialog::updateTlsFields);
    connect(m_caBrowse, &QPushButton::clicked, this, &ClientConnectionDialog::chooseCaFile);

    retranslateUi();
    updateTlsFields();
    if (!preferences.url.isEmpty())
        checkUrl();
    m_url->setFocus();
    // Room for a URL with a path and for the notes under the fields without wrapping every word.
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
}

void ClientConnectionDialog::fitHeight()
{
    // A note shown under a field needs height: the dialog grows rather than squeeze the fields, and
    // gives the height back when the note goes (the URL's comes and goes as it is typed), unless the
    // user has sized the dialog, whose height then only grows.
    if (!isVisible())
        return;
    if (m_fittedHeight != 0 && height() != m_fittedHeight)
        m_userSized = true;
    layout()->activate();
    const int wanted = sizeHint().height();
    resize(width(), m_userSized ? std::max(height(), wanted) : wanted);
    m_fittedHeight = height();
}

void ClientConnectionDialog::hideNote(QLabel *note)
{
    if (note->isHidden())
        return;
    note->hide();
    fitHeight();
}

void ClientConnectionDialog::retranslateUi()
{
    setWindowTitle(tr("New Client Connection"));
    m_intro->setText(tr("wslab connects to your server as a browser would. The Chat and Composer panels talk to "
                        "it; the inspector shows both directions, frames from wslab masked (RFC 6455 §5.3)."));
    m_urlLabel->setText(tr("Server &URL:"));
    m_headersLabel->setText(tr("Extra &headers:"));
    m_headers->setToolTip(tr("Header fields added to the opening handshake, one \"Name: value\" a line"));
    m_subprotocolsLabel->setText(tr("&Subprotocols:"));
    m_subprotocols->setToolTip(tr("Offered in Sec-WebSocket-Protocol, in order of preference (RFC 6455 §1.9)"));
    m_deflate->setText(tr("Offer permessage-&deflate (RFC 7692)"));
    m_caLabel->setText(tr("&CA file (wss):"));
    m_caFile->setPlaceholderText(QStringLiteral("ca.pem"));
    m_caFile->setToolTip(tr("PEM certificates trusted beside the system's"));
    m_caBrowse->setText(tr("Browse…"));
    m_insecure->setText(tr("&Insecure: do not check the server's certificate (wss)"));
    m_insecureWarning->setText(tr("⚠ Anyone between you and the server can read and change this connection. Use "
                                  "it only for a test server whose certificate you cannot trust otherwise."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_chooseOnly ? tr("&Use This Server") : tr("C&onnect"));
}

void ClientConnectionDialog::updateTlsFields()
{
    // A CA file and "insecure" only mean something for TLS (RFC 6455 §3: wss).
    const bool secure = preferences().isSecure();
    m_insecure->setEnabled(secure);
    m_caFile->setEnabled(secure && !m_insecure->isChecked());
    m_caBrowse->setEnabled(m_caFile->isEnabled());
    m_insecureWarning->setVisible(secure && m_insecure->isChecked());
    fitHeight();
}

void ClientConnectionDialog::checkUrl()
{
    hideNote(m_urlError);
    if (m_url->text().trimmed().isEmpty())
        return;
    ClientPreferences::Problem problem;
    ClientPreferences urlOnly;
    urlOnly.url = m_url->text();
    if (!urlOnly.toClientSettings(&problem))
        showProblem(problem);
}

ClientPreferences ClientConnectionDialog::preferences() const
{
    ClientPreferences preferences;
    preferences.url = m_url->text().trimmed();
    preferences.headers = m_headers->toPlainText();
    preferences.subprotocols = m_subprotocols->text().trimmed();
    preferences.offerDeflate = m_deflate->isChecked();
    preferences.caFile = m_caFile->text().trimmed();
    preferences.insecure = m_insecure->isChecked();
    return preferences;
}

void ClientConnectionDialog::showProblem(const ClientPreferences::Problem &problem)
{
    QLabel *label = m_urlError;
    QWidget *field = m_url;
    switch (problem.field) {
    case ClientPreferences::Field::Url:
        break;
    case ClientPreferences::Field::Headers:
        label = m_headersError;
        field = m_headers;
        break;
    case ClientPreferences::Field::Subprotocols:
        label = m_subprotocolsError;
        field = m_subprotocols;
        break;
    case ClientPreferences::Field::CaFile:
        label = m_caError;
        field = m_caFile;
        break;
    }
    label->setText(tr("⚠ %1.").arg(problem.text));
    label->show();
    fitHeight();
    if (isVisible() && !m_url->hasFocus())
        field->setFocus();
}

void ClientConnectionDialog::clearProblems()
{
    for (QLabel *label : {m_urlError, m_headersError, m_subprotocolsError, m_caError})
        label->hide();
}

QString ClientConnectionDialog::problemText() const
{
    for (QLabel *label : {m_urlError, m_headersError, m_subprotocolsError, m_caError}) {
        if (!label->isHidden())
            return label->text();
    }
    return {};
}

void ClientConnectionDialog::accept()
{
    clearProblems();
    ClientPreferences::Problem problem;
    const auto settings = preferences().toClientSettings(&problem);
    if (!settings) {
        showProblem(problem);
        return;
    }
    m_settings = *settings;
    QDialog::accept();
}

void ClientConnectionDialog::chooseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

void ClientConnectionDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_fittedHeight = height(); // the height the dialog opens with is its own, not the user's
}

void ClientConnectionDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ClientConnectionDialog::setChooseOnly(bool chooseOnly)
{
    m_chooseOnly = chooseOnly;
    retranslateUi();
}

} // namespace wslab::app
