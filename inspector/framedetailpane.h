#pragma once

#include "fragmentgrouper.h"

#include "capture/capturerecord.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QToolButton;
QT_END_NAMESPACE

namespace wslab::inspector {

class BitDiagramView;
class ExplainPanel;
class HexView;
class InterventionView;
class PayloadView;
class UnmaskingTable;

// Everything about the selected record in one pane: the bit diagram, the hex view, and tabs for
// the narration, the payload, the unmasking table and the message its fragments form. This is the
// one place the detail widgets are wired together; they only know byte offsets and field ids.
// "Next field" walks the parse FIN → RSV → opcode → MASK → length → extended length → key →
// payload, highlighting each in the diagram, the hex view and the narration at once.
class FrameDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit FrameDetailPane(QWidget *parent = nullptr);

    // `number`: the record's row number as the table shows it (FrameCaptureModel::number()).
    void showRecord(const capture::CaptureRecord &record, quint64 number = 0);
    // The message the shown frame belongs to (FragmentGrouper::find on the capture model).
    void showFragments(const FragmentGroup &group);
    void clear();

    [[nodiscard]] int currentStep() const noexcept { return m_step; }
    [[nodiscard]] int stepCount() const;
    [[nodiscard]] QString stepText() const;

    [[nodiscard]] HexView *hexView() const noexcept { return m_hex; }
    [[nodiscard]] BitDiagramView *bitDiagram() const noexcept { return m_bits; }
    [[nodiscard]] ExplainPanel *explainPanel() const noexcept { return m_explain; }
    [[nodiscard]] PayloadView *payloadView() const noexcept { return m_payload; }
    [[nodiscard]] PayloadView *messageView() const noexcept { return m_message; }
    [[nodiscard]] UnmaskingTable *unmaskingTable() const noexcept { return m_unmasking; }
    // The original and forwarded bytes of a frame the proxy's intercept changed (a tab shown only then).
    [[nodiscard]] InterventionView *interventionView() const noexcept { return m_intervention; }
    // Its tab is there (a record the proxy changed is shown), and in front.
    [[nodiscard]] bool isInterventionTabShown() const;
    [[nodiscard]] QAction *nextFieldAction() const noexcept { return m_nextField; }
    [[nodiscard]] QAction *previousFieldAction() const noexcept { return m_previousField; }
    [[nodiscard]] QString fragmentsText() const;

public Q_SLOTS:
    void nextField();
    void previousField();
    void setStep(int step); // -1: nothing highlighted

Q_SIGNALS:
    void stepChanged(int step);
    // The learner clicked a fragment of the message: the main window selects that record.
    void fragmentActivated(quint64 recordId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void highlightFault(protocol::DecodeError error);
    void retranslate();
    void arrangeBytesAndTabs();
    void widenHexToFit();
    void applyStepHighlight();
    void updateStepControls();
    void fitDiagram();
    void showCompressedMessage(const FragmentGroup &group);
    void showIntervention(const capture::CaptureRecord &record);

    HexView *m_hex = nullptr;
    BitDiagramView *m_bits = nullptr;
    ExplainPanel *m_explain = nullptr;
    PayloadView *m_payload = nullptr;
    PayloadView *m_message = nullptr;
    UnmaskingTable *m_unmasking = nullptr;
    InterventionView *m_intervention = nullptr;
    QScrollArea *m_interventionPage = nullptr; // scrolls in a short pane instead of clipping the bytes
    QTabWidget *m_tabs = nullptr;
    QScrollArea *m_bitScroll = nullptr;
    QSplitter *m_bytesAndTabs = nullptr;
    QToolButton *m_nextButton = nullptr;
    QLabel *m_stepLabel = nullptr;
    QLabel *m_fragments = nullptr;
    QAction *m_nextField = nullptr;
    QAction *m_previousField = nullptr;
    int m_step = -1;
    std::optional<capture::CaptureRecord> m_record; // the record shown, for showFragments()
};

} // namespace wslab::inspector
