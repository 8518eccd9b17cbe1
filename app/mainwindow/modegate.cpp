#include "app/mainwindow/modegate.h"

#include <QLabel>
#include <QVBoxLayout>

namespace wslab::app {

ModeGate::ModeGate(QWidget *content, QWidget *parent)
    : QWidget(parent)
    , m_content(content)
{
    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("modeGateReason"));
    m_reason->setWordWrap(true);
    m_reason->setMargin(6);
    m_reason->setAutoFillBackground(true);
    // The notice colours of the main window's "port is busy" bar: read as "this is why".
    QPalette palette = m_reason->palette();
    palette.setColor(QPalette::Window, QColor(0xfc, 0xe8, 0xb2));
    palette.setColor(QPalette::WindowText, QColor(0x3c, 0x2a, 0x00));
    m_reason->setPalette(palette);
    m_reason->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_reason);
    layout->addWidget(m_content, 1);
}

bool ModeGate::isClosed() const
{
    return !m_reason->isHidden();
}

QString ModeGate::reason() const
{
    return isClosed() ? m_reason->text() : QString();
}

void ModeGate::setClosedReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    m_content->setEnabled(reason.isEmpty());
}

} // namespace wslab::app
