#include "app/replay/replaydialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace wslab::app {

ReplayDialog::ReplayDialog(const QString &url, int selectedFrames, QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(url, this))
    , m_problem(new QLabel(this))
    , m_frames(new QRadioButton(tr("The selected frames (%n)", nullptr, selectedFrames), this))
    , m_messages(new QRadioButton(tr("Their whole messages, with the control frames sent between"), this))
    , m_connection(new QRadioButton(tr("The whole connection, up to its close"), this))
    , m_timing(new QCheckBox(tr("Keep the recorded time between frames"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Replay"));
    m_url->setObjectName(QStringLiteral("replayUrl"));
    m_url->setPlaceholderText(QStringLiteral("ws://127.0.0.1:8080/"));
    m_problem->setWordWrap(true);
    m_connection->setChecked(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Replay"));

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_url);
    form->addRow(QString(), m_problem);
    auto *what = new QVBoxLayout;
    what->addWidget(m_frames);
    what->addWidget(m_messages);
    what->addWidget(m_connection);
    form->addRow(tr("Send:"), what);
    form->addRow(QString(), m_timing);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The recorded opening handshake goes to the server with a new Host and "
                                "Sec-WebSocket-Key, then the client's frames exactly as recorded. The new "
                                "connection shows in the live window."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &ReplayDialog::check);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    check();
}

std::optional<ReplayRequest> ReplayDialog::request() const
{
    const auto parsed = client::ServerUrl::parse(m_url->text().trimmed());
    if (!std::holds_alternative<client::ServerUrl>(parsed))
        return std::nullopt;
    ReplayRequest request;
    request.url = std::get<client::ServerUrl>(parsed);
    request.scope = m_frames->isChecked() ? client::ReplayScope::Frames
            : m_messages->isChecked()     ? client::ReplayScope::Messages
                                          : client::ReplayScope::Connection;
    request.originalTiming = m_timing->isChecked();
    return request;
}

void ReplayDialog::check()
{
    const auto parsed = client::ServerUrl::parse(m_url->text().trimmed());
    const auto *error = std::get_if<client::ServerUrlError>(&parsed);
    m_problem->setText(error ? QCoreApplication::translate(client::serverUrlErrorContext, client::serverUrlErrorReason(*error))
                             : QString());
    m_problem->setVisible(error != nullptr);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error == nullptr);
}

} // namespace wslab::app
