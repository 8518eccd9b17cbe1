#pragma once

#include "app/transports/transportstyle.h"

#include "server/transportstats.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <array>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace wslab::app {

class AutoDemoDialog;

// The "Transports" dock: what each transport costs right now, side by side (TransportStyle
// order), from the server's TransportStats: clients, requests (frames for WebSocket), wasted
// requests, header and payload bytes, delivery latency. A button opens the auto demo.
class TransportPanel : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString label;
        QString toolTip;
        std::array<QString, TransportStyle::count> cells;
    };

    explicit TransportPanel(QWidget *parent = nullptr);
    ~TransportPanel() override;

    // The table's text for these figures: pure, so a test reads exactly what the user reads.
    [[nodiscard]] static QList<Row> rows(const server::TransportStats &stats);
    [[nodiscard]] const server::TransportStats &stats() const noexcept { return m_stats; }
    [[nodiscard]] QTableWidget *table() const noexcept { return m_table; }

public Q_SLOTS:
    void setStats(const wslab::server::TransportStats &stats);
    // ServerHost::listening(url, port): where the auto demo's clients connect.
    void setServerAddress(const QString &url, quint16 port);
    void showDemo();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refresh();
    void updateHeaderIcons();
    void fitTable();

    server::TransportStats m_stats;
    QTableWidget *m_table;
    QLabel *m_note;
    QPushButton *m_demoButton;
    QPointer<AutoDemoDialog> m_dialog;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
};

} // namespace wslab::app
