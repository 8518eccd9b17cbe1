#pragma once

#include "capture/capturerecord.h"
#include "inspector/explainpanel.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QTableView;
QT_END_NAMESPACE

namespace wslab::inspector {
class CaptureFilterProxy;
class FrameCaptureModel;
class FrameDetailPane;
class HandshakeView;
class TimelineView;
} // namespace wslab::inspector

namespace wslab::app {

class FilterBar;

// One capture on show: its model and filter, the filter bar over the frames table, and the views of
// the selected row (frame detail, handshake, timeline), wired together. The live window and a
// file's window each own one, so both show a capture through the very same views. The widget
// itself is the filter bar and the table; the host places the other views (docks, tabs) where it
// likes — they stay wired wherever they go.
class CaptureView : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureView(QWidget *parent = nullptr);

    [[nodiscard]] inspector::FrameCaptureModel *model() const { return m_model; }
    [[nodiscard]] inspector::CaptureFilterProxy *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] FilterBar *filterBar() const { return m_filterBar; }
    [[nodiscard]] inspector::FrameDetailPane *detailPane() const { return m_detail; }
    [[nodiscard]] inspector::HandshakeView *handshakeView() const { return m_handshake; }
    [[nodiscard]] inspector::TimelineView *timelineView() const { return m_timeline; }
    // The record of the current row, or none.
    // A copy: the file window's records are read back from disk (capture::RecordStore).
    [[nodiscard]] std::optional<capture::CaptureRecord> currentRecord() const;

    [[nodiscard]] static bool isUpgradeRequest(const capture::CaptureRecord &record);

    // Replay (client::ReplayPlan): the ids of the selected rows' records, every record of one
    // connection the model holds, and the table's "Replay…" action (also in its context menu).
    [[nodiscard]] QSet<quint64> selectedRecordIds() const;
    [[nodiscard]] QList<capture::CaptureRecord> recordsOf(quint64 connectionId) const;
    [[nodiscard]] QAction *replayAction() const { return m_replayAction; }

public Q_SLOTS:
    // Rows for the model, and the upgrade request and answer of each connection for the handshake view.
    void appendBatch(const wslab::capture::CaptureBatch &batch);
    void clear();
    void selectRow(int proxyRow);
    void selectRecord(quint64 recordId);
    void selectFirst();
    void selectPrevious();
    void selectNext();
    void selectLast();
    // Shows the current row again in the detail views (after a language change, say).
    void refreshCurrent();
    void fitTableColumns();
    // Who the conversations' two ends are, for the explanation of the selected row.
    void setEnds(wslab::inspector::ExplainPanel::Ends ends);

Q_SIGNALS:
    void currentRecordChanged();
    // "Replay…" was chosen with a row of `connectionId` current.
    void replayRequested(quint64 connectionId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createTable();
    void showHandshakeOf(quint64 connectionId);
    [[nodiscard]] QString connectionSample() const;

    inspector::FrameCaptureModel *m_model = nullptr;
    inspector::CaptureFilterProxy *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    FilterBar *m_filterBar = nullptr;
    inspector::FrameDetailPane *m_detail = nullptr;
    inspector::HandshakeView *m_handshake = nullptr;
    inspector::TimelineView *m_timeline = nullptr;
    QAction *m_replayAction = nullptr;
    bool m_followTail = true;
    QString m_widestConnection; // the longest Conn. text so far ("#3 127.0.0.1:54012 → ws://…")
    // Each WebSocket connection's upgrade request and its answer (record ids), for the handshake view.
    struct HandshakeIds
    {
        quint64 request = 0;
        quint64 response = 0;
    };
    QHash<quint64, HandshakeIds> m_handshakes;
    QHash<quint64, quint64> m_openedIds; // connection → its ConnectionOpened record (both ends, TLS)
};

} // namespace wslab::app
