#pragma once

#include "app/settings/connectionmode.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace wslab::app {

// Shown on the first start: the three things to do to see a WebSocket frame, in the mode the app
// starts in. `url` is the page (embedded server, proxy: wslab's own address); `peerUrl` the other
// end wslab talks to (proxy: the upstream; client: the server).
class WelcomeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WelcomeDialog(const QString &url, QWidget *parent = nullptr);
    WelcomeDialog(ConnectionMode mode, const QString &url, const QString &peerUrl, QWidget *parent = nullptr);

    [[nodiscard]] QString stepsText() const;

Q_SIGNALS:
    void openBrowserRequested();
    void lessonsRequested(); // the guided path, in the Lessons tab

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    [[nodiscard]] QString steps() const;

    ConnectionMode m_mode = ConnectionMode::EmbeddedServer;
    QString m_url;
    QString m_peerUrl;
    QLabel *m_title = nullptr;
    QLabel *m_steps = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_lessons = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace wslab::app
