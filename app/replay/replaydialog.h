#pragma once

#include "client/replayplan.h"
#include "client/serverurl.h"

#include <QDialog>

#include <optional>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
QT_END_NAMESPACE

namespace wslab::app {

// What a replay of a capture view's selection should do, as the user chose it.
struct ReplayRequest
{
    client::ServerUrl url;
    client::ReplayScope scope = client::ReplayScope::Connection;
    bool originalTiming = false;
};

// Asks where to replay the selection (a ws:// or wss:// URL), what of it (the selected frames,
// their messages, or the whole connection) and whether to keep the recorded timing. OK stays off
// until the URL is one a client can connect to; the reason shows under it.
class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    ReplayDialog(const QString &url, int selectedFrames, QWidget *parent = nullptr);

    [[nodiscard]] std::optional<ReplayRequest> request() const;

private:
    void check();

    QLineEdit *m_url;
    QLabel *m_problem;
    QRadioButton *m_frames;
    QRadioButton *m_messages;
    QRadioButton *m_connection;
    QCheckBox *m_timing;
    QDialogButtonBox *m_buttons;
};

} // namespace wslab::app
