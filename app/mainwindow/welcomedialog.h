#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace wslab::app {

// Shown on the first start: the three things to do to see a WebSocket frame.
class WelcomeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WelcomeDialog(const QString &url, QWidget *parent = nullptr);

Q_SIGNALS:
    void openBrowserRequested();
    void lessonsRequested(); // the guided path, in the Lessons tab

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_url;
    QLabel *m_title = nullptr;
    QLabel *m_steps = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_lessons = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace wslab::app
