#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace wslab::app {

// A pane that only works in some connection modes (the Chat pane answers browsers only as the
// embedded server): over it a one-line reason, and the pane greyed out, rather than buttons that
// silently do nothing.
class ModeGate : public QWidget
{
    Q_OBJECT
public:
    explicit ModeGate(QWidget *content, QWidget *parent = nullptr);

    [[nodiscard]] QWidget *content() const { return m_content; }
    [[nodiscard]] bool isClosed() const;
    [[nodiscard]] QString reason() const;

    // An empty reason opens the pane; any other closes it and says why.
    void setClosedReason(const QString &reason);

private:
    QWidget *m_content = nullptr;
    QLabel *m_reason = nullptr;
};

} // namespace wslab::app
